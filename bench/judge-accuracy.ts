/**
 * Judge accuracy on a generated, labelled corpus of canary/baseline pairs.
 *
 *   npx tsx bench/judge-accuracy.ts            (prints the tables; `--seed N` and `--per-cell N` to vary)
 *
 * Two corpora, printed one after the other and labelled:
 *   - independent tracks: the corpus as first written; canary and baseline draw their noise independently;
 *   - shared load: the same pairs (same seed, same track noise for series) with a per-interval load factor that
 *     both tracks see, as they do behind one load balancer (AR(1) on logs, sd 10-30%, lag-1 correlation 0.6).
 *     Latency moves with it; for counters traffic moves with it and the error rate moves with its square root.
 * Labelling is the same in both: every pair is judged against a guardrail `increase: 10%`. A pair is a
 * regression when its injected increase is at least 10% (15, 25, 50, 100%, and 2x/10x/100x on 70% of
 * intervals); noise-only pairs (0%) and drift inside the allowance (5%) are not, and a breach on them is a false
 * rollback. The allowance is not moved: a 25% regression is only 1.14x the allowed 1.1x.
 *
 * Judges, one value (or one interval's counters) per track per interval:
 *   - ours, paired: src/gate/judge with `pairing: 'by-interval'` (what the engine passes for aligned series),
 *     called once per interval with look {index, planned}, so it may stop early;
 *   - ours, independent: the same without pairing (the judge as it was before pairing was added);
 *   - Kayenta-style: Mann-Whitney at 0.98 with Kayenta's rule (interval clears 0.25 * |HL estimate| and mean
 *     ratio >= allowedIncrease), judged once at the end of the window on the per-interval series;
 *   - threshold: canary mean > baseline mean * (1 + allowed) at the end of the window;
 *   - oracle: not a judge but a ceiling, the power of the best level-0.02 test for the pair's true
 *     distributions (see oraclePower), so a shortfall the oracle shares is a lack of information, not of method.
 */
import { mulberry32 } from '../src/metrics/synthetic.js';
import { pathToFileURL } from 'node:url';
import { mean } from 'simple-statistics';
import { logChoose, normalUpperQuantile, normalUpperTail } from '../src/gate/judge/distributions.js';
import { judgeCounts, judgeSamples, type ComparisonSpec, type Pairing } from '../src/gate/judge/index.js';
import { kayentaClassify } from '../src/gate/judge/mann-whitney.js';

export const ALLOWED_PCT = 10;
export const CONFIDENCE = 0.98;
/** Share of intervals an intermittent regression hits. */
export const INTERMITTENT_SHARE = 0.7;

// ------------------------------------------------------------------------------------------------------------
// Seeded randomness

export type Rng = () => number;

// mulberry32 is the synthetic metric source's generator: one seeded PRNG for the whole project.
export { mulberry32 };

function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

