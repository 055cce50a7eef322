/**
 * The `web` metric source (as Argo Rollouts' `web` provider): any HTTP(S) endpoint answering JSON. A metric's
 * query is a URL template, relative to `metrics.web.url` (or absolute on its origin), followed by an optional
 * selector: `/api/latency?track={{track}}&at={{time}} $.data.value`. `{{track}}` is rendered by the gate,
 * `{{time}}` here (the instant read, Unix seconds); the selector defaults to `metrics.web.select`.
 *
 * Selectors are a small JSONPath subset: `$`, then `.name`, `['name']` and `[n]` (negative n counts from the end),
 * e.g. `$.series[0].points[-1][1]`. The value must be a finite number, or a decimal number as a string.
 *
 * Never throws for a data problem; each is `ok: false` with a reason: connection refused or HTTP 502/503/504 ->
 * 'unreachable'; no answer within the timeout -> 'timeout'; another HTTP error, a body that is not JSON, an answer
 * over the size cap, a selector that does not parse, a value that is not a number, a redirect off the origin ->
 * 'query-error'; nothing at the selector's path -> 'empty'; `null` there -> 'no-data'; NaN/Inf -> 'nan'.
 * Requests carry the token (from the variable `token_env` names) only to the configured origin: a query URL or a
 * redirect to another origin is refused, never followed.
 */
import { parseDecimal } from '../config/decimal.js';
import { ConfigurationError } from '../config/errors.js';
import { maskSecrets, registerSecret } from '../secrets/masker.js';
import type { MetricSourceFactory } from './factory.js';
import { connectionError, formatBytes, isTimeout, parseJson, readCapped, truncate } from './http-read.js';
import {
  describeNonFinite,
  measured,
  renderTime,
  unmeasurable,
  type Measurement,
  type MetricQuery,
  type MetricSource,
  type UnmeasurableReason,
} from './source.js';

export interface WebSourceOptions {
  url: string;
  /** The selector of a query that names none. */
  select?: string;
  headers?: Record<string, string>;
  bearerToken?: string;
  /** Per request, default 10 000 ms. */
  timeoutMs?: number;
  /** Largest answer read, default 1 MiB. */
  maxResponseBytes?: number;
  fetch?: typeof fetch;
}

type Step = string | number;
type Outcome = { ok: true; body: unknown } | { ok: false; reason: UnmeasurableReason; detail: string };

