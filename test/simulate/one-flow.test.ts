/**
 * One flow: `simulate` and the chain of actions write the same decision records for the same scenario.
 *
 * The same plan runs twice per scenario:
 *   - through `simulateRelease` (virtual clock, synthetic metric source, the simulation's stand-ins);
 *   - through the actions from source, run as the runner runs them (INPUT_* env, GITHUB_OUTPUT), in the reusable
 *     workflow's order, against the GitHub emulator, a local feature-flag server, a local bare repository as the
 *     evidence remote, and a real Prometheus scraping an exporter that serves the simulation's own profiles.
 * Metric noise is 0 on both sides (flat lines), so the measured values are the same numbers; a latency
 * regression is the synthetic source's breach value on the canary from stage 3. The records are compared on
 * what was decided and why: phase, decision, reason, approver, traffic share and the metrics snapshot (values,
 * thresholds, statuses), with ISO times in reasons masked; run ids, record times, hashes, notes (which name the
 * metric source) and evidence digests differ by nature.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/index.js';
import { readDecisionLog, type DecisionRecord } from '../../src/evidence/decision-log.js';
import { SyntheticSource, type MetricProfile } from '../../src/metrics/synthetic.js';
import { deriveProfiles } from '../../src/simulate/profiles.js';
import { simulateRelease } from '../../src/simulate/simulate.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { startPrometheus, type TestPrometheus } from '../support/prometheus.js';
import { runAction, type ActionRun } from '../support/run-action.js';
import { startFlagServer, type FlagServer } from '../traffic/flag-server.js';
import { createReleaseRepo, type ReleaseRepo } from '../chain/release-repo.js';

const VERSION = '1.4.0';
type Scenario = 'healthy' | 'latency-regression';
/** Each scenario's exporter is its own scrape job, so the two releases run side by side on one Prometheus. */
const SCRAPE_JOB: Record<Scenario, string> = {
  healthy: 'one-flow-healthy',
  'latency-regression': 'one-flow-regression',
};

function planText(prometheusUrl: string, flagUrl: string, job: string): string {
  const q = (metric: string) => `${metric}{job="${job}",track="{{track}}"}`;
  return `version: 1
release:
  service: one-flow-api
  tag: "v{{version}}"
  timezone: UTC

metrics:
  prometheus:
    url: ${prometheusUrl}
  tracks: { label: track, canary: canary, baseline: stable }
  queries:
    p95_latency_ms: { query: '${q('p95_latency_ms')}' }
    error_rate_pct: { query: '${q('error_rate_pct')}' }

guardrails:
  api_p95:    { metric: p95_latency_ms, pass: { below: 200 }, hard: { above: 400 } }
  error_rate: { metric: error_rate_pct, pass: { below: 1 }, hard: { above: 3 } }

stages:
  - { name: pilot,      traffic: 1,  duration: 4s, interval: 2s, guardrails: [api_p95, error_rate] }
  - { name: confidence, traffic: 5,  duration: 4s, interval: 2s, guardrails: [api_p95, error_rate] }
  - { name: quarter,    traffic: 25, duration: 4s, interval: 2s, guardrails: [api_p95, error_rate] }

preflight: []

traffic:
  http: { url: "${flagUrl}/api/features/rollout", method: POST, body: '{"feature":"v{{version}}","percentage":{{weight}}}' }

rollback:
  traffic: 0

evidence:
  branch: canary-evidence
  dir: "evidence/{{version}}"
  decisions: "reports/release_decisions/{{deployment_id}}.yaml"

rca:
  owners: ["@sre-lead"]
  due_in: 7d
`;
}

/** An exporter whose gauges are the simulation's profiles, read from a synthetic source the test can switch. */
interface ProfileExporter {
  target: string;
  /** From now on, serve this scenario (its onset is now). */
  play(scenario: Scenario): void;
  stop(): Promise<void>;
}

