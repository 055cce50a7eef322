/**
 * A recorded source: metric series captured once (from Prometheus or by hand) and replayed offline, so a
 * plan can be backtested on a laptop without the Prometheus that produced the data.
 *
 * File format (JSON):
 *   { "series": [ { "metric": "p95_latency_ms", "track": "canary", "points": [[unixSeconds, value], ...] } ],
 *     "source"?: "prometheus http://...", "recordedAt"?: ISO time, "queries"?: { "<metric>/<track>": query } }
 * A value may be a number or one of the strings "NaN", "+Inf", "-Inf" (JSON has no literal for them), so a
 * recorded gap replays as 'nan' rather than vanishing.
 *
 * instant(at) answers like Prometheus does for a gauge: the latest point at or before `at`, if it is no older
 * than the staleness window (default 5 min, Prometheus's lookback delta); otherwise 'no-data'.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigurationError } from '../config/errors.js';
import type { PrometheusSource } from './prometheus.js';
import { describeNonFinite, measured, unmeasurable } from './source.js';
import type { Measurement, MetricQuery, MetricSource, Track } from './source.js';

const pointValue = z.union([z.number(), z.enum(['NaN', '+Inf', '-Inf'])]);
const recordingSchema = z.object({
  series: z.array(
    z.object({
      metric: z.string().min(1),
      track: z.enum(['canary', 'baseline']),
      points: z.array(z.tuple([z.number(), pointValue])),
    }),
  ),
  source: z.string().optional(),
  recordedAt: z.string().optional(),
  queries: z.record(z.string(), z.string()).optional(),
});

export type RecordedPointValue = z.infer<typeof pointValue>;
export interface RecordedSeries {
  metric: string;
  track: Track;
  points: Array<[unixSeconds: number, value: RecordedPointValue]>;
}
export interface Recording {
  series: RecordedSeries[];
  source?: string;
  recordedAt?: string;
  /** The query each series was captured with, keyed `metric/track`. */
  queries?: Record<string, string>;
}

export const DEFAULT_STALENESS_SECONDS = 300;

/** Validates a parsed recording; `origin` (a file name) prefixes every problem. */
export function parseRecording(json: unknown, origin = 'recording'): Recording {
  const result = recordingSchema.safeParse(json);
  if (!result.success) {
    throw new ConfigurationError(
      `${origin}: not a metric recording (expected { "series": [ { "metric", "track": "canary"|"baseline", "points": [[unixSeconds, value], ...] } ] })`,
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    );
  }
  const seen = new Set<string>();
  for (const [i, s] of result.data.series.entries()) {
    const key = `${s.metric}/${s.track}`;
    if (seen.has(key)) {
      throw new ConfigurationError(
        `${origin}: series[${i}]: ${key} appears twice (one series per metric and track)`,
      );
    }
    seen.add(key);
  }
  return result.data;
}

export async function loadRecording(path: string): Promise<Recording> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigurationError(`${path}: cannot read the recording (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigurationError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  return parseRecording(json, path);
}

export async function saveRecording(path: string, recording: Recording): Promise<void> {
  await writeFile(path, `${JSON.stringify(recording, null, 1)}\n`, 'utf8');
}

export class RecordedSource implements MetricSource {
  private readonly bySeries = new Map<string, Array<[number, number]>>();
  private readonly stalenessSeconds: number;
  private readonly origin: string;

  constructor(recording: Recording, options: { stalenessSeconds?: number; origin?: string } = {}) {
    this.stalenessSeconds = options.stalenessSeconds ?? DEFAULT_STALENESS_SECONDS;
    if (!(this.stalenessSeconds > 0))
      throw new RangeError(`RecordedSource: stalenessSeconds must be > 0, got ${this.stalenessSeconds}`);
    this.origin = options.origin ?? recording.source ?? 'in-memory';
    for (const s of parseRecording(recording, this.origin).series) {
      const points = s.points.map(([t, v]): [number, number] => [t, toNumber(v)]).sort((a, b) => a[0] - b[0]);
      this.bySeries.set(`${s.metric}/${s.track}`, points);
    }
  }

  describe(): string {
    return `recording ${this.origin}`;
  }

  async instant(q: MetricQuery, at: Date): Promise<Measurement> {
    const where = `${this.describe()}: ${q.metric}/${q.track}`;
    const points = this.bySeries.get(`${q.metric}/${q.track}`);
    if (!points)
      return unmeasurable(q, at, 'no-data', `${where}: no such series in the recording; query: ${q.query}`);
    const t = at.getTime() / 1000;
    const index = lastIndexAtOrBefore(points, t);
    const point = index >= 0 ? points[index]! : undefined;
    if (!point || t - point[0] > this.stalenessSeconds) {
      const latest = point
        ? `the latest point is ${Math.round(t - point[0])} s older`
        : 'no point at or before it';
      return unmeasurable(
        q,
        at,
        'no-data',
        `${where}: no point within ${this.stalenessSeconds} s before ${at.toISOString()} (${latest}); query: ${q.query}`,
      );
    }
    if (!Number.isFinite(point[1])) {
      return unmeasurable(
        q,
        at,
        'nan',
        `${where}: value is ${describeNonFinite(point[1])} at ${at.toISOString()}; query: ${q.query}`,
      );
    }
    return measured(q, at, point[1]);
  }
}

/**
 * Captures [start, end] at `stepSeconds` for each query into a Recording. A query that cannot be captured
 * (unreachable, bad query, no series) throws, naming it: a recording with a silently missing series would
 * later replay as a misleading 'no-data'.
 */
export async function recordFromPrometheus(
  source: PrometheusSource,
  queries: MetricQuery[],
  window: { start: Date; end: Date; stepSeconds: number },
  clock: () => Date = () => new Date(),
): Promise<Recording> {
  const series: RecordedSeries[] = [];
  const recordedQueries: Record<string, string> = {};
  for (const q of queries) {
    const result = await source.range(q, window.start, window.end, window.stepSeconds);
    if (!result.ok) throw new Error(`cannot record ${q.metric}/${q.track}: ${result.message}`);
    series.push({
      metric: q.metric,
      track: q.track,
      points: result.points.map(([t, v]) => [t, fromNumber(v)]),
    });
    recordedQueries[`${q.metric}/${q.track}`] = q.query;
  }
  return { series, source: source.describe(), recordedAt: clock().toISOString(), queries: recordedQueries };
}

function toNumber(v: RecordedPointValue): number {
  if (typeof v === 'number') return v;
  return v === 'NaN' ? NaN : v === '+Inf' ? Infinity : -Infinity;
}

function fromNumber(v: number): RecordedPointValue {
  return Number.isFinite(v) ? v : (describeNonFinite(v) as RecordedPointValue);
}

function lastIndexAtOrBefore(points: Array<[number, number]>, t: number): number {
  let lo = 0;
  let hi = points.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]![0] <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
