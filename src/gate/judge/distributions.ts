import { errorFunction, gammaln, probit } from 'simple-statistics';

/**
 * Tail probabilities the judge needs, built on simple-statistics' special functions.
 *
 * simple-statistics' `cumulativeStdNormalProbability` reads a 4-digit table (z in steps of 0.01), too coarse for
 * the small per-look alphas of a sequential test, so the normal tail is taken from its `errorFunction` (a
 * Chebyshev fit with relative error below 1.2e-7, good far into the tail) and its `probit` is polished by Newton
 * steps on that tail.
 */

/** P(Z >= z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  // errorFunction(x) = 1 - tau for x >= 0 with tau fitted directly, so 0.5 * (1 - erf) keeps its relative precision.
  if (z >= 0) return 0.5 * (1 - errorFunction(z / Math.SQRT2));
  return 1 - 0.5 * (1 - errorFunction(-z / Math.SQRT2));
}

/** The z with P(Z >= z) = p. */
export function normalUpperQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalUpperQuantile: p must be in (0, 1), got ${p}`);
  let z = probit(1 - p);
  // probit uses Winitzki's closed form (about 3 significant digits); Newton on the accurate tail fixes that.
  for (let i = 0; i < 4; i++) {
    const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    if (density === 0) break;
    z += (normalUpperTail(z) - p) / density;
  }
  return z;
}

/** Continued fraction for the regularized incomplete beta (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return h;
}

/** I_x(a, b), the regularized incomplete beta function. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(1 - x);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T >= t) for Student's t with `df` degrees of freedom (df may be fractional, as Welch's is). */
export function studentUpperTail(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const x = df / (df + t * t);
  const bothTails = regularizedBeta(x, df / 2, 0.5);
  return t >= 0 ? bothTails / 2 : 1 - bothTails / 2;
}

/** log C(n, k). */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (k === 0 || k === n) return 0;
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/**
 * P(X >= k) for X ~ Binomial(n, p), summed exactly in log space. Through the identity with the incomplete beta,
 * P(X >= k) = I_p(k, n - k + 1), which stays accurate for the large n of busy services.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return regularizedBeta(p, k, n - k + 1);
}
