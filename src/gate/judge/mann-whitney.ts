import { mean, wilcoxonRankSum } from 'simple-statistics';
import { logChoose, normalUpperQuantile, normalUpperTail } from './distributions.js';

/**
 * Mann-Whitney U (Wilcoxon rank-sum) for two independent samples, the Hodges-Lehmann shift estimate with its
 * distribution-free confidence interval, and a Kayenta-style classifier built on them.
 *
 * U counts the pairs (x_i, y_j) with x_i > y_j (a tie counts one half). Without ties, and while C(m+n, m) < 2^53
 * (up to 28 values on each side), the p-value comes from the exact null distribution; otherwise from the normal
 * approximation with the tie-corrected variance and a continuity correction of 1/2.
 */

/** Exact counts stay exact integers in doubles while C(m+n, m) < 2^53 (m = n = 28 at most). */
const EXACT_MAX_LOG_COUNT = 53 * Math.LN2;

function exactApplies(m: number, n: number, pooledSorted: number[]): boolean {
  return !hasTies(pooledSorted) && logChoose(m + n, m) < EXACT_MAX_LOG_COUNT;
}

export interface RankTestResult {
  /** U for the first sample: pairs where it is the larger, ties counted as one half. */
  u: number;
  /** One-sided p-value for "the first sample is stochastically larger". */
  pValue: number;
  method: 'exact' | 'normal';
}

export interface ShiftInterval {
  /** Hodges-Lehmann estimate: the median of all pairwise differences x_i - y_j. */
  estimate: number;
  lower: number;
  upper: number;
}

/** Exact null distribution of U for sizes (m, n) without ties, as probabilities indexed by U = 0..m*n. */
const exactCache = new Map<string, Float64Array>();

function exactDistribution(m: number, n: number): Float64Array {
  const key = m <= n ? `${m},${n}` : `${n},${m}`;
  const cached = exactCache.get(key);
  if (cached) return cached;
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  const size = small * large;
  // The counts are the coefficients of the Gaussian binomial [m+n choose m]_q = prod_i (1 - q^(large+i)) / (1 - q^i).
  // Each partial product is itself a polynomial with non-negative integer coefficients (a smaller Gaussian
  // binomial), so the transient negatives of a multiply step cancel exactly for counts below 2^53.
  const counts = new Float64Array(size + 1);
  counts[0] = 1;
  for (let i = 1; i <= small; i++) {
    const up = large + i;
    for (let u = size; u >= up; u--) counts[u] = counts[u]! - counts[u - up]!;
    for (let u = i; u <= size; u++) counts[u] = counts[u]! + counts[u - i]!;
  }
  let total = 0;
  for (let u = 0; u <= size; u++) total += counts[u]!;
  for (let u = 0; u <= size; u++) counts[u] = counts[u]! / total;
  exactCache.set(key, counts);
  return counts;
}

function hasTies(sortedValues: number[]): boolean {
  for (let i = 1; i < sortedValues.length; i++) if (sortedValues[i] === sortedValues[i - 1]) return true;
  return false;
}

/** Sum of (t^3 - t) over groups of tied values in the pooled sample, for the tie-corrected variance. */
function tieTerm(sortedValues: number[]): number {
  let term = 0;
  let run = 1;
  for (let i = 1; i <= sortedValues.length; i++) {
    if (i < sortedValues.length && sortedValues[i] === sortedValues[i - 1]) run++;
    else {
      if (run > 1) term += run * run * run - run;
      run = 1;
    }
  }
  return term;
}

/** Variance of U under the null, corrected for ties. */
function uVariance(m: number, n: number, ties: number): number {
  const total = m + n;
  return ((m * n) / 12) * (total + 1 - ties / (total * (total - 1)));
}

/** One-sided Mann-Whitney test of "x is stochastically larger than y". */
export function mannWhitneyGreater(x: number[], y: number[]): RankTestResult {
  if (x.length === 0 || y.length === 0) throw new RangeError('mannWhitneyGreater: both samples need values');
  const m = x.length;
  const n = y.length;
  const u = wilcoxonRankSum(x, y) - (m * (m + 1)) / 2;
  const pooled = [...x, ...y].sort((a, b) => a - b);
  if (exactApplies(m, n, pooled)) {
    const dist = exactDistribution(m, n);
    let tail = 0;
    for (let k = Math.round(u); k <= m * n; k++) tail += dist[k]!;
    return { u, pValue: Math.min(1, tail), method: 'exact' };
  }
  const variance = uVariance(m, n, tieTerm(pooled));
  if (variance <= 0) return { u, pValue: 1, method: 'normal' };
  const z = (u - (m * n) / 2 - 0.5) / Math.sqrt(variance);
  return { u, pValue: normalUpperTail(z), method: 'normal' };
}

