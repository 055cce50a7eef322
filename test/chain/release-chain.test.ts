/**
 * The must-show: the bundled actions of the reusable workflow, run in its order by the harness (as the runner runs
 * them: INPUT_* env, GITHUB_OUTPUT, job summaries) against the GitHub emulator, a real Prometheus scraping live
 * exporters every second, a local feature-flag server and a local bare repository (origin of the release
 * checkout and the evidence remote). Two releases run side by side on one Prometheus, each scoped to its own
 * scrape job:
 *   1.4.0: plan -> freeze start -> preflight -> stage-gate x5 -> promote -> release-tag
 *          -> first night -> mini-rca -> freeze end: promoted, the decision log sealed and verified.
 *   1.4.1: the same up to stage 2, then the canary's latency regresses hard before stage 3 -> stage 3 decides
 *          ROLLBACK, sets traffic to 0 and reads it back before its evidence push, then fails -> rollback (finds
 *          0 in place) -> mini-rca -> freeze end: no GA record.
 * Both notify local fakes of PagerDuty, Teams and Grafana: a region annotation per stage run, one PagerDuty
 * incident for the rollback (a re-run of the rollback job sends the same dedup key and opens none), one Teams card,
 * and a resolve when 1.4.0 is promoted; no key, URL or token reaches a log, summary, output or the evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as verifyEvidence } from '../../src/cli/commands/verify-evidence.js';
import { readDecisionLog } from '../../src/evidence/decision-log.js';
import { startGitHubEmulator, type GitHubEmulator, type SeedApproval } from '../github-emulator/index.js';
import { HEALTHY_PROFILE, startExporter, type RunningExporter } from '../support/exporter.js';
import { startPrometheus, type TestPrometheus } from '../support/prometheus.js';
import { runAction, type ActionRun } from '../support/run-action.js';
import { startFlagServer, type FlagServer } from '../traffic/flag-server.js';
import {
  startGrafanaFake,
  startPagerDutyFake,
  startTeamsFake,
  type GrafanaFake,
  type PagerDutyFake,
  type TeamsFake,
} from '../notify/fakes.js';
import {
  chainPlan,
  checkoutEvidence,
  createReleaseRepo,
  FIRST_NIGHT_WINDOW_S,
  git,
  NOTIFY_ENV,
  STAGES,
  type ReleaseRepo,
} from './release-repo.js';

const PROM_TOKEN = 'chain-prom-token-not-for-evidence';
const PD_ROUTING_KEY = 'R0FAKEchainroutingkey00a1b2c3d4e5';
const GRAFANA_TOKEN = 'glsa_FAKEchaingrafana_f6e5d4c3';
const HARD_LATENCY = { ...HEALTHY_PROFILE, latencyMedianMs: 900, latencyP95Ms: 2000 };

/** Each stage environment's sign-off, as reviewers gave it in the run. */
const APPROVALS: SeedApproval[] = [
  { environments: ['canary-1'], state: 'approved', user: 'jane-doe', comment: 'p95 flat, go to 5%' },
  { environments: ['canary-5'], state: 'approved', user: 'omar', comment: '5% clean' },
  { environments: ['canary-25'], state: 'approved', user: 'jane-doe', comment: 'quarter ok' },
  { environments: ['canary-25'], state: 'approved', user: 'omar' },
  { environments: ['canary-50'], state: 'approved', user: 'quant-lead', comment: 'PnL neutral at 25%' },
  { environments: ['production'], state: 'approved', user: 'risk-manager', comment: 'risk ok for 100%' },
  { environments: ['first-night'], state: 'approved', user: 'sre-lead', comment: 'quiet night' },
];

interface Scenario {
  version: string;
  runId: number;
  job: string;
  exporter: RunningExporter;
  emulator: GitHubEmulator;
  flags: FlagServer;
  repo: ReleaseRepo;
  timings: Array<[string, number]>;
}

let prom: TestPrometheus;
let pagerduty: PagerDutyFake;
let teams: TeamsFake;
let grafana: GrafanaFake;
const scenarios: Scenario[] = [];
const notifyEnv = () => ({
  [NOTIFY_ENV.routingKey]: PD_ROUTING_KEY,
  [NOTIFY_ENV.teamsUrl]: teams.url,
  [NOTIFY_ENV.grafanaToken]: GRAFANA_TOKEN,
});
const NOTIFY_SECRETS = () => ({
  'PagerDuty routing key': PD_ROUTING_KEY,
  'Teams URL': teams.url,
  'Teams URL path': teams.secretPath,
  'Grafana token': GRAFANA_TOKEN,
});

