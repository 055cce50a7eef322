/**
 * The decision core, pure: no I/O, no clock. `evaluateGuardrail` turns one guardrail's history of observations
 * into its status at the latest sample; `decide` combines the statuses of a sample with the stage's state into
 * "keep sampling", "hold" or a final decision. docs/gate.md states every rule below in prose, with an example.
 */
import { formatDuration, type StageConfig } from '../config/index.js';
import { LEANING_P, evaluateJudgedBaseline } from './baseline-judge.js';
import {
  passByPoints,
  shownValues,
  trendSample,
  type MeasuredGuardrail,
  type SampleBase,
} from './guardrail-rules.js';
import {
  breachRun,
  iso,
  isMeasured,
  toMeasured,
  type GuardrailSpec,
  type Observation,
  type WindowContext,
} from './observation.js';
import { breaches, levelText, relativePct, thresholdTexts } from './thresholds.js';
import {
  SEVERITY,
  worstOf,
  type Decision,
  PROCEEDING_STATUSES,
  type GuardrailSample,
  type SampleState,
  type TrackValues,
} from './types.js';

// ---------------------------------------------------------------------------------------------------------------
// Defaults (docs/gate.md, "How a gate decides")

export const DEFAULT_HOLD_S = 15 * 60;
export const DEFAULT_MAX_HOLDS = 2;
export const DEFAULT_MAX_NO_DATA = 3;
/** Baseline comparisons without `for`: consecutive breaching samples that confirm a breach. */
export const BASELINE_CONFIRMATIONS = 2;

// ---------------------------------------------------------------------------------------------------------------
// Inputs (observation.ts)

export type {
  CountsPlan,
  CountsReading,
  GuardrailSpec,
  Observation,
  Reading,
  WindowContext,
} from './observation.js';

// ---------------------------------------------------------------------------------------------------------------
// One guardrail

export function valuesOf(latest: Observation): TrackValues {
  const canary = latest.canary.ok ? latest.canary.value : null;
  const baseline = latest.baseline?.ok ? latest.baseline.value : null;
  const values: TrackValues = { canary, baseline };
  if (latest.baseline !== undefined) {
    values.relative_pct = canary !== null && baseline !== null ? relativePct(canary, baseline) : null;
    values.delta = canary !== null && baseline !== null ? canary - baseline : null;
    // JSON has no Infinity: a change against a zero baseline is reported as null with the values beside it.
    if (values.relative_pct !== null && !Number.isFinite(values.relative_pct)) values.relative_pct = null;
  }
  return values;
}

/**
 * The status of one guardrail at the latest observation of `history` (oldest first, the latest last).
 * A baseline comparison (test other than `none`) is decided by the judge: see baseline-judge.ts. Every other
 * guardrail by its points, in this order: unmeasurable -> no-data; hard sustained -> hard; soft sustained -> soft;
 * a breach pending its `for` -> within; a trend reaching a breach within the hold horizon -> trend; then pass or
 * within.
 */
export function evaluateGuardrail(
  spec: GuardrailSpec,
  history: Observation[],
  window: WindowContext,
): GuardrailSample {
  const g = spec.config;
  const against = g.against === 'baseline';
  const latest = history[history.length - 1];
  if (!latest) throw new RangeError(`evaluateGuardrail(${spec.name}): no observation`);
  const base = baseSample(spec, latest);
  const declared = spec.counts?.source === 'declared';
  if (!isMeasured(latest, against, declared)) return unmeasuredSample(spec, latest, base);
  const measured = history.filter((o) => isMeasured(o, against, declared)).map(toMeasured);
  const guardrail = { spec, measured, window, base };
  return against && g.test !== 'none' ? evaluateJudgedBaseline(guardrail) : evaluateByPoints(guardrail);
}

export function baseSample(spec: GuardrailSpec, latest: Observation): SampleBase {
  const against = spec.config.against === 'baseline';
  return {
    name: spec.name,
    metric: spec.metric,
    against: against ? ('baseline' as const) : null,
    values: valuesOf(latest),
    thresholds: thresholdTexts(spec.config, spec.unit),
    query: spec.query,
  };
}