function gaussian(rng: Rng): number {
  // Box-Muller; 1 - u keeps the logarithm finite.
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Knuth's method for small means, a rounded normal above 30 (error far below the counts' own noise). */
function poisson(rng: Rng, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(rng)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

// ------------------------------------------------------------------------------------------------------------
// Corpus

export type Category = 'latency' | 'small-sample' | 'intermittent' | 'error-counter' | 'sparse-errors';

export type CorpusVariant = 'independent' | 'shared-load';

interface PairBase {
  id: string;
  category: Category;
  /** Injected increase in percent (0 = noise only). */
  effectPct: number;
  regression: boolean;
  window: number;
}

/** What generated a series pair, for the oracle. */
export interface SeriesTruth {
  /** Per-track log-normal noise (sd of log values), spikes aside. */
  sigma: number;
  /** Share of canary intervals carrying the increase (1 for a steady regression). */
  hitShare: number;
}

export interface SeriesPair extends PairBase {
  kind: 'series';
  canary: number[];
  baseline: number[];
  truth: SeriesTruth;
}

export interface CounterInterval {
  canaryEvents: number;
  canaryTotal: number;
  baselineEvents: number;
  baselineTotal: number;
}

/** What generated a counter pair, for the oracle. */
export interface CounterTruth {
  /** Expected events over the window on both tracks together, with the injected effect. */
  expectedEvents: number;
}

export interface CounterPair extends PairBase {
  kind: 'counters';
  intervals: CounterInterval[];
  truth: CounterTruth;
}

export type Pair = SeriesPair | CounterPair;

const STEADY_EFFECTS = [0, 5, 15, 25, 50, 100];
/** Intermittent regressions: this increase on 70% of the canary's intervals (2x, 10x, 100x). */
const INTERMITTENT_EFFECTS = [0, 5, 100, 900, 9900];

function latencySeries(rng: Rng, window: number, sigma: number, level: number, spikes: boolean): number[] {
  return Array.from({ length: window }, () => {
    let v = level * Math.exp(sigma * gaussian(rng));
    // Occasional GC pauses / noisy neighbours on either track.
    if (spikes && rng() < 0.03) v *= uniform(rng, 2, 5);
    return v;
  });
}

/** Load on logs shared by both tracks: AR(1) with lag-1 correlation 0.6 and sd 10-30%, so swings persist. */
function sharedLoad(loadRng: Rng, window: number): number[] {
  const sd = uniform(loadRng, 0.1, 0.3);
  const phi = 0.6;
  const out: number[] = [];
  let level = sd * gaussian(loadRng);
  for (let i = 0; i < window; i++) {
    if (i > 0) level = phi * level + sd * Math.sqrt(1 - phi * phi) * gaussian(loadRng);
    out.push(level);
  }
  return out;
}

function seriesPair(
  rng: Rng,
  loadRng: Rng | null,
  category: Category,
  effectPct: number,
  index: number,
): SeriesPair {
  const small = category === 'small-sample';
  const window = small ? 5 + Math.floor(rng() * 6) : category === 'intermittent' ? 10 : rng() < 0.5 ? 15 : 30;
  const sigma = small ? uniform(rng, 0.03, 0.08) : uniform(rng, 0.03, 0.1);
  const level = uniform(rng, 20, 300);
  let baseline = latencySeries(rng, window, sigma, level, !small);
  let canary = latencySeries(rng, window, sigma, level, !small);
  let hitShare = 1;
  if (category === 'intermittent') {
    const hit = Math.round(INTERMITTENT_SHARE * window);
    hitShare = hit / window;
    const order = canary.map((_, i) => ({ i, r: rng() })).sort((a, b) => a.r - b.r);
    const hitSet = new Set(order.slice(0, hit).map((o) => o.i));
    canary = canary.map((v, i) => (hitSet.has(i) ? v * (1 + effectPct / 100) : v));
  } else {
    canary = canary.map((v) => v * (1 + effectPct / 100));
  }
  if (loadRng) {
    // A separate stream, so the track noise is the very same as in the independent corpus.
    const load = sharedLoad(loadRng, window);
    canary = canary.map((v, i) => v * Math.exp(load[i]!));
    baseline = baseline.map((v, i) => v * Math.exp(load[i]!));
  }
  return {
    id: `${category}-${effectPct}-${index}`,
    kind: 'series',
    category,
    effectPct,
    regression: effectPct >= ALLOWED_PCT,
    window,
    canary,
    baseline,
    truth: { sigma, hitShare },
  };
}

function counterPair(
  rng: Rng,
  loadRng: Rng | null,
  category: Category,
  effectPct: number,
  index: number,
): CounterPair {
  const sparse = category === 'sparse-errors';
  const window = rng() < 0.5 ? 7 : 15;
  // Canary share of traffic 1..50% (the ramp's stages); busy service for dense errors, a thin flow for sparse.
  const baselinePerInterval = sparse ? uniform(rng, 2_000, 20_000) : uniform(rng, 20_000, 100_000);
  const canaryShare = sparse ? uniform(rng, 0.02, 0.2) : uniform(rng, 0.05, 0.5);
  const canaryPerInterval = (baselinePerInterval * canaryShare) / (1 - canaryShare);
  const rate = sparse ? uniform(rng, 0.0001, 0.001) : uniform(rng, 0.002, 0.02);
  const ratio = 1 + effectPct / 100;
  const load = loadRng ? sharedLoad(loadRng, window) : null;
  let expectedEvents = 0;
  const intervals: CounterInterval[] = Array.from({ length: window }, (_, i) => {
    const traffic = load ? Math.exp(load[i]!) : 1;
    const rateHere = load ? rate * Math.exp(0.5 * load[i]!) : rate;
    const baselineTotal = poisson(rng, baselinePerInterval * traffic);
    const canaryTotal = Math.max(1, poisson(rng, canaryPerInterval * traffic));
    expectedEvents += rateHere * (ratio * canaryTotal + baselineTotal);
    return {
      canaryTotal,
      baselineTotal,
      canaryEvents: Math.min(canaryTotal, poisson(rng, canaryTotal * (rateHere * ratio))),
      baselineEvents: Math.min(baselineTotal, poisson(rng, baselineTotal * rateHere)),
    };
  });
  return {
    id: `${category}-${effectPct}-${index}`,
    kind: 'counters',
    category,
    effectPct,
    regression: effectPct >= ALLOWED_PCT,
    window,
    intervals,
    truth: { expectedEvents },
  };
}

/**
 * The labelled corpus: `perCell` pairs for every (category, injected effect). The independent variant is the
 * corpus as first written, draw for draw; the shared-load variant adds load from a second stream.
 */
export function generateCorpus(
  seed = 20240611,
  perCell = 40,
  variant: CorpusVariant = 'independent',
): Pair[] {
  const rng = mulberry32(seed);
  const loadRng = variant === 'shared-load' ? mulberry32(seed ^ 0x5eed10ad) : null;
  const pairs: Pair[] = [];
  const cells: Array<[Category, number[]]> = [
    ['latency', STEADY_EFFECTS],
    ['small-sample', STEADY_EFFECTS],
    ['intermittent', INTERMITTENT_EFFECTS],
    ['error-counter', STEADY_EFFECTS],
    ['sparse-errors', STEADY_EFFECTS],
  ];
  for (const [category, effects] of cells) {
    for (const effect of effects) {
      for (let i = 0; i < perCell; i++) {
        pairs.push(
          category === 'error-counter' || category === 'sparse-errors'
            ? counterPair(rng, loadRng, category, effect, i)
            : seriesPair(rng, loadRng, category, effect, i),
        );
      }
    }
  }
  return pairs;
}

// ------------------------------------------------------------------------------------------------------------
// Oracle

export const ORACLE_ALPHA = 1 - CONFIDENCE;
/** Above this many expected events the conditional binomial is as good as normal, and exact enumeration slow. */
const ORACLE_EXACT_MAX_EVENTS = 400;

/**
 * Power of the best test at level 0.02 that any judge could run on this pair, knowing every parameter of the
 * generator except the baseline's level (a judge cannot know it: that is what the baseline track is for).
 *
 * Series (log values, track noise sigma): the difference of the tracks' mean logs is sufficient once the level is
 * unknown, and shared load cancels in it, so by Neyman-Pearson the best test is the z-test on it with sigma
 * known: power = P(Z > z_alpha - sqrt(n) (log(1+e) - log 1.1) / (sqrt(2) sigma)). This is an upper bound for
 * every test that keeps level alpha whatever the baseline's level (the sum of the tracks is independent of their
 * difference and carries no information once the level is unknown; averaging over it cannot beat the best test
 * on the difference, by concavity of the power curve), and spikes only add noise to the same data. For
 * intermittent regressions the same z-test, with the mean shift h log(1+e) of a hit share h, is a valid test and
 * so a lower bound on the oracle; it is near 100% there, which settles the question.
 *
 * Counters: given the traffic, the total number of events E is distributed under the regression exactly as under
 * the null at a higher baseline rate, so a test valid for every baseline rate is held to alpha against that null;
 * the Neyman-Pearson test between the two, on (E, canary events), gives the ceiling. Computed exactly up to 400
 * expected events, by the normal approximation above.
 */
export function oraclePower(pair: Pair): number {
  const zAlpha = normalUpperQuantile(ORACLE_ALPHA);
  const logAllowed = Math.log1p(ALLOWED_PCT / 100);
  if (pair.kind === 'series') {
    const { sigma, hitShare } = pair.truth;
    const shift = hitShare * Math.log1p(pair.effectPct / 100) - logAllowed;
    return normalUpperTail(zAlpha - (Math.sqrt(pair.window) * shift) / (Math.SQRT2 * sigma));
  }
  const sum = (f: (i: CounterInterval) => number): number => pair.intervals.reduce((s, i) => s + f(i), 0);
  const tc = sum((i) => i.canaryTotal);
  const tb = sum((i) => i.baselineTotal);
  const k0 = 1 + ALLOWED_PCT / 100;
  const k1 = 1 + pair.effectPct / 100;
  const p0 = (k0 * tc) / (k0 * tc + tb);
  const p1 = (k1 * tc) / (k1 * tc + tb);
  const events = pair.truth.expectedEvents;
  if (events > ORACLE_EXACT_MAX_EVENTS) {
    const gap = events * (p1 - p0) - zAlpha * Math.sqrt(events * p0 * (1 - p0));
    return normalUpperTail(-gap / Math.sqrt(events * p1 * (1 - p1)));
  }
  return countsNeymanPearson(events, p0, p1, ORACLE_ALPHA);
}

/** Exact NP power for X | E ~ Binomial(E, p0) against Binomial(E, p1), E ~ Poisson(mean) under both. */
export function countsNeymanPearson(meanEvents: number, p0: number, p1: number, alpha: number): number {
  const outcomes: Array<{ llr: number; null: number; alt: number }> = [];
  const maxE = Math.ceil(meanEvents + 10 * Math.sqrt(meanEvents) + 10);
  const up = Math.log(p1 / p0);
  const down = Math.log((1 - p1) / (1 - p0));
  for (let e = 0; e <= maxE; e++) {
    const logPe = e * Math.log(meanEvents) - meanEvents - lnFactorial(e);
    // Outcomes more than 12 sd from both hypotheses' means weigh nothing at alpha = 0.02.
    const spread = 12 * Math.sqrt(e * p1 * (1 - p0)) + 3;
    const from = Math.max(0, Math.floor(e * p0 - spread));
    const to = Math.min(e, Math.ceil(e * p1 + spread));
    for (let x = from; x <= to; x++) {
      const c = logChoose(e, x);
      outcomes.push({
        llr: x * up + (e - x) * down,
        null: Math.exp(logPe + c + x * Math.log(p0) + (e - x) * Math.log1p(-p0)),
        alt: Math.exp(logPe + c + x * Math.log(p1) + (e - x) * Math.log1p(-p1)),
      });
    }
  }
  outcomes.sort((a, b) => b.llr - a.llr);
  let size = 0;
  let power = 0;
  for (const o of outcomes) {
    if (size + o.null <= alpha) {
      size += o.null;
      power += o.alt;
    } else {
      // Randomize on the boundary outcome, as Neyman-Pearson allows, to spend alpha exactly.
      power += o.null > 0 ? (o.alt * (alpha - size)) / o.null : 0;
      break;
    }
  }
  return Math.min(1, power);
}

const factorialCache: number[] = [0];
function lnFactorial(k: number): number {
  for (let i = factorialCache.length; i <= k; i++) factorialCache[i] = factorialCache[i - 1]! + Math.log(i);
  return factorialCache[k]!;
}

// ------------------------------------------------------------------------------------------------------------
// Judges

export interface Decision {
  breach: boolean;
  /** Samples per track seen when the decision was taken (the window for a judge that waits for the end). */
  samples: number;
}

export interface BenchJudge {
  name: string;
  judge(pair: Pair): Decision;
}

function ratioSeries(intervals: CounterInterval[]): { canary: number[]; baseline: number[] } {
  return {
    canary: intervals.map((i) => i.canaryEvents / i.canaryTotal),
    baseline: intervals.map((i) => i.baselineEvents / i.baselineTotal),
  };
}

function seriesOf(pair: Pair): { canary: number[]; baseline: number[] } {
  return pair.kind === 'series' ? pair : ratioSeries(pair.intervals);
}

/** Ours: one call per interval on everything seen so far; the first breach stops the stage. */
export function oursJudge(pairing: Pairing): BenchJudge {
  return {
    name: pairing === 'by-interval' ? 'ours, paired' : 'ours, independent',
    judge(pair) {
      for (let k = 1; k <= pair.window; k++) {
        const spec: ComparisonSpec = {
          direction: 'increase',
          allowedPct: ALLOWED_PCT,
          confidence: CONFIDENCE,
          test: 'auto',
          look: { index: k, planned: pair.window },
        };
        let verdict: string;
        if (pair.kind === 'series') {
          verdict = judgeSamples(pair.canary.slice(0, k), pair.baseline.slice(0, k), {
            ...spec,
            pairing,
          }).verdict;
        } else {
          // Counters are judged on pooled counts, conditioned on the traffic: pairing does not apply.
          const seen = pair.intervals.slice(0, k);
          const sum = (f: (i: CounterInterval) => number): number => seen.reduce((s, i) => s + f(i), 0);
          verdict = judgeCounts(
            {
              canaryEvents: sum((i) => i.canaryEvents),
              canaryTotal: sum((i) => i.canaryTotal),
              baselineEvents: sum((i) => i.baselineEvents),
              baselineTotal: sum((i) => i.baselineTotal),
            },
            spec,
          ).verdict;
        }
        if (verdict === 'breach') return { breach: true, samples: k };
      }
      return { breach: false, samples: pair.window };
    },
  };
}

export const pairedJudge = oursJudge('by-interval');
export const independentJudge = oursJudge('independent');

/** Kayenta's judge: Mann-Whitney at 0.98, tolerance 0.25, effectSize.allowedIncrease = 1 + allowed, at the end. */
export const kayentaJudge: BenchJudge = {
  name: 'Kayenta-style MWU 0.98',
  judge(pair) {
    const { canary, baseline } = seriesOf(pair);
    const result = kayentaClassify(canary, baseline, {
      direction: 'increase',
      confidence: CONFIDENCE,
      tolerance: 0.25,
      allowedIncrease: 1 + ALLOWED_PCT / 100,
    });
    return { breach: result.classification === 'High', samples: pair.window };
  },
};

/** A plain threshold on the window's means, at the end. */
export const thresholdJudge: BenchJudge = {
  name: 'plain threshold',
  judge(pair) {
    const { canary, baseline } = seriesOf(pair);
    return { breach: mean(canary) > mean(baseline) * (1 + ALLOWED_PCT / 100), samples: pair.window };
  },
};

export const JUDGES: BenchJudge[] = [pairedJudge, independentJudge, kayentaJudge, thresholdJudge];

// ------------------------------------------------------------------------------------------------------------
// Scoring

interface Tally {
  regressions: number;
  detected: number;
  regressions25: number;
  detected25: number;
  clean: number;
  falseRollbacks: number;
}

export interface Score extends Tally {
  judge: string;
  noiseOnly: number;
  noiseFalseRollbacks: number;
  medianSamplesCaught: number | null;
  medianWindowCaught: number | null;
  byCategory: Record<string, Tally>;
  /** Detections per "category effect" cell. */
  byEffect: Record<string, { pairs: number; detected: number }>;
}

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function emptyTally(): Tally {
  return { regressions: 0, detected: 0, regressions25: 0, detected25: 0, clean: 0, falseRollbacks: 0 };
}

function tally(t: Tally, pair: Pair, breach: number): void {
  if (pair.regression) {
    t.regressions++;
    t.detected += breach;
    if (pair.effectPct >= 25) {
      t.regressions25++;
      t.detected25 += breach;
    }
  } else {
    t.clean++;
    t.falseRollbacks += breach;
  }
}

function newScore(judge: string): Score {
  return {
    judge,
    ...emptyTally(),
    noiseOnly: 0,
    noiseFalseRollbacks: 0,
    medianSamplesCaught: null,
    medianWindowCaught: null,
    byCategory: {},
    byEffect: {},
  };
}

export function score(judge: BenchJudge, corpus: Pair[]): Score {
  const s = newScore(judge.name);
  const caughtSamples: number[] = [];
  const caughtWindows: number[] = [];
  for (const pair of corpus) {
    const d = judge.judge(pair);
    const hit = d.breach ? 1 : 0;
    tally(s, pair, hit);
    tally((s.byCategory[pair.category] ??= emptyTally()), pair, hit);
    const cell = (s.byEffect[`${pair.category} ${pair.effectPct}`] ??= { pairs: 0, detected: 0 });
    cell.pairs++;
    cell.detected += hit;
    if (pair.regression && d.breach) {
      caughtSamples.push(d.samples);
      caughtWindows.push(d.samples / pair.window);
    }
    if (pair.effectPct === 0) {
      s.noiseOnly++;
      s.noiseFalseRollbacks += hit;
    }
  }
  s.medianSamplesCaught = medianOf(caughtSamples);
  s.medianWindowCaught = medianOf(caughtWindows);
  return s;
}

/** The oracle's expected detections (sums of per-pair power) in the same shape; it takes no false-rollback count. */
export function oracleScore(corpus: Pair[]): Score {
  const s = newScore('oracle (ceiling, alpha 0.02)');
  for (const pair of corpus) {
    if (!pair.regression) continue;
    const power = oraclePower(pair);
    tally(s, pair, power);
    tally((s.byCategory[pair.category] ??= emptyTally()), pair, power);
    const cell = (s.byEffect[`${pair.category} ${pair.effectPct}`] ??= { pairs: 0, detected: 0 });
    cell.pairs++;
    cell.detected += power;
  }
  return s;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

function count(part: number, whole: number): string {
  return `${Number.isInteger(part) ? part : part.toFixed(1)}/${whole}`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const ORACLE_NOTE =
  'oracle: expected detections of the best level-0.02 test knowing every generator parameter but the baseline level ' +
  '(intermittent: a lower bound on it); no false-rollback figure, it is held to 2% at the +10% boundary by construction.';

export function formatScores(scores: Score[], oracle: Score, corpus: Pair[], title: string): string {
  const regressions = corpus.filter((p) => p.regression).length;
  const intro =
    `${title}: ${corpus.length} labelled canary/baseline pairs (${regressions} regressions, ` +
    `${corpus.length - regressions} without), guardrail increase: ${ALLOWED_PCT}%, confidence ${CONFIDENCE}.`;
  const main = table(
    [
      'judge',
      'detection (all regressions)',
      'detection >=25%',
      'false rollbacks (0% and 5%)',
      'false rollbacks (noise only)',
      'median samples to decision (caught)',
      'median share of window (caught)',
    ],
    [
      ...scores.map((s) => [
        s.judge,
        `${pct(s.detected, s.regressions)} (${count(s.detected, s.regressions)})`,
        `${pct(s.detected25, s.regressions25)} (${count(s.detected25, s.regressions25)})`,
        `${pct(s.falseRollbacks, s.clean)} (${count(s.falseRollbacks, s.clean)})`,
        `${pct(s.noiseFalseRollbacks, s.noiseOnly)} (${count(s.noiseFalseRollbacks, s.noiseOnly)})`,
        s.medianSamplesCaught === null ? 'n/a' : String(s.medianSamplesCaught),
        s.medianWindowCaught === null ? 'n/a' : `${(100 * s.medianWindowCaught).toFixed(0)}%`,
      ]),
      [
        oracle.judge,
        `${pct(oracle.detected, oracle.regressions)}`,
        `${pct(oracle.detected25, oracle.regressions25)}`,
        '(2% at +10%)',
        '',
        'whole window',
        '100%',
      ],
    ],
  );
  const categories = Object.keys(scores[0]?.byCategory ?? {});
  const perCategory = table(
    ['category', ...scores.map((s) => `${s.judge}: det >=25% / false rb`), 'oracle det >=25%'],
    categories.map((c) => [
      c,
      ...scores.map((s) => {
        const b = s.byCategory[c]!;
        return `${pct(b.detected25, b.regressions25)} / ${pct(b.falseRollbacks, b.clean)}`;
      }),
      `${c === 'intermittent' ? '>=' : ''}${pct(oracle.byCategory[c]!.detected25, oracle.byCategory[c]!.regressions25)}`,
    ]),
  );
  const cells = Object.keys(oracle.byEffect);
  const perEffect = table(
    ['category, injected effect', ...scores.map((s) => s.judge), 'oracle'],
    cells.map((cell) => {
      const [category, effect] = cell.split(' ');
      const label =
        category === 'intermittent'
          ? `${category} ${(1 + Number(effect) / 100).toFixed(0)}x on 70%`
          : `${category} +${effect}%`;
      return [
        label,
        ...scores.map((s) => pct(s.byEffect[cell]!.detected, s.byEffect[cell]!.pairs)),
        pct(oracle.byEffect[cell]!.detected, oracle.byEffect[cell]!.pairs),
      ];
    }),
  );
  return (
    `${intro}\n\n${main}\n\nBy category:\n\n${perCategory}\n\nDetection by injected regression:\n\n${perEffect}\n\n` +
    `${ORACLE_NOTE}\n`
  );
}

const VARIANT_TITLES: Record<CorpusVariant, string> = {
  independent: 'Corpus A, independent tracks (the corpus as first written)',
  'shared-load':
    'Corpus B, shared load (the same pairs, both tracks swing with one per-interval load factor)',
};

export async function run(options: { seed?: number; perCell?: number } = {}): Promise<string> {
  const parts: string[] = [];
  for (const variant of ['independent', 'shared-load'] as const) {
    const corpus = generateCorpus(options.seed, options.perCell, variant);
    const scores = JUDGES.map((j) => score(j, corpus));
    parts.push(formatScores(scores, oracleScore(corpus), corpus, VARIANT_TITLES[variant]));
  }
  return parts.join('\n');
}

function argValue(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v <= 0)
    throw new Error(`${name}: expected a positive integer, got ${process.argv[i + 1]}`);
  return v;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run({ seed: argValue('--seed'), perCell: argValue('--per-cell') }).then(
    (text) => console.log(text),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
