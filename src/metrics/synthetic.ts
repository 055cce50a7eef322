/**
 * A synthetic, seedable metric source for `simulate` and the demo: it plays a named scenario so a plan can be
 * exercised end to end without a service or a Prometheus.
 *
 * Values are a pure function of (seed, metric, track, at): the same inputs always give the same number, in any
 * call order. Noise is Gaussian with relative sd `noise`, clipped at 3 sd, so a healthy metric does not wander
 * over a threshold by a freak draw. The baseline track is always healthy; scenarios change the canary only,
 * from `onsetAt` seconds after `startAt`:
 *
 *   healthy            nothing changes.
 *   step-regression    (alias latency-regression) metrics whose name contains latency/p95/p99/age jump to
 *                      their breachValue at onset and stay there.
 *   error-spike        metrics whose name contains error/5xx/fail/reject jump to their breachValue at onset and
 *                      stay there (sustained, so a gate evaluating every interval is sure to see it).
 *   slow-burn          the latency-ish metrics drift linearly from healthy to breachValue over `burnSeconds`
 *                      (default 30 min), crossing the soft threshold first and the hard one later, then stay.
 *   flapping           the latency-ish metrics alternate bad (breachValue) and good (healthy) every
 *                      `flapPeriodSeconds` (set it to the stage interval: evaluations at onset + k*period see
 *                      bad, good, bad, ...).
 *   no-data            every canary query returns ok:false 'no-data' from onset.
 * When no metric matches a scenario's name pattern, the first profile is affected instead, so a scenario is
 * never a silent no-op; `affectedMetrics` tells the caller which metrics were chosen.
 * A breached value only gets noise in the worse direction, so it stays at least as bad as breachValue.
 * A query for a metric without a profile is 'no-data' (fail closed).
 */
import { ConfigurationError } from '../config/errors.js';
import { measured, unmeasurable } from './source.js';
import type { Measurement, MetricQuery, MetricSource, Track } from './source.js';

export const SYNTHETIC_SCENARIOS = [
  'healthy',
  'step-regression',
  'latency-regression',
  'slow-burn',
  'error-spike',
  'flapping',
  'no-data',
] as const;
export type SyntheticScenario = (typeof SYNTHETIC_SCENARIOS)[number];

export interface MetricProfile {
  metric: string;
  healthy: number;
  /** Relative standard deviation, e.g. 0.05 for 5 %. */
  noise: number;
  worseDirection: 'up' | 'down';
  /** A value clearly beyond the hard threshold. */
  breachValue: number;
}

export interface SyntheticSourceOptions {
  scenario: SyntheticScenario;
  profiles: MetricProfile[];
  startAt: Date;
  /** Seconds after startAt when the scenario begins. */
  onsetAt: number;
  seed: number;
  /** flapping: length of one good or bad phase, default 60 s. */
  flapPeriodSeconds?: number;
  /** slow-burn: time from healthy to breachValue, default 1800 s. */
  burnSeconds?: number;
}

const LATENCY_LIKE = /latency|p95|p99|age/i;
const ERROR_LIKE = /error|5xx|fail|reject/i;
const NOISE_CLIP_SD = 3;

export class SyntheticSource implements MetricSource {
  readonly affectedMetrics: readonly string[];
  private readonly profiles: Map<string, MetricProfile>;
  private readonly scenario: SyntheticScenario;
  private readonly startMs: number;
  private readonly onsetSeconds: number;
  private readonly seed: number;
  private readonly flapPeriodSeconds: number;
  private readonly burnSeconds: number;

  constructor(options: SyntheticSourceOptions) {
    if (!SYNTHETIC_SCENARIOS.includes(options.scenario)) {
      throw new ConfigurationError(
        `scenario: "${String(options.scenario)}" is not one of ${SYNTHETIC_SCENARIOS.join(', ')}`,
      );
    }
    if (options.profiles.length === 0)
      throw new ConfigurationError('synthetic source: at least one metric profile is needed');
    options.profiles.forEach(validateProfile);
    if (!(options.onsetAt >= 0))
      throw new ConfigurationError(`onsetAt: expected seconds >= 0, got ${options.onsetAt}`);
    if (!Number.isInteger(options.seed))
      throw new ConfigurationError(`seed: expected an integer, got ${options.seed}`);
    this.scenario = options.scenario;
    this.profiles = new Map(options.profiles.map((p) => [p.metric, p]));
    this.startMs = options.startAt.getTime();
    this.onsetSeconds = options.onsetAt;
    this.seed = options.seed >>> 0;
    this.flapPeriodSeconds = options.flapPeriodSeconds ?? 60;
    this.burnSeconds = options.burnSeconds ?? 1800;
    if (!(this.flapPeriodSeconds > 0))
      throw new ConfigurationError(`flapPeriodSeconds: expected > 0, got ${this.flapPeriodSeconds}`);
    if (!(this.burnSeconds > 0))
      throw new ConfigurationError(`burnSeconds: expected > 0, got ${this.burnSeconds}`);
    this.affectedMetrics = chooseAffected(options.scenario, options.profiles);
  }

