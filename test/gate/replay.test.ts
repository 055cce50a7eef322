/**
 * Replays of backfilled history through a real Prometheus 2.42 (promtool create-blocks-from openmetrics) and a
 * real VictoriaMetrics 1.79 (/api/v1/import/prometheus), with the reference plan (.github/canary.yml) exactly as a
 * user has it. One history holds every scenario, each in its own time segment, so one server per backend serves
 * them all; the last test stops it mid-stage. The same expectations hold on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan, type ReleasePlan } from '../../src/config/index.js';
import { replayClock } from '../../src/platform/clock.js';
import { createMetricSource } from '../../src/metrics/registry.js';
import { renderQuery } from '../../src/gate/query.js';
import { runStage } from '../../src/gate/stage-run.js';

import { HEALTHY_PROFILE, type ServiceProfile } from '../support/exporter.js';
import { BACKENDS, startBackend } from '../support/metrics-backends.js';
import { serviceHistory, type TestPrometheus } from '../support/prometheus.js';

const MIN = 60_000;
const HARD_LATENCY: ServiceProfile = { ...HEALTHY_PROFILE, latencyMedianMs: 300, latencyP95Ms: 700 };
const SOFT_LATENCY: ServiceProfile = { ...HEALTHY_PROFILE, latencyMedianMs: 150, latencyP95Ms: 300 };
const ACCEPT_3X: ServiceProfile = {
  ...HEALTHY_PROFILE,
  orderFailureRatio: HEALTHY_PROFILE.orderFailureRatio * 3,
};

// Segment starts, in minutes after the start of history S. The canary changes at `onset`; the baseline never does.
const SEG = {
  healthy: { start: 20 },
  hard: { start: 60, onset: 65 },
  soft: { start: 100, onset: 102, end: 165 },
  accept: { start: 175, onset: 177 },
};
const HISTORY_MINUTES = 200;

function canaryProfile(minute: number): ServiceProfile {
  if (minute >= SEG.hard.onset && minute < SEG.hard.onset + 25) return HARD_LATENCY;
  if (minute >= SEG.soft.onset && minute < SEG.soft.end) return SOFT_LATENCY;
  if (minute >= SEG.accept.onset) return ACCEPT_3X;
  return HEALTHY_PROFILE;
}

describe.each(BACKENDS)('replay over backfilled %s history (reference plan)', (backend) => {
  let prom: TestPrometheus;
  let plan: ReleasePlan;
  let S: number;
  const env = { PROM_TOKEN: 'not-a-secret-local-prometheus-ignores-it' };

  beforeAll(async () => {
    // Whole minutes, ending well in the past so every replay window is history.
    S = Math.floor((Date.now() - (HISTORY_MINUTES + 10) * MIN) / MIN) * MIN;
    const history = serviceHistory(
      { start: new Date(S), end: new Date(S + HISTORY_MINUTES * MIN), stepSeconds: 15 },
      (track, t) => (track === 'canary' ? canaryProfile((t * 1000 - S) / MIN) : HEALTHY_PROFILE),
    );
    prom = await startBackend(backend, { history });
    plan = await loadPlan('.github/canary.yml');
  }, 90_000);

  afterAll(async () => {
    await prom?.stop();
  });

  function replay(
    startMinute: number,
    options: {
      plan?: ReleasePlan;
      stage?: string;
      minutes?: number;
      onSample?: Parameters<typeof runStage>[0]['onSample'];
    } = {},
  ) {
    const p = options.plan ?? plan;
    const startAt = new Date(S + startMinute * MIN);
    return runStage({
      plan: p,
      stage: options.stage ?? 'pilot',
      version: '1.4.0',
      source: createMetricSource(p.metrics, { url: prom.url, env }),
      clock: replayClock(startAt),
      mode: 'replay',
      startAt,
      until: new Date(startAt.getTime() + (options.minutes ?? 60) * MIN),
      ...(options.onSample ? { onSample: options.onSample } : {}),
    });
  }

  const minuteOf = (iso: string) => (Date.parse(iso) - S) / MIN;

  /** The first stage sample time (minutes after S) at which the server itself shows the query beyond the limit. */
  async function firstVisible(
    metric: string,
    startMinute: number,
    interval: number,
    beyond: (v: number) => boolean,
  ): Promise<number> {
    const promql = renderQuery(plan, metric, 'canary');
    for (let m = startMinute + interval; m <= startMinute + 30; m += interval) {
      const [sample] = await prom.query(promql, new Date(S + m * MIN));
      if (sample && beyond(sample.value)) return m;
    }
    throw new Error(`${metric} never went beyond the limit`);
  }

  it('healthy -> PROCEED at the end of the 15m window, every guardrail passing', async () => {
    const r = await replay(SEG.healthy.start);
    expect(r.decision).toBe('PROCEED');
    expect(minuteOf(r.decided_at)).toBe(SEG.healthy.start + 15);
    expect(r.samples).toHaveLength(8);
    expect(r.guardrails.map((g) => [g.name, g.status])).toEqual([
      ['api_p95', 'pass'],
      ['error_rate', 'pass'],
      ['accept_errors', 'pass'],
      ['memory_headroom', 'pass'],
    ]);
    const p95 = r.guardrails[0]!;
    expect(p95.values.canary).toBeGreaterThan(90);
    expect(p95.values.canary).toBeLessThan(200);
    expect(p95.query.canary).toContain('track="canary"');
    expect(r.samples.at(-1)!.warroom).toMatch(
      /^:15 \| Stage 1 \(1%\) \| p95=\d+ms 5xx=0\.2% accept=[+-]0%\(mde\+\d+%\) mem=45% \| 4\/4 PASS \| IC: Proceed$/,
    );
  });

  it('hard latency regression -> ROLLBACK at the first interval at which the server shows the breach', async () => {
    const visible = await firstVisible('p95_latency_ms', SEG.hard.start, 2, (v) => v > 400);
    const r = await replay(SEG.hard.start);
    expect(r.decision).toBe('ROLLBACK');
    expect(minuteOf(r.decided_at)).toBe(visible);
    expect(visible).toBeLessThanOrEqual(SEG.hard.onset + 2);
    expect(r.triggered_by).toContain('api_p95');
    const p95 = r.guardrails.find((g) => g.name === 'api_p95')!;
    expect(p95.status).toBe('hard');
    expect(p95.values.canary).toBeGreaterThan(400);
    expect(r.reason).toContain('hard > 400 ms');
  });

  it('sustained soft breach -> the on_soft action: hold (default), extending the window, then REVIEW after max_holds', async () => {
    const r = await replay(SEG.soft.start, { minutes: 60 });
    const firstHold = r.samples.find((s) => s.decision === 'HOLD')!;
    expect(firstHold.guardrails.find((g) => g.name === 'api_p95')!.status).toBe('soft');
    expect(firstHold.reason).toContain('on_soft: hold');
    // Visible from the first sample after onset, held for `for: 5m`.
    const visible = await firstVisible('p95_latency_ms', SEG.soft.start, 2, (v) => v > 250);
    expect(minuteOf(firstHold.at)).toBeGreaterThanOrEqual(visible + 5);
    expect(minuteOf(firstHold.at)).toBeLessThanOrEqual(visible + 6);
    expect(r.decision).toBe('REVIEW');
    expect(r.holds).toBe(2);
    expect(r.samples.some((s) => s.decision === 'ROLLBACK' || s.decision === 'PROCEED')).toBe(false);
  });

  it('sustained soft breach with on_soft: rollback -> ROLLBACK once it has held for 5m', async () => {
    const strict: ReleasePlan = {
      ...plan,
      stages: plan.stages.map((s) => ({ ...s, on_soft: 'rollback' as const })),
    };
    const r = await replay(SEG.soft.start, { plan: strict });
    expect(r.decision).toBe('ROLLBACK');
    expect(r.reason).toContain('on_soft: rollback');
    expect(r.triggered_by).toEqual(['api_p95']);
  });

  it('order-accept error ratio tripled -> ROLLBACK within two intervals of becoming visible, judged on derived counts', async () => {
    const visible = await firstVisible('order_accept_error_rate', SEG.accept.start, 2, (v) => v >= 0.0299);
    const r = await replay(SEG.accept.start);
    expect(r.decision).toBe('ROLLBACK');
    expect(r.triggered_by).toEqual(['accept_errors']);
    expect(minuteOf(r.decided_at)).toBeLessThanOrEqual(visible + 2);
    const g = r.guardrails.find((x) => x.name === 'accept_errors')!;
    expect(g.values.relative_pct).toBeGreaterThan(199);
    expect(g.query.baseline).toContain('track="stable"');
    const judge = r.samples.at(-1)!.guardrails.find((x) => x.name === 'accept_errors')!.judge!;
    expect(judge.find((j) => j.level === 'hard')!.test_reason).toContain(
      'counts derived from the ratio query',
    );
  });

  it('no data (a window before the service existed) -> HOLD, HOLD, ROLLBACK; never PROCEED', async () => {
    const r = await replay(-60);
    expect(r.decision).toBe('ROLLBACK');
    expect(r.samples.map((s) => s.decision)).toEqual(['HOLD', 'HOLD', 'ROLLBACK']);
    expect(
      r.samples[0]!.guardrails.every((g) => g.status === 'no-data' && g.unmeasurable![0]!.reason === 'empty'),
    ).toBe(true);
  });

  it('server stopped mid-stage -> never PROCEED (unreachable is unmeasurable, then ROLLBACK)', async () => {
    let stopped = false;
    const r = await replay(SEG.healthy.start, {
      onSample: async (s) => {
        if (s.index === 2 && !stopped) {
          stopped = true;
          await prom.stop();
        }
      },
    });
    expect(stopped).toBe(true);
    expect(r.decision).toBe('ROLLBACK');
    expect(r.samples.slice(0, 2).every((s) => s.measured)).toBe(true);
    const after = r.samples.slice(2);
    expect(after.map((s) => s.decision)).toEqual(['HOLD', 'HOLD', 'ROLLBACK']);
    expect(after[0]!.guardrails[0]!.unmeasurable![0]!.reason).toBe('unreachable');
  });
});
