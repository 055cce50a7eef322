/**
 * Promotion (GA): the decision record with phase `ga`, which seals the release's decision log, and the timeline's
 * completion entry (`T90=... Stage: 5 (100%) Status: Complete Rollbacks: 0`).
 *
 * The record is computed from the log as the branch holds it when the push is (re)tried, and it is refused
 * (nothing is pushed) unless the log shows every stage of the plan with PROCEED as its latest decision and no
 * rollback: the workflow only runs this job after every stage job succeeded, and this check keeps the GA record
 * honest even when someone runs the action by hand. A log that is already sealed by GA is a re-run: nothing is
 * written and the outcome is PROMOTED again.
 *
 * `promote` is the promote job: it reads the log first and refuses before any side effect (no silence, no
 * `promote.run` command, no record) unless every stage proceeded; then the promote steps, then the GA record.
 */
import { ConfigurationError, formatDuration, type ReleasePlan } from '../config/index.js';
import {
  appendDecision,
  readDecisionLog,
  SEALING_PHASE,
  type DecisionRecord,
} from '../evidence/decision-log.js';
import { sha256Bytes } from '../evidence/canonical.js';
import type { EvidenceChange } from '../evidence/push.js';
import type { EnvironmentSignoff } from '../evidence/approvals.js';
import { pushStageEvidence, type EvidencePushOutcome, type EvidenceTarget } from './evidence-target.js';
import { decisionLogPath, evidenceDir } from '../evidence/paths.js';
import { notify, promoteMessage, type NotifyDeps, type NotifyResult } from '../notify/index.js';
import { readRemoteEvidence } from '../evidence/release-evidence.js';
import { runPromoteSteps, type PromoteStep, type PromoteStepDeps } from './promote-steps.js';
import { timelineChange } from '../evidence/timeline.js';
import type { Clock } from '../platform/clock.js';

export interface PromoteRequest {
  plan: ReleasePlan;
  version: string;
  deploymentId: string;
  dryRun: boolean;
  runUrl?: string;
  /** The approval of the promote job's environment, if it has one. */
  signoff?: EnvironmentSignoff | null;
}

export interface PromoteOutcome {
  decision: 'PROMOTED';
  reason: string;
  /** False when the log was already sealed (a re-run). */
  recorded: boolean;
  gaSha256: string | null;
  decisionLog: string;
  /** sha256 of the sealed log file as committed (what the workflow attests); null in dry-run. */
  decisionLogSha256: string | null;
  evidence: EvidencePushOutcome;
  /** What each notification channel did with the promotion (PagerDuty resolves the release's incident). */
  notifications: NotifyResult[];
}

/** Why the log does not show a completed canary, or null when it does. */
export function promotionBlocker(plan: ReleasePlan, records: DecisionRecord[]): string | null {
  if (records.length === 0) return 'the decision log has no records: no stage of this release was recorded';
  const rollback = records.find((r) => r.phase === 'rollback' || r.decision === 'ROLLBACK');
  if (rollback) return `the decision log records a rollback (${rollback.phase}: ${rollback.reason})`;
  for (const [i, stage] of plan.stages.entries()) {
    const latest = records.filter((r) => r.phase === `stage:${stage.name}`).at(-1);
    if (!latest) return `stage ${i + 1} ${stage.name} has no decision record`;
    if (latest.decision !== 'PROCEED')
      return `stage ${i + 1} ${stage.name} ended with ${latest.decision} (${latest.reason})`;
  }
  return null;
}

