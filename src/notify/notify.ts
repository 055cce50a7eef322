/**
 * Notifications of release events through every channel the plan configures. The registry below has one sender
 * per key of `notify` (the compiler makes it complete), each of which shapes its own payload from the same
 * message. Every message passes the run's masker before any channel sees it; every channel is bounded in time and
 * attempts, and none throws: a notification outage must not fail or stall a release.
 */
import { getErrorMessage } from '../config/index.js';
import { runSecrets } from '../secrets/masker.js';
import { notifySecretValues } from '../secrets/plan-secrets.js';
import type { ChannelContext, ChannelKind, ChannelSender, NotifyDeps, NotifyResult } from './channel.js';
import { sendGrafana } from './grafana.js';
import type { NotifyMessage, NotifySettings } from './message.js';
import { sendPagerDuty } from './pagerduty.js';
import { sendTeams } from './teams.js';
import { sendWebhooks } from './webhook.js';

const CHANNELS: Record<ChannelKind, ChannelSender> = {
  webhooks: sendWebhooks,
  teams: sendTeams,
  pagerduty: sendPagerDuty,
  grafana: sendGrafana,
};

const DEFAULT_TIMEOUT_MS = 5_000;

export async function notify(
  settings: NotifySettings | undefined,
  message: NotifyMessage,
  deps: NotifyDeps = {},
): Promise<NotifyResult[]> {
  if (!settings) return [];
  const ctx: ChannelContext = {
    env: deps.env ?? process.env,
    fetch: deps.fetch ?? fetch,
    timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    log: deps.log ?? (() => undefined),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  };
  // Every channel's credentials are known to the masker before any text is shaped: a URL that reached a reason or
  // a snapshot is masked there too.
  for (const value of notifySecretValues(settings, ctx.env)) runSecrets.add(value);
  const masked = runSecrets.maskValue(message);
  const kinds = Object.keys(CHANNELS) as ChannelKind[];
  const perChannel = await Promise.all(
    kinds.map(async (kind) => {
      try {
        return await CHANNELS[kind](settings, masked, ctx);
      } catch (e) {
        const detail = `failed: ${runSecrets.mask(getErrorMessage(e))}`;
        ctx.log(`notify ${kind}: ${detail}; the release goes on`);
        return [{ channel: kind, target: kind, ok: false, detail }];
      }
    }),
  );
  return perChannel.flat().map((r) => ({ ...r, detail: runSecrets.mask(r.detail) }));
}
