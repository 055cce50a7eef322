/**
 * The checks every HTTP metric source makes of its settings when it is built, so that a setting it cannot use is a
 * ConfigurationError (or a RangeError for a programming mistake) before anything is measured, never later, and
 * says the same thing for every source.
 */
import { ConfigurationError } from '../config/errors.js';

/** The base URL of `metrics.<kind>.url`; `expected` shows its form, e.g. "http(s)://host:port". */
export function httpBaseUrl(kind: string, url: string, expected: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(`metrics.${kind}.url: "${url}" is not a URL (expected ${expected})`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ConfigurationError(
      `metrics.${kind}.url: expected an http:// or https:// URL, got ${parsed.protocol}`,
    );
  return parsed;
}

/** A URL's user-info would be written wherever the URL is (logs, evidence): credentials come from `instead`. */
export function refuseUrlCredentials(kind: string, url: URL, instead: string): void {
  if (url.username || url.password)
    throw new ConfigurationError(
      `metrics.${kind}.url: credentials in the URL are not accepted (they would be logged with it; name env variables in ${instead})`,
    );
}

/** The value of the variable `metrics.<kind>.<field>` names; a named but unset variable fails closed. */
export function requiredEnv(
  env: NodeJS.ProcessEnv,
  kind: string,
  field: string,
  name: string,
  what: string,
): string {
  const value = env[name];
  if (!value)
    throw new ConfigurationError(
      `metrics.${kind}.${field}: environment variable ${name} is not set or empty (expected ${what})`,
    );
  return value;
}

/** How a source talks HTTP, as given to its constructor; every field has a default. */
export interface TransportOptions {
  /** Per attempt, default 10 000 ms. */
  timeoutMs?: number;
  /** Extra attempts after the first for connection errors and 5xx, default 2. */
  retries?: number;
  /** First backoff delay; doubles each retry. Default 250 ms. */
  backoffMs?: number;
  /** Largest answer read, in bytes (the default is the source's). */
  maxResponseBytes?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export type Transport = Required<TransportOptions>;

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_BACKOFF_MS = 250;

/** The options with their defaults, checked; `owner` (e.g. "InfluxDbSource") names who was given a bad one. */
export function transportOf(
  owner: string,
  options: TransportOptions,
  defaults: { maxResponseBytes: number },
): Transport {
  return {
    timeoutMs: positive(owner, 'timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS),
    retries: Math.max(0, Math.floor(options.retries ?? DEFAULT_RETRIES)),
    backoffMs: Math.max(0, options.backoffMs ?? DEFAULT_BACKOFF_MS),
    maxResponseBytes: positive(
      owner,
      'maxResponseBytes',
      options.maxResponseBytes,
      defaults.maxResponseBytes,
    ),
    fetch: options.fetch ?? globalThis.fetch,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
}

/** `value`, or `fallback` when it is not given; a RangeError when it is given and not > 0. */
export function positive(owner: string, name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0)) throw new RangeError(`${owner}: ${name} must be > 0, got ${value}`);
  return value;
}
