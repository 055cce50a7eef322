/**
 * Prometheus HTTP API client (`/api/v1/query`, `/api/v1/query_range`) behind the MetricSource interface.
 *
 * Classification (every problem is `ok:false`, never a throw, never a pass):
 *   empty vector -> 'empty'; NaN / +Inf / -Inf -> 'nan'; more than one series -> 'query-error' (names them);
 *   a range vector or string result -> 'query-error'; HTTP 4xx or a Prometheus `status: error` -> 'query-error';
 *   connection refused / reset / DNS -> 'unreachable'; HTTP 502/503/504 -> 'unreachable';
 *   per-request timeout or Prometheus `errorType: timeout` -> 'timeout'; other HTTP 5xx -> 'query-error'.
 * Retries: connection errors and 5xx are retried (bounded, exponential backoff) because they are usually a
 * restart or a proxy hiccup; 4xx is not (a bad query stays bad), and neither is a timeout (a slow Prometheus
 * should not get more load, and `retries x timeout` would stretch a gate evaluation far past its interval).
 * Credentials: the bearer token and URL user-info go into the Authorization header only; messages name the
 * URL without user-info and query string, and any accidental echo of the token is masked.
 * Redirects are followed only within the configured origin (bounded): an answer from elsewhere is not our
 * Prometheus's, and following it would hand the token to another host. Answers are read up to a size cap
 * (default 16 MiB); a larger one is a 'query-error' naming the cap, never an unbounded buffer.
 *
 * VictoriaMetrics speaks the same API with one difference that changes a gate's answers: unless a request says
 * `nocache=1`, it answers an instant query near "now" as of 30 s earlier (`-search.latencyOffset`) and rounds a
 * range query of 50 points or more to its step. Every request carries `nocache=1` so both servers answer for exactly
 * the asked time; Prometheus ignores the parameter. VictoriaMetrics drops NaN samples from answers, so a 0/0
 * there is 'empty' where Prometheus gives 'nan': unmeasurable either way (docs/metrics/victoriametrics.md).
 */
import { parseDecimal } from '../config/decimal.js';
import { ConfigurationError } from '../config/errors.js';
import { maskSecrets, registerSecret } from '../secrets/masker.js';
import type { MetricSourceFactory } from './factory.js';
import { PROMETHEUS_URL_ENV } from './secret-refs.js';
import { connectionError, formatBytes, isTimeout, parseJson, readCapped, truncate } from './http-read.js';
import {
  describeNonFinite,
  measured,
  unmeasurable,
  type Measurement,
  type MetricQuery,
  type MetricSource,
  type RangeResult,
  type UnmeasurableReason,
} from './source.js';

