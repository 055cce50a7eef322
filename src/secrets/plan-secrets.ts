/**
 * The secrets a release plan points at: the plan never holds them, it names the environment variables (or the
 * headers) that do. Registering them as soon as the plan is read means every later writer masks them, whichever
 * step happens to read the variable.
 */
import type { ReleasePlan } from '../config/schema.js';
import { metricSourceSecrets, METRICS_URL_ENV, PROMETHEUS_URL_ENV } from '../metrics/secret-refs.js';
import { runSecrets, SECRET_NAME, type SecretMasker } from './masker.js';

/** Header names whose values are credentials (Authorization, Cookie, X-Api-Key, X-Auth-Token, ...). */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie)$|token|secret|key|auth|session/i;

export function planSecretValues(plan: ReleasePlan, env: NodeJS.ProcessEnv): string[] {
  const values: Array<string | undefined> = [];
  const source = metricSourceSecrets(plan.metrics);
  for (const name of source.envs ?? []) values.push(env[name]);
  values.push(...secretHeaderValues(source.headers));
  for (const url of source.urls ?? []) values.push(urlPassword(url));
  values.push(urlPassword(env[METRICS_URL_ENV]), urlPassword(env[PROMETHEUS_URL_ENV]));
  const http = plan.traffic?.http;
  if (http?.token_env) values.push(env[http.token_env]);
  values.push(...secretHeaderValues(http?.headers));
  values.push(...notifySecretValues(plan.notify, env));
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

/**
 * The credentials of the notification channels: chat, Teams and webhook URLs (whoever holds one posts to the
 * channel), webhook headers, the PagerDuty routing key, the Grafana token and any password in Grafana's URL.
 */
export function notifySecretValues(notify: ReleasePlan['notify'], env: NodeJS.ProcessEnv): string[] {
  if (!notify) return [];
  const values: Array<string | undefined> = [];
  for (const hook of notify.webhooks) {
    values.push(env[hook.url_env]);
    for (const variable of Object.values(hook.headers_env ?? {})) values.push(env[variable]);
  }
  for (const channel of notify.teams) values.push(env[channel.url_env]);
  if (notify.pagerduty) values.push(env[notify.pagerduty.routing_key_env]);
  if (notify.grafana) values.push(env[notify.grafana.token_env], urlPassword(notify.grafana.url));
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

/** Registers every secret the plan names, and the variables whose names look secret, with the run's masker. */
export function registerPlanSecrets(
  plan: ReleasePlan,
  env: NodeJS.ProcessEnv = process.env,
  masker: SecretMasker = runSecrets,
): void {
  for (const value of planSecretValues(plan, env)) masker.add(value);
  masker.addFromEnv(env);
}

function secretHeaderValues(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([name]) => SECRET_HEADER.test(name) || SECRET_NAME.test(name))
    .flatMap(([, value]) => {
      // `Bearer abc` is masked whole and as its credential part, which may appear alone.
      const credential = /^\s*\S+\s+(\S{4,})\s*$/.exec(value)?.[1];
      return credential ? [value, credential] : [value];
    });
}

function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password || undefined;
  } catch {
    return undefined;
  }
}
