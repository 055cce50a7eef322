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
import { getAnswer, parseJson, truncate, type GetRequest } from './http-read.js';
import { httpBaseUrl, refuseUrlCredentials, requiredEnv, transportOf } from './http-settings.js';
import { statusFailure, type Attempted } from './request-loop.js';
import { describeNonFinite, measured, renderTime, unmeasurable } from './source.js';
import type { Measurement, MetricQuery, MetricSource, UnmeasurableReason } from './source.js';

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

const DEFAULT_SELECT = '$.value';
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export class WebSource implements MetricSource {
  private readonly base: URL;
  private readonly displayUrl: string;
  private readonly select: string;
  private readonly request: GetRequest;

  constructor(options: WebSourceOptions) {
    const base = httpBaseUrl('web', options.url, 'http(s)://host/...');
    refuseUrlCredentials('web', base, 'metrics.web.token_env');
    const select = options.select ?? DEFAULT_SELECT;
    if (typeof parseSelector(select) === 'string')
      throw new ConfigurationError(`metrics.web.select: ${parseSelector(select) as string}`);
    this.base = new URL(base.href.endsWith('/') ? base.href : `${base.href}/`);
    this.displayUrl = `${base.origin}${base.pathname === '/' ? '' : base.pathname.replace(/\/$/, '')}`;
    this.select = select;
    const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
    if (options.bearerToken) {
      headers.authorization = `Bearer ${options.bearerToken}`;
      registerSecret(options.bearerToken);
    }
    for (const [name, value] of Object.entries(options.headers ?? {}))
      if (/authorization|cookie|token|key|auth|secret/i.test(name)) registerSecret(value);
    // Not retried (a transport of no retries): an endpoint of unknown kind is not asked again within a read.
    const transport = transportOf(
      'WebSource',
      { ...options, retries: 0 },
      {
        maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
      },
    );
    this.request = { ...transport, headers, redirects: { within: this.base.origin }, tooLargeHint: '' };
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
    const found = pick(outcome.value, steps);
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

  /** One request, and what its answer means here: any 2xx JSON body. */
  private async get(url: URL): Promise<Attempted<unknown>> {
    const answer = await getAnswer(url, this.request);
    if (!answer.ok) return answer;
    const { status, text } = answer.value;
    if (!answer.value.ok) {
      const hint = status === 401 || status === 403 ? ' (check metrics.web.token_env)' : '';
      return statusFailure(status, `HTTP ${status}${hint}: ${truncate(text.trim(), 200)}`);
    }
    const body = parseJson(text);
    if (body === undefined)
      return {
        ok: false,
        reason: 'query-error',
        detail: `HTTP ${status} but the body is not JSON: ${truncate(text, 200)}`,
      };
    return { ok: true, value: body };
  }
}

/** The registry's entry for `metrics.web`; the run-time URL override replaces `metrics.web.url`. */
export const webFactory: MetricSourceFactory<'web'> = {
  create(settings, options) {
    const token = settings.token_env
      ? requiredEnv(options.env, 'web', 'token_env', settings.token_env, "the endpoint's bearer token")
      : undefined;
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