export interface PrometheusSourceOptions {
  url: string;
  bearerToken?: string;
  headers?: Record<string, string>;
  /** Per attempt, default 10 000 ms. */
  timeoutMs?: number;
  /** Extra attempts after the first for connection errors and 5xx, default 2. */
  retries?: number;
  /** First backoff delay; doubles each retry. Default 250 ms. */
  backoffMs?: number;
  /** Largest answer read, in bytes (default 16 MiB). */
  maxResponseBytes?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** The plan's `metrics.prometheus` block (the parts this client reads). */
export interface PrometheusSettings {
  url: string;
  bearer_token_env?: string;
  headers?: Record<string, string>;
}

export type { RangeResult };

type ApiOutcome = { ok: true; data: unknown } | { ok: false; reason: UnmeasurableReason; detail: string };

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_BACKOFF_MS = 250;
const MAX_SERIES_NAMED = 3;
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** VictoriaMetrics: answer for exactly the asked time (no latency offset, no step alignment). */
const EXACT_TIME = { nocache: '1' } as const;

export class PrometheusSource implements MetricSource {
  readonly displayUrl: string;
  private readonly apiBase: URL;
  private readonly requestHeaders: Record<string, string>;
  private readonly secrets: string[];
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxResponseBytes: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: PrometheusSourceOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new ConfigurationError(
        `metrics.prometheus.url: "${options.url}" is not a URL (expected http(s)://host:port)`,
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new ConfigurationError(
        `metrics.prometheus.url: expected an http:// or https:// URL, got ${parsed.protocol}`,
      );
    }
    this.requestHeaders = { accept: 'application/json', ...(options.headers ?? {}) };
    this.secrets = [];
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    if (options.bearerToken) {
      if (user || password) {
        throw new ConfigurationError(
          'metrics.prometheus: give either a bearer token or user:password in the URL, not both',
        );
      }
      this.requestHeaders.authorization = `Bearer ${options.bearerToken}`;
      this.secrets.push(options.bearerToken);
    } else if (user || password) {
      // fetch() refuses URLs with credentials, so they move to a Basic header.
      this.requestHeaders.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
      if (password) this.secrets.push(password);
    }
    // Known to the run's masker too: an answer or an error quoting them is masked wherever it is written.
    for (const secret of this.secrets) registerSecret(secret);
    for (const [name, value] of Object.entries(options.headers ?? {}))
      if (/authorization|cookie|token|key|auth|secret/i.test(name)) registerSecret(value);
    parsed.username = '';
    parsed.password = '';
    parsed.hash = '';
    this.displayUrl = `${parsed.origin}${parsed.pathname === '/' ? '' : parsed.pathname.replace(/\/$/, '')}`;
    this.apiBase = new URL(parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`);
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
    return `prometheus ${this.displayUrl}`;
  }

  async instant(q: MetricQuery, at: Date): Promise<Measurement> {
    const outcome = await this.call('api/v1/query', {
      query: q.query,
      time: unixSeconds(at),
      ...EXACT_TIME,
    });
    if (!outcome.ok) return unmeasurable(q, at, outcome.reason, this.message(outcome.detail, q.query));
    const data = outcome.data as { resultType?: unknown; result?: unknown };
    if (data.resultType === 'scalar') return this.fromSample(q, at, data.result, 'scalar');
    if (data.resultType !== 'vector') {
      const kind = data.resultType === 'matrix' ? 'a range vector (matrix)' : `a ${String(data.resultType)}`;
      return unmeasurable(
        q,
        at,
        'query-error',
        this.message(`expected a scalar or an instant vector, got ${kind}`, q.query),
      );
    }
    const series = Array.isArray(data.result)
      ? (data.result as Array<{ metric?: Record<string, string>; value?: unknown }>)
      : [];
    if (series.length === 0) {
      return unmeasurable(
        q,
        at,
        'empty',
        this.message(`empty vector at ${at.toISOString()} (no series matched)`, q.query),
      );
    }
    if (series.length > 1) {
      return unmeasurable(q, at, 'query-error', this.message(tooManySeries(series), q.query));
    }
    return this.fromSample(q, at, series[0]!.value, `series ${formatLabels(series[0]!.metric)}`);
  }

  /** A range query for backtests and recordings. Non-finite points are kept (NaN) so callers can see gaps. */
  async range(q: MetricQuery, start: Date, end: Date, stepSeconds: number): Promise<RangeResult> {
    if (!(stepSeconds > 0)) throw new RangeError(`range(): stepSeconds must be > 0, got ${stepSeconds}`);
    const outcome = await this.call('api/v1/query_range', {
      query: q.query,
      start: unixSeconds(start),
      end: unixSeconds(end),
      step: String(stepSeconds),
      ...EXACT_TIME,
    });
    const fail = (reason: UnmeasurableReason, detail: string): RangeResult => ({
      ok: false,
      reason,
      message: this.message(detail, q.query),
      query: q.query,
    });
    if (!outcome.ok) return fail(outcome.reason, outcome.detail);
    const data = outcome.data as { resultType?: unknown; result?: unknown };
    if (data.resultType !== 'matrix')
      return fail('query-error', `expected a matrix, got ${String(data.resultType)}`);
    const series = Array.isArray(data.result)
      ? (data.result as Array<{ metric?: Record<string, string>; values?: unknown }>)
      : [];
    const window = `${start.toISOString()}..${end.toISOString()}`;
    if (series.length === 0) return fail('empty', `empty result for ${window} (no series matched)`);
    if (series.length > 1) return fail('query-error', tooManySeries(series));
    const values = series[0]!.values;
    if (!Array.isArray(values)) return fail('query-error', 'malformed matrix (no values array)');
    const points: Array<[number, number]> = [];
    for (const pair of values) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'number' || typeof pair[1] !== 'string') {
        return fail('query-error', `malformed sample ${JSON.stringify(pair)}`);
      }
      points.push([pair[0], parseSampleValue(pair[1])]);
    }
    return { ok: true, points, query: q.query };
  }

  private fromSample(q: MetricQuery, at: Date, sample: unknown, what: string): Measurement {
    if (!Array.isArray(sample) || typeof sample[1] !== 'string') {
      return unmeasurable(
        q,
        at,
        'query-error',
        this.message(`malformed ${what}: ${JSON.stringify(sample)}`, q.query),
      );
    }
    const value = parseSampleValue(sample[1]);
    if (!Number.isFinite(value)) {
      return unmeasurable(
        q,
        at,
        'nan',
        this.message(`${what} is ${describeNonFinite(value)} at ${at.toISOString()}`, q.query),
      );
    }
    return measured(q, at, value);
  }

  private async call(path: string, params: Record<string, string>): Promise<ApiOutcome> {
    const url = new URL(path, this.apiBase);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    let last: ApiOutcome = { ok: false, reason: 'unreachable', detail: 'no attempt made' };
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await this.sleep(this.backoffMs * 2 ** (attempt - 1));
      const { outcome, retryable } = await this.attempt(url);
      last = outcome;
      if (outcome.ok || !retryable) return outcome;
    }
    if (!last.ok && this.retries > 0)
      last = { ...last, detail: `${last.detail} (after ${this.retries + 1} attempts)` };
    return last;
  }

  private async attempt(url: URL): Promise<{ outcome: ApiOutcome; retryable: boolean }> {
    let response: Response;
    let text: string;
    try {
      const signal = AbortSignal.timeout(this.timeoutMs);
      let target = url;
      for (let hop = 0; ; hop++) {
        response = await this.fetchImpl(target, { headers: this.requestHeaders, signal, redirect: 'manual' });
        if (!REDIRECT_STATUSES.has(response.status)) break;
        await response.body?.cancel().catch(() => undefined);
        const refused = this.refusedRedirect(response, target, hop);
        if (typeof refused === 'string')
          return { outcome: { ok: false, reason: 'query-error', detail: refused }, retryable: false };
        target = refused;
      }
      const body = await readCapped(response, this.maxResponseBytes);
      if (body === undefined) {
        return {
          outcome: {
            ok: false,
            reason: 'query-error',
            detail: `HTTP ${response.status}: the answer is larger than ${formatBytes(this.maxResponseBytes)} and was not read (narrow the query or its range; no gate judges a truncated answer)`,
          },
          retryable: false,
        };
      }
      text = body;
    } catch (e) {
      if (isTimeout(e)) {
        return {
          outcome: { ok: false, reason: 'timeout', detail: `no answer within ${this.timeoutMs} ms` },
          retryable: false,
        };
      }
      return {
        outcome: { ok: false, reason: 'unreachable', detail: `cannot connect (${connectionError(e)})` },
        retryable: true,
      };
    }
    const body = parseJson(text) as
      { status?: unknown; data?: unknown; errorType?: unknown; error?: unknown } | undefined;
    if (response.ok && body?.status === 'success')
      return { outcome: { ok: true, data: body.data ?? {} }, retryable: false };
    const promError =
      body && typeof body.error === 'string' ? `: ${body.errorType ?? 'error'}: ${body.error}` : '';
    const status = `HTTP ${response.status}${promError || (text ? `: ${truncate(text.trim(), 200)}` : '')}`;
    if (response.ok) {
      return {
        outcome: {
          ok: false,
          reason: 'query-error',
          detail: body ? status : `HTTP 200 but the body is not JSON: ${truncate(text, 200)}`,
        },
        retryable: false,
      };
    }
    if (response.status >= 500) {
      const reason: UnmeasurableReason =
        body?.errorType === 'timeout'
          ? 'timeout'
          : [502, 503, 504].includes(response.status)
            ? 'unreachable'
            : 'query-error';
      return { outcome: { ok: false, reason, detail: status }, retryable: true };
    }
    const hint =
      response.status === 401 || response.status === 403 ? ' (check the bearer token / credentials)' : '';
    return { outcome: { ok: false, reason: 'query-error', detail: `${status}${hint}` }, retryable: false };
  }

  /** The next URL of a same-origin redirect, or why the redirect is refused. */
  private refusedRedirect(response: Response, from: URL, hop: number): URL | string {
    const location = response.headers.get('location');
    if (!location) return `HTTP ${response.status} redirect without a Location header`;
    let next: URL;
    try {
      next = new URL(location, from);
    } catch {
      return `HTTP ${response.status} redirect to an invalid Location`;
    }
    if (next.origin !== this.apiBase.origin) {
      return `HTTP ${response.status} redirect to ${next.origin} refused (only redirects within ${this.apiBase.origin} are followed: the answer must come from the configured Prometheus, and the token must not go elsewhere)`;
    }
    if (hop + 1 > MAX_REDIRECTS) return `more than ${MAX_REDIRECTS} redirects (a redirect loop?)`;
    return next;
  }

  private message(detail: string, promql: string): string {
    return this.mask(`${this.describe()}: ${detail}; query: ${promql}`);
  }

  private mask(text: string): string {
    return maskSecrets(text);
  }
}

/** Reads the token named by `bearer_token_env`; a named but unset variable is a configuration error (fail closed). */
export function bearerTokenFromEnv(
  envName: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!envName) return undefined;
  const token = env[envName];
  if (!token) {
    throw new ConfigurationError(
      `metrics.prometheus.bearer_token_env: environment variable ${envName} is not set or empty (expected the Prometheus bearer token)`,
    );
  }
  return token;
}

export function prometheusSourceFromSettings(
  settings: PrometheusSettings,
  options: { env?: NodeJS.ProcessEnv } & Omit<
    PrometheusSourceOptions,
    'url' | 'bearerToken' | 'headers'
  > = {},
): PrometheusSource {
  const { env, ...rest } = options;
  return new PrometheusSource({
    ...rest,
    url: settings.url,
    bearerToken: bearerTokenFromEnv(settings.bearer_token_env, env),
    headers: settings.headers,
  });
}

/** The old name of CANARY_METRICS_URL, still honoured for a Prometheus source. */

/**
 * The registry's entry for `metrics.prometheus`. URL precedence: the run-time override (flag, input, or
 * CANARY_METRICS_URL) > env CANARY_PROMETHEUS_URL > `metrics.prometheus.url`. The bearer token comes from the
 * variable the plan names; a named but unset variable is a ConfigurationError (fail closed).
 */
export const prometheusFactory: MetricSourceFactory<'prometheus'> = {
  create(settings, options) {
    return prometheusSourceFromSettings(
      {
        url: options.url || options.env[PROMETHEUS_URL_ENV] || settings.url,
        bearer_token_env: settings.bearer_token_env,
        headers: settings.headers,
      },
      {
        env: options.env,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(settings.timeout !== undefined ? { timeoutMs: settings.timeout * 1000 } : {}),
        ...(settings.retries !== undefined ? { retries: settings.retries } : {}),
      },
    );
  },
};

/** Prometheus encodes sample values as strings, including `NaN`, `+Inf` and `-Inf` (which Number() misreads). */
export function parseSampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  // Decimal only: `Number('0x10')` is 16, and Prometheus never sends hexadecimal.
  return parseDecimal(text);
}

function tooManySeries(series: Array<{ metric?: Record<string, string> }>): string {
  const named = series.slice(0, MAX_SERIES_NAMED).map((s) => formatLabels(s.metric));
  const more = series.length > MAX_SERIES_NAMED ? `, and ${series.length - MAX_SERIES_NAMED} more` : '';
  return `${series.length} series where one was expected (aggregate them, e.g. sum/min/max): ${named.join(', ')}${more}`;
}

function formatLabels(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  const name = labels?.__name__ ?? '';
  const rest = entries.filter(([k]) => k !== '__name__').map(([k, v]) => `${k}="${v}"`);
  return `${name}{${rest.join(',')}}`;
}

function unixSeconds(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('PrometheusSource: invalid Date');
  return (d.getTime() / 1000).toFixed(3);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0)) throw new RangeError(`PrometheusSource: ${name} must be > 0, got ${value}`);
  return value;
}
