import { binomialUpperTail, normalUpperTail, regularizedBeta } from './distributions.js';

/**
 * Tests on event counts and the traffic behind them, for ratios such as errors / requests.
 *
 * Events on each track are modelled as Poisson with rate r * traffic (rare events among many requests).
 * Conditional on the total number of events E = x_c + x_b, the canary's share is Binomial(E, p) with
 * p = r_c T_c / (r_c T_c + r_b T_b), which no longer depends on the unknown baseline rate. A null hypothesis
 * "r_c <= k r_b" therefore becomes the exact binomial test p <= k T_c / (k T_c + T_b): the uniformly most
 * powerful unbiased test for a ratio of Poisson rates. It uses exactly what was observed, so 2 errors in 50
 * canary requests against 0 in 5000 is judged on those numbers, and 0 against 0 carries no evidence at all.
 */

export interface EventCounts {
  canaryEvents: number;
  canaryTotal: number;
  baselineEvents: number;
  baselineTotal: number;
}

/** P-value for "r_c > ratio * r_b" (null: r_c <= ratio * r_b). */
export function rateRatioGreater(counts: EventCounts, ratio: number): number {
  const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
  const events = xc + xb;
  if (events === 0 || xc === 0) return 1;
  const share = (ratio * tc) / (ratio * tc + tb);
  return binomialUpperTail(xc, events, share);
}

/** P-value for "r_c < ratio * r_b" (null: r_c >= ratio * r_b). */
export function rateRatioLess(counts: EventCounts, ratio: number): number {
  const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
  const events = xc + xb;
  if (events === 0 || xc === events) return 1;
  if (ratio <= 0) return 1;
  const share = (ratio * tc) / (ratio * tc + tb);
  return 1 - binomialUpperTail(xc + 1, events, share);
}

/**
 * P-value for "r_c - r_b > delta" (rates per unit of traffic). There is no exact conditional test for a
 * difference, so this is a score-style z-test with the variance evaluated on the null boundary
 * (r_c = r_b + delta, r_b from the pooled counts): approximate when both tracks saw only a few events.
 */
export function rateDifferenceGreater(counts: EventCounts, delta: number): number {
  const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
  const observed = xc / tc - xb / tb;
  const baseRate = Math.max(0, (xc + xb - delta * tc) / (tc + tb));
  const variance = (baseRate + delta) / tc + baseRate / tb;
  if (variance <= 0) return observed > delta ? 0 : 1;
  return normalUpperTail((observed - delta) / Math.sqrt(variance));
}

/**
 * One-sided upper confidence bound for a rate from `events` in `total` (Clopper-Pearson, by bisection on the
 * binomial tail). With 0 events this is the "rule of three" bound that says how much traffic 0 errors rests on.
 */
export function rateUpperBound(events: number, total: number, confidence: number): number {
  if (total <= 0) return 1;
  const n = Math.max(Math.round(total), events, 1);
  if (events >= n) return 1;
  const alpha = 1 - confidence;
  // P(X <= events | p) = 1 - I_p(events + 1, n - events) falls with p; find where it equals alpha.
  let lo = events / n;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    const lowerTail = 1 - regularizedBeta(mid, events + 1, n - events);
    if (lowerTail > alpha) lo = mid;
    else hi = mid;
  }
  return hi;
}
