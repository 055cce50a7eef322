/**
 * `http` checks. Without `requests` it is a health check: one request, its status, JSON fields and body.
 * With `requests` it is the micro blast-radius probe (a hand-run `blast-radius-test.sh URL VERSION 30`,
 * ">95% success, P95 <0.5s"): N requests at bounded concurrency, judged on success rate and p95 latency.
 */
import { assertAll, renderExpectations, type JsonExpectation } from '../expectations.js';
import type { CheckContext, CheckVerdict } from '../types.js';

type HttpSettings = NonNullable<CheckContext['check']['http']>;

interface Rendered {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function renderRequest(ctx: CheckContext, http: HttpSettings): Rendered {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(http.headers ?? {})) headers[k] = ctx.render(v, `http.headers.${k}`);
  return {
    url: ctx.render(http.url, 'http.url'),
    method: http.method ?? (http.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: http.body === undefined ? undefined : ctx.render(http.body, 'http.body'),
  };
}

function statusAccepted(status: number, expected: number | number[] | undefined): boolean {
  if (expected === undefined) return status >= 200 && status < 300;
  return Array.isArray(expected) ? expected.includes(status) : status === expected;
}

function describeStatus(expected: number | number[] | undefined): string {
  if (expected === undefined) return 'HTTP 2xx';
  return Array.isArray(expected) ? `HTTP ${expected.join(' or ')}` : `HTTP ${expected}`;
}

function describeFailure(e: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no answer within ${timeoutMs} ms`;
  const err = e as Error & { cause?: { code?: string; message?: string } };
  return `cannot connect (${err.cause?.code ?? err.cause?.message ?? err.message})`;
}

/** Nearest-rank p95: the smallest latency that 95 % of the requests did not exceed. */
export function p95(latencies: number[]): number {
  if (latencies.length === 0) return NaN;
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)]!;
}

export async function httpCheck(ctx: CheckContext): Promise<CheckVerdict> {
  const http = ctx.check.http!;
  const req = renderRequest(ctx, http);
  return http.requests === undefined ? healthCheck(ctx, http, req) : blastRadius(ctx, http, req);
}

async function healthCheck(ctx: CheckContext, http: HttpSettings, req: Rendered): Promise<CheckVerdict> {
  const jsonExpect = http.expect?.json
    ? renderExpectations(http.expect.json as Record<string, JsonExpectation>, ctx.render, 'http.expect.json')
    : undefined;
  const bodyContains =
    http.expect?.body_contains === undefined
      ? undefined
      : ctx.render(http.expect.body_contains, 'http.expect.body_contains');
  const expectedParts = [describeStatus(http.expect?.status)];
  if (jsonExpect)
    expectedParts.push(
      ...Object.keys(jsonExpect).map((p) => assertAll({}, { [p]: jsonExpect[p]! })[0]!.expected),
    );
  if (bodyContains !== undefined) expectedParts.push(`body contains ${JSON.stringify(bodyContains)}`);
  const expected = `${req.method} ${req.url} -> ${expectedParts.join(', ')}`;

  let response: Response;
  let text: string;
  try {
    response = await ctx.deps.fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: ctx.signal,
      redirect: 'manual',
    });
    text = await response.text();
  } catch (e) {
    const observed = describeFailure(e, ctx.signal, ctx.timeoutMs);
    return {
      status: 'fail',
      expected,
      observed,
      message: `${req.method} ${req.url}: ${observed}; expected ${expectedParts.join(', ')}`,
    };
  }
  const problems: string[] = [];
  const seen: string[] = [`HTTP ${response.status}`];
  if (!statusAccepted(response.status, http.expect?.status))
    problems.push(`status ${response.status}, expected ${describeStatus(http.expect?.status)}`);
  if (jsonExpect) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      problems.push(`body is not JSON (starts ${JSON.stringify(text.slice(0, 60))})`);
    }
    if (doc !== undefined) {
      for (const a of assertAll(doc, jsonExpect)) {
        seen.push(a.observed);
        if (!a.ok) problems.push(`${a.observed}, expected ${a.expected}`);
      }
    }
  }
  if (bodyContains !== undefined && !text.includes(bodyContains)) {
    problems.push(`body does not contain ${JSON.stringify(bodyContains)}`);
  }
  const observed = seen.join(', ');
  const body = ctx.mask(text.slice(0, 500));
  if (problems.length) {
    return {
      status: 'fail',
      expected,
      observed,
      message: `${req.method} ${req.url}: ${problems.join('; ')}`,
      details: { status: response.status, body },
    };
  }
  return {
    status: 'pass',
    expected,
    observed,
    message: `${req.method} ${req.url} answered ${observed}`,
    details: { status: response.status },
  };
}

async function blastRadius(ctx: CheckContext, http: HttpSettings, req: Rendered): Promise<CheckVerdict> {
  const total = http.requests!;
  const concurrency = Math.min(http.concurrency ?? 10, total);
  // Fail closed: without a stated rate every request must succeed.
  const minRate = http.success_rate_min ?? 100;
  const expectedParts = [
    `${total} x ${req.method} ${req.url} (concurrency ${concurrency})`,
    `success >= ${minRate}% (${describeStatus(http.expect?.status)})`,
  ];
  if (http.p95_max_ms !== undefined) expectedParts.push(`p95 <= ${http.p95_max_ms} ms`);
  const expected = expectedParts.join(', ');

  const latencies: number[] = [];
  const byStatus = new Map<string, number>();
  let ok = 0;
  let next = 0;
  const one = async () => {
    const now = ctx.deps.stopwatch ?? (() => performance.now());
    const started = now();
    let outcome: string;
    try {
      const response = await ctx.deps.fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: ctx.signal,
        redirect: 'manual',
      });
      await response.arrayBuffer();
      outcome = String(response.status);
      if (statusAccepted(response.status, http.expect?.status)) ok++;
    } catch (e) {
      outcome = ctx.signal.aborted ? 'timeout' : describeFailure(e, ctx.signal, ctx.timeoutMs);
    }
    latencies.push(now() - started);
    byStatus.set(outcome, (byStatus.get(outcome) ?? 0) + 1);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total && !ctx.signal.aborted) {
        next++;
        await one();
      }
    }),
  );
  const sent = latencies.length;
  const rate = (100 * ok) / total;
  const p = p95(latencies);
  const breakdown = [...byStatus.entries()]
    .sort()
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  const observed = `${ok}/${total} succeeded (${rate.toFixed(1)}%), p95 ${Number.isFinite(p) ? Math.round(p) : '-'} ms${sent < total ? `, only ${sent} sent before the timeout` : ''} [${breakdown}]`;
  const problems: string[] = [];
  if (rate < minRate) problems.push(`success ${rate.toFixed(1)}% is below ${minRate}%`);
  if (http.p95_max_ms !== undefined && !(p <= http.p95_max_ms))
    problems.push(`p95 ${Math.round(p)} ms is above ${http.p95_max_ms} ms`);
  const details = {
    requests: total,
    sent,
    succeeded: ok,
    success_rate_pct: rate,
    p95_ms: p,
    by_status: Object.fromEntries(byStatus),
  };
  if (problems.length)
    return {
      status: 'fail',
      expected,
      observed,
      message: `blast radius ${req.url}: ${problems.join('; ')}`,
      details,
    };
  return {
    status: 'pass',
    expected,
    observed,
    message: `blast radius ${req.url}: ${rate.toFixed(1)}% success, p95 ${Math.round(p)} ms`,
    details,
  };
}
