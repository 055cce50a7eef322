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
import { getAnswer, parseJson, truncate, type GetRequest } from './http-read.js';
import { httpBaseUrl, requiredEnv, transportOf } from './http-settings.js';
import type { Transport, TransportOptions } from './http-settings.js';
import { statusFailure, withRetries, type Attempted } from './request-loop.js';
import { describeNonFinite, measured, unmeasurable } from './source.js';
import type { Measurement, MetricQuery, MetricSource, RangeResult, UnmeasurableReason } from './source.js';

export interface PrometheusSourceOptions extends TransportOptions {
  url: string;
  bearerToken?: string;
  headers?: Record<string, string>;
}

/** The plan's `metrics.prometheus` block (the parts this client reads). */
export interface PrometheusSettings {
  url: string;
  bearer_token_env?: string;
  headers?: Record<string, string>;
}

export type { RangeResult };

const MAX_SERIES_NAMED = 3;
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** VictoriaMetrics: answer for exactly the asked time (no latency offset, no step alignment). */
const EXACT_TIME = { nocache: '1' } as const;

export class PrometheusSource implements MetricSource {
  readonly displayUrl: string;
  private readonly apiBase: URL;
  private readonly requestHeaders: Record<string, string>;
  private readonly transport: Transport;
  private readonly request: GetRequest;

  constructor(options: PrometheusSourceOptions) {
    const parsed = httpBaseUrl('prometheus', options.url, 'http(s)://host:port');
    this.requestHeaders = { accept: 'application/json', ...(options.headers ?? {}) };
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    if (options.bearerToken) {
      if (user || password) {
        throw new ConfigurationError(
          'metrics.prometheus: give either a bearer token or user:password in the URL, not both',
        );
      }
      this.requestHeaders.authorization = `Bearer ${options.bearerToken}`;
      // Known to the run's masker: an answer or an error quoting it is masked wherever it is written.
      registerSecret(options.bearerToken);
    } else if (user || password) {
      // fetch() refuses URLs with credentials, so they move to a Basic header.
      this.requestHeaders.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
      if (password) registerSecret(password);
    }
    for (const [name, value] of Object.entries(options.headers ?? {}))
      if (/authorization|cookie|token|key|auth|secret/i.test(name)) registerSecret(value);
    parsed.username = '';
    parsed.password = '';
    parsed.hash = '';
    this.displayUrl = `${parsed.origin}${parsed.pathname === '/' ? '' : parsed.pathname.replace(/\/$/, '')}`;
    this.apiBase = new URL(parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`);
    this.transport = transportOf('PrometheusSource', options, {
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    });
    this.request = {
      ...this.transport,
      headers: this.requestHeaders,
      redirects: { within: this.apiBase.origin },
      tooLargeHint: '(narrow the query or its range; no gate judges a truncated answer)',
    };
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
    const data = outcome.value as { resultType?: unknown; result?: unknown };
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
    const data = outcome.value as { resultType?: unknown; result?: unknown };
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

  private call(path: string, params: Record<string, string>): Promise<Attempted<unknown>> {
    const url = new URL(path, this.apiBase);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return withRetries(() => this.attempt(url), this.transport);
  }

  /** One request, and what its answer means in Prometheus's API: `status: success` and its `data`, or why not. */
  private async attempt(url: URL): Promise<Attempted<unknown>> {
    const answer = await getAnswer(url, this.request);
    if (!answer.ok) return answer;
    const { status, text } = answer.value;
    const body = parseJson(text) as
      { status?: unknown; data?: unknown; errorType?: unknown; error?: unknown } | undefined;
    if (answer.value.ok && body?.status === 'success') return { ok: true, value: body.data ?? {} };
    const promError =
      body && typeof body.error === 'string' ? `: ${body.errorType ?? 'error'}: ${body.error}` : '';
    const said = `HTTP ${status}${promError || (text ? `: ${truncate(text.trim(), 200)}` : '')}`;
    if (answer.value.ok)
      return {
        ok: false,
        reason: 'query-error',
        detail: body ? said : `HTTP 200 but the body is not JSON: ${truncate(text, 200)}`,
      };
    const failure = statusFailure(status, said);
    // Prometheus says when a query ran out of its own time: that is a timeout, not a broken server.
    if (status >= 500 && body?.errorType === 'timeout') return { ...failure, reason: 'timeout' };
    if (status === 401 || status === 403) failure.detail += ' (check the bearer token / credentials)';
    return failure;
  }

  private message(detail: string, promql: string): string {
    return maskSecrets(`${this.describe()}: ${detail}; query: ${promql}`);
  }
}

/** Reads the token named by `bearer_token_env`; a named but unset variable is a configuration error (fail closed). */
export function bearerTokenFromEnv(
  envName: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!envName) return undefined;
  return requiredEnv(env, 'prometheus', 'bearer_token_env', envName, 'the Prometheus bearer token');
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
