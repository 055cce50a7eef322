import { mean, median, sampleVariance } from 'simple-statistics';
import { binomialUpperTail, studentUpperTail } from './distributions.js';
import {
  rateDifferenceGreater,
  rateRatioGreater,
  rateRatioLess,
  rateUpperBound,
  type EventCounts,
} from './counts.js';
import { hodgesLehmann, mannWhitneyGreater } from './mann-whitney.js';
import { ratioOfMeansGreater, signedRankGreater, trimmedTGreater } from './paired.js';
import { countsMinDetectablePct, seriesMinDetectablePct } from './power.js';
import { lookAlpha, type Look } from './sequential.js';
import { welchGreater } from './welch.js';

/**
 * The canary-versus-baseline judge: one pure entry for sampled series (judgeSamples) and one for counters
 * (judgeCounts). Method and assumptions: docs/judge.md.
 */

export type { Look } from './sequential.js';
export type { EventCounts } from './counts.js';

/** 'increase': higher is worse. 'decrease': lower is worse. 'both': either way is worse. */
export type Direction = 'increase' | 'decrease' | 'both';

/**
 * 'auto': Mann-Whitney with Welch's t beside it for samples, the exact counts test for counters.
 * 'none': a plain point comparison (means, or observed rates) with no statistics, as a naive gate would do.
 */
export type ComparisonTest = 'mann-whitney' | 'counts' | 'auto' | 'none';

export interface ComparisonSpec {
  direction: Direction;
  /** Allowed change in percent of the baseline (25 = 25%). At most one of allowedPct and allowedDelta. */
  allowedPct?: number;
  /** Allowed change in the metric's unit. */
  allowedDelta?: number;
  /** Confidence required before calling a breach (default 0.98): false breaches stay at most 1 - confidence. */
  confidence?: number;
  test: ComparisonTest;
  /** Set when the same comparison is judged once per interval, so repeated looks share the error budget. */
  look?: Look;
  /**
   * Series only. 'by-interval': canary[i] and baseline[i] were read at the same instant, so the judge tests the
   * per-interval differences (log ratios for a percentage) and load swings common to both tracks cancel.
   * 'independent' (default): two independent samples, for series that are not aligned.
   */
  pairing?: Pairing;
}

export type Pairing = 'by-interval' | 'independent';

export interface TrackSummary {
  /** Samples, or for counters the traffic (the denominator's total). */
  n: number;
  /** For counters the observed rate (events / total, times scale), also given as mean. */
  median: number | null;
  mean: number | null;
  /** Counters only. */
  events?: number;
}

export type Verdict = 'breach' | 'within' | 'inconclusive';

export interface JudgeResult {
  verdict: Verdict;
  method: string;
  canary: TrackSummary;
  baseline: TrackSummary;
  /** Canary relative to baseline in percent (medians for samples, rates for counters); null if undefined. */
  effectPct: number | null;
  /** Smallest p-value over the tested sides, already multiplied for the tests combined at this look. */
  pValue: number | null;
  /** The significance level this look was held to (1 - confidence, less the share kept for other looks). */
  alpha: number | null;
  /**
   * Two-sided confidence interval (at spec.confidence) of the canary's change: in percent when allowedPct is
   * used or for counters, otherwise in the metric's unit.
   */
  interval?: [number, number];
  /** One sentence with the numbers behind the verdict. */
  reason: string;
  /**
   * The smallest change (percent of the baseline, signed in the worse direction) this test would have called a
   * breach with 80% probability at this look's level, given the data's own noise or traffic; null when no
   * change could be detected (no events, or no support for a test). Percentage allowances only.
   */
  minDetectablePct?: number | null;
}

export interface CountsInput extends EventCounts {
  /** The metric is scale * events / total (100 for a percentage); allowedDelta is in that unit. Default 1. */
  scale?: number;
}

