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
export function trendLines(
  g: GuardrailConfig,
  relative = true,
): Array<{ line: TrendLine; series: (p: Point) => number; what: string; level: 'soft' | 'hard' }> {
  const lines: Array<{
    line: TrendLine;
    series: (p: Point) => number;
    what: string;
    level: 'soft' | 'hard';
  }> = [];
  for (const levelName of ['soft', 'hard'] as const) {
    const l = g[levelName];
    if (!l) continue;
    const canary = (p: Point) => p.canary;
    const rel = (p: Point) => (p.baseline === undefined ? NaN : relativePct(p.canary, p.baseline));
    if (l.above !== undefined)
      lines.push({ line: { worse: 'up', limit: l.above }, series: canary, what: 'canary', level: levelName });
    if (l.below !== undefined)
      lines.push({
        line: { worse: 'down', limit: l.below },
        series: canary,
        what: 'canary',
        level: levelName,
      });
    if (g.against === 'baseline' && relative) {
      if (l.increase !== undefined)
        lines.push({
          line: { worse: 'up', limit: l.increase },
          series: rel,
          what: 'change vs baseline (%)',
          level: levelName,
        });
      if (l.decrease !== undefined)
        lines.push({
          line: { worse: 'down', limit: -l.decrease },
          series: rel,
          what: 'change vs baseline (%)',
          level: levelName,
        });
      if (l.delta !== undefined) {
        lines.push({
          line: { worse: 'up', limit: l.delta },
          series: (p) => (p.baseline === undefined ? NaN : Math.abs(p.canary - p.baseline)),
          what: '|canary - baseline|',
          level: levelName,
        });
      }
    }
  }
  return lines;
}

export type SampleBase = Omit<GuardrailSample, 'status' | 'reason'>;

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
