/**
 * PrometheusSource against a real Prometheus, and against a real VictoriaMetrics, each scraping the live test
 * exporter every second: the reference plan's four queries for both tracks, then a latency regression injected
 * into the canary mid-test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusSource } from '../../src/metrics/prometheus.js';
import type { Measurement } from '../../src/metrics/source.js';
import { HEALTHY_PROFILE, startExporter, type RunningExporter } from '../support/exporter.js';
import { BACKENDS, startBackend } from '../support/metrics-backends.js';
import type { TestPrometheus } from '../support/prometheus.js';
import { PLAN_METRICS, planQuery } from './queries.js';

describe.each(BACKENDS)('PrometheusSource with a live exporter scraped by %s', (backend) => {
  let exporter: RunningExporter;
  let prom: TestPrometheus;
  let source: PrometheusSource;

  beforeAll(async () => {
    exporter = await startExporter();
    prom = await startBackend(backend, {
      scrapeJobs: [{ job: 'spark-trading-api', targets: [exporter.target] }],
    });
    source = new PrometheusSource({ url: prom.url, timeoutMs: 5_000 });
  });

  afterAll(async () => {
    await prom?.stop();
    await exporter?.stop();
  });

  it('measures all plan queries for both tracks once the target has data', async () => {
    const first = await prom.waitForSeries(planQuery('p95_latency_ms', 'canary').query, {
      timeoutMs: 20_000,
    });
    console.info(
      `${backend} ready in ${prom.startupMs} ms; first p95 for the new target after a further ${first.waitedMs} ms`,
    );
    // every query has its own series; make sure each one has caught up before asserting on it
    for (const metric of PLAN_METRICS)
      await prom.waitForSeries(planQuery(metric, 'baseline').query, { timeoutMs: 10_000 });

    const now = new Date();
    const results: Record<string, Measurement> = {};
    for (const metric of PLAN_METRICS) {
      for (const track of ['canary', 'baseline'] as const)
        results[`${metric}/${track}`] = await source.instant(planQuery(metric, track), now);
    }
    for (const [key, m] of Object.entries(results))
      expect(m.ok, `${key}: ${m.ok ? '' : m.message}`).toBe(true);
    const v = (key: string) => valueOf(results[key]!);
    expect(v('p95_latency_ms/canary')).toBeGreaterThan(100);
    expect(v('p95_latency_ms/canary')).toBeLessThan(150);
    expect(v('error_rate_pct/canary')).toBeCloseTo(100 * HEALTHY_PROFILE.errorRatio, 6);
    expect(v('order_accept_error_rate/baseline')).toBeCloseTo(HEALTHY_PROFILE.orderFailureRatio, 6);
    expect(v('mem_available_pct/canary')).toBe(HEALTHY_PROFILE.memAvailablePct);
  });

  it('sees a latency regression injected into the canary, and not before it', async () => {
    const p95 = planQuery('p95_latency_ms', 'canary');
    const beforeFlipAt = new Date();
    const flippedAt = exporter.flip('canary', {
      ...HEALTHY_PROFILE,
      latencyMedianMs: 300,
      latencyP95Ms: 600,
    });

    let breach: Measurement | undefined;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const m = await source.instant(p95, new Date());
      if (m.ok && m.value > 400) {
        breach = m;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(breach, 'canary p95 never went above 400 ms within 20 s of the flip').toBeDefined();
    console.info(`regression visible ${breach!.at.getTime() - flippedAt.getTime()} ms after the flip`);

    // Evaluated at a moment just before the flip, after the fact: Prometheus must not see the regression there.
    const beforeFlip = await source.instant(p95, beforeFlipAt);
    expect(valueOf(beforeFlip)).toBeLessThan(150);
    const baseline = await source.instant(planQuery('p95_latency_ms', 'baseline'), new Date());
    expect(valueOf(baseline)).toBeLessThan(150);
    expect(exporter.flips).toEqual([expect.objectContaining({ track: 'canary', at: flippedAt })]);
  });
});

function valueOf(m: Measurement): number {
  if (!m.ok) throw new Error(`expected a value, got ${m.reason}: ${m.message}`);
  return m.value;
}