/** Everything a step left in the job's log, summary and outputs, except the runner's own mask registrations. */
function leftTheStep(r: ActionRun): string {
  return [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.stderr, r.summary, JSON.stringify(r.outputs)].join(
    '\n',
  );
}

function expectNoNotifySecret(r: ActionRun, what: string): void {
  const text = leftTheStep(r);
  for (const [name, value] of Object.entries(NOTIFY_SECRETS()))
    expect(text, `${what}: ${name}`).not.toContain(value);
}

/** The Grafana regions of one release, in order. */
function regionsOf(version: string) {
  return grafana.annotations.filter((a) => a.tags.includes(`spark-trading-api v${version}`));
}

async function scenario(
  version: string,
  runId: number,
  job: string,
  exporter: RunningExporter,
): Promise<Scenario> {
  const flags = await startFlagServer();
  const emulator = await startGitHubEmulator({
    seed: {
      owner: 'acme',
      repo: 'spark-trading-api',
      users: [
        { login: 'jane-doe' },
        { login: 'omar' },
        { login: 'quant-lead' },
        { login: 'risk-manager' },
        { login: 'sre-lead' },
      ],
      pulls: [
        { number: 12, title: 'feat: new order type', labels: ['feature'], files: ['src/orders.ts'] },
        { number: 15, title: 'docs: canary runbook', files: ['docs/runbook.md'] },
      ],
      runApprovals: { [runId]: APPROVALS },
    },
  });
  const repo = await createReleaseRepo(
    chainPlan({
      prometheusUrl: prom.url,
      job,
      flagUrl: flags.url,
      notify: { pagerdutyUrl: pagerduty.url, grafanaUrl: grafana.url },
    }),
  );
  const s = { version, runId, job, exporter, emulator, flags, repo, timings: [] };
  scenarios.push(s);
  return s;
}

async function step(s: Scenario, name: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const started = Date.now();
  const r = await runAction(name, {
    inputs: { config: '.github/canary.yml', version: s.version, 'evidence-remote': s.repo.bare, ...inputs },
    cwd: s.repo.workspace,
    github: { url: s.emulator.url, serverUrl: s.emulator.serverUrl, repository: s.emulator.repository },
    runId: s.runId,
    env: { PROM_TOKEN, ...notifyEnv() },
    timeoutMs: 60_000,
  });
  s.timings.push([
    `${name}${inputs.mode ? `(${inputs.mode})` : inputs.stage ? ` ${inputs.stage}` : ''}`,
    Date.now() - started,
  ]);
  return r;
}

function ok(r: ActionRun, what: string): ActionRun {
  if (r.exitCode !== 0)
    throw new Error(
      `${what} exited ${r.exitCode}\nstdout:\n${r.stdout.slice(-3000)}\nstderr:\n${r.stderr.slice(-2000)}`,
    );
  return r;
}

/** Start of a release, as the workflow's first jobs run it. */
async function openRelease(s: Scenario): Promise<void> {
  const plan = ok(await step(s, 'plan'), 'plan');
  expect(plan.outputs['stage-count']).toBe('5');
  ok(await step(s, 'freeze-window', { mode: 'start' }), 'freeze start');
  const preflight = ok(await step(s, 'preflight', { 'prometheus-url': prom.url }), 'preflight');
  expect(preflight.outputs['summary-line']).toBe('2/2 PASS');
}

async function stage(s: Scenario, n: number): Promise<ActionRun> {
  return step(s, 'stage-gate', { stage: String(n), 'prometheus-url': prom.url });
}

beforeAll(async () => {
  [pagerduty, teams, grafana] = await Promise.all([
    startPagerDutyFake(PD_ROUTING_KEY),
    startTeamsFake(),
    startGrafanaFake(GRAFANA_TOKEN),
  ]);
  const promoted = await startExporter();
  const rolledBack = await startExporter();
  prom = await startPrometheus({
    scrapeJobs: [
      { job: 'release-promoted', targets: [promoted.target] },
      { job: 'release-rolled-back', targets: [rolledBack.target] },
    ],
    scrapeIntervalSeconds: 1,
  });
  // Every series a gate reads must exist before the first stage starts: a new target takes several seconds.
  await Promise.all(
    ['release-promoted', 'release-rolled-back'].flatMap((job) =>
      ['canary', 'stable'].map((track) =>
        prom.waitForSeries(
          `1000 * histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="${job}",track="${track}"}[1m])))`,
          { timeoutMs: 30_000 },
        ),
      ),
    ),
  );
  await scenario('1.4.0', 7001, 'release-promoted', promoted);
  await scenario('1.4.1', 7002, 'release-rolled-back', rolledBack);
}, 60_000);

