/**
 * Chat and generic webhooks (`notify.webhooks[]`). Without a template the body is Slack-compatible `{"text": ...}`
 * (the default, as before); with one it is the mustache template rendered with the event's fields. A JSON body
 * (content_type containing "json") escapes every value for a JSON string and must parse before it is sent; any
 * other content type gets the values as they are. Headers come from env variables and are masked.
 */
import Mustache from 'mustache';
import { NOTIFY_EVENTS, templateView, type NotifyMessage, type NotifySettings } from './message.js';
import { postBounded } from './http.js';
import { readSecretEnv, subscribed, type ChannelContext, type NotifyResult } from './channel.js';

export function slackPayload(text: string): { text: string } {
  return { text };
}

/** Escapes a value for the inside of a JSON string (the template supplies the quotes). */
function jsonStringEscape(value: unknown): string {
  return JSON.stringify(String(value)).slice(1, -1);
}

export type RenderedBody = { body: string } | { error: string };

/** The template rendered with the message's fields; a JSON body that does not parse is an error naming the field. */
export function renderWebhookBody(
  template: string,
  contentType: string,
  message: NotifyMessage,
  field: string,
): RenderedBody {
  const json = /json/i.test(contentType);
  const body = Mustache.render(
    template,
    templateView(message),
    {},
    {
      escape: json ? jsonStringEscape : (v: unknown) => String(v),
    },
  );
  if (json) {
    try {
      JSON.parse(body);
    } catch (e) {
      return {
        error: `${field}: the rendered body is not JSON (${(e as Error).message}); expected a JSON template with {{field}} inside strings`,
      };
    }
  }
  return { body };
}

export async function sendWebhooks(
  settings: NotifySettings,
  message: NotifyMessage,
  ctx: ChannelContext,
): Promise<NotifyResult[]> {
  const results: NotifyResult[] = [];
  for (const [i, hook] of settings.webhooks.entries()) {
    if (!subscribed(hook.events, message, NOTIFY_EVENTS)) continue;
    const target = hook.name ?? hook.url_env;
    const result = (ok: boolean, detail: string): NotifyResult => {
      if (!ok) ctx.log(`notify ${target}: ${detail}; the release goes on`);
      return { channel: 'webhooks', target, ok, detail };
    };
    const url = readSecretEnv(ctx, hook.url_env, `notify.webhooks[${i}].url_env`);
    if ('skipped' in url) {
      results.push(result(false, url.skipped));
      continue;
    }
    const headers: Record<string, string> = { 'content-type': hook.content_type };
    let missing: string | null = null;
    for (const [name, variable] of Object.entries(hook.headers_env ?? {})) {
      const value = readSecretEnv(ctx, variable, `notify.webhooks[${i}].headers_env.${name}`);
      if ('skipped' in value) missing ??= value.skipped;
      else headers[name] = value.value;
    }
    if (missing) {
      results.push(result(false, missing));
      continue;
    }
    const rendered = hook.template
      ? renderWebhookBody(hook.template, hook.content_type, message, `notify.webhooks[${i}].template`)
      : { body: JSON.stringify(slackPayload(message.text)) };
    if ('error' in rendered) {
      results.push(result(false, `not sent: ${rendered.error}`));
      continue;
    }
    // A chat post is not retried: a second copy of a war-room line is worse than a missing one.
    const out = await postBounded(url.value, rendered.body, headers, {
      fetch: ctx.fetch,
      timeoutMs: ctx.timeoutMs,
      attempts: 1,
    });
    results.push(
      out.ok
        ? result(true, `HTTP ${out.status}`)
        : result(false, out.status === null ? `failed: ${out.reason}` : out.reason),
    );
  }
  return results;
}
