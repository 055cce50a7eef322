/**
 * `createMetricSource(plan.metrics, options)`: the one metric source the plan configures, built by the factory its
 * key names. Every entry that reads metrics (stage-gate, gate, backtest, preflight) builds its source here.
 *
 * METRIC_SOURCES is a Record over every key of METRIC_SOURCE_CONFIGS (config/schema.ts), so a source added to the
 * plan language does not compile until it has a factory here; see docs/extending.md.
 */
import {
  chosenKind,
  ConfigurationError,
  METRIC_SOURCE_KINDS,
  type MetricSourceKind,
  type MetricSourceSettings,
  type MetricsSettings,
} from '../config/index.js';
import type { MetricSourceFactory, MetricSourceOptions } from './factory.js';
import { METRICS_URL_ENV } from './secret-refs.js';
import { datadogFactory } from './datadog.js';
import { influxDbFactory } from './influxdb.js';
import { prometheusFactory } from './prometheus.js';
import type { MetricSource } from './source.js';
import { webFactory } from './web.js';

export type { MetricSourceFactory, MetricSourceOptions, SecretRefs } from './factory.js';

const METRIC_SOURCES: { [K in MetricSourceKind]: MetricSourceFactory<K> } = {
  prometheus: prometheusFactory,
  influxdb: influxDbFactory,
  datadog: datadogFactory,
  web: webFactory,
};

export { METRICS_URL_ENV } from './secret-refs.js';

/** The kind of source `metrics:` declares; a ConfigurationError when it declares none or several. */
export function metricSourceKind(metrics: MetricsSettings): MetricSourceKind {
  const choice = chosenKind(metrics, METRIC_SOURCE_KINDS, 'source');
  if (!choice.ok) throw new ConfigurationError(`metrics: ${choice.problem}`);
  return choice.kind;
}

export function createMetricSource(
  metrics: MetricsSettings,
  options: Partial<MetricSourceOptions> = {},
): MetricSource {
  const env = options.env ?? process.env;
  const url = options.url || env[METRICS_URL_ENV] || undefined;
  return build(metricSourceKind(metrics), metrics, {
    env,
    ...(url ? { url } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

function build<K extends MetricSourceKind>(
  kind: K,
  metrics: MetricsSettings,
  options: MetricSourceOptions,
): MetricSource {
  return METRIC_SOURCES[kind].create(metrics[kind] as MetricSourceSettings<K>, options);
}
