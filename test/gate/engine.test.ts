import { describe, expect, it } from 'vitest';
import { virtualClock } from '../../src/platform/clock.js';
import { runStage } from '../../src/gate/stage-run.js';
import type { StageResult } from '../../src/gate/types.js';
import { ALL, plan, source, T0, type PlanOptions, type SeriesFn } from './gate-fixtures.js';

async function run(
  o: PlanOptions,
  overrides: Record<string, SeriesFn> = {},
  extra: { until?: Date } = {},
): Promise<StageResult> {
  const p = plan(o);
  return runStage({
    plan: p,
    stage: p.stages[0]!.name,
    source: source(overrides),
    clock: virtualClock(T0),
    startAt: T0,
    mode: 'simulation',
    ...extra,
  });
}

const minutesAt = (r: StageResult) => (Date.parse(r.decided_at) - T0.getTime()) / 60_000;
const from =
  (minute: number, bad: number, good: number): SeriesFn =>
  (m) =>
    m >= minute ? bad : good;

describe('gate engine: the happy path', () => {
  it('proceeds at the end of a healthy window, every guardrail passing, with a war-room line per sample', async () => {
    const r = await run({});
    expect(r.decision).toBe('PROCEED');
    expect(minutesAt(r)).toBe(10);
    expect(r.samples.map((s) => s.elapsed_s)).toEqual([120, 240, 360, 480, 600]);
    expect(r.samples.slice(0, -1).every((s) => s.state === 'sampling' && s.decision === null)).toBe(true);
    expect(r.guardrails.map((g) => g.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(r.samples.at(-1)!.warroom).toBe(
      ':10 | Stage 1 (1%) | p95=120ms 5xx=0.2% accept=+0%(mde+25%) mem=45% | 4/4 PASS | IC: Proceed',
    );
    expect(r.samples[0]!.warroom).toMatch(/^:02 \| Stage 1 \(1%\) .* \| IC: Continue$/);
    const p95 = r.guardrails.find((g) => g.name === 'api_p95')!;
    expect(p95.query.canary).toBe('p95_ms{track="canary"}');
    expect(p95.thresholds).toEqual(['pass < 200 ms', 'soft > 250 ms for 5m', 'hard > 400 ms']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('the final sample lands on the end of the window even when the interval does not divide the duration', async () => {
    const r = await run({
      stage: `{ name: pilot, traffic: 1, duration: 15m, interval: 2m, guardrails: ${ALL} }`,
    });
    expect(r.decision).toBe('PROCEED');
    expect(r.samples.map((s) => s.elapsed_s / 60)).toEqual([2, 4, 6, 8, 10, 12, 14, 15]);
  });
});

describe('gate engine: absolute thresholds', () => {
  it('hard above -> ROLLBACK at the first sample that sees it, with values, thresholds and query', async () => {
    const r = await run({}, { 'p95_latency_ms/canary': from(5, 450, 120) });
    expect(r.decision).toBe('ROLLBACK');
    expect(minutesAt(r)).toBe(6);
    expect(r.triggered_by).toEqual(['api_p95']);
    expect(r.reason).toContain('hard > 400 ms');
    const g = r.guardrails.find((x) => x.name === 'api_p95')!;
    expect(g.status).toBe('hard');
    expect(g.values.canary).toBe(450);
    expect(g.query.canary).toBe('p95_ms{track="canary"}');
    expect(r.samples.at(-1)!.warroom).toBe(
      ':06 | Stage 1 (1%) | p95=450ms 5xx=0.2% accept=+0%(mde+25%) mem=45% | 3/4 PASS api_p95=HARD | IC: Rollback',
    );
  });

  it('hard below -> ROLLBACK', async () => {
    const r = await run({}, { 'mem_available_pct/canary': from(3, 8, 45) });
    expect(r.decision).toBe('ROLLBACK');
    expect(minutesAt(r)).toBe(4);
    expect(r.triggered_by).toEqual(['memory_headroom']);
  });

  it('hard with `for` waits until the breach has held that long', async () => {
    const guardrails = `
  api_p95: { metric: p95_latency_ms, hard: { above: 400, for: 4m } }`;
    const r = await run(
      {
        guardrails,
        stage: '{ name: pilot, traffic: 1, duration: 10m, interval: 2m, guardrails: [api_p95] }',
      },
      {
        'p95_latency_ms/canary': from(2, 450, 120),
      },
    );
    expect(r.decision).toBe('ROLLBACK');
    expect(minutesAt(r)).toBe(6);
    expect(r.samples[0]!.guardrails[0]!.pending).toMatchObject({ level: 'hard', held_s: 0, for_s: 240 });
    expect(r.samples[1]!.guardrails[0]!.status).toBe('within');
  });

  it('a soft breach held for its `for` -> HOLD (default on_soft), holds extend the window, then REVIEW after max_holds', async () => {
    const r = await run({}, { 'p95_latency_ms/canary': from(3, 300, 120) });
    // breaching from the 4m sample; held 6m >= 5m at 10m -> hold 1 until 25m (the window's new end, which gets a
    // sample), still breaching at 25m -> hold 2 until 40m, still breaching at 40m -> REVIEW.
    expect(r.decision).toBe('REVIEW');
    expect(r.holds).toBe(2);
    expect(minutesAt(r)).toBe(40);
    expect(r.samples.filter((s) => s.reason.startsWith('HOLD ')).map((s) => s.elapsed_s / 60)).toEqual([
      10, 25,
    ]);
    const firstHold = r.samples.find((s) => s.decision === 'HOLD')!;
    expect(firstHold.elapsed_s).toBe(600);
    expect(firstHold.state).toBe('holding');
    expect(firstHold.window_ends_at).toBe(new Date(T0.getTime() + 25 * 60_000).toISOString());
    expect(r.reason).toContain('hold limit reached');
  });

  it('the worked example of docs/gate.md: 15m stage, p95 300 ms from minute 5 -> HOLD at 12 and 27, REVIEW at 42', async () => {
    const r = await run(
      { stage: `{ name: pilot, traffic: 1, duration: 15m, interval: 2m, guardrails: ${ALL} }` },
      {
        'p95_latency_ms/canary': (m) => (m > 5 ? 300 : 120),
      },
    );
    const status = (minute: number) => r.samples.find((s) => s.elapsed_s === minute * 60)!.guardrails[0]!;
    expect(status(6)).toMatchObject({ status: 'within', pending: { level: 'soft', held_s: 0 } });
    expect(status(10)).toMatchObject({ status: 'within', pending: { held_s: 240 } });
    expect(status(12).status).toBe('soft');
    expect(r.samples.filter((s) => s.reason.startsWith('HOLD ')).map((s) => s.elapsed_s / 60)).toEqual([
      12, 27,
    ]);
    expect([r.decision, minutesAt(r), r.holds]).toEqual(['REVIEW', 42, 2]);
  });

  it.each([
    ['review', 'REVIEW'],
    ['rollback', 'ROLLBACK'],
  ] as const)('on_soft: %s -> %s as soon as the soft breach is sustained', async (action, decision) => {
    const r = await run(
      {
        stage: `{ name: pilot, traffic: 1, duration: 10m, interval: 2m, on_soft: ${action}, guardrails: ${ALL} }`,
      },
      {
        'p95_latency_ms/canary': from(3, 300, 120),
      },
    );
    expect(r.decision).toBe(decision);
    expect(minutesAt(r)).toBe(10);
    expect(r.reason).toContain(`on_soft: ${action}`);
  });

  it("a guardrail's on_soft overrides the stage's", async () => {
    const guardrails = `
  api_p95: { metric: p95_latency_ms, soft: { above: 250 }, on_soft: rollback }
  memory_headroom: { metric: mem_available_pct, soft: { below: 20 } }`;
    const r = await run(
      {
        guardrails,
        stage:
          '{ name: pilot, traffic: 1, duration: 10m, interval: 2m, on_soft: review, guardrails: [api_p95, memory_headroom] }',
      },
      { 'p95_latency_ms/canary': from(3, 300, 120) },
    );
    expect(r.decision).toBe('ROLLBACK');
    expect(minutesAt(r)).toBe(4);
  });

  it('max_holds: 0 -> the first hold is a REVIEW', async () => {
    const r = await run(
      { stage: `{ name: pilot, traffic: 1, duration: 10m, interval: 2m, max_holds: 0, guardrails: ${ALL} }` },
      {
        'p95_latency_ms/canary': from(3, 300, 120),
      },
    );
    expect(r.decision).toBe('REVIEW');
    expect(r.holds).toBe(0);
  });

  it('window complete but a pass criterion unmet (between pass and soft) -> HOLD, then REVIEW; never PROCEED', async () => {
    const r = await run(
      { stage: `{ name: pilot, traffic: 1, duration: 10m, interval: 2m, hold: 4m, guardrails: ${ALL} }` },
      {
        'p95_latency_ms/canary': () => 220,
      },
    );
    expect(r.decision).toBe('REVIEW');
    expect(r.holds).toBe(2);
    expect(r.samples.some((s) => s.decision === 'PROCEED')).toBe(false);
    expect(r.guardrails.find((g) => g.name === 'api_p95')!.status).toBe('within');
  });

  it('pass over a window: one sample in five above the pass level is tolerated, two are not', async () => {
    const one = await run({}, { 'p95_latency_ms/canary': (m) => (m === 4 ? 210 : 120) });
    expect(one.decision).toBe('PROCEED');
    const two = await run(
      { stage: `{ name: pilot, traffic: 1, duration: 10m, interval: 2m, max_holds: 0, guardrails: ${ALL} }` },
      {
        'p95_latency_ms/canary': (m) => (m === 4 || m === 6 ? 210 : 120),
      },
    );
    expect(two.decision).toBe('REVIEW');
    expect(two.reason).toContain('3/5 samples');
  });

  it('the latest sample must meet the pass level', async () => {
    const r = await run(
      { stage: `{ name: pilot, traffic: 1, duration: 10m, interval: 2m, max_holds: 0, guardrails: ${ALL} }` },
      {
        'p95_latency_ms/canary': (m) => (m === 10 ? 210 : 120),
      },
    );
    expect(r.decision).toBe('REVIEW');
  });
});

describe('gate engine: against the baseline', () => {
  it('a ratio 60% above baseline from the start -> ROLLBACK once the judge has its 3 intervals, not on points', async () => {
    const r = await run({}, { 'order_accept_error_rate/canary': () => 0.016 });
    expect(r.decision).toBe('ROLLBACK');
    expect(minutesAt(r)).toBe(6);
    expect(r.triggered_by).toEqual(['accept_errors']);
    // Beyond the line at the first two samples, with too few intervals for the judge: nothing decided.
    const early = r.samples.slice(0, 2).map((s) => s.guardrails.find((g) => g.name === 'accept_errors')!);
    expect(early.map((g) => g.status)).toEqual(['inconclusive', 'inconclusive']);
    expect(r.samples.slice(0, 2).every((s) => s.decision === null)).toBe(true);
    const g = r.guardrails.find((x) => x.name === 'accept_errors')!;
    expect(g.values.relative_pct).toBeCloseTo(60, 6);
    expect(g.query.baseline).toBe('accept_ratio{track="stable"}');
    expect(r.reason).toContain('the judge finds a breach of hard > +40% vs baseline');
    expect(r.samples.at(-1)!.warroom).toContain('accept=+60%');
  });

  it('exactly at the allowance is not a breach: increase is strict ("more than 40%")', async () => {
    const r = await run({}, { 'order_accept_error_rate/canary': () => 0.014 });
    // Beyond the soft +25% at every interval, and the judge confirms it: soft -> HOLD (the default on_soft),
    // then REVIEW when the holds are used up; never the hard level's ROLLBACK.
    expect(r.decision).toBe('REVIEW');
    expect(r.samples.find((s) => s.decision === 'HOLD')!.reason).toContain('soft breach (on_soft: hold)');
    expect(r.triggered_by).toEqual(['accept_errors']);
    expect(r.samples.some((s) => s.decision === 'ROLLBACK')).toBe(false);
  });

  it('one or two intervals far above baseline are suspect, decide nothing, and the stage proceeds', async () => {
    const r = await run({}, { 'order_accept_error_rate/canary': (m) => (m === 4 || m === 6 ? 0.03 : 0.01) });
    const statuses = r.samples.map((s) => s.guardrails.find((g) => g.name === 'accept_errors')!.status);
    expect(statuses[2]).toBe('suspect');
    expect(r.samples[2]!.warroom).toContain('accept_errors=SUSPECT');
    expect(r.samples[2]!.warroom).toContain('accept=+200%');
    expect(r.decision).toBe('PROCEED');
  });

  it('decrease and two-sided delta', async () => {
    const guardrails = `
  mem_vs_base: { metric: mem_available_pct, against: baseline, hard: { decrease: 30% } }
  p95_vs_base: { metric: p95_latency_ms, against: baseline, soft: { delta: 20 }, on_soft: review }`;
    const stage =
      '{ name: pilot, traffic: 1, duration: 10m, interval: 2m, guardrails: [mem_vs_base, p95_vs_base] }';
    const lower = await run({ guardrails, stage }, { 'mem_available_pct/canary': () => 20 });
    expect(lower.decision).toBe('ROLLBACK');
    expect(lower.triggered_by).toEqual(['mem_vs_base']);
    // delta is two-sided: 30 ms FASTER than baseline is also a breach.
    const faster = await run({ guardrails, stage }, { 'p95_latency_ms/canary': () => 88 });
    expect(faster.decision).toBe('REVIEW');
    expect(faster.triggered_by).toEqual(['p95_vs_base']);
    const healthy = await run({ guardrails, stage });
    expect(healthy.decision).toBe('PROCEED');
  });

  it('counts: the judge confirms a large breach on the first sample', async () => {
    const extraQueries = `
    accept_counts:
      query: 'accept_ratio{track="{{track}}"}'
      counts: { events: 'accept_failures{track="{{track}}"}', total: 'accepts{track="{{track}}"}' }`;
    const guardrails = `
  accept_errors: { metric: accept_counts, against: baseline, hard: { increase: 40% } }`;
    const stage = '{ name: pilot, traffic: 1, duration: 10m, interval: 2m, guardrails: [accept_errors] }';
    const r = await run(
      { extraQueries, guardrails, stage },
      {
        'accept_counts/canary': from(1, 0.02, 0.01),
        'accept_counts/baseline': () => 0.01,
        'accept_counts.events/canary': from(1, 2000, 1000),
        'accept_counts.total/canary': () => 100_000,
        'accept_counts.events/baseline': () => 1000,
        'accept_counts.total/baseline': () => 100_000,
      },
    );
    expect(r.decision).toBe('ROLLBACK');
    expect(minutesAt(r)).toBe(2);
    expect(r.reason).toContain('the judge finds a breach of hard > +40% vs baseline');
    const judge = r.samples[0]!.guardrails[0]!.judge![0]!;
    expect(judge.method).toBe('poisson-exact-conditional');
    expect(judge.test_reason).toContain('declared counts');
  });
});

describe('gate engine: trend', () => {
  it('within thresholds but a fit projects a breach within the hold horizon -> HOLD', async () => {
    // +10 ms/min: 140, 160, 180, 200 at 2..8 min; 15 min later the line is at 350 > soft 250.
    const r = await run(
      { stage: `{ name: pilot, traffic: 1, duration: 10m, interval: 2m, max_holds: 1, guardrails: ${ALL} }` },
      {
        'p95_latency_ms/canary': (m) => 120 + 10 * m,
      },
    );
    const first = r.samples.find((s) => s.decision === 'HOLD')!;
    expect(first.elapsed_s).toBe(480);
    expect(first.guardrails.find((g) => g.name === 'api_p95')!.status).toBe('trend');
    expect(first.warroom).toContain('api_p95=TREND | IC: Hold');
    expect(r.decision).not.toBe('PROCEED');
  });

  it('trend: false turns it off', async () => {
    const guardrails = `
  api_p95: { metric: p95_latency_ms, soft: { above: 250 }, trend: false }`;
    const r = await run(
      { guardrails, stage: '{ name: pilot, traffic: 1, duration: 8m, interval: 2m, guardrails: [api_p95] }' },
      {
        'p95_latency_ms/canary': (m) => 120 + 10 * m,
      },
    );
    expect(r.decision).toBe('PROCEED');
  });
});

describe('gate engine: fail closed', () => {
  it('no data: HOLD, then ROLLBACK after 3 consecutive unmeasurable samples', async () => {
    const r = await run({}, { 'p95_latency_ms/canary': (m) => (m < 3 ? 120 : undefined) });
    expect(r.decision).toBe('ROLLBACK');
    expect(minutesAt(r)).toBe(8);
    expect(r.samples.map((s) => s.decision)).toEqual([null, 'HOLD', 'HOLD', 'ROLLBACK']);
    expect(r.reason).toContain('3 consecutive unmeasurable samples');
    expect(r.samples[1]!.guardrails.find((g) => g.name === 'api_p95')!.unmeasurable![0]!.reason).toBe(
      'no-data',
    );
    expect(r.samples[1]!.warroom).toContain('p95=n/a');
  });

  it('NaN is unmeasurable, never a pass', async () => {
    const r = await run({}, { 'error_rate_pct/canary': (m) => (m < 3 ? 0.2 : 'NaN') });
    expect(r.decision).toBe('ROLLBACK');
    expect(r.samples[1]!.guardrails.find((g) => g.name === 'error_rate')!.unmeasurable![0]!.reason).toBe(
      'nan',
    );
  });

  it('a missing baseline is as unmeasurable as a missing canary', async () => {
    const r = await run({}, { 'order_accept_error_rate/baseline': () => undefined });
    expect(r.decision).toBe('ROLLBACK');
    expect(r.triggered_by).toEqual(['accept_errors']);
  });

  it('one lost sample extends the window by one interval, then the stage can proceed', async () => {
    const r = await run({}, { 'p95_latency_ms/canary': (m) => (m === 4 ? undefined : 120) });
    expect(r.decision).toBe('PROCEED');
    expect(minutesAt(r)).toBe(12);
    expect(r.samples.filter((s) => s.measured)).toHaveLength(5);
  });

  it('on_no_data: rollback / review act on the first unmeasurable sample; max_no_data is configurable', async () => {
    const gap = { 'p95_latency_ms/canary': (m: number) => (m < 3 ? 120 : undefined) };
    const rollback = await run(
      {
        stage: `{ name: pilot, traffic: 1, duration: 10m, interval: 2m, on_no_data: rollback, guardrails: ${ALL} }`,
      },
      gap,
    );
    expect([rollback.decision, minutesAt(rollback)]).toEqual(['ROLLBACK', 4]);
    const review = await run(
      {
        stage: `{ name: pilot, traffic: 1, duration: 10m, interval: 2m, on_no_data: review, guardrails: ${ALL} }`,
      },
      gap,
    );
    expect([review.decision, minutesAt(review)]).toEqual(['REVIEW', 4]);
    const five = await run(
      {
        stage: `{ name: pilot, traffic: 1, duration: 10m, interval: 2m, max_no_data: 5, guardrails: ${ALL} }`,
      },
      gap,
    );
    expect([five.decision, minutesAt(five)]).toEqual(['ROLLBACK', 12]);
  });

  it('an unmeasurable final sample is never a pass, even when everything before it passed', async () => {
    const r = await run(
      {
        stage: `{ name: pilot, traffic: 1, duration: 10m, interval: 2m, max_no_data: 100, max_holds: 0, guardrails: ${ALL} }`,
      },
      {
        'p95_latency_ms/canary': (m) => (m >= 10 ? undefined : 120),
      },
    );
    expect(r.decision).not.toBe('PROCEED');
  });

  it('a run stopped early is not a pass', async () => {
    const r = await run({}, {}, { until: new Date(T0.getTime() + 7 * 60_000) });
    expect(r.decision).toBe('HOLD');
    expect(r.reason).toContain('a run stopped early is not a pass');
    expect(r.samples).toHaveLength(3);
  });

  it('an aborted live run is not a pass', async () => {
    const p = plan({});
    const controller = new AbortController();
    controller.abort(new Error('operator cancelled'));
    const r = await runStage({
      plan: p,
      stage: 'pilot',
      source: source(),
      clock: virtualClock(T0),
      startAt: T0,
      signal: controller.signal,
    });
    expect(r.decision).toBe('HOLD');
    expect(r.reason).toContain('operator cancelled');
  });
});

describe('gate engine: severity order (worst wins)', () => {
  it('a hard breach beats a soft review and a trend at the same sample', async () => {
    const guardrails = `
  api_p95: { metric: p95_latency_ms, soft: { above: 250 }, on_soft: review }
  memory_headroom: { metric: mem_available_pct, hard: { below: 10 } }
  error_rate: { metric: error_rate_pct, soft: { above: 3 } }`;
    const r = await run(
      {
        guardrails,
        stage:
          '{ name: pilot, traffic: 1, duration: 20m, interval: 2m, guardrails: [api_p95, memory_headroom, error_rate] }',
      },
      {
        'p95_latency_ms/canary': from(7, 300, 120),
        'mem_available_pct/canary': from(7, 5, 45),
        'error_rate_pct/canary': (m) => 0.2 + 0.25 * m,
      },
    );
    expect(r.decision).toBe('ROLLBACK');
    expect(r.triggered_by).toEqual(['memory_headroom']);
    expect(minutesAt(r)).toBe(8);
  });

  it('a soft review beats a hold; no-data beats nothing', async () => {
    const guardrails = `
  api_p95: { metric: p95_latency_ms, soft: { above: 250 }, on_soft: review }
  error_rate: { metric: error_rate_pct, soft: { above: 1.5 } }`;
    const r = await run(
      {
        guardrails,
        stage: '{ name: pilot, traffic: 1, duration: 10m, interval: 2m, guardrails: [api_p95, error_rate] }',
      },
      { 'p95_latency_ms/canary': from(3, 300, 120), 'error_rate_pct/canary': from(3, 2, 0.2) },
    );
    expect(r.decision).toBe('REVIEW');
    expect(r.triggered_by).toEqual(['api_p95']);
  });
});

describe('gate engine: a replay window ending while on hold', () => {
  it('ends in HOLD naming what it was holding for', async () => {
    const r = await run(
      {},
      { 'p95_latency_ms/canary': from(3, 300, 120) },
      { until: new Date(T0.getTime() + 15 * 60_000) },
    );
    expect(r.decision).toBe('HOLD');
    expect(r.triggered_by).toEqual(['api_p95']);
    expect(r.reason).toContain('a run stopped early is not a pass; it was holding: on hold 1/2');
  });
});
