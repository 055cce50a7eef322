/**
 * One stage, live, inside a job: sign-off (refused without one, see signoff-gate.ts) -> deployment in_progress ->
 * traffic -> runStage (the engine samples at the stage's interval and decides) -> when it did not PROCEED, traffic
 * back to the baseline share, read back (traffic-cut.ts) -> evidence (rollout_stage_<w>.txt, summary_stage_<n>.txt,
 * the war-room lines, the timeline, stage_<n>.json, the decision record with the stage's sign-off and the cut) in
 * one push -> deployment status. Every piece of I/O is passed in. The caller fails the job unless the decision is
 * PROCEED (fail closed: a ROLLBACK, a REVIEW, and a run stopped before its window ended all send the workflow to
 * its rollback job); an error after traffic moved cuts it too, then rethrows (StageGateError).
 */
import { ConfigurationError, getErrorMessage, type ReleasePlan } from '../config/index.js';
import { SEALING_PHASE } from '../evidence/decision-log.js';
import type { EnvironmentSignoff } from '../evidence/approvals.js';
import { releaseT0 } from '../evidence/release-clock.js';
import { buildStepEvidence } from '../evidence/step-evidence.js';
import type { Clock } from '../platform/clock.js';
import { runStage } from '../gate/stage-run.js';
import type { SampleRecord, StageResult } from '../gate/types.js';
import type { MetricSource } from '../metrics/source.js';
import {
  notify,
  stageDecisionMessage,
  warroomMessage,
  type NotifyDeps,
  type NotifyMessage,
  type NotifyResult,
} from '../notify/index.js';
import { readRemoteEvidence } from '../evidence/release-evidence.js';
import { STAGE_RESULT_FILE } from '../evidence/stage-results.js';
import { formatShare, shareOf, type TrafficProvider } from '../traffic/index.js';
import { judgeSignoff, SignoffRefused } from './signoff-gate.js';
import { cutTraffic, type TrafficCut } from './traffic-cut.js';
import { pushStageEvidence, type EvidencePushOutcome, type EvidenceTarget } from './evidence-target.js';
import { evidenceDir } from '../evidence/paths.js';
import {
  finishDeployment,
  readSignoff,
  startDeployment,
  type GateGitHub,
  type GateLog,
  type StageDeployment,
} from './github-side.js';
import { resolveStage, type StageRef } from './stage-ref.js';

export interface StageGateRequest {
  plan: ReleasePlan;
  version: string;
  /** "3" or a stage name. */
  stage: string;
  /** The decision log's id (see releaseDeploymentId). */
  deploymentId: string;
  dryRun: boolean;
  /** Set the stage's traffic through the plan's provider before sampling (false: someone else does). */
  setTraffic: boolean;
  /** The commit being released (GITHUB_SHA), for the deployment. */
  sha: string;
  runUrl?: string;
}

export interface StageGateDeps {
  source: MetricSource;
  clock: Clock;
  /** Required when request.setTraffic. */
  traffic: TrafficProvider | null;
  github: GateGitHub | null;
  evidence: EvidenceTarget;
  notify?: NotifyDeps;
  log: GateLog;
  /** Called with each sample as it is taken (war-room line, progress). */
  onSample?: (sample: SampleRecord, stage: StageRef) => void;
  /** A cancelled job: the engine stops, and a stop is never a pass. */
  signal?: AbortSignal;
  /**
   * The clock the traffic cut's latency is measured on: performance.now by default; a simulation passes its
   * virtual time, so the same seed writes the same evidence.
   */
  monotonicMs?: () => number;
}

export interface StageGateOutcome {
  stage: StageRef;
  result: StageResult;
  signoff: EnvironmentSignoff | null;
  signoffNote: string;
  traffic: string;
  /** The stage gate's own cut back to the baseline share when the stage did not PROCEED; null otherwise. */
  trafficCut: TrafficCut | null;
  deployment: string;
  evidence: EvidencePushOutcome;
  decisionLog: string;
  /** True only for PROCEED. */
  passed: boolean;
  /** What each notification channel did with the decision (a failed post is recorded here, never fatal). */
  notifications: NotifyResult[];
}

interface PriorEvidence {
  /** T0 of the release clock (the freeze's start, else the first record); null when the evidence has neither. */
  releaseStartedAt: Date | null;
  /** How many results of this stage the evidence already holds (a re-run writes stage_<n>_<k>.json). */
  priorAttempts: number;
  /** The GA record's phase and time when this attempt's decision log is already sealed. */
  sealedBy: string | null;
}

const NO_PRIOR_EVIDENCE: PriorEvidence = { releaseStartedAt: null, priorAttempts: 0, sealedBy: null };

