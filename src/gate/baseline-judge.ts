/**
 * Baseline comparisons decided by the judge, not by points (docs/gate.md, "Against the baseline").
 *
 * The relative keys of a level (`increase`, `decrease`, `delta`) are breached only when the judge finds the
 * breach over the stage so far, at this look's share of `1 - confidence` (judge/sequential.ts), so the judge's
 * bound on false breaches is the engine's bound. Points beyond the line are shown as `suspect` and decide
 * nothing. PROCEED needs the judge's `within` at the end of the window, whatever order the samples came in.
 * The absolute keys of the same guardrail (`above`, `below`) keep the point rules of every other guardrail.
 */
import { formatDuration, type ThresholdLevelConfig } from '../config/index.js';
import {
  DEFAULT_CONFIDENCE,
  MIN_SAMPLES,
  judgeCounts,
  judgeSamples,
  type ComparisonSpec,
  type JudgeResult,
} from './judge/index.js';
import { breachRun, iso, type GuardrailSpec, type MeasuredPoint, type WindowContext } from './observation.js';
import { absolutePart, breaches, levelText, relativePart, type LevelName } from './thresholds.js';
import type { GuardrailSample, JudgeSummary, PowerSummary } from './types.js';
import { passByPoints, shownValues, trendSample, type MeasuredGuardrail } from './guardrail-rules.js';

type Spec = Omit<ComparisonSpec, 'test' | 'confidence' | 'look'>;

function judgeSpecs(level: ThresholdLevelConfig): Spec[] {
  const specs: Spec[] = [];
  if (level.increase !== undefined) specs.push({ direction: 'increase', allowedPct: level.increase });
  if (level.decrease !== undefined) specs.push({ direction: 'decrease', allowedPct: level.decrease });
  if (level.delta !== undefined) specs.push({ direction: 'both', allowedDelta: level.delta });
  return specs;
}

/** Which test judges this guardrail, and why, in one sentence for the record. */
export function testReason(spec: GuardrailSpec, result: JudgeResult, countsError?: string): string {
  if (countsError) {
    return `series paired by interval (${result.method}): the counts derived from the ratio query (events ${spec.counts!.events}) could not be read at every sample (${countsError}), so the ratio itself is judged`;
  }
  if (spec.counts?.source === 'declared') {
    return `exact counts test on the declared counts (metrics.queries.${spec.metric}.counts), summed over the stage`;
  }
  if (spec.counts?.source === 'derived') {
    return `exact counts test on counts derived from the ratio query (events ${spec.counts.events}, total ${spec.counts.total}), summed over the stage`;
  }
  const series =
    result.method === 'paired-ratio-of-means'
      ? 'series paired by interval; the values include zeros, so a percentage is tested as a ratio of the tracks\u2019 means'
      : result.method.startsWith('paired-trimmed-t-log')
        ? 'series paired by interval, tested on log ratios (trimmed t)'
        : result.method === 'signed-rank'
          ? 'series paired by interval, signed-rank test (test: mann-whitney)'
          : `series paired by interval (${result.method})`;
  return spec.seriesBecause ? `${series}; ${spec.seriesBecause}` : series;
}

