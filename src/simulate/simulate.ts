/**
 * `simulateRelease`: a whole release on the production code path, without a cluster, a Prometheus or GitHub.
 * The jobs run in the reusable workflow's order and each calls the step function its action calls (jobs.ts):
 *
 *   freeze-start (T-30) -> preflight (T-10) -> stage-1 .. stage-N (runStageGate, on a synthetic metric source and
 *   a virtual clock) -> rollback (after a stage that did not PROCEED: ROLLBACK, REVIEW, a refused sign-off or an
 *   error) | promote -> release-tag -> mini-rca -> freeze-end
 *
 * What stands in for the outside world (world.ts): the release repository (real git, also the evidence remote),
 * the contract-checked GitHub emulator, a local service and Alertmanager on 127.0.0.1, the synthetic metric
 * source, and a command runner that rehearses the plan's commands unless `runCommands`. Time is virtual: the
 * release starts at the first moment the plan's calendar allows after a fixed reference instant (or `at`), and
 * every timestamp and evidence commit date comes from the virtual clock, so the same seed writes the same evidence.
 */
import { checkVersion, ConfigurationError, getErrorMessage, type ReleasePlan } from '../config/index.js';
import { virtualClock, type VirtualClock } from '../platform/clock.js';
import type { Decision, SampleRecord, StageResult } from '../gate/types.js';
import { SyntheticSource, type MetricProfile } from '../metrics/synthetic.js';
import type { MetricSource } from '../metrics/source.js';
import { humanDuration } from '../rca/facts.js';
import type { RollbackResult } from '../rollback/run-rollback.js';
import {
  freezeEndJob,
  freezeStartJob,
  miniRcaJob,
  preflightJob,
  promoteJob,
  releaseTagJob,
  rollbackJob,
  stageJob,
} from './jobs.js';
import { localTime, markAt } from './print.js';
import { deriveProfiles } from './profiles.js';
import { onsetStageFor, scenarioNamed, type Scenario, type ScenarioName } from './scenarios.js';
import { git, WORKSPACE_CHANGES } from './workspace.js';
import { describeWorld, simulationStart, startWorld } from './world.js';

export { OUT_MARKER, REFERENCE_START, previousVersionOf, simulationStart } from './world.js';
export const DEFAULT_VERSION = '1.4.0';
export const DEFAULT_SEED = 42;
const MINUTE = 60_000;

export type SimulationOutcome = 'promoted' | 'rolled_back' | 'review' | 'preflight_failed';

export interface SimulationProgress {
  phase: 'setup' | 'freeze' | 'preflight' | 'stage' | 'rollback' | 'promote' | 'rca' | 'freeze-end' | 'done';
  /** 1-based stage number while a stage runs. */
  stage?: number;
  stages: number;
  /** The virtual time. */
  at: Date;
  sample?: SampleRecord;
}

export interface SimulateOptions {
  plan: ReleasePlan;
  /** The plan's text, committed into the simulated repository as `.github/canary.yml`. */
  planText: string;
  scenario: ScenarioName;
  seed: number;
  outDir: string;
  version?: string;
  /** Start of stage 1 (T0); default the first instant the calendar allows after REFERENCE_START. */
  at?: Date;
  /**
   * Run the plan's commands (preflight `run` checks, `rollback.run`, `promote.run`) for real (`--run-commands`).
   * Default false: a rehearsal, where each is shown as SIMULATED with the exact command and none is started.
   */
  runCommands?: boolean;
  /**
   * The relative noise of every synthetic metric, instead of the profiles' own (profiles.ts). 0 draws flat
   * lines: every sample of a metric is its healthy (or, once the scenario hits, its breach) value, which a live
   * run against a constant exporter measures too.
   */
  metricNoise?: number;
  onLine?: (line: string) => void;
  onProgress?: (progress: SimulationProgress) => void;
  env?: NodeJS.ProcessEnv;
}

export interface SimulationResult {
  outcome: SimulationOutcome;
  /** The stage that decided the outcome (the rollback's or review's stage; the last one when promoted). */
  stage?: { number: number; name: string; decision: Decision };
  scenario: ScenarioName;
  seed: number;
  version: string;
  tag: string | null;
  startedAt: string;
  endedAt: string;
  /** The simulated repository: `main`, the tags and the evidence branch. */
  repository: string;
  /** A checkout of the evidence branch (a git worktree of the repository). */
  evidenceCheckout: string;
  evidenceBranch: string;
  /** e.g. evidence/1.4.0 */
  evidenceDir: string;
  decisionLog: string;
  reportPath: string | null;
  rcaPath: string | null;
  preflight: { summary: string; simulated: string[] };
  stages: StageResult[];
  rollback: RollbackResult | null;
  lines: string[];
}

