import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { EventCounts } from './counts.js';
import { normalUpperQuantile, studentUpperTail } from './distributions.js';
import { decisiveLook, lookAlpha, type Look } from './sequential.js';

/**
 * Minimum detectable effect: the smallest true change the judge would call a breach with POWER probability, given
 * the noise (series) or the traffic (counts) seen so far. It is computed at the level of the stage's final look
 * (or, past the plan, of the end of the hold in progress), so it answers "if the window ended now, how large a
 * regression could it have seen?". A normal approximation on the log scale: a figure to read, not a verdict.
 */
export const POWER = 0.8;

type Direction = 'increase' | 'decrease' | 'both';

function levelAt(confidence: number, look: Look | undefined, direction: Direction): number {
  const alpha = Number((1 - confidence).toPrecision(12));
  return lookAlpha(alpha, look ? decisiveLook(look) : undefined) / (direction === 'both' ? 2 : 1);
}

function studentUpperQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (studentUpperTail(hi, df) > p && hi < 1e6) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (studentUpperTail(mid, df) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Signed percent: positive for an increase, negative for a decrease. */
function fromRatio(ratio: number): number {
  return (ratio - 1) * 100;
}

/** Paired series: the spread of the per-interval log ratios (or differences, relative to the baseline mean). */
export function seriesMinDetectablePct(
  canary: number[],
  baseline: number[],
  allowedPct: number,
  direction: Direction,
  confidence: number,
  look: Look | undefined,
  logScale: boolean,
): number | null {
  const n = canary.length;
  if (n < 3 || baseline.length !== n) return null;
  const alpha = levelAt(confidence, look, direction);
  // Past every look the stage may take there is no level left: nothing could be detected any more.
  if (alpha <= 0) return null;
  const z = studentUpperQuantile(alpha, n - 1) + normalUpperQuantile(1 - POWER);
  const up = direction !== 'decrease';
  const fraction = allowedPct / 100;
  if (logScale) {
    const d = canary.map((c, i) => Math.log(c) - Math.log(baseline[i]!));
    const se = sampleStandardDeviation(d) / Math.sqrt(n);
    if (up) return fromRatio((1 + fraction) * Math.exp(z * se));
    return fraction >= 1 ? null : fromRatio((1 - fraction) * Math.exp(-z * se));
  }
  const level = Math.abs(mean(baseline));
  if (level === 0) return null;
  const d = canary.map((c, i) => c - baseline[i]!);
  const rel = (z * sampleStandardDeviation(d)) / Math.sqrt(n) / level;
  return up ? (fraction + rel) * 100 : fraction + rel >= 1 ? null : -(fraction + rel) * 100;
}

/** Counts: the log rate ratio's spread is sqrt(1/canary events + 1/baseline events) at the pooled rate. */
export function countsMinDetectablePct(
  counts: EventCounts,
  allowedPct: number,
  direction: Direction,
  confidence: number,
  look: Look | undefined,
): number | null {
  const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
  if (!(tc > 0 && tb > 0) || xc + xb === 0) return null;
  const alpha = levelAt(confidence, look, direction);
  if (alpha <= 0) return null;
  const rate = (xc + xb) / (tc + tb);
  const z = normalUpperQuantile(alpha) + normalUpperQuantile(1 - POWER);
  const fraction = allowedPct / 100;
  const up = direction !== 'decrease';
  if (!up && fraction >= 1) return null;
  const allowed = up ? 1 + fraction : 1 - fraction;
  // The canary's expected events depend on the ratio itself, so iterate to the fixed point (it converges fast).
  let ratio = allowed;
  for (let i = 0; i < 60; i++) {
    const se = Math.sqrt(1 / (rate * ratio * tc) + 1 / (rate * tb));
    const next = allowed * Math.exp((up ? 1 : -1) * z * se);
    if (!Number.isFinite(next)) return null;
    if (Math.abs(next - ratio) < 1e-9 * ratio) {
      ratio = next;
      break;
    }
    ratio = next;
  }
  return fromRatio(ratio);
}
