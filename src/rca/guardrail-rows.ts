/**
 * A stage's guardrails at its decision as compact rows (value, thresholds, verdict, judge), the one shape the
 * release report and the stage's job summary both show instead of prose. Pure.
 */
import type { ReleasePlan } from '../config/index.js';
import { unitOf } from '../gate/metric-names.js';
import type { GuardrailSample, StageResult } from '../gate/types.js';
import { statusWord } from '../gate/warroom.js';

export interface GuardrailRow {
  name: string;
  /** `329 ms`, or `0.012 vs 0.009` against the baseline; `no data` when unmeasured. */
  value: string;
  thresholds: string;
  /** The war-room word: PASS, PENDING, PASS-UNMET, SUSPECT, SOFT, HARD, NO-DATA... */
  verdict: string;
  /** The judge's p-value and effect, or the regression the window could have detected; `—` for absolute levels. */
  judge: string;
}

function fmt(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/** The judge's evidence for a baseline comparison, compactly: p-value and effect, or what the window could not tell. */
export function judgeText(g: GuardrailSample): string {
  const judged = (g.judge ?? []).filter((j) => j.p_value !== null || j.effect_pct !== null);
  if (!judged.length) {
    if (g.against !== 'baseline') return '—';
    const mde = g.power?.min_detectable_pct;
    if (mde === undefined) return 'no judge verdict';
    return mde === null ? 'could detect no change yet' : `could detect ${fmt(mde)}% or more`;
  }
  const worst = judged.find((j) => j.verdict === 'breach') ?? judged[0]!;
  const parts = [
    worst.p_value !== null
      ? `p=${worst.p_value < 0.001 ? worst.p_value.toExponential(1) : fmt(worst.p_value)}`
      : null,
    worst.effect_pct !== null ? `effect ${worst.effect_pct >= 0 ? '+' : ''}${fmt(worst.effect_pct)}%` : null,
    worst.verdict === 'inconclusive' ? 'inconclusive' : null,
  ].filter(Boolean);
  return `${worst.level}: ${parts.join(', ')} (${worst.method})`;
}

/** One row per guardrail as the deciding sample saw it. */
export function guardrailRows(plan: ReleasePlan, result: Pick<StageResult, 'samples'>): GuardrailRow[] {
  return (result.samples.at(-1)?.guardrails ?? []).map((g) => {
    const unit = unitOf(g.metric, plan.metrics.queries[g.metric]);
    const value = (v: number | null) => (v === null ? 'no data' : `${fmt(v)}${unit ? ` ${unit}` : ''}`);
    return {
      name: g.name,
      value:
        g.against === 'baseline'
          ? `${value(g.values.canary)} vs ${value(g.values.baseline)}`
          : value(g.values.canary),
      thresholds: g.thresholds.join(' · '),
      verdict: statusWord(g),
      judge: judgeText(g),
    };
  });
}