/**
 * Hodges-Lehmann shift of x over y and its two-sided confidence interval (Moses): the k-th smallest and k-th
 * largest pairwise differences, k taken from the exact U distribution or its tie-corrected normal approximation.
 */
export function hodgesLehmann(x: number[], y: number[], confidence: number): ShiftInterval {
  if (x.length === 0 || y.length === 0) throw new RangeError('hodgesLehmann: both samples need values');
  const m = x.length;
  const n = y.length;
  const diffs: number[] = [];
  for (const xi of x) for (const yj of y) diffs.push(xi - yj);
  diffs.sort((a, b) => a - b);
  const count = diffs.length;
  const mid = Math.floor(count / 2);
  const estimate = count % 2 === 1 ? diffs[mid]! : (diffs[mid - 1]! + diffs[mid]!) / 2;
  const alphaHalf = (1 - confidence) / 2;
  const pooled = [...x, ...y].sort((a, b) => a - b);
  let k: number;
  if (exactApplies(m, n, pooled)) {
    // k = the lower alpha/2 quantile of U: P(U < k) <= alpha/2 < P(U <= k).
    const dist = exactDistribution(m, n);
    let cumulative = 0;
    k = 0;
    while (k <= count && cumulative + dist[k]! <= alphaHalf) cumulative += dist[k++]!;
  } else {
    const sd = Math.sqrt(uVariance(m, n, tieTerm(pooled)));
    k = Math.floor(count / 2 - normalUpperQuantile(alphaHalf) * sd);
  }
  // With too few values for the requested confidence the interval is the whole range of differences.
  const index = Math.min(Math.max(k, 1), mid + 1);
  return { estimate, lower: diffs[index - 1]!, upper: diffs[count - index]! };
}

export type KayentaClassification = 'High' | 'Low' | 'Pass' | 'Nodata';

export interface KayentaOptions {
  direction: 'increase' | 'decrease' | 'both';
  /** Two-sided confidence of the Hodges-Lehmann interval (Kayenta's judge uses 0.98). */
  confidence?: number;
  /** Kayenta's tolerance: the interval must clear this fraction of |estimate| (0.25). */
  tolerance?: number;
  /** Kayenta's `effectSize.allowedIncrease`: mean ratio canary/baseline at or above which High is allowed (1.0). */
  allowedIncrease?: number;
  /** Kayenta's `effectSize.allowedDecrease` (1.0). */
  allowedDecrease?: number;
}

export interface KayentaResult {
  classification: KayentaClassification;
  meanRatio: number;
  interval: ShiftInterval | null;
}

/**
 * Kayenta's MannWhitneyClassifier rule, for comparison benchmarks and for users who want its semantics:
 * High when the interval's lower end exceeds tolerance * |HL estimate| and the mean ratio is at least
 * allowedIncrease; Low symmetrically. Identical or single-valued data pass; empty data is Nodata.
 */
export function kayentaClassify(
  canary: number[],
  baseline: number[],
  options: KayentaOptions,
): KayentaResult {
  const confidence = options.confidence ?? 0.98;
  const tolerance = options.tolerance ?? 0.25;
  const allowedIncrease = options.allowedIncrease ?? 1;
  const allowedDecrease = options.allowedDecrease ?? 1;
  if (canary.length === 0 || baseline.length === 0)
    return { classification: 'Nodata', meanRatio: 1, interval: null };
  const sortedC = [...canary].sort((a, b) => a - b);
  const sortedB = [...baseline].sort((a, b) => a - b);
  const identical = sortedC.length === sortedB.length && sortedC.every((v, i) => v === sortedB[i]);
  const distinct = new Set([...canary, ...baseline]).size;
  if (identical || distinct === 1) return { classification: 'Pass', meanRatio: 1, interval: null };
  const baselineMean = mean(baseline);
  const meanRatio = baselineMean === 0 ? 1 : mean(canary) / baselineMean;
  const interval = hodgesLehmann(canary, baseline, confidence);
  const critical = tolerance * Math.abs(interval.estimate);
  const high = options.direction !== 'decrease' && interval.lower > critical && meanRatio >= allowedIncrease;
  const low = options.direction !== 'increase' && interval.upper < -critical && meanRatio <= allowedDecrease;
  return { classification: high ? 'High' : low ? 'Low' : 'Pass', meanRatio, interval };
}