export async function promoteRelease(
  request: PromoteRequest,
  deps: {
    evidence: EvidenceTarget;
    clock: Pick<Clock, 'now'>;
    log: (line: string) => void;
    notify?: NotifyDeps;
  },
): Promise<PromoteOutcome> {
  const { plan, version } = request;
  const logPath = decisionLogPath(plan, version, request.deploymentId);
  const now = deps.clock.now();
  const last = plan.stages.at(-1)!;
  const ramp = plan.stages
    .map((s) => (typeof s.traffic === 'number' ? String(s.traffic) : Object.values(s.traffic).join('/')))
    .join('->');
  const reason = `${plan.stages.length}/${plan.stages.length} stages proceeded (${ramp}), 0 rollbacks`;
  let recorded = true;
  let gaSha256: string | null = null;
  let decisionLogSha256: string | null = null;

  const logChange: EvidenceChange = {
    path: logPath,
    kind: 'decision-log',
    update: (current) => {
      const records = readDecisionLog(current, logPath);
      const sealed = records.find((r) => r.phase === SEALING_PHASE);
      if (sealed) {
        recorded = false;
        gaSha256 = sealed.sha256;
        decisionLogSha256 = sha256Bytes(Buffer.from(current ?? ''));
        return current ?? '';
      }
      const blocker = promotionBlocker(plan, records);
      if (blocker)
        throw new ConfigurationError(
          `promote: ${version} cannot be recorded as GA in ${logPath}: ${blocker}; nothing was written`,
        );
      const lastStage = records.filter((r) => r.phase === `stage:${last.name}`).at(-1)!;
      const text = appendDecision(
        current,
        {
          version,
          deployment_id: request.deploymentId,
          phase: SEALING_PHASE,
          decision: 'PROMOTED',
          reason,
          approver: request.signoff?.approver ?? null,
          approval_comment: request.signoff?.approval_comment ?? null,
          start_timestamp: now.toISOString(),
          traffic_share: last.traffic,
          metrics_snapshot: lastStage.metrics_snapshot,
          notes: `release started ${records[0]!.start_timestamp}; the log is sealed from this record on`,
          run_url: request.runUrl ?? null,
          evidence_files: [],
        },
        deps.clock,
        logPath,
      );
      gaSha256 = readDecisionLog(text, logPath).at(-1)!.sha256;
      decisionLogSha256 = sha256Bytes(Buffer.from(text));
      return text;
    },
  };
  const lines = [
    `Stage: ${plan.stages.length} (${typeof last.traffic === 'number' ? `${last.traffic}%` : ramp})`,
    'Status: Complete',
    'Rollbacks: 0',
    ...(plan.signoff.first_night
      ? [
          `Next: First Night Monitoring (${plan.signoff.first_night.window ? formatDuration(plan.signoff.first_night.window) : 'see signoff.first_night'})`,
        ]
      : []),
  ];
  const timeline = timelineChange(
    { version, at: now, lines, ...(request.runUrl ? { runUrl: request.runUrl } : {}) },
    { templates: deps.evidence.templates, dir: evidenceDir(plan, version) },
  );
  const guardedTimeline: EvidenceChange = {
    path: timeline.path,
    // The log's update runs first; on a re-run it found the seal, and the timeline already has its entry.
    update: (current) =>
      recorded ? (timeline as { update: (c: string | null) => string }).update(current) : (current ?? ''),
  };

  if (request.dryRun) {
    return {
      decision: 'PROMOTED',
      reason: `dry-run: ${reason}`,
      recorded: false,
      gaSha256: null,
      decisionLog: logPath,
      decisionLogSha256: null,
      evidence: {
        paths: [logPath, timeline.path],
        commit: null,
        changed: false,
        detail: `dry-run: would append the ga record to ${logPath} and the completion to ${timeline.path}`,
      },
      notifications: [],
    };
  }
  const evidence = await pushStageEvidence(
    plan,
    deps.evidence,
    [logChange, guardedTimeline],
    { version, step: 'promote (ga)', summary: reason, ...(request.runUrl ? { runUrl: request.runUrl } : {}) },
    { dryRun: false, clock: deps.clock, log: deps.log },
  );
  // Posted once, when this run recorded GA (a re-run found the seal and says nothing new).
  const notifications = recorded
    ? await notify(plan.notify, promoteMessage(plan, version, reason, now, request.runUrl), {
        ...deps.notify,
        log: deps.log,
      })
    : [];
  return {
    decision: 'PROMOTED',
    reason: recorded ? reason : `already promoted: ${logPath} is sealed by its ga record`,
    recorded,
    gaSha256,
    decisionLog: logPath,
    decisionLogSha256,
    evidence,
    notifications,
  };
}

export interface PromoteJobDeps {
  evidence: EvidenceTarget;
  clock: { now(): Date };
  log: (line: string) => void;
  /** The silence and `promote.run` commands: the runner, the Alertmanager client and the job's environment. */
  steps: Omit<PromoteStepDeps, 'now' | 'dryRun' | 'log'>;
  /** Where the promotion is announced (PagerDuty resolves the release's incident). */
  notify?: NotifyDeps;
}

export interface PromoteJobOutcome extends PromoteOutcome {
  /** The silence and `promote.run` steps; empty on a re-run of a release already sealed. */
  steps: PromoteStep[];
}

/**
 * The promote job: precondition (every stage proceeded, per the evidence) -> silence and promote commands -> GA
 * record. A refusal happens before any side effect; a re-run of a sealed release does nothing again.
 */
export async function promote(request: PromoteRequest, deps: PromoteJobDeps): Promise<PromoteJobOutcome> {
  const { plan, version } = request;
  const records = await readDecisionRecords(request, deps.evidence);
  const sealed = records.some((r) => r.phase === SEALING_PHASE);
  if (!sealed) {
    const blocker = promotionBlocker(plan, records);
    if (blocker)
      throw new ConfigurationError(
        `promote: ${version} cannot be promoted: ${blocker}; nothing was written, silenced or run (no GA record, no silence, no promote command)`,
      );
  }
  const steps = sealed
    ? []
    : await runPromoteSteps(plan, version, {
        ...deps.steps,
        now: deps.clock.now(),
        dryRun: request.dryRun,
        log: deps.log,
      });
  const outcome = await promoteRelease(request, {
    evidence: deps.evidence,
    clock: deps.clock,
    log: deps.log,
    ...(deps.notify ? { notify: deps.notify } : {}),
  });
  return { ...outcome, steps };
}

/** The release's decision records as the evidence remote holds them; none when no stage pushed evidence yet. */
async function readDecisionRecords(
  request: PromoteRequest,
  evidence: EvidenceTarget,
): Promise<DecisionRecord[]> {
  const prior = await readRemoteEvidence({
    plan: request.plan,
    version: request.version,
    remote: evidence.remote,
    branch: request.plan.evidence.branch,
    dir: evidenceDir(request.plan, request.version),
    deploymentId: request.deploymentId,
    ...(evidence.token ? { token: evidence.token } : {}),
    ...(evidence.cwd ? { cwd: evidence.cwd } : {}),
    ...(evidence.git ? { git: evidence.git } : {}),
  });
  // No evidence branch yet: no stage was recorded, which promotionBlocker reports as such.
  return prior?.decisions ?? [];
}
