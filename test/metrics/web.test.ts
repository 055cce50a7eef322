/**
 * The `web` metric source against a JSON endpoint on 127.0.0.1, through the real stage path (plan -> registry ->
 * runStage): PROCEED on healthy latency, ROLLBACK on a regression, and every way of failing closed (unreachable,
 * a body that is not JSON, nothing at the selector, a value that is not a number, null, an error status, a
 * redirect to another origin, an answer over the size cap, a slow endpoint).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, parsePlan, validatePlanText, type ReleasePlan } from '../../src/config/index.js';
import { replayClock } from '../../src/platform/clock.js';
import { runStage } from '../../src/gate/stage-run.js';
import { createMetricSource } from '../../src/metrics/registry.js';
import type { MetricQuery } from '../../src/metrics/source.js';
import { WebSource } from '../../src/metrics/web.js';

const TOKEN = 'web-token-5f1c2a';
const MIN = 60_000;
const START = new Date('2026-03-03T14:00:00Z');
/** Minutes after START from which the canary's p95 is 480 ms (hard above 400) in the regression scenario. */
const ONSET = 4;

let server: Server;
let base: string;
let scenario: 'healthy' | 'regression' = 'healthy';
const times: number[] = [];

function answer(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { error: 'no token' });
  switch (url.pathname) {
    case '/api/p95': {
      const at = Number(url.searchParams.get('at'));
      times.push(at);
      const minute = (at * 1000 - START.getTime()) / MIN;
      const canary = scenario === 'regression' && minute >= ONSET ? 480 : 121;
      return json(200, { data: { value: url.searchParams.get('track') === 'canary' ? canary : 118 } });
    }
    case '/api/series':
      return json(200, {
        series: [
          {
            points: [
              [1, '0.4'],
              [2, '0.7'],
            ],
          },
        ],
      });
    case '/null':
      return json(200, { value: null });
    case '/text':
      return json(200, { value: 'fast' });
    case '/nan':
      return json(200, { value: 'NaN' });
    case '/html':
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html>maintenance</html>');
    case '/big':
      return json(200, { value: 1, pad: 'x'.repeat(4096) });
    case '/busy':
      return json(503, { error: 'overloaded' });
    case '/away':
      res.writeHead(302, { location: 'http://127.0.0.2:1/steal' });
      return void res.end();
    case '/home':
      res.writeHead(302, { location: '/api/series' });
      return void res.end();
    case '/slow':
      return; // never answers
    default:
      return json(404, { error: 'no such path' });
  }
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const planText = (url: string) => `
version: 1
release: { service: quotes-api }
metrics:
  web:
    url: ${url}/api/
    token_env: QUOTES_TOKEN
    timeout: 2s
  tracks: { label: track, canary: canary, baseline: stable }
  queries:
    p95_latency_ms:
      query: "p95?track={{track}}&at={{time}} $.data.value"
guardrails:
  api_p95: { metric: p95_latency_ms, pass: { below: 200 }, hard: { above: 400 } }
stages:
  - { name: pilot, traffic: 1, duration: 10m, interval: 1m, guardrails: [api_p95] }
`;

function stage(plan: ReleasePlan, url?: string) {
  return runStage({
    plan,
    stage: 'pilot',
    version: '2.1.0',
    source: createMetricSource(plan.metrics, { env: { QUOTES_TOKEN: TOKEN }, ...(url ? { url } : {}) }),
    clock: replayClock(START),
    mode: 'replay',
    startAt: START,
    until: new Date(START.getTime() + 40 * MIN),
  });
}

describe('web metric source through the stage path', () => {
  it('PROCEEDs on healthy latency, reading each sample at its own {{time}}', async () => {
    scenario = 'healthy';
    times.length = 0;
    const r = await stage(parsePlan(planText(base)));
    expect(r.decision, r.reason).toBe('PROCEED');
    expect(r.samples.length).toBeGreaterThanOrEqual(10);
    expect(r.samples.at(-1)!.guardrails[0]!.values.canary).toBe(121);
    // The first sample is one interval in; each later one another interval on.
    expect(times[0]).toBe(START.getTime() / 1000 + 60);
    expect(new Set(times).size).toBeGreaterThanOrEqual(10);
  });

  it('ROLLs BACK when the canary regresses past the hard line', async () => {
    scenario = 'regression';
    const r = await stage(parsePlan(planText(base)));
    expect(r.decision, r.reason).toBe('ROLLBACK');
    expect(r.reason).toMatch(/api_p95/);
    expect(r.samples.at(-1)!.guardrails[0]!.values.canary).toBe(480);
  });

  it('never PROCEEDs when the endpoint cannot be reached: the stage rolls back on no data', async () => {
    const r = await stage(parsePlan(planText('http://127.0.0.1:1')));
    expect(r.decision, r.reason).toBe('ROLLBACK');
    expect(r.reason).toMatch(/unmeasurable|no data|could not be measured/i);
  });
});

