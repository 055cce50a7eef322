/**
 * The InfluxDB source against a real influxd 1.x that the test writes to (line protocol, /write): stages judged
 * through runStage over written history PROCEED when healthy and ROLL BACK on a regression; a window without data,
 * a server that is gone, InfluxDB's own errors, and answers that are not InfluxDB's shape all fail closed with a
 * reason. Transport limits (size, time) and credential masking use small local servers, which a real InfluxDB
 * cannot be made to misbehave like.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/errors.js';
import { parsePlan, type ReleasePlan } from '../../src/config/index.js';
import { replayClock } from '../../src/platform/clock.js';
import { renderQuery } from '../../src/gate/query.js';
import { runStage } from '../../src/gate/stage-run.js';
import { backtest } from '../../src/gate/backtest.js';
import { METRIC_SOURCE_CONFIGS } from '../../src/config/schema.js';
import { InfluxDbSource, influxDbSourceFromSettings } from '../../src/metrics/influxdb.js';
import { createMetricSource } from '../../src/metrics/registry.js';
import type { MetricSource } from '../../src/metrics/source.js';
import { startInfluxDb, type TestInfluxDb } from '../support/influxdb.js';
import { freePort } from '../support/prometheus.js';

const MIN = 60_000;
const DB = 'trading';
const HISTORY_MINUTES = 80;
/** Minutes after S from which the canary's p95 is 650 ms (the baseline stays at 120 ms). */
const REGRESSION_FROM = 50;

const PLAN = `version: 1
release: { service: spark-trading-api }
metrics:
  influxdb: { url: 'http://127.0.0.1:9', database: trading, token_env: INFLUX_TOKEN }
  tracks: { label: track, canary: canary, baseline: stable }
  queries:
    p95_latency_ms:
      query: SELECT max("p95_ms") FROM "latency" WHERE "track" = '{{track}}' AND time > $now - 1m AND time <= $now
    error_rate_pct:
      query: SELECT 100 * sum("errors") / sum("requests") FROM "http" WHERE "track" = '{{track}}' AND time > $now - 1m AND time <= $now
guardrails:
  api_p95:    { metric: p95_latency_ms, pass: { below: 200 }, soft: { above: 250, for: 4m }, hard: { above: 400 } }
  error_rate: { metric: error_rate_pct, pass: { below: 1 }, hard: { above: 3 } }
stages:
  - { name: pilot, traffic: 1, duration: 10m, interval: 2m, guardrails: [api_p95, error_rate] }
`;

let influx: TestInfluxDb;
let plan: ReleasePlan;
let S: number;
const servers: Server[] = [];

beforeAll(async () => {
  influx = await startInfluxDb();
  await influx.createDatabase(DB);
  S = Math.floor((Date.now() - (HISTORY_MINUTES + 10) * MIN) / MIN) * MIN;
  const lines: string[] = [];
  for (let t = S; t <= S + HISTORY_MINUTES * MIN; t += 10_000) {
    const minute = (t - S) / MIN;
    for (const track of ['canary', 'stable']) {
      const p95 = track === 'canary' && minute >= REGRESSION_FROM ? 650 : 120 + (minute % 3);
      lines.push(`latency,track=${track} p95_ms=${p95} ${t}`);
      lines.push(`http,track=${track} requests=500i,errors=1i ${t}`);
    }
  }
  await influx.write(DB, lines);
  plan = parsePlan(PLAN, 'influx-plan');
}, 60_000);

afterAll(async () => {
  await influx?.stop();
  await Promise.all(
    servers.map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))),
  );
});

function sourceFor(
  url: string,
  extra: Partial<ConstructorParameters<typeof InfluxDbSource>[0]> = {},
): InfluxDbSource {
  return new InfluxDbSource({ url, database: DB, timeoutMs: 5_000, retries: 0, ...extra });
}

