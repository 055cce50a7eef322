/**
 * The bundled stage-gate action, run as the runner runs it, on the edges the chain test does not walk: GA is
 * refused until every stage proceeded; a second promote writes nothing; a stage after GA is refused before any
 * traffic moves; a first night is not judged before its window has passed since GA, and one nobody can measure
 * fails (fail closed); bad inputs are named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendDecision, readDecisionLog, type DecisionInput } from '../../src/evidence/decision-log.js';
import { pushEvidence } from '../../src/evidence/push.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { runAction } from '../support/run-action.js';
import { startFlagServer, type FlagServer } from '../traffic/flag-server.js';
import {
  chainPlan,
  checkoutEvidence,
  createReleaseRepo,
  FIRST_NIGHT_WINDOW_S,
  git,
  STAGES,
  type ReleaseRepo,
} from '../chain/release-repo.js';

const VERSION = '2.0.0';
const RUN_ID = 5150;
const LOG = `reports/release_decisions/spark-trading-api-${VERSION}-${RUN_ID}.yaml`;
const UNREACHABLE_PROMETHEUS = 'http://127.0.0.1:9';

let repo: ReleaseRepo;
let flags: FlagServer;
let emulator: GitHubEmulator;

function record(stage: (typeof STAGES)[number], decision = 'PROCEED'): DecisionInput {
  return {
    version: VERSION,
    deployment_id: `spark-trading-api-${VERSION}-${RUN_ID}`,
    phase: `stage:${stage.name}`,
    decision,
    reason: `${decision} in test`,
    start_timestamp: '2026-05-16T21:00:00Z',
    traffic_share: stage.traffic,
  };
}

async function pushRecords(records: DecisionInput[]): Promise<void> {
  await pushEvidence({
    remote: repo.bare,
    branch: 'canary-evidence',
    message: 'seed decision log',
    files: [
      {
        path: LOG,
        update: (current) =>
          records.reduce<string | null>(
            (text, r) => appendDecision(text, r, { now: () => new Date() }),
            current,
          ) ?? '',
      },
    ],
  });
}

function gate(inputs: Record<string, string>) {
  return runAction('stage-gate', {
    inputs: {
      config: '.github/canary.yml',
      version: VERSION,
      'evidence-remote': repo.bare,
      'prometheus-url': UNREACHABLE_PROMETHEUS,
      ...inputs,
    },
    cwd: repo.workspace,
    github: { url: emulator.url, serverUrl: emulator.serverUrl, repository: emulator.repository },
    runId: RUN_ID,
    env: { PROM_TOKEN: 'x' },
    timeoutMs: 60_000,
  });
}

beforeAll(async () => {
  flags = await startFlagServer();
  emulator = await startGitHubEmulator({
    seed: { owner: 'acme', repo: 'spark-trading-api', runApprovals: { [RUN_ID]: [] } },
  });
  repo = await createReleaseRepo(
    chainPlan({ prometheusUrl: UNREACHABLE_PROMETHEUS, job: 'none', flagUrl: flags.url }),
  );
}, 30_000);

afterAll(async () => {
  await emulator?.close();
  await flags?.stop();
});

describe('stage-gate action', () => {
  it('names a bad stage or mode input', async () => {
    const bad = await gate({ stage: '9' });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain(
      '::error::input stage: 9 is not a stage of the plan (expected 1..5: 1=pilot, 2=confidence, 3=quarter, 4=half, 5=full)',
    );
    const mode = await gate({ mode: 'canary' });
    expect(mode.stdout).toContain('::error::input mode: "canary" is not one of stage, promote, first-night');
    expect(flags.requests).toHaveLength(0);
  });

  it('fails a stage nobody signed off before any traffic moves, with a reason the rollback job reads', async () => {
    const unsigned = await gate({ stage: '1' });
    expect(unsigned.exitCode).toBe(1);
    expect(unsigned.outputs.reason).toMatch(
      /^stage 1 stopped before a decision: stage 1 pilot: environment canary-1 requires an approval in this run attempt before traffic moves \(signoff: required\): no reviewer approved canary-1 in run 5150/,
    );
    expect(unsigned.stdout).toMatch(/::error::stage 1 pilot: environment canary-1 requires an approval/);
    expect(flags.requests).toHaveLength(0);
    expect(emulator.state.deployments.size).toBe(0);
  });

  it('refuses GA until every stage proceeded, then seals the log once', async () => {
    await pushRecords([record(STAGES[0]), record(STAGES[1])]);
    const early = await gate({ mode: 'promote' });
    expect(early.exitCode).toBe(1);
    expect(early.stdout).toContain('stage 3 quarter has no decision record; nothing was written');
    expect(early.outputs.decision).toBeUndefined();

    await pushRecords(STAGES.slice(2).map((s) => record(s)));
    const promoted = await gate({ mode: 'promote' });
    expect(promoted.exitCode, promoted.stdout).toBe(0);
    expect(promoted.outputs.decision).toBe('PROMOTED');
    const tip = await git(repo.bare, 'rev-parse', 'canary-evidence');
    const again = await gate({ mode: 'promote' });
    expect(again.exitCode).toBe(0);
    expect(again.outputs.reason).toMatch(/^already promoted: .* is sealed by its ga record$/);
    expect(await git(repo.bare, 'rev-parse', 'canary-evidence')).toBe(tip);

    const ev = await checkoutEvidence(repo.bare);
    const records = readDecisionLog(ev.read(LOG));
    expect(records.map((r) => r.phase)).toEqual([...STAGES.map((s) => `stage:${s.name}`), 'ga']);
    expect(ev.read(`evidence/${VERSION}/canary_timeline.txt`)).toMatch(
      /^T0=\S+\nStage: 5 \(100%\)\nStatus: Complete\nRollbacks: 0\nNext: First Night Monitoring \(10s\)\n$/,
    );
  });

  it('refuses a stage after GA before moving traffic or creating a deployment', async () => {
    const late = await gate({ stage: '2' });
    expect(late.exitCode).toBe(1);
    expect(late.stdout).toMatch(
      /stage 2 confidence: the decision log of spark-trading-api-2\.0\.0-5150 is sealed by its ga record/,
    );
    expect(late.outputs.reason).toMatch(/^stage 2 stopped before a decision: /);
    expect(flags.requests).toHaveLength(0);
    expect(emulator.state.deployments.size).toBe(0);
  });

  it('refuses to judge the first night before its window has elapsed since GA, then fails it closed when the burn rate cannot be measured, and records it beside the sealed log', async () => {
    const early = await gate({ mode: 'first-night' });
    expect(early.exitCode).toBe(1);
    expect(early.stdout).toMatch(
      /first night of 2\.0\.0: its 10s window has not elapsed since the GA record of \S+ \(\d+s so far\)/,
    );
    expect(early.outputs.decision).toBeUndefined();
    const ga = readDecisionLog((await checkoutEvidence(repo.bare)).read(LOG)).find((r) => r.phase === 'ga')!;
    const due = Date.parse(ga.recorded_at) + FIRST_NIGHT_WINDOW_S * 1000 + 500;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    const night = await gate({ mode: 'first-night' });
    expect(night.exitCode).toBe(1);
    expect(night.outputs.decision).toBe('FAIL');
    expect(night.outputs.reason).toMatch(/could not be measured .*an unmeasured night is not a pass/);
    expect(
      night.annotations.some(
        (a) => a.level === 'error' && a.properties.title === 'First night: SLO burn rate',
      ),
    ).toBe(true);
    const ev = await checkoutEvidence(repo.bare);
    const own = readDecisionLog(ev.read(LOG.replace('.yaml', '-first-night.yaml')));
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ phase: 'first-night', decision: 'FAIL', approver: null });
    expect((own[0]!.metrics_snapshot.slo_burn_rate as { query: string }).query).toContain('[10s]');
  });
});