/** Fewer samples than this on either track leaves nothing to judge. */
export const MIN_SAMPLES = 3;
/**
 * Zero-heavy series: non-zero baseline values needed before a breach can be called on the ratio of means. With
 * fewer, the baseline's mean is not estimated at all (one rare large value decides it), no test keeps its level,
 * and a would-be breach is inconclusive instead.
 */
export const ZERO_HEAVY_MIN_NONZERO = 5;
export const DEFAULT_CONFIDENCE = 0.98;

interface Normalized {
  direction: Direction;
  pct: number | null;
  delta: number | null;
  confidence: number;
  test: ComparisonTest;
  look: Look | undefined;
  pairing: Pairing;
}

function normalizeSpec(spec: ComparisonSpec): Normalized {
  if (!spec || typeof spec !== 'object') throw new TypeError('spec: expected a ComparisonSpec object');
  if (!['increase', 'decrease', 'both'].includes(spec.direction)) {
    throw new RangeError(
      `spec.direction: expected increase, decrease or both, got ${String(spec.direction)}`,
    );
  }
  if (!['mann-whitney', 'counts', 'auto', 'none'].includes(spec.test)) {
    throw new RangeError(`spec.test: expected auto, mann-whitney, counts or none, got ${String(spec.test)}`);
  }
  if (spec.allowedPct !== undefined && spec.allowedDelta !== undefined) {
    throw new RangeError('spec: give allowedPct or allowedDelta, not both (judge each threshold separately)');
  }
  if (spec.allowedPct !== undefined && !(Number.isFinite(spec.allowedPct) && spec.allowedPct >= 0)) {
    throw new RangeError(`spec.allowedPct: expected a percentage >= 0, got ${String(spec.allowedPct)}`);
  }
  if (spec.allowedDelta !== undefined && !(Number.isFinite(spec.allowedDelta) && spec.allowedDelta >= 0)) {
    throw new RangeError(`spec.allowedDelta: expected a number >= 0, got ${String(spec.allowedDelta)}`);
  }
  const confidence = spec.confidence ?? DEFAULT_CONFIDENCE;
  if (!(confidence >= 0.5 && confidence <= 0.9999)) {
    throw new RangeError(
      `spec.confidence: expected a probability between 0.5 and 0.9999, got ${String(confidence)}`,
    );
  }
  lookAlpha(1 - confidence, spec.look); // validates look
  const pairing = spec.pairing ?? 'independent';
  if (pairing !== 'by-interval' && pairing !== 'independent') {
    throw new RangeError(`spec.pairing: expected by-interval or independent, got ${String(spec.pairing)}`);
  }
  const pct = spec.allowedPct ?? (spec.allowedDelta === undefined ? 0 : null);
  return {
    direction: spec.direction,
    pct,
    delta: spec.allowedDelta ?? null,
    confidence,
    test: spec.test,
    look: spec.look,
    pairing,
  };
}

type Side = 'up' | 'down';

/** 1 - confidence without the binary-fraction tail (0.020000000000000018) in reports. */
function alphaOf(confidence: number): number {
  return Number((1 - confidence).toPrecision(12));
}

function sidesOf(direction: Direction): Side[] {
  return direction === 'increase' ? ['up'] : direction === 'decrease' ? ['down'] : ['up', 'down'];
}

// ------------------------------------------------------------------------------------------------------------
// Wording

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-4) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

function fmtPct(value: number | null): string {
  if (value === null) return 'n/a';
  return `${value >= 0 ? '+' : ''}${fmt(value)}%`;
}

function fmtP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

function allowedText(n: Normalized): string {
  const sign = n.direction === 'increase' ? '+' : n.direction === 'decrease' ? '-' : '±';
  return n.pct !== null ? `${sign}${fmt(n.pct)}%` : `${sign}${fmt(n.delta ?? 0)}`;
}

function lookText(n: Normalized): string {
  if (!n.look) return '';
  const { index, planned } = n.look;
  return index <= planned
    ? `, look ${index} of ${planned}`
    : `, look ${index}: ${index - planned} past the ${planned} planned (held)`;
}