  describe(): string {
    return `synthetic scenario "${this.scenario}" (seed ${this.seed}, onset +${this.onsetSeconds}s, affects ${this.affectedMetrics.join(', ') || 'nothing'})`;
  }

  async instant(q: MetricQuery, at: Date): Promise<Measurement> {
    const value = this.valueAt(q.metric, q.track, at);
    if (value === undefined) {
      const why = this.profiles.has(q.metric)
        ? `no data for the canary (the scenario's data stops at its onset)`
        : `no profile for metric "${q.metric}"`;
      return unmeasurable(
        q,
        at,
        'no-data',
        `${this.describe()}: ${why} at ${at.toISOString()}; query: ${q.query}`,
      );
    }
    return measured(q, at, value);
  }

  /** The scenario's value, or undefined where the scenario has no data. */
  valueAt(metric: string, track: Track, at: Date): number | undefined {
    const profile = this.profiles.get(metric);
    if (!profile) return undefined;
    const g = clippedGaussian(this.seed, metric, track, at.getTime());
    const healthyValue = withNoise(profile.healthy, profile.noise * g);
    const sinceOnset = (at.getTime() - this.startMs) / 1000 - this.onsetSeconds;
    if (track === 'baseline' || sinceOnset < 0) return healthyValue;
    if (this.scenario === 'no-data') return undefined;
    if (!this.affectedMetrics.includes(metric)) return healthyValue;
    const breached = worseNoise(profile, Math.abs(g));
    switch (this.scenario) {
      case 'healthy':
        return healthyValue;
      case 'step-regression':
      case 'latency-regression':
      case 'error-spike':
        return breached;
      case 'flapping':
        return Math.floor(sinceOnset / this.flapPeriodSeconds + 1e-9) % 2 === 0 ? breached : healthyValue;
      case 'slow-burn': {
        const progress = sinceOnset / this.burnSeconds;
        if (progress >= 1) return breached;
        const center = profile.healthy + (profile.breachValue - profile.healthy) * progress;
        return withNoise(center, profile.noise * g);
      }
    }
  }
}

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for noise, and the same in every JS engine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function chooseAffected(scenario: SyntheticScenario, profiles: MetricProfile[]): string[] {
  const names = profiles.map((p) => p.metric);
  const matching = (pattern: RegExp) => {
    const found = names.filter((n) => pattern.test(n));
    return found.length ? found : names.slice(0, 1);
  };
  switch (scenario) {
    case 'healthy':
      return [];
    case 'no-data':
      return names;
    case 'error-spike':
      return matching(ERROR_LIKE);
    default:
      return matching(LATENCY_LIKE);
  }
}

function validateProfile(p: MetricProfile, i: number): void {
  const at = `profiles[${i}] (${p.metric})`;
  if (!p.metric) throw new ConfigurationError(`profiles[${i}].metric: expected a metric name`);
  if (!Number.isFinite(p.healthy))
    throw new ConfigurationError(`${at}.healthy: expected a finite number, got ${p.healthy}`);
  if (!Number.isFinite(p.breachValue))
    throw new ConfigurationError(`${at}.breachValue: expected a finite number, got ${p.breachValue}`);
  if (!(p.noise >= 0))
    throw new ConfigurationError(`${at}.noise: expected a relative sd >= 0, got ${p.noise}`);
  if (p.worseDirection !== 'up' && p.worseDirection !== 'down') {
    throw new ConfigurationError(
      `${at}.worseDirection: expected "up" or "down", got ${String(p.worseDirection)}`,
    );
  }
  const worse = p.worseDirection === 'up' ? p.breachValue > p.healthy : p.breachValue < p.healthy;
  if (!worse) {
    throw new ConfigurationError(
      `${at}.breachValue: ${p.breachValue} is not worse than healthy ${p.healthy} (worse is ${p.worseDirection})`,
    );
  }
}

function withNoise(center: number, relative: number): number {
  const v = center * (1 + relative);
  // A quantity that is never negative when healthy (rates, percentages, latencies) stays non-negative.
  return center >= 0 ? Math.max(0, v) : v;
}

function worseNoise(p: MetricProfile, absG: number): number {
  const step = Math.abs(p.breachValue) * p.noise * absG;
  return p.worseDirection === 'up'
    ? p.breachValue + step
    : Math.max(p.breachValue >= 0 ? 0 : -Infinity, p.breachValue - step);
}

function clippedGaussian(seed: number, metric: string, track: Track, atMs: number): number {
  const random = mulberry32(hash32(`${seed}|${metric}|${track}|${atMs}`));
  // Box-Muller; 1 - u keeps log() away from 0.
  const u1 = 1 - random();
  const u2 = random();
  const g = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.max(-NOISE_CLIP_SD, Math.min(NOISE_CLIP_SD, g));
}

/** FNV-1a, 32 bit. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
