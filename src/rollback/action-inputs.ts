/** Parsing the rollback-specific inputs; kept out of the entry so the CLI parses the same way. */
import { ConfigurationError } from '../config/index.js';
import type { MetricsSnapshot } from './incident.js';

/** `metrics-snapshot`: a JSON object of metric name to value, e.g. {"p95_latency_ms": 612}. Empty: none. */
export function parseMetricsSnapshot(
  raw: string,
  name = 'input metrics-snapshot',
): MetricsSnapshot | undefined {
  if (raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw new ConfigurationError(
      `${name}: not JSON (${(e as Error).message}); expected an object such as {"p95_latency_ms": 612}`,
    );
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigurationError(
      `${name}: expected a JSON object of metric name to value, such as {"p95_latency_ms": 612}`,
    );
  }
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && !['number', 'string', 'boolean'].includes(typeof v)) {
      throw new ConfigurationError(`${name}: ${k} must be a number, string, boolean or null`);
    }
  }
  return value as MetricsSnapshot;
}
