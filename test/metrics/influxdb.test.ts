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
