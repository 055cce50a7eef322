/** Plans and recordings for the gate engine tests (not a test file itself). */
import { parsePlan, type ReleasePlan } from '../../src/config/index.js';
import { RecordedSource, type RecordedPointValue, type RecordedSeries } from '../../src/metrics/recorded.js';

export const T0 = new Date('2026-03-02T07:00:00Z');

export const REFERENCE_GUARDRAILS = `
  api_p95:          { metric: p95_latency_ms, pass: { below: 200 }, soft: { above: 250, for: 5m }, hard: { above: 400 } }
  error_rate:       { metric: error_rate_pct, pass: { below: 1 }, soft: { above: 1.5, for: 5m }, hard: { above: 3 } }
  accept_errors:    { metric: order_accept_error_rate, against: baseline, soft: { increase: 25% }, hard: { increase: 40% } }
  memory_headroom:  { metric: mem_available_pct, soft: { below: 20 }, hard: { below: 10 } }`;

export const ALL = '[api_p95, error_rate, accept_errors, memory_headroom]';

export interface PlanOptions {
  guardrails?: string;
  /** Inline YAML mapping of one stage. */
  stage?: string;
  extraQueries?: string;
  prometheusUrl?: string;
}

/** A small plan whose queries name one synthetic series per metric, validated like any user plan. */
export function planText(o: PlanOptions = {}): string {
  return `version: 1
release: { service: spark-trading-api }
metrics:
  prometheus: { url: ${o.prometheusUrl ?? 'http://127.0.0.1:9'} }
  tracks: { label: track, canary: canary, baseline: stable }
  queries:
    p95_latency_ms: { query: 'p95_ms{track="{{track}}"}' }
    error_rate_pct: { query: 'error_pct{track="{{track}}"}' }
    order_accept_error_rate: { query: 'accept_ratio{track="{{track}}"}' }
    mem_available_pct: { query: 'mem_pct{track="{{track}}"}' }${o.extraQueries ?? ''}
guardrails:${o.guardrails ?? REFERENCE_GUARDRAILS}
stages:
  - ${o.stage ?? `{ name: pilot, traffic: 1, duration: 10m, interval: 2m, guardrails: ${ALL} }`}
`;
}

export function plan(o: PlanOptions = {}): ReleasePlan {
  return parsePlan(planText(o), 'test-plan');
}

export type SeriesFn = (minute: number) => number | 'NaN' | undefined;

export const HEALTHY: Record<string, SeriesFn> = {
  'p95_latency_ms/canary': () => 120,
  'p95_latency_ms/baseline': () => 118,
  'error_rate_pct/canary': () => 0.2,
  'error_rate_pct/baseline': () => 0.2,
  'order_accept_error_rate/canary': () => 0.01,
  'order_accept_error_rate/baseline': () => 0.01,
  'mem_available_pct/canary': () => 45,
  'mem_available_pct/baseline': () => 46,
};

/**
 * A recording with one point per minute from T0 for `minutes` minutes; a function returning undefined leaves a
 * gap. Staleness is 30 s, so a missing minute is no data at that minute.
 */
export function source(overrides: Record<string, SeriesFn> = {}, minutes = 120): RecordedSource {
  const fns = { ...HEALTHY, ...overrides };
  const series: RecordedSeries[] = Object.entries(fns).map(([key, fn]) => {
    const [metric, track] = key.split('/') as [string, 'canary' | 'baseline'];
    const points: Array<[number, RecordedPointValue]> = [];
    for (let m = 0; m <= minutes; m++) {
      const v = fn(m);
      if (v !== undefined) points.push([T0.getTime() / 1000 + m * 60, v]);
    }
    return { metric, track, points };
  });
  return new RecordedSource({ series }, { stalenessSeconds: 30, origin: 'engine-test' });
}