function stage(source: MetricSource, startMinute: number) {
  const startAt = new Date(S + startMinute * MIN);
  return runStage({
    plan,
    stage: 'pilot',
    version: '1.4.0',
    source,
    clock: replayClock(startAt),
    mode: 'replay',
    startAt,
    until: new Date(startAt.getTime() + 30 * MIN),
  });
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const query = (metric: string, track: 'canary' | 'baseline' = 'canary') => ({
  metric,
  track,
  query: renderQuery(plan, metric, track),
});

describe('a stage judged from InfluxDB', () => {
  it('reads the value written for the asked time ($now), not the server clock', async () => {
    const source = sourceFor(influx.url);
    const at = new Date(S + 20 * MIN);
    const m = await source.instant(query('p95_latency_ms'), at);
    // Points in (19:00, 20:00]: minutes 19 and 20 -> 120 + 1 and 120 + 2; max is 122.
    expect(m).toMatchObject({ ok: true, value: 122 });
    const errors = await source.instant(query('error_rate_pct', 'baseline'), at);
    expect(errors.ok && errors.value).toBeCloseTo(0.2, 10);
    // {{time}} (Unix seconds, rendered by the source) reads the same window as $now.
    const viaTime = await source.instant(
      {
        ...query('p95_latency_ms'),
        query:
          'SELECT max("p95_ms") FROM "latency" WHERE "track" = \'canary\' AND time > {{time}}s - 1m AND time <= {{time}}s',
      },
      at,
    );
    expect(viaTime).toMatchObject({ ok: true, value: 122 });
    const late = await source.instant(query('p95_latency_ms'), new Date(S + (REGRESSION_FROM + 5) * MIN));
    expect(late).toMatchObject({ ok: true, value: 650 });
  });

  it('healthy history -> PROCEED, every guardrail passing (the source built from metrics.influxdb by the registry)', async () => {
    const built = createMetricSource(plan.metrics, {
      url: influx.url,
      env: { INFLUX_TOKEN: 'ignored-by-an-open-influxd' },
    });
    expect(built.describe()).toBe(`influxdb ${influx.url} db=trading`);
    const r = await stage(built, 10);
    expect(r.decision, r.reason).toBe('PROCEED');
    expect(r.guardrails.map((g) => [g.name, g.status])).toEqual([
      ['api_p95', 'pass'],
      ['error_rate', 'pass'],
    ]);
    expect(r.guardrails[0]!.values.canary).toBeLessThan(125);
    expect(r.guardrails[0]!.query.canary).toContain(`"track" = 'canary'`);
  });

  it('a latency regression -> ROLLBACK at the first interval that sees it', async () => {
    const r = await stage(sourceFor(influx.url), REGRESSION_FROM - 3);
    expect(r.decision, r.reason).toBe('ROLLBACK');
    expect(r.triggered_by).toEqual(['api_p95']);
    expect((Date.parse(r.decided_at) - S) / MIN).toBe(REGRESSION_FROM + 1);
    expect(r.reason).toContain('hard > 400');
    expect(r.guardrails[0]!.values.canary).toBe(650);
  });

  it('a window before any data -> HOLD, HOLD, ROLLBACK with reason empty; never PROCEED', async () => {
    const r = await stage(sourceFor(influx.url), -60);
    expect(r.samples.map((s) => s.decision)).toEqual(['HOLD', 'HOLD', 'ROLLBACK']);
    const first = r.samples[0]!.guardrails[0]!.unmeasurable![0]!;
    expect(first.reason).toBe('empty');
    expect(first.message).toMatch(/^influxdb http:\/\/127\.0\.0\.1:\d+ db=trading: no series in the answer/);
  });

  it('InfluxDB gone (nothing listening) -> unreachable, ROLLBACK; never PROCEED', async () => {
    const port = await freePort();
    const r = await stage(sourceFor(`http://127.0.0.1:${port}`, { retries: 1, backoffMs: 1 }), 10);
    expect(r.decision).toBe('ROLLBACK');
    const u = r.samples[0]!.guardrails[0]!.unmeasurable![0]!;
    expect(u.reason).toBe('unreachable');
    expect(u.message).toContain('ECONNREFUSED');
    expect(u.message).toContain('(after 2 attempts)');
  });

  it("InfluxDB's own errors are query-errors quoting it: a syntax error (HTTP 400), a statement error (HTTP 200)", async () => {
    const source = sourceFor(influx.url);
    const at = new Date(S + 20 * MIN);
    const syntax = await source.instant(
      { ...query('p95_latency_ms'), query: 'SELEC max(p95_ms) FROM latency' },
      at,
    );
    expect(syntax).toMatchObject({ ok: false, reason: 'query-error' });
    expect(syntax.ok ? '' : syntax.message).toContain('HTTP 400: error parsing query: found SELEC');
    const statement = await source.instant(
      { ...query('p95_latency_ms'), query: 'SELECT 0/0 FROM latency' },
      at,
    );
    expect(statement).toMatchObject({ ok: false, reason: 'query-error' });
    expect(statement.ok ? '' : statement.message).toContain(
      'InfluxDB: field must contain at least one variable',
    );
    const grouped = await source.instant(
      {
        ...query('p95_latency_ms'),
        query: 'SELECT max(p95_ms) FROM latency WHERE time > $now - 1m AND time <= $now GROUP BY "track"',
      },
      at,
    );
    expect(grouped).toMatchObject({ ok: false, reason: 'query-error' });
    expect(grouped.ok ? '' : grouped.message).toContain('2 series where one was expected');
  });

  it('answers that are not InfluxDB query JSON fail closed: the stage rolls back, every sample naming why', async () => {
    const bodies = [
      'upstream says hello',
      '{"results":[]}',
      '{"results":[{"statement_id":0,"series":[{"name":"x","columns":["time","a","b"],"values":[[1,2,3]]}]}]}',
      '{"results":[{"statement_id":0,"series":[{"name":"x","columns":["time","a"],"values":[[1,"fast"]]}]}]}',
      '{"results":[{"statement_id":0,"series":[{"name":"x","columns":["time","a"],"values":[[1,null]]}]}]}',
    ];
    let i = 0;
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(bodies[i++ % bodies.length]);
    });
    const source = sourceFor(url);
    const at = new Date(S + 20 * MIN);
    const seen = [];
    for (let k = 0; k < bodies.length; k++) seen.push(await source.instant(query('p95_latency_ms'), at));
    expect(seen.map((m) => (m.ok ? 'ok' : m.reason))).toEqual([
      'query-error',
      'query-error',
      'query-error',
      'query-error',
      'empty',
    ]);
    expect(
      seen.map((m) =>
        m.ok ? '' : m.message.split('; query:')[0]!.replace(/^influxdb \S+ db=trading: /, ''),
      ),
    ).toEqual([
      'HTTP 200 but the body is not JSON: upstream says hello',
      '0 statement results where one query was expected',
      '2 value columns (a, b) where one was expected: select one field or expression',
      'a is "fast", not a number',
      `a is null as of ${at.toISOString()} (no points in the window)`,
    ]);
    const r = await stage(source, 10);
    expect(r.decision).toBe('ROLLBACK');
    expect(r.samples.every((s) => !s.measured)).toBe(true);
  });

  it('bounded: an oversized answer is refused unread, a stalled server is a timeout', async () => {
    const big = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        `{"results":[{"series":[{"name":"x","columns":["time","a"],"values":[${'[1,2],'.repeat(5000)}[1,2]]}]}]}`,
      );
    });
    const tooBig = await sourceFor(big, { maxResponseBytes: 4096 }).instant(
      query('p95_latency_ms'),
      new Date(),
    );
    expect(tooBig).toMatchObject({ ok: false, reason: 'query-error' });
    expect(tooBig.ok ? '' : tooBig.message).toContain('larger than 4096 bytes');
    const stalled = await serve(() => undefined);
    const t0 = Date.now();
    const slow = await sourceFor(stalled, { timeoutMs: 300, retries: 2 }).instant(
      query('p95_latency_ms'),
      new Date(),
    );
    expect(slow).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it('credentials come from env, are sent as a header, and are masked in every message', async () => {
    const token = 'influx-user:s3cret-influx-password';
    let auth: string | undefined;
    const url = await serve((req, res) => {
      auth = req.headers.authorization;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `authorization failed for ${req.headers.authorization}` }));
    });
    const settings = METRIC_SOURCE_CONFIGS.influxdb.parse({
      url,
      database: DB,
      token_env: 'INFLUX_TOKEN',
      retries: 0,
    });
    const source = influxDbSourceFromSettings(settings, { env: { INFLUX_TOKEN: token } });
    const m = await source.instant(query('p95_latency_ms'), new Date());
    expect(auth).toBe(`Token ${token}`);
    expect(m).toMatchObject({ ok: false, reason: 'query-error' });
    const message = m.ok ? '' : m.message;
    expect(message).toContain('HTTP 401: authorization failed for Token ***');
    expect(message).toContain('check the credentials');
    expect(message).not.toContain('s3cret');
    expect(() => influxDbSourceFromSettings(settings, { env: {} })).toThrow(ConfigurationError);
    expect(() => influxDbSourceFromSettings(settings, { env: {} })).toThrow(
      'metrics.influxdb.token_env: environment variable INFLUX_TOKEN is not set or empty',
    );
    expect(() => new InfluxDbSource({ url: 'http://u:p@127.0.0.1:1', database: DB })).toThrow(
      /credentials in the URL/,
    );
    expect(METRIC_SOURCE_CONFIGS.influxdb.safeParse({ url: 'ftp://x', database: DB }).success).toBe(false);
  });
});

