/**
 * `canary-conductor gate` and `backtest` as a user runs them: the built CLI (node bin/canary-conductor.js) against
 * a real Prometheus with backfilled history, checking exit codes 0 / 10 / 11 / 2 and the --json shape.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTHY_PROFILE, type ServiceProfile } from '../support/exporter.js';
import { serviceHistory, startPrometheus, type TestPrometheus } from '../support/prometheus.js';

const execFileAsync = promisify(execFile);
const MIN = 60_000;
const HARD: ServiceProfile = { ...HEALTHY_PROFILE, latencyMedianMs: 300, latencyP95Ms: 700 };
const SOFT: ServiceProfile = { ...HEALTHY_PROFILE, latencyMedianMs: 150, latencyP95Ms: 300 };
// minutes after S: healthy until 40, hard 45..60, healthy, soft 80..140
const canaryAt = (m: number) => (m >= 45 && m < 60 ? HARD : m >= 80 && m < 140 ? SOFT : HEALTHY_PROFILE);

let prom: TestPrometheus;
let S: number;
let dir: string;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const fullEnv: Record<string, string | undefined> = {
    ...process.env,
    PROM_TOKEN: 'local-test-token',
    CANARY_PROMETHEUS_URL: prom.url,
    ...env,
  };
  for (const [k, v] of Object.entries(fullEnv)) if (v === undefined) delete fullEnv[k];
  try {
    const { stdout, stderr } = await execFileAsync('node', ['bin/canary-conductor.js', ...args], {
      env: fullEnv,
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

const at = (minute: number) => new Date(S + minute * MIN).toISOString();

beforeAll(async () => {
  // The CLI runs from lib/, built once by test/global-setup.ts.
  for (const f of ['lib/cli/main.js', 'lib/cli/commands/gate.js', 'lib/cli/commands/backtest.js']) {
    if (!existsSync(f)) throw new Error(`${f} was not built`);
  }
  S = Math.floor((Date.now() - 160 * MIN) / MIN) * MIN;
  const history = serviceHistory(
    { start: new Date(S), end: new Date(S + 150 * MIN), stepSeconds: 15 },
    (track, t) => (track === 'canary' ? canaryAt((t * 1000 - S) / MIN) : HEALTHY_PROFILE),
  );
  prom = await startPrometheus({ history });
  dir = await mkdtemp(join(tmpdir(), 'gate-cli-'));
}, 180_000);

afterAll(async () => {
  await prom?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('canary-conductor gate (replay)', () => {
  it('healthy window -> exit 0 and the documented --json shape', async () => {
    const r = await cli([
      'gate',
      '--config',
      '.github/canary.yml',
      '--stage',
      'pilot',
      '--from',
      at(10),
      '--to',
      at(30),
      '--json',
    ]);
    expect(r.stderr).toMatch(/^:02 \| Stage 1 \(1%\) \|/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['decision', 'decided_at', 'reason', 'stage', 'samples', 'guardrails']),
    );
    expect(out.decision).toBe('PROCEED');
    expect(out.decided_at).toBe(at(25));
    expect(out.stage.name).toBe('pilot');
    expect(out.samples).toHaveLength(8);
    expect(out.samples[0]).toMatchObject({ index: 1, at: at(12), state: 'sampling' });
    expect(out.guardrails).toHaveLength(4);
    for (const g of out.guardrails) {
      expect(Object.keys(g)).toEqual(
        expect.arrayContaining(['name', 'status', 'values', 'thresholds', 'query']),
      );
      expect(g.status).toBe('pass');
      expect(g.query.canary).toContain('track="canary"');
    }
  });

  it('hard latency regression -> exit 10 (ROLLBACK); text mode prints war-room lines then the decision', async () => {
    const r = await cli([
      'gate',
      '--config',
      '.github/canary.yml',
      '--stage',
      'pilot',
      '--from',
      at(40),
      '--to',
      at(60),
    ]);
    expect(r.code).toBe(10);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-2)).toMatch(/api_p95=HARD \| IC: Rollback$/);
    expect(lines.at(-1)).toMatch(/^ROLLBACK at .*hard > 400 ms/);
  });

  it('sustained soft breach -> exit 11 (REVIEW after the holds)', async () => {
    const r = await cli([
      'gate',
      '--config',
      '.github/canary.yml',
      '--stage',
      'pilot',
      '--from',
      at(78),
      '--json',
    ]);
    expect(r.code).toBe(11);
    const out = JSON.parse(r.stdout);
    expect(out.decision).toBe('REVIEW');
    expect(out.holds).toBe(2);
    // With --json the war-room lines go to stderr: the breach reads PENDING until held for 5m, then SOFT.
    const warroom = r.stderr.split('\n').filter((l) => l.includes('| IC: '));
    const firstPending = warroom.findIndex((l) => l.includes('api_p95=PENDING'));
    const firstSoft = warroom.findIndex((l) => l.includes('api_p95=SOFT'));
    expect(firstPending).toBeGreaterThanOrEqual(0);
    expect(firstSoft).toBeGreaterThan(firstPending);
    expect(warroom.join('\n')).not.toContain('WITHIN');
  });

  it('a window too short to finish the stage -> exit 11, never 0', async () => {
    const r = await cli([
      'gate',
      '--config',
      '.github/canary.yml',
      '--stage',
      'pilot',
      '--from',
      at(10),
      '--to',
      at(20),
      '--json',
    ]);
    expect(r.code).toBe(11);
    expect(JSON.parse(r.stdout).reason).toContain('a run stopped early is not a pass');
  });

  it('Prometheus unreachable -> never exit 0 (ROLLBACK after 3 unmeasurable samples)', async () => {
    const r = await cli([
      'gate',
      '--config',
      '.github/canary.yml',
      '--stage',
      'pilot',
      '--from',
      at(10),
      '--to',
      at(30),
      '--prometheus',
      'http://127.0.0.1:9',
      '--json',
    ]);
    expect(r.code).toBe(10);
    expect(JSON.parse(r.stdout).samples[0].guardrails[0].unmeasurable[0].reason).toBe('unreachable');
  });

  it.each([
    [['gate', '--config', '.github/canary.yml'], /--stage is required/],
    [
      ['gate', '--config', '.github/canary.yml', '--stage', 'nope'],
      /"nope" is not a stage of the plan \(one of: pilot, confidence/,
    ],
    [
      ['gate', '--config', '.github/canary.yml', '--stage', 'pilot', '--from', 'yesterday'],
      /--from: "yesterday" is not a time/,
    ],
    [
      ['gate', '--config', '.github/canary.yml', '--stage', 'pilot', '--to', '2026-01-01T00:00:00Z'],
      /--to: needs --from/,
    ],
    [['gate', '--config', 'missing.yml', '--stage', 'pilot'], /missing\.yml does not exist/],
    [['gate', '--config', '.github/canary.yml', '--stage', 'pilot', '--bogus'], /unknown option --bogus/],
    [
      ['backtest', '--config', '.github/canary.yml', '--from', '2026-01-01T00:00:00Z'],
      /--from and --to are required/,
    ],
    [
      [
        'backtest',
        '--config',
        '.github/canary.yml',
        '--from',
        '2026-01-01T00:00:00Z',
        '--to',
        '2026-01-02T00:00:00Z',
        '--step',
        'hourly',
      ],
      /--step: "hourly" is not a duration/,
    ],
  ])('bad input %j -> exit 2 with a message naming the problem', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('the bearer token variable the plan names is unset -> exit 2, and the token never appears in output', async () => {
    const r = await cli(
      ['gate', '--config', '.github/canary.yml', '--stage', 'pilot', '--from', at(10), '--to', at(30)],
      { PROM_TOKEN: undefined },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PROM_TOKEN');
    const ok = await cli([
      'gate',
      '--config',
      '.github/canary.yml',
      '--stage',
      'pilot',
      '--from',
      at(10),
      '--to',
      at(30),
      '--json',
    ]);
    expect(ok.stdout + ok.stderr).not.toContain('local-test-token');
  });

  it('--prometheus beats CANARY_PROMETHEUS_URL, which beats the plan', async () => {
    const viaEnv = await cli([
      'gate',
      '--config',
      '.github/canary.yml',
      '--stage',
      'pilot',
      '--from',
      at(10),
      '--to',
      at(30),
      '--json',
    ]);
    expect(JSON.parse(viaEnv.stdout).source).toBe(`prometheus ${prom.url}`);
    const viaFlag = await cli([
      'gate',
      '--config',
      '.github/canary.yml',
      '--stage',
      'pilot',
      '--from',
      at(10),
      '--to',
      at(12),
      '--prometheus',
      'http://127.0.0.1:9',
      '--json',
    ]);
    expect(JSON.parse(viaFlag.stdout).source).toBe('prometheus http://127.0.0.1:9');
  });
});

describe('canary-conductor backtest', () => {
  it('reports per stage and guardrail how often soft and hard would have fired', async () => {
    const r = await cli([
      'backtest',
      '--config',
      '.github/canary.yml',
      '--stage',
      'pilot',
      '--from',
      at(5),
      '--to',
      at(145),
      '--step',
      '10m',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const pilot = report.stages[0];
    expect(pilot.stage).toBe('pilot');
    expect(pilot.windows).toBe(13);
    const p95 = pilot.guardrails.find((g: { name: string }) => g.name === 'api_p95');
    // Windows starting at 35, 45 and 55 overlap the hard segment 45..60 (the 55 window sees its last minutes).
    expect(p95.hard).toBe(3);
    expect(p95.hard_windows).toEqual([at(35), at(45), at(55)]);
    expect(p95.soft).toBeGreaterThanOrEqual(5);
    expect(pilot.guardrails.find((g: { name: string }) => g.name === 'memory_headroom').hard).toBe(0);
    expect(pilot.decisions.ROLLBACK).toBe(3);
    expect(
      pilot.decisions.PROCEED + pilot.decisions.HOLD + pilot.decisions.REVIEW + pilot.decisions.ROLLBACK,
    ).toBe(13);

    const table = await cli([
      'backtest',
      '--config',
      '.github/canary.yml',
      '--stage',
      'pilot',
      '--from',
      at(5),
      '--to',
      at(145),
      '--step',
      '10m',
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/pilot\s+api_p95\s+13\s+\d+\s+[\d.]+%\s+3\s+23\.1%/);
  });
});

describe('canary-conductor gate (live)', () => {
  it('live against a Prometheus: prints one war-room line per 2 s sample and proceeds on healthy data', async () => {
    // Live data for the last minutes exists in the backfill only up to S+150; so gate a live stage over a plan whose
    // queries look 3 hours back (offset), which keeps this test on real Prometheus data without an exporter.
    const plan = (await readFile('.github/canary.yml', 'utf8'))
      .replace(/\[1m\]\)/g, `[1m] offset ${Math.ceil((Date.now() - S - 20 * MIN) / MIN)}m)`)
      .replace(
        /min\(mem_available_pct\{track="\{\{track\}\}"\}\)/,
        `min(mem_available_pct{track="{{track}}"} offset ${Math.ceil((Date.now() - S - 20 * MIN) / MIN)}m)`,
      )
      .replace(/for: 5m/g, 'for: 4s')
      .replace(
        /stages:\n[\s\S]*?\n\npreflight:/,
        'stages:\n  - { name: drill, traffic: 1, duration: 8s, interval: 2s, hold: 10s, guardrails: [api_p95, error_rate, accept_errors, memory_headroom] }\n\npreflight:',
      );
    const file = join(dir, 'live.yml');
    await writeFile(file, plan, 'utf8');
    const started = Date.now();
    const r = await cli(['gate', '--config', file, '--stage', 'drill']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /^:00:02 \| Stage 1 \(1%\) \| p95=\d+ms 5xx=0\.2% accept=[+-]0%(\(mde[^)]*\))? mem=45% \| [34]\/4 PASS.* \| IC: Continue$/,
    );
    expect(lines[3]).toMatch(/^:00:08 .* IC: Proceed$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(8000);
  });
});