function relativePct(canary: number, baseline: number): number | null {
  if (baseline === 0 || !Number.isFinite(canary) || !Number.isFinite(baseline)) return null;
  return ((canary - baseline) / Math.abs(baseline)) * 100;
}

// ------------------------------------------------------------------------------------------------------------
// Samples

interface SideTest {
  pValue: number;
  test: string;
}

function shiftedBaseline(baseline: number[], n: Normalized, side: Side): number[] {
  const sign = side === 'up' ? 1 : -1;
  return n.pct !== null
    ? baseline.map((b) => b + sign * (n.pct! / 100) * Math.abs(b))
    : baseline.map((b) => b + sign * n.delta!);
}

function welchSide(
  canary: number[],
  baseline: number[],
  n: Normalized,
  side: Side,
  logScale: boolean,
): SideTest {
  if (logScale) {
    const lc = canary.map(Math.log);
    const lb = baseline.map(Math.log);
    const fraction = n.pct! / 100;
    if (side === 'up')
      return { pValue: welchGreater(lc, lb, Math.log1p(fraction)).pValue, test: 'Welch t on logs' };
    if (fraction >= 1) return { pValue: 1, test: 'Welch t on logs' };
    return { pValue: welchGreater(lb, lc, -Math.log1p(-fraction)).pValue, test: 'Welch t on logs' };
  }
  // Without logs a percentage becomes a margin around the baseline mean, treated as known.
  const margin = n.pct !== null ? (n.pct / 100) * Math.abs(mean(baseline)) : n.delta!;
  const p =
    side === 'up'
      ? welchGreater(canary, baseline, margin).pValue
      : welchGreater(baseline, canary, margin).pValue;
  return { pValue: p, test: 'Welch t' };
}

function mannWhitneySide(canary: number[], baseline: number[], n: Normalized, side: Side): SideTest {
  if (side === 'down' && n.pct !== null && n.pct >= 100) return { pValue: 1, test: 'Mann-Whitney' };
  const shifted = shiftedBaseline(baseline, n, side);
  const result = side === 'up' ? mannWhitneyGreater(canary, shifted) : mannWhitneyGreater(shifted, canary);
  return { pValue: result.pValue, test: `Mann-Whitney (${result.method})` };
}

function thresholdBreached(canary: number[], baseline: number[], n: Normalized, side: Side): boolean {
  const c = mean(canary);
  const b = mean(baseline);
  const margin = n.pct !== null ? (n.pct / 100) * Math.abs(b) : n.delta!;
  return side === 'up' ? c > b + margin : c < b - margin;
}

function summarize(values: number[]): TrackSummary {
  return values.length === 0
    ? { n: 0, median: null, mean: null }
    : { n: values.length, median: median(values), mean: mean(values) };
}

function sampleInterval(
  canary: number[],
  baseline: number[],
  n: Normalized,
  logScale: boolean,
): [number, number] {
  if (logScale) {
    const hl = hodgesLehmann(canary.map(Math.log), baseline.map(Math.log), n.confidence);
    return [Math.expm1(hl.lower) * 100, Math.expm1(hl.upper) * 100];
  }
  const hl = hodgesLehmann(canary, baseline, n.confidence);
  if (n.pct !== null) {
    const b = Math.abs(median(baseline));
    if (b === 0) return [hl.lower, hl.upper];
    return [(hl.lower / b) * 100, (hl.upper / b) * 100];
  }
  return [hl.lower, hl.upper];
}

/**
 * Per-interval differences with the allowance moved into them, so that "d centred above 0" means "beyond the
 * allowance on this side": log ratios less log(1 + X) for a percentage on positive values, otherwise the canary
 * less the baseline moved to the edge of the allowance.
 */
