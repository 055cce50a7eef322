/**
 * Baseline comparisons as the engine decides them (issue: gate decisions that keep the judge's promise): judged,
 * not pointed; strict boundaries; the decision of a complete window independent of the order of its samples;
 * counts derived from ratio queries; fail closed on too little to judge; the power said out loud.
 */
import { describe, expect, it } from 'vitest';
import {
  corpusPlan,
  decideStage,
  gaussian,
  minutesToDecision,
  mulberry32,
  ratioSlots,
  SLOTS,
  type SlotValues,
} from '../../bench/_gate-corpus.js';
import { parsePlan } from '../../src/config/index.js';
import type { StageResult } from '../../src/gate/types.js';

const RATIO = 'order_accept_error_rate';
const ACCEPT_ERRORS =
  '{ metric: order_accept_error_rate, against: baseline, soft: { increase: 25% }, hard: { increase: 40% } }';
const LATENCY = '{ metric: p95_latency_ms, against: baseline, soft: { increase: 0% } }';

const guardrail = (r: StageResult) => r.samples.at(-1)!.guardrails[0]!;

function latency(canary: number[], baseline: number[]): SlotValues {
  return { 'p95_latency_ms/canary': canary, 'p95_latency_ms/baseline': baseline };
}

describe('boundaries are strict ("more than X%")', () => {
  it('a 0% allowance: a canary identical to its baseline PROCEEDs, on series and on counts', async () => {
    const rng = mulberry32(1);
    const series = Array.from({ length: SLOTS }, () => 100 * Math.exp(0.05 * gaussian(rng)));
    const r = await decideStage(corpusPlan(LATENCY, 8), latency(series, [...series]));
    expect(r.decision).toBe('PROCEED');
    expect(guardrail(r).thresholds).toEqual(['soft > +0% vs baseline']);

    const same = Array.from({ length: SLOTS }, () => 7);
    const traffic = Array.from({ length: SLOTS }, () => 1000);
    const counts = await decideStage(
      corpusPlan('{ metric: order_accept_error_rate, against: baseline, hard: { increase: 0% } }', 8),
      {
        [`${RATIO}/canary`]: same.map((e, i) => e / traffic[i]!),
        [`${RATIO}/baseline`]: same.map((e, i) => e / traffic[i]!),
        [`${RATIO}.events/canary`]: same,
        [`${RATIO}.total/canary`]: traffic,
        [`${RATIO}.events/baseline`]: same,
        [`${RATIO}.total/baseline`]: traffic,
      },
    );
    expect(counts.decision).toBe('PROCEED');
    expect(guardrail(counts).judge![0]!.method).toBe('poisson-exact-conditional');
  });
});

describe('the order of the samples inside a complete window does not change PROCEED', () => {
  it('a healthy, noisy window whose last sample sits above the baseline still PROCEEDs, in every permutation', async () => {
    const rng = mulberry32(42);
    const plan = corpusPlan(LATENCY.replace('0%', '10%'), 8);
    const canary = Array.from({ length: 8 }, () => 100 * Math.exp(0.06 * gaussian(rng)));
    const baseline = Array.from({ length: 8 }, () => 100 * Math.exp(0.06 * gaussian(rng)));
    // The last interval 30% above its baseline: a point, and the point rule's "latest sample must pass" would fail.
    canary[7] = baseline[7]! * 1.3;
    const first = await decideStage(plan, latency(canary, baseline));
    expect(first.decision).toBe('PROCEED');
    expect(first.samples.at(-1)!.guardrails[0]!.status).toBe('suspect');
    expect(first.samples.at(-1)!.warroom).toContain('g=SUSPECT');
    for (let p = 0; p < 12; p++) {
      const order = Array.from({ length: 8 }, (_, i) => ({ i, r: rng() })).sort((a, b) => a.r - b.r);
      const r = await decideStage(
        plan,
        latency(
          order.map((o) => canary[o.i]!),
          order.map((o) => baseline[o.i]!),
        ),
      );
      expect(r.decision, `permutation ${order.map((o) => o.i).join(',')}`).toBe('PROCEED');
    }
  });
});

