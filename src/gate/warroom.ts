/**
 * The war-room line ("observation -> metric -> decision", one line per sample):
 *   `:15 | Stage 1 (1%) | p95=142ms 5xx=0.2% accept=+3% mem=41% | 4/4 PASS | IC: Proceed`
 *
 * - `:MM` is whole minutes since the release's T0 (the first stage's start; a single-stage run counts from its
 *   own start), numbered like a war-room log: `:00 Stage 1 start ... :15 Stage 1 complete ... :20 Stage 2`.
 *   Stages with sub-minute intervals (tests, drills) show `:MM:SS`; otherwise every line of a 2 s stage reads `:00`.
 * - `Stage N (W%)`: N is the stage's 1-based position in the plan, W its traffic (per-flow shares are listed).
 * - Metrics by short name (metric-names.ts): the canary value with its unit; baseline comparisons as the
 *   canary's change relative to the baseline (`accept=+3%`), followed by the smallest regression the judge could
 *   have detected with the traffic so far (`accept=+3%(mde+63%)`); an unmeasurable value as `n/a`.
 * - `k/n PASS` counts guardrails whose status is pass; the others follow by name and a word that says what they are
 *   (statusWord): `3/4 PASS api_p95=HARD`, `accept_errors=SUSPECT`, `error_rate=PENDING`. A value over a line is
 *   never shown as "within": the engine's `within` is either a breach waiting for its `for` or a pass criterion
 *   not met yet, and the line says which.
 * - `IC:` the call: Proceed, Rollback, Review, Hold, or Continue while the window is still being sampled.
 */
import type { QueryConfig, TrafficShare } from '../config/index.js';
import { shortName, unitOf } from './metric-names.js';
import type { Decision, GuardrailSample, GuardrailStatus, SampleState } from './types.js';

export interface WarroomInput {
  /** Seconds since T0. */
  elapsedS: number;
  stageIndex: number;
  traffic: TrafficShare;
  guardrails: GuardrailSample[];
  queries: Record<string, Pick<QueryConfig, 'label' | 'unit'>>;
  state: SampleState;
  decision: Decision | null;
  /** Show seconds (sub-minute intervals). */
  seconds?: boolean;
}

const CALL: Record<Decision, string> = {
  PROCEED: 'Proceed',
  ROLLBACK: 'Rollback',
  REVIEW: 'Review',
  HOLD: 'Hold',
};

/**
 * The war-room word per engine status. `within` has no word of its own here: it is split by statusWord into
 * PENDING and PASS-UNMET, because "within" would misread a value that is over its line.
 */
const WORD: Record<Exclude<GuardrailStatus, 'within'>, string> = {
  pass: 'PASS',
  // A baseline interval beyond the line that the judge does not confirm: shown, decides nothing.
  suspect: 'SUSPECT',
  soft: 'SOFT',
  hard: 'HARD',
  trend: 'TREND',
  'no-data': 'NO-DATA',
  inconclusive: 'INCONCLUSIVE',
};

/** What a guardrail's status reads as in the war-room line. */
export function statusWord(g: Pick<GuardrailSample, 'status' | 'pending' | 'leaning'>): string {
  // No breach found, but the judge's p-value for one is low: a window that ends so is held for more evidence.
  // A suspect interval keeps its own word (the lean is in the reason of the hold it causes).
  if (g.leaning && g.status === 'pass') return 'LEANING';
  if (g.status !== 'within') return WORD[g.status];
  // A soft/hard breach not yet held for its `for`: it will become SOFT/HARD if it lasts.
  if (g.pending) return 'PENDING';
  // Nothing breached, but the pass criterion is not met over the window (yet).
  return 'PASS-UNMET';
}

function compact(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const abs = Math.abs(v);
  if (abs >= 100) return String(Math.round(v));
  if (abs === 0) return '0';
  return String(Number(v.toPrecision(2)));
}

export function minuteMark(elapsedS: number, seconds = false): string {
  const s = Math.max(0, Math.floor(elapsedS + 1e-6));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  return seconds ? `:${mm}:${String(s % 60).padStart(2, '0')}` : `:${mm}`;
}

function trafficText(traffic: TrafficShare): string {
  if (typeof traffic === 'number') return `${traffic}%`;
  return Object.entries(traffic)
    .map(([flow, w]) => `${flow} ${w}%`)
    .join(', ');
}

/**
 * The smallest regression the judge could have detected so far, beside a baseline comparison's change:
 * `accept=+3%(mde+63%)`; `(mde:none)` while it could detect nothing (no events yet).
 */
function powerText(g: GuardrailSample): string {
  if (!g.power) return '';
  const mde = g.power.min_detectable_pct;
  if (mde === null) return '(mde:none)';
  return `(mde${mde >= 0 ? '+' : ''}${compact(mde)}%)`;
}

function metricText(g: GuardrailSample, queries: WarroomInput['queries']): string {
  const q = queries[g.metric];
  const name = shortName(g.metric, q);
  if (g.against === 'baseline') {
    const rel = g.values.relative_pct;
    if (rel === null || rel === undefined) {
      if (g.values.canary !== null && g.values.baseline === 0)
        return `${name}=${compact(g.values.canary)}(base 0)${powerText(g)}`;
      return `${name}=n/a${powerText(g)}`;
    }
    return `${name}=${rel >= 0 ? '+' : ''}${compact(rel)}%${powerText(g)}`;
  }
  if (g.values.canary === null) return `${name}=n/a`;
  return `${name}=${compact(g.values.canary)}${unitOf(g.metric, q) ?? ''}`;
}

export function warroomLine(input: WarroomInput): string {
  const seen = new Set<string>();
  const metrics: string[] = [];
  for (const g of input.guardrails) {
    const key = `${g.metric}/${g.against ?? 'abs'}`;
    if (seen.has(key)) continue;
    seen.add(key);
    metrics.push(metricText(g, input.queries));
  }
  const passes = (g: GuardrailSample) => statusWord(g) === 'PASS';
  const passing = input.guardrails.filter(passes).length;
  const others = input.guardrails.filter((g) => !passes(g)).map((g) => `${g.name}=${statusWord(g)}`);
  const call = input.decision ? CALL[input.decision] : 'Continue';
  return [
    minuteMark(input.elapsedS, input.seconds),
    `Stage ${input.stageIndex + 1} (${trafficText(input.traffic)})`,
    metrics.join(' ') || 'no guardrails',
    `${passing}/${input.guardrails.length} PASS${others.length ? ` ${others.join(' ')}` : ''}`,
    `IC: ${call}`,
  ].join(' | ');
}
