/**
 * The reference plan's preflight (.github/canary.yml, 8 checks) run end to end through runPlanPreflight, with
 * the plan copied and its fixed URLs pointed at local counterparts: a healthy service, a real Prometheus with
 * history, real promtool, a drill script, a git repository with a tag, and the GitHub emulator. Then the same
 * plan against a flaky service and a breaking schema change, and without the drill tool (simulated).
 */
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parsePlan, type ReleasePlan } from '../../src/config/index.js';
import { PrometheusSource } from '../../src/metrics/prometheus.js';
import { runPlanPreflight } from '../../src/preflight/plan-preflight.js';
import { createGitHubClient } from '../../src/github/client.js';
import { run as cli } from '../../src/cli/commands/preflight.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { startPrometheus, type TestPrometheus } from '../support/prometheus.js';
import { startEmulatorFront, type EmulatorFront } from './github-front.js';
import { commitAll, git, initRepo, startService, tempDir, writeFiles, type TestService } from './support.js';

const MIN = 60_000;
const t0 = Math.floor((Date.now() - 50 * MIN) / MIN) * MIN;
const promAt = new Date(t0 + 30 * MIN);
// Tuesday 20:00 in Istanbul: after the BIST close, so a schema change is allowed.
const AFTER_CLOSE = new Date('2026-03-03T17:00:00Z');

let healthy: TestService;
let flaky: TestService;
let prom: TestPrometheus;
let emulator: GitHubEmulator;
let front: EmulatorFront;
let work: ReturnType<typeof tempDir>;

const COMPATIBLE_SCHEMA = JSON.stringify({
  type: 'object',
  properties: { id: { type: 'integer' }, venue: { type: 'string' }, tif: { type: 'string' } },
});

function writeDrill(): void {
  writeFiles(work.dir, {
    'tools/soak_failover':
      '#!/bin/sh\necho \'{"takeover_ms": 1520, "dual_leadership": false, "duplicates": 0}\'\n',
  });
  chmodSync(path.join(work.dir, 'tools/soak_failover'), 0o755);
}

function localPlan(serviceUrl: string): ReleasePlan {
  const text = readFileSync(path.join(process.cwd(), '.github/canary.yml'), 'utf8')
    .replaceAll('http://127.0.0.1:4001', serviceUrl)
    .replace('http://127.0.0.1:9090', prom.url);
  return parsePlan(text, 'canary.yml (local copy)');
}

beforeAll(async () => {
  const lines = ['# TYPE pos_skew_breach counter'];
  for (let t = t0; t <= t0 + 45 * MIN; t += 15_000)
    lines.push(`pos_skew_breach_total{service="spark"} 3 ${t / 1000}`);
  lines.push('# EOF');
  [healthy, flaky, prom, emulator] = await Promise.all([
    startService('healthy'),
    startService('flaky'),
    startPrometheus({ history: `${lines.join('\n')}\n` }),
    startGitHubEmulator({
      seed: {
        owner: 'spark',
        repo: 'trading-api',
        issues: [{ number: 7, title: 'Cosmetic', labels: ['documentation'] }],
      },
    }),
  ]);
  front = await startEmulatorFront(emulator);

  work = tempDir('preflight-ref-');
  initRepo(work.dir);
  writeFiles(work.dir, {
    'monitoring/alerts/rules.yml':
      'groups:\n  - name: spark\n    rules:\n      - alert: EffectiveFeeJump\n        expr: effective_fee_bps_now > 5\n',
    'schemas/order.schema.json': JSON.stringify({
      type: 'object',
      properties: { id: { type: 'integer' }, venue: { type: 'string' } },
    }),
  });
  writeDrill();
  commitAll(work.dir, 'v1.3.0', '2026-02-01T10:00:00Z');
  git(work.dir, ['tag', 'v1.3.0']);
  writeFiles(work.dir, { 'schemas/order.schema.json': COMPATIBLE_SCHEMA });
  commitAll(work.dir, 'add optional tif', '2026-02-10T10:00:00Z');
});
afterAll(async () => {
  await front?.close();
  await emulator?.close();
  await prom?.stop();
  await Promise.all([healthy?.close(), flaky?.close()]);
  work?.cleanup();
});

function preflight(plan: ReleasePlan, extra: { missingCommand?: 'error' | 'simulate' } = {}) {
  const client = createGitHubClient({
    token: 'fake-token-refPlanToken123',
    baseUrl: front.url,
    dryRun: true,
    log: { info: () => {}, warn: () => {} },
  });
  return runPlanPreflight({
    plan,
    version: '1.4.0',
    at: AFTER_CLOSE,
    repoDir: work.dir,
    clock: { now: () => promAt },
    env: { PATH: process.env.PATH },
    deps: {
      metrics: () => new PrometheusSource({ url: prom.url, timeoutMs: 5_000, retries: 0 }),
      github: { client, repo: { owner: 'spark', repo: 'trading-api' }, sha: 'b'.repeat(40) },
    },
    ...extra,
  });
}

