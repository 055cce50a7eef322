/** The action harness, and the `plan` action run through it exactly as the runner runs it. */
import { mkdirSync, mkdtempSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEST_TOKEN,
  REPO_ROOT,
  inputVariable,
  parseAnnotations,
  parseFileCommand,
  runAction,
} from '../support/run-action.js';

function workspaceWithPlan(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'plan-workspace-'));
  mkdirSync(join(workspace, '.github'));
  copyFileSync(join(REPO_ROOT, '.github', 'canary.yml'), join(workspace, '.github', 'canary.yml'));
  return workspace;
}

describe("runAction harness: the runner's file and workflow commands", () => {
  it('reads outputs exactly as @actions/core 3 writes them (heredoc-delimited, multi-line)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'output-format-'));
    const file = join(dir, 'out');
    writeFileSync(file, '');
    const saved = process.env['GITHUB_OUTPUT'];
    process.env['GITHUB_OUTPUT'] = file;
    try {
      core.setOutput('stages', JSON.stringify([{ name: 'pilot' }]));
      core.setOutput('notes', 'line one\nline two\n\nline four');
      core.setOutput('empty', '');
    } finally {
      if (saved === undefined) delete process.env['GITHUB_OUTPUT'];
      else process.env['GITHUB_OUTPUT'] = saved;
    }
    expect(readFileSync(file, 'utf8')).toMatch(/^stages<<ghadelimiter_/);
    expect(parseFileCommand(readFileSync(file, 'utf8'))).toEqual({
      stages: '[{"name":"pilot"}]',
      notes: 'line one\nline two\n\nline four',
      empty: '',
    });
    expect(parseFileCommand('legacy=value=with=equals\n')).toEqual({ legacy: 'value=with=equals' });
    expect(() => parseFileCommand('k<<EOF\nnever closed\n')).toThrow(/never closes/);
  });

  it('reads annotations with their properties and unescapes them', () => {
    const out = [
      '::error file=src/a.ts,line=3,title=Gate%3A breach%2C hard::p95=412ms%0Aabove 400',
      '::warning::soft breach',
      '::notice title=done::ok 100%25',
      '::add-mask::fake-token-secret',
      '::debug::ignored',
      'plain log line',
    ].join('\n');
    expect(parseAnnotations(out)).toEqual({
      annotations: [
        {
          level: 'error',
          message: 'p95=412ms\nabove 400',
          properties: { file: 'src/a.ts', line: '3', title: 'Gate: breach, hard' },
        },
        { level: 'warning', message: 'soft breach', properties: {} },
        { level: 'notice', message: 'ok 100%', properties: { title: 'done' } },
      ],
      masks: ['fake-token-secret'],
    });
  });

  it('names inputs the way the runner does', () => {
    expect(inputVariable('dry-run')).toBe('INPUT_DRY-RUN');
    expect(inputVariable('evidence remote')).toBe('INPUT_EVIDENCE_REMOTE');
  });

  it('refuses an action that has not been built', async () => {
    await expect(runAction('no-such-action')).rejects.toThrow(
      /actions\/no-such-action\/dist\/index.js does not exist/,
    );
  });
});

describe('the plan action, run from its bundle', () => {
  it('outputs the stages, stage count, tag and evidence folder of the reference plan', async () => {
    const run = await runAction('plan', {
      inputs: { config: '.github/canary.yml', version: '1.4.0' },
      cwd: workspaceWithPlan(),
      timeoutMs: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs['stages']!)).toEqual([
      { name: 'pilot', traffic: 1, duration_s: 900, interval_s: 120, environment: 'canary-1' },
      { name: 'confidence', traffic: 5, duration_s: 900, interval_s: 120, environment: 'canary-5' },
      { name: 'quarter', traffic: 25, duration_s: 900, interval_s: 120, environment: 'canary-25' },
      { name: 'half', traffic: 50, duration_s: 900, interval_s: 120, environment: 'canary-50' },
      { name: 'full', traffic: 100, duration_s: 1800, interval_s: 120, environment: 'production' },
    ]);
    expect(run.outputs['stage-count']).toBe('5');
    expect(run.outputs['tag']).toBe('v1.4.0');
    expect(run.outputs['evidence-dir']).toBe('evidence/1.4.0');
    expect(run.summary).toContain('spark-trading-api');
    expect(run.summary).toContain('v1.4.0');
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    // The plan action takes no token (it reads only the checkout), so the job's token appears nowhere.
    expect(run.stdout).not.toContain(DEFAULT_TEST_TOKEN);
    expect(run.summary).not.toContain(DEFAULT_TEST_TOKEN);
  });

  it('fails with an error annotation naming the input when the version is malformed', async () => {
    const run = await runAction('plan', {
      inputs: { version: '1.4.0; rm -rf /' },
      cwd: workspaceWithPlan(),
      timeoutMs: 20_000,
    });
    expect(run.exitCode).not.toBe(0);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.message).toMatch(/version/);
    expect(run.exitCode).toBeGreaterThan(0);
    expect(run.outputs['stages']).toBeUndefined();
  });

  it('fails closed when the plan file is missing', async () => {
    const run = await runAction('plan', { inputs: { version: '1.4.0' }, timeoutMs: 20_000 });
    expect(run.exitCode).not.toBe(0);
    expect(run.annotations.some((a) => a.level === 'error' && /canary\.yml/.test(a.message))).toBe(true);
  });
});
