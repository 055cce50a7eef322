/** The reference plan's queries, with `{{track}}` rendered as the engine will render it. */
import type { MetricQuery, Track } from '../../src/metrics/source.js';

export const PLAN_QUERY_TEMPLATES = {
  p95_latency_ms:
    '1000 * histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{track="{{track}}"}[1m])))',
  error_rate_pct:
    '100 * sum(rate(http_requests_total{track="{{track}}",status=~"5.."}[1m])) / sum(rate(http_requests_total{track="{{track}}"}[1m]))',
  order_accept_error_rate:
    'sum(rate(order_accept_failures_total{track="{{track}}"}[1m])) / sum(rate(order_accept_total{track="{{track}}"}[1m]))',
  mem_available_pct: 'min(mem_available_pct{track="{{track}}"})',
} as const;

export type PlanMetric = keyof typeof PLAN_QUERY_TEMPLATES;
export const PLAN_METRICS = Object.keys(PLAN_QUERY_TEMPLATES) as PlanMetric[];

/** The reference plan maps canary -> "canary" and baseline -> "stable". */
export function planQuery(metric: PlanMetric, track: Track): MetricQuery {
  const label = track === 'canary' ? 'canary' : 'stable';
  return { metric, track, query: PLAN_QUERY_TEMPLATES[metric].replaceAll('{{track}}', label) };
}
