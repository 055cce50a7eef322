/**
 * What happened in a release, reduced to facts that the release notes, the RCA and the report all state the
 * same way: the outcome, when it started and ended, and one row per stage run. Pure.
 */
import type { ReleasePlan } from '../config/index.js';
import type { DecisionRecord } from '../evidence/decision-log.js';
import { releaseT0 } from '../evidence/release-clock.js';
import type { Decision, StageResult } from '../gate/types.js';

export type ReleaseOutcome = 'promoted' | 'rolled-back' | 'incomplete';

export interface StageRow {
  /** 1-based position in the plan. */
  number: number;
  name: string;
  traffic: string;
  decision: Decision;
  reason: string;
  started_at: string;
  decided_at: string;
  /** Seconds from start to decision. */
  duration_s: number;
  planned_s: number;
  holds: number;
  samples: number;
  triggered_by: string[];
  /** Reviewer(s) who signed the stage off in the decision log, if any. */
  approver: string | null;
}

export interface ReleaseFacts {
  service: string;
  version: string;
  outcome: ReleaseOutcome;
  /** Why the outcome is what it is, in one sentence. */
  outcomeReason: string;
  /** T0 of the release clock (src/evidence/release-clock.ts): the freeze's start, else the first recorded moment. */
  startedAt: string | null;
  endedAt: string | null;
  duration_s: number;
  stages: StageRow[];
  stagesPlanned: number;
  /** Stages of the plan that reached PROCEED. */
  stagesPassed: number;
  rollbacks: number;
  /** The traffic ramp as run, e.g. `1->5->25->50->100`. */
  ramp: string;
  rollbackStage: StageRow | null;
}

export function trafficText(traffic: StageResult['stage']['traffic']): string {
  if (typeof traffic === 'number') return `${traffic}%`;
  return Object.entries(traffic)
    .map(([flow, w]) => `${flow} ${w}%`)
    .join(', ');
}

function rampStep(traffic: StageResult['stage']['traffic']): string {
  return typeof traffic === 'number' ? String(traffic) : Object.values(traffic).join('/');
}

/** `1h 30m`, `15m`, `45s`. */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (rest || parts.length === 0) parts.push(`${rest}s`);
  return parts.join(' ');
}

const isRollbackRecord = (d: DecisionRecord) =>
  d.phase === 'rollback' || d.decision.toUpperCase() === 'ROLLBACK';
const isPromoteRecord = (d: DecisionRecord) => d.phase === 'promote' || d.phase === 'ga';

export function releaseFacts(
  plan: ReleasePlan,
  version: string,
  stages: StageResult[],
  decisions: DecisionRecord[],
  /** When this version's freeze started, if the evidence says (freeze/state.json). */
  freezeStartedAt: string | null = null,
): ReleaseFacts {
  const rows: StageRow[] = stages.map((r) => {
    const signoff = decisions.find((d) => d.phase === `stage:${r.stage.name}` && d.approver);
    return {
      number: r.stage.index + 1,
      name: r.stage.name,
      traffic: trafficText(r.stage.traffic),
      decision: r.decision,
      reason: r.reason,
      started_at: r.started_at,
      decided_at: r.decided_at,
      duration_s: (Date.parse(r.decided_at) - Date.parse(r.started_at)) / 1000,
      planned_s: r.stage.duration_s,
      holds: r.holds,
      samples: r.samples.length,
      triggered_by: r.triggered_by,
      approver: signoff?.approver ?? null,
    };
  });
  const times = [
    ...stages.flatMap((r) => [Date.parse(r.started_at), Date.parse(r.decided_at)]),
    ...decisions.map((d) => Date.parse(d.start_timestamp)),
  ].filter((t) => Number.isFinite(t));
  const t0 = releaseT0({ freezeStartedAt, decisions, stages });
  const startedAt = t0 ? t0.toISOString() : null;
  const endedAt = times.length
    ? new Date(Math.max(...times, t0?.getTime() ?? -Infinity)).toISOString()
    : null;
  const rollbackRows = rows.filter((r) => r.decision === 'ROLLBACK');
  const rollbackRecords = decisions.filter(isRollbackRecord);
  const rollbacks = Math.max(rollbackRows.length, rollbackRecords.length > 0 ? 1 : 0);
  const lastIndex = plan.stages.length - 1;
  const passedNames = new Set(rows.filter((r) => r.decision === 'PROCEED').map((r) => r.name));
  const finalProceeded = rows.some((r) => r.number - 1 === lastIndex && r.decision === 'PROCEED');

  let outcome: ReleaseOutcome;
  let outcomeReason: string;
  if (rollbacks > 0) {
    outcome = 'rolled-back';
    const row = rollbackRows[0];
    outcomeReason = row
      ? `rolled back at stage ${row.number} ${row.name} (${row.traffic}): ${row.reason}`
      : `rolled back (decision log: ${rollbackRecords[0]!.reason})`;
  } else if (finalProceeded || decisions.some(isPromoteRecord)) {
    outcome = 'promoted';
    outcomeReason = `${passedNames.size}/${plan.stages.length} stages proceeded, 0 rollbacks`;
  } else {
    outcome = 'incomplete';
    const last = rows.at(-1);
    outcomeReason = last
      ? `stopped after stage ${last.number} ${last.name} with ${last.decision}: ${last.reason}`
      : 'no stage has run: the evidence holds no stage results';
  }
  return {
    service: plan.release.service,
    version,
    outcome,
    outcomeReason,
    startedAt,
    endedAt,
    duration_s: startedAt && endedAt ? (Date.parse(endedAt) - Date.parse(startedAt)) / 1000 : 0,
    stages: rows,
    stagesPlanned: plan.stages.length,
    stagesPassed: passedNames.size,
    rollbacks,
    // A stage re-run after a hold or review is one step of the ramp, not two.
    ramp: stages
      .map((r) => rampStep(r.stage.traffic))
      .filter((step, i, all) => i === 0 || all[i - 1] !== step)
      .join('->'),
    rollbackStage: rollbackRows[0] ?? null,
  };
}

/** A reason as one verdict line: its first clause, at most 140 characters; the full text is shown once, collapsed. */
export function verdictLine(reason: string): string {
  const first = reason.split('; ')[0]!;
  return first.length > 140 ? `${first.slice(0, 139)}…` : first;
}
