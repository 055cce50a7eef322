/**
 * What the engine reads for one guardrail at one sample, what it knows about the guardrail, and the measured
 * points it judges: the shared vocabulary of evaluate.ts (every guardrail) and baseline-judge.ts (baseline
 * comparisons decided by the judge).
 */
import type { GuardrailConfig } from '../config/index.js';
import type { UnmeasurableReason } from '../metrics/source.js';
import type { ThresholdLevelConfig } from '../config/index.js';
import { breaches, withUnit, type Point } from './thresholds.js';

export type Reading =
  { ok: true; value: number } | { ok: false; reason: UnmeasurableReason; message: string };

export type CountsReading =
  | { ok: true; canaryEvents: number; canaryTotal: number; baselineEvents: number; baselineTotal: number }
  | { ok: false; track: 'canary' | 'baseline'; reason: UnmeasurableReason; message: string };

/** What was read for one guardrail at one sample time. */
export interface Observation {
  /** Epoch milliseconds. */
  at: number;
  canary: Reading;
  /** Baseline comparisons only. */
  baseline?: Reading;
  /** Ratios judged on counts (declared with `counts:` or derived from the query) only. */
  counts?: CountsReading;
}

/** The counters a baseline ratio is judged on, and where they came from. */
export interface CountsPlan {
  source: 'declared' | 'derived';
  /** The metric is scale * events / total (100 for a percentage). */
  scale: number;
  /** Rendered canary queries, for the record. */
  events: string;
  total: string;
}

export interface GuardrailSpec {
  name: string;
  config: GuardrailConfig;
  metric: string;
  unit?: string;
  query: { canary: string; baseline?: string };
  /** Baseline ratios judged on counts; absent: judged as a series. */
  counts?: CountsPlan;
  /** Why the counts test is not used for a ratio query (it could not be decomposed). */
  seriesBecause?: string;
}

export interface WindowContext {
  /** Epoch ms of the stage start. */
  startedAt: number;
  durationS: number;
  intervalS: number;
  holdS: number;
  /** Samples planned for the stage window (the judge's planned looks). */
  plannedSamples: number;
  /** Holds the stage may use (max_holds): the judge's looks past the plan. */
  maxHolds: number;
}

export interface MeasuredPoint {
  at: number;
  point: Point;
  counts?: Extract<CountsReading, { ok: true }>;
  /** Why the counts could not be read at this sample (derived counts only; declared ones make it unmeasured). */
  countsError?: string;
}

/**
 * Whether an observation counts as measured. A ratio judged on counts is measured when its counts are, even if
 * the ratio itself is 0/0 for an interval without traffic: the counts say exactly that (0 of 0) and the judge
 * weighs it as no evidence, which a NaN ratio could not say. Declared counts must be readable; counts the engine
 * derived from the query may not be (a recording made before they existed): then the ratio itself is the
 * measurement, and the judge falls back to the series test, saying so (baseline-judge.ts).
 */
export function isMeasured(o: Observation, against: boolean, countsDeclared = false): boolean {
  if (o.counts?.ok) return true;
  if (o.counts && countsDeclared) return false;
  if (!o.canary.ok) return false;
  if (against && !o.baseline?.ok) return false;
  return true;
}

export function toMeasured(o: Observation): MeasuredPoint {
  const point: Point = { canary: o.canary.ok ? o.canary.value : NaN };
  if (o.baseline) point.baseline = o.baseline.ok ? o.baseline.value : NaN;
  if (o.counts?.ok) return { at: o.at, point, counts: o.counts };
  if (o.counts)
    return { at: o.at, point, countsError: `${o.counts.track} ${o.counts.reason}: ${o.counts.message}` };
  return { at: o.at, point };
}

export function fmt(v: number | null | undefined, unit?: string): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return withUnit(Number(v.toPrecision(4)), unit);
}

export function fmtPct(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf%' : '-Inf%';
  return `${v >= 0 ? '+' : ''}${Number(v.toPrecision(3))}%`;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The latest unbroken run of samples breaching a level by their points; unmeasurable samples are not in it. */
export function breachRun(
  level: ThresholdLevelConfig,
  measured: MeasuredPoint[],
): { length: number; since?: number } {
  let length = 0;
  let since: number | undefined;
  for (let i = measured.length - 1; i >= 0; i--) {
    if (!breaches(level, measured[i]!.point)) break;
    length++;
    since = measured[i]!.at;
  }
  return { length, since };
}