function pairedDifferences(
  canary: number[],
  baseline: number[],
  n: Normalized,
  side: Side,
  logScale: boolean,
): number[] | null {
  if (logScale) {
    const fraction = n.pct! / 100;
    if (side === 'up') {
      const margin = Math.log1p(fraction);
      return canary.map((c, i) => Math.log(c) - Math.log(baseline[i]!) - margin);
    }
    if (fraction >= 1) return null;
    const margin = -Math.log1p(-fraction);
    return canary.map((c, i) => Math.log(baseline[i]!) - Math.log(c) - margin);
  }
  if (side === 'down' && n.pct !== null && n.pct >= 100) return null;
  const shifted = shiftedBaseline(baseline, n, side);
  return side === 'up' ? canary.map((c, i) => c - shifted[i]!) : canary.map((c, i) => shifted[i]! - c);
}

function pairedSideTests(
  canary: number[],
  baseline: number[],
  n: Normalized,
  side: Side,
  logScale: boolean,
  ratioOfMeans: boolean,
): SideTest[] {
  if (ratioOfMeans) {
    const fraction = n.pct! / 100;
    if (side === 'down' && fraction >= 1) return [{ pValue: 1, test: 'ratio of means' }];
    // "canary < (1 - X) baseline" is "baseline > canary / (1 - X)".
    const r =
      side === 'up'
        ? ratioOfMeansGreater(canary, baseline, 1 + fraction)
        : ratioOfMeansGreater(baseline, canary, 1 / (1 - fraction));
    return [{ pValue: r.pValue, test: r.method }];
  }
  const d = pairedDifferences(canary, baseline, n, side, logScale);
  if (d === null) return [{ pValue: 1, test: 'signed-rank' }];
  if (n.test === 'mann-whitney') {
    const rank = signedRankGreater(d);
    return [{ pValue: rank.pValue, test: `Wilcoxon ${rank.method}` }];
  }
  // One test, not a Simes pair: under H0 at the boundary d is symmetric about 0 (the two tracks' noise is
  // exchangeable), where a t-test is robust, and trimming takes the spikes a rank test would otherwise be
  // needed for. A second test would halve the level of the first whenever only one of them sees the breach.
  const on = logScale ? ' on log ratios' : '';
  const t = trimmedTGreater(d);
  if (d.length !== SHORT_STAGE_INTERVALS) return [{ pValue: t.pValue, test: `${t.method}${on}` }];
  // Five intervals are too few to trim by default (3 values would be left), yet one spike among ten readings
  // (1 stage in 4 at a 3% spike rate) owns an untrimmed variance: a doubled p95 went unseen 14 times in 100 on
  // the engine bench. So the untrimmed and the 1+1 trimmed t are combined with Simes (valid for two tests on the
  // same data): the spike-free case pays at most a factor 2 on its p-value, the spiked one is caught.
  const trimmed = trimmedTGreater(d, 1);
  return [
    { pValue: t.pValue, test: `${t.method}${on}` },
    { pValue: trimmed.pValue, test: `${trimmed.method}${on}` },
  ];
}

/** The stage length at which the paired test adds a trimmed t beside the untrimmed one (see pairedSideTests). */
const SHORT_STAGE_INTERVALS = 5;