function unmeasuredSample(spec: GuardrailSpec, latest: Observation, base: SampleBase): GuardrailSample {
  const against = spec.config.against === 'baseline';
  const problems: NonNullable<GuardrailSample['unmeasurable']> = [];
  const countsProblem = latest.counts && !latest.counts.ok ? latest.counts : undefined;
  if (countsProblem && spec.counts?.source === 'declared') {
    problems.push({
      track: countsProblem.track,
      reason: countsProblem.reason,
      message: `counts: ${countsProblem.message}`,
    });
  } else {
    if (!latest.canary.ok)
      problems.push({ track: 'canary', reason: latest.canary.reason, message: latest.canary.message });
    if (against && latest.baseline && !latest.baseline.ok)
      problems.push({ track: 'baseline', reason: latest.baseline.reason, message: latest.baseline.message });
    if (countsProblem)
      problems.push({
        track: countsProblem.track,
        reason: countsProblem.reason,
        message: `derived counts: ${countsProblem.message}`,
      });
  }
  const what = problems.map((p) => `${p.track} ${p.reason}`).join(', ');
  return {
    ...base,
    status: 'no-data',
    reason: `${spec.name}: ${spec.metric} unmeasurable (${what}); fail closed, not a pass: ${problems[0]!.message}`,
    unmeasurable: problems,
  };
}

