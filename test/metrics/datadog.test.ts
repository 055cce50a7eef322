/**
 * The Datadog source, built on @datadog/datadog-api-client, against a local fake of Datadog's metrics query API
 * whose every answer is first checked against the client's own models (test/support/datadog-fake.ts). The same
 * decisions as the other sources through runStage (PROCEED healthy, ROLLBACK on a regression, fail closed when
 * nothing can be measured), plus what is Datadog's own: rate limits with their reset header, partial series, keys.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/errors.js';
import { formatProblem, parsePlan, validatePlanText, type ReleasePlan } from '../../src/config/index.js';
import { replayClock } from '../../src/platform/clock.js';
import { renderQuery } from '../../src/gate/query.js';
import { runStage } from '../../src/gate/stage-run.js';
import { backtest } from '../../src/gate/backtest.js';
import { METRIC_SOURCE_CONFIGS } from '../../src/config/schema.js';
import { DatadogSource, datadogSourceFromSettings } from '../../src/metrics/datadog.js';
import { createMetricSource } from '../../src/metrics/registry.js';
import type { MetricSource } from '../../src/metrics/source.js';
import { maskSecrets } from '../../src/secrets/masker.js';
import { contractProblem, startDatadogFake, type DatadogFake } from '../support/datadog-fake.js';
import { freePort } from '../support/prometheus.js';

const MIN = 60_000;
const HISTORY_MINUTES = 80;
/** Minutes after S from which the canary's p95 is 650 ms. */
const REGRESSION_FROM = 50;

const PLAN = `version: 1
release: { service: spark-trading-api }
metrics:
  datadog: { site: datadoghq.eu, api_key_env: DD_API_KEY_CANARY, app_key_env: DD_APP_KEY_CANARY }
  tracks: { label: track, canary: canary, baseline: stable }
  queries:
    p95_latency_ms: { query: 'max:trading.api.latency.p95{service:spark,track:{{track}}}' }
    error_rate_pct: { query: 'sum:trading.api.errors{track:{{track}}}.as_count() / sum:trading.api.requests{track:{{track}}}.as_count() * 100' }
guardrails:
  api_p95:    { metric: p95_latency_ms, pass: { below: 200 }, soft: { above: 250, for: 4m }, hard: { above: 400 } }
  error_rate: { metric: error_rate_pct, pass: { below: 1 }, hard: { above: 3 } }
stages:
  - { name: pilot, traffic: 1, duration: 10m, interval: 2m, guardrails: [api_p95, error_rate] }
`;

let fake: DatadogFake;
let plan: ReleasePlan;
let S: number;
const env = () => ({ DD_API_KEY_CANARY: fake.apiKey, DD_APP_KEY_CANARY: fake.appKey });

beforeAll(async () => {
  fake = await startDatadogFake();
  plan = parsePlan(PLAN, 'datadog-plan');
  S = Math.floor((Date.now() - (HISTORY_MINUTES + 10) * MIN) / MIN) * MIN;
  const end = S + HISTORY_MINUTES * MIN;
  for (const track of ['canary', 'baseline'] as const) {
    const label = track === 'canary' ? 'canary' : 'stable';
    fake.addSeries(renderQuery(plan, 'p95_latency_ms', track), `service:spark,track:${label}`, S, end, (t) =>
      track === 'canary' && t >= S + REGRESSION_FROM * MIN ? 650 : 120 + ((t / 20_000) % 3),
    );
    fake.addSeries(renderQuery(plan, 'error_rate_pct', track), `track:${label}`, S, end, () => 0.2);
  }
});

afterEach(() => {
  // No test may pass on an answer the client's models would not read.
  expect(fake.violations).toEqual([]);
  fake.clearFaults();
});

afterAll(async () => {
  await fake?.stop();
});

function source(extra: Partial<ConstructorParameters<typeof DatadogSource>[0]> = {}): DatadogSource {
  return new DatadogSource({
    url: fake.url,
    apiKey: fake.apiKey,
    appKey: fake.appKey,
    timeoutMs: 5_000,
    retries: 0,
    ...extra,
  });
}

function stage(s: MetricSource, startMinute: number) {
  const startAt = new Date(S + startMinute * MIN);
  return runStage({
    plan,
    stage: 'pilot',
    version: '1.4.0',
    source: s,
    clock: replayClock(startAt),
    mode: 'replay',
    startAt,
    until: new Date(startAt.getTime() + 30 * MIN),
  });
}

