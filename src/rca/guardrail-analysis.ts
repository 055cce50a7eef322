/**
 * Per-guardrail figures over a whole release (every sample of every stage run): how close the canary came to
 * each breach level, how often it was unmeasured, held, soft- or hard-breached, and where. Pure.
 *
 * Closeness to a level is the measured quantity as a fraction of the limit: 1.0 is on the threshold, above 1.0
 * is past it. `above: 400` with canary 300 is 0.75; `below: 20` with canary 25 is 0.8; `increase: 25%` with the
 * canary 10% over the baseline is 0.4. A level with several keys takes the closest one.
 */
import type { GuardrailConfig, ReleasePlan, ThresholdLevelConfig } from '../config/index.js';
import { shortName, unitOf } from '../gate/metric-names.js';
import { levelText, relativePct, withUnit } from '../gate/thresholds.js';
import type { GuardrailSample, GuardrailStatus, StageResult } from '../gate/types.js';
import { trafficText } from './facts.js';

export interface GuardrailPoint {
  at: string;
  stageNumber: number;
  stageName: string;
  traffic: string;
  status: GuardrailStatus;
  canary: number | null;
  baseline: number | null;
  relative_pct: number | null;
  reason: string;
}

export interface Nearest {
  level: 'pass' | 'soft' | 'hard';
  /** e.g. `soft > 250 ms for 5m`. */
  threshold: string;
  closeness: number;
  point: GuardrailPoint;
}

export interface GuardrailAnalysis {
  name: string;
  metric: string;
  /** War-room short name, e.g. p95. */
  short: string;
  unit: string | undefined;
  against: 'baseline' | null;
  points: GuardrailPoint[];
  measured: number;
  unmeasured: number;
  statusCounts: Partial<Record<GuardrailStatus, number>>;
  /** The sample that came closest to a breach level (soft or hard; pass when it has neither). */
  nearest: Nearest | null;
  /** Stages of the plan that gate on this guardrail, by name. */
  gatedIn: string[];
  firstSoft: GuardrailPoint | null;
  firstHard: GuardrailPoint | null;
  firstTrend: GuardrailPoint | null;
}

function keyCloseness(level: ThresholdLevelConfig, p: GuardrailPoint): number | null {
  const c = p.canary;
  if (c === null || !Number.isFinite(c)) return null;
  const parts: number[] = [];
  if (level.above !== undefined && level.above > 0) parts.push(c / level.above);
  if (level.below !== undefined && level.below > 0) parts.push(c > 0 ? level.below / c : Infinity);
  const b = p.baseline;
  if (b !== null && Number.isFinite(b)) {
    const rel = p.relative_pct ?? relativePct(c, b);
    if (level.increase !== undefined && level.increase > 0) parts.push(rel / level.increase);
    if (level.decrease !== undefined && level.decrease > 0) parts.push(-rel / level.decrease);
    if (level.delta !== undefined && level.delta > 0) parts.push(Math.abs(c - b) / level.delta);
  }
  const finite = parts.filter((x) => !Number.isNaN(x));
  return finite.length ? Math.max(...finite) : null;
}

function pointOf(r: StageResult, at: string, g: GuardrailSample): GuardrailPoint {
  return {
    at,
    stageNumber: r.stage.index + 1,
    stageName: r.stage.name,
    traffic: trafficText(r.stage.traffic),
    status: g.status,
    canary: g.values.canary,
    baseline: g.values.baseline,
    relative_pct: g.values.relative_pct ?? null,
    reason: g.reason,
  };
}

export function analyzeGuardrails(plan: ReleasePlan, stages: StageResult[]): GuardrailAnalysis[] {
  const names: string[] = [];
  for (const r of stages) for (const g of r.guardrails) if (!names.includes(g.name)) names.push(g.name);
  return names.map((name) => {
    const config: GuardrailConfig | undefined = plan.guardrails[name];
    const summary = stages.flatMap((r) => r.guardrails).find((g) => g.name === name)!;
    const metric = summary.metric;
    const query = plan.metrics.queries[metric];
    const unit = unitOf(metric, query);
    const points = stages.flatMap((r) =>
      r.samples.flatMap((s) => s.guardrails.filter((g) => g.name === name).map((g) => pointOf(r, s.at, g))),
    );
    const statusCounts: Partial<Record<GuardrailStatus, number>> = {};
    for (const p of points) statusCounts[p.status] = (statusCounts[p.status] ?? 0) + 1;
    const levels = config ? (['soft', 'hard'] as const).filter((l) => config[l]) : [];
    const candidates: Array<'pass' | 'soft' | 'hard'> = levels.length
      ? [...levels]
      : config?.pass
        ? ['pass']
        : [];
    let nearest: Nearest | null = null;
    for (const p of points) {
      for (const level of candidates) {
        const closeness = keyCloseness(config![level]!, p);
        if (closeness === null) continue;
        if (!nearest || closeness > nearest.closeness) {
          nearest = { level, threshold: levelText(level, config![level]!, unit), closeness, point: p };
        }
      }
    }
    const first = (status: GuardrailStatus) => points.find((p) => p.status === status) ?? null;
    return {
      name,
      metric,
      short: shortName(metric, query),
      unit,
      against: summary.against,
      points,
      measured: points.filter((p) => p.status !== 'no-data').length,
      unmeasured: points.filter((p) => p.status === 'no-data').length,
      statusCounts,
      nearest,
      gatedIn: plan.stages.filter((s) => s.guardrails.includes(name)).map((s) => s.name),
      firstSoft: first('soft'),
      firstHard: first('hard'),
      firstTrend: first('trend'),
    };
  });
}

/** `450 ms`, `0.2%`, `+12.5% vs baseline`: a point's value as the guardrail compares it. */
export function pointValueText(a: Pick<GuardrailAnalysis, 'unit' | 'against'>, p: GuardrailPoint): string {
  if (p.canary === null) return 'no data';
  const canary = withUnit(p.canary, a.unit);
  if (a.against !== 'baseline' || p.baseline === null) return canary;
  const rel = p.relative_pct ?? relativePct(p.canary, p.baseline);
  const relText = Number.isFinite(rel) ? `${rel >= 0 ? '+' : ''}${Number(rel.toPrecision(3))}%` : 'n/a';
  return `${canary} vs baseline ${withUnit(p.baseline, a.unit)} (${relText})`;
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
