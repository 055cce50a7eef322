/**
 * `promql` checks: one instant query judged against `min`/`max` (a hand check such as
 * `promtool query instant ... 'increase(pos_skew_breach_total[10m]) == 0'`, written as a value and a bound so the
 * failure can say what the value was). No data, NaN, an error or an unreachable Prometheus fails: a check that
 * measured nothing has shown nothing.
 */
import type { CheckContext, CheckVerdict } from '../types.js';

export async function promqlCheck(ctx: CheckContext): Promise<CheckVerdict> {
  const { query, expect } = ctx.check.promql!;
  const promql = ctx.render(query, 'promql.query');
  const bounds: string[] = [];
  if (expect.min !== undefined) bounds.push(`>= ${expect.min}`);
  if (expect.max !== undefined) bounds.push(`<= ${expect.max}`);
  const expected = `${promql} ${bounds.length ? bounds.join(' and ') : 'returns a value'}`;
  if (!ctx.deps.metrics) {
    return {
      status: 'error',
      expected,
      observed: 'no Prometheus configured',
      message: 'no Prometheus to query (metrics.prometheus.url, --prometheus or CANARY_PROMETHEUS_URL)',
    };
  }
  const source = ctx.deps.metrics();
  const at = ctx.deps.clock.now();
  const m = await source.instant({ metric: ctx.check.name, track: 'canary', query: promql }, at);
  if (!m.ok) {
    return {
      status: 'fail',
      expected,
      observed: `no value (${m.reason})`,
      message: `${source.describe()}: ${m.message}; expected a value ${bounds.join(' and ') || ''}`.trim(),
      details: { promql, reason: m.reason, at: at.toISOString() },
    };
  }
  const observed = `${m.value}`;
  const problems: string[] = [];
  if (expect.min !== undefined && m.value < expect.min)
    problems.push(`${m.value} is below the minimum ${expect.min}`);
  if (expect.max !== undefined && m.value > expect.max)
    problems.push(`${m.value} is above the maximum ${expect.max}`);
  const details = { promql, value: m.value, at: at.toISOString() };
  if (problems.length)
    return { status: 'fail', expected, observed, message: `${promql} = ${problems.join('; ')}`, details };
  return {
    status: 'pass',
    expected,
    observed,
    message: `${promql} = ${m.value}${bounds.length ? ` (${bounds.join(' and ')})` : ''}`,
    details,
  };
}
