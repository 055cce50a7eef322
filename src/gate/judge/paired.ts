import { mean, sampleVariance } from 'simple-statistics';
import { normalUpperTail, studentUpperTail } from './distributions.js';

/**
 * One-sample tests on per-interval differences d_i = canary_i - baseline_i (or log ratios), for series whose two
 * tracks were sampled at the same instants. Both tracks sit behind the same load balancer and share traffic
 * swings, dependencies and time of day, so those swings cancel in d_i and only the tracks' own noise remains:
 * with load swings of 20% and 5% track noise, the spread of d_i is about a quarter of the spread of either track.
 * Every function tests H0 "the centre of d is <= 0" against "it is > 0"; callers move the allowance into d.
 */

export interface PairedTestResult {
  /** One-sided p-value for "d is centred above 0". */
  pValue: number;
  method: string;
}

/** Signed-rank null distribution for n values without ties, as probabilities of W+ = 0..n(n+1)/2. */
const signedRankCache = new Map<number, Float64Array>();

/** Exact up to this many non-zero differences: 2^n subsets, probabilities halved per step, no overflow. */
const SIGNED_RANK_EXACT_MAX = 50;

function signedRankDistribution(n: number): Float64Array {
  const cached = signedRankCache.get(n);
  if (cached) return cached;
  const max = (n * (n + 1)) / 2;
  let dist = new Float64Array(max + 1);
  dist[0] = 1;
  // Each rank r joins W+ with probability 1/2: dist'(w) = (dist(w) + dist(w - r)) / 2.
  for (let r = 1; r <= n; r++) {
    const next = new Float64Array(max + 1);
    for (let w = 0; w <= max; w++) {
      next[w] = (dist[w]! + (w >= r ? dist[w - r]! : 0)) / 2;
    }
    dist = next;
  }
  signedRankCache.set(n, dist);
  return dist;
}

/** Average ranks of |values| (ties share their mean rank) and the tie term sum(t^3 - t). */
function absoluteRanks(values: number[]): { ranks: number[]; ties: number } {
  const order = values.map((v, i) => ({ a: Math.abs(v), i })).sort((x, y) => x.a - y.a);
  const ranks = new Array<number>(values.length);
  let ties = 0;
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && order[end]!.a === order[start]!.a) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!.i] = rank;
    const t = end - start;
    if (t > 1) ties += t * t * t - t;
    start = end;
  }
  return { ranks, ties };
}

/**
 * Wilcoxon signed-rank test of "d is centred above 0". Zero differences carry no sign and are dropped
 * (Wilcoxon's convention). Exact without ties up to 50 values; otherwise the normal approximation with the
 * tie-corrected variance and a continuity correction of 1/2.
 */
export function signedRankGreater(d: number[]): PairedTestResult {
  const nonZero = d.filter((v) => v !== 0);
  const n = nonZero.length;
  if (n === 0) return { pValue: 1, method: 'signed-rank' };
  const { ranks, ties } = absoluteRanks(nonZero);
  let wPlus = 0;
  nonZero.forEach((v, i) => {
    if (v > 0) wPlus += ranks[i]!;
  });
  if (ties === 0 && n <= SIGNED_RANK_EXACT_MAX) {
    const dist = signedRankDistribution(n);
    let tail = 0;
    for (let w = Math.round(wPlus); w < dist.length; w++) tail += dist[w]!;
    return { pValue: Math.min(1, tail), method: 'signed-rank (exact)' };
  }
  const expected = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - ties / 48;
  if (variance <= 0) return { pValue: 1, method: 'signed-rank (normal)' };
  return {
    pValue: normalUpperTail((wPlus - expected - 0.5) / Math.sqrt(variance)),
    method: 'signed-rank (normal)',
  };
}

