/**
 * The servers with the Prometheus query API that the Prometheus source is proven against: a real Prometheus and
 * a real VictoriaMetrics, started the same way (scrape jobs, backfilled history), for `describe.each(BACKENDS)`.
 */
import { startPrometheus, type StartPrometheusOptions, type TestPrometheus } from './prometheus.js';
import { startVictoriaMetrics } from './victoria-metrics.js';

export type BackendKind = 'prometheus' | 'victoria-metrics';
export const BACKENDS: BackendKind[] = ['prometheus', 'victoria-metrics'];

export function startBackend(
  kind: BackendKind,
  options: StartPrometheusOptions = {},
): Promise<TestPrometheus> {
  return kind === 'prometheus' ? startPrometheus(options) : startVictoriaMetrics(options);
}
