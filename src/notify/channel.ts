/** What every channel gets and gives back: the shared context of one notification, and one result per target. */
import { registerSecret } from '../secrets/masker.js';
import type { Fetch } from './http.js';
import type { NotifyMessage, NotifySettings } from './message.js';

/** One key of `notify` per channel: the registry in notify.ts must have a sender for each. */
export type ChannelKind = keyof NotifySettings;

export interface NotifyDeps {
  env?: NodeJS.ProcessEnv;
  fetch?: Fetch;
  /** Time limit of one attempt of one post (default 5 s). */
  timeoutMs?: number;
  log?: (line: string) => void;
  /** Waits between retries (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
}

export interface ChannelContext {
  env: NodeJS.ProcessEnv;
  fetch: Fetch;
  timeoutMs: number;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface NotifyResult {
  channel: ChannelKind;
  /** The target's name in logs (its name, or the env variable that holds its URL). */
  target: string;
  ok: boolean;
  /** `HTTP 200`, `skipped: ...` or the failure; never a URL, key or token. */
  detail: string;
}

export type ChannelSender = (
  settings: NotifySettings,
  message: NotifyMessage,
  ctx: ChannelContext,
) => Promise<NotifyResult[]>;

/**
 * A credential the plan names by its env variable: registered with the run's masker before anything can print it.
 * An unset variable is a result (the channel is skipped, naming the field), not an error: a missing chat URL must
 * not fail a release.
 */
export function readSecretEnv(
  ctx: ChannelContext,
  variable: string,
  field: string,
): { value: string } | { skipped: string } {
  const value = ctx.env[variable];
  registerSecret(value);
  if (!value) return { skipped: `skipped: environment variable ${variable} is not set (${field})` };
  return { value };
}

export function subscribed(
  events: readonly string[] | undefined,
  message: NotifyMessage,
  byDefault: readonly string[],
): boolean {
  return (events ?? byDefault).includes(message.event);
}