function judgeLevel(
  spec: GuardrailSpec,
  levelName: LevelName,
  measured: MeasuredPoint[],
  window: WindowContext,
): JudgeSummary | undefined {
  const g = spec.config;
  const level = relativePart(g[levelName]);
  if (!level) return undefined;
  const look = {
    index: Math.max(1, measured.length),
    planned: Math.max(1, window.plannedSamples),
    overtime: { perHold: Math.ceil(window.holdS / window.intervalS - 1e-9), holds: window.maxHolds },
  };
  const results: JudgeResult[] = [];
  // Counts for the whole stage or not at all: a stage judged on counts at some looks and on ratios at others
  // would answer two different questions.
  const countsError = measured.find((m) => m.countsError)?.countsError;
  const useCounts = spec.counts !== undefined && countsError === undefined;
  for (const s of judgeSpecs(level)) {
    try {
      if (useCounts) {
        const sum = { canaryEvents: 0, canaryTotal: 0, baselineEvents: 0, baselineTotal: 0 };
        for (const m of measured) {
          if (!m.counts) continue;
          sum.canaryEvents += m.counts.canaryEvents;
          sum.canaryTotal += m.counts.canaryTotal;
          sum.baselineEvents += m.counts.baselineEvents;
          sum.baselineTotal += m.counts.baselineTotal;
        }
        results.push(
          judgeCounts(
            { ...sum, scale: spec.counts!.scale },
            { ...s, test: g.test === 'counts' ? 'counts' : 'auto', confidence: g.confidence, look },
          ),
        );
      } else {
        results.push(
          judgeSamples(
            measured.map((m) => m.point.canary),
            measured.map((m) => m.point.baseline!),
            {
              ...s,
              test: g.test === 'mann-whitney' ? 'mann-whitney' : 'auto',
              confidence: g.confidence,
              look,
              // Both tracks are read at the same instants and share that interval's load: judged interval by
              // interval (docs/judge.md, "paired").
              pairing: 'by-interval',
            },
          ),
        );
      }
    } catch (e) {
      // Counts that do not add up (events > total after extrapolation) cannot be judged: inconclusive, never within.
      results.push({
        verdict: 'inconclusive',
        method: 'none',
        canary: { n: 0, median: null, mean: null },
        baseline: { n: 0, median: null, mean: null },
        effectPct: null,
        pValue: null,
        alpha: null,
        minDetectablePct: null,
        reason: `cannot be judged: ${(e as Error).message}`,
      });
    }
  }
  const chosen =
    results.find((r) => r.verdict === 'breach') ??
    results.find((r) => r.verdict === 'inconclusive') ??
    results[0]!;
  return {
    level: levelName,
    verdict: chosen.verdict,
    method: chosen.method,
    effect_pct: chosen.effectPct,
    p_value: chosen.pValue,
    reason: chosen.reason,
    test_reason: testReason(spec, chosen, countsError),
    min_detectable_pct: chosen.minDetectablePct ?? null,
  };
}

/** Since when the judge has found this level breached at every look (for a relative level with `for`). */
function judgedBreachSince(
  spec: GuardrailSpec,
  levelName: LevelName,
  measured: MeasuredPoint[],
  window: WindowContext,
): number {
  let since = measured[measured.length - 1]!.at;
  for (let k = measured.length - 1; k >= 1; k--) {
    const j = judgeLevel(spec, levelName, measured.slice(0, k), window);
    if (j?.verdict !== 'breach') break;
    since = measured[k - 1]!.at;
  }
  return since;
}

function powerOf(spec: GuardrailSpec, judged: JudgeSummary[]): PowerSummary | undefined {
  const g = spec.config;
  const levelName = g.soft && relativePart(g.soft) ? 'soft' : 'hard';
  const j = judged.find((x) => x.level === levelName);
  if (!j || j.min_detectable_pct === undefined) return undefined;
  const mde = j.min_detectable_pct;
  const required = g.min_detectable;
  return {
    min_detectable_pct: mde,
    confidence: g.confidence ?? DEFAULT_CONFIDENCE,
    ...(required !== undefined ? { required_pct: required } : {}),
    enough: required === undefined || (mde !== null && Math.abs(mde) <= required),
  };
}

/**
 * A judge's p-value for a breach at or below this, without reaching the look's level, leans toward a breach: a
 * canary at the very edge of its allowance shows a p-value this small at most one time in five, so it points at a
 * breach without proving one. The engine does not decide on a lean (it is no evidence at the
 * stage's confidence); a window that ends leaning is held, so the decision is taken at a hold's end with more
 * data, where the sequential design keeps a share of 1 - confidence (judge/sequential.ts). A healthy canary
 * rarely leans (its p-value is uniform at worst, at the very edge of its allowance), so holding costs it little
 * time, while a regression the planned window was too short to prove is then caught (bench/gate-accuracy.ts).
 */
export const LEANING_P = 0.2;

function leaningOf(judged: JudgeSummary[]): GuardrailSample['leaning'] {
  const lean = judged
    .filter(
      (j) => j.level !== 'pass' && j.verdict === 'within' && j.p_value !== null && j.p_value <= LEANING_P,
    )
    .sort((a, b) => a.p_value! - b.p_value!)[0];
  return lean ? { level: lean.level as 'soft' | 'hard', p_value: lean.p_value! } : undefined;
}

