/**
 * `query` checks (old name `promql`): one instant query to the plan's metric source, judged against `min`/`max`
 * (a hand check such as `promtool query instant ... 'increase(pos_skew_breach_total[10m]) == 0'`, written as a
 * value and a bound so the failure can say what the value was). The source is the one `metrics:` configures,
 * built by the registry; the query text is in its language. No data, NaN, an error or an unreachable source
 * fails: a check that measured nothing has shown nothing.
 */
import type { CheckContext, CheckVerdict } from '../types.js';

export async function queryCheck(ctx: CheckContext): Promise<CheckVerdict> {
  const field = ctx.check.query ? 'query' : 'promql';
  const { query: text, expect } = (ctx.check.query ?? ctx.check.promql)!;
  const query = ctx.render(text, `${field}.query`);
  const bounds: string[] = [];
  if (expect.min !== undefined) bounds.push(`>= ${expect.min}`);
  if (expect.max !== undefined) bounds.push(`<= ${expect.max}`);
  const expected = `${query} ${bounds.length ? bounds.join(' and ') : 'returns a value'}`;
  if (!ctx.deps.metrics) {
    return {
      status: 'error',
      expected,
      observed: 'no metric source configured',
      message: 'no metric source to query (metrics: in the plan, --metrics-url or CANARY_METRICS_URL)',
    };
  }
  const source = ctx.deps.metrics();
  const at = ctx.deps.clock.now();
  const m = await source.instant({ metric: ctx.check.name, track: 'canary', query }, at);
  if (!m.ok) {
    return {
      status: 'fail',
      expected,
      observed: `no value (${m.reason})`,
      message: `${source.describe()}: ${m.message}; expected a value ${bounds.join(' and ') || ''}`.trim(),
      details: { query, reason: m.reason, at: at.toISOString() },
    };
  }
  const observed = `${m.value}`;
  const problems: string[] = [];
  if (expect.min !== undefined && m.value < expect.min)
    problems.push(`${m.value} is below the minimum ${expect.min}`);
  if (expect.max !== undefined && m.value > expect.max)
    problems.push(`${m.value} is above the maximum ${expect.max}`);
  const details = { query, value: m.value, at: at.toISOString() };
  if (problems.length)
    return { status: 'fail', expected, observed, message: `${query} = ${problems.join('; ')}`, details };
  return {
    status: 'pass',
    expected,
    observed,
    message: `${query} = ${m.value}${bounds.length ? ` (${bounds.join(' and ')})` : ''}`,
    details,
  };
}