afterAll(async () => {
  console.log(
    scenarios
      .map(
        (s) =>
          `release ${s.version} (run ${s.runId}):\n${s.timings.map(([n, ms]) => `  ${n.padEnd(28)} ${(ms / 1000).toFixed(n.startsWith('  ') ? 3 : 1).padStart(5)} s`).join('\n')}`,
      )
      .join('\n'),
  );
  for (const s of scenarios) {
    await s.emulator.close();
    await s.flags.stop();
    await s.exporter.stop();
  }
  await prom?.stop();
  await Promise.all([pagerduty?.close(), teams?.close(), grafana?.close()]);
});

describe('a release through the chain of bundled actions', () => {
  it.concurrent(
    '1.4.0 is promoted through five stages, signed off at each, sealed, tagged and verified',
    async () => {
      const s = scenarios[0]!;
      await openRelease(s);
      for (const [i, st] of STAGES.entries()) {
        const r = ok(await stage(s, i + 1), `stage-gate ${i + 1}`);
        expect(r.outputs.decision).toBe('PROCEED');
        expect(JSON.parse(r.outputs['summary-json']!).stage.name).toBe(st.name);
        // The flag service got this stage's weight before the stage was sampled.
        expect(s.flags.percentage.get('v1.4.0')).toBe(st.traffic);
        expect(r.summary).toContain(`Stage ${i + 1} ${st.name}: PROCEED`);
        expect(r.summary).toContain('```mermaid\nxychart-beta');
        // Only the runner's `::add-mask::` registration (never printed by the runner) may hold the token.
        expect(r.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(PROM_TOKEN);
        expectNoNotifySecret(r, `stage ${i + 1}`);
        // The stage's Grafana region was added when its decision was made, and the step says so.
        expect(JSON.parse(r.outputs['summary-json']!).notifications).toEqual([
          expect.objectContaining({ channel: 'grafana', ok: true }),
        ]);
      }
      const promote = ok(await step(s, 'stage-gate', { mode: 'promote' }), 'promote');
      expect(promote.outputs.decision).toBe('PROMOTED');
      expectNoNotifySecret(promote, 'promote');
      // GA resolves the release's PagerDuty alert (there was none to page: no trigger, no incident).
      const dedup140 = 'canary-conductor/spark-trading-api/1.4.0';
      expect(pagerduty.events.filter((e) => e.dedup_key === dedup140).map((e) => e.event_action)).toEqual([
        'resolve',
      ]);
      expect(pagerduty.incidents.filter((i) => i.dedup_key === dedup140)).toEqual([]);
      // One Grafana region per stage, each from the stage's start to its decision, in order.
      const regions = regionsOf('1.4.0');
      expect(regions.map((a) => a.tags)).toEqual(
        STAGES.map(() => ['canary', 'spark-trading-api v1.4.0', 'PROCEED']),
      );
      for (const [i, a] of regions.entries()) {
        expect(a.dashboardUID).toBe('spark-release');
        expect(a.timeEnd).toBeGreaterThan(a.time);
        expect(a.text).toContain(`Stage ${i + 1} ${STAGES[i]!.name}`);
        if (i > 0) expect(a.time).toBeGreaterThanOrEqual(regions[i - 1]!.timeEnd);
      }
      const promotedAt = Date.now();
      const tag = ok(await step(s, 'release-tag', { sha: s.repo.sha }), 'release-tag');
      expect(tag.outputs.tag).toBe('v1.4.0');
      // Right after GA the night's window would still hold traffic from before the release: no verdict yet.
      const early = await step(s, 'stage-gate', { mode: 'first-night', 'prometheus-url': prom.url });
      expect(early.exitCode).toBe(1);
      expect(early.stdout).toMatch(/its 10s window has not elapsed since the GA record of /);
      await new Promise((r) =>
        setTimeout(r, Math.max(0, promotedAt + FIRST_NIGHT_WINDOW_S * 1000 + 500 - Date.now())),
      );
      const night = ok(
        await step(s, 'stage-gate', { mode: 'first-night', 'prometheus-url': prom.url }),
        'first-night',
      );
      expect(night.outputs.decision).toBe('PASS');
      const rca = ok(await step(s, 'mini-rca'), 'mini-rca');
      expect(rca.outputs.outcome).toBe('promoted');
      ok(await step(s, 'freeze-window', { mode: 'end' }), 'freeze end');

      // GitHub: a deployment per stage environment, each in_progress then success.
      const deployments = [...s.emulator.state.deployments.values()];
      expect(deployments.map((d) => d.environment)).toEqual(STAGES.map((x) => x.environment));
      for (const d of deployments) {
        expect(
          s.emulator.state.deploymentStatuses.filter((x) => x.deploymentId === d.id).map((x) => x.state),
        ).toEqual(['in_progress', 'success']);
      }
      expect(
        s.emulator
          .requestsFor('repos/create-deployment')
          .every((r) => (r.body as { auto_merge?: boolean }).auto_merge === false),
      ).toBe(true);
      // The tag is on origin, at the release commit.
      expect(await git(s.repo.workspace, 'ls-remote', '--tags', 'origin', 'v1.4.0')).toContain(
        'refs/tags/v1.4.0',
      );

      const ev = await checkoutEvidence(s.repo.bare);
      const files = ev.files('evidence/1.4.0');
      for (const w of STAGES.map((x) => x.traffic)) expect(files).toContain(`rollout_stage_${w}.txt`);
      for (let n = 1; n <= 5; n++) expect(files).toContain(`summary_stage_${n}.txt`);
      expect(files).toEqual(
        expect.arrayContaining([
          'warroom_log.txt',
          'canary_timeline.txt',
          'freeze_window_start.txt',
          'freeze_window_end.txt',
          'mini_rca_1.4.0.md',
          'release_oneliner.txt',
        ]),
      );
      expect(files.some((f) => /^canary_success_\d{8}_\d{6}\.txt$/.test(f))).toBe(true);
      const warroom = ev.read('evidence/1.4.0/warroom_log.txt').trim().split('\n');
      expect(warroom.length).toBeGreaterThanOrEqual(10);
      expect(warroom.at(-1)).toMatch(
        /^:\d\d:\d\d \| Stage 5 \(100%\) \| p95=\d+ms 5xx=[\d.]+% mem=45% \| 3\/3 PASS \| IC: Proceed$/,
      );
      expect(ev.read('evidence/1.4.0/summary_stage_1.txt')).toContain(
        'Signed off by: jane-doe ("p95 flat, go to 5%")',
      );
      expect(ev.read('evidence/1.4.0/canary_timeline.txt')).toMatch(
        /^T0=\S+\nStage: 1 \(1%\) pilot: PROCEED\n[\s\S]*Status: Complete\nRollbacks: 0\n/,
      );

      const logs = ev.files('reports/release_decisions');
      expect(logs).toEqual([
        'spark-trading-api-1.4.0-7001-first-night.yaml',
        'spark-trading-api-1.4.0-7001.yaml',
      ]);
      const records = readDecisionLog(ev.read('reports/release_decisions/spark-trading-api-1.4.0-7001.yaml'));
      expect(records.map((r) => r.phase)).toEqual([...STAGES.map((x) => `stage:${x.name}`), 'ga']);
      // canary-25 was reviewed twice; the latest review is the one that released the stage's job.
      expect(records.map((r) => r.approver)).toEqual([
        'jane-doe',
        'omar',
        'omar',
        'quant-lead',
        'risk-manager',
        null,
      ]);
      expect(records[0]).toMatchObject({
        decision: 'PROCEED',
        approval_comment: 'p95 flat, go to 5%',
        traffic_share: 1,
        run_url: `${s.emulator.serverUrl}/acme/spark-trading-api/actions/runs/7001`,
      });
      expect(records[0]!.metrics_snapshot.api_p95).toMatchObject({
        status: 'PASS',
        threshold: expect.stringContaining('pass < 200 ms'),
      });
      expect(records.at(-1)).toMatchObject({
        phase: 'ga',
        decision: 'PROMOTED',
        reason: '5/5 stages proceeded (1->5->25->50->100), 0 rollbacks',
      });
      const night1 = readDecisionLog(
        ev.read('reports/release_decisions/spark-trading-api-1.4.0-7001-first-night.yaml'),
      );
      expect(night1).toHaveLength(1);
      expect(night1[0]).toMatchObject({ phase: 'first-night', decision: 'PASS', approver: 'sre-lead' });
      expect(night1[0]!.notes).toContain(`follows the ga record ${records.at(-1)!.sha256}`);

      // Nothing secret in the evidence, and the whole branch verifies.
      for (const secret of [PROM_TOKEN, ...Object.values(NOTIFY_SECRETS())])
        expect(await git(ev.dir, 'grep', '-c', '-F', secret).catch(() => 'no match')).toBe('no match');
      const out = { text: '' };
      const code = await verifyEvidence([s.repo.bare, '--version', '1.4.0'], {
        stdout: (t) => (out.text += t),
        stderr: (t) => (out.text += t),
        env: {},
        cwd: process.cwd(),
      });
      expect(code, out.text).toBe(0);
    },
    120_000,
  );

  it.concurrent(
    '1.4.1 regresses before stage 3: the gate fails with ROLLBACK, traffic goes to 0, no GA',
    async () => {
      const s = scenarios[1]!;
      await openRelease(s);
      for (const n of [1, 2])
        expect(ok(await stage(s, n), `stage-gate ${n}`).outputs.decision).toBe('PROCEED');
      s.exporter.flip('canary', HARD_LATENCY);
      const failed = await stage(s, 3);
      expect(failed.exitCode).toBe(1);
      expect(failed.outputs.decision).toBe('ROLLBACK');
      expectNoNotifySecret(failed, 'stage 3');
      // A region per stage run, the last one the ROLLBACK; a stage decision pages nobody and sends no card.
      expect(regionsOf('1.4.1').map((a) => a.tags[2])).toEqual(['PROCEED', 'PROCEED', 'ROLLBACK']);
      const dedup141 = 'canary-conductor/spark-trading-api/1.4.1';
      expect(pagerduty.events.filter((e) => e.dedup_key === dedup141)).toEqual([]);
      expect(failed.outputs.reason).toMatch(/api_p95/);
      expect(
        failed.annotations.some(
          (a) => a.level === 'error' && /Stage 3 quarter: HARD api_p95/.test(a.properties.title ?? ''),
        ),
      ).toBe(true);
      // The stage job cut traffic itself: 0% set and read back from the flag server before its evidence push
      // reached the remote, and before the push even stamped the decision record.
      const cut = JSON.parse(failed.outputs['summary-json']!).traffic_cut as {
        ok: boolean;
        readBack: number;
        latencyMs: number;
      };
      expect(cut).toMatchObject({ ok: true, readBack: 0 });
      s.timings.push(['  decision -> traffic 0 read', cut.latencyMs]);
      expect(s.flags.percentage.get('v1.4.1')).toBe(0);
      const events = s.flags.events.filter((e) => e.feature === 'v1.4.1');
      expect(events.filter((e) => e.kind === 'set').map((e) => e.percentage)).toEqual([1, 5, 25, 0]);
      const readZero = events.find((e) => e.kind === 'read' && e.percentage === 0)!;
      expect(readZero).toBeDefined();
      const evidencePushes = s.repo.pushes().filter((p) => p.ref === 'refs/heads/canary-evidence');
      expect(readZero.at).toBeLessThan(evidencePushes.at(-1)!.at);
      const setsBeforeRollback = events.filter((e) => e.kind === 'set').length;

      const rollback = ok(
        await step(s, 'rollback', {
          stage: 'quarter',
          reason: failed.outputs.reason!,
          'triggered-by': 'stage-gate (stage 3)',
        }),
        'rollback',
      );
      expect(rollback.outputs.ok).toBe('true');
      expectNoNotifySecret(rollback, 'rollback');
      // The rollback pages once, with the decision as custom details, and posts one Teams card.
      const pages = pagerduty.events.filter((e) => e.dedup_key === dedup141);
      expect(pages.map((e) => e.event_action)).toEqual(['trigger']);
      expect(pages[0]!.payload).toMatchObject({
        source: 'spark-trading-api',
        severity: 'critical',
        component: 'quarter',
        custom_details: {
          release: 'spark-trading-api v1.4.1',
          stage: 'quarter',
          decision: 'ROLLBACK',
          reason: failed.outputs.reason,
          triggered_by: 'stage-gate (stage 3)',
          run_url: `${s.emulator.serverUrl}/acme/spark-trading-api/actions/runs/7002`,
        },
      });
      expect(pagerduty.incidents.filter((i) => i.dedup_key === dedup141)).toHaveLength(1);
      const cards = teams.cards.filter((c) => JSON.stringify(c).includes('spark-trading-api v1.4.1'));
      expect(cards).toHaveLength(1);
      expect(JSON.stringify(cards[0])).toContain('ROLLBACK: spark-trading-api v1.4.1 at Stage 3 quarter');
      expect(regionsOf('1.4.1')).toHaveLength(3);
      expect(s.flags.percentage.get('v1.4.1')).toBe(0);
      // The rollback job found the share in place: it read it and wrote nothing.
      expect(s.flags.events.filter((e) => e.feature === 'v1.4.1' && e.kind === 'set')).toHaveLength(
        setsBeforeRollback,
      );
      const rca = ok(await step(s, 'mini-rca'), 'mini-rca');
      expect(rca.outputs.outcome).toBe('rolled-back');
      ok(await step(s, 'freeze-window', { mode: 'end' }), 'freeze end');

      const deployments = [...s.emulator.state.deployments.values()];
      const last = deployments.at(-1)!;
      expect(last.environment).toBe('canary-25');
      expect(
        s.emulator.state.deploymentStatuses.filter((x) => x.deploymentId === last.id).map((x) => x.state),
      ).toEqual(['in_progress', 'failure']);

      const ev = await checkoutEvidence(s.repo.bare);
      const files = ev.files('evidence/1.4.1');
      expect(files.some((f) => /^rollback_\d{8}_\d{6}\.txt$/.test(f))).toBe(true);
      expect(files).toEqual(
        expect.arrayContaining([
          'rollout_stage_1.txt',
          'rollout_stage_5.txt',
          'rollout_stage_25.txt',
          'summary_stage_3.txt',
          'mini_rca_1.4.1.md',
        ]),
      );
      expect(ev.read('evidence/1.4.1/rollout_stage_25.txt')).toMatch(
        /Decision: ROLLBACK[\s\S]*\[HARD\] api_p95: canary=[\d.]+ms threshold=pass < 200 ms; soft > 250 ms for 4s; hard > 400 ms/,
      );
      for (const secret of Object.values(NOTIFY_SECRETS()))
        expect(await git(ev.dir, 'grep', '-c', '-F', secret).catch(() => 'no match')).toBe('no match');
      const records = readDecisionLog(ev.read('reports/release_decisions/spark-trading-api-1.4.1-7002.yaml'));
      expect(records.map((r) => r.phase)).toEqual([
        'stage:pilot',
        'stage:confidence',
        'stage:quarter',
        'rollback',
      ]);
      // The rollback job records itself in the same log, naming the stage and the reason it was given.
      expect(records[3]).toMatchObject({ decision: 'ROLLBACK', traffic_share: 0 });
      expect(records[3]!.notes).toMatch(/^stage quarter;/);
      const quarter = records[2]!;
      expect(quarter).toMatchObject({ decision: 'ROLLBACK', approver: 'omar', traffic_share: 25 });
      expect(quarter.reason).toMatch(/api_p95/);
      expect(Date.parse(quarter.recorded_at)).toBeGreaterThan(readZero.at);
      expect(quarter.notes).toMatch(/traffic cut to 0% by the stage gate on its ROLLBACK decision/);
      const p95 = quarter.metrics_snapshot.api_p95 as { canary: number; status: string };
      expect(p95.status).toBe('HARD');
      expect(p95.canary).toBeGreaterThan(400);
      expect(records.some((r) => r.phase === 'ga')).toBe(false);
      const out = { text: '' };
      const code = await verifyEvidence([s.repo.bare, '--version', '1.4.1'], {
        stdout: (t) => (out.text += t),
        stderr: (t) => (out.text += t),
        env: {},
        cwd: process.cwd(),
      });
      expect(code, out.text).toBe(0);

      // The rollback job re-run: the same dedup key again, and PagerDuty opens no second incident.
      ok(
        await step(s, 'rollback', {
          stage: 'quarter',
          reason: failed.outputs.reason!,
          'triggered-by': 'stage-gate (stage 3)',
        }),
        'rollback re-run',
      );
      expect(pagerduty.events.filter((e) => e.dedup_key === dedup141).map((e) => e.event_action)).toEqual([
        'trigger',
        'trigger',
      ]);
      expect(pagerduty.incidents.filter((i) => i.dedup_key === dedup141)).toEqual([
        { dedup_key: dedup141, status: 'triggered', alerts: 2 },
      ]);
    },
    150_000,
  );
});
