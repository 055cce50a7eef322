/**
 * PrometheusSource against a real Prometheus 2.42 holding backfilled history (promtool), with the reference
 * plan's queries. The history (minutes after `t0`): the baseline (`track="stable"`) is healthy throughout;
 * the canary has a hard latency regression (p95 ~600 ms) from minute 6 to 18, an order-accept failure ratio
 * 40 % above the baseline from minute 20, and memory headroom of 8 % from minute 25.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusSource } from '../../src/metrics/prometheus.js';
import { RecordedSource, recordFromPrometheus } from '../../src/metrics/recorded.js';
import type { MetricQuery } from '../../src/metrics/source.js';
import { HEALTHY_PROFILE, type ServiceProfile } from '../support/exporter.js';
import { serviceHistory, startPrometheus, type TestPrometheus } from '../support/prometheus.js';
import { planQuery } from './queries.js';

const MIN = 60_000;
const now = Date.now();
const t0 = new Date(Math.floor((now - 40 * MIN) / 60_000) * 60_000);
const end = new Date(t0.getTime() + 32 * MIN);
const at = (minutes: number) => new Date(t0.getTime() + minutes * MIN);
const t0s = t0.getTime() / 1000;

const REGRESSED: ServiceProfile = { ...HEALTHY_PROFILE, latencyMedianMs: 300, latencyP95Ms: 600 };
function profileAt(track: 'canary' | 'stable', t: number): ServiceProfile {
  const minute = (t - t0s) / 60;
  if (track === 'stable') return HEALTHY_PROFILE;
  let p: ServiceProfile = minute > 6 && minute <= 18 ? REGRESSED : HEALTHY_PROFILE;
  if (minute > 20) p = { ...p, orderFailureRatio: HEALTHY_PROFILE.orderFailureRatio * 1.4 };
  if (minute > 25) p = { ...p, memAvailablePct: 8 };
  return p;
}

let prom: TestPrometheus;
let source: PrometheusSource;
const TOKEN = 'tok-5ecret-9f3a';
let proxy: { url: string; seen: IncomingHttpHeaders[]; close(): Promise<void> } | undefined;

beforeAll(async () => {
  const history = serviceHistory({ start: t0, end, stepSeconds: 15 }, profileAt);
  prom = await startPrometheus({ history });
  console.info(
    `prometheus (backfilled ${history.length} bytes) ready in ${prom.startupMs} ms on ${prom.url}`,
  );
  source = new PrometheusSource({ url: prom.url, timeoutMs: 5_000 });
});

afterAll(async () => {
  await proxy?.close();
  await prom?.stop();
});

async function value(q: MetricQuery, when: Date): Promise<number> {
  const m = await source.instant(q, when);
  if (!m.ok) throw new Error(`expected a value, got ${m.reason}: ${m.message}`);
  return m.value;
}

describe('PrometheusSource on backfilled history', () => {
  it('measures healthy p95 latency for both tracks before the regression', async () => {
    for (const track of ['canary', 'baseline'] as const) {
      const p95 = await value(planQuery('p95_latency_ms', track), at(4));
      expect(p95).toBeGreaterThan(100);
      expect(p95).toBeLessThan(150);
    }
  });

  it('sees the canary hard latency regression from minute 6 while the baseline stays healthy', async () => {
    expect(await value(planQuery('p95_latency_ms', 'canary'), at(10))).toBeGreaterThan(400);
    expect(await value(planQuery('p95_latency_ms', 'baseline'), at(10))).toBeLessThan(150);
    // recovered
    expect(await value(planQuery('p95_latency_ms', 'canary'), at(21))).toBeLessThan(150);
  });

  it('measures the error rate in percent and the order-accept ratio 40 % above baseline', async () => {
    expect(await value(planQuery('error_rate_pct', 'canary'), at(10))).toBeCloseTo(0.2, 3);
    const canary = await value(planQuery('order_accept_error_rate', 'canary'), at(23));
    const baseline = await value(planQuery('order_accept_error_rate', 'baseline'), at(23));
    expect(baseline).toBeCloseTo(0.01, 6);
    expect(canary / baseline).toBeCloseTo(1.4, 4);
  });

  it('reads a gauge through min()', async () => {
    expect(await value(planQuery('mem_available_pct', 'canary'), at(27))).toBe(8);
    expect(await value(planQuery('mem_available_pct', 'baseline'), at(27))).toBe(45);
  });

  it('returns the measurement with the query and the time asked for', async () => {
    const q = planQuery('p95_latency_ms', 'canary');
    const m = await source.instant(q, at(4));
    expect(m).toMatchObject({ ok: true, query: q.query, at: at(4) });
    expect(source.describe()).toBe(`prometheus ${prom.url}`);
  });

  it('reports an empty vector (no matching series, or a time before any data) as empty, naming URL and query', async () => {
    const nosuch: MetricQuery = {
      metric: 'p95_latency_ms',
      track: 'canary',
      query: 'min(mem_available_pct{track="nosuch"})',
    };
    const m = await source.instant(nosuch, at(10));
    expect(m).toMatchObject({ ok: false, reason: 'empty', query: nosuch.query });
    if (m.ok) return;
    expect(m.message).toContain(prom.url);
    expect(m.message).toContain(nosuch.query);
    const before = await source.instant(
      planQuery('mem_available_pct', 'canary'),
      new Date(t0.getTime() - 60 * MIN),
    );
    expect(before).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('reports NaN and +Inf as nan', async () => {
    const nan = await source.instant({ metric: 'x', track: 'canary', query: '0/0' }, at(10));
    expect(nan).toMatchObject({ ok: false, reason: 'nan' });
    // a ratio over a zero denominator, as when a track gets no traffic
    const inf = await source.instant(
      { metric: 'x', track: 'canary', query: 'sum(rate(http_requests_total{track="canary"}[1m])) / 0' },
      at(10),
    );
    expect(inf).toMatchObject({ ok: false, reason: 'nan' });
    if (!inf.ok) expect(inf.message).toContain('+Inf');
  });

  it('rejects more than one series, naming them', async () => {
    const q: MetricQuery = { metric: 'mem_available_pct', track: 'canary', query: 'mem_available_pct' };
    const m = await source.instant(q, at(10));
    expect(m).toMatchObject({ ok: false, reason: 'query-error' });
    if (m.ok) return;
    expect(m.message).toContain('2 series where one was expected');
    expect(m.message).toContain('track="canary"');
    expect(m.message).toContain('track="stable"');
  });

  it('reports a bad query as query-error naming the query and Prometheus error', async () => {
    const q: MetricQuery = {
      metric: 'p95_latency_ms',
      track: 'canary',
      query: 'sum(rate(http_requests_total[1m)',
    };
    const m = await source.instant(q, at(10));
    expect(m).toMatchObject({ ok: false, reason: 'query-error' });
    if (m.ok) return;
    expect(m.message).toContain('HTTP 400');
    expect(m.message).toContain('bad_data');
    expect(m.message).toContain(q.query);
    expect(m.message).toContain(prom.url);
  });

  it('rejects a range-vector result for an instant gate', async () => {
    const m = await source.instant(
      { metric: 'x', track: 'canary', query: 'mem_available_pct{track="canary"}[1m]' },
      at(10),
    );
    expect(m).toMatchObject({ ok: false, reason: 'query-error' });
    if (!m.ok) expect(m.message).toContain('range vector');
  });

  it('range() returns one point per step for backtests', async () => {
    const r = await source.range(planQuery('p95_latency_ms', 'canary'), at(2), at(16), 60);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.points).toHaveLength(15);
    const byMinute = new Map(r.points.map(([t, v]) => [Math.round((t - t0s) / 60), v]));
    expect(byMinute.get(4)).toBeLessThan(150);
    expect(byMinute.get(12)).toBeGreaterThan(400);
  });

  it('records a window and replays it offline with the same values', async () => {
    const queries = [planQuery('p95_latency_ms', 'canary'), planQuery('mem_available_pct', 'canary')];
    const recording = await recordFromPrometheus(source, queries, {
      start: at(2),
      end: at(30),
      stepSeconds: 60,
    });
    expect(recording.source).toBe(`prometheus ${prom.url}`);
    const replay = new RecordedSource(JSON.parse(JSON.stringify(recording)), { origin: 'replay.json' });
    for (const minute of [4, 12, 27]) {
      for (const q of queries) {
        const live = await value(q, at(minute));
        const offline = await replay.instant(q, at(minute));
        expect(offline).toMatchObject({ ok: true, query: q.query });
        if (offline.ok) expect(offline.value).toBeCloseTo(live, 9);
      }
    }
    await expect(
      recordFromPrometheus(source, [{ metric: 'x', track: 'canary', query: 'nosuch_metric' }], {
        start: at(2),
        end: at(3),
        stepSeconds: 60,
      }),
    ).rejects.toThrow(/cannot record x\/canary: .*nosuch_metric/);
  });

  it('sends the bearer token and custom headers, and never puts the token in a message', async () => {
    proxy = await startAuthProxy(prom.url, TOKEN);
    const authed = new PrometheusSource({
      url: proxy.url,
      bearerToken: TOKEN,
      headers: { 'X-Scope-OrgID': 'trading' },
    });
    const ok = await authed.instant(planQuery('mem_available_pct', 'canary'), at(27));
    expect(ok).toMatchObject({ ok: true, value: 8 });
    expect(proxy.seen.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(proxy.seen.at(-1)?.['x-scope-orgid']).toBe('trading');

    const bad = await authed.instant({ metric: 'x', track: 'canary', query: 'sum(rate(x[1m)' }, at(10));
    const wrong = new PrometheusSource({ url: proxy.url, bearerToken: 'not-the-token' });
    const denied = await wrong.instant(planQuery('mem_available_pct', 'canary'), at(27));
    expect(denied).toMatchObject({ ok: false, reason: 'query-error' });
    for (const m of [bad, denied]) {
      expect(m.ok).toBe(false);
      if (m.ok) continue;
      expect(m.message).not.toContain(TOKEN);
      expect(m.message).not.toContain('not-the-token');
      expect(m.message).toContain(proxy.url);
    }
    if (!denied.ok) expect(denied.message).toContain('HTTP 401');
    expect(authed.describe()).not.toContain(TOKEN);
  });
});

/** A tiny reverse proxy in front of the real Prometheus that demands a bearer token, as an auth gateway would. */
async function startAuthProxy(
  upstream: string,
  token: string,
): Promise<{ url: string; seen: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const target = new URL(upstream);
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('unauthorized\n');
      return;
    }
    const upstreamReq = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { accept: 'application/json' },
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstreamReq);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
