/**
 * InfluxDB (1.x `/query` API, InfluxQL) behind the MetricSource interface: `metrics.influxdb`.
 *
 * The time a gate asks about reaches the query as the bound parameter `$now` (an RFC 3339 time), so a query
 * written `... WHERE "track" = '{{track}}' AND time > $now - 1m AND time <= $now` reads the same window live and in
 * a replay; InfluxQL's own `now()` is the server's clock and makes a replay read the present. Answers are asked
 * for with `epoch=ms`.
 *
 * Classification (every problem is `ok:false`, never a throw, never a pass):
 *   no series, or a null value (nothing in the window) -> 'empty'; more than one statement, series or value
 *   column -> 'query-error' naming them; a statement `error` or HTTP 4xx -> 'query-error' quoting InfluxDB;
 *   a value that is not a number, or a body that is not InfluxDB's JSON -> 'query-error'; connection refused /
 *   reset -> 'unreachable'; HTTP 502/503/504 -> 'unreachable'; no answer within the timeout -> 'timeout'.
 * Several rows (e.g. `GROUP BY time(30s)`) are allowed: the newest row is the value as of `$now`.
 * Retries: connection errors and 5xx only, bounded, with backoff (the reasons are those of the Prometheus source).
 * Credentials come from env variables only (`token_env` as `Authorization: Token`, or `username_env` and
 * `password_env` as Basic), are registered with the run's masker, and never appear in a URL or a message.
 * Answers are read up to a size cap (default 4 MiB): one instant value never needs more.
 */
import { ConfigurationError } from '../config/errors.js';
import type { MetricSourceSettings } from '../config/index.js';
import { maskSecrets, registerSecret } from '../secrets/masker.js';
import type { MetricSourceFactory } from './factory.js';
import { connectionError, formatBytes, isTimeout, parseJson, readCapped, truncate } from './http-read.js';
import {
  measured,
  renderTime,
  unmeasurable,
  type Measurement,
  type MetricQuery,
  type MetricSource,
  type UnmeasurableReason,
} from './source.js';