describe('a ratio query without counts: is judged on counts derived from it', () => {
  const plan = corpusPlan(ACCEPT_ERRORS, 8);

  it('sparse, equal-rate traffic PROCEEDs; the record says which test and why', async () => {
    const { values } = ratioSlots(mulberry32(5), { canaryRps: 1, rate: 0.005, ratio: 1 });
    const r = await decideStage(plan, values);
    expect(r.decision).toBe('PROCEED');
    const judge = guardrail(r).judge!.find((j) => j.level === 'soft')!;
    expect(judge.method).toBe('poisson-exact-conditional');
    expect(judge.test_reason).toContain('counts derived from the ratio query');
    expect(judge.test_reason).toContain('sum(increase(order_accept_failures_total{track="canary"}[2m]))');
    // The stage's summary (what the decision record is written from) carries the test and the power too.
    expect(r.guardrails[0]!.test).toContain('counts derived from the ratio query');
    expect(r.guardrails[0]!.power!.min_detectable_pct).toBeGreaterThan(25);
  });

  it('a tripled failure rate with 20+ canary failures per interval rolls back within 2 intervals', async () => {
    const { values, counts } = ratioSlots(mulberry32(6), { canaryRps: 30, rate: 0.01, ratio: 3 });
    expect(Math.min(...counts.canaryEvents.slice(0, 2))).toBeGreaterThanOrEqual(20);
    const r = await decideStage(plan, values);
    expect(r.decision).toBe('ROLLBACK');
    expect(minutesToDecision(r)).toBeLessThanOrEqual(4);
    expect(r.reason).toContain('the judge finds a breach of hard > +40% vs baseline');
  });

  it('an interval without canary traffic (0/0) is measured by its counts, not lost as NaN', async () => {
    const { values } = ratioSlots(mulberry32(7), { canaryRps: 1, rate: 0.005, ratio: 1 });
    values[`${RATIO}.total/canary`]![2] = 0;
    values[`${RATIO}.events/canary`]![2] = 0;
    values[`${RATIO}/canary`]![2] = NaN;
    const r = await decideStage(plan, values);
    expect(r.samples[2]!.measured).toBe(true);
    expect(r.decision).toBe('PROCEED');
  });

  it('`test: none` keeps the old point rule when asked for: 2 consecutive intervals beyond the line roll back', async () => {
    const { values } = ratioSlots(mulberry32(8), { canaryRps: 30, rate: 0.01, ratio: 1 });
    for (const k of [1, 2]) values[`${RATIO}/canary`]![k] = values[`${RATIO}/baseline`]![k]! * 2;
    const judged = await decideStage(plan, values);
    expect(judged.decision).toBe('PROCEED');
    const points = await decideStage(corpusPlan(ACCEPT_ERRORS, 8, 'none'), values);
    expect(points.decision).toBe('ROLLBACK');
    expect(minutesToDecision(points)).toBe(6);
    expect(points.reason).toContain('2 consecutive samples');
  });
});

