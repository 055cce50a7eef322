/**
 * Datadog behind the MetricSource interface (`metrics.datadog`), through the official client's metrics query API
 * (`v1.MetricsApi.queryMetrics`, `GET /api/v1/query`). A query is Datadog's metric query language with `{{track}}`,
 * e.g. `max:trading.api.latency.p95{service:spark,track:{{track}}}`; the value as of `at` is the newest non-null
 * point of the one series Datadog returns for [at - lookback, at].
 *
 * Classification (every problem is `ok:false`, never a throw, never a pass):
 *   no series, or only null points in the window -> 'empty'; more than one series -> 'query-error' naming their
 *   scopes; an answer `status: error`, HTTP 400, or 403 (keys) -> 'query-error' quoting Datadog; an answer the
 *   client cannot read as its MetricsQueryResponse (not JSON, wrong types) -> 'query-error'; connection refused /
 *   reset -> 'unreachable'; HTTP 502/503/504 -> 'unreachable'; no answer within the timeout -> 'timeout'.
 * Rate limits: a 429 says when the limit resets (`X-RateLimit-Reset`, seconds). If that is within the wait this
 * source may spend (`rate_limit_wait`, shorter than every stage's interval: config/cross-checks.ts refuses a plan
 * where it is not), it waits and asks again, at most twice; otherwise the point is 'unreachable' with the reset
 * time, and the engine counts it unmeasurable. The client's own retry (which sleeps for whatever reset the server
 * names) stays off.
 * Partial answers (a series that stops before `at`, or ends in nulls while Datadog is still ingesting) give the
 * newest real point in the window; none there is 'empty', never a zero.
 * Keys come from env variables only, go into the DD-API-KEY / DD-APPLICATION-KEY headers through the client, are
 * registered with the run's masker, and never appear in a message. The client reads DD_SITE / DD_API_KEY from the
 * environment when told nothing; this source always tells it the server and both keys.
 */
import type * as DatadogCommon from '@datadog/datadog-api-client/dist/packages/datadog-api-client-common/index.js';
import type * as v1 from '@datadog/datadog-api-client/dist/packages/datadog-api-client-v1/index.js';
import { ConfigurationError } from '../config/errors.js';
import type { MetricSourceSettings } from '../config/index.js';
import { DATADOG_RATE_LIMIT_WAIT_DEFAULT_S } from '../config/schema.js';
import { maskSecrets, registerSecret } from '../secrets/masker.js';
import type { MetricSourceFactory } from './factory.js';
import { formatBytes, isTimeout, readCapped, transportFailure, truncate } from './http-read.js';
import { httpBaseUrl, positive, requiredEnv, transportOf } from './http-settings.js';
import type { Transport, TransportOptions } from './http-settings.js';
import { statusFailure, withRetries, type Attempted, type RequestFailure } from './request-loop.js';
import { measured, rangeSteps, renderTime, unmeasurable, unmeasurableRange } from './source.js';
import type { Measurement, MetricQuery, MetricSource, RangeResult, UnmeasurableReason } from './source.js';

export interface DatadogSourceOptions extends TransportOptions {
  /** API base URL, e.g. https://api.datadoghq.com. */
  url: string;
  apiKey: string;
  appKey: string;
  /** Default 300 000 ms. */
  lookbackMs?: number;
  /** Longest rate-limit reset worth waiting for, default 10 000 ms. */
  maxRateLimitWaitMs?: number;
}

const DEFAULT_LOOKBACK_MS = 300_000;
const DEFAULT_RATE_LIMIT_WAIT_MS = DATADOG_RATE_LIMIT_WAIT_DEFAULT_S * 1000;
const RATE_LIMIT_RETRIES = 2;
const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Thrown by the capped fetch inside the client, caught again in `attempt`. */
class AnswerTooLarge extends Error {}

const DATADOG_CLIENT_PACKAGE = '@datadog/datadog-api-client';
/** The version the source is tested against (package.json's peer dependency). */
const DATADOG_CLIENT_VERSION = '1.64.0';

interface DatadogClient {
  client: typeof DatadogCommon;
  v1: typeof v1;
}
let loading: Promise<DatadogClient> | undefined;
/**
 * The client's v1 API and common parts, loaded when a Datadog plan first queries rather than whenever the CLI
 * starts; the package root would also load every v2 model (about 10 s more, and 116 MB in a bundle, for an API
 * this source never calls). The paths are literal so that the action bundler follows them.
 * Its logger writes failed requests straight to the console, past the run's masker and logger; every failure
 * reaches the user as this source's reason instead, so it is silenced.
 */