export function evaluateJudgedBaseline({ spec, measured, window, base }: MeasuredGuardrail): GuardrailSample {
  const g = spec.config;
  const current = measured[measured.length - 1]!;
  const now = current.at;
  const shown = shownValues(spec, current);
  const judged: JudgeSummary[] = [];
  const judgeAt = (levelName: LevelName): JudgeSummary | undefined => {
    const cached = judged.find((j) => j.level === levelName);
    if (cached) return cached;
    const j = judgeLevel(spec, levelName, measured, window);
    if (j) judged.push(j);
    return j;
  };
  // Judge every level up front, so that every sample's record carries every verdict and the power figure.
  for (const levelName of ['hard', 'soft', 'pass'] as const) judgeAt(levelName);
  const power = powerOf(spec, judged);
  const leaning = leaningOf(judged);
  const sample = (
    status: GuardrailSample['status'],
    reason: string,
    extra: Partial<GuardrailSample> = {},
  ) => ({
    ...base,
    status,
    reason,
    ...extra,
    ...(judged.length ? { judge: judged } : {}),
    ...(power ? { power } : {}),
    ...(leaning && (status === 'pass' || status === 'suspect') ? { leaning } : {}),
  });

  let pending: GuardrailSample['pending'];
  for (const levelName of ['hard', 'soft'] as const) {
    const level = g[levelName];
    if (!level) continue;
    const text = levelText(levelName, level, spec.unit);
    const absolute = absolutePart(level);
    if (absolute && breaches(absolute, current.point)) {
      const run = breachRun(absolute, measured);
      const heldS = (now - run.since!) / 1000;
      const forS = absolute.for ?? 0;
      if (heldS >= forS - 1e-6) {
        const how = absolute.for
          ? `held ${formatDuration(Math.round(heldS))} since ${iso(run.since!)}`
          : `at ${iso(now)}`;
        return sample(levelName, `${spec.name}: ${shown} breaches ${text}, ${how}`);
      }
      pending ??= { level: levelName, since: iso(run.since!), held_s: heldS, for_s: forS };
    }
    const j = judgeAt(levelName);
    if (j?.verdict === 'breach') {
      const forS = level.for ?? 0;
      const since = forS > 0 ? judgedBreachSince(spec, levelName, measured, window) : now;
      const heldS = (now - since) / 1000;
      if (heldS >= forS - 1e-6) {
        const how = forS > 0 ? `, held ${formatDuration(Math.round(heldS))} since ${iso(since)}` : '';
        return sample(
          levelName,
          `${spec.name}: ${shown}; the judge finds a breach of ${text}${how}: ${j.reason}`,
        );
      }
      pending ??= { level: levelName, since: iso(since), held_s: heldS, for_s: forS };
    }
  }
  if (pending) {
    return sample(
      'within',
      `${spec.name}: ${shown} is beyond ${levelText(pending.level, g[pending.level]!, spec.unit)} but not yet for its ${formatDuration(pending.for_s)} (held ${formatDuration(Math.round(pending.held_s))})`,
      { pending },
    );
  }

  const trend = trendSample(spec, measured, window, base, shown, false);
  if (trend) return { ...trend, ...(judged.length ? { judge: judged } : {}), ...(power ? { power } : {}) };

  const absolutePass = absolutePart(g.pass);
  if (absolutePass) {
    const pass = passByPoints(absolutePass, measured, window, spec.unit);
    if (!pass.met)
      return sample('within', `${spec.name}: ${shown}; not a pass yet, ${pass.why}: ${pass.tally}`);
  }
  const passJudge = judgeAt('pass');
  if (passJudge?.verdict === 'breach') {
    return sample(
      'within',
      `${spec.name}: ${shown}; not a pass yet, the judge finds the canary beyond ${levelText('pass', g.pass!, spec.unit)}: ${passJudge.reason}`,
    );
  }
  const undecided = judged.find((j) => j.verdict === 'inconclusive');
  if (undecided) {
    return sample(
      'inconclusive',
      `${spec.name}: ${shown}; the comparison with the baseline is inconclusive: ${undecided.reason}`,
    );
  }
  if (measured.length < MIN_SAMPLES) {
    return sample(
      'inconclusive',
      `${spec.name}: ${shown}; only ${measured.length} measured interval${measured.length === 1 ? '' : 's'}, at least ${MIN_SAMPLES} are needed before a baseline comparison can pass`,
    );
  }
  const verdicts = judged.map((j) => `${j.level}: ${j.reason}`).join('; ');
  const beyond = (['hard', 'soft'] as const).filter((l) => {
    const rel = relativePart(g[l]);
    return rel !== undefined && breaches(rel, current.point);
  });
  if (beyond.length) {
    return sample(
      'suspect',
      `${spec.name}: ${shown} is beyond ${levelText(beyond[0]!, g[beyond[0]!]!, spec.unit)} at this interval, but over the stage the judge finds no breach (a point decides nothing on its own): ${verdicts}`,
    );
  }
  return sample('pass', `${spec.name}: ${shown}, no breach of ${base.thresholds.join(', ')}; ${verdicts}`);
}