describe('too little to judge is never PROCEED', () => {
  it('fewer than 3 measured intervals: the reason says so, and the stage does not proceed', async () => {
    const plan = parsePlan(
      `version: 1
release: { service: s }
metrics:
  prometheus: { url: http://127.0.0.1:9 }
  queries:
    p95_latency_ms: { query: 'p95{track="{{track}}"}' }
guardrails:
  g: ${LATENCY.replace('0%', '10%')}
stages:
  - { name: s, traffic: 1, duration: 4m, interval: 2m, max_holds: 0, guardrails: [g] }
`,
      'plan',
    );
    const r = await decideStage(plan, latency([100, 100], [100, 100]));
    expect(r.decision).toBe('REVIEW');
    expect(r.reason).toContain('at least 3 of each are needed');
  });

  it('no traffic on either track (a total of 0): inconclusive, never PROCEED', async () => {
    const zeros = Array.from({ length: SLOTS }, () => 0);
    const r = await decideStage(corpusPlan(ACCEPT_ERRORS, 8), {
      [`${RATIO}/canary`]: zeros.map(() => NaN),
      [`${RATIO}/baseline`]: zeros.map(() => NaN),
      [`${RATIO}.events/canary`]: zeros,
      [`${RATIO}.total/canary`]: zeros,
      [`${RATIO}.events/baseline`]: zeros,
      [`${RATIO}.total/baseline`]: zeros,
    });
    expect(r.decision).toBe('REVIEW');
    expect(r.samples.every((s) => s.decision !== 'PROCEED')).toBe(true);
    expect(guardrail(r).status).toBe('inconclusive');
    expect(guardrail(r).reason).toContain('no canary traffic, nothing to judge');
  });

  it('declared counts that are NaN are unmeasurable, named, and end in ROLLBACK after 3, never PROCEED', async () => {
    const plan = parsePlan(
      `version: 1
release: { service: s }
metrics:
  prometheus: { url: http://127.0.0.1:9 }
  queries:
    order_accept_error_rate:
      query: 'accept_ratio{track="{{track}}"}'
      counts: { events: 'sum(increase(fails{track="{{track}}"}[2m]))', total: 'sum(increase(orders{track="{{track}}"}[2m]))' }
guardrails:
  g: ${ACCEPT_ERRORS}
stages:
  - { name: s, traffic: 1, duration: 16m, interval: 2m, guardrails: [g] }
`,
      'plan',
    );
    const { values } = ratioSlots(mulberry32(9), { canaryRps: 5, rate: 0.005, ratio: 1 });
    values[`${RATIO}.events/canary`] = values[`${RATIO}.events/canary`]!.map(() => NaN);
    const r = await decideStage(plan, values);
    expect(r.decision).toBe('ROLLBACK');
    expect(r.samples.map((s) => s.decision)).toEqual(['HOLD', 'HOLD', 'ROLLBACK']);
    expect(r.samples[0]!.guardrails[0]!.unmeasurable![0]!.message).toMatch(/^counts: .*NaN/);
  });

  it('derived counts a source cannot answer (an old recording): the ratio is judged as a series, and the record says so', async () => {
    const { values } = ratioSlots(mulberry32(12), { canaryRps: 30, rate: 0.01, ratio: 1 });
    for (const key of Object.keys(values))
      if (key.includes('.events') || key.includes('.total')) delete values[key];
    const r = await decideStage(corpusPlan(ACCEPT_ERRORS, 8), values);
    expect(r.decision).toBe('PROCEED');
    const judge = guardrail(r).judge![0]!;
    expect(judge.method).toMatch(/^paired-/);
    expect(judge.test_reason).toContain('could not be read at every sample');
  });
});

describe('power, said out loud', () => {
  it('the record and the war-room line carry the minimum detectable effect', async () => {
    const { values } = ratioSlots(mulberry32(10), { canaryRps: 30, rate: 0.01, ratio: 1 });
    const r = await decideStage(corpusPlan(ACCEPT_ERRORS, 8), values);
    expect(r.decision).toBe('PROCEED');
    const power = guardrail(r).power!;
    expect(power.min_detectable_pct).toBeGreaterThan(25);
    expect(power.min_detectable_pct).toBeLessThan(100);
    expect(power.enough).toBe(true);
    expect(r.samples.at(-1)!.warroom).toMatch(/accept=[+-][\d.]+%\(mde\+\d+%\)/);
  });

  it('min_detectable: a window that cannot see it is extended like a hold, then REVIEW "too little traffic to judge"', async () => {
    const plan = corpusPlan(
      '{ metric: order_accept_error_rate, against: baseline, soft: { increase: 25% }, hard: { increase: 40% }, min_detectable: 40% }',
      8,
    );
    const { values } = ratioSlots(mulberry32(11), { canaryRps: 1, rate: 0.005, ratio: 1 });
    const r = await decideStage(plan, values);
    expect(r.decision).toBe('REVIEW');
    expect(r.holds).toBe(2);
    expect(r.samples.filter((s) => s.decision === 'HOLD').length).toBeGreaterThan(0);
    expect(r.reason).toContain('too little traffic to judge');
    expect(r.reason).toMatch(/could detect ≥ \+\d+% at 98% \(min_detectable 40%\)/);
    // The same traffic without min_detectable proceeds, and says what it could have seen.
    const plain = await decideStage(corpusPlan(ACCEPT_ERRORS, 8), values);
    expect(plain.decision).toBe('PROCEED');
  });
});

