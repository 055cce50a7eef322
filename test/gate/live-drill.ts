/**
 * A live gate drill (not a test file): a local exporter with canary and baseline series, a real Prometheus (or
 * VictoriaMetrics, `backend`) scraping it every second, the reference plan's queries, a 2 s stage interval, and a hard latency regression
 * injected into the canary at a known moment. Used by test/gate/live.test.ts and bench/gate-latency.ts.
 */
import { readFile } from 'node:fs/promises';
import { parsePlan, type ReleasePlan } from '../../src/config/index.js';
import { realClock } from '../../src/platform/clock.js';
import { createMetricSource } from '../../src/metrics/registry.js';
import { renderQuery } from '../../src/gate/query.js';
import { runStage } from '../../src/gate/stage-run.js';
import type { StageResult } from '../../src/gate/types.js';
import {
  HEALTHY_PROFILE,
  LATENCY_BUCKETS_SECONDS,
  latencyCdfAtBuckets,
  startExporter,
  type ServiceProfile,
} from '../support/exporter.js';
import { startBackend, type BackendKind } from '../support/metrics-backends.js';

export const SCRAPE_INTERVAL_S = 1;
export const STAGE_INTERVAL_S = 2;
/** The reference plan's p95 query uses rate(...[1m]). */
export const RATE_WINDOW_S = 60;
export const HARD_THRESHOLD_MS = 400;
export const HARD_LATENCY: ServiceProfile = { ...HEALTHY_PROFILE, latencyMedianMs: 300, latencyP95Ms: 700 };

/** The reference plan with a drill stage: 2 s interval, and `for`/hold scaled down to fit it. */
export async function drillPlan(): Promise<ReleasePlan> {
  const text = (await readFile(new URL('../../.github/canary.yml', import.meta.url), 'utf8'))
    .replace(/for: 5m/g, 'for: 4s')
    .replace(
      /stages:\n[\s\S]*?\n\npreflight:/,
      `stages:\n  - { name: drill, traffic: 1, duration: 90s, interval: ${STAGE_INTERVAL_S}s, hold: 10s, guardrails: [api_p95, error_rate, accept_errors, memory_headroom] }\n\npreflight:`,
    );
  return parsePlan(text, 'drill-plan');
}

/**
 * The share of the rate window that must hold post-injection traffic before histogram_quantile(0.95) over it
 * crosses the hard threshold: the smallest f with quantile((1-f) * healthy + f * regressed buckets) > 400 ms,
 * computed with Prometheus's own interpolation inside a bucket. Both profiles have the same request rate, so
 * the mixture weights are time shares. Returned in seconds (f * rate window).
 */
export function rateWindowShareSeconds(
  before: ServiceProfile = HEALTHY_PROFILE,
  after: ServiceProfile = HARD_LATENCY,
): number {
  const cdfBefore = latencyCdfAtBuckets(before);
  const cdfAfter = latencyCdfAtBuckets(after);
  const p95 = (f: number) => {
    const cum = cdfBefore.map((c, i) => (1 - f) * c + f * cdfAfter[i]!);
    const rank = 0.95;
    const i = cum.findIndex((c) => c >= rank);
    if (i < 0) return LATENCY_BUCKETS_SECONDS[LATENCY_BUCKETS_SECONDS.length - 1]!;
    const lower = i === 0 ? 0 : LATENCY_BUCKETS_SECONDS[i - 1]!;
    const below = i === 0 ? 0 : cum[i - 1]!;
    return lower + (LATENCY_BUCKETS_SECONDS[i]! - lower) * ((rank - below) / (cum[i]! - below));
  };
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (p95(mid) * 1000 > HARD_THRESHOLD_MS) hi = mid;
    else lo = mid;
  }
  return hi * RATE_WINDOW_S;
}

export interface DrillRun {
  result: StageResult;
  injectedAt: Date;
  /** Wall clock when the ROLLBACK sample had been evaluated. */
  decidedWallAt: Date;
  latencyMs: number;
  warroom: string[];
}

/**
 * One drill on a fresh exporter and Prometheus: healthy until `injectAfterS` into the stage, then HARD_LATENCY.
 * `warmupS`: seconds of healthy scraping before the stage starts. With less than the rate window (60 s), rate()
 * only sees the data there is, so a regression fills a larger share of it and shows sooner than in production;
 * the benchmark warms up a full window, the test does not need to.
 */
export async function runDrill(
  options: { injectAfterS?: number; warmupS?: number; backend?: BackendKind } = {},
): Promise<DrillRun> {
  const exporter = await startExporter();
  const prom = await startBackend(options.backend ?? 'prometheus', {
    scrapeJobs: [{ job: 'service', targets: [exporter.target] }],
    scrapeIntervalSeconds: SCRAPE_INTERVAL_S,
  });
  try {
    const plan = await drillPlan();
    // Every series the gate reads must be there before the stage starts (a new target takes several seconds).
    for (const metric of ['p95_latency_ms', 'order_accept_error_rate']) {
      for (const track of ['canary', 'baseline'] as const) {
        await prom.waitForSeries(renderQuery(plan, metric, track), { timeoutMs: 30_000 });
      }
    }
    if (options.warmupS) {
      // Scrapes in the last rate window + 30 s, at one per second: seconds of data Prometheus holds.
      const warm = options.warmupS;
      await prom.waitForSeries(`count_over_time(mem_available_pct{track="canary"}[${RATE_WINDOW_S + 30}s])`, {
        timeoutMs: (warm + 40) * 1000,
        intervalMs: 1000,
        accept: (v) => v * SCRAPE_INTERVAL_S >= warm,
      });
    }
    let injectedAt: Date | undefined;
    let decidedWallAt: Date | undefined;
    const warroom: string[] = [];
    const timer = setTimeout(
      () => {
        injectedAt = exporter.flip('canary', HARD_LATENCY);
      },
      (options.injectAfterS ?? 7) * 1000,
    );
    let result: StageResult;
    try {
      result = await runStage({
        plan,
        stage: 'drill',
        source: createMetricSource(plan.metrics, { url: prom.url, env: { PROM_TOKEN: 'drill' } }),
        clock: realClock,
        mode: 'live',
        onSample: (s) => {
          warroom.push(s.warroom);
          if (s.state === 'decided') decidedWallAt = new Date();
        },
      });
    } finally {
      clearTimeout(timer);
    }
    if (!injectedAt || !decidedWallAt)
      throw new Error(
        `drill ended (${result.decision}: ${result.reason}) before the regression was injected`,
      );
    return {
      result,
      injectedAt,
      decidedWallAt,
      latencyMs: decidedWallAt.getTime() - injectedAt.getTime(),
      warroom,
    };
  } finally {
    await prom.stop();
    await exporter.stop();
  }
}
