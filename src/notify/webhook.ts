/**
 * War-room lines and decisions posted to chat webhooks (Slack-compatible `{"text": ...}`). URLs come from the
 * environment variables the plan names, never from the plan itself, so they stay secrets. A post that fails is
 * logged and reported, never thrown: a chat outage must not fail or stall a release (each post has a time limit,
 * and there is no retry loop).
 */
import type { ReleasePlan } from '../config/index.js';
import { maskSecrets, registerSecret } from '../secrets/masker.js';

export type NotifyEvent = 'decision' | 'warroom' | 'rollback' | 'promote';

export interface NotifyDeps {
  env?: NodeJS.ProcessEnv;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface NotifyResult {
  webhook: string;
  ok: boolean;
  /** `HTTP 200`, `skipped: ...` or the failure; never contains the URL (it is a credential). */
  detail: string;
}

export function slackPayload(text: string): { text: string } {
  return { text };
}

export async function notify(
  settings: ReleasePlan['notify'] | undefined,
  event: NotifyEvent,
  text: string,
  deps: NotifyDeps = {},
): Promise<NotifyResult[]> {
  const env = deps.env ?? process.env;
  const doFetch = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 5_000;
  const log = deps.log ?? (() => undefined);
  const results: NotifyResult[] = [];
  for (const [i, hook] of (settings?.webhooks ?? []).entries()) {
    const name = hook.name ?? hook.url_env;
    if (hook.events && !hook.events.includes(event)) continue;
    const url = env[hook.url_env];
    // A chat webhook URL is a credential: whoever holds it posts to the channel.
    registerSecret(url);
    if (!url) {
      const detail = `skipped: environment variable ${hook.url_env} is not set (notify.webhooks[${i}].url_env)`;
      log(`notify ${name}: ${detail}`);
      results.push({ webhook: name, ok: false, detail });
      continue;
    }
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(slackPayload(maskSecrets(text))),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.text().catch(() => '');
      const detail = `HTTP ${response.status}`;
      if (!response.ok) log(`notify ${name}: webhook answered ${detail}; the release goes on`);
      results.push({ webhook: name, ok: response.ok, detail });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      // Some fetch errors quote the URL, which is a credential for chat webhooks.
      const reason = (
        err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.message)
      )
        .split(url)
        .join('<webhook URL>');
      log(`notify ${name}: post failed (${reason}); the release goes on`);
      results.push({ webhook: name, ok: false, detail: `failed: ${reason}` });
    }
  }
  return results;
}
