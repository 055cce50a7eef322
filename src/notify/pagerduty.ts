/**
 * PagerDuty Events API v2 (`notify.pagerduty`): a rollback triggers an alert, a later promote of the same release
 * resolves it. Both carry one dedup key per release (service and version), so a re-run of the rollback job updates
 * the open incident instead of opening a second one. Shapes follow the API: POST /v2/enqueue with routing_key,
 * event_action, dedup_key and, for a trigger, payload {summary, source, severity, timestamp, component, group,
 * class, custom_details}; it answers 202 {status, message, dedup_key}, 400 for an invalid event (not retried) and
 * 429 when throttled (retried, bounded, as are 5xx and no answer).
 */
import { releaseName, type NotifyMessage, type NotifySettings } from './message.js';
import { postBounded } from './http.js';
import { readSecretEnv, type ChannelContext, type NotifyResult } from './channel.js';

/** The API's limits: summary up to 1024 characters, dedup_key up to 255. */
const SUMMARY_MAX = 1024;
const DEDUP_KEY_MAX = 255;
const ATTEMPTS = 3;

type PagerDutySettings = NonNullable<NotifySettings['pagerduty']>;

export function pagerDutyDedupKey(service: string, version: string): string {
  return `canary-conductor/${service}/${version}`.slice(0, DEDUP_KEY_MAX);
}

/** The event a message maps to, or null when PagerDuty has nothing to do with it. */
export function pagerDutyEvent(
  settings: PagerDutySettings,
  routingKey: string,
  message: NotifyMessage,
): Record<string, unknown> | null {
  if (!(settings.events as readonly string[]).includes(message.event)) return null;
  const dedup_key = pagerDutyDedupKey(message.service, message.version);
  if (message.event === 'promote') return { routing_key: routingKey, event_action: 'resolve', dedup_key };
  if (message.event !== 'rollback') return null;
  const summary = `Canary rollback: ${releaseName(message)}${message.stage ? ` at stage ${message.stage.name}` : ''}: ${message.reason ?? message.text}`;
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key,
    payload: {
      summary: summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary,
      source: message.service,
      severity: settings.severity,
      timestamp: message.at,
      ...(message.stage ? { component: message.stage.name } : {}),
      group: message.service,
      class: 'canary-rollback',
      custom_details: {
        release: releaseName(message),
        service: message.service,
        version: message.version,
        stage: message.stage?.name ?? null,
        decision: message.decision ?? null,
        reason: message.reason ?? null,
        guardrail_breaches: message.breaches ?? [],
        triggered_by: message.triggeredBy ?? null,
        run_url: message.runUrl ?? null,
        incident_url: message.incidentUrl ?? null,
        ...(message.details ?? {}),
      },
    },
    client: 'canary-conductor',
    ...(message.runUrl ? { client_url: message.runUrl } : {}),
    links: [
      ...(message.runUrl ? [{ href: message.runUrl, text: 'Workflow run' }] : []),
      ...(message.incidentUrl ? [{ href: message.incidentUrl, text: 'Incident issue' }] : []),
    ],
  };
}

interface EnqueueAnswer {
  status?: string;
  message?: string;
  dedup_key?: string;
  errors?: string[];
}

function parseAnswer(text: string): EnqueueAnswer {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as EnqueueAnswer) : {};
  } catch {
    return {};
  }
}

export async function sendPagerDuty(
  settings: NotifySettings,
  message: NotifyMessage,
  ctx: ChannelContext,
): Promise<NotifyResult[]> {
  const pd = settings.pagerduty;
  if (!pd || !(pd.events as readonly string[]).includes(message.event)) return [];
  const target = 'pagerduty';
  const key = readSecretEnv(ctx, pd.routing_key_env, 'notify.pagerduty.routing_key_env');
  if ('skipped' in key) {
    ctx.log(`notify ${target}: ${key.skipped}`);
    return [{ channel: 'pagerduty', target, ok: false, detail: key.skipped }];
  }
  const event = pagerDutyEvent(pd, key.value, message)!;
  const out = await postBounded(
    pd.url,
    JSON.stringify(event),
    { 'content-type': 'application/json' },
    {
      fetch: ctx.fetch,
      timeoutMs: ctx.timeoutMs,
      attempts: ATTEMPTS,
      ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
    },
  );
  const answer = parseAnswer(out.text);
  const action = event.event_action as string;
  let detail: string;
  if (out.ok) {
    detail = `HTTP ${out.status} ${action} dedup_key ${answer.dedup_key ?? event.dedup_key}`;
    if (answer.dedup_key && answer.dedup_key !== event.dedup_key)
      detail += ` (sent ${String(event.dedup_key)})`;
  } else if (out.status === 400) {
    detail = `HTTP 400 ${answer.status ?? 'invalid event'}: ${answer.message ?? ''}${answer.errors?.length ? ` (${answer.errors.join('; ')})` : ''}`;
  } else {
    detail = `${out.status === null ? `failed: ${out.reason}` : out.reason} after ${out.attempts} attempt(s)`;
  }
  if (out.attempts > 1 && out.ok) detail += ` after ${out.attempts} attempts`;
  if (!out.ok) ctx.log(`notify ${target}: ${action} not accepted (${detail}); the release goes on`);
  return [{ channel: 'pagerduty', target, ok: out.ok, detail }];
}
