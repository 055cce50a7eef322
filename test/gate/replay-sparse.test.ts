/**
 * The reference plan's accept_errors guardrail as a new user has it (a ratio of two rate() sums, against the
 * baseline, soft +25%, hard +40%, no `counts:`), replayed over a real Prometheus and a real VictoriaMetrics
 * holding sparse order traffic at
 * 1%: 2 orders a second on the canary, 198 on the baseline, 0.5% of them failing, every order and failure a whole
 * event drawn at random (seeded). The per-interval ratios jump between 0 and +300% on the canary; the engine
 * judges the counts it derives from the query instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan, type ReleasePlan } from '../../src/config/index.js';
import { replayClock } from '../../src/platform/clock.js';
import { createMetricSource } from '../../src/metrics/registry.js';
import { runStage } from '../../src/gate/stage-run.js';
import { mulberry32, poisson } from '../../bench/_gate-corpus.js';
import { BACKENDS, startBackend } from '../support/metrics-backends.js';
import {
  openMetricsCounter,
  openMetricsDocument,
  sampleTimes,
  type SampleWindow,
  type TestPrometheus,
} from '../support/prometheus.js';

const MIN = 60_000;
const STEP_S = 15;
const CANARY_ORDERS_PER_S = 2;
const BASELINE_ORDERS_PER_S = 198;
const FAILURE_RATIO = 0.005;
// Minutes after S: equal failure rates until 40, then the canary's tripled until 85, then 2.5 times the baseline's.
const TRIPLED_FROM = 40;
const RAISED_FROM = 85;
const HISTORY_MINUTES = 135;

function canaryFactor(minute: number): number {
  if (minute >= RAISED_FROM) return 2.5;
  return minute >= TRIPLED_FROM ? 3 : 1;
}

/** Cumulative whole events per track at each step: Poisson increments from a seeded generator. */
function counters(window: SampleWindow, S: number) {
  const rng = mulberry32(14);
  const times = sampleTimes(window);
  const series = { orders: new Map<string, number[]>(), failures: new Map<string, number[]>() };
  for (const track of ['canary', 'stable']) {
    const perS = track === 'canary' ? CANARY_ORDERS_PER_S : BASELINE_ORDERS_PER_S;
    let orders = 0;
    let failures = 0;
    const o: number[] = [];
    const f: number[] = [];
    for (const t of times) {
      const minute = (t * 1000 - S) / MIN;
      const ratio = track === 'canary' ? canaryFactor(minute) * FAILURE_RATIO : FAILURE_RATIO;
      const n = poisson(rng, perS * STEP_S);
      orders += n;
      failures += Math.min(n, poisson(rng, n * ratio));
      o.push(orders);
      f.push(failures);
    }
    series.orders.set(track, o);
    series.failures.set(track, f);
  }
  const valueAt = (m: Map<string, number[]>, track: string) => (t: number) =>
    m.get(track)![times.indexOf(t)]!;
  const family = (name: string, help: string, m: Map<string, number[]>) =>
    openMetricsCounter(
      name,
      help,
      ['canary', 'stable'].map((track) => ({ labels: { track }, value: valueAt(m, track) })),
      window,
    );
  return openMetricsDocument(
    family('order_accept', 'Orders submitted for acceptance.', series.orders),
    family('order_accept_failures', 'Orders whose acceptance failed.', series.failures),
  );
}

describe.each(BACKENDS)(
  'replay on %s: sparse order traffic, the reference accept_errors guardrail without counts:',
  (backend) => {
    let prom: TestPrometheus;
    let plan: ReleasePlan;
    let S: number;

    beforeAll(async () => {
      S = Math.floor((Date.now() - (HISTORY_MINUTES + 10) * MIN) / MIN) * MIN;
      const history = counters(
        { start: new Date(S), end: new Date(S + HISTORY_MINUTES * MIN), stepSeconds: STEP_S },
        S,
      );
      prom = await startBackend(backend, { history });
      const reference = await loadPlan('.github/canary.yml');
      // The reference plan, its pilot stage gated by accept_errors alone (this history holds only the order series).
      plan = {
        ...reference,
        stages: reference.stages.map((s) => ({ ...s, guardrails: ['accept_errors'] })),
      };
    }, 90_000);

    afterAll(async () => {
      await prom?.stop();
    });

    function replay(startMinute: number, change: Partial<ReleasePlan['guardrails'][string]> = {}) {
      const startAt = new Date(S + startMinute * MIN);
      const p: ReleasePlan = {
        ...plan,
        guardrails: { ...plan.guardrails, accept_errors: { ...plan.guardrails.accept_errors!, ...change } },
      };
      return runStage({
        plan: p,
        stage: 'pilot',
        version: '1.4.0',
        source: createMetricSource(plan.metrics, {
          url: prom.url,
          env: { PROM_TOKEN: 'unused-by-local-prometheus' },
        }),
        clock: replayClock(startAt),
        mode: 'replay',
        startAt,
        until: new Date(startAt.getTime() + 45 * MIN),
      });
    }

    it('equal failure rates on both tracks -> PROCEED, though single intervals sit far above the baseline', async () => {
      const r = await replay(5);
      expect(r.decision, r.reason).toBe('PROCEED');
      const statuses = r.samples.map((s) => s.guardrails[0]!);
      // The per-interval ratio swings: at least one interval beyond the hard +40% line, shown and not decisive.
      expect(statuses.some((g) => (g.values.relative_pct ?? 0) > 40)).toBe(true);
      const judge = statuses.at(-1)!.judge!.find((j) => j.level === 'hard')!;
      expect(judge.method).toBe('poisson-exact-conditional');
      expect(judge.test_reason).toContain('sum(increase(order_accept_failures_total{track="canary"}[2m]))');
      expect(statuses.at(-1)!.power!.min_detectable_pct).toBeGreaterThan(40);
      expect(r.samples.at(-1)!.warroom).toMatch(/accept=[^ ]+\(mde\+\d+%\)/);
      // The same history under the old point rule (kept for `test: none`): two intervals beyond +40% roll it back.
      const points = await replay(5, { test: 'none' });
      expect(points.decision).toBe('ROLLBACK');
      expect(points.reason).toContain('2 consecutive samples');
    });

    it('2.5 times the failure rate on 2 orders a second: the window leans, is held twice, and a plan asking for power reviews it', async () => {
      // About 0.6 canary failures a minute: the planned window ends leaning toward a breach (the judge's p-value
      // under 0.2, far from the level), both holds add data, and the judge still cannot prove +40% at 98%.
      const r = await replay(RAISED_FROM);
      const windowEnd = r.samples[7]!;
      expect(windowEnd.decision).toBe('HOLD');
      expect(windowEnd.reason).toMatch(/accept_errors: leans toward a (hard|soft) breach/);
      expect(r.holds).toBe(2);
      expect(r.decision, r.reason).toBe('PROCEED');
      expect(r.reason).toMatch(/with every hold used, accept_errors still leans toward a (hard|soft) breach/);
      // The same history for a plan that asks to see a 40% regression: never a pass on too little traffic.
      const strict = await replay(RAISED_FROM, { min_detectable: 40 });
      expect(strict.decision).toBe('REVIEW');
      expect(strict.reason).toContain('too little traffic to judge');
    });

    it("the canary's failure rate tripled -> ROLLBACK", async () => {
      const r = await replay(TRIPLED_FROM);
      expect(r.decision, r.reason).toBe('ROLLBACK');
      expect(r.triggered_by).toEqual(['accept_errors']);
      expect(r.reason).toContain('the judge finds a breach');
    });
  },
);