describe('web metric source reads fail closed with a reason', () => {
  const at = new Date('2026-03-03T14:00:00Z');
  const q = (query: string): MetricQuery => ({ metric: 'm', track: 'canary', query });
  const source = (options: Partial<ConstructorParameters<typeof WebSource>[0]> = {}) =>
    new WebSource({ url: base, bearerToken: TOKEN, timeoutMs: 500, ...options });

  it('reads a nested selector with a negative index, a decimal string, and follows a same-origin redirect', async () => {
    expect(await source().instant(q('/api/series $.series[0].points[-1][1]'), at)).toMatchObject({
      ok: true,
      value: 0.7,
    });
    expect(await source({ select: "$['series'][0].points[0][1]" }).instant(q('/home'), at)).toMatchObject({
      ok: true,
      value: 0.4,
    });
  });

  it.each([
    ['/html', 'query-error', /body is not JSON/],
    [
      '/api/series $.series[1].points',
      'empty',
      /nothing at \$\.series\[1\]\.points \(\$\.series has 1 items\)/,
    ],
    ['/null', 'no-data', /\$\.value is null/],
    ['/text', 'query-error', /\$\.value is "fast", not a number/],
    ['/nan', 'nan', /\$\.value is NaN/],
    ['/busy', 'unreachable', /HTTP 503/],
    ['/nowhere', 'query-error', /HTTP 404/],
    ['/away', 'query-error', /redirect to http:\/\/127\.0\.0\.2:1 refused/],
    ['http://127.0.0.2:1/api/p95', 'query-error', /not the origin of metrics\.web\.url/],
    ['/api/series $.series..x', 'query-error', /selector \$\.series\.\.x: cannot read/],
    ['/slow', 'timeout', /no answer within 500 ms/],
  ])('%s -> %s', async (query, reason, message) => {
    const m = await source().instant(q(query), at);
    expect(m).toMatchObject({ ok: false, reason, query });
    if (!m.ok) expect(m.message).toMatch(message);
  });

  it('refuses an answer over the size cap, reports a refused connection as unreachable, and a wrong token as 401', async () => {
    const big = await source({ maxResponseBytes: 1024 }).instant(q('/big'), at);
    expect(big).toMatchObject({ ok: false, reason: 'query-error' });
    if (!big.ok) expect(big.message).toMatch(/larger than 1024 bytes/);
    expect(await new WebSource({ url: 'http://127.0.0.1:1' }).instant(q('/x'), at)).toMatchObject({
      ok: false,
      reason: 'unreachable',
    });
    const denied = await source({ bearerToken: 'wrong-token-123' }).instant(q('/api/series'), at);
    expect(denied).toMatchObject({ ok: false, reason: 'query-error' });
    if (!denied.ok) expect(denied.message).toMatch(/HTTP 401 \(check metrics\.web\.token_env\)/);
  });

  it('never writes the token into a message', async () => {
    const m = await source().instant(q(`/echo-${TOKEN}`), at);
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.message).not.toContain(TOKEN);
  });
});

describe('web metric source settings', () => {
  it('is validated with messages naming the field', () => {
    const both = planText(base).replace(
      '  web:\n',
      '  prometheus: { url: "http://127.0.0.1:9090" }\n  web:\n',
    );
    const r = validatePlanText(both);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map(formatProblem)).toContainEqual(
        expect.stringMatching(/^metrics .*declares prometheus and web \(exactly one source\)/),
      );
    const badSelect = validatePlanText(planText(base).replace('timeout: 2s', 'select: data.value'));
    expect(badSelect.ok).toBe(false);
    if (!badSelect.ok)
      expect(badSelect.problems.map(formatProblem)).toContainEqual(
        expect.stringMatching(/^metrics\.web\.select .*a selector starting with \$/),
      );
  });

  it('fails before measuring when the token variable is unset, and refuses a selector it cannot read', () => {
    const plan = parsePlan(planText(base));
    expect(() => createMetricSource(plan.metrics, { env: {} })).toThrow(
      /^metrics\.web\.token_env: environment variable QUOTES_TOKEN is not set/,
    );
    expect(() => new WebSource({ url: base, select: '$.a[x]' })).toThrow(
      /^metrics\.web\.select: cannot read/,
    );
  });
});
