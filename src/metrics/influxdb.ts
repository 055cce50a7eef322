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
 * `range()` sends the query once per step in one request (see there), so a backtest reads what a live gate would.
 */
import { ConfigurationError } from '../config/errors.js';
import type { MetricSourceSettings } from '../config/index.js';
import { maskSecrets, registerSecret } from '../secrets/masker.js';
import type { MetricSourceFactory } from './factory.js';
import { getAnswer, parseJson, truncate, type GetRequest } from './http-read.js';
import { httpBaseUrl, refuseUrlCredentials, requiredEnv, transportOf } from './http-settings.js';
import type { Transport, TransportOptions } from './http-settings.js';
import { statusFailure, withRetries, type Attempted } from './request-loop.js';
import { measured, rangeSteps, renderTime, unmeasurable, unmeasurableRange } from './source.js';
import type { Measurement, MetricQuery, MetricSource, RangeResult, UnmeasurableReason } from './source.js';

export interface InfluxDbSourceOptions extends TransportOptions {
  url: string;
  database: string;
  retentionPolicy?: string;
  /** Sent as `Authorization: Token <token>`. */
  token?: string;
  basicAuth?: { username: string; password: string };
}

const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Statements in one range request: as many points as a backtest asks for in one range read (gate/backtest.ts). */
const MAX_RANGE_STEPS = 10_000;

export class InfluxDbSource implements MetricSource {
  readonly displayUrl: string;
  private readonly queryUrl: URL;
  private readonly database: string;
  private readonly retentionPolicy: string | undefined;
  private readonly transport: Transport;
  private readonly request: GetRequest;

  constructor(options: InfluxDbSourceOptions) {
    const parsed = httpBaseUrl('influxdb', options.url, 'http(s)://host:port');
    refuseUrlCredentials('influxdb', parsed, 'token_env or username_env/password_env');
    if (options.token && options.basicAuth)
      throw new ConfigurationError(
        'metrics.influxdb: give either token_env or username_env/password_env, not both',
      );
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) {
      registerSecret(options.token);
      headers.authorization = `Token ${options.token}`;
    } else if (options.basicAuth) {
      const { username, password } = options.basicAuth;
      registerSecret(password);
      headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    parsed.search = '';
    parsed.hash = '';
    const base = parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
    this.queryUrl = new URL('query', base);
    this.displayUrl = base.replace(/\/$/, '');
    this.database = options.database;
    this.retentionPolicy = options.retentionPolicy;
    this.transport = transportOf('InfluxDbSource', options, { maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES });
    this.request = {
      ...this.transport,
      headers,
      // A redirect could hand the credentials to another host; InfluxDB's /query never redirects.
      redirects: 'refuse',
      tooLargeHint: '(aggregate the query, or narrow its range)',
    };
  }

  describe(): string {
    return `influxdb ${this.displayUrl} db=${this.database}`;
  }

  async instant(q: MetricQuery, at: Date): Promise<Measurement> {
    if (Number.isNaN(at.getTime())) throw new RangeError('InfluxDbSource: invalid Date');
    const url = this.urlFor({
      q: renderTime(q.query, at),
      params: JSON.stringify({ now: at.toISOString() }),
    });
    const answer = await withRetries(() => this.attempt(url), this.transport);
    if (!answer.ok) return unmeasurable(q, at, answer.reason, this.message(answer.detail, q));
    const results = statementResults(answer.value, 1);
    const read = Array.isArray(results) ? valueOf(results[0], at) : results;
    if (!read.ok) return unmeasurable(q, at, read.reason, this.message(read.detail, q));
    return measured(q, at, read.value);
  }