export interface InfluxDbSourceOptions {
  url: string;
  database: string;
  retentionPolicy?: string;
  /** Sent as `Authorization: Token <token>`. */
  token?: string;
  basicAuth?: { username: string; password: string };
  /** Per attempt, default 10 000 ms. */
  timeoutMs?: number;
  /** Extra attempts after the first for connection errors and 5xx, default 2. */
  retries?: number;
  /** First backoff delay; doubles each retry. Default 250 ms. */
  backoffMs?: number;
  /** Largest answer read, in bytes (default 4 MiB). */
  maxResponseBytes?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

type Attempt = { ok: true; body: unknown } | { ok: false; reason: UnmeasurableReason; detail: string };

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_BACKOFF_MS = 250;
const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export class InfluxDbSource implements MetricSource {
  readonly displayUrl: string;
  private readonly queryUrl: URL;
  private readonly headers: Record<string, string>;
  private readonly database: string;
  private readonly retentionPolicy: string | undefined;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxResponseBytes: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: InfluxDbSourceOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new ConfigurationError(
        `metrics.influxdb.url: "${options.url}" is not a URL (expected http(s)://host:port)`,
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new ConfigurationError(
        `metrics.influxdb.url: expected an http:// or https:// URL, got ${parsed.protocol}`,
      );
    if (parsed.username || parsed.password)
      throw new ConfigurationError(
        'metrics.influxdb.url: credentials in the URL would be logged with it; name env variables in token_env or username_env/password_env',
      );
    if (options.token && options.basicAuth)
      throw new ConfigurationError(
        'metrics.influxdb: give either token_env or username_env/password_env, not both',
      );
    this.headers = { accept: 'application/json' };
    if (options.token) {
      registerSecret(options.token);
      this.headers.authorization = `Token ${options.token}`;
    } else if (options.basicAuth) {
      const { username, password } = options.basicAuth;
      registerSecret(password);
      this.headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    parsed.search = '';
    parsed.hash = '';
    const base = parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
    this.queryUrl = new URL('query', base);
    this.displayUrl = base.replace(/\/$/, '');
    this.database = options.database;
    this.retentionPolicy = options.retentionPolicy;
    this.timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.retries = Math.max(0, Math.floor(options.retries ?? DEFAULT_RETRIES));
    this.backoffMs = Math.max(0, options.backoffMs ?? DEFAULT_BACKOFF_MS);
    this.maxResponseBytes = positive(
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      'maxResponseBytes',
    );
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  describe(): string {
    return `influxdb ${this.displayUrl} db=${this.database}`;
  }

  async instant(q: MetricQuery, at: Date): Promise<Measurement> {
    if (Number.isNaN(at.getTime())) throw new RangeError('InfluxDbSource: invalid Date');
    const url = new URL(this.queryUrl);
    url.searchParams.set('db', this.database);
    if (this.retentionPolicy) url.searchParams.set('rp', this.retentionPolicy);
    url.searchParams.set('q', renderTime(q.query, at));
    url.searchParams.set('epoch', 'ms');
    url.searchParams.set('params', JSON.stringify({ now: at.toISOString() }));
    const answer = await this.call(url);
    if (!answer.ok) return unmeasurable(q, at, answer.reason, this.message(answer.detail, q));
    const read = valueOf(answer.body, at);
    if (!read.ok) return unmeasurable(q, at, read.reason, this.message(read.detail, q));
    return measured(q, at, read.value);
  }

  private async call(url: URL): Promise<Attempt> {
    let last: Attempt = { ok: false, reason: 'unreachable', detail: 'no attempt made' };
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await this.sleep(this.backoffMs * 2 ** (attempt - 1));
      const { outcome, retryable } = await this.attempt(url);
      if (outcome.ok || !retryable) return outcome;
      last = outcome;
    }
    if (!last.ok && this.retries > 0)
      last = { ...last, detail: `${last.detail} (after ${this.retries + 1} attempts)` };
    return last;
  }

  private async attempt(url: URL): Promise<{ outcome: Attempt; retryable: boolean }> {
    let response: Response;
    let text: string | undefined;
    try {
      response = await this.fetchImpl(url, {
        headers: this.headers,
        signal: AbortSignal.timeout(this.timeoutMs),
        // A redirect could hand the credentials to another host; InfluxDB's /query never redirects.
        redirect: 'error',
      });
      text = await readCapped(response, this.maxResponseBytes);
    } catch (e) {
      if (isTimeout(e))
        return {
          outcome: { ok: false, reason: 'timeout', detail: `no answer within ${this.timeoutMs} ms` },
          retryable: false,
        };
      return {
        outcome: { ok: false, reason: 'unreachable', detail: `cannot connect (${connectionError(e)})` },
        retryable: true,
      };
    }
    if (text === undefined)
      return {
        outcome: {
          ok: false,
          reason: 'query-error',
          detail: `HTTP ${response.status}: the answer is larger than ${formatBytes(this.maxResponseBytes)} and was not read (an instant value needs one row: aggregate the query)`,
        },
        retryable: false,
      };
    const body = parseJson(text);
    if (response.ok) {
      if (body === undefined)
        return {
          outcome: {
            ok: false,
            reason: 'query-error',
            detail: `HTTP 200 but the body is not JSON: ${truncate(text, 200)}`,
          },
          retryable: false,
        };
      return { outcome: { ok: true, body }, retryable: false };
    }
    const influxError =
      body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
        ? (body as { error: string }).error
        : truncate(text.trim(), 200);
    const status = `HTTP ${response.status}${influxError ? `: ${influxError}` : ''}`;
    if (response.status >= 500) {
      const reason: UnmeasurableReason = [502, 503, 504].includes(response.status)
        ? 'unreachable'
        : 'query-error';
      return { outcome: { ok: false, reason, detail: status }, retryable: true };
    }
    const hint =
      response.status === 401 || response.status === 403
        ? ' (check the credentials in token_env / username_env, password_env)'
        : '';
    return { outcome: { ok: false, reason: 'query-error', detail: `${status}${hint}` }, retryable: false };
  }

  private message(detail: string, q: MetricQuery): string {
    return maskSecrets(`${this.describe()}: ${detail}; query: ${q.query}`);
  }
}

type Read = { ok: true; value: number } | { ok: false; reason: UnmeasurableReason; detail: string };

/** The one number in an InfluxDB `/query` answer of one statement, one series and one value column. */
function valueOf(body: unknown, at: Date): Read {
  const malformed = (what: string): Read => ({
    ok: false,
    reason: 'query-error',
    detail: `not an InfluxDB query answer (${what}): ${truncate(JSON.stringify(body), 200)}`,
  });
  if (!body || typeof body !== 'object') return malformed('not an object');
  const results = (body as { results?: unknown }).results;
  if (!Array.isArray(results)) return malformed('no results array');
  if (results.length !== 1)
    return {
      ok: false,
      reason: 'query-error',
      detail: `${results.length} statement results where one query was expected`,
    };
  const result = results[0] as { error?: unknown; series?: unknown } | null;
  if (!result || typeof result !== 'object') return malformed('a result that is not an object');
  if (typeof result.error === 'string')
    return { ok: false, reason: 'query-error', detail: `InfluxDB: ${result.error}` };
  if (result.series === undefined)
    return {
      ok: false,
      reason: 'empty',
      detail: `no series in the answer as of ${at.toISOString()} (nothing matched)`,
    };
  if (!Array.isArray(result.series)) return malformed('series is not an array');
  const series = result.series as Array<{
    name?: unknown;
    tags?: unknown;
    columns?: unknown;
    values?: unknown;
  }>;
  if (series.length === 0)
    return {
      ok: false,
      reason: 'empty',
      detail: `no series in the answer as of ${at.toISOString()} (nothing matched)`,
    };
  if (series.length > 1) {
    const named = series.slice(0, 3).map(seriesName).join(', ');
    return {
      ok: false,
      reason: 'query-error',
      detail: `${series.length} series where one was expected (drop the GROUP BY tag or aggregate them): ${named}${series.length > 3 ? ', ...' : ''}`,
    };
  }
  const only = series[0]!;
  if (!Array.isArray(only.columns) || !Array.isArray(only.values))
    return malformed('series without columns or values');
  const valueColumns = only.columns.filter((c) => c !== 'time');
  if (valueColumns.length !== 1)
    return {
      ok: false,
      reason: 'query-error',
      detail: `${valueColumns.length} value columns (${valueColumns.join(', ')}) where one was expected: select one field or expression`,
    };
  const column = only.columns.indexOf(valueColumns[0]);
  const rows = only.values as unknown[];
  const newest = rows.at(-1);
  if (!Array.isArray(newest))
    return rows.length === 0
      ? { ok: false, reason: 'empty', detail: 'the series has no rows' }
      : malformed('a row that is not an array');
  const value: unknown = newest[column];
  if (value === null || value === undefined)
    return {
      ok: false,
      reason: 'empty',
      detail: `${String(valueColumns[0])} is null as of ${at.toISOString()} (no points in the window)`,
    };
  if (typeof value !== 'number')
    return {
      ok: false,
      reason: 'query-error',
      detail: `${String(valueColumns[0])} is ${JSON.stringify(value)}, not a number`,
    };
  return { ok: true, value };
}

function seriesName(s: { name?: unknown; tags?: unknown }): string {
  const tags = s.tags && typeof s.tags === 'object' ? Object.entries(s.tags as Record<string, unknown>) : [];
  return `${String(s.name)}{${tags.map(([k, v]) => `${k}=${String(v)}`).join(',')}}`;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0)) throw new RangeError(`InfluxDbSource: ${name} must be > 0, got ${value}`);
  return value;
}