describe('range reads from InfluxDB (backtests and recordings)', () => {
  it('each step of a range is the value an instant read gives at that time; steps without data are NaN', async () => {
    const source = sourceFor(influx.url);
    // From 4 minutes before the first point to past the regression: gaps, healthy values, then 650.
    const start = new Date(S - 4 * MIN);
    const end = new Date(S + (REGRESSION_FROM + 4) * MIN);
    for (const q of [query('p95_latency_ms'), query('error_rate_pct', 'baseline')]) {
      const r = await source.range(q, start, end, 120);
      expect(r.ok, r.ok ? '' : r.message).toBe(true);
      if (!r.ok) continue;
      expect(r.points.map(([t]) => t * 1000)).toEqual(
        Array.from(
          { length: (end.getTime() - start.getTime()) / (2 * MIN) + 1 },
          (_, i) => start.getTime() + i * 2 * MIN,
        ),
      );
      for (const [t, value] of r.points) {
        const instant = await source.instant(q, new Date(t * 1000));
        if (instant.ok)
          expect(value, `${q.metric} at ${new Date(t * 1000).toISOString()}`).toBe(instant.value);
        else {
          expect(instant.reason).toBe('empty');
          expect(value).toBeNaN();
        }
      }
      // S - 4m and S - 2m read windows before the first point; (S - 1m, S] holds the point at S.
      expect(r.points.filter(([, v]) => Number.isNaN(v)).map(([t]) => t * 1000)).toEqual([
        S - 4 * MIN,
        S - 2 * MIN,
      ]);
    }
    const canary = await source.range(query('p95_latency_ms'), start, end, 120);
    expect(canary.ok && canary.points.at(-1)![1]).toBe(650);
  });

  it('a backtest that reads ranges decides what one reading sample by sample decides', async () => {
    const source = sourceFor(influx.url);
    const instantOnly: MetricSource = {
      describe: () => source.describe(),
      instant: (q, at) => source.instant(q, at),
    };
    const options = {
      plan,
      from: new Date(S - 10 * MIN),
      to: new Date(S + HISTORY_MINUTES * MIN),
      stepS: 240,
    };
    const viaRange = await backtest({ ...options, source });
    const sampleBySample = await backtest({ ...options, source: instantOnly });
    expect(viaRange).toEqual(sampleBySample);
    const pilot = viaRange.stages[0]!;
    expect(pilot.decisions.PROCEED).toBeGreaterThan(0);
    expect(pilot.decisions.ROLLBACK).toBeGreaterThan(0);
    expect(pilot.guardrails.find((g) => g.name === 'api_p95')!.hard).toBeGreaterThan(0);
  });

  it('fails closed with a reason: no data in the range, InfluxDB gone, its errors, answers not its shape, too many steps', async () => {
    const source = sourceFor(influx.url);
    const before = await source.range(
      query('p95_latency_ms'),
      new Date(S - 60 * MIN),
      new Date(S - 30 * MIN),
      60,
    );
    expect(before).toMatchObject({ ok: false, reason: 'empty' });
    expect(before.ok ? '' : before.message).toContain('no value in');

    const port = await freePort();
    const gone = await sourceFor(`http://127.0.0.1:${port}`).range(
      query('p95_latency_ms'),
      new Date(S),
      new Date(S + 10 * MIN),
      60,
    );
    expect(gone).toMatchObject({ ok: false, reason: 'unreachable' });

    const syntax = await source.range(
      { ...query('p95_latency_ms'), query: 'SELEC max(p95_ms) FROM latency' },
      new Date(S),
      new Date(S + 10 * MIN),
      60,
    );
    expect(syntax).toMatchObject({ ok: false, reason: 'query-error' });
    expect(syntax.ok ? '' : syntax.message).toContain('HTTP 400: error parsing query');
    const grouped = await source.range(
      {
        ...query('p95_latency_ms'),
        query: 'SELECT max(p95_ms) FROM latency WHERE time > $now - 1m AND time <= $now GROUP BY "track"',
      },
      new Date(S + 10 * MIN),
      new Date(S + 20 * MIN),
      60,
    );
    expect(grouped).toMatchObject({ ok: false, reason: 'query-error' });
    expect(grouped.ok ? '' : grouped.message).toContain('2 series where one was expected');

    let posted = '';
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posted = `${req.method} ${new URLSearchParams(body).get('q')}`;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          '{"results":[{"statement_id":0,"series":[{"name":"x","columns":["time","a"],"values":[[1,2]]}]}]}',
        );
      });
    });
    const short = await sourceFor(url).range(query('p95_latency_ms'), new Date(S), new Date(S + 2 * MIN), 60);
    expect(posted).toMatch(
      /^POST SELECT .* time > \$now_0 - 1m AND time <= \$now_0;\nSELECT .*\$now_1.*;\nSELECT .*\$now_2$/,
    );
    expect(short).toMatchObject({ ok: false, reason: 'query-error' });
    expect(short.ok ? '' : short.message).toContain('1 statement results where 3 (one a step) were expected');

    const huge = await source.range(
      query('p95_latency_ms'),
      new Date(S),
      new Date(S + 30 * 24 * 60 * MIN),
      60,
    );
    expect(huge).toMatchObject({ ok: false, reason: 'query-error' });
    expect(huge.ok ? '' : huge.message).toContain('more than 10000 steps for one request');
  });
});
