/**
 * Gate latency: time from injecting a hard latency regression into a live service to the gate's ROLLBACK.
 *
 * Setup per run (test/gate/live-drill.ts): a local exporter, a real Prometheus scraping it every 1 s, the reference
 * plan's queries (p95 from rate(...[1m])), a stage interval of 2 s. Each run warms up a full rate window of
 * healthy traffic first, so rate() sees production-like history; runs go in parallel on separate exporters and
 * Prometheus instances, with injections spread over the 2 s sampling phase.
 *
 * The bound printed beside the median is the pipeline's own floor:
 *   scrape interval (the regression reaches Prometheus at the next scrape, up to 1 s later)
 * + the rate window's share: the time until enough of the 1m window is post-injection traffic for
 *   histogram_quantile(0.95) to cross 400 ms (rateWindowShareSeconds(): exact bucket mixture, Prometheus's
 *   interpolation, both profiles at the same request rate)
 * + one interval (the gate samples every 2 s, so a breach waits up to one interval to be sampled).
 * The engine adds only its query and evaluation time on top; a median near or below the bound means the gate
 * itself adds no delay worth mentioning.
 */
import { pathToFileURL } from 'node:url';
import {
  rateWindowShareSeconds,
  runDrill,
  RATE_WINDOW_S,
  SCRAPE_INTERVAL_S,
  STAGE_INTERVAL_S,
  type DrillRun,
} from '../test/gate/live-drill.js';

export const RUNS = 5;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export async function run(): Promise<string> {
  const runs: DrillRun[] = await Promise.all(
    Array.from({ length: RUNS }, (_, i) =>
      runDrill({ warmupS: RATE_WINDOW_S + 5, injectAfterS: 5 + (i * STAGE_INTERVAL_S) / RUNS }),
    ),
  );
  const share = rateWindowShareSeconds();
  const bound = SCRAPE_INTERVAL_S + share + STAGE_INTERVAL_S;
  // The bound takes the whole scrape and sampling delays; injections land at a random phase of both, so on
  // average a run waits half of each. The median is compared with that average-phase floor too.
  const averageBound = SCRAPE_INTERVAL_S / 2 + share + STAGE_INTERVAL_S / 2;
  const seconds = runs.map((r) => r.latencyMs / 1000);
  const rows = runs.map((r, i) => [
    String(i + 1),
    r.result.decision,
    r.result.triggered_by.join(','),
    (r.latencyMs / 1000).toFixed(2),
    String(r.result.samples.length),
  ]);
  const header = ['run', 'decision', 'triggered by', 'injection -> decision (s)', 'samples'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [
    `gate latency: hard p95 regression -> ROLLBACK, live (scrape ${SCRAPE_INTERVAL_S}s, interval ${STAGE_INTERVAL_S}s, rate window ${RATE_WINDOW_S}s), ${RUNS} runs`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `median injection -> decision   ${median(seconds).toFixed(2)} s   (min ${Math.min(...seconds).toFixed(2)}, max ${Math.max(...seconds).toFixed(2)})`,
    `bound: scrape + share + interval  ${bound.toFixed(2)} s   = ${SCRAPE_INTERVAL_S} s + ${share.toFixed(2)} s (${((share / RATE_WINDOW_S) * 100).toFixed(1)}% of the ${RATE_WINDOW_S} s rate window) + ${STAGE_INTERVAL_S} s`,
    `same bound at an average phase   ${averageBound.toFixed(2)} s   = ${SCRAPE_INTERVAL_S / 2} s + ${share.toFixed(2)} s + ${STAGE_INTERVAL_S / 2} s  (median / average-phase bound: ${(median(seconds) / averageBound).toFixed(2)}x)`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(await run());
}