  /**
   * The query at start, start + step, ... <= end, in one request: one statement per step, each with its own bound
   * time (`$now` becomes `$now_<i>`), so that every point is exactly what `instant` reads at that time. (A
   * `GROUP BY time(step)` would not be: its buckets are [t, t + step), a query's window is its own, e.g. (t - 1m, t].)
   * A step with nothing in its window is NaN (a gap); no value at any step is 'empty'.
   */
  async range(q: MetricQuery, start: Date, end: Date, stepSeconds: number): Promise<RangeResult> {
    const fail = (reason: UnmeasurableReason, detail: string) =>
      unmeasurableRange(q, reason, this.message(detail, q));
    // Counted before the steps are made: a range of too many is refused, not built.
    if (
      stepSeconds > 0 &&
      Math.floor((end.getTime() - start.getTime()) / (stepSeconds * 1000)) >= MAX_RANGE_STEPS
    )
      return fail(
        'query-error',
        `${start.toISOString()}..${end.toISOString()} at ${stepSeconds} s is more than ${MAX_RANGE_STEPS} steps for one request (a larger step, or a shorter range)`,
      );
    const times = rangeSteps(start, end, stepSeconds);
    const statements = times.map((at, i) => renderTime(q.query, at).replace(/\$now\b/g, `$now_${i}`));
    const params = Object.fromEntries(times.map((at, i) => [`now_${i}`, at.toISOString()]));
    // POSTed: thousands of statements do not fit in a URL; InfluxDB reads `q` and `params` from a form as well.
    const form = new URLSearchParams({ q: statements.join(';\n'), params: JSON.stringify(params) });
    const answer = await withRetries(() => this.attempt(this.urlFor({}), form), this.transport);
    if (!answer.ok) return fail(answer.reason, answer.detail);
    const results = statementResults(answer.value, times.length);
    if (!Array.isArray(results)) return fail(results.reason, results.detail);
    const points: Array<[number, number]> = [];
    for (const [i, at] of times.entries()) {
      const read = valueOf(results[i], at);
      if (!read.ok && read.reason !== 'empty')
        return fail(read.reason, `at ${at.toISOString()}: ${read.detail}`);
      points.push([at.getTime() / 1000, read.ok ? read.value : NaN]);
    }
    if (points.every(([, v]) => Number.isNaN(v)))
      return fail('empty', `no value in ${start.toISOString()}..${end.toISOString()} (nothing matched)`);
    return { ok: true, points, query: q.query };
  }

  /** The /query URL with the database, retention policy, `epoch=ms` and these parameters. */
  private urlFor(params: Record<string, string>): URL {
    const url = new URL(this.queryUrl);
    url.searchParams.set('db', this.database);
    if (this.retentionPolicy) url.searchParams.set('rp', this.retentionPolicy);
    url.searchParams.set('epoch', 'ms');
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url;
  }

  /** One request, and what its answer means to InfluxDB: a JSON body, or InfluxDB's `error`. */
  private async attempt(url: URL, form?: URLSearchParams): Promise<Attempted<unknown>> {
    const answer = await getAnswer(url, this.request, form);
    if (!answer.ok) return answer;
    const { status, text } = answer.value;
    const body = parseJson(text);
    if (answer.value.ok)
      return body === undefined
        ? {
            ok: false,
            reason: 'query-error',
            detail: `HTTP 200 but the body is not JSON: ${truncate(text, 200)}`,
          }
        : { ok: true, value: body };
    const influxError =
      body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
        ? (body as { error: string }).error
        : truncate(text.trim(), 200);
    const failure = statusFailure(status, `HTTP ${status}${influxError ? `: ${influxError}` : ''}`);
    if (status === 401 || status === 403)
      failure.detail += ' (check the credentials in token_env / username_env, password_env)';
    return failure;
  }

  private message(detail: string, q: MetricQuery): string {
    return maskSecrets(`${this.describe()}: ${detail}; query: ${q.query}`);
  }
}

type Read = { ok: true; value: number } | { ok: false; reason: UnmeasurableReason; detail: string };

/** The statement results of an InfluxDB `/query` answer, `expected` of them, or why the answer is not that. */
function statementResults(body: unknown, expected: number): unknown[] | Extract<Read, { ok: false }> {
  const results = body && typeof body === 'object' ? (body as { results?: unknown }).results : undefined;
  if (!Array.isArray(results))
    return {
      ok: false,
      reason: 'query-error',
      detail: `not an InfluxDB query answer (no results array): ${truncate(JSON.stringify(body), 200)}`,
    };
  if (results.length !== expected) {
    // InfluxDB stops at a statement that fails: quote it rather than only count what came back.
    const failed = results.find(
      (r): r is { error: string } =>
        !!r && typeof r === 'object' && typeof (r as { error?: unknown }).error === 'string',
    );
    if (failed && expected > 1)
      return { ok: false, reason: 'query-error', detail: `InfluxDB: ${failed.error}` };
    return {
      ok: false,
      reason: 'query-error',
      detail: `${results.length} statement results where ${expected === 1 ? 'one query was' : `${expected} (one a step) were`} expected`,
    };
  }
  return results;
}

/** The one number in one statement's result: one series and one value column; the newest row is the value. */
function valueOf(statement: unknown, at: Date): Read {
  const malformed = (what: string): Read => ({
    ok: false,
    reason: 'query-error',
    detail: `not an InfluxDB query answer (${what}): ${truncate(JSON.stringify(statement), 200)}`,
  });
  const result = statement as { error?: unknown; series?: unknown } | null;
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
      ? { token: requiredEnv(env, 'influxdb', 'token_env', settings.token_env, 'the InfluxDB token') }
      : {}),
    ...(settings.username_env && settings.password_env
      ? {
          basicAuth: {
            username: requiredEnv(
              env,
              'influxdb',
              'username_env',
              settings.username_env,
              'the InfluxDB user name',
            ),
            password: requiredEnv(
              env,
              'influxdb',
              'password_env',
              settings.password_env,
              'the InfluxDB password',
            ),
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
