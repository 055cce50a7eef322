import { describe, expect, it } from 'vitest';
import { backtest, formatBacktest } from '../../src/gate/backtest.js';
import { plan, source, T0 } from './gate-fixtures.js';

describe('backtest over a recording (instant queries per sample)', () => {
  it('counts the windows in which each guardrail fired soft and hard, and the decisions', async () => {
    // Hard p95 from minute 30 to 40; soft error rate (held 5m) from minute 70 to 90.
    const report = await backtest({
      plan: plan({}),
      source: source({
        'p95_latency_ms/canary': (m) => (m >= 30 && m < 40 ? 450 : 120),
        'error_rate_pct/canary': (m) => (m >= 70 && m < 90 ? 2 : 0.2),
      }),
      from: T0,
      to: new Date(T0.getTime() + 110 * 60_000),
      stepS: 600,
    });
    const pilot = report.stages[0]!;
    // Windows [0,10] .. [100,110]: 11 windows.
    expect(pilot.windows).toBe(11);
    const p95 = pilot.guardrails.find((g) => g.name === 'api_p95')!;
    expect(p95.hard_windows).toEqual([
      new Date(T0.getTime() + 20 * 60_000).toISOString(),
      new Date(T0.getTime() + 30 * 60_000).toISOString(),
    ]);
    expect(p95.thresholds).toContain('hard > 400 ms');
    const err = pilot.guardrails.find((g) => g.name === 'error_rate')!;
    // soft needs 5m held inside a 10m window: windows starting at 70 and 80 (breach from 72, held 6m at 78 / 88).
    expect([err.soft, err.hard]).toEqual([2, 0]);
    // HOLD: [60,70] ends on a sample over the pass level (not a breach yet), [70,80] and [80,90] hold on soft.
    expect(pilot.decisions).toEqual({ PROCEED: 6, HOLD: 3, REVIEW: 0, ROLLBACK: 2 });
    const table = formatBacktest(report);
    expect(table).toMatch(/pilot\s+api_p95\s+11\s+0\s+0\.0%\s+2\s+18\.2%/);
  });
});
