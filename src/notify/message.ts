/**
 * What a notification says, once, whatever the channel: the event, a one-line text (what a chat shows) and the
 * facts behind it (release, stage, decision, breaches, times, links). Each channel shapes its own payload from
 * this; the builders below are the only places call sites describe an event.
 */
import type { ReleasePlan } from '../config/index.js';
import type { GuardrailStatus, StageResult } from '../gate/types.js';

export const NOTIFY_EVENTS = ['decision', 'warroom', 'rollback', 'promote'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

export type NotifySettings = NonNullable<ReleasePlan['notify']>;

export interface NotifyBreach {
  guardrail: string;
  /** HARD, SOFT, TREND, NO-DATA, INCONCLUSIVE. */
  status: string;
  reason: string;
}

export interface NotifyMessage {
  event: NotifyEvent;
  /** One line, as a chat channel shows it. */
  text: string;
  /** When the event happened (ISO 8601). */
  at: string;
  service: string;
  version: string;
  stage?: { name: string; number?: number; traffic?: string };
  /** PROCEED, HOLD, REVIEW, ROLLBACK, PROMOTED. */
  decision?: string;
  reason?: string;
  breaches?: NotifyBreach[];
  /** The stage's window (decision events): a Grafana region spans it. */
  startedAt?: string;
  endedAt?: string;
  runUrl?: string;
  incidentUrl?: string;
  triggeredBy?: string;
  /** Further facts for the record (a metric snapshot, the rollback's steps). */
  details?: Record<string, unknown>;
}

export interface StageFacts {
  plan: ReleasePlan;
  version: string;
  stage: { name: string; number: number; traffic: string };
  runUrl?: string;
}

/** Statuses that are no breach: a guardrail that passes, is within its lines, or was suspect once. */
const NOT_A_BREACH: readonly GuardrailStatus[] = ['pass', 'suspect', 'within'];

/** A war-room line, posted at each sample. */
export function warroomMessage(facts: StageFacts, line: string, at: string): NotifyMessage {
  return {
    event: 'warroom',
    text: line,
    at,
    service: facts.plan.release.service,
    version: facts.version,
    stage: facts.stage,
    ...(facts.runUrl ? { runUrl: facts.runUrl } : {}),
  };
}

/** A stage's decision, with the guardrails that did not pass and the stage's window. */
export function stageDecisionMessage(facts: StageFacts, result: StageResult, text: string): NotifyMessage {
  const breaches = result.guardrails
    .filter((g) => !NOT_A_BREACH.includes(g.status))
    .map((g) => ({ guardrail: g.name, status: g.status.toUpperCase(), reason: g.reason }));
  return {
    event: 'decision',
    text,
    at: result.decided_at,
    service: facts.plan.release.service,
    version: facts.version,
    stage: facts.stage,
    decision: result.decision,
    reason: result.reason,
    breaches,
    startedAt: result.started_at,
    endedAt: result.ended_at,
    ...(facts.runUrl ? { runUrl: facts.runUrl } : {}),
  };
}

export interface RollbackFacts {
  plan: ReleasePlan;
  version: string;
  stage: string;
  reason: string;
  text: string;
  at: Date;
  triggeredBy?: string;
  runUrl?: string;
  incidentUrl?: string;
  metricsSnapshot?: Record<string, unknown>;
  steps: Array<{ name: string; status: string }>;
}

export function rollbackMessage(f: RollbackFacts): NotifyMessage {
  const number = f.plan.stages.findIndex((s) => s.name === f.stage) + 1;
  return {
    event: 'rollback',
    text: f.text,
    at: f.at.toISOString(),
    service: f.plan.release.service,
    version: f.version,
    stage: { name: f.stage, ...(number > 0 ? { number } : {}) },
    decision: 'ROLLBACK',
    reason: f.reason,
    ...(f.triggeredBy ? { triggeredBy: f.triggeredBy } : {}),
    ...(f.runUrl ? { runUrl: f.runUrl } : {}),
    ...(f.incidentUrl ? { incidentUrl: f.incidentUrl } : {}),
    details: {
      rollback_steps: Object.fromEntries(f.steps.map((s) => [s.name, s.status])),
      ...(f.metricsSnapshot ? { metrics_snapshot: f.metricsSnapshot } : {}),
    },
  };
}

export function promoteMessage(
  plan: ReleasePlan,
  version: string,
  reason: string,
  at: Date,
  runUrl?: string,
): NotifyMessage {
  return {
    event: 'promote',
    text: `:white_check_mark: ${plan.release.service} v${version} PROMOTED: ${reason}`,
    at: at.toISOString(),
    service: plan.release.service,
    version,
    decision: 'PROMOTED',
    reason,
    ...(runUrl ? { runUrl } : {}),
  };
}

/** The release as people name it in texts and tags: `spark-trading-api v1.4.1`. */
export function releaseName(message: NotifyMessage): string {
  return `${message.service} v${message.version}`;
}

/** The fields a webhook template sees (snake_case, as in the plan's own placeholders). */
export function templateView(message: NotifyMessage): Record<string, unknown> {
  return {
    event: message.event,
    text: message.text,
    at: message.at,
    service: message.service,
    version: message.version,
    release: releaseName(message),
    stage: message.stage?.name ?? '',
    stage_number: message.stage?.number ?? '',
    traffic: message.stage?.traffic ?? '',
    decision: message.decision ?? '',
    reason: message.reason ?? '',
    breaches: message.breaches ?? [],
    started_at: message.startedAt ?? '',
    ended_at: message.endedAt ?? '',
    run_url: message.runUrl ?? '',
    incident_url: message.incidentUrl ?? '',
    triggered_by: message.triggeredBy ?? '',
  };
}