function loadClient(): Promise<DatadogClient> {
  // A CommonJS module arrives as its exports, or as a namespace whose default is its exports.
  const cjs = (m: unknown): unknown => (m as { default?: unknown }).default ?? m;
  loading ??= Promise.all([
    import('@datadog/datadog-api-client/dist/logger.js'),
    import('@datadog/datadog-api-client/dist/packages/datadog-api-client-common/index.js'),
    import('@datadog/datadog-api-client/dist/packages/datadog-api-client-v1/index.js'),
  ]).then(([logger, common, api]) => {
    (cjs(logger) as { logger: { setLevel(level: string): void } }).logger.setLevel('silent');
    return { client: cjs(common) as typeof DatadogCommon, v1: cjs(api) as typeof v1 };
  });
  return loading;
}

/**
 * The client is an optional dependency of the CLI package (it weighs more than the rest of the package together,
 * and only Datadog plans need it; the action bundles carry it). Without it a Datadog read fails closed and says
 * what to install.
 */
export function datadogClientMissing(error: unknown): RequestFailure {
  const code = (error as { code?: string } | null)?.code;
  const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
  return {
    ok: false,
    reason: 'query-error',
    detail: missing
      ? `metrics.datadog needs the package ${DATADOG_CLIENT_PACKAGE}, an optional dependency of canary-conductor: npm install ${DATADOG_CLIENT_PACKAGE}@${DATADOG_CLIENT_VERSION}`
      : `the Datadog client could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
  };
}

export class DatadogSource implements MetricSource {
  readonly displayUrl: string;
  private readonly apiKey: string;
  private readonly appKey: string;
  private readonly lookbackMs: number;
  private readonly maxRateLimitWaitMs: number;
  private readonly transport: Transport;

  constructor(options: DatadogSourceOptions) {
    const parsed = httpBaseUrl('datadog', options.url, 'https://host');
    if (parsed.username || parsed.password || parsed.search)
      throw new ConfigurationError(
        'metrics.datadog.url: a base URL without credentials or query string (keys come from api_key_env and app_key_env)',
      );
    this.displayUrl = parsed.href.replace(/\/$/, '');
    this.apiKey = options.apiKey;
    this.appKey = options.appKey;
    registerSecret(options.apiKey);
    registerSecret(options.appKey);
    this.lookbackMs = positive('DatadogSource', 'lookbackMs', options.lookbackMs, DEFAULT_LOOKBACK_MS);
    this.maxRateLimitWaitMs = Math.max(0, options.maxRateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
    this.transport = transportOf('DatadogSource', options, { maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES });
  }

  describe(): string {
    return `datadog ${this.displayUrl}`;
  }

  async instant(q: MetricQuery, at: Date): Promise<Measurement> {
    if (Number.isNaN(at.getTime())) throw new RangeError('DatadogSource: invalid Date');
    const { from, to } = this.windowOf(at);
    const outcome = await this.call({ from, to, query: renderTime(q.query, at) });
    if (!outcome.ok) return unmeasurable(q, at, outcome.reason, this.message(outcome.detail, q));
    const series = oneSeries(outcome.value, at.toISOString());
    if (!series.ok) return unmeasurable(q, at, series.reason, this.message(series.detail, q));
    const newest = newestPoint(series.points, from * 1000, to * 1000);
    if (newest === undefined)
      return unmeasurable(
        q,
        at,
        'empty',
        this.message(
          `no point in ${new Date(from * 1000).toISOString()}..${at.toISOString()} (${series.points.length} points, all null or outside the window: Datadog may still be ingesting)`,
          q,
        ),
      );
    if (!Number.isFinite(newest))
      return unmeasurable(q, at, 'nan', this.message(`the newest point is ${String(newest)}`, q));
    return measured(q, at, newest);
  }

  /**
   * The query over [start - lookback, end] in one request (Datadog answers a series over a window); each step's
   * value is the newest point in its own [t - lookback, t], as `instant` reads it, NaN where there is none. Datadog
   * picks the points' rollup by the window's length, so over a long range they may be coarser than an instant
   * read's unless the query fixes it (`.rollup(avg, 60)`). A query with `{{time}}` names one instant: refused.
   */
  async range(q: MetricQuery, start: Date, end: Date, stepSeconds: number): Promise<RangeResult> {
    const steps = rangeSteps(start, end, stepSeconds);
    const fail = (reason: UnmeasurableReason, detail: string) =>
      unmeasurableRange(q, reason, this.message(detail, q));
    const span = `${start.toISOString()}..${end.toISOString()}`;
    if (renderTime(q.query, start) !== q.query)
      return fail('query-error', '{{time}} names one instant, and a range is read in one request');
    const outcome = await this.call({
      from: this.windowOf(start).from,
      to: this.windowOf(end).to,
      query: q.query,
    });
    if (!outcome.ok) return fail(outcome.reason, outcome.detail);
    const series = oneSeries(outcome.value, span);
    if (!series.ok) return fail(series.reason, series.detail);
    const points = steps.map((at): [number, number] => {
      const { from, to } = this.windowOf(at);
      return [at.getTime() / 1000, newestPoint(series.points, from * 1000, to * 1000) ?? NaN];
    });
    if (points.every(([, v]) => Number.isNaN(v)))
      return fail(
        'empty',
        `no point in ${span} (${series.points.length} points, all null or outside the window)`,
      );
    return { ok: true, points, query: q.query };
  }

  /** The whole seconds [at - lookback, at] a read as of `at` asks Datadog for. */
  private windowOf(at: Date): { from: number; to: number } {
    return { from: Math.floor((at.getTime() - this.lookbackMs) / 1000), to: Math.floor(at.getTime() / 1000) };
  }

  private call(params: v1.MetricsApiQueryMetricsRequest): Promise<Attempted<v1.MetricsQueryResponse>> {
    return withRetries(() => this.attempt(params), {
      ...this.transport,
      rateLimit: {
        waits: RATE_LIMIT_RETRIES,
        maxWaitMs: this.maxRateLimitWaitMs,
        setting: 'rate_limit_wait',
      },
    });
  }

  private async attempt(
    params: v1.MetricsApiQueryMetricsRequest,
  ): Promise<Attempted<v1.MetricsQueryResponse>> {
    // One configuration per request: its fetch sees this response's status and rate-limit headers.
    let status = 0;
    let headers: Headers | undefined;
    let notAnAnswer: string | undefined;
    const cappedFetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
      const response = await this.transport.fetch(input, {
        ...init,
        signal: AbortSignal.timeout(this.transport.timeoutMs),
        // A redirect could hand the keys to another host; Datadog's query API does not redirect.
        redirect: 'error',
      });
      status = response.status;
      headers = response.headers;
      const text = await readCapped(response, this.transport.maxResponseBytes);
      if (text === undefined) throw new AnswerTooLarge();
      // The client reads a body that is not JSON as an empty answer; an empty answer must mean no series.
      if (response.ok) notAnAnswer = answerShapeProblem(text);
      return new Response(text, { status: response.status, headers: response.headers });
    };
    let loaded: DatadogClient;
    try {
      loaded = await loadClient();
    } catch (error) {
      return datadogClientMissing(error);
    }
    const { client, v1: api } = loaded;
    const configuration = client.createConfiguration({
      baseServer: new client.BaseServerConfiguration(this.displayUrl, {}),
      authMethods: { apiKeyAuth: this.apiKey, appKeyAuth: this.appKey },
      fetch: cappedFetch,
      enableRetry: false,
      httpConfig: { compress: false },
    });
    try {
      const answer = await new api.MetricsApi(configuration).queryMetrics(params);
      if (notAnAnswer)
        return {
          ok: false,
          reason: 'query-error',
          detail: `HTTP ${status}: not a Datadog metrics query answer (${notAnAnswer})`,
        };
      if (answer.status === 'error' || answer.error)
        return { ok: false, reason: 'query-error', detail: `Datadog: ${answer.error ?? 'status error'}` };
      return { ok: true, value: answer };
    } catch (e) {
      return this.failure(e, e instanceof client.ApiException ? e : undefined, status, headers);
    }
  }

  private failure(
    e: unknown,
    apiError: { code: number; body: unknown } | undefined,
    status: number,
    headers: Headers | undefined,
  ): RequestFailure {
    if (e instanceof AnswerTooLarge)
      return {
        ok: false,
        reason: 'query-error',
        detail: `HTTP ${status}: the answer is larger than ${formatBytes(this.transport.maxResponseBytes)} and was not read (narrow the query to one series)`,
      };
    if (apiError) {
      const said = datadogErrors(apiError.body);
      if (apiError.code === 429) {
        const resetS = Number.parseInt(headers?.get('x-ratelimit-reset') ?? '', 10);
        const afterMs = Number.isFinite(resetS) && resetS >= 0 ? resetS * 1000 : this.maxRateLimitWaitMs + 1;
        const limit = headers?.get('x-ratelimit-name') ?? 'query';
        return {
          ok: false,
          reason: 'unreachable',
          detail: `HTTP 429: rate limited (${limit} limit ${headers?.get('x-ratelimit-limit') ?? '?'} per ${headers?.get('x-ratelimit-period') ?? '?'} s, resets in ${Number.isFinite(resetS) ? `${resetS} s` : 'an unknown time'})${said}`,
          retry: { afterMs },
        };
      }
      const failure = statusFailure(apiError.code, `HTTP ${apiError.code}${said}`);
      if (apiError.code === 401 || apiError.code === 403)
        failure.detail += ' (check the keys named by api_key_env and app_key_env)';
      return failure;
    }
    // No answer at all: the request timed out, or fetch could not connect (it says so with a TypeError).
    if (isTimeout(e) || (e instanceof TypeError && status === 0))
      return transportFailure(e, this.transport.timeoutMs);
    // The client could not read the answer as a MetricsQueryResponse (not JSON, or fields of the wrong type).
    return {
      ok: false,
      reason: 'query-error',
      detail: `HTTP ${status}: not a Datadog metrics query answer (${truncate(e instanceof Error ? e.message : String(e), 200)})`,
    };
  }

  private message(detail: string, q: MetricQuery): string {
    return maskSecrets(`${this.describe()}: ${detail}; query: ${q.query}`);
  }
}

type Points = Array<[number, number | null]>;

/** The pointlist of the one series in the answer; `when` (an instant or a span) says what was asked for. */
function oneSeries(
  answer: v1.MetricsQueryResponse,
  when: string,
): { ok: true; points: Points } | { ok: false; reason: UnmeasurableReason; detail: string } {
  const series = answer.series ?? [];
  if (series.length === 0)
    return { ok: false, reason: 'empty', detail: `no series for ${when} (nothing matched the query)` };
  if (series.length > 1) {
    const scopes = series.slice(0, 3).map((s) => s.scope ?? s.expression ?? '?');
    return {
      ok: false,
      reason: 'query-error',
      detail: `${series.length} series where one was expected (drop the "by {...}" grouping or aggregate them): ${scopes.join(', ')}${series.length > 3 ? ', ...' : ''}`,
    };
  }
  return { ok: true, points: (series[0]!.pointlist ?? []) as Points };
}

/**
 * The newest non-null point in [fromMs, toMs]: partial answers (a series that stops early, or ends in nulls while
 * Datadog is still ingesting) give the newest real point, never a zero. Undefined when there is none.
 */
function newestPoint(points: Points, fromMs: number, toMs: number): number | undefined {
  for (let i = points.length - 1; i >= 0; i--) {
    const [t, v] = points[i]!;
    if (t > toMs || t < fromMs || v === null || v === undefined) continue;
    return v;
  }
  return undefined;
}

/** Why a 2xx body is not a metrics query answer (JSON object with `status` or `series`), if it is not. */
function answerShapeProblem(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `the body is not JSON: ${truncate(text.trim(), 200)}`;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('status' in body || 'series' in body))
    return `no status or series: ${truncate(text.trim(), 200)}`;
  return undefined;
}

/** `: first error; second error` from Datadog's APIErrorResponse, or the body text. */
function datadogErrors(body: unknown): string {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(errors) && errors.length) return `: ${errors.map(String).join('; ')}`;
  if (typeof body === 'string' && body) return `: ${truncate(body.replace(/\s+/g, ' '), 200)}`;
  return '';
}

/** The source a plan's `metrics.datadog` block describes; a named but unset env variable is a ConfigurationError. */
export function datadogSourceFromSettings(
  settings: MetricSourceSettings<'datadog'>,
  options: { env?: NodeJS.ProcessEnv } & Omit<DatadogSourceOptions, 'url' | 'apiKey' | 'appKey'> = {},
): DatadogSource {
  const { env = process.env, ...rest } = options;
  return new DatadogSource({
    ...rest,
    url: settings.url ?? `https://api.${settings.site}`,
    apiKey: requiredEnv(env, 'datadog', 'api_key_env', settings.api_key_env, 'the Datadog API key'),
    appKey: requiredEnv(env, 'datadog', 'app_key_env', settings.app_key_env, 'the Datadog application key'),
    ...(settings.lookback !== undefined ? { lookbackMs: settings.lookback * 1000 } : {}),
    ...(settings.timeout !== undefined ? { timeoutMs: settings.timeout * 1000 } : {}),
    ...(settings.retries !== undefined ? { retries: settings.retries } : {}),
    ...(settings.rate_limit_wait !== undefined
      ? { maxRateLimitWaitMs: settings.rate_limit_wait * 1000 }
      : {}),
  });
}

export const datadogFactory: MetricSourceFactory<'datadog'> = {
  create(settings, options) {
    return datadogSourceFromSettings(
      { ...settings, ...(options.url ? { url: options.url } : {}) },
      { env: options.env, ...(options.fetch ? { fetch: options.fetch } : {}) },
    );
  },
};