/** Values for the preflight's `query` checks (or `promql`, its old name): healthy means inside each check's bounds, from the synthetic source. */
function preflightProfiles(plan: ReleasePlan): MetricProfile[] {
  return plan.preflight.flatMap((c): MetricProfile[] => {
    const check = c.query ?? c.promql;
    return check ? [preflightProfile(c.name, check.expect)] : [];
  });
}

/** One check's metric: healthy inside its bounds, and breaching a step past the bound it guards (max before min). */
function preflightProfile(metric: string, { min, max }: { min?: number; max?: number }): MetricProfile {
  const profile = (healthy: number, worseDirection: 'up' | 'down', breachValue: number): MetricProfile => ({
    metric,
    healthy,
    noise: 0,
    worseDirection,
    breachValue,
  });
  if (max !== undefined) {
    const healthy = min !== undefined ? (min + max) / 2 : max > 0 ? max / 2 : max === 0 ? 0 : max * 2;
    return profile(healthy, 'up', max + Math.max(1, Math.abs(max)));
  }
  if (min !== undefined)
    return profile(min > 0 ? min * 2 : min + 1, 'down', min - Math.max(1, Math.abs(min)));
  return profile(1, 'up', 2);
}

function withNoise(profiles: MetricProfile[], noise: number | undefined): MetricProfile[] {
  if (noise === undefined) return profiles;
  if (!(noise >= 0)) throw new ConfigurationError(`metricNoise: expected a relative sd >= 0, got ${noise}`);
  return profiles.map((p) => ({ ...p, noise }));
}

