/**
 * Releases run through the real gate engine (runStage) on recorded metrics, with the reference plan, and the
 * decision log those runs would write. Not a test file itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPlan, type ReleasePlan } from '../../src/config/index.js';
import { appendDecision, readDecisionLog, type DecisionRecord } from '../../src/evidence/decision-log.js';
import { pushEvidence } from '../../src/evidence/push.js';
import { virtualClock } from '../../src/platform/clock.js';
import { runStage } from '../../src/gate/stage-run.js';
import type { StageResult } from '../../src/gate/types.js';
import { RecordedSource, type RecordedSeries } from '../../src/metrics/recorded.js';
import { stageResultFileName } from '../../src/evidence/stage-results.js';
import { execGit } from '../support/git.js';

export const REFERENCE_PLAN = path.resolve('test/fixtures/reference-plan.yml');
export const T0 = new Date('2026-03-02T07:00:00Z');
export const VERSION = '1.4.0';
export const DEPLOYMENT_ID = 'spark-1.4.0-1';
/** Minutes between one stage's decision and the next stage's start (the sign-off). */
const SIGNOFF_GAP_MIN = 5;

export type Scenario = 'promoted' | 'rolled-back';
type Fn = (minute: number) => number;

/** p95 rises gently with traffic; at the quarter stage (from minute 46) the rolled-back scenario jumps to 450 ms. */
function seriesFns(scenario: Scenario): Record<string, Fn> {
  return {
    'p95_latency_ms/canary': (m) => (scenario === 'rolled-back' && m >= 46 ? 450 : 120 + m * 0.5),
    'p95_latency_ms/baseline': () => 118,
    'error_rate_pct/canary': (m) => 0.2 + (m % 7) * 0.05,
    'error_rate_pct/baseline': () => 0.2,
    'order_accept_error_rate/canary': (m) => 0.01 + (m % 5) * 0.0004,
    'order_accept_error_rate/baseline': () => 0.01,
    'mem_available_pct/canary': (m) => 46 - m * 0.08,
    'mem_available_pct/baseline': () => 46,
  };
}

export function recording(scenario: Scenario, minutes = 240): RecordedSource {
  const series: RecordedSeries[] = Object.entries(seriesFns(scenario)).map(([key, fn]) => {
    const [metric, track] = key.split('/') as [string, 'canary' | 'baseline'];
    const points: Array<[number, number]> = [];
    for (let m = 0; m <= minutes; m++) points.push([T0.getTime() / 1000 + m * 60, Number(fn(m).toFixed(6))]);
    return { metric, track, points };
  });
  return new RecordedSource(
    { series, source: 'recorded reference-plan drill' },
    { stalenessSeconds: 90, origin: 'rca-fixture' },
  );
}

export interface RunRelease {
  plan: ReleasePlan;
  stages: StageResult[];
  decisionLog: string;
  decisions: DecisionRecord[];
}

/** Runs the stages in order, as the workflow does, until one does not proceed. */
export async function runRelease(scenario: Scenario): Promise<RunRelease> {
  const plan = await loadPlan(REFERENCE_PLAN);
  const source = recording(scenario);
  const stages: StageResult[] = [];
  let log: string | null = null;
  let startAt = T0;
  for (const stage of plan.stages) {
    const clock = virtualClock(startAt);
    const result = await runStage({
      plan,
      stage: stage.name,
      version: VERSION,
      source,
      clock,
      startAt,
      releaseStartedAt: T0,
      mode: 'replay',
    });
    stages.push(result);
    const decidedAt = new Date(result.decided_at);
    log = appendDecision(
      log,
      {
        version: VERSION,
        deployment_id: DEPLOYMENT_ID,
        phase: `stage:${stage.name}`,
        decision: result.decision,
        reason: result.reason,
        approver: result.decision === 'PROCEED' ? 'sre-lead' : null,
        approval_comment: result.decision === 'PROCEED' ? 'metrics nominal, go' : null,
        start_timestamp: result.started_at,
        traffic_share: typeof stage.traffic === 'number' ? stage.traffic : 0,
        metrics_snapshot: Object.fromEntries(
          result.guardrails.map((g) => [
            g.name,
            { canary: g.values.canary, baseline: g.values.baseline, status: g.status },
          ]),
        ),
      },
      { now: () => decidedAt },
    );
    if (result.decision !== 'PROCEED') {
      if (result.decision === 'ROLLBACK') {
        log = appendDecision(
          log,
          {
            version: VERSION,
            deployment_id: DEPLOYMENT_ID,
            phase: 'rollback',
            decision: 'ROLLBACK',
            reason: result.reason,
            start_timestamp: result.decided_at,
            traffic_share: 0,
          },
          { now: () => new Date(decidedAt.getTime() + 60_000) },
        );
      }
      break;
    }
    startAt = new Date(decidedAt.getTime() + SIGNOFF_GAP_MIN * 60_000);
  }
  if (stages.at(-1)!.decision === 'PROCEED') {
    const end = new Date(stages.at(-1)!.decided_at);
    log = appendDecision(
      log,
      {
        version: VERSION,
        deployment_id: DEPLOYMENT_ID,
        phase: 'ga', // what promote writes: the record that seals the log
        decision: 'PROCEED',
        reason: 'all stages proceeded',
        start_timestamp: end.toISOString(),
        traffic_share: 100,
      },
      { now: () => new Date(end.getTime() + 60_000) },
    );
  }
  return { plan, stages, decisionLog: log!, decisions: readDecisionLog(log) };
}

export function git(cwd: string, ...args: string[]): string {
  return execGit(args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

const tempDirs: string[] = [];

/** A temporary folder removed by removeTempDirs(). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** For afterAll: removes every folder tempDir() made in this test file. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function bareRepo(prefix: string): string {
  const dir = tempDir(prefix);
  git(dir, 'init', '--quiet', '--bare', '--initial-branch=main');
  return dir;
}

/** Puts the release's stage results and decision log on the evidence branch of `remote`, as the stage jobs do. */
export async function seedEvidence(remote: string, run: RunRelease): Promise<void> {
  await pushEvidence({
    remote,
    branch: run.plan.evidence.branch,
    message: 'evidence(v1.4.0): stages\n',
    files: [
      ...run.stages.map((r) => ({
        path: `evidence/${VERSION}/${stageResultFileName(r)}`,
        content: `${JSON.stringify(r, null, 2)}\n`,
      })),
      ...run.stages
        .map((r) => ({
          path: `evidence/${VERSION}/warroom_log.txt`,
          content: `${r.samples.map((s) => s.warroom).join('\n')}\n`,
        }))
        .slice(0, 1),
      { path: `reports/release_decisions/${DEPLOYMENT_ID}.yaml`, content: run.decisionLog },
    ],
  });
}

/** A workspace checkout with one commit, its `origin` a local bare repository. */
export function workspaceWithOrigin(): { workspace: string; origin: string; sha: string } {
  const origin = bareRepo('rt-origin-');
  const workspace = tempDir('rt-ws-');
  git(workspace, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(path.join(workspace, 'README.md'), 'spark-trading-api\n');
  git(workspace, 'add', 'README.md');
  git(workspace, 'commit', '--quiet', '-m', 'release commit');
  git(workspace, 'remote', 'add', 'origin', origin);
  git(workspace, 'push', '--quiet', 'origin', 'main');
  return { workspace, origin, sha: git(workspace, 'rev-parse', 'HEAD') };
}
