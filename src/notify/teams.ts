/**
 * Microsoft Teams (`notify.teams[]`): an Adaptive Card (schema 1.4) in the message envelope Teams workflows and
 * incoming webhooks accept: `{type: "message", attachments: [{contentType:
 * "application/vnd.microsoft.card.adaptive", content: AdaptiveCard}]}`. The card leads with the verdict, then the
 * facts (release, stage, decision, reason, breaches) and a button to the run. War-room lines are opt-in: a card per
 * sample buries the decisions.
 */
import { releaseName, type NotifyMessage, type NotifySettings } from './message.js';
import { postBounded } from './http.js';
import { readSecretEnv, subscribed, type ChannelContext, type NotifyResult } from './channel.js';

export const TEAMS_DEFAULT_EVENTS = ['decision', 'rollback', 'promote'] as const;
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Adaptive Card text colours by verdict (Good green, Attention red, Warning amber). */
function verdictColor(decision: string | undefined): 'Good' | 'Attention' | 'Warning' | 'Default' {
  if (decision === 'PROCEED' || decision === 'PROMOTED') return 'Good';
  if (decision === 'ROLLBACK') return 'Attention';
  if (decision === 'HOLD' || decision === 'REVIEW') return 'Warning';
  return 'Default';
}

export function teamsCard(message: NotifyMessage): Record<string, unknown> {
  const stage = message.stage
    ? `${message.stage.number ? `Stage ${message.stage.number} ` : ''}${message.stage.name}${message.stage.traffic ? ` (${message.stage.traffic})` : ''}`
    : null;
  const title = message.decision
    ? `${message.decision}: ${releaseName(message)}${stage ? ` at ${stage}` : ''}`
    : `${releaseName(message)}${stage ? ` ${stage}` : ''}`;
  const facts: Array<{ title: string; value: string }> = [
    { title: 'Release', value: releaseName(message) },
    ...(stage ? [{ title: 'Stage', value: stage }] : []),
    ...(message.decision ? [{ title: 'Decision', value: message.decision }] : []),
    ...(message.reason ? [{ title: 'Reason', value: message.reason }] : []),
    ...(message.breaches?.length
      ? [{ title: 'Breaches', value: message.breaches.map((b) => `${b.guardrail} ${b.status}`).join(', ') }]
      : []),
    ...(message.triggeredBy ? [{ title: 'Triggered by', value: message.triggeredBy }] : []),
    { title: 'At', value: message.at },
  ];
  const actions = [
    ...(message.runUrl ? [{ type: 'Action.OpenUrl', title: 'Workflow run', url: message.runUrl }] : []),
    ...(message.incidentUrl ? [{ type: 'Action.OpenUrl', title: 'Incident', url: message.incidentUrl }] : []),
  ];
  return {
    type: 'message',
    attachments: [
      {
        contentType: ADAPTIVE_CARD_CONTENT_TYPE,
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: title,
              size: 'Medium',
              weight: 'Bolder',
              color: verdictColor(message.decision),
              wrap: true,
            },
            { type: 'TextBlock', text: message.text, wrap: true },
            { type: 'FactSet', facts },
          ],
          ...(actions.length ? { actions } : {}),
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}

export async function sendTeams(
  settings: NotifySettings,
  message: NotifyMessage,
  ctx: ChannelContext,
): Promise<NotifyResult[]> {
  const results: NotifyResult[] = [];
  for (const [i, channel] of settings.teams.entries()) {
    if (!subscribed(channel.events, message, TEAMS_DEFAULT_EVENTS)) continue;
    const target = channel.name ?? channel.url_env;
    const url = readSecretEnv(ctx, channel.url_env, `notify.teams[${i}].url_env`);
    if ('skipped' in url) {
      ctx.log(`notify ${target}: ${url.skipped}`);
      results.push({ channel: 'teams', target, ok: false, detail: url.skipped });
      continue;
    }
    // Teams answers 429 when a channel is posted to too fast; one more try after the wait it asks for.
    const out = await postBounded(
      url.value,
      JSON.stringify(teamsCard(message)),
      { 'content-type': 'application/json' },
      {
        fetch: ctx.fetch,
        timeoutMs: ctx.timeoutMs,
        attempts: 2,
        ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
      },
    );
    const detail = out.ok ? `HTTP ${out.status}` : out.status === null ? `failed: ${out.reason}` : out.reason;
    if (!out.ok) ctx.log(`notify ${target}: Teams card not delivered (${detail}); the release goes on`);
    results.push({ channel: 'teams', target, ok: out.ok, detail });
  }
  return results;
}