const DEFAULT_SELECT = '$.value';
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export class WebSource implements MetricSource {
  private readonly base: URL;
  private readonly displayUrl: string;
  private readonly select: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: WebSourceOptions) {
    let base: URL;
    try {
      base = new URL(options.url);
    } catch {
      throw new ConfigurationError(
        `metrics.web.url: "${options.url}" is not a URL (expected http(s)://host/...)`,
      );
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:')
      throw new ConfigurationError(
        `metrics.web.url: expected an http:// or https:// URL, got ${base.protocol}`,
      );
    if (base.username || base.password)
      throw new ConfigurationError(
        'metrics.web.url: credentials in the URL are not accepted (name a variable in metrics.web.token_env)',
      );
    const select = options.select ?? DEFAULT_SELECT;
    if (typeof parseSelector(select) === 'string')
      throw new ConfigurationError(`metrics.web.select: ${parseSelector(select) as string}`);
    this.base = new URL(base.href.endsWith('/') ? base.href : `${base.href}/`);
    this.displayUrl = `${base.origin}${base.pathname === '/' ? '' : base.pathname.replace(/\/$/, '')}`;
    this.select = select;
    this.headers = { accept: 'application/json', ...(options.headers ?? {}) };
    if (options.bearerToken) {
      this.headers.authorization = `Bearer ${options.bearerToken}`;
      registerSecret(options.bearerToken);
    }
    for (const [name, value] of Object.entries(options.headers ?? {}))
      if (/authorization|cookie|token|key|auth|secret/i.test(name)) registerSecret(value);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  describe(): string {
    return `web ${this.displayUrl}`;
  }

  async instant(q: MetricQuery, at: Date): Promise<Measurement> {
    const fail = (reason: UnmeasurableReason, detail: string) =>
      unmeasurable(q, at, reason, maskSecrets(`${this.describe()}: ${detail}; query: ${q.query}`));
    const { target, selector } = splitQuery(renderTime(q.query, at), this.select);
    const steps = parseSelector(selector);
    if (typeof steps === 'string') return fail('query-error', `selector ${selector}: ${steps}`);
    let url: URL;
    try {
      url = new URL(target.replace(/^\//, ''), this.base);
    } catch {
      return fail('query-error', `"${target}" is not a URL or a path`);
    }
    if (url.origin !== this.base.origin)
      return fail(
        'query-error',
        `${url.origin} is not the origin of metrics.web.url (${this.base.origin}); queries are read there only`,
      );
    const outcome = await this.get(url);
    if (!outcome.ok) return fail(outcome.reason, outcome.detail);
    const found = pick(outcome.body, steps);
    if (!found.ok) return fail('empty', `nothing at ${selector} (${found.missing}) in the answer`);
    const value = found.value;
    if (value === null) return fail('no-data', `${selector} is null at ${at.toISOString()}`);
    const number =
      typeof value === 'number' ? value : typeof value === 'string' ? numberOf(value) : undefined;
    if (number === undefined)
      return fail('query-error', `${selector} is ${truncate(JSON.stringify(value), 80)}, not a number`);
    if (!Number.isFinite(number))
      return fail('nan', `${selector} is ${describeNonFinite(number)} at ${at.toISOString()}`);
    return measured(q, at, number);
  }

  private async get(url: URL): Promise<Outcome> {
    try {
      const signal = AbortSignal.timeout(this.timeoutMs);
      let target = url;
      let response: Response;
      for (let hop = 0; ; hop++) {
        response = await this.fetchImpl(target, { headers: this.headers, signal, redirect: 'manual' });
        if (!REDIRECT_STATUSES.has(response.status)) break;
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        const next = location ? safeUrl(location, target) : undefined;
        if (!next)
          return {
            ok: false,
            reason: 'query-error',
            detail: `HTTP ${response.status} redirect without a usable Location`,
          };
        if (next.origin !== this.base.origin)
          return {
            ok: false,
            reason: 'query-error',
            detail: `HTTP ${response.status} redirect to ${next.origin} refused (only redirects within ${this.base.origin} are followed)`,
          };
        if (hop + 1 > MAX_REDIRECTS)
          return { ok: false, reason: 'query-error', detail: `more than ${MAX_REDIRECTS} redirects` };
        target = next;
      }
      const text = await readCapped(response, this.maxResponseBytes);
      if (text === undefined)
        return {
          ok: false,
          reason: 'query-error',
          detail: `HTTP ${response.status}: the answer is larger than ${formatBytes(this.maxResponseBytes)} and was not read`,
        };
      if (!response.ok) {
        const reason = [502, 503, 504].includes(response.status) ? 'unreachable' : 'query-error';
        const hint =
          response.status === 401 || response.status === 403 ? ' (check metrics.web.token_env)' : '';
        return { ok: false, reason, detail: `HTTP ${response.status}${hint}: ${truncate(text.trim(), 200)}` };
      }
      const body = parseJson(text);
      if (body === undefined)
        return {
          ok: false,
          reason: 'query-error',
          detail: `HTTP ${response.status} but the body is not JSON: ${truncate(text, 200)}`,
        };
      return { ok: true, body };
    } catch (e) {
      if (isTimeout(e))
        return { ok: false, reason: 'timeout', detail: `no answer within ${this.timeoutMs} ms` };
      return { ok: false, reason: 'unreachable', detail: `cannot connect (${connectionError(e)})` };
    }
  }
}

/** The registry's entry for `metrics.web`; the run-time URL override replaces `metrics.web.url`. */
export const webFactory: MetricSourceFactory<'web'> = {
  create(settings, options) {
    let token: string | undefined;
    if (settings.token_env) {
      token = options.env[settings.token_env];
      if (!token)
        throw new ConfigurationError(
          `metrics.web.token_env: environment variable ${settings.token_env} is not set or empty (expected the endpoint's bearer token)`,
        );
    }
    return new WebSource({
      url: options.url || settings.url,
      ...(settings.select ? { select: settings.select } : {}),
      ...(settings.headers ? { headers: settings.headers } : {}),
      ...(token ? { bearerToken: token } : {}),
      ...(settings.timeout !== undefined ? { timeoutMs: settings.timeout * 1000 } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  },
};

/** `<url> <selector>`: a URL has no raw whitespace, so the last whitespace-separated `$...` word is the selector. */
function splitQuery(query: string, defaultSelect: string): { target: string; selector: string } {
  const m = /^(\S+)\s+(\$\S*)\s*$/.exec(query.trim());
  return m ? { target: m[1]!, selector: m[2]! } : { target: query.trim(), selector: defaultSelect };
}

/** `$.a['b'][0][-1]` as steps, or why it does not parse. */
export function parseSelector(selector: string): Step[] | string {
  if (!selector.startsWith('$')) return 'expected a selector starting with $, such as $.data.value';
  const steps: Step[] = [];
  const token = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(-?\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  token.lastIndex = 1;
  while (token.lastIndex < selector.length) {
    const at = token.lastIndex;
    const m = token.exec(selector);
    if (!m) return `cannot read "${selector.slice(at)}" (expected .name, ['name'] or [index])`;
    steps.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3] ?? m[4])!);
  }
  return steps;
}

function pick(body: unknown, steps: Step[]): { ok: true; value: unknown } | { ok: false; missing: string } {
  let node = body;
  let path = '$';
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(node)) return { ok: false, missing: `${path} is not a list` };
      const index = step < 0 ? node.length + step : step;
      if (index < 0 || index >= node.length)
        return { ok: false, missing: `${path} has ${node.length} items` };
      node = node[index];
      path += `[${step}]`;
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, step))
        return { ok: false, missing: `${path} has no key ${step}` };
      node = (node as Record<string, unknown>)[step];
      path += `.${step}`;
    }
  }
  return { ok: true, value: node };
}

function numberOf(text: string): number | undefined {
  const t = text.trim();
  if (t === 'NaN') return NaN;
  if (t === '+Inf' || t === 'Inf' || t === 'Infinity') return Infinity;
  if (t === '-Inf' || t === '-Infinity') return -Infinity;
  const n = parseDecimal(t);
  return Number.isNaN(n) ? undefined : n;
}

function safeUrl(location: string, from: URL): URL | undefined {
  try {
    return new URL(location, from);
  } catch {
    return undefined;
  }
}
