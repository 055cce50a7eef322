import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/errors.js';
import type { Measurement, Track } from '../../src/metrics/source.js';
import {
  mulberry32,
  SyntheticSource,
  type MetricProfile,
  type SyntheticScenario,
} from '../../src/metrics/synthetic.js';
import { planQuery, type PlanMetric } from './queries.js';

const START = new Date('2026-03-02T07:00:00Z');
const ONSET = 600;
const PROFILES: MetricProfile[] = [
  { metric: 'p95_latency_ms', healthy: 120, noise: 0.05, worseDirection: 'up', breachValue: 450 },
  { metric: 'error_rate_pct', healthy: 0.3, noise: 0.1, worseDirection: 'up', breachValue: 4 },
  { metric: 'order_accept_error_rate', healthy: 0.01, noise: 0.05, worseDirection: 'up', breachValue: 0.016 },
  { metric: 'mem_available_pct', healthy: 45, noise: 0.02, worseDirection: 'down', breachValue: 8 },
];
const HEALTHY_BOUNDS: Record<PlanMetric, [number, number]> = {
  p95_latency_ms: [120 * 0.85, 120 * 1.15],
  error_rate_pct: [0.3 * 0.7, 0.3 * 1.3],
  order_accept_error_rate: [0.01 * 0.85, 0.01 * 1.15],
  mem_available_pct: [45 * 0.94, 45 * 1.06],
};

function source(
  scenario: SyntheticScenario,
  extra: Partial<ConstructorParameters<typeof SyntheticSource>[0]> = {},
) {
  return new SyntheticSource({
    scenario,
    profiles: PROFILES,
    startAt: START,
    onsetAt: ONSET,
    seed: 7,
    ...extra,
  });
}
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);
/** Gate-like evaluation times: every 2 min for an hour. */
const TIMES = Array.from({ length: 31 }, (_, i) => i * 120);

async function value(s: SyntheticSource, metric: PlanMetric, track: Track, seconds: number): Promise<number> {
  const m: Measurement = await s.instant(planQuery(metric, track), at(seconds));
  if (!m.ok) throw new Error(`expected a value for ${metric}/${track} at +${seconds}s: ${m.message}`);
  return m.value;
}

function expectHealthy(metric: PlanMetric, v: number) {
  // noise is clipped at 3 sd; the bounds are exactly 3 sd, so allow for float rounding
  const [lo, hi] = HEALTHY_BOUNDS[metric].map((b, i) => b * (i === 0 ? 1 - 1e-9 : 1 + 1e-9)) as [
    number,
    number,
  ];
  expect(v, `${metric} = ${v}`).toBeGreaterThanOrEqual(lo);
  expect(v, `${metric} = ${v}`).toBeLessThanOrEqual(hi);
}