async function startProfileExporter(profiles: MetricProfile[]): Promise<ProfileExporter> {
  const sourceFor = (scenario: Scenario) =>
    new SyntheticSource({ scenario, profiles, startAt: new Date(), onsetAt: 0, seed: 1 });
  let source = sourceFor('healthy');
  const server: Server = createServer((_req, res) => {
    const now = new Date();
    const lines = profiles.flatMap((p) =>
      (['canary', 'stable'] as const).map(
        (track) =>
          `${p.metric}{track="${track}"} ${source.valueAt(p.metric, track === 'stable' ? 'baseline' : 'canary', now)}`,
      ),
    );
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    target: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    play: (scenario) => {
      source = sourceFor(scenario);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What a decision record says was decided and why, without run ids, times and digests. */
function decided(records: DecisionRecord[]) {
  return records.map((r) => ({
    phase: r.phase,
    decision: r.decision,
    reason: r.reason.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>'),
    approver: r.approver,
    approval_comment: r.approval_comment,
    traffic_share: r.traffic_share,
    metrics_snapshot: r.metrics_snapshot,
  }));
}

const FLAT: MetricProfile[] = [];
let prom: TestPrometheus;
const exporters = {} as Record<Scenario, ProfileExporter>;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  const shape = parsePlan(planText('http://127.0.0.1:9', 'http://127.0.0.1:9', 'shape'), 'one-flow');
  FLAT.push(...deriveProfiles(shape).map((p) => ({ ...p, noise: 0 })));
  for (const scenario of Object.keys(SCRAPE_JOB) as Scenario[])
    exporters[scenario] = await startProfileExporter(FLAT);
  prom = await startPrometheus({
    scrapeJobs: (Object.keys(SCRAPE_JOB) as Scenario[]).map((scenario) => ({
      job: SCRAPE_JOB[scenario],
      targets: [exporters[scenario].target],
    })),
    scrapeIntervalSeconds: 1,
  });
  for (const job of Object.values(SCRAPE_JOB))
    await prom.waitForSeries(`p95_latency_ms{job="${job}",track="canary"}`, { timeoutMs: 30_000 });
}, 60_000);

afterAll(async () => {
  for (const close of closers) await close();
  for (const exporter of Object.values(exporters)) await exporter.stop();
  await prom?.stop();
});

interface ChainWorld {
  repo: ReleaseRepo;
  emulator: GitHubEmulator;
  flags: FlagServer;
  runId: number;
  text: string;
}

async function chainWorld(runId: number, scenario: Scenario): Promise<ChainWorld> {
  const flags = await startFlagServer();
  // The chain's workflow run is one GitHub knows (nobody reviews it).
  const emulator = await startGitHubEmulator({
    seed: { owner: 'acme', repo: 'one-flow-api', runApprovals: { [runId]: [] } },
  });
  closers.push(
    () => emulator.close(),
    () => flags.stop(),
  );
  const text = planText(prom.url, flags.url, SCRAPE_JOB[scenario]);
  return { repo: await createReleaseRepo(text), emulator, flags, runId, text };
}

async function step(w: ChainWorld, name: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(name, {
    inputs: { config: '.github/canary.yml', version: VERSION, 'evidence-remote': w.repo.bare, ...inputs },
    cwd: w.repo.workspace,
    github: { url: w.emulator.url, serverUrl: w.emulator.serverUrl, repository: w.emulator.repository },
    runId: w.runId,
    entry: 'source',
    timeoutMs: 90_000,
  });
}

function ok(r: ActionRun, what: string): ActionRun {
  if (r.exitCode !== 0)
    throw new Error(`${what} exited ${r.exitCode}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`);
  return r;
}

function chainRecords(w: ChainWorld): DecisionRecord[] {
  const file = `reports/release_decisions/one-flow-api-${VERSION}-${w.runId}.yaml`;
  return readDecisionLog(
    execFileSync('git', ['show', `canary-evidence:${file}`], { cwd: w.repo.bare, encoding: 'utf8' }),
    file,
  );
}

async function simulatedRecords(w: ChainWorld, scenario: Scenario) {
  const result = await simulateRelease({
    plan: parsePlan(w.text, '.github/canary.yml'),
    planText: w.text,
    scenario,
    seed: 1,
    metricNoise: 0,
    outDir: path.join(mkdtempSync(path.join(os.tmpdir(), 'one-flow-')), 'out'),
  });
  const records = readDecisionLog(
    execFileSync('git', ['show', `canary-evidence:${result.decisionLog}`], {
      cwd: result.repository,
      encoding: 'utf8',
    }),
    result.decisionLog,
  );
  return { result, records };
}

describe('simulate and the chain of actions write the same decision records', () => {
  it.concurrent('healthy: three stages proceed, promote seals the log', { timeout: 300_000 }, async () => {
    const w = await chainWorld(8101, 'healthy');
    for (let n = 1; n <= 3; n++)
      expect(ok(await step(w, 'stage-gate', { stage: String(n) }), `stage ${n}`).outputs.decision).toBe(
        'PROCEED',
      );
    expect(ok(await step(w, 'stage-gate', { mode: 'promote' }), 'promote').outputs.decision).toBe('PROMOTED');
    ok(await step(w, 'release-tag', { sha: w.repo.sha }), 'release-tag');
    ok(await step(w, 'mini-rca', { 'run-outcome': 'promoted' }), 'mini-rca');

    const simulated = await simulatedRecords(w, 'healthy');
    expect(simulated.result.outcome).toBe('promoted');
    const chain = decided(chainRecords(w));
    expect(chain.map((r) => `${r.phase} ${r.decision}`)).toEqual([
      'stage:pilot PROCEED',
      'stage:confidence PROCEED',
      'stage:quarter PROCEED',
      'ga PROMOTED',
    ]);
    expect(decided(simulated.records)).toEqual(chain);
  });

  it.concurrent(
    'latency regression: stage 3 decides ROLLBACK, the rollback job records it',
    { timeout: 300_000 },
    async () => {
      const exporter = exporters['latency-regression'];
      const w = await chainWorld(8102, 'latency-regression');
      for (let n = 1; n <= 2; n++) ok(await step(w, 'stage-gate', { stage: String(n) }), `stage ${n}`);
      // The canary regresses before stage 3; two scrapes later Prometheus holds the breach value.
      exporter.play('latency-regression');
      await prom.waitForSeries(`p95_latency_ms{job="${SCRAPE_JOB['latency-regression']}",track="canary"}`, {
        timeoutMs: 10_000,
        accept: (v) => v > 400,
      });
      const stage3 = await step(w, 'stage-gate', { stage: '3' });
      expect(stage3.exitCode).toBe(1);
      expect(stage3.outputs.decision).toBe('ROLLBACK');
      ok(await step(w, 'rollback', { stage: 'quarter', reason: stage3.outputs.reason! }), 'rollback');
      ok(await step(w, 'mini-rca', { 'run-outcome': 'rolled-back' }), 'mini-rca');

      const simulated = await simulatedRecords(w, 'latency-regression');
      expect(simulated.result.outcome).toBe('rolled_back');
      const chain = decided(chainRecords(w));
      expect(chain.map((r) => `${r.phase} ${r.decision}`)).toEqual([
        'stage:pilot PROCEED',
        'stage:confidence PROCEED',
        'stage:quarter ROLLBACK',
        'rollback ROLLBACK',
      ]);
      expect(chain[2]!.reason).toMatch(/^hard breach: api_p95: canary \d+(\.\d+)? ms breaches hard > 400 ms/);
      expect(decided(simulated.records)).toEqual(chain);
    },
  );
});