describe('a window that ends leaning toward a breach is held for more evidence', () => {
  const HARD_10 = '{ metric: p95_latency_ms, against: baseline, hard: { increase: 10% } }';
  // Per-interval log ratios: a fixed spread around `shift`, so the judge's p-value falls as intervals add up.
  const pattern = [1, -1, 0.5, -0.5, 1.5, -1.5, 0.2, -0.2];
  const leaningValues = (shift: number): SlotValues =>
    latency(
      Array.from({ length: SLOTS }, (_, k) => 100 * Math.exp(shift + 0.15 * pattern[k % 8]!)),
      Array.from({ length: SLOTS }, () => 100),
    );

  it('a regression the planned window cannot prove is held, then rolled back at the end of the hold', async () => {
    const r = await decideStage(corpusPlan(HARD_10, 8), leaningValues(0.25));
    const windowEnd = r.samples[7]!;
    expect(windowEnd.decision).toBe('HOLD');
    expect(windowEnd.reason).toMatch(/g: leans toward a hard breach \(judge p=0\.0\d+ <= 0\.2/);
    expect(windowEnd.guardrails[0]!.leaning).toEqual({ level: 'hard', p_value: expect.any(Number) });
    // Its last interval is beyond the line: SUSPECT keeps its word, the lean is in the hold's reason. An interval
    // inside the line shows the lean itself.
    expect(windowEnd.warroom).toMatch(/0\/1 PASS g=SUSPECT \| IC: Hold/);
    const leaningPass = r.samples.find((s) => s.guardrails[0]!.status === 'pass' && s.guardrails[0]!.leaning);
    expect(leaningPass!.warroom).toMatch(/0\/1 PASS g=LEANING \| IC: (Continue|Hold)/);
    expect(r.decision).toBe('ROLLBACK');
    expect(r.holds).toBe(1);
    expect(r.samples.length).toBe(16);
    expect(r.reason).toContain('8 past the 8 planned (held)');
  });

  it('a lean that the holds do not confirm proceeds when they are used up, and the reason says it leaned', async () => {
    const r = await decideStage(corpusPlan(HARD_10, 8), leaningValues(0.18));
    expect(r.holds).toBe(2);
    expect(r.decision).toBe('PROCEED');
    expect(r.reason).toMatch(/with every hold used, g still leans toward a hard breach at judge p=0\.0\d+/);
  });

  it('max_holds: 0 decides at the end of the planned window, whose last look then has the holds\u2019 share too', async () => {
    const plan = corpusPlan(HARD_10, 8);
    const noHolds = { ...plan, stages: [{ ...plan.stages[0]!, max_holds: 0 }] };
    const r = await decideStage(noHolds, leaningValues(0.18));
    expect(r.samples.length).toBe(8);
    expect(r.decision).toBe('PROCEED');
    expect(r.reason).toContain('still leans toward a hard breach');
    const judge = guardrail(r).judge![0]!;
    expect(judge.reason).toContain('alpha 0.018, look 8 of 8');
  });

  it('a healthy canary does not lean, and proceeds at the end of its planned window', async () => {
    const r = await decideStage(corpusPlan(HARD_10, 8), leaningValues(0));
    expect(r.decision).toBe('PROCEED');
    expect(r.holds).toBe(0);
    expect(guardrail(r).leaning).toBeUndefined();
  });
});
