import { mean, sampleVariance } from 'simple-statistics';
import { studentUpperTail } from './distributions.js';

/**
 * Welch's t-test of "mean(x) - mean(y) > margin", one-sided.
 *
 * The judge runs it beside Mann-Whitney because ranks ignore magnitude: a canary with 7 of 10 points at 100x the
 * baseline has the same ranks as one at 1.2x, and a rank test on 10 points cannot separate either from an
 * allowed 10% drift. On log values (latency-like, positive metrics) the t-test weighs how far the canary moved.
 */
export interface WelchResult {
  t: number;
  df: number;
  pValue: number;
}

export function welchGreater(x: number[], y: number[], margin: number): WelchResult {
  if (x.length < 2 || y.length < 2) throw new RangeError('welchGreater: each sample needs at least 2 values');
  const diff = mean(x) - mean(y) - margin;
  const vx = sampleVariance(x) / x.length;
  const vy = sampleVariance(y) / y.length;
  const se2 = vx + vy;
  if (se2 === 0) {
    // Both samples constant: there is no noise to weigh the difference against, so it is taken as measured.
    return {
      t: diff > 0 ? Infinity : diff < 0 ? -Infinity : 0,
      df: x.length + y.length - 2,
      pValue: diff > 0 ? 0 : 1,
    };
  }
  const t = diff / Math.sqrt(se2);
  // Welch-Satterthwaite degrees of freedom.
  const df = (se2 * se2) / ((vx * vx) / (x.length - 1) + (vy * vy) / (y.length - 1));
  return { t, df, pValue: studentUpperTail(t, df) };
}
