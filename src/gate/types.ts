/**
 * What the gate engine produces. Every type here is plain JSON (ISO strings, numbers, null), because the same
 * objects are printed by `gate --json`, written to evidence, read by the RCA and drawn in the HTML report.
 */

/** Final decisions of a stage, worst first. */
export const DECISIONS = ['ROLLBACK', 'REVIEW', 'HOLD', 'PROCEED'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * The explicit severity order: worst wins. PROCEED has the lowest severity but is never a default: the engine
 * only returns it when every condition for it was checked (see decide()).
 */
export const SEVERITY: Record<Decision, number> = { ROLLBACK: 3, REVIEW: 2, HOLD: 1, PROCEED: 0 };

export function worstOf(decisions: Decision[]): Decision | undefined {
  return decisions.reduce<Decision | undefined>(
    (worst, d) => (worst === undefined || SEVERITY[d] > SEVERITY[worst] ? d : worst),
    undefined,
  );
}

/**
 * One guardrail at one sample:
 *   pass          its pass criterion is met over the window so far (no pass level: nothing breached or pending,
 *                 and the baseline judge, if any, sees no breach);
 *   within        measured, no sustained breach, but not a pass yet (a breach pending its `for`, or the pass
 *                 criterion not met);
 *   soft / hard   a soft / hard breach held for its `for` (baseline comparisons: the judge's breach verdict);
 *   suspect       baseline comparisons: the latest interval is beyond a level, but the judge sees no breach over
 *                 the stage; shown, and decides nothing on its own (it does not block PROCEED);
 *   trend         within thresholds, but a fit over the recent samples reaches a breach within the hold horizon;
 *   no-data       the canary or the baseline could not be measured (no data, NaN, empty, error, unreachable);
 *   inconclusive  a baseline comparison the judge cannot decide yet (too few samples).
 */
export type GuardrailStatus =
  'pass' | 'suspect' | 'within' | 'soft' | 'hard' | 'trend' | 'no-data' | 'inconclusive';

/** Statuses that let a stage proceed at the end of its window. */
export const PROCEEDING_STATUSES: readonly GuardrailStatus[] = ['pass', 'suspect'];

export interface TrackValues {
  canary: number | null;
  baseline: number | null;
  /** Canary relative to baseline in percent (baseline comparisons). */
  relative_pct?: number | null;
  /** canary - baseline in the metric's unit (baseline comparisons). */
  delta?: number | null;
}

export interface JudgeSummary {
  level: 'pass' | 'soft' | 'hard';
  verdict: 'breach' | 'within' | 'inconclusive';
  method: string;
  effect_pct: number | null;
  p_value: number | null;
  reason: string;
  /** Which test was used and why (counts declared or derived from the query, paired series, ratio of means). */
  test_reason?: string;
  /**
   * The smallest change (percent of the baseline) this stage could have called a breach with 80% probability at
   * its confidence, with the traffic and noise seen so far; null when none could be (e.g. no events yet).
   */
  min_detectable_pct?: number | null;
}

/** How large a regression a baseline comparison could have seen (docs/gate.md, "Power"). */
export interface PowerSummary {
  /** From the judge of the guardrail's soft level (hard if it has none); null: it could detect nothing yet. */
  min_detectable_pct: number | null;
  confidence: number;
  /** The guardrail's `min_detectable`, if set. */
  required_pct?: number;
  /** False when `min_detectable` is set and the stage could not (yet) detect it. */
  enough: boolean;
}

/** A guardrail's status and the numbers behind it: what a sample records and what a stage's summary keeps. */
export interface GuardrailReading {
  name: string;
  metric: string;
  against: 'baseline' | null;
  status: GuardrailStatus;
  /** One sentence a release engineer can act on, with the numbers. */
  reason: string;
  values: TrackValues;
  /** Rendered thresholds, e.g. ["pass < 200 ms", "soft > 250 ms for 5m", "hard > 400 ms"]. */
  thresholds: string[];
  /** The rendered PromQL that produced the values. */
  query: { canary: string; baseline?: string };
}

export interface GuardrailSample extends GuardrailReading {
  /** A breach whose `for` has not elapsed yet. */
  pending?: { level: 'soft' | 'hard'; since: string; held_s: number; for_s: number };
  judge?: JudgeSummary[];
  power?: PowerSummary;
  /**
   * Baseline comparisons: the judge finds no breach yet, but its p-value for one is at most LEANING_P (the data
   * lean toward a breach). A window that ends so is held for more evidence while holds remain (docs/gate.md).
   */
  leaning?: { level: 'soft' | 'hard'; p_value: number };
  unmeasurable?: Array<{ track: 'canary' | 'baseline'; reason: string; message: string }>;
}

/** What the stage does after a sample. */
export type SampleState = 'sampling' | 'holding' | 'decided';

export interface SampleRecord {
  /** 1-based. */
  index: number;
  at: string;
  /** Seconds since the stage started. */
  elapsed_s: number;
  state: SampleState;
  /** The action this sample called for: a final decision, or HOLD while holding, or null while sampling. */
  decision: Decision | null;
  reason: string;
  /** Whether every guardrail was measurable at this sample. */
  measured: boolean;
  holds: number;
  /** When the stage window currently ends (it moves with holds). */
  window_ends_at: string;
  guardrails: GuardrailSample[];
  /** The war-room line for this sample. */
  warroom: string;
}

/** A guardrail over the stage: its latest reading, and how often it had each status. */
export interface GuardrailSummary extends GuardrailReading {
  /** Samples at which this guardrail had each status. */
  counts: Partial<Record<GuardrailStatus, number>>;
  /** Baseline comparisons: which test judged the latest sample, and why (from its judge verdicts). */
  test?: string;
  /** Baseline comparisons: how large a regression the stage could have detected (docs/gate.md, "Power"). */
  power?: PowerSummary;
}

export interface StageResult {
  decision: Decision;
  decided_at: string;
  reason: string;
  stage: {
    name: string;
    index: number;
    traffic: number | Record<string, number>;
    duration_s: number;
    interval_s: number;
  };
  /** Where the metrics came from, e.g. "prometheus http://127.0.0.1:9090". */
  source: string;
  mode: 'live' | 'replay' | 'simulation';
  samples: SampleRecord[];
  guardrails: GuardrailSummary[];
  holds: number;
  started_at: string;
  ended_at: string;
  /** Guardrails whose breach or trend caused the decision (empty for PROCEED and for stops). */
  triggered_by: string[];
}
