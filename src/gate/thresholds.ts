/**
 * Threshold levels as conditions on one observation, and as the text shown beside every decision.
 *
 * A `soft`/`hard` level describes a breach: it is breached when ANY of its keys is (above OR below OR ...).
 * A `pass` level describes success: it is met when ALL of its keys are.
 * Every breach is strict: `above: 400` breaches at 400.1, not at 400 (like PromQL), and `increase: 40%` means
 * MORE than 40% above the baseline, so a canary equal to its baseline never breaches a 0% allowance. Relative keys
 * get a float-rounding margin in the canary's favour: a ratio exactly 40% above its baseline is not a breach even
 * when the division lands on 40.000000001%.
 */
import { formatDuration, type GuardrailConfig, type ThresholdLevelConfig } from '../config/index.js';

export type LevelName = 'pass' | 'soft' | 'hard';

/** One observation reduced to the numbers thresholds look at. */
export interface Point {
  canary: number;
  /** Baseline comparisons only. */
  baseline?: number;
}

const RELATIVE_TOLERANCE = 1e-9;

/** Canary relative to baseline, in percent. A zero baseline gives 0 (canary 0 too) or +-Infinity. */
export function relativePct(canary: number, baseline: number): number {
  if (baseline === 0) return canary === 0 ? 0 : canary > 0 ? Infinity : -Infinity;
  return ((canary - baseline) / Math.abs(baseline)) * 100;
}

function beyondAbove(value: number, limit: number): boolean {
  return value > limit + RELATIVE_TOLERANCE * Math.max(1, Math.abs(limit));
}

function beyondBelow(value: number, limit: number): boolean {
  return value < limit - RELATIVE_TOLERANCE * Math.max(1, Math.abs(limit));
}

/** Whether a soft/hard level is breached by one point. */
export function breaches(level: ThresholdLevelConfig, p: Point): boolean {
  if (level.above !== undefined && p.canary > level.above) return true;
  if (level.below !== undefined && p.canary < level.below) return true;
  if (p.baseline !== undefined) {
    const rel = relativePct(p.canary, p.baseline);
    if (level.increase !== undefined && beyondAbove(rel, level.increase)) return true;
    if (level.decrease !== undefined && beyondBelow(rel, -level.decrease)) return true;
    if (level.delta !== undefined && Math.abs(p.canary - p.baseline) > level.delta) return true;
  }
  return false;
}

/** Whether a pass level is met by one point (every key must hold). */
export function meetsPass(level: ThresholdLevelConfig, p: Point): boolean {
  if (level.above !== undefined && !(p.canary > level.above)) return false;
  if (level.below !== undefined && !(p.canary < level.below)) return false;
  if (level.increase !== undefined || level.decrease !== undefined || level.delta !== undefined) {
    if (p.baseline === undefined) return false;
    const rel = relativePct(p.canary, p.baseline);
    if (level.increase !== undefined && beyondAbove(rel, level.increase)) return false;
    if (level.decrease !== undefined && beyondBelow(rel, -level.decrease)) return false;
    if (level.delta !== undefined && !(Math.abs(p.canary - p.baseline) <= level.delta)) return false;
  }
  return true;
}

function num(v: number): string {
  return String(Number(v.toPrecision(6)));
}

export function withUnit(value: number, unit: string | undefined): string {
  const text = num(value);
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/** "soft > 250 ms for 5m", "hard > +40% vs baseline", "pass < 200 ms". */
export function levelText(name: LevelName, level: ThresholdLevelConfig, unit: string | undefined): string {
  const parts: string[] = [];
  const pass = name === 'pass';
  if (level.above !== undefined) parts.push(`> ${withUnit(level.above, unit)}`);
  if (level.below !== undefined) parts.push(`< ${withUnit(level.below, unit)}`);
  if (level.increase !== undefined) parts.push(`${pass ? '<=' : '>'} +${num(level.increase)}% vs baseline`);
  if (level.decrease !== undefined) parts.push(`${pass ? '>=' : '<'} -${num(level.decrease)}% vs baseline`);
  if (level.delta !== undefined)
    parts.push(`|canary - baseline| ${pass ? '<=' : '>'} ${withUnit(level.delta, unit)}`);
  const joined = parts.join(pass ? ' and ' : ' or ');
  return `${name} ${joined}${level.for ? ` for ${formatDuration(level.for)}` : ''}`;
}

/** The level's keys that compare with the baseline (judged statistically), or undefined if it has none. */
export function relativePart(level: ThresholdLevelConfig | undefined): ThresholdLevelConfig | undefined {
  if (!level) return undefined;
  const { increase, decrease, delta } = level;
  if (increase === undefined && decrease === undefined && delta === undefined) return undefined;
  return {
    ...(increase !== undefined ? { increase } : {}),
    ...(decrease !== undefined ? { decrease } : {}),
    ...(delta !== undefined ? { delta } : {}),
    ...(level.for !== undefined ? { for: level.for } : {}),
  };
}

/** The level's absolute keys (above/below, judged point by point), or undefined if it has none. */
export function absolutePart(level: ThresholdLevelConfig | undefined): ThresholdLevelConfig | undefined {
  if (!level) return undefined;
  const { above, below } = level;
  if (above === undefined && below === undefined) return undefined;
  return {
    ...(above !== undefined ? { above } : {}),
    ...(below !== undefined ? { below } : {}),
    ...(level.for !== undefined ? { for: level.for } : {}),
  };
}

export function thresholdTexts(g: GuardrailConfig, unit: string | undefined): string[] {
  return (['pass', 'soft', 'hard'] as const).flatMap((l) => (g[l] ? [levelText(l, g[l]!, unit)] : []));
}