/** The t with P(T >= t) = p on df degrees of freedom, by bisection (the tail falls monotonically in t). */
function studentUpperQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (studentUpperTail(hi, df) > p) hi *= 2;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (studentUpperTail(mid, df) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Two-sided t interval of the mean per-interval change: in percent for log ratios or a percentage. */
function pairedInterval(
  canary: number[],
  baseline: number[],
  n: Normalized,
  logScale: boolean,
): [number, number] {
  const diffs = logScale
    ? canary.map((c, i) => Math.log(c) - Math.log(baseline[i]!))
    : canary.map((c, i) => c - baseline[i]!);
  const centre = mean(diffs);
  const half =
    studentUpperQuantile((1 - n.confidence) / 2, diffs.length - 1) *
    Math.sqrt(sampleVariance(diffs) / diffs.length);
  if (logScale) return [Math.expm1(centre - half) * 100, Math.expm1(centre + half) * 100];
  if (n.pct !== null) {
    const b = Math.abs(median(baseline));
    if (b !== 0) return [((centre - half) / b) * 100, ((centre + half) / b) * 100];
  }
  return [centre - half, centre + half];
}

/**
 * Judge a canary series against a baseline series (one value per interval and track, e.g. p95 latency).
 * Non-finite values (NaN from 0/0, gaps) are dropped and counted in the reason; too few values left is
 * 'inconclusive', never a pass.
 */
/** The verdict of `test: none`: the two tracks' point estimates against the allowed difference, no statistics. */
function pointComparison(
  tracks: { canary: TrackSummary; baseline: TrackSummary },
  breached: boolean,
  effectPct: number | null,
  reason: string,
): JudgeResult {
  return {
    verdict: breached ? 'breach' : 'within',
    method: 'threshold',
    ...tracks,
    effectPct,
    pValue: null,
    alpha: null,
    reason,
  };
}

export function judgeSamples(canaryIn: number[], baselineIn: number[], spec: ComparisonSpec): JudgeResult {
  const n = normalizeSpec(spec);
  if (n.test === 'counts') {
    throw new RangeError("spec.test: 'counts' needs event and traffic counts; call judgeCounts for counters");
  }
  if (!Array.isArray(canaryIn) || !Array.isArray(baselineIn)) {
    throw new TypeError('judgeSamples: canary and baseline must be arrays of numbers');
  }
  const usable = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  let canary: number[];
  let baseline: number[];
  let droppedText: string;
  if (n.pairing === 'by-interval') {
    if (canaryIn.length !== baselineIn.length) {
      throw new RangeError(
        `judgeSamples: pairing by-interval needs one value per interval on each track (equal lengths), got ${canaryIn.length} canary and ${baselineIn.length} baseline values`,
      );
    }
    // An interval missing on either track leaves no difference to take, so the whole pair goes.
    const keep = canaryIn.map((c, i) => usable(c) && usable(baselineIn[i]));
    canary = canaryIn.filter((_, i) => keep[i]);
    baseline = baselineIn.filter((_, i) => keep[i]);
    const droppedPairs = canaryIn.length - canary.length;
    droppedText =
      droppedPairs > 0
        ? ` (${droppedPairs} interval${droppedPairs === 1 ? '' : 's'} with a non-numeric value ignored)`
        : '';
  } else {
    canary = canaryIn.filter(usable);
    baseline = baselineIn.filter(usable);
    const dropped = canaryIn.length - canary.length + (baselineIn.length - baseline.length);
    droppedText = dropped > 0 ? ` (${dropped} non-numeric value${dropped === 1 ? '' : 's'} ignored)` : '';
  }
  const canarySummary = summarize(canary);
  const baselineSummary = summarize(baseline);
  const base = { canary: canarySummary, baseline: baselineSummary };

  if (canary.length < MIN_SAMPLES || baseline.length < MIN_SAMPLES) {
    return {
      verdict: 'inconclusive',
      method: n.test === 'none' ? 'threshold' : 'none',
      ...base,
      effectPct: null,
      pValue: null,
      alpha: null,
      reason:
        `only ${canary.length} canary and ${baseline.length} baseline samples${droppedText}; ` +
        `at least ${MIN_SAMPLES} of each are needed to judge ${allowedText(n)}`,
    };
  }

  const medianC = canarySummary.median!;
  const medianB = baselineSummary.median!;
  const effectPct = relativePct(medianC, medianB) ?? relativePct(canarySummary.mean!, baselineSummary.mean!);
  const sides = sidesOf(n.direction);
  const sizes =
    n.pairing === 'by-interval'
      ? `${canary.length} intervals paired`
      : `n=${canary.length}/${baseline.length}`;
  const head = `canary median ${fmt(medianC)} vs baseline ${fmt(medianB)} (${fmtPct(effectPct)}, ${sizes})${droppedText}`;

  if (n.test === 'none') {
    const breached = sides.some((side) => thresholdBreached(canary, baseline, n, side));
    return pointComparison(
      base,
      breached,
      effectPct,
      `${head}: canary mean ${fmt(canarySummary.mean!)} ${breached ? 'beyond' : 'within'} ${allowedText(n)} of baseline mean ${fmt(baselineSummary.mean!)} (point comparison, no statistics)`,
    );
  }

  const logScale = n.pct !== null && canary.every((v) => v > 0) && baseline.every((v) => v > 0);
  const alphaLook = lookAlpha(alphaOf(n.confidence), n.look);
  const paired = n.pairing === 'by-interval';
  // Zeros rule out logs; a percentage of a non-negative series is then a ratio of the tracks' means.
  const ratioOfMeans =
    paired &&
    n.pct !== null &&
    !logScale &&
    n.test === 'auto' &&
    canary.every((v) => v >= 0) &&
    baseline.every((v) => v >= 0);
  let best: SideTest & { side: Side } = {
    pValue: 1,
    test: paired ? 'signed-rank' : 'Mann-Whitney',
    side: sides[0]!,
  };
  for (const side of sides) {
    const candidates = paired
      ? pairedSideTests(canary, baseline, n, side, logScale, ratioOfMeans)
      : [mannWhitneySide(canary, baseline, n, side)];
    if (!paired && n.test === 'auto') candidates.push(welchSide(canary, baseline, n, side, logScale));
    // Simes over the tests of one side (valid for positively dependent statistics such as a rank test and a
    // t-test on the same data): adjusted p = min over i of (k / i) * p_(i). Bonferroni over the two sides.
    const ordered = [...candidates].sort((a, b) => a.pValue - b.pValue);
    ordered.forEach((c, i) => {
      const adjusted = Math.min(1, ((ordered.length * c.pValue) / (i + 1)) * sides.length);
      if (adjusted < best.pValue || (adjusted === best.pValue && best.pValue === 1))
        best = { ...c, pValue: adjusted, side };
    });
  }
  const method = paired
    ? ratioOfMeans
      ? 'paired-ratio-of-means'
      : n.test === 'auto'
        ? `paired-trimmed-t${logScale ? '-log' : ''}`
        : 'signed-rank'
    : n.test === 'auto'
      ? `mann-whitney+${logScale ? 'welch-log' : 'welch'}`
      : 'mann-whitney';
  const interval = paired
    ? pairedInterval(canary, baseline, n, logScale)
    : sampleInterval(canary, baseline, n, logScale);
  const confText = `${fmt(n.confidence * 100)}% confidence`;
  const minDetectablePct =
    n.pct !== null && paired
      ? seriesMinDetectablePct(canary, baseline, n.pct, n.direction, n.confidence, n.look, logScale)
      : null;
  if (ratioOfMeans) {
    const nonZero = (values: number[]) => values.filter((v) => v > 0).length;
    // The track whose mean the allowance multiplies must be estimated: the baseline going up, the canary going down.
    const reference = best.side === 'up' ? nonZero(baseline) : nonZero(canary);
    if (best.pValue <= alphaLook && reference < ZERO_HEAVY_MIN_NONZERO) {
      return {
        verdict: 'inconclusive',
        method,
        ...base,
        effectPct,
        pValue: best.pValue,
        alpha: alphaLook,
        minDetectablePct: null,
        reason:
          `${head}: a zero-heavy series (${nonZero(canary)} canary and ${nonZero(baseline)} baseline intervals above 0); ` +
          `at least ${ZERO_HEAVY_MIN_NONZERO} non-zero ${best.side === 'up' ? 'baseline' : 'canary'} values are needed for a valid test of ${allowedText(n)} at ${confText}, so no breach can be called yet`,
      };
    }
  }
  // No level left (a look past every one the stage may take) calls nothing, even on noise-free data (p = 0).
  const breach = alphaLook > 0 && best.pValue <= alphaLook;
  const evidence = `${best.test} p=${fmtP(best.pValue)} ${breach ? '<=' : '>'} alpha ${fmtP(alphaLook)}${lookText(n)}`;
  const reason = breach
    ? `${head}: ${best.side === 'up' ? 'above' : 'below'} the allowed ${allowedText(n)} at ${confText} (${evidence})`
    : `${head}: no evidence beyond the allowed ${allowedText(n)} at ${confText} (${evidence})`;
  return {
    verdict: breach ? 'breach' : 'within',
    method,
    ...base,
    effectPct,
    pValue: best.pValue,
    alpha: alphaLook,
    interval,
    minDetectablePct,
    reason,
  };
}

// ------------------------------------------------------------------------------------------------------------
// Counters

function validateCounts(input: CountsInput): { counts: EventCounts; scale: number } {
  if (!input || typeof input !== 'object') throw new TypeError('judgeCounts: expected an object of counts');
  for (const key of ['canaryEvents', 'canaryTotal', 'baselineEvents', 'baselineTotal'] as const) {
    const v = input[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`counts.${key}: expected a finite number >= 0, got ${String(v)}`);
    }
  }
  const scale = input.scale ?? 1;
  if (!(Number.isFinite(scale) && scale > 0))
    throw new RangeError(`counts.scale: expected a number > 0, got ${String(scale)}`);
  // Prometheus increase() extrapolates, so counts arrive as decimals; the tests need whole events.
  const counts = {
    canaryEvents: Math.round(input.canaryEvents),
    canaryTotal: input.canaryTotal,
    baselineEvents: Math.round(input.baselineEvents),
    baselineTotal: input.baselineTotal,
  };
  if (
    counts.canaryEvents > Math.ceil(counts.canaryTotal) ||
    counts.baselineEvents > Math.ceil(counts.baselineTotal)
  ) {
    throw new RangeError('judgeCounts: events exceed their total (expected events <= total on each track)');
  }
  return { counts, scale };
}