function envValue(env: NodeJS.ProcessEnv, field: string, name: string, what: string): string {
  const value = env[name];
  if (!value)
    throw new ConfigurationError(
      `metrics.influxdb.${field}: environment variable ${name} is not set or empty (expected ${what})`,
    );
  return value;
}

/** The source a plan's `metrics.influxdb` block describes; a named but unset env variable is a ConfigurationError. */
export function influxDbSourceFromSettings(
  settings: MetricSourceSettings<'influxdb'>,
  options: { env?: NodeJS.ProcessEnv } & Omit<
    InfluxDbSourceOptions,
    'url' | 'database' | 'token' | 'basicAuth'
  > = {},
): InfluxDbSource {
  const { env = process.env, ...rest } = options;
  if ((settings.username_env === undefined) !== (settings.password_env === undefined))
    throw new ConfigurationError(
      'metrics.influxdb: username_env and password_env go together (Basic auth needs both)',
    );
  return new InfluxDbSource({
    ...rest,
    url: settings.url,
    database: settings.database,
    ...(settings.retention_policy ? { retentionPolicy: settings.retention_policy } : {}),
    ...(settings.token_env
      ? { token: envValue(env, 'token_env', settings.token_env, 'the InfluxDB token') }
      : {}),
    ...(settings.username_env && settings.password_env
      ? {
          basicAuth: {
            username: envValue(env, 'username_env', settings.username_env, 'the InfluxDB user name'),
            password: envValue(env, 'password_env', settings.password_env, 'the InfluxDB password'),
          },
        }
      : {}),
    ...(settings.timeout !== undefined ? { timeoutMs: settings.timeout * 1000 } : {}),
    ...(settings.retries !== undefined ? { retries: settings.retries } : {}),
  });
}

export const influxDbFactory: MetricSourceFactory<'influxdb'> = {
  create(settings, options) {
    return influxDbSourceFromSettings(
      { ...settings, url: options.url || settings.url },
      { env: options.env, ...(options.fetch ? { fetch: options.fetch } : {}) },
    );
  },
};
