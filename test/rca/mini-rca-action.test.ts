import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMiniRca } from '../../src/rca/mini-rca.js';
import { runAction } from '../support/run-action.js';
import {
  bareRepo,
  git,
  REFERENCE_PLAN,
  runRelease,
  seedEvidence,
  removeTempDirs,
  tempDir,
} from './release-fixtures.js';

afterAll(removeTempDirs);

function workspace(): string {
  const ws = tempDir('rca-ws-');
  mkdirSync(path.join(ws, '.github'));
  copyFileSync(REFERENCE_PLAN, path.join(ws, '.github', 'canary.yml'));
  return ws;
}

describe('mini-rca action (bundled, through the runner harness)', () => {
  it('writes the RCA of a rolled-back release, naming the breach, to the evidence, the outputs and the job summary', async () => {
    const evidence = bareRepo('rca-evidence-');
    await seedEvidence(evidence, await runRelease('rolled-back'));
    const ws = workspace();
    const result = await runAction('mini-rca', {
      cwd: ws,
      inputs: { version: '1.4.0', 'evidence-remote': evidence },
      timeoutMs: 60_000,
    });
    expect(result.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.outcome).toBe('rolled-back');
    const md = readFileSync(result.outputs['rca-path']!, 'utf8');
    expect(path.basename(result.outputs['rca-path']!)).toBe('mini_rca_1.4.0.md');
    expect(md).toContain(
      'api_p95 breached its hard threshold at stage 3 quarter (25%): 450 ms, threshold hard > 400 ms',
    );
    expect(md).toMatch(/1\. The root cause of the api_p95 regression .* - @sre-lead - \d{4}-\d{2}-\d{2}/);
    expect(readFileSync(result.outputs['report-path']!, 'utf8')).toContain('<svg class="metric-chart"');
    expect(result.summary).toContain(
      'api_p95 breached its hard threshold at stage 3 quarter (25%): 450 ms, threshold hard &gt; 400 ms',
    );
    expect(result.summary).toContain('<h3>Timeline</h3>');
    const files = git(evidence, 'ls-tree', '-r', '--name-only', 'canary-evidence', 'evidence/1.4.0').split(
      '\n',
    );
    expect(files).toEqual(
      expect.arrayContaining(['evidence/1.4.0/mini_rca_1.4.0.md', 'evidence/1.4.0/report.html']),
    );
    expect(git(evidence, 'show', 'canary-evidence:evidence/1.4.0/mini_rca_1.4.0.md')).toBe(md.trimEnd());
  });

  it('dry-run renders locally and pushes nothing; no evidence branch is a clear error', async () => {
    const evidence = bareRepo('rca-evidence-');
    await seedEvidence(evidence, await runRelease('promoted'));
    const refs = git(evidence, 'ls-remote', '.');
    const ws = workspace();
    const dry = await runAction('mini-rca', {
      cwd: ws,
      inputs: { version: '1.4.0', 'evidence-remote': evidence, 'dry-run': 'true', 'out-dir': 'out' },
      timeoutMs: 60_000,
    });
    expect(dry.exitCode).toBe(0);
    expect(dry.outputs['rca-path']).toBe(path.join(ws, 'out', 'mini_rca_1.4.0.md'));
    expect(readFileSync(dry.outputs['rca-path']!, 'utf8')).toContain('All 5/5 stages proceeded');
    expect(git(evidence, 'ls-remote', '.')).toBe(refs);

    const empty = bareRepo('rca-empty-');
    const missing = await runAction('mini-rca', {
      cwd: ws,
      inputs: { version: '1.4.0', 'evidence-remote': empty },
      timeoutMs: 60_000,
    });
    expect(missing.exitCode).toBe(1);
    expect(missing.annotations[0]!.message).toBe(
      'evidence-remote: branch canary-evidence does not exist on the evidence remote; no stage ran for 1.4.0 (expected evidence in evidence/1.4.0)',
    );
  });

  it('the committed report.html links every evidence file and the decision log, relative to its own folder', async () => {
    const evidence = bareRepo('rca-evidence-');
    await seedEvidence(evidence, await runRelease('rolled-back'));
    const ws = workspace();
    await runMiniRca({
      configPath: path.join(ws, '.github', 'canary.yml'),
      version: '1.4.0',
      evidenceRemote: evidence,
      dryRun: false,
      outDir: path.join(ws, 'out'),
      clock: { now: () => new Date('2026-03-03T07:30:00Z') },
      log: () => {},
    });
    const onBranch = new Set(git(evidence, 'ls-tree', '-r', '--name-only', 'canary-evidence').split('\n'));
    const html = git(evidence, 'show', 'canary-evidence:evidence/1.4.0/report.html');
    const links = [...html.matchAll(/<li><a href="([^"]+)">/g)].map((m) =>
      path.posix.join('evidence/1.4.0', decodeURI(m[1]!)),
    );
    expect(links).toEqual(
      expect.arrayContaining(['evidence/1.4.0/report.html', 'evidence/1.4.0/stage_3.json']),
    );
    expect(links.some((l) => l.startsWith('reports/'))).toBe(true);
    expect(links.filter((l) => !onBranch.has(l))).toEqual([]);
  });
});