export async function simulateRelease(options: SimulateOptions): Promise<SimulationResult> {
  const { plan } = options;
  const scenario: Scenario = scenarioNamed(options.scenario);
  const version = options.version ?? DEFAULT_VERSION;
  const versionProblem = checkVersion(version);
  if (versionProblem) throw new ConfigurationError(`--version: ${versionProblem}`);
  if (!Number.isInteger(options.seed) || options.seed < 0)
    throw new ConfigurationError(`--seed: expected a whole number >= 0, got ${options.seed}`);
  const env = options.env ?? process.env;
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    options.onLine?.(line);
  };
  const t0 = simulationStart(plan, WORKSPACE_CHANGES, options.at);
  const clock: VirtualClock = virtualClock(new Date(t0.getTime() - 30 * MINUTE));
  const progress = (p: Omit<SimulationProgress, 'stages' | 'at'>) =>
    options.onProgress?.({ ...p, stages: plan.stages.length, at: clock.now() });
  const at = () => markAt(t0, clock.now());
  const rehearsal = `scenario ${scenario.name}, seed ${options.seed}`;

  progress({ phase: 'setup' });
  const world = await startWorld({
    plan,
    planText: options.planText,
    version,
    outDir: options.outDir,
    deploymentId: `simulated-${scenario.name}-seed${options.seed}`,
    t0,
    clock,
    runCommands: options.runCommands === true,
    env,
    warn: say,
  });
  say(
    `canary-conductor simulate: ${plan.release.service} ${world.tag}, scenario ${scenario.name} (${scenario.description}), seed ${options.seed}`,
  );
  say(
    `  virtual clock: T0 = ${t0.toISOString()} (${localTime(t0, plan.release.timezone)})${options.at ? ' (--at)' : ", the first moment the plan's calendar allows this change set"}`,
  );
  say(
    `  simulated repository: ${world.repoDir} (${world.workspace.previousTag} -> ${world.workspace.head.slice(0, 12)}; changed: ${world.workspace.changed.join(', ')})`,
  );
  for (const line of describeWorld(world)) say(line);

  try {
    // ---- freeze-start (T-30) ----
    progress({ phase: 'freeze' });
    const frozen = await freezeStartJob(world, say);

    // ---- preflight (T-10) ----
    clock.advanceTo(new Date(t0.getTime() - 10 * MINUTE));
    progress({ phase: 'preflight' });
    const checkProfiles = preflightProfiles(plan);
    const report = await preflightJob(
      world,
      checkProfiles.length
        ? new SyntheticSource({
            scenario: 'healthy',
            profiles: checkProfiles,
            startAt: clock.now(),
            onsetAt: 0,
            seed: options.seed,
          })
        : undefined,
      say,
    );
    const simulatedChecks = report.results.filter((r) => r.status === 'simulated');

    const stages: StageResult[] = [];
    let outcome: SimulationOutcome;
    let decidingStage: SimulationResult['stage'];
    let rollback: RollbackResult | null = null;
    let tag: string | null = null;
    let rca: Awaited<ReturnType<typeof miniRcaJob>> | null = null;

    if (!report.ok) {
      outcome = 'preflight_failed';
      say(
        `${at()} PREFLIGHT FAILED: the release does not start (${report.results
          .filter((r) => !r.ok && r.status !== 'simulated')
          .map((r) => r.name)
          .join(', ')})`,
      );
    } else {
      // ---- stage-1 .. stage-N (T0 ..) ----
      clock.advanceTo(t0);
      const profiles = withNoise(deriveProfiles(plan), options.metricNoise);
      const onset = onsetStageFor(scenario, plan.stages.length);
      const healthySource = new SyntheticSource({
        scenario: 'healthy',
        profiles,
        startAt: t0,
        onsetAt: 0,
        seed: options.seed,
      });
      let scenarioSource: SyntheticSource | undefined;
      /** Why the rollback job runs, as the workflow hands it the failed stage's name and reason output. */
      let failed: { stage: string; reason: string } | null = null;
      outcome = 'promoted';
      for (const [i, stage] of plan.stages.entries()) {
        const number = i + 1;
        progress({ phase: 'stage', stage: number });
        let source: MetricSource = healthySource;
        if (onset !== null && number >= onset) {
          scenarioSource ??= new SyntheticSource({
            scenario: scenario.synthetic,
            profiles,
            startAt: clock.now(),
            onsetAt: scenario.onsetIntervals * stage.interval,
            seed: options.seed,
            ...(scenario.burnIntervals ? { burnSeconds: scenario.burnIntervals * stage.interval } : {}),
          });
          if (number === onset) say(`        scenario: ${scenarioSource.describe()}`);
          source = scenarioSource;
        }
        const job = await stageJob(world, number, source, rehearsal, say, (s) => {
          say(s.warroom);
          progress({ phase: 'stage', stage: number, sample: s });
        });
        if (job.kind === 'failed') {
          outcome = 'review';
          decidingStage = { number, name: stage.name, decision: 'REVIEW' };
          failed = { stage: stage.name, reason: job.reason };
          break;
        }
        const { result } = job.outcome;
        stages.push(result);
        say(
          `        Stage ${number} ${stage.name}: ${result.decision} after ${humanDuration((Date.parse(result.decided_at) - Date.parse(result.started_at)) / 1000)} (${result.samples.length} samples, ${result.holds} hold${result.holds === 1 ? '' : 's'}): ${result.reason}`,
        );
        if (result.decision === 'PROCEED') continue;
        decidingStage = { number, name: stage.name, decision: result.decision };
        outcome = result.decision === 'ROLLBACK' ? 'rolled_back' : 'review';
        if (outcome === 'review')
          say(
            `${at()} ${result.decision} at stage ${number} ${stage.name}: the stage job fails (fail closed), so the rollback job runs as in the workflow`,
          );
        failed = { stage: stage.name, reason: result.reason };
        break;
      }

      if (failed) {
        // ---- rollback ----
        progress({ phase: 'rollback', ...(decidingStage ? { stage: decidingStage.number } : {}) });
        rollback = await rollbackJob(world, failed.stage, failed.reason, say);
      } else {
        // ---- promote -> release-tag ----
        progress({ phase: 'promote' });
        const last = plan.stages.at(-1)!;
        decidingStage = { number: plan.stages.length, name: last.name, decision: 'PROCEED' };
        await promoteJob(world, say);
        tag = (await releaseTagJob(world, say)).tag.tag;
        say(
          `${at()} PROMOTED: ${stages.length}/${plan.stages.length} stages proceeded, 0 rollbacks; annotated tag ${tag} in the simulated repository`,
        );
      }

      // ---- mini-rca ----
      progress({ phase: 'rca' });
      rca = await miniRcaJob(
        world,
        outcome === 'promoted' ? 'promoted' : rollback?.ok === false ? 'rollback-failed' : 'rolled-back',
        say,
      );
    }

    // ---- freeze-end: runs after every outcome, as the workflow's does ----
    if (frozen) {
      progress({ phase: 'freeze-end' });
      await freezeEndJob(world, say);
    }

    // A browsable checkout of the evidence branch, next to the repository.
    await git(world.repoDir, ['worktree', 'add', '--quiet', world.checkoutDir, plan.evidence.branch]);
    progress({ phase: 'done' });
    return {
      outcome,
      ...(decidingStage ? { stage: decidingStage } : {}),
      scenario: scenario.name,
      seed: options.seed,
      version,
      tag,
      startedAt: t0.toISOString(),
      endedAt: clock.now().toISOString(),
      repository: world.repoDir,
      evidenceCheckout: world.checkoutDir,
      evidenceBranch: plan.evidence.branch,
      evidenceDir: world.evidenceDir,
      decisionLog: world.decisionLog,
      reportPath: rca?.reportPath ?? null,
      rcaPath: rca?.evidencePaths[0] ?? null,
      preflight: { summary: report.summaryLine, simulated: simulatedChecks.map((c) => c.name) },
      stages,
      rollback,
      lines,
    };
  } catch (e) {
    if (e instanceof ConfigurationError) throw e;
    const wrapped = new Error(`simulation failed: ${getErrorMessage(e)}`, { cause: e });
    wrapped.stack = `${wrapped.stack ?? ''}\nCaused by: ${(e as Error).stack ?? String(e)}`;
    throw wrapped;
  } finally {
    await world.close();
  }
}