async function readPriorEvidence(
  request: StageGateRequest,
  stage: StageRef,
  deps: StageGateDeps,
): Promise<PriorEvidence> {
  try {
    const prior = await readRemoteEvidence({
      plan: request.plan,
      version: request.version,
      remote: deps.evidence.remote,
      branch: request.plan.evidence.branch,
      dir: evidenceDir(request.plan, request.version),
      deploymentId: request.deploymentId,
      ...(deps.evidence.token ? { token: deps.evidence.token } : {}),
      ...(deps.evidence.cwd ? { cwd: deps.evidence.cwd } : {}),
      ...(deps.evidence.git ? { git: deps.evidence.git } : {}),
    });
    // No evidence branch yet: the first stage of a first release.
    if (!prior) return NO_PRIOR_EVIDENCE;
    const attempts = prior.evidenceFiles.filter(
      (f) => STAGE_RESULT_FILE.exec(f)?.[1] === String(stage.number),
    ).length;
    const ga = prior.decisions.find((d) => d.phase === SEALING_PHASE);
    return {
      releaseStartedAt: releaseT0({ freezeStartedAt: prior.freezeStartedAt, decisions: prior.decisions }),
      priorAttempts: attempts,
      sealedBy: ga ? `${ga.phase} record of ${ga.recorded_at}` : null,
    };
  } catch (e) {
    deps.log.warn(
      `evidence: earlier evidence not read (${getErrorMessage(e)}); minutes count from this stage`,
    );
    return NO_PRIOR_EVIDENCE;
  }
}

