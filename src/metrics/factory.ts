/**
 * What a metric source registers (see registry.ts): how to build it from its `metrics.<kind>` settings (where those
 * settings point at secrets is in secret-refs.ts). Kept apart from the registry so a source module can name these types without
 * importing the registry that imports it.
 */
import type { MetricSourceKind, MetricSourceSettings } from '../config/schema.js';
import type { MetricSource } from './source.js';

export interface MetricSourceOptions {
  /**
   * The source's base URL given at run time (the `--metrics-url` flag or the action's `prometheus-url` input,
   * else env CANARY_METRICS_URL); it overrides the plan's. A source without a base URL refuses one.
   */
  url?: string;
  env: NodeJS.ProcessEnv;
  /** For HTTP sources; default the global fetch. */
  fetch?: typeof fetch;
}

/** Where a source's settings point at secrets; the run's masker learns their values when the plan is read. */
export interface SecretRefs {
  /** Names of environment variables holding credentials. */
  envs?: string[];
  /** Request headers; those whose names look like credentials are masked. */
  headers?: Record<string, string>;
  /** URLs that may carry user:password. */
  urls?: string[];
}

export interface MetricSourceFactory<K extends MetricSourceKind> {
  /**
   * Builds the source. Throws ConfigurationError (naming the `metrics.<kind>` field) for settings it cannot use,
   * e.g. a token variable that is named but unset; never fails later for those.
   */
  create(settings: MetricSourceSettings<K>, options: MetricSourceOptions): MetricSource;
}
