/**
 * The Prometheus a gate reads, from the plan and its overrides. URL precedence: the `--prometheus` flag (or the
 * action's `prometheus-url` input) > env CANARY_PROMETHEUS_URL > `metrics.prometheus.url`. The bearer token
 * comes from the env variable the plan names; a named but unset variable is a ConfigurationError (fail closed).
 */
import type { ReleasePlan } from '../config/index.js';
import { prometheusSourceFromSettings, type PrometheusSource } from '../metrics/prometheus.js';

export const PROMETHEUS_URL_ENV = 'CANARY_PROMETHEUS_URL';

export function resolvePrometheusUrl(
  plan: ReleasePlan,
  override?: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return override || env[PROMETHEUS_URL_ENV] || plan.metrics.prometheus.url;
}

export function prometheusForPlan(
  plan: ReleasePlan,
  options: { url?: string; env?: NodeJS.ProcessEnv } = {},
): PrometheusSource {
  const env = options.env ?? process.env;
  const settings = plan.metrics.prometheus;
  return prometheusSourceFromSettings(
    {
      url: resolvePrometheusUrl(plan, options.url, env),
      bearer_token_env: settings.bearer_token_env,
      headers: settings.headers,
    },
    {
      env,
      ...(settings.timeout !== undefined ? { timeoutMs: settings.timeout * 1000 } : {}),
      ...(settings.retries !== undefined ? { retries: settings.retries } : {}),
    },
  );
}
