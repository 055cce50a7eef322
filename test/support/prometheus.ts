/**
 * A real Prometheus (/usr/bin/prometheus) for integration tests, on 127.0.0.1 with an OS-chosen free port and a
 * temp data dir, plus history backfill through `promtool tsdb create-blocks-from openmetrics`.
 *
 * Backfill quirks (Prometheus 2.42):
 *   - Blocks are only picked up when Prometheus starts, so history is written BEFORE start (`history` option).
 *   - The OpenMetrics input must end with `# EOF` (else: "data does not end with # EOF").
 *   - Timestamps are in SECONDS. Milliseconds are accepted silently and land ~50 000 years in the future, so
 *     createBlocks checks the block times promtool prints and refuses that.
 *   - A sample older than the previous one of the same series is dropped silently, so each series is written
 *     contiguously and in time order (family by family, series by series).
 *   - Counter families are declared without `_total` (`# TYPE http_requests counter`, samples
 *     `http_requests_total{...}`), as OpenMetrics says; promtool 2.42 also tolerates `_total` in the TYPE line.
 *   - promtool cuts 2 h blocks; retention is measured from the newest sample, so we pass a long
 *     `--storage.tsdb.retention.time` to keep old history from being deleted at start.
 *   - Overlap between backfilled blocks and live scraped data is allowed (default since 2.39).
 * A new scrape target takes several seconds to show data (first scrape, then enough samples for rate()),
 * hence `waitForSeries` polls instead of sleeping.
 */
import { execFile } from 'node:child_process';
import { startDaemon } from './daemon.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  advance,
  LATENCY_BUCKETS_SECONDS,
  TRACK_LABELS,
  zeroCounters,
  type ServiceProfile,
  type TrackLabel,
} from './exporter.js';

const execFileAsync = promisify(execFile);
export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const PROMTOOL_BIN = '/usr/bin/promtool';

export interface ScrapeJob {
  job: string;
  /** `host:port` */
  targets: string[];
  metricsPath?: string;
}

export interface StartPrometheusOptions {
  scrapeJobs?: ScrapeJob[];
  /** OpenMetrics text (ending `# EOF`) backfilled before start. */
  history?: string;
  scrapeIntervalSeconds?: number;
  readyTimeoutMs?: number;
}

export interface InstantSample {
  metric: Record<string, string>;
  value: number;
}

export interface TestPrometheus {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  dataDir: string;
  /** From spawn to `/-/ready`. */
  startupMs: number;
  /** Raw instant query (vector or scalar), for test set-up and assertions. */
  query(promql: string, at?: Date): Promise<InstantSample[]>;
  /** Polls until the query returns exactly one finite value that satisfies `accept` (default: any). */
  waitForSeries(
    promql: string,
    options?: { timeoutMs?: number; intervalMs?: number; accept?: (value: number) => boolean },
  ): Promise<{ value: number; waitedMs: number }>;
  stop(): Promise<void>;
}

export async function startPrometheus(options: StartPrometheusOptions = {}): Promise<TestPrometheus> {
  const dataDir = await mkdtemp(join(tmpdir(), 'canary-prom-'));
  try {
    if (options.history) await createBlocks(options.history, join(dataDir, 'tsdb'));
    await writeFile(join(dataDir, 'prometheus.yml'), scrapeConfig(options), 'utf8');
    const maxAttempts = 3;
    let lastError: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const port = await freePort();
      try {
        return await launch(dataDir, port, options.readyTimeoutMs ?? 15_000);
      } catch (e) {
        lastError = e;
        // Only a lost race for the port is worth another try.
        if (!String((e as Error).message).includes('address already in use')) break;
      }
    }
    throw lastError;
  } catch (e) {
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/** Writes TSDB blocks from OpenMetrics text into `tsdbDir` (must happen before Prometheus starts on it). */
export async function createBlocks(openMetrics: string, tsdbDir: string): Promise<void> {
  if (!openMetrics.trimEnd().endsWith('# EOF'))
    throw new Error('createBlocks: OpenMetrics input must end with "# EOF"');
  const dir = await mkdtemp(join(tmpdir(), 'canary-om-'));
  let stdout: string;
  try {
    const file = join(dir, 'history.om');
    await writeFile(file, openMetrics, 'utf8');
    stdout = (
      await execFileAsync(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', file, tsdbDir], {
        timeout: 30_000,
      })
    ).stdout;
  } catch (e) {
    const err = e as Error & { stderr?: string };
    throw new Error(`promtool create-blocks-from openmetrics failed: ${err.stderr || err.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // Block table rows: ULID, min time (ms), max time (ms), ...
  const maxTimes = [...stdout.matchAll(/^[0-9A-Z]{26}\s+(\d+)\s+(\d+)/gm)].map((m) => Number(m[2]));
  if (maxTimes.length === 0) throw new Error(`promtool wrote no blocks: ${stdout.trim()}`);
  if (Math.max(...maxTimes) > Date.now() + 86_400_000) {
    throw new Error(
      'createBlocks: OpenMetrics timestamps must be unix SECONDS; these look like milliseconds',
    );
  }
}

async function launch(dataDir: string, port: number, readyTimeoutMs: number): Promise<TestPrometheus> {
  const { url, startupMs, stop } = await startDaemon({
    name: 'prometheus',
    bin: PROMETHEUS_BIN,
    args: [
      `--config.file=${join(dataDir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dataDir, 'tsdb')}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    port,
    dir: dataDir,
    readyTimeoutMs,
  });

  return { url, port, dataDir, startupMs, ...queryHelpers(url), stop };
}

