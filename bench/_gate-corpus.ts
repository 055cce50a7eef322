/**
 * A labelled corpus of canary/baseline stages for the engine (bench/gate-accuracy.ts, test/gate/engine-bound.test.ts):
 * each pair is a plan (the guardrail a user would write) and per-interval values for every query the engine will
 * ask, served by an in-memory MetricSource, and it is decided by runStage itself, the code path of a replay.
 * Not a bench itself (the leading underscore keeps scripts/run-bench.mjs from running it).
 */
import { parsePlan, type ReleasePlan } from '../src/config/index.js';
import { virtualClock } from '../src/platform/clock.js';
import { runStage } from '../src/gate/stage-run.js';
import type { StageResult } from '../src/gate/types.js';
import { mulberry32 } from '../src/metrics/synthetic.js';
import {
  describeNonFinite,
  measured,
  unmeasurable,
  type Measurement,
  type MetricQuery,
  type MetricSource,
} from '../src/metrics/source.js';

export type Rng = () => number;
export { mulberry32 };

export const T0 = new Date('2026-03-02T07:00:00Z');
export const INTERVAL_S = 120;
/** Slots generated per track: the planned window, both holds and a margin. */
export const SLOTS = 40;

export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

export function gaussian(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Knuth's method for small means, a rounded normal above 30. */
export function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(rng)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/** Gamma(shape, 1) by Marsaglia-Tsang (shape >= 1) with the boost for shape < 1. */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = gaussian(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Values per interval slot (slot k is read by the sample at T0 + (k + 1) * interval), per "metric/track". */
export type SlotValues = Record<string, number[]>;

/** The in-memory source: the value of the interval a sample time closes; past the data it is no data. */
export class SlotSource implements MetricSource {
  constructor(
    private readonly values: SlotValues,
    private readonly start = T0.getTime(),
    private readonly intervalS = INTERVAL_S,
  ) {}

  describe(): string {
    return 'generated corpus';
  }

  async instant(q: MetricQuery, at: Date): Promise<Measurement> {
    const slot = Math.round((at.getTime() - this.start) / (this.intervalS * 1000)) - 1;
    const v = this.values[`${q.metric}/${q.track}`]?.[slot];
    if (v === undefined)
      return unmeasurable(q, at, 'no-data', `no value for ${q.metric}/${q.track} at slot ${slot}`);
    // As a source reports Prometheus's NaN (0/0): unmeasurable, never a number.
    if (!Number.isFinite(v))
      return unmeasurable(
        q,
        at,
        'nan',
        `value is ${describeNonFinite(v)} for ${q.metric}/${q.track} at slot ${slot}`,
      );
    return measured(q, at, v);
  }
}

/** The metrics a corpus plan declares (every pair uses one of them). */
export const CORPUS_QUERIES = `
    order_accept_error_rate:
      query: sum(rate(order_accept_failures_total{track="{{track}}"}[1m])) / sum(rate(order_accept_total{track="{{track}}"}[1m]))
    p95_latency_ms:
      query: 1000 * histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{track="{{track}}"}[1m])))
    error_count:
      query: sum(increase(errors_total{track="{{track}}"}[2m]))`;

export type TestChoice = 'auto' | 'mann-whitney' | 'none';

/**
 * A one-guardrail plan; `hold: 16m` keeps every sample on the 2-minute grid after a hold. The stage has
 * `samples` planned looks.
 */
export function corpusPlan(guardrail: string, samples: number, test: TestChoice = 'auto'): ReleasePlan {
  const testKey = test === 'auto' ? '' : `, test: ${test}`;
  const g = guardrail.replace(/ }$/, `${testKey} }`);
  return parsePlan(
    `version: 1
release: { service: bench }
metrics:
  prometheus: { url: http://127.0.0.1:9 }
  tracks: { label: track, canary: canary, baseline: stable }
  queries:${CORPUS_QUERIES}
guardrails:
  g: ${g}
stages:
  - { name: s, traffic: 1, duration: ${(samples * INTERVAL_S) / 60}m, interval: 2m, hold: 16m, guardrails: [g] }
`,
    'corpus plan',
  );
}

export async function decideStage(plan: ReleasePlan, values: SlotValues): Promise<StageResult> {
  return runStage({
    plan,
    stage: 's',
    source: new SlotSource(values),
    clock: virtualClock(T0),
    startAt: T0,
    mode: 'simulation',
  });
}

export function minutesToDecision(r: StageResult): number {
  return (Date.parse(r.decided_at) - T0.getTime()) / 60_000;
}

// ------------------------------------------------------------------------------------------------------------
// Generators

export interface CountsSlots {
  canaryEvents: number[];
  canaryTotal: number[];
  baselineEvents: number[];
  baselineTotal: number[];
}

/**
 * A ratio of counters (order accept failures / orders) per interval: `canaryRps` requests a second on the canary at
 * 1% of the traffic (the baseline gets 99 times as many), failure rate `rate` on the baseline and `rate * ratio`
 * on the canary; `load` multiplies both tracks' traffic per interval (shared load). The point value is the ratio
 * the query would return (NaN for 0/0, which the engine then judges on counts).
 */
export function ratioSlots(
  rng: Rng,
  o: { canaryRps: number; rate: number; ratio: number; load?: number[]; hit?: boolean[] },
): { values: SlotValues; counts: CountsSlots } {
  const counts: CountsSlots = { canaryEvents: [], canaryTotal: [], baselineEvents: [], baselineTotal: [] };
  for (let k = 0; k < SLOTS; k++) {
    const load = o.load?.[k] ?? 1;
    const ct = poisson(rng, o.canaryRps * INTERVAL_S * load);
    const bt = poisson(rng, o.canaryRps * 99 * INTERVAL_S * load);
    const ratio = o.hit && !o.hit[k] ? 1 : o.ratio;
    counts.canaryTotal.push(ct);
    counts.baselineTotal.push(bt);
    counts.canaryEvents.push(Math.min(ct, poisson(rng, ct * o.rate * ratio)));
    counts.baselineEvents.push(Math.min(bt, poisson(rng, bt * o.rate)));
  }
  const m = 'order_accept_error_rate';
  const ratioOf = (e: number[], t: number[]) => e.map((x, i) => (t[i]! > 0 ? x / t[i]! : NaN));
  return {
    counts,
    values: {
      [`${m}/canary`]: ratioOf(counts.canaryEvents, counts.canaryTotal),
      [`${m}/baseline`]: ratioOf(counts.baselineEvents, counts.baselineTotal),
      [`${m}.events/canary`]: counts.canaryEvents,
      [`${m}.total/canary`]: counts.canaryTotal,
      [`${m}.events/baseline`]: counts.baselineEvents,
      [`${m}.total/baseline`]: counts.baselineTotal,
    },
  };
}

/** Load on logs shared by both tracks: AR(1) with lag-1 correlation 0.6 and sd 10-30%. */
export function sharedLoad(rng: Rng, slots = SLOTS): number[] {
  const sd = uniform(rng, 0.1, 0.3);
  const phi = 0.6;
  const out: number[] = [];
  let level = sd * gaussian(rng);
  for (let i = 0; i < slots; i++) {
    if (i > 0) level = phi * level + sd * Math.sqrt(1 - phi * phi) * gaussian(rng);
    out.push(Math.exp(level));
  }
  return out;
}

/**
 * p95 latency per interval: log-normal noise sigma on each track, occasional spikes (3% of values, 2-5x), `factor`
 * on the canary. `spiked` marks the slots where either track has a spike (the oracle's ceiling leaves them out).
 */
export function latencySlots(
  rng: Rng,
  o: { sigma: number; level: number; factor: number; load?: number[]; hit?: boolean[]; spikes?: boolean },
): { values: SlotValues; spiked: boolean[] } {
  const spiked = Array.from({ length: SLOTS }, () => false);
  const track = (factor: (k: number) => number) =>
    Array.from({ length: SLOTS }, (_, k) => {
      let v = o.level * Math.exp(o.sigma * gaussian(rng)) * factor(k) * (o.load?.[k] ?? 1);
      if (o.spikes !== false && rng() < 0.03) {
        v *= uniform(rng, 2, 5);
        spiked[k] = true;
      }
      return v;
    });
  const baseline = track(() => 1);
  const canary = track((k) => (o.hit && !o.hit[k] ? 1 : o.factor));
  return { values: { 'p95_latency_ms/canary': canary, 'p95_latency_ms/baseline': baseline }, spiked };
}

/**
 * Error counts per interval, mostly zeros: Poisson with mean `lambda` on the baseline and `lambda * ratio` on the
 * canary, each interval's mean multiplied by a Gamma(shape, 1/shape) burst factor when `shape` is finite
 * (overdispersed, as real error bursts are).
 */
export function zeroHeavySlots(rng: Rng, o: { lambda: number; ratio: number; shape: number }): SlotValues {
  const burst = () => (Number.isFinite(o.shape) ? gamma(rng, o.shape) / o.shape : 1);
  const track = (mean: number) => Array.from({ length: SLOTS }, () => poisson(rng, mean * burst()));
  return { 'error_count/canary': track(o.lambda * o.ratio), 'error_count/baseline': track(o.lambda) };
}

/** k of n slots chosen at random (an intermittent regression's hit intervals). */
export function hitMask(rng: Rng, share: number): boolean[] {
  const order = Array.from({ length: SLOTS }, (_, i) => ({ i, r: rng() })).sort((a, b) => a.r - b.r);
  const hit = new Set(order.slice(0, Math.round(share * SLOTS)).map((o) => o.i));
  return Array.from({ length: SLOTS }, (_, i) => hit.has(i));
}
