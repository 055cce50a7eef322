/**
 * Where each metric source's settings point at secrets, so the run's masker learns their values when the plan is
 * read. Apart from the factories (registry.ts) on purpose: every action masks the plan's secrets, but only the
 * ones that read metrics should carry the sources' code (the Datadog client alone is megabytes of lazy chunks).
 * A Record over every source kind, so a new source does not compile until it says where its secrets are.
 */
// From the modules themselves, not config/index.js: loading a plan registers its secrets through this file.
import { chosenKind } from '../config/kinds.js';
import {
  METRIC_SOURCE_KINDS,
  type MetricSourceKind,
  type MetricSourceSettings,
  type MetricsSettings,
} from '../config/schema.js';
import type { SecretRefs } from './factory.js';

/** A run-time override of the source's base URL, for every kind of source (the flag or input comes first). */
export const METRICS_URL_ENV = 'CANARY_METRICS_URL';
/** The same for a Prometheus source only (its older name). */
export const PROMETHEUS_URL_ENV = 'CANARY_PROMETHEUS_URL';

const METRIC_SOURCE_SECRETS: { [K in MetricSourceKind]: (settings: MetricSourceSettings<K>) => SecretRefs } =
  {
    prometheus: (s) => ({
      envs: s.bearer_token_env ? [s.bearer_token_env] : [],
      ...(s.headers ? { headers: s.headers } : {}),
      urls: [s.url],
    }),
    influxdb: (s) => ({
      envs: [s.token_env, s.password_env].filter((e): e is string => e !== undefined),
      urls: [s.url],
    }),
    datadog: (s) => ({ envs: [s.api_key_env, s.app_key_env] }),
    web: (s) => ({
      envs: s.token_env ? [s.token_env] : [],
      ...(s.headers ? { headers: s.headers } : {}),
      urls: [s.url],
    }),
  };

/** Where the configured source's settings point at secrets (none when `metrics:` names no single source). */
export function metricSourceSecrets(metrics: MetricsSettings): SecretRefs {
  const choice = chosenKind(metrics, METRIC_SOURCE_KINDS, 'source');
  return choice.ok ? secretsOf(choice.kind, metrics) : {};
}

function secretsOf<K extends MetricSourceKind>(kind: K, metrics: MetricsSettings): SecretRefs {
  return METRIC_SOURCE_SECRETS[kind](metrics[kind] as MetricSourceSettings<K>);
}
