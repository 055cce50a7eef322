/**
 * A stand-in service for tests: a local HTTP exporter whose `/metrics` speaks the Prometheus text format with
 * the series the reference plan queries, for the canary (`track="canary"`) and the baseline (`track="stable"`):
 *   http_request_duration_seconds (histogram), http_requests_total{status}, order_accept_total,
 *   order_accept_failures_total, mem_available_pct.
 * Counters advance in real time from a per-track ServiceProfile; `flip()` switches a track's profile mid-test
 * (the moment is recorded) so a regression can be injected at a known time. The same model (`advance`) builds
 * backfilled history in prometheus.ts, so live and historic series have the same shape.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TrackLabel = 'canary' | 'stable';
export const TRACK_LABELS: readonly TrackLabel[] = ['canary', 'stable'];

export interface ServiceProfile {
  requestsPerSecond: number;
  /** Fraction (0..1) of requests answered with status 500. */
  errorRatio: number;
  /** Latency is log-normal with this median and 95th percentile. */
  latencyMedianMs: number;
  latencyP95Ms: number;
  ordersPerSecond: number;
  /** Fraction (0..1) of orders whose acceptance failed. */
  orderFailureRatio: number;
  memAvailablePct: number;
}

export const HEALTHY_PROFILE: Readonly<ServiceProfile> = Object.freeze({
  requestsPerSecond: 50,
  errorRatio: 0.002,
  latencyMedianMs: 60,
  latencyP95Ms: 120,
  ordersPerSecond: 20,
  orderFailureRatio: 0.01,
  memAvailablePct: 45,
});

/** Bucket bounds chosen dense around the plan's 200/250/400 ms thresholds so histogram_quantile lands close. */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5,
];

export interface TrackCounters {
  requestsOk: number;
  requestsError: number;
  /** Cumulative count per bucket of LATENCY_BUCKETS_SECONDS, then +Inf last. */
  buckets: number[];
  latencySumSeconds: number;
  orders: number;
  orderFailures: number;
  memAvailablePct: number;
}

export function zeroCounters(): TrackCounters {
  return {
    requestsOk: 0,
    requestsError: 0,
    buckets: new Array<number>(LATENCY_BUCKETS_SECONDS.length + 1).fill(0),
    latencySumSeconds: 0,
    orders: 0,
    orderFailures: 0,
    memAvailablePct: HEALTHY_PROFILE.memAvailablePct,
  };
}

/** Adds `seconds` of traffic at `profile` to `c` (in place). Counts are fractional: rates stay exact. */
export function advance(c: TrackCounters, profile: ServiceProfile, seconds: number): void {
  const n = profile.requestsPerSecond * seconds;
  c.requestsOk += n * (1 - profile.errorRatio);
  c.requestsError += n * profile.errorRatio;
  const fractions = latencyCdfAtBuckets(profile);
  fractions.forEach((f, i) => (c.buckets[i]! += n * f));
  c.buckets[LATENCY_BUCKETS_SECONDS.length]! += n;
  c.latencySumSeconds += n * meanLatencySeconds(profile);
  const orders = profile.ordersPerSecond * seconds;
  c.orders += orders;
  c.orderFailures += orders * profile.orderFailureRatio;
  c.memAvailablePct = profile.memAvailablePct;
}

/** P(latency <= le) for each bucket bound, for a log-normal fitted to the profile's median and p95. */
export function latencyCdfAtBuckets(profile: ServiceProfile): number[] {
  const mu = Math.log(profile.latencyMedianMs / 1000);
  const sigma = Math.max(1e-6, Math.log(profile.latencyP95Ms / profile.latencyMedianMs) / 1.6448536);
  return LATENCY_BUCKETS_SECONDS.map((le) => normalCdf((Math.log(le) - mu) / sigma));
}

function meanLatencySeconds(profile: ServiceProfile): number {
  const sigma = Math.log(profile.latencyP95Ms / profile.latencyMedianMs) / 1.6448536;
  return (profile.latencyMedianMs / 1000) * Math.exp((sigma * sigma) / 2);
}