const query = (metric: string, track: 'canary' | 'baseline' = 'canary') => ({
  metric,
  track,
  query: renderQuery(plan, metric, track),
});

describe('the fake answers only in shapes the Datadog client reads', () => {
  it('its contract check rejects what the client would not read, and field names it does not know', () => {
    expect(
      contractProblem({ status: 'ok', series: [{ pointlist: 'oops' }] }, 'MetricsQueryResponse'),
    ).toContain('mismatch types');
    expect(contractProblem({ status: 'ok', serie: [] }, 'MetricsQueryResponse')).toContain(
      'fields the specification does not have: .serie',
    );
    expect(contractProblem({ errors: ['Forbidden'] }, 'APIErrorResponse')).toBeUndefined();
  });
});

describe('a stage judged from Datadog', () => {
  it('asks the metrics query API for [at - lookback, at] with both keys, and reads the newest point', async () => {
    const at = new Date(S + 20 * MIN + 10_000);
    const m = await source().instant(query('p95_latency_ms'), at);
    const sent = fake.requests.at(-1)!;
    expect(sent).toMatchObject({
      query: 'max:trading.api.latency.p95{service:spark,track:canary}',
      to: at.getTime() / 1000,
      from: at.getTime() / 1000 - 300,
    });
    expect([sent.apiKey, sent.appKey]).toEqual([fake.apiKey, fake.appKey]);
    // Points every 20 s: the newest at or before 20:10 is the one at 20:00.
    expect(m).toMatchObject({ ok: true, value: 120 + (((S + 20 * MIN) / 20_000) % 3) });
  });

  it('healthy -> PROCEED, every guardrail passing (the source built from metrics.datadog by the registry)', async () => {
    // The plan names site datadoghq.eu (https://api.datadoghq.eu); the run-time URL override points at the fake.
    const built = createMetricSource(plan.metrics, { url: fake.url, env: env() });
    expect(built.describe()).toBe(`datadog ${fake.url}`);
    const r = await stage(built, 10);
    expect(r.decision, r.reason).toBe('PROCEED');
    expect(r.guardrails.map((g) => [g.name, g.status])).toEqual([
      ['api_p95', 'pass'],
      ['error_rate', 'pass'],
    ]);
    expect(r.guardrails[1]!.values.canary).toBeCloseTo(0.2, 10);
  });

  it('a latency regression -> ROLLBACK at the first interval that sees it', async () => {
    const r = await stage(source(), REGRESSION_FROM - 3);
    expect(r.decision, r.reason).toBe('ROLLBACK');
    expect(r.triggered_by).toEqual(['api_p95']);
    expect((Date.parse(r.decided_at) - S) / MIN).toBe(REGRESSION_FROM + 1);
    expect(r.guardrails[0]!.values.canary).toBe(650);
  });

  it('no data (before the series existed) -> HOLD, HOLD, ROLLBACK with reason empty', async () => {
    const r = await stage(source(), -60);
    expect(r.samples.map((s) => s.decision)).toEqual(['HOLD', 'HOLD', 'ROLLBACK']);
    expect(r.samples[0]!.guardrails[0]!.unmeasurable![0]!.reason).toBe('empty');
  });

  it('Datadog unreachable -> ROLLBACK after bounded retries; never PROCEED', async () => {
    const port = await freePort();
    const sleeps: number[] = [];
    const s = new DatadogSource({
      url: `http://127.0.0.1:${port}`,
      apiKey: fake.apiKey,
      appKey: fake.appKey,
      retries: 2,
      backoffMs: 10,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const r = await stage(s, 10);
    expect(r.decision).toBe('ROLLBACK');
    const u = r.samples[0]!.guardrails[0]!.unmeasurable![0]!;
    expect(u.reason).toBe('unreachable');
    expect(u.message).toMatch(/ECONNREFUSED.*\(after 3 attempts\)/);
    // Canary and baseline are asked together, so their backoffs interleave: 10 ms, then 20 ms, each.
    expect(sleeps.slice(0, 4).sort((a, b) => a - b)).toEqual([10, 10, 20, 20]);
  });

  it('malformed answers (not JSON, wrong types, an error status) are query-errors; the stage rolls back', async () => {
    const at = new Date(S + 20 * MIN);
    fake.fail(
      { kind: 'raw', status: 200, body: '<html>maintenance</html>' },
      { kind: 'raw', status: 200, body: '{"status":"ok","series":[{"pointlist":[["soon",1]]}]}' },
      { kind: 'answer', body: { status: 'error', error: 'Error parsing query: unknown function as_rate2' } },
      { kind: 'status', status: 400, errors: ['Error parsing query'] },
    );
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push(await source().instant(query('p95_latency_ms'), at));
    expect(seen.map((m) => (m.ok ? 'ok' : m.reason))).toEqual([
      'query-error',
      'query-error',
      'query-error',
      'query-error',
    ]);
    const messages = seen.map((m) => (m.ok ? '' : m.message));
    expect(messages[0]).toContain(
      'HTTP 200: not a Datadog metrics query answer (the body is not JSON: <html>',
    );
    expect(messages[1]).toContain("HTTP 200: not a Datadog metrics query answer (unknown type 'number')");
    expect(messages[2]).toContain('Datadog: Error parsing query: unknown function as_rate2');
    expect(messages[3]).toContain('HTTP 400: Error parsing query');
    fake.fail(...Array.from({ length: 20 }, () => ({ kind: 'raw' as const, status: 200, body: 'not json' })));
    const r = await stage(source(), 10);
    expect(r.decision).toBe('ROLLBACK');
    expect(r.samples.every((s) => !s.measured)).toBe(true);
  });

  it('partial series: trailing nulls give the newest real point; a window of nulls is empty; two series are a query-error', async () => {
    const at = S + 20 * MIN;
    const series = (pointlist: Array<[number, number | null]>, scope = 'track:canary') => ({
      metric: 'trading.api.latency.p95',
      scope,
      pointlist,
      length: pointlist.length,
    });
    fake.fail(
      {
        kind: 'answer',
        body: {
          status: 'ok',
          series: [
            series([
              [at - 60_000, 130],
              [at - 40_000, 140],
              [at - 20_000, null],
              [at, null],
            ]),
          ],
        },
      },
      {
        kind: 'answer',
        body: {
          status: 'ok',
          series: [
            series([
              [at - 40_000, null],
              [at, null],
            ]),
          ],
        },
      },
      {
        kind: 'answer',
        body: {
          status: 'ok',
          series: [series([[at, 1]], 'track:canary,az:a'), series([[at, 2]], 'track:canary,az:b')],
        },
      },
    );
    const s = source();
    const [trailing, allNull, two] = [
      await s.instant(query('p95_latency_ms'), new Date(at)),
      await s.instant(query('p95_latency_ms'), new Date(at)),
      await s.instant(query('p95_latency_ms'), new Date(at)),
    ];
    expect(trailing).toMatchObject({ ok: true, value: 140 });
    expect(allNull).toMatchObject({ ok: false, reason: 'empty' });
    expect(allNull.ok ? '' : allNull.message).toContain('2 points, all null or outside the window');
    expect(two).toMatchObject({ ok: false, reason: 'query-error' });
    expect(two.ok ? '' : two.message).toContain('2 series where one was expected');
  });

  it('rate limited with a reset inside rate_limit_wait -> waits for it and asks again; the value is measured', async () => {
    const sleeps: number[] = [];
    const s = source({ maxRateLimitWaitMs: 5_000, sleep: async (ms) => void sleeps.push(ms) });
    fake.fail({ kind: 'rate-limit', resetS: 2 }, { kind: 'rate-limit', resetS: 1 });
    const before = fake.requests.length;
    const m = await s.instant(query('p95_latency_ms'), new Date(S + 20 * MIN));
    expect(m.ok).toBe(true);
    expect(sleeps).toEqual([2_000, 1_000]);
    expect(fake.requests.length - before).toBe(3);
  });

  it('rate limited beyond rate_limit_wait (or a third time) -> unmeasurable with the reset time, never a value', async () => {
    const sleeps: number[] = [];
    const s = source({ maxRateLimitWaitMs: 5_000, sleep: async (ms) => void sleeps.push(ms) });
    fake.fail({ kind: 'rate-limit', resetS: 40 });
    const long = await s.instant(query('p95_latency_ms'), new Date(S + 20 * MIN));
    expect(long).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(long.ok ? '' : long.message).toContain(
      'HTTP 429: rate limited (query limit 1600 per 3600 s, resets in 40 s): Rate limit of 1600 requests',
    );
    expect(sleeps).toEqual([]);
    fake.fail(
      { kind: 'rate-limit', resetS: 1 },
      { kind: 'rate-limit', resetS: 1 },
      { kind: 'rate-limit', resetS: 1 },
    );
    const thrice = await s.instant(query('p95_latency_ms'), new Date(S + 20 * MIN));
    expect(thrice).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(sleeps).toEqual([1_000, 1_000]);
    // Through a stage: every point rate limited for longer than the wait -> the gate cannot measure, ROLLBACK.
    fake.fail(...Array.from({ length: 12 }, () => ({ kind: 'rate-limit' as const, resetS: 600 })));
    const r = await stage(s, 10);
    expect(r.decision).toBe('ROLLBACK');
    expect(r.samples[0]!.guardrails[0]!.unmeasurable![0]!.message).toContain('resets in 600 s');
  });

  it('keys come from env, are refused when unset, and never appear in a message', async () => {
    const settings = METRIC_SOURCE_CONFIGS.datadog.parse({
      url: fake.url,
      api_key_env: 'DD_API_KEY_CANARY',
      app_key_env: 'DD_APP_KEY_CANARY',
    });
    expect(settings.site).toBe('datadoghq.com');
    expect(() => datadogSourceFromSettings(settings, { env: {} })).toThrow(ConfigurationError);
    expect(() => datadogSourceFromSettings(settings, { env: { DD_API_KEY_CANARY: 'x'.repeat(32) } })).toThrow(
      'metrics.datadog.app_key_env: environment variable DD_APP_KEY_CANARY is not set or empty',
    );
    // Wrong keys: Datadog answers 403; the message names the fix and not the keys.
    const wrong = datadogSourceFromSettings(settings, {
      env: { DD_API_KEY_CANARY: 'wrong-api-key-1234567890', DD_APP_KEY_CANARY: 'wrong-app-key-0987654321' },
      retries: 0,
    });
    const m = await wrong.instant(query('p95_latency_ms'), new Date(S + 20 * MIN));
    expect(m).toMatchObject({ ok: false, reason: 'query-error' });
    expect(m.ok ? '' : m.message).toContain(
      'HTTP 403: Forbidden (check the keys named by api_key_env and app_key_env)',
    );
    expect(maskSecrets(`key=${fake.apiKey} app=wrong-app-key-0987654321`)).toBe('key=*** app=***');
    expect(
      () =>
        new DatadogSource({
          url: 'https://u:p@api.datadoghq.com',
          apiKey: 'a'.repeat(8),
          appKey: 'b'.repeat(8),
        }),
    ).toThrow(/without credentials/);
    expect(
      METRIC_SOURCE_CONFIGS.datadog.safeParse({ site: 'not a site', api_key_env: 'A', app_key_env: 'B' })
        .success,
    ).toBe(false);
  });
});

describe('range reads from Datadog (backtests and recordings)', () => {
  it('asks once for [start - lookback, end]; each step is the value an instant read gives, NaN before any data', async () => {
    const s = source();
    const start = new Date(S - 8 * MIN);
    const end = new Date(S + (REGRESSION_FROM + 4) * MIN);
    const before = fake.requests.length;
    const r = await s.range(query('p95_latency_ms'), start, end, 60);
    expect(fake.requests.length - before).toBe(1);
    expect(fake.requests.at(-1)).toMatchObject({
      from: (start.getTime() - 5 * MIN) / 1000,
      to: end.getTime() / 1000,
    });
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
    if (!r.ok) return;
    expect(r.points).toHaveLength((end.getTime() - start.getTime()) / MIN + 1);
    for (const [t, value] of r.points) {
      const instant = await s.instant(query('p95_latency_ms'), new Date(t * 1000));
      if (instant.ok) expect(value, new Date(t * 1000).toISOString()).toBe(instant.value);
      else {
        expect(instant.reason).toBe('empty');
        expect(value).toBeNaN();
      }
    }
    // The series starts at S: every step before it reads a window with no point.
    expect(r.points.filter(([, v]) => Number.isNaN(v)).map(([t]) => t * 1000 - S)).toEqual(
      [-8, -7, -6, -5, -4, -3, -2, -1].map((m) => m * MIN),
    );
    expect(r.points.at(-1)![1]).toBe(650);
  });

  it('a backtest that reads ranges decides what one reading sample by sample decides', async () => {
    const s = source();
    const instantOnly: MetricSource = { describe: () => s.describe(), instant: (q, at) => s.instant(q, at) };
    const options = {
      plan,
      from: new Date(S - 10 * MIN),
      to: new Date(S + HISTORY_MINUTES * MIN),
      stepS: 240,
    };
    const viaRange = await backtest({ ...options, source: s });
    expect(viaRange).toEqual(await backtest({ ...options, source: instantOnly }));
    expect(viaRange.stages[0]!.decisions.PROCEED).toBeGreaterThan(0);
    expect(viaRange.stages[0]!.decisions.ROLLBACK).toBeGreaterThan(0);
  });

  it('fails closed with a reason: no data, rate limited beyond the wait, several series, a {{time}} query, Datadog gone', async () => {
    const s = source({ maxRateLimitWaitMs: 1_000, sleep: async () => undefined });
    const q = query('p95_latency_ms');
    const empty = await s.range(q, new Date(S - 60 * MIN), new Date(S - 30 * MIN), 60);
    expect(empty).toMatchObject({ ok: false, reason: 'empty' });

    fake.fail({ kind: 'rate-limit', resetS: 30 });
    const limited = await s.range(q, new Date(S), new Date(S + 10 * MIN), 60);
    expect(limited).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(limited.ok ? '' : limited.message).toContain('resets in 30 s');

    const at = S + 10 * MIN;
    const one = (scope: string) => ({
      aggr: 'max',
      display_name: 'trading.api.latency.p95',
      end: at,
      expression: q.query,
      interval: 20,
      length: 1,
      metric: 'trading.api.latency.p95',
      pointlist: [[at, 1]],
      query_index: 0,
      scope,
      start: at,
      tag_set: scope.split(','),
    });
    fake.fail({ kind: 'answer', body: { status: 'ok', series: [one('az:a'), one('az:b')] } });
    const two = await s.range(q, new Date(S), new Date(at), 60);
    expect(two).toMatchObject({ ok: false, reason: 'query-error' });
    expect(two.ok ? '' : two.message).toContain('2 series where one was expected');

    const timed = await s.range({ ...q, query: 'max:x{at:{{time}}}' }, new Date(S), new Date(at), 60);
    expect(timed).toMatchObject({ ok: false, reason: 'query-error' });
    expect(timed.ok ? '' : timed.message).toContain('{{time}} names one instant');

    const port = await freePort();
    const gone = await new DatadogSource({
      url: `http://127.0.0.1:${port}`,
      apiKey: fake.apiKey,
      appKey: fake.appKey,
      retries: 0,
    }).range(q, new Date(S), new Date(at), 60);
    expect(gone).toMatchObject({ ok: false, reason: 'unreachable' });
  });
});

describe('rate_limit_wait is checked against the stage intervals when the plan is read', () => {
  const problems = (text: string) => {
    const r = validatePlanText(text);
    return r.ok ? [] : r.problems.map(formatProblem);
  };
  const withWait = (wait: string) =>
    PLAN.replace(
      'app_key_env: DD_APP_KEY_CANARY }',
      `app_key_env: DD_APP_KEY_CANARY, rate_limit_wait: ${wait} }`,
    );

  it('a wait shorter than every interval is accepted; one as long as an interval is an error naming the field', () => {
    expect(problems(withWait('90s'))).toEqual([]);
    expect(problems(withWait('2m'))).toEqual([
      expect.stringMatching(
        /^metrics\.datadog\.rate_limit_wait \(line \d+:\d+\): 2m is not shorter than stage pilot's interval 2m \(expected a rate_limit_wait shorter than every stage's interval/,
      ),
    ]);
    expect(() => parsePlan(withWait('5m'), 'datadog-plan')).toThrow(
      /rate_limit_wait.*5m is not shorter than stage pilot's interval 2m/s,
    );
  });

  it('the default wait (10s) counts too: a stage sampled every 10s needs a shorter rate_limit_wait', () => {
    const fast = PLAN.replace('duration: 10m, interval: 2m', 'duration: 10m, interval: 10s');
    expect(problems(fast)).toEqual([
      expect.stringMatching(
        /^metrics\.datadog \(line \d+:\d+\): the default rate_limit_wait 10s is not shorter than stage pilot's interval 10s/,
      ),
    ]);
    expect(
      problems(
        fast.replace(
          'app_key_env: DD_APP_KEY_CANARY }',
          'app_key_env: DD_APP_KEY_CANARY, rate_limit_wait: 5s }',
        ),
      ),
    ).toEqual([]);
  });
});