export async function runStageGate(
  request: StageGateRequest,
  deps: StageGateDeps,
): Promise<StageGateOutcome> {
  const { plan, version } = request;
  const stage = resolveStage(plan, request.stage);
  const name = stage.config.name;
  const label = `Stage ${stage.number} ${name} (${formatShare(shareOf(stage.config.traffic))})`;
  const log = deps.log;
  const monotonicMs = deps.monotonicMs ?? (() => performance.now());

  const prior = await readPriorEvidence(request, stage, deps);
  if (prior.sealedBy) {
    // Refused before any traffic moves: after GA the release is done, and its log takes no more records.
    throw new ConfigurationError(
      `stage ${stage.number} ${name}: the decision log of ${request.deploymentId} is sealed by its ${prior.sealedBy}; ${version} is already promoted, so no stage runs (traffic, deployment and evidence untouched)`,
    );
  }
  // The sign-off comes before the deployment and the traffic: a stage nobody signed off moves nothing.
  const verdict = judgeSignoff(stage, await readSignoff(deps.github, stage.environment, log));
  if (!verdict.allowed) throw new SignoffRefused(verdict.note);
  const { signoff, note: signoffNote } = verdict;

  const deployment: StageDeployment = await startDeployment(
    deps.github,
    {
      environment: stage.environment ?? name,
      sha: request.sha,
      description: `${plan.release.service} v${version} ${label}`,
      payload: {
        service: plan.release.service,
        version,
        stage: name,
        stage_number: stage.number,
        weight: stage.weight,
        traffic: stage.config.traffic,
        deployment_id: request.deploymentId,
      },
      production: stage.weight >= 100,
      ...(request.runUrl ? { logUrl: request.runUrl } : {}),
    },
    log,
  );

  const trafficContext = {
    version,
    stage: name,
    service: plan.release.service,
    ...(request.dryRun ? { dryRun: true } : {}),
  };
  if (request.setTraffic && !deps.traffic)
    throw new Error('set-traffic is true but no traffic provider was given');
  // Only a step that moves traffic cuts it: with set-traffic false another step owns the weight.
  const provider: TrafficProvider | null = request.setTraffic ? deps.traffic : null;
  let traffic = 'not set by this step (set-traffic: false)';
  const cuts: TrafficCut[] = [];
  const cutNow = async (trigger: string, decidedAtMs: number): Promise<TrafficCut | null> => {
    if (!provider) return null;
    if (cuts[0]) return cuts[0];
    const cut = await cutTraffic(
      plan,
      provider,
      trafficContext,
      trigger,
      decidedAtMs,
      deps.clock,
      monotonicMs,
    );
    (cut.ok ? log.info : log.warn)(`traffic: ${cut.detail}`);
    cuts.push(cut);
    return cut;
  };

  try {
    if (provider) {
      const r = await provider.set(shareOf(stage.config.traffic), trafficContext);
      traffic = `${formatShare(shareOf(stage.config.traffic))} via ${provider.describe()}: ${r.detail}`;
      log.info(`traffic: ${traffic}`);
    }
    const pendingPosts: Promise<NotifyResult[]>[] = [];
    const post = (message: NotifyMessage): Promise<NotifyResult[]> => {
      if (request.dryRun || !plan.notify) return Promise.resolve([]);
      const posted = notify(plan.notify, message, { ...deps.notify, log: log.warn });
      pendingPosts.push(posted);
      return posted;
    };
    const notifyFacts = {
      plan,
      version,
      stage: { name, number: stage.number, traffic: formatShare(shareOf(stage.config.traffic)) },
      ...(request.runUrl ? { runUrl: request.runUrl } : {}),
    };
    const startAt = deps.clock.now();
    const result = await runStage({
      plan,
      stage: stage.config,
      version,
      source: deps.source,
      clock: deps.clock,
      mode: 'live',
      startAt,
      releaseStartedAt: prior.releaseStartedAt ?? startAt,
      ...(deps.signal ? { signal: deps.signal } : {}),
      onSample: (sample) => {
        deps.onSample?.(sample, stage);
        void post(warroomMessage(notifyFacts, sample.warroom, sample.at));
      },
    });
    const decidedAtMs = monotonicMs();
    const passed = result.decision === 'PROCEED';
    // Exposure ends here, before the decision is posted, written or pushed.
    const cut = passed ? null : await cutNow(cutTrigger(result, deps.signal), decidedAtMs);
    const decisionPosted = post(
      stageDecisionMessage(
        notifyFacts,
        result,
        `${plan.release.service} v${version} ${label}: ${result.decision}: ${result.reason}`,
      ),
    );

    const { changes, decisionLog: logPath } = buildStepEvidence(
      {
        kind: 'stage',
        plan,
        version,
        deploymentId: request.deploymentId,
        stage,
        result,
        signoff,
        signoffNote,
        trafficDetail: traffic,
        ...(cut ? { trafficCut: cut.detail } : {}),
        ...(request.runUrl ? { runUrl: request.runUrl } : {}),
        attempt: prior.priorAttempts + 1,
      },
      { templates: deps.evidence.templates, now: deps.clock.now() },
    );
    const evidence = await pushStageEvidence(
      plan,
      deps.evidence,
      changes,
      {
        version,
        step: `stage ${stage.number} ${name}`,
        summary: `${result.decision}: ${result.reason}`,
        ...(request.runUrl ? { runUrl: request.runUrl } : {}),
      },
      { dryRun: request.dryRun, clock: deps.clock, log: log.info },
    );
    const deploymentDetail = await finishDeployment(
      deps.github,
      deployment,
      {
        success: passed,
        description: `${result.decision}: ${result.reason}`,
        ...(request.runUrl ? { logUrl: request.runUrl } : {}),
      },
      log,
    );
    await Promise.all(pendingPosts);
    const notifications = await decisionPosted;
    // Cancelled after a PROCEED: the job ends cancelled and the workflow's rollback job runs, so the share goes
    // back now rather than after that job is scheduled (the evidence already pushed says PROCEED, the log says why).
    const lateCut =
      cut ?? (deps.signal?.aborted ? await cutNow(cutTrigger(result, deps.signal), monotonicMs()) : null);
    return {
      stage,
      result,
      signoff,
      signoffNote,
      traffic,
      trafficCut: lateCut,
      deployment: deploymentDetail,
      evidence,
      decisionLog: logPath,
      passed,
      notifications,
    };
  } catch (e) {
    // The job fails on any error, which sends the workflow to its rollback job; the traffic this step moved (or
    // may have moved: a write can fail after the provider applied it) goes back first, as after a ROLLBACK.
    const failed = await cutNow(`error (${getErrorMessage(e)})`, monotonicMs());
    if (!failed) throw e;
    // A user's mistake stays one (reported plainly, exit 2), with the cut it caused appended.
    if (e instanceof ConfigurationError)
      throw new ConfigurationError(`${e.message}; traffic ${failed.detail}`);
    throw new StageGateError(getErrorMessage(e), failed, e);
  }
}

/** What the cut answers to: the decision, or the stop (a cancelled job's run ends as a HOLD that is not a pass). */
function cutTrigger(result: StageResult, signal: AbortSignal | undefined): string {
  if (signal?.aborted) return `stop (${getErrorMessage(signal.reason)})`;
  return `${result.decision} decision`;
}

/** An error after this step moved traffic, with the cut it made before failing. */
export class StageGateError extends Error {
  readonly trafficCut: TrafficCut;
  constructor(message: string, trafficCut: TrafficCut, cause: unknown) {
    super(`${message}; traffic ${trafficCut.detail}`, { cause });
    this.name = 'StageGateError';
    this.trafficCut = trafficCut;
  }
}
