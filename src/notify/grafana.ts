/**
 * Grafana annotations (`notify.grafana`): when a stage's decision is made, one region annotation spanning the
 * stage (its start to its decision) through the HTTP API (POST /api/annotations, Bearer service-account token),
 * tagged `canary`, the release and the decision, so the dashboard people watch during a release shows each stage
 * and its verdict. Bounded (two attempts) and never fatal: a failed annotation is logged and returned as a result.
 */
import { releaseName, type NotifyMessage, type NotifySettings } from './message.js';
import { postBounded } from './http.js';
import { readSecretEnv, type ChannelContext, type NotifyResult } from './channel.js';

type GrafanaSettings = NonNullable<NotifySettings['grafana']>;

export interface GrafanaAnnotation {
  dashboardUID?: string;
  panelId?: number;
  time: number;
  timeEnd: number;
  tags: string[];
  text: string;
}

/** The region annotation of a stage decision; null for any other event (or one without a window). */
export function grafanaAnnotation(
  settings: GrafanaSettings,
  message: NotifyMessage,
): GrafanaAnnotation | null {
  if (message.event !== 'decision' || !message.startedAt || !message.endedAt || !message.decision)
    return null;
  const time = Date.parse(message.startedAt);
  const timeEnd = Date.parse(message.endedAt);
  if (!Number.isFinite(time) || !Number.isFinite(timeEnd)) return null;
  return {
    ...(settings.dashboard_uid ? { dashboardUID: settings.dashboard_uid } : {}),
    ...(settings.panel_id !== undefined ? { panelId: settings.panel_id } : {}),
    time,
    timeEnd: Math.max(time, timeEnd),
    tags: ['canary', releaseName(message), message.decision],
    text: message.text,
  };
}

export async function sendGrafana(
  settings: NotifySettings,
  message: NotifyMessage,
  ctx: ChannelContext,
): Promise<NotifyResult[]> {
  const grafana = settings.grafana;
  if (!grafana) return [];
  const annotation = grafanaAnnotation(grafana, message);
  if (!annotation) return [];
  const target = 'grafana';
  const token = readSecretEnv(ctx, grafana.token_env, 'notify.grafana.token_env');
  if ('skipped' in token) {
    ctx.log(`notify ${target}: ${token.skipped}`);
    return [{ channel: 'grafana', target, ok: false, detail: token.skipped }];
  }
  const out = await postBounded(
    `${grafana.url.replace(/\/+$/, '')}/api/annotations`,
    JSON.stringify(annotation),
    { 'content-type': 'application/json', authorization: `Bearer ${token.value}` },
    { fetch: ctx.fetch, timeoutMs: ctx.timeoutMs, attempts: 2, ...(ctx.sleep ? { sleep: ctx.sleep } : {}) },
  );
  let id: unknown = null;
  try {
    id = (JSON.parse(out.text) as { id?: unknown }).id ?? null;
  } catch {
    // A body that is not JSON leaves the id unknown; the status still says whether it was added.
  }
  const detail = out.ok
    ? `HTTP ${out.status} region annotation${id !== null ? ` ${String(id)}` : ''} (${annotation.tags.join(', ')})`
    : `${out.status === null ? `failed: ${out.reason}` : out.reason} after ${out.attempts} attempt(s)`;
  if (!out.ok) ctx.log(`notify ${target}: annotation not added (${detail}); the release goes on`);
  return [{ channel: 'grafana', target, ok: out.ok, detail }];
}
