/**
 * The rules one guardrail shares between the point rule (evaluate.ts) and the baseline judge (baseline-judge.ts):
 * the values shown, the pass quorum over a window and the trend projection. Pure, like the rest of the core.
 */
import { formatDuration, type GuardrailConfig, type ThresholdLevelConfig } from '../config/index.js';
import { fmt, fmtPct, type GuardrailSpec, type MeasuredPoint, type WindowContext } from './observation.js';
import { levelText, meetsPass, relativePct, type Point } from './thresholds.js';
import { projectBreach, type TrendLine } from './trend.js';
import type { GuardrailSample } from './types.js';

/** Share of the window's measured samples that must meet a `pass` level (the latest one always must). */
export const PASS_QUORUM = 0.8;

/**
 * The lines a trend is fitted against. For a baseline comparison decided by the judge only the absolute keys get a
 * trend: its relative keys are the judge's, and a fit through per-interval ratios is the point rule by another name.
 */
export function trendLines(g: GuardrailConfig, relative = true): TrendTarget[] {
  const lines: TrendTarget[] = [];
  const canary = (p: Point) => p.canary;
  const change = (p: Point) => (p.baseline === undefined ? NaN : relativePct(p.canary, p.baseline));
  const distance = (p: Point) => (p.baseline === undefined ? NaN : Math.abs(p.canary - p.baseline));
  for (const level of ['soft', 'hard'] as const) {
    const l = g[level];
    if (!l) continue;
    const add = (
      worse: 'up' | 'down',
      limit: number | undefined,
      series: (p: Point) => number,
      what: string,
    ) => {
      if (limit !== undefined) lines.push({ line: { worse, limit }, series, what, level });
    };
    add('up', l.above, canary, 'canary');
    add('down', l.below, canary, 'canary');
    if (g.against === 'baseline' && relative) {
      add('up', l.increase, change, 'change vs baseline (%)');
      add('down', l.decrease === undefined ? undefined : -l.decrease, change, 'change vs baseline (%)');
      add('up', l.delta, distance, '|canary - baseline|');
    }
  }
  return lines;
}

/** A line a trend is fitted against: the series, the limit it must not cross, and the level it would breach. */
export interface TrendTarget {
  line: TrendLine;
  series: (p: Point) => number;
  what: string;
  level: 'soft' | 'hard';
}

export type SampleBase = Omit<GuardrailSample, 'status' | 'reason'>;

/** One measurable guardrail to decide: its measured samples (oldest first, the latest last), window and fixed fields. */
export interface MeasuredGuardrail {
  spec: GuardrailSpec;
  measured: MeasuredPoint[];
  window: WindowContext;
  base: SampleBase;
}

/** "canary 0.01 vs baseline 0.008 (+25%)" or "canary 120 ms". */
export function shownValues(spec: GuardrailSpec, current: MeasuredPoint): string {
  if (spec.config.against !== 'baseline') return `canary ${fmt(current.point.canary, spec.unit)}`;
  const { canary, baseline } = current.point;
  const rel = Number.isFinite(canary) && Number.isFinite(baseline) ? relativePct(canary, baseline!) : NaN;
  return `canary ${fmt(canary, spec.unit)} vs baseline ${fmt(baseline, spec.unit)} (${fmtPct(rel)})`;
}

/** The pass level over a window: PASS_QUORUM of the window's measured samples, and the latest one. */
export function passByPoints(
  level: ThresholdLevelConfig,
  measured: MeasuredPoint[],
  window: WindowContext,
  unit: string | undefined,
): { met: boolean; why: string; tally: string } {
  const current = measured[measured.length - 1]!;
  const windowStart = current.at - window.durationS * 1000;
  const inWindow = measured.filter((m) => m.at > windowStart);
  const met = inWindow.filter((m) => meetsPass(level, m.point)).length;
  const need = Math.ceil(PASS_QUORUM * inWindow.length);
  const currentMet = meetsPass(level, current.point);
  const tally = `${met}/${inWindow.length} samples of the last ${formatDuration(window.durationS)} meet ${levelText('pass', level, unit)} (${need} needed, and the latest)`;
  return {
    met: met >= need && currentMet,
    why: !currentMet ? 'the latest sample does not' : 'too few samples do',
    tally,
  };
}

export function trendSample(
  spec: GuardrailSpec,
  measured: MeasuredPoint[],
  window: WindowContext,
  base: SampleBase,
  shown: string,
  relative: boolean,
): GuardrailSample | undefined {
  const g = spec.config;
  if (g.trend === false) return undefined;
  for (const t of trendLines(g, relative)) {
    const points = measured.map((m): [number, number] => [m.at / 1000, t.series(m.point)]);
    const projection = projectBreach(points, window.holdS, t.line);
    if (projection) {
      return {
        ...base,
        status: 'trend',
        reason:
          `${spec.name}: ${shown} is within thresholds but trending toward ${levelText(t.level, g[t.level]!, spec.unit)}: ` +
          `the ${t.what} fit (slope ${Number(projection.slopePerMinute.toPrecision(3))}/min, r²=${projection.r2.toFixed(2)}) reaches ` +
          `${Number(projection.projected.toPrecision(4))} within the ${formatDuration(window.holdS)} hold horizon`,
      };
    }
  }
  return undefined;
}