describe('mulberry32', () => {
  it('matches the reference sequence, so simulations replay identically everywhere', () => {
    const r = mulberry32(42);
    expect([r(), r(), r()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });
});

describe('SyntheticSource', () => {
  it('is deterministic for (seed, metric, track, at), independent of call order', async () => {
    const a = source('slow-burn');
    const b = source('slow-burn');
    const forward: number[] = [];
    for (const t of TIMES) forward.push(await value(a, 'p95_latency_ms', 'canary', t));
    const backward: number[] = [];
    for (const t of [...TIMES].reverse()) backward.push(await value(b, 'p95_latency_ms', 'canary', t));
    expect(backward.reverse()).toEqual(forward);
    const other = source('slow-burn', { seed: 8 });
    expect(await value(other, 'p95_latency_ms', 'canary', 0)).not.toBe(forward[0]);
    // tracks have their own noise
    expect(await value(a, 'p95_latency_ms', 'baseline', 0)).not.toBe(forward[0]);
  });

  it('healthy: every metric stays within its noise band on both tracks', async () => {
    const s = source('healthy');
    expect(s.affectedMetrics).toEqual([]);
    for (const t of TIMES) {
      for (const p of PROFILES) {
        for (const track of ['canary', 'baseline'] as const)
          expectHealthy(p.metric as PlanMetric, await value(s, p.metric as PlanMetric, track, t));
      }
    }
  });

  it('step-regression (alias latency-regression): latency breaches from onset, other metrics and baseline stay healthy', async () => {
    for (const scenario of ['step-regression', 'latency-regression'] as const) {
      const s = source(scenario);
      expect(s.affectedMetrics).toEqual(['p95_latency_ms']);
      for (const t of TIMES) {
        const p95 = await value(s, 'p95_latency_ms', 'canary', t);
        if (t < ONSET) expectHealthy('p95_latency_ms', p95);
        else expect(p95).toBeGreaterThanOrEqual(450);
        expectHealthy('p95_latency_ms', await value(s, 'p95_latency_ms', 'baseline', t));
        expectHealthy('error_rate_pct', await value(s, 'error_rate_pct', 'canary', t));
      }
    }
    expect(await value(source('step-regression'), 'p95_latency_ms', 'canary', 1200)).toBe(
      await value(source('latency-regression'), 'p95_latency_ms', 'canary', 1200),
    );
  });

  it('error-spike: error-like metrics breach from onset, latency does not', async () => {
    const s = source('error-spike');
    expect(s.affectedMetrics).toEqual(['error_rate_pct', 'order_accept_error_rate']);
    for (const t of TIMES.filter((x) => x >= ONSET)) {
      expect(await value(s, 'error_rate_pct', 'canary', t)).toBeGreaterThanOrEqual(4);
      expect(await value(s, 'order_accept_error_rate', 'canary', t)).toBeGreaterThanOrEqual(0.016);
      expectHealthy('p95_latency_ms', await value(s, 'p95_latency_ms', 'canary', t));
      expectHealthy('error_rate_pct', await value(s, 'error_rate_pct', 'baseline', t));
    }
  });

  it('slow-burn: latency drifts over 30 min, crossing the soft threshold well before the hard one', async () => {
    const s = source('slow-burn', { profiles: PROFILES.map((p) => ({ ...p, noise: 0 })) });
    const series: Array<[number, number]> = [];
    for (let t = ONSET; t <= ONSET + 2400; t += 60)
      series.push([t, await value(s, 'p95_latency_ms', 'canary', t)]);
    for (let i = 1; i < series.length; i++) expect(series[i]![1]).toBeGreaterThanOrEqual(series[i - 1]![1]);
    expect(series[0]![1]).toBe(120);
    expect(await value(s, 'p95_latency_ms', 'canary', ONSET + 900)).toBeCloseTo((120 + 450) / 2, 9);
    const firstAbove = (threshold: number) => series.find(([, v]) => v > threshold)![0] - ONSET;
    expect(firstAbove(250)).toBeGreaterThan(600); // soft (250) after ~12 min
    expect(firstAbove(400)).toBeGreaterThan(firstAbove(250) + 600); // hard (400) at least 10 min later
    expect(firstAbove(400)).toBeLessThanOrEqual(1800);
    expect(await value(s, 'p95_latency_ms', 'canary', ONSET + 3600)).toBe(450);
  });

  it('flapping: alternates bad and good at each evaluation after onset', async () => {
    const s = source('flapping', { flapPeriodSeconds: 120 });
    const pattern: string[] = [];
    for (let k = 0; k < 8; k++)
      pattern.push((await value(s, 'p95_latency_ms', 'canary', ONSET + k * 120)) >= 450 ? 'bad' : 'good');
    expect(pattern).toEqual(['bad', 'good', 'bad', 'good', 'bad', 'good', 'bad', 'good']);
    expectHealthy('p95_latency_ms', await value(s, 'p95_latency_ms', 'canary', ONSET - 120));
  });

  it('no-data: canary queries fail closed from onset; baseline keeps reporting', async () => {
    const s = source('no-data');
    expectHealthy('p95_latency_ms', await value(s, 'p95_latency_ms', 'canary', ONSET - 1));
    const q = planQuery('p95_latency_ms', 'canary');
    const m = await s.instant(q, at(ONSET));
    expect(m).toMatchObject({ ok: false, reason: 'no-data', query: q.query, at: at(ONSET) });
    if (!m.ok) expect(m.message).toContain('synthetic scenario "no-data"');
    expect(await s.instant(planQuery('mem_available_pct', 'canary'), at(ONSET + 3000))).toMatchObject({
      ok: false,
      reason: 'no-data',
    });
    expectHealthy('p95_latency_ms', await value(s, 'p95_latency_ms', 'baseline', ONSET + 60));
  });

  it('breaches a down-is-worse metric downwards', async () => {
    const s = source('step-regression', {
      profiles: [
        { metric: 'mem_available_pct', healthy: 45, noise: 0.05, worseDirection: 'down', breachValue: 8 },
      ],
    });
    expect(s.affectedMetrics).toEqual(['mem_available_pct']); // no latency-like metric: the first one is used
    for (const t of TIMES.filter((x) => x >= ONSET)) {
      const v = await value(s, 'mem_available_pct', 'canary', t);
      expect(v).toBeLessThanOrEqual(8);
      expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it('answers no-data for a metric without a profile and rejects bad profiles by field', async () => {
    const m = await source('healthy').instant({ metric: 'net_bps', track: 'canary', query: 'x' }, at(0));
    expect(m).toMatchObject({ ok: false, reason: 'no-data' });
    if (!m.ok) expect(m.message).toContain('no profile for metric "net_bps"');
    expect(() => source('healthy', { profiles: [{ ...PROFILES[0]!, breachValue: 100 }] })).toThrow(
      ConfigurationError,
    );
    expect(() => source('healthy', { profiles: [{ ...PROFILES[0]!, breachValue: 100 }] })).toThrow(
      /profiles\[0\] \(p95_latency_ms\)\.breachValue: 100 is not worse than healthy 120/,
    );
    expect(() => source('meltdown' as SyntheticScenario)).toThrow(/scenario: "meltdown" is not one of/);
    expect(() => source('healthy', { seed: 1.5 })).toThrow(/seed/);
  });
});