/** Clopper-Pearson interval for the canary's share of events, mapped to the rate ratio in percent. */
function ratioInterval(counts: EventCounts, confidence: number): [number, number] | undefined {
  const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
  const events = xc + xb;
  if (events === 0 || xb === 0) return undefined;
  const alphaHalf = (1 - confidence) / 2;
  // Both tails below rise with p, so each bound is found by bisection on [0, 1].
  const solve = (rising: (p: number) => number, target: number): number => {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (rising(mid) < target) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  // Lower: P(X >= xc | p) = alpha/2. Upper: P(X <= xc | p) = alpha/2, i.e. P(X >= xc + 1 | p) = 1 - alpha/2.
  const pLow = xc === 0 ? 0 : solve((p) => binomialUpperTail(xc, events, p), alphaHalf);
  const pHigh = solve((p) => binomialUpperTail(xc + 1, events, p), 1 - alphaHalf);
  const toRatioPct = (p: number): number => ((p / (1 - p)) * (tb / tc) - 1) * 100;
  return [toRatioPct(pLow), toRatioPct(pHigh)];
}

/**
 * Judge counters (events / traffic) on the counts themselves: sparse errors are weighed by the traffic they
 * came from, and 0 events on both tracks is 'within' with the traffic it rests on spelled out.
 */
export function judgeCounts(input: CountsInput, spec: ComparisonSpec): JudgeResult {
  const n = normalizeSpec(spec);
  if (n.test === 'mann-whitney') {
    throw new RangeError(
      "spec.test: 'mann-whitney' needs per-interval samples; call judgeSamples for series",
    );
  }
  const { counts, scale } = validateCounts(input);
  const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
  const rateC = tc > 0 ? (xc / tc) * scale : null;
  const rateB = tb > 0 ? (xb / tb) * scale : null;
  const base = {
    canary: { n: tc, median: rateC, mean: rateC, events: xc },
    baseline: { n: tb, median: rateB, mean: rateB, events: xb },
  };
  const head = `canary ${xc}/${fmt(tc)} (${rateC === null ? 'n/a' : fmt(rateC)}) vs baseline ${xb}/${fmt(tb)} (${rateB === null ? 'n/a' : fmt(rateB)})`;
  if (tc <= 0 || tb <= 0) {
    return {
      verdict: 'inconclusive',
      method: 'none',
      ...base,
      effectPct: null,
      pValue: null,
      alpha: null,
      reason: `${head}: no ${tc <= 0 ? 'canary' : 'baseline'} traffic, nothing to judge`,
    };
  }
  const effectPct = relativePct(rateC!, rateB!);
  const sides = sidesOf(n.direction);

  if (n.test === 'none') {
    const margin = n.pct !== null ? (n.pct / 100) * rateB! : n.delta!;
    const breached = sides.some((side) =>
      side === 'up' ? rateC! > rateB! + margin : rateC! < rateB! - margin,
    );
    return pointComparison(
      base,
      breached,
      effectPct,
      `${head}: ${breached ? 'beyond' : 'within'} ${allowedText(n)} (point comparison, no statistics)`,
    );
  }

  const alphaLook = lookAlpha(alphaOf(n.confidence), n.look);
  let pValue = 1;
  let side: Side = sides[0]!;
  for (const s of sides) {
    let p: number;
    if (n.pct !== null) {
      const fraction = n.pct / 100;
      p =
        s === 'up'
          ? rateRatioGreater(counts, 1 + fraction)
          : fraction >= 1
            ? 1
            : rateRatioLess(counts, 1 - fraction);
    } else {
      const deltaRate = n.delta! / scale;
      p =
        s === 'up'
          ? rateDifferenceGreater(counts, deltaRate)
          : rateDifferenceGreater(
              { canaryEvents: xb, canaryTotal: tb, baselineEvents: xc, baselineTotal: tc },
              deltaRate,
            );
    }
    const adjusted = Math.min(1, p * sides.length);
    if (adjusted < pValue) {
      pValue = adjusted;
      side = s;
    }
  }
  const method = n.pct !== null ? 'poisson-exact-conditional' : 'poisson-rate-difference';
  const breach = alphaLook > 0 && pValue <= alphaLook;
  const confText = `${fmt(n.confidence * 100)}% confidence`;
  const evidence = `p=${fmtP(pValue)} ${breach ? '<=' : '>'} alpha ${fmtP(alphaLook)}${lookText(n)}`;
  const interval = n.pct !== null ? ratioInterval(counts, n.confidence) : undefined;
  const minDetectablePct =
    n.pct !== null ? countsMinDetectablePct(counts, n.pct, n.direction, n.confidence, n.look) : null;
  let reason: string;
  if (breach) {
    reason = `${head}, ${fmtPct(effectPct)}: ${side === 'up' ? 'above' : 'below'} the allowed ${allowedText(n)} at ${confText} (${evidence})`;
  } else if (xc + xb === 0) {
    const bound = rateUpperBound(0, tc, n.confidence) * scale;
    reason =
      `${head}: no events on either track, so no evidence beyond ${allowedText(n)}; ` +
      `with ${fmt(tc)} canary requests its rate could still be up to ${fmt(bound)} (${fmt(n.confidence * 100)}% upper bound)`;
  } else {
    const bound = rateUpperBound(xc, tc, n.confidence) * scale;
    reason =
      `${head}, ${fmtPct(effectPct)}: no evidence beyond the allowed ${allowedText(n)} at ${confText} (${evidence}); ` +
      `canary rate up to ${fmt(bound)} (${fmt(n.confidence * 100)}% upper bound)`;
  }
  return {
    verdict: breach ? 'breach' : 'within',
    method,
    ...base,
    effectPct,
    pValue,
    alpha: alphaLook,
    ...(interval ? { interval } : {}),
    minDetectablePct,
    reason,
  };
}