/**
 * Values trimmed from each end for n differences: none below 6, then one (up to 14), then n / 10 rounded (2 of 15,
 * 3 of 30). One spike on either track in a short stage (8 intervals of 2 minutes) would otherwise own the
 * variance: at a 3% spike rate, 4 stages in 10 have one, and with it a +50% regression hid 1 time in 5
 * (bench/gate-accuracy.ts); trimming one from each end costs two degrees of freedom and brings that to 1 in 25.
 * An intermittent regression on 70% of intervals keeps nearly all of its weight.
 */
export function defaultTrimCount(n: number): number {
  return n < 6 ? 0 : Math.max(1, Math.round(n / 10));
}

/**
 * Trimmed one-sample t (Tukey-McLaughlin): drop the `trim` lowest and highest differences, test the trimmed mean
 * with the winsorized variance on h - 1 degrees of freedom (h values kept). Trimming keeps the t-test's sense of
 * magnitude (seven intervals at 2x are far more than an allowed +10%, where ranks only see "above") while a
 * spike no longer inflates the variance. With nothing trimmed this is the paired t-test.
 */
export function trimmedTGreater(d: number[], trim = defaultTrimCount(d.length)): PairedTestResult {
  const n = d.length;
  if (n < 2) throw new RangeError('trimmedTGreater: needs at least 2 differences');
  if (!Number.isInteger(trim) || trim < 0 || n - 2 * trim < 2) {
    throw new RangeError(
      `trimmedTGreater: trim must be an integer leaving at least 2 of ${n} values, got ${trim}`,
    );
  }
  const g = trim;
  const sorted = [...d].sort((a, b) => a - b);
  const kept = sorted.slice(g, n - g);
  const h = kept.length;
  const method = g === 0 ? 'paired t' : `paired t trimmed ${g}+${g}`;
  const winsorized = sorted.map((v, i) => (i < g ? sorted[g]! : i >= n - g ? sorted[n - g - 1]! : v));
  const sw2 = sampleVariance(winsorized);
  const centre = mean(kept);
  if (sw2 === 0) {
    // Every difference equal after winsorizing: no noise to weigh the centre against, so it is taken as measured.
    return { pValue: centre > 0 ? 0 : 1, method };
  }
  const t = ((h / n) * Math.sqrt(n) * centre) / Math.sqrt(sw2);
  return { pValue: studentUpperTail(t, h - 1), method };
}

/**
 * Ratio of means for non-negative series with zeros (error counts per interval, queue drops): is the canary's
 * mean more than `ratio` times the baseline's? The differences d_i = canary_i - ratio * baseline_i have mean
 * mu_c - ratio * mu_b, so their mean tests the ratio of the means, not the value-by-value shift a log ratio or a
 * shifted baseline would (with zeros those answer "non-zero more often", not "more than ratio times as much").
 * d is skewed (rare large baseline values enter as large negatives), where the plain t is anti-conservative on the
 * upper tail, so the statistic carries Johnson's (1978) skewness correction; nothing is trimmed, because trimming
 * moves the centre of a skewed distribution away from its mean. Whether the data support this test at all
 * (enough non-zero values on each track) is the caller's question: see zeroHeavySupport in index.ts.
 */
export function ratioOfMeansGreater(canary: number[], baseline: number[], ratio: number): PairedTestResult {
  const d = canary.map((c, i) => c - ratio * baseline[i]!);
  const n = d.length;
  if (n < 2) throw new RangeError('ratioOfMeansGreater: needs at least 2 intervals');
  const m = mean(d);
  const s2 = sampleVariance(d);
  const method = 'ratio of means (Johnson t)';
  if (s2 === 0) return { pValue: m > 0 ? 0 : 1, method };
  const mu3 = d.reduce((acc, v) => acc + (v - m) ** 3, 0) / n;
  const corrected = m + mu3 / (6 * s2 * n) + (mu3 / (3 * s2 * s2)) * m * m;
  const t = corrected / Math.sqrt(s2 / n);
  return { pValue: studentUpperTail(t, n - 1), method };
}