/** Absolute guardrails, and baseline comparisons with `test: none` (the plain point rule, by request). */
function evaluateByPoints({ spec, measured, window, base }: MeasuredGuardrail): GuardrailSample {
  const g = spec.config;
  const against = g.against === 'baseline';
  const current = measured[measured.length - 1]!;
  const now = current.at;
  const shown = shownValues(spec, current);

  let pending: GuardrailSample['pending'];
  for (const levelName of ['hard', 'soft'] as const) {
    const level = g[levelName];
    if (!level || !breaches(level, current.point)) continue;
    const run = breachRun(level, measured);
    const heldS = (now - run.since!) / 1000;
    const text = levelText(levelName, level, spec.unit);
    let sustained: boolean;
    let how: string;
    let forS: number;
    if (level.for !== undefined) {
      forS = level.for;
      sustained = heldS >= level.for - 1e-6;
      how = `held ${formatDuration(Math.round(heldS))} since ${iso(run.since!)}`;
    } else if (against) {
      forS = window.intervalS;
      sustained = run.length >= BASELINE_CONFIRMATIONS;
      how = `on ${run.length} consecutive sample${run.length === 1 ? '' : 's'} (${BASELINE_CONFIRMATIONS} confirm a baseline breach with test: none)`;
    } else {
      forS = 0;
      sustained = true;
      how = `at ${iso(now)}`;
    }
    if (sustained) {
      return { ...base, status: levelName, reason: `${spec.name}: ${shown} breaches ${text}, ${how}` };
    }
    pending ??= { level: levelName, since: iso(run.since!), held_s: heldS, for_s: forS };
  }
  if (pending) {
    const level = g[pending.level]!;
    return {
      ...base,
      status: 'within',
      pending,
      reason: `${spec.name}: ${shown} is beyond ${levelText(pending.level, level, spec.unit)} but not yet confirmed (held ${formatDuration(Math.round(pending.held_s))} of ${formatDuration(pending.for_s)}${against && level.for === undefined ? `, ${BASELINE_CONFIRMATIONS} consecutive samples needed` : ''})`,
    };
  }

  const trend = trendSample(spec, measured, window, base, shown, true);
  if (trend) return trend;

  if (g.pass) {
    const pass = passByPoints(g.pass, measured, window, spec.unit);
    if (pass.met) return { ...base, status: 'pass', reason: `${spec.name}: ${shown}; ${pass.tally}` };
    return {
      ...base,
      status: 'within',
      reason: `${spec.name}: ${shown}; not a pass yet, ${pass.why}: ${pass.tally}`,
    };
  }
  return {
    ...base,
    status: 'pass',
    reason: `${spec.name}: ${shown}, no breach of ${base.thresholds.join(', ')}${against ? ' (test: none, point comparison)' : ''}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The stage

export type SoftAction = 'hold' | 'review' | 'rollback';

export interface StagePolicy {
  durationS: number;
  intervalS: number;
  holdS: number;
  maxHolds: number;
  onSoft: SoftAction;
  onNoData: SoftAction;
  maxNoData: number;
  plannedSamples: number;
  minSamples: number;
}

export function stagePolicy(stage: StageConfig): StagePolicy {
  const plannedSamples = Math.max(1, Math.ceil(stage.duration / stage.interval - 1e-9));
  return {
    durationS: stage.duration,
    intervalS: stage.interval,
    holdS: stage.hold ?? DEFAULT_HOLD_S,
    maxHolds: stage.max_holds ?? DEFAULT_MAX_HOLDS,
    onSoft: stage.on_soft ?? 'hold',
    onNoData: stage.on_no_data ?? 'hold',
    maxNoData: stage.max_no_data ?? DEFAULT_MAX_NO_DATA,
    plannedSamples,
    minSamples: stage.min_samples ?? plannedSamples,
  };
}

/** What the guardrail rules and the judge know of the stage's window (the same in a run and in a backtest). */
export function windowContext(policy: StagePolicy, startedAt: number): WindowContext {
  return {
    startedAt,
    durationS: policy.durationS,
    intervalS: policy.intervalS,
    holdS: policy.holdS,
    plannedSamples: policy.plannedSamples,
    maxHolds: policy.maxHolds,
  };
}

export interface StageProgress {
  startedAt: number;
  /** When the window currently ends: start + duration, moved by holds and unmeasurable samples. */
  endsAt: number;
  holds: number;
  /** A hold in force until this time (epoch ms), or null. */
  holdUntil: number | null;
  consecutiveNoData: number;
  noDataExtensions: number;
  samples: number;
  measuredSamples: number;
}

export function initialProgress(policy: StagePolicy, startedAt: number): StageProgress {
  return {
    startedAt,
    endsAt: startedAt + policy.durationS * 1000,
    holds: 0,
    holdUntil: null,
    consecutiveNoData: 0,
    noDataExtensions: 0,
    samples: 0,
    measuredSamples: 0,
  };
}

/** The time of the next sample: one interval on, but never past the end of the window (which gets a sample). */
export function nextSampleAt(
  policy: StagePolicy,
  progress: StageProgress,
  lastAt: number | undefined,
): number {
  const from = lastAt ?? progress.startedAt;
  return Math.min(from + policy.intervalS * 1000, Math.max(progress.endsAt, from + 1));
}

export interface DecideInput {
  at: number;
  guardrails: GuardrailSample[];
  /** The on_soft action in force for each guardrail (guardrail override, else the stage's). */
  onSoft: Record<string, SoftAction>;
}

export interface DecideOutcome {
  progress: StageProgress;
  state: SampleState;
  decision: Decision | null;
  reason: string;
  triggeredBy: string[];
}

/** The reason a window ends without PROCEED when it could not see the regression its plan asks it to see. */
export const TOO_LITTLE_TRAFFIC = 'too little traffic to judge';

/** "could detect >= +63% at 98% (min_detectable 40%)". */
export function powerText(power: NonNullable<GuardrailSample['power']>): string {
  const conf = `${Number((power.confidence * 100).toPrecision(4))}%`;
  const seen =
    power.min_detectable_pct === null
      ? `could not detect any change yet at ${conf}`
      : `could detect ${power.min_detectable_pct >= 0 ? '≥ +' : '≤ '}${Number(power.min_detectable_pct.toPrecision(3))}% at ${conf}`;
  return power.required_pct === undefined ? seen : `${seen} (min_detectable ${power.required_pct}%)`;
}

type Leaning = NonNullable<GuardrailSample['leaning']>;

/** "leans toward a hard breach", with the judge's p-value as it is shown: the same words in a hold and a PROCEED. */
function leanWords(leaning: Leaning): { lean: string; p: number } {
  return { lean: `leans toward a ${leaning.level} breach`, p: Number(leaning.p_value.toPrecision(2)) };
}

/** "leans toward a hard breach (judge p=0.041 <= 0.2, not yet at the confidence asked): held for more evidence". */
function leaningText(leaning: Leaning): string {
  const { lean, p } = leanWords(leaning);
  return `${lean} (judge p=${p} <= ${LEANING_P}, not yet at the confidence asked): held for more evidence`;
}

/** Leans left when the holds are used up: said in the PROCEED reason, since they were the reason for the holds. */
function stillLeaning(guardrails: GuardrailSample[]): string {
  const leaning = guardrails.filter((g) => g.leaning);
  if (!leaning.length) return '';
  const each = leaning.map((g) => {
    const { lean, p } = leanWords(g.leaning!);
    return `${g.name} still ${lean} at judge p=${p}`;
  });
  return ` (with every hold used, ${each.join(', ')}; the judge finds no breach at the confidence asked)`;
}

const ACTION_DECISION: Record<SoftAction, Decision> = {
  hold: 'HOLD',
  review: 'REVIEW',
  rollback: 'ROLLBACK',
};

interface Call {
  decision: Decision;
  reason: string;
  guardrails: string[];
}

/**
 * Combines one sample's guardrail statuses with the stage state. Order of severity, worst wins:
 * ROLLBACK (hard breach; soft with on_soft rollback; max_no_data consecutive unmeasurable samples; on_no_data
 * rollback) > REVIEW (soft with on_soft review; on_no_data review; holds exhausted) > HOLD (soft with on_soft
 * hold; trend; an unmeasurable sample; window complete without every pass) > PROCEED. PROCEED is returned from
 * exactly one place, after the window is complete and every condition for it has been checked.
 */
export function decide(policy: StagePolicy, before: StageProgress, input: DecideInput): DecideOutcome {
  const p: StageProgress = { ...before, samples: before.samples + 1 };
  const { at, guardrails } = input;
  const noData = guardrails.filter((g) => g.status === 'no-data');
  p.consecutiveNoData = noData.length ? p.consecutiveNoData + 1 : 0;
  if (!noData.length) p.measuredSamples++;

  const finals: Call[] = [];
  const holds: Call[] = [];
  for (const g of guardrails) {
    if (g.status === 'hard')
      finals.push({ decision: 'ROLLBACK', reason: `hard breach: ${g.reason}`, guardrails: [g.name] });
    if (g.status === 'soft') {
      const action = input.onSoft[g.name] ?? policy.onSoft;
      const call = {
        decision: ACTION_DECISION[action],
        reason: `soft breach (on_soft: ${action}): ${g.reason}`,
        guardrails: [g.name],
      };
      (action === 'hold' ? holds : finals).push(call);
    }
    if (g.status === 'trend')
      holds.push({ decision: 'HOLD', reason: `trend: ${g.reason}`, guardrails: [g.name] });
  }
  if (noData.length) {
    const names = noData.map((g) => g.name);
    const detail = noData.map((g) => g.reason).join('; ');
    if (p.consecutiveNoData >= policy.maxNoData) {
      finals.push({
        decision: 'ROLLBACK',
        reason: `${p.consecutiveNoData} consecutive unmeasurable samples (max_no_data ${policy.maxNoData}): ${detail}`,
        guardrails: names,
      });
    } else if (policy.onNoData !== 'hold') {
      finals.push({
        decision: ACTION_DECISION[policy.onNoData],
        reason: `unmeasurable sample (on_no_data: ${policy.onNoData}): ${detail}`,
        guardrails: names,
      });
    }
  }

  const final = worstOf(finals.map((c) => c.decision));
  if (final) {
    const worst = finals.filter((c) => c.decision === final);
    return {
      progress: p,
      state: 'decided',
      decision: final,
      reason: worst.map((c) => c.reason).join(' | '),
      triggeredBy: [...new Set(worst.flatMap((c) => c.guardrails))],
    };
  }

  const notes: string[] = [];
  const triggered: string[] = [];
  if (noData.length) {
    // The lost sample is replaced: the window grows by one interval (at most plannedSamples times in all).
    if (p.noDataExtensions < policy.plannedSamples) {
      p.noDataExtensions++;
      p.endsAt += policy.intervalS * 1000;
    }
    notes.push(
      `unmeasurable sample ${p.consecutiveNoData}/${policy.maxNoData} in a row (on_no_data: hold; ROLLBACK at ${policy.maxNoData}): ${noData.map((g) => g.reason).join('; ')}`,
    );
    triggered.push(...noData.map((g) => g.name));
  }

  const applyHold = (why: string, names: string[]): DecideOutcome | undefined => {
    if (p.holdUntil !== null && at < p.holdUntil) {
      notes.push(`on hold ${p.holds}/${policy.maxHolds} until ${iso(p.holdUntil)}: ${why}`);
      triggered.push(...names);
      return undefined;
    }
    if (p.holds >= policy.maxHolds) {
      return {
        progress: p,
        state: 'decided',
        decision: 'REVIEW',
        reason: `hold limit reached (${p.holds} of max_holds ${policy.maxHolds} used), a human must decide: ${why}`,
        triggeredBy: [...new Set([...triggered, ...names])],
      };
    }
    p.holds++;
    p.holdUntil = at + policy.holdS * 1000;
    p.endsAt = Math.max(p.endsAt, p.holdUntil);
    notes.push(
      `HOLD ${p.holds}/${policy.maxHolds} for ${formatDuration(policy.holdS)} (window now ends ${iso(p.endsAt)}): ${why}`,
    );
    triggered.push(...names);
    return undefined;
  };

  if (holds.length) {
    const review = applyHold(
      holds.map((h) => h.reason).join(' | '),
      holds.flatMap((h) => h.guardrails),
    );
    if (review) return review;
  }

  if (at >= p.endsAt) {
    // A lean toward a breach holds the window for more evidence while holds remain; with none left the stage
    // goes on the judge's verdict, which found no breach (a lean is not evidence at the stage's confidence).
    const canHold = p.holds < policy.maxHolds;
    const blockers = guardrails.filter(
      (g) =>
        !PROCEEDING_STATUSES.includes(g.status) ||
        g.power?.enough === false ||
        (canHold && g.leaning !== undefined),
    );
    const problems = blockers.map((g) =>
      !PROCEEDING_STATUSES.includes(g.status)
        ? `${g.name} ${g.status}: ${g.reason}`
        : g.power?.enough === false
          ? `${g.name}: ${TOO_LITTLE_TRAFFIC}: ${powerText(g.power)}`
          : `${g.name}: ${leaningText(g.leaning!)}`,
    );
    if (p.measuredSamples < policy.minSamples) {
      problems.push(`only ${p.measuredSamples} fully measured samples (min_samples ${policy.minSamples})`);
    }
    if (problems.length === 0 && holds.length === 0 && noData.length === 0) {
      return {
        progress: p,
        state: 'decided',
        decision: 'PROCEED',
        reason: `stage window complete (${formatDuration(Math.round((at - p.startedAt) / 1000))}, ${p.measuredSamples} measured samples, ${p.holds} hold${p.holds === 1 ? '' : 's'}): every guardrail passes: ${guardrails.map((g) => g.reason).join('; ')}${stillLeaning(guardrails)}`,
        triggeredBy: [],
      };
    }
    const review = applyHold(
      `window complete without every pass criterion met: ${problems.join('; ')}`,
      blockers.map((g) => g.name),
    );
    if (review) return review;
  }

  const holding = (p.holdUntil !== null && at < p.holdUntil) || noData.length > 0;
  const passing = guardrails.filter((g) => g.status === 'pass').length;
  return {
    progress: p,
    state: holding ? 'holding' : 'sampling',
    decision: holding ? 'HOLD' : null,
    reason: notes.length
      ? notes.join(' | ')
      : `sampling: ${passing}/${guardrails.length} guardrails pass; window ends ${iso(p.endsAt)}${
          guardrails.some((g) => g.status !== 'pass')
            ? `; ${guardrails
                .filter((g) => g.status !== 'pass')
                .map((g) => `${g.name} ${g.status}`)
                .join(', ')}`
            : ''
        }`,
    triggeredBy: [...new Set(triggered)],
  };
}

/** Severity of a per-sample outcome, for sorting and for tests of the order. */
export function severityOf(decision: Decision | null): number {
  return decision === null ? -1 : SEVERITY[decision];
}