function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/** Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7), plenty for bucket fractions. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return sign * y;
}

/** The Prometheus text exposition (0.0.4) of both tracks' counters. */
export function renderTextFormat(counters: Record<TrackLabel, TrackCounters>): string {
  const lines: string[] = [];
  lines.push(
    '# HELP http_request_duration_seconds Request latency.',
    '# TYPE http_request_duration_seconds histogram',
  );
  for (const track of TRACK_LABELS) {
    const c = counters[track];
    LATENCY_BUCKETS_SECONDS.forEach((le, i) =>
      lines.push(`http_request_duration_seconds_bucket{track="${track}",le="${le}"} ${c.buckets[i]}`),
    );
    lines.push(
      `http_request_duration_seconds_bucket{track="${track}",le="+Inf"} ${c.buckets[LATENCY_BUCKETS_SECONDS.length]}`,
    );
    lines.push(`http_request_duration_seconds_sum{track="${track}"} ${c.latencySumSeconds}`);
    lines.push(
      `http_request_duration_seconds_count{track="${track}"} ${c.buckets[LATENCY_BUCKETS_SECONDS.length]}`,
    );
  }
  lines.push('# HELP http_requests_total Requests by status.', '# TYPE http_requests_total counter');
  for (const track of TRACK_LABELS) {
    lines.push(`http_requests_total{track="${track}",status="200"} ${counters[track].requestsOk}`);
    lines.push(`http_requests_total{track="${track}",status="500"} ${counters[track].requestsError}`);
  }
  lines.push(
    '# HELP order_accept_total Orders submitted for acceptance.',
    '# TYPE order_accept_total counter',
  );
  for (const track of TRACK_LABELS)
    lines.push(`order_accept_total{track="${track}"} ${counters[track].orders}`);
  lines.push(
    '# HELP order_accept_failures_total Orders whose acceptance failed.',
    '# TYPE order_accept_failures_total counter',
  );
  for (const track of TRACK_LABELS)
    lines.push(`order_accept_failures_total{track="${track}"} ${counters[track].orderFailures}`);
  lines.push('# HELP mem_available_pct Available memory in percent.', '# TYPE mem_available_pct gauge');
  for (const track of TRACK_LABELS)
    lines.push(`mem_available_pct{track="${track}"} ${counters[track].memAvailablePct}`);
  return `${lines.join('\n')}\n`;
}

export interface Flip {
  track: TrackLabel;
  at: Date;
  profile: ServiceProfile;
}

export interface RunningExporter {
  /** `http://127.0.0.1:PORT/metrics` */
  url: string;
  /** `127.0.0.1:PORT`, for a scrape config. */
  target: string;
  /** Switches a track's profile from now on; returns the moment of the switch. */
  flip(track: TrackLabel, profile: ServiceProfile): Date;
  profile(track: TrackLabel): ServiceProfile;
  readonly flips: readonly Flip[];
  /** Scrapes served so far. */
  readonly scrapes: number;
  stop(): Promise<void>;
}

export async function startExporter(
  options: { profiles?: Partial<Record<TrackLabel, ServiceProfile>>; now?: () => number } = {},
): Promise<RunningExporter> {
  const now = options.now ?? Date.now;
  const profiles: Record<TrackLabel, ServiceProfile> = {
    canary: { ...(options.profiles?.canary ?? HEALTHY_PROFILE) },
    stable: { ...(options.profiles?.stable ?? HEALTHY_PROFILE) },
  };
  const counters: Record<TrackLabel, TrackCounters> = { canary: zeroCounters(), stable: zeroCounters() };
  for (const track of TRACK_LABELS) counters[track].memAvailablePct = profiles[track].memAvailablePct;
  let lastMs = now();
  const flips: Flip[] = [];
  let scrapes = 0;

  const accrue = () => {
    const t = now();
    const seconds = Math.max(0, (t - lastMs) / 1000);
    for (const track of TRACK_LABELS) advance(counters[track], profiles[track], seconds);
    lastMs = t;
  };

  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      accrue();
      scrapes++;
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(renderTextFormat(counters));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/metrics`,
    target: `127.0.0.1:${port}`,
    flip(track, profile) {
      accrue();
      profiles[track] = { ...profile };
      const at = new Date(lastMs);
      flips.push({ track, at, profile: { ...profile } });
      return at;
    },
    profile: (track) => ({ ...profiles[track] }),
    get flips() {
      return flips;
    },
    get scrapes() {
      return scrapes;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