describe('the reference plan preflight with local counterparts', () => {
  it('passes 8/8 and renders preflight.txt through the evidence template', async () => {
    const { report, evidence } = await preflight(localPlan(healthy.url));
    for (const r of report.results) expect(r.status, `${r.name}: ${r.message}`).toBe('pass');
    expect(report.summaryLine).toBe('8/8 PASS');
    expect(report.results.map((r) => r.kind)).toEqual([
      'http',
      'http',
      'run',
      'run',
      'promql',
      'schema_diff',
      'github',
      'calendar',
    ]);
    expect(evidence.path).toBe('evidence/1.4.0/preflight.txt');
    expect(evidence.content).toContain('Result: 8/8 PASS');
    expect(evidence.content).toContain('[PASS] failover-drill');
    expect(evidence.content).toContain('takeover_ms = 1520');
    expect(evidence.content).toContain('[PASS] skew-breaches');
    if (process.env.PREFLIGHT_SHOW) console.info(evidence.content);
  });

  it('fails 6/8 against a flaky service and a breaking schema change, each for its own reason', async () => {
    writeFiles(work.dir, {
      'schemas/order.schema.json': JSON.stringify({
        type: 'object',
        properties: { id: { type: 'integer' } },
      }),
    });
    commitAll(work.dir, 'drop venue', '2026-02-11T10:00:00Z');
    try {
      const { report, evidence } = await preflight(localPlan(flaky.url));
      const byName = Object.fromEntries(report.results.map((r) => [r.name, r]));
      expect(report.summaryLine).toBe('6/8 FAIL');
      expect(byName['blast-radius']!.message).toContain('success 90.0% is below 95%');
      expect(byName['schema-compat']!.message).toContain('schemas/order.schema.json: field venue removed');
      expect(evidence.content).toContain('Result: 6/8 FAIL');
      expect(evidence.content).toContain('[FAIL] schema-compat');
    } finally {
      writeFiles(work.dir, { 'schemas/order.schema.json': COMPATIBLE_SCHEMA });
      commitAll(work.dir, 'restore venue', '2026-02-12T10:00:00Z');
    }
  });

  it('simulates the drill where the tool does not exist, never passing it', async () => {
    rmSync(path.join(work.dir, 'tools/soak_failover'));
    try {
      const { report } = await preflight(localPlan(healthy.url), { missingCommand: 'simulate' });
      const drill = report.results.find((r) => r.name === 'failover-drill')!;
      expect(drill.status).toBe('simulated');
      expect(drill.message).toBe(
        'simulated: would run `./tools/soak_failover --json` (command not found here: ./tools/soak_failover)',
      );
      expect(report.summaryLine).toBe('7/8 SIMULATED');
      const { report: strict } = await preflight(localPlan(healthy.url));
      expect(strict.results.find((r) => r.name === 'failover-drill')!.message).toContain(
        'command not found: ./tools/soak_failover',
      );
      expect(strict.summaryLine).toBe('7/8 FAIL');
    } finally {
      writeDrill();
    }
  });
});

describe('canary-conductor preflight (CLI)', () => {
  async function capture(argv: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      return { code: await cli(argv), out };
    } finally {
      spy.mockRestore();
    }
  }

  function writePlan(serviceUrl: string): string {
    const text = readFileSync(path.join(process.cwd(), '.github/canary.yml'), 'utf8')
      .replaceAll('http://127.0.0.1:4001', serviceUrl)
      .replace(
        /^preflight:\n(?: {2}- .*\n)+/m,
        [
          'preflight:',
          `  - { name: health, http: { url: "${serviceUrl}/api/healthz", expect: { status: 200, json: { version: "{{version}}" } } } }`,
          `  - { name: blast-radius, http: { url: "${serviceUrl}/", requests: 30, success_rate_min: 95, p95_max_ms: 500 } }`,
          '  - { name: alert-rules, run: "promtool check rules monitoring/alerts/rules.yml" }',
          '  - { name: schema-compat, schema_diff: { paths: ["schemas/**"] } }',
          '',
        ].join('\n'),
      );
    const file = path.join(work.dir, 'plan.yml');
    writeFiles(work.dir, { 'plan.yml': text });
    return file;
  }

  it('exits 0 with the table and 4/4 PASS, and 1 with 3/4 FAIL in --json against the flaky service', async () => {
    const ok = await capture([
      '--config',
      writePlan(healthy.url),
      '--version',
      '1.4.0',
      '--repo-dir',
      work.dir,
      '--out',
      path.join(work.dir, 'out'),
    ]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/Preflight 4\/4 PASS\n$/);
    expect(readFileSync(path.join(work.dir, 'out/preflight.txt'), 'utf8')).toContain('Result: 4/4 PASS');

    const bad = await capture([
      '--config',
      writePlan(flaky.url),
      '--version',
      '1.4.0',
      '--repo-dir',
      work.dir,
      '--json',
    ]);
    expect(bad.code).toBe(1);
    const json = JSON.parse(bad.out) as {
      summary_line: string;
      results: Array<{ name: string; status: string }>;
    };
    expect(json.summary_line).toBe('3/4 FAIL');
    expect(json.results.find((r) => r.name === 'blast-radius')!.status).toBe('fail');
  });

  it('rejects bad input with a ConfigurationError naming the flag', async () => {
    await expect(cli(['--version', '1.4.0', '--at', 'tomorrow'])).rejects.toThrow(
      '--at: "tomorrow" is not a time',
    );
    await expect(cli(['--version', ''])).rejects.toThrow('--version is empty');
  });
});