/**
 * `query` and `waitForSeries` over any server with the Prometheus query API (Prometheus, VictoriaMetrics).
 * `nocache=1` asks VictoriaMetrics for the answer at exactly `time` (see test/support/victoria-metrics.ts);
 * Prometheus ignores the parameter.
 */
export function queryHelpers(url: string): Pick<TestPrometheus, 'query' | 'waitForSeries'> {
  const query = async (promql: string, at?: Date): Promise<InstantSample[]> => {
    const params = new URLSearchParams({ query: promql, nocache: '1' });
    if (at) params.set('time', String(at.getTime() / 1000));
    const response = await fetch(`${url}/api/v1/query?${params}`, { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data?: { resultType: string; result: unknown };
    };
    if (body.status !== 'success' || !body.data)
      throw new Error(`query ${promql} failed: ${body.error ?? response.status}`);
    if (body.data.resultType === 'scalar') {
      const [, v] = body.data.result as [number, string];
      return [{ metric: {}, value: Number(v) }];
    }
    return (body.data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map(
      (s) => ({
        metric: s.metric,
        value: Number(s.value[1]),
      }),
    );
  };

  return {
    query,
    async waitForSeries(promql, opts = {}) {
      const timeoutMs = opts.timeoutMs ?? 20_000;
      const intervalMs = opts.intervalMs ?? 250;
      const accept = opts.accept ?? (() => true);
      const t0 = Date.now();
      let last = 'no answer yet';
      while (Date.now() - t0 < timeoutMs) {
        try {
          const samples = await query(promql);
          const only = samples.length === 1 ? samples[0]!.value : undefined;
          if (only !== undefined && Number.isFinite(only) && accept(only))
            return { value: only, waitedMs: Date.now() - t0 };
          last = samples.length === 1 ? `value ${only}` : `${samples.length} series`;
        } catch (e) {
          last = (e as Error).message;
        }
        await delay(intervalMs);
      }
      throw new Error(`waitForSeries: ${promql} not satisfied within ${timeoutMs} ms (last: ${last})`);
    },
  };
}

export function scrapeConfig(options: StartPrometheusOptions): string {
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const jobs = (options.scrapeJobs ?? []).map((j) =>
    [
      `  - job_name: ${JSON.stringify(j.job)}`,
      `    metrics_path: ${JSON.stringify(j.metricsPath ?? '/metrics')}`,
      `    static_configs:`,
      `      - targets: ${JSON.stringify(j.targets)}`,
    ].join('\n'),
  );
  return [
    'global:',
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    jobs.length ? 'scrape_configs:' : 'scrape_configs: []',
    ...jobs,
    '',
  ].join('\n');
}

/** Asks the OS for a free port; the caller retries if another process grabs it before Prometheus binds. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- OpenMetrics history ----------------------------------------------------------------------------------

export type Labels = Record<string, string>;

export interface SampleWindow {
  start: Date;
  end: Date;
  stepSeconds: number;
}

/** Sample times (unix seconds, integers) from start to end inclusive. */
export function sampleTimes(window: SampleWindow): number[] {
  const first = Math.ceil(window.start.getTime() / 1000);
  const last = Math.floor(window.end.getTime() / 1000);
  const times: number[] = [];
  for (let t = first; t <= last; t += window.stepSeconds) times.push(t);
  return times;
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  return entries.length
    ? `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`
    : '';
}

/** A counter family; `name` without `_total`; `value(t)` is the cumulative value at unix second t. */
export function openMetricsCounter(
  name: string,
  help: string,
  series: Array<{ labels: Labels; value: (t: number) => number }>,
  window: SampleWindow,
): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} counter`];
  for (const s of series)
    for (const t of sampleTimes(window)) lines.push(`${name}_total${labelText(s.labels)} ${s.value(t)} ${t}`);
  return lines.join('\n');
}

export function openMetricsGauge(
  name: string,
  help: string,
  series: Array<{ labels: Labels; value: (t: number) => number }>,
  window: SampleWindow,
): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const s of series)
    for (const t of sampleTimes(window)) lines.push(`${name}${labelText(s.labels)} ${s.value(t)} ${t}`);
  return lines.join('\n');
}

export interface HistogramPoint {
  /** Cumulative counts per bound, ascending; +Inf is added from `count`. */
  buckets: Array<[le: number, cumulative: number]>;
  sum: number;
  count: number;
}

export function openMetricsHistogram(
  name: string,
  help: string,
  series: Array<{ labels: Labels; value: (t: number) => HistogramPoint }>,
  window: SampleWindow,
): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
  for (const s of series) {
    for (const t of sampleTimes(window)) {
      const p = s.value(t);
      for (const [le, n] of p.buckets)
        lines.push(`${name}_bucket${labelText({ ...s.labels, le: String(le) })} ${n} ${t}`);
      lines.push(`${name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${p.count} ${t}`);
      lines.push(`${name}_sum${labelText(s.labels)} ${p.sum} ${t}`);
      lines.push(`${name}_count${labelText(s.labels)} ${p.count} ${t}`);
    }
  }
  return lines.join('\n');
}

/** Joins families into one OpenMetrics document with the mandatory `# EOF`. */
export function openMetricsDocument(...families: string[]): string {
  return `${families.join('\n')}\n# EOF\n`;
}

/**
 * History of the exporter's series (same names and labels) for both tracks: `profileAt(track, t)` says how the
 * service behaved during the step ending at unix second t, e.g. "canary p95 600 ms from minute 6".
 */
export function serviceHistory(
  window: SampleWindow,
  profileAt: (track: TrackLabel, t: number) => ServiceProfile,
): string {
  const times = sampleTimes(window);
  const states = new Map<TrackLabel, Map<number, ReturnType<typeof zeroCounters>>>();
  for (const track of TRACK_LABELS) {
    const c = zeroCounters();
    const byTime = new Map<number, ReturnType<typeof zeroCounters>>();
    let previous: number | undefined;
    for (const t of times) {
      const profile = profileAt(track, t);
      if (previous === undefined) c.memAvailablePct = profile.memAvailablePct;
      else advance(c, profile, t - previous);
      previous = t;
      byTime.set(t, structuredClone(c));
    }
    states.set(track, byTime);
  }
  const at = (track: TrackLabel, t: number) => states.get(track)!.get(t)!;
  const perTrack = <T>(value: (track: TrackLabel) => (t: number) => T, extra: Labels = {}) =>
    TRACK_LABELS.map((track) => ({ labels: { track, ...extra }, value: value(track) }));
  return openMetricsDocument(
    openMetricsHistogram(
      'http_request_duration_seconds',
      'Request latency.',
      perTrack((track) => (t) => {
        const c = at(track, t);
        return {
          buckets: LATENCY_BUCKETS_SECONDS.map((le, i): [number, number] => [le, c.buckets[i]!]),
          sum: c.latencySumSeconds,
          count: c.buckets[LATENCY_BUCKETS_SECONDS.length]!,
        };
      }),
      window,
    ),
    openMetricsCounter(
      'http_requests',
      'Requests by status.',
      [
        ...perTrack((track) => (t) => at(track, t).requestsOk, { status: '200' }),
        ...perTrack((track) => (t) => at(track, t).requestsError, { status: '500' }),
      ],
      window,
    ),
    openMetricsCounter(
      'order_accept',
      'Orders submitted for acceptance.',
      perTrack((track) => (t) => at(track, t).orders),
      window,
    ),
    openMetricsCounter(
      'order_accept_failures',
      'Orders whose acceptance failed.',
      perTrack((track) => (t) => at(track, t).orderFailures),
      window,
    ),
    openMetricsGauge(
      'mem_available_pct',
      'Available memory in percent.',
      perTrack((track) => (t) => at(track, t).memAvailablePct),
      window,
    ),
  );
}
