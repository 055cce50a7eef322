/**
 * The bundled preflight action run as the runner runs it (test/support/run-action.ts), against a local service,
 * a git checkout with a tag, and the GitHub emulator.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobToken, startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { DEFAULT_TEST_TOKEN, runAction } from '../support/run-action.js';
import { startEmulatorFront, type EmulatorFront } from './github-front.js';
import { commitAll, git, initRepo, startService, tempDir, writeFiles, type TestService } from './support.js';

let healthy: TestService;
let flaky: TestService;
let emulator: GitHubEmulator;
let front: EmulatorFront;
let work: ReturnType<typeof tempDir>;

const plan = (serviceUrl: string) => `version: 1
release: { service: spark-trading-api }
metrics:
  prometheus: { url: "http://127.0.0.1:9" }
  queries: { p95: { query: "vector(1)" } }
guardrails: { p95: { metric: p95, hard: { above: 400 } } }
stages: [{ name: pilot, traffic: 1, duration: 15m, interval: 2m, guardrails: [p95] }]
evidence: { branch: canary-evidence }
preflight:
  - { name: health, http: { url: "${serviceUrl}/api/healthz", expect: { status: 200, json: { version: "{{version}}" } } } }
  - { name: blast-radius, http: { url: "${serviceUrl}/", requests: 30, success_rate_min: 95, p95_max_ms: 500 } }
  - { name: alert-rules, run: "promtool check rules rules.yml" }
  - { name: schema-compat, schema_diff: { paths: ["schemas/**"] } }
  - { name: no-blockers, github: { open_issues_with_labels: [blocker, critical], max: 0 } }
`;

beforeAll(async () => {
  [healthy, flaky, emulator] = await Promise.all([
    startService('healthy'),
    startService('flaky'),
    startGitHubEmulator({
      seed: {
        owner: 'spark',
        repo: 'trading-api',
        issues: [{ number: 3, title: 'Stale <b>quotes</b>', labels: ['critical'], state: 'closed' }],
      },
      // The token carries the preflight job's permissions, as on GitHub.
      tokens: jobToken(DEFAULT_TEST_TOKEN, 'preflight'),
    }),
  ]);
  front = await startEmulatorFront(emulator);
  work = tempDir('preflight-action-');
  initRepo(work.dir);
  writeFiles(work.dir, {
    'rules.yml': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n',
    'schemas/o.json': '{"type":"object","properties":{"id":{"type":"integer"}}}',
    '.github/canary.yml': plan(healthy.url),
    '.github/flaky.yml': plan(flaky.url),
  });
  commitAll(work.dir, 'one', '2026-01-01T00:00:00Z');
  git(work.dir, ['tag', 'v1.3.0']);
  writeFiles(work.dir, { 'README.md': 'x' });
  commitAll(work.dir, 'two', '2026-01-02T00:00:00Z');
});
afterAll(async () => {
  await front?.close();
  await emulator?.close();
  await Promise.all([healthy?.close(), flaky?.close()]);
  work?.cleanup();
});

describe('preflight action', () => {
  it('sets outputs, writes the table and preflight.txt, and succeeds at 5/5 PASS', async () => {
    const run = await runAction('preflight', {
      inputs: { version: '1.4.0' },
      cwd: work.dir,
      github: { url: front.url, serverUrl: front.url, repository: 'spark/trading-api' },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['summary-line']).toBe('5/5 PASS');
    expect(run.outputs['passed']).toBe('5');
    expect(run.outputs['total']).toBe('5');
    const results = JSON.parse(run.outputs['result-json']!) as Array<{ name: string; status: string }>;
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(run.summary).toContain('Preflight 5/5 PASS');
    expect(run.summary).toContain('<td>blast-radius</td>');
    const file = run.outputs['evidence-file']!;
    expect(path.relative(work.dir, file)).toBe('evidence/1.4.0/preflight.txt');
    expect(readFileSync(file, 'utf8')).toContain('Result: 5/5 PASS');
  });

  it('fails the step with 4/5 FAIL and an error annotation naming the blast radius', async () => {
    const run = await runAction('preflight', {
      inputs: { version: '1.4.0', config: '.github/flaky.yml' },
      cwd: work.dir,
      github: { url: front.url, serverUrl: front.url, repository: 'spark/trading-api' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['summary-line']).toBe('4/5 FAIL');
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(
      errors.some(
        (a) =>
          a.properties['title'] === 'preflight blast-radius' &&
          a.message.includes('success 90.0% is below 95%'),
      ),
    ).toBe(true);
    expect(errors.some((a) => a.message.includes('Preflight 4/5 FAIL: blast-radius did not pass'))).toBe(
      true,
    );
  });
});
