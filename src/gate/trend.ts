/**
 * "Metric < threshold, trend up -> 15-minute hold", made exact: a least-squares line through the
 * last TREND_POINTS measured values is extended to the end of the hold horizon; if it reaches the limit there,
 * the guardrail is trending toward a breach.
 *
 * Noise must not hold a release, so the fit has to be convincing: at least TREND_MIN_POINTS values, slope in
 * the worse direction, r^2 >= TREND_MIN_R2, and the latest value itself worse than the first of the fit.
 */
import { linearRegression, rSquared } from 'simple-statistics';

export const TREND_POINTS = 6;
export const TREND_MIN_POINTS = 4;
export const TREND_MIN_R2 = 0.6;

export interface TrendLine {
  /** 'up': larger is worse (a limit to stay below). 'down': smaller is worse. */
  worse: 'up' | 'down';
  limit: number;
}

export interface TrendProjection {
  slopePerMinute: number;
  r2: number;
  projected: number;
  /** Seconds from the latest point until the fit reaches the limit. */
  reachesInS: number;
}

/** `points` are [seconds, value], oldest first; returns the projection if it reaches the limit within the horizon. */
export function projectBreach(
  points: Array<[number, number]>,
  horizonS: number,
  line: TrendLine,
): TrendProjection | undefined {
  const recent = points.filter(([, v]) => Number.isFinite(v)).slice(-TREND_POINTS);
  if (recent.length < TREND_MIN_POINTS) return undefined;
  const t0 = recent[0]![0];
  const xy = recent.map(([t, v]): [number, number] => [t - t0, v]);
  const { m, b } = linearRegression(xy);
  const worseSlope = line.worse === 'up' ? m > 0 : m < 0;
  if (!worseSlope) return undefined;
  const first = recent[0]![1];
  const last = recent[recent.length - 1]![1];
  if (line.worse === 'up' ? last <= first : last >= first) return undefined;
  const fit = (x: number) => m * x + b;
  const r2 = rSquared(xy, fit);
  if (!(r2 >= TREND_MIN_R2)) return undefined;
  const lastX = xy[xy.length - 1]![0];
  const projected = fit(lastX + horizonS);
  const reached = line.worse === 'up' ? projected >= line.limit : projected <= line.limit;
  if (!reached) return undefined;
  const reachesInS = Math.max(0, (line.limit - fit(lastX)) / m);
  return { slopePerMinute: m * 60, r2, projected, reachesInS };
}
