/**
 * Backtest: how often would each stage's guardrails have fired over history? Run one before any
 * threshold is loosened.
 *
 * Windows start at from, from + step, ... while the whole stage window [w, w + duration] fits before `to`. In each
 * window every guardrail is sampled exactly as the gate samples it (interval, plus the end of the window) and
 * evaluated by the same pure evaluateGuardrail, independently of the others: a window "fired soft" for a
 * guardrail if any sample had status soft (held for its `for`), "fired hard" likewise. The stage's decision in that
 * window is what decide() would have made by the end of the planned window (HOLD if it was still holding then;
 * holds are not played out).
 *
 * Data: when the source can run range queries (Prometheus, InfluxDB, Datadog), each (query, track) is fetched
 * once with its `range` on the grid all sample times fall on (gcd of interval, duration and step), which each of
 * them answers as the instant queries a live gate sends; other sources are asked sample by sample.
 */
import { ConfigurationError, formatDuration, type ReleasePlan, type StageConfig } from '../config/index.js';
import type { RangeResult } from '../metrics/prometheus.js';
import {
  unmeasurable,
  measured,
  type Measurement,
  type MetricQuery,
  type MetricSource,
} from '../metrics/source.js';
import {
  decide,
  evaluateGuardrail,
  initialProgress,
  nextSampleAt,
  stagePolicy,
  windowContext,
  type Observation,
  type Reading,
  type StageProgress,
} from './evaluate.js';
import { virtualClock } from '../platform/clock.js';
import { prepareGuardrails } from './stage-run.js';
import type { Decision, GuardrailStatus } from './types.js';

export interface RangeCapable extends MetricSource {
  range(q: MetricQuery, start: Date, end: Date, stepSeconds: number): Promise<RangeResult>;
}

export interface BacktestOptions {
  plan: ReleasePlan;
  source: MetricSource;
  from: Date;
  to: Date;
  stepS: number;
  /** Only these stages (default: all). */
  stages?: string[];
  version?: string;
}

export interface GuardrailBacktest {
  name: string;
  metric: string;
  thresholds: string[];
  windows: number;
  soft: number;
  hard: number;
  no_data: number;
  trend: number;
  /** Start of each window in which this guardrail fired hard. */
  hard_windows: string[];
}

export interface StageBacktest {
  stage: string;
  windows: number;
  decisions: Record<Decision, number>;
  guardrails: GuardrailBacktest[];
}

export interface BacktestReport {
  from: string;
  to: string;
  step_s: number;
  source: string;
  stages: StageBacktest[];
}

export const MAX_WINDOWS = 5000;
const MAX_RANGE_POINTS = 10_000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function hasRange(source: MetricSource): source is RangeCapable {
  return typeof (source as Partial<RangeCapable>).range === 'function';
}

/** Serves instant queries from range results fetched up front; anything off the grid goes to the source. */
class GridSource implements MetricSource {
  private readonly grid = new Map<string, Map<number, Measurement | number>>();
  constructor(private readonly inner: RangeCapable) {}

  describe(): string {
    return this.inner.describe();
  }

  async prefetch(q: MetricQuery, from: Date, to: Date, stepS: number): Promise<void> {
    const key = `${q.track}\u0000${q.query}`;
    if (this.grid.has(key)) return;
    const byTime = new Map<number, Measurement | number>();
    for (let start = from.getTime(); start <= to.getTime(); start += MAX_RANGE_POINTS * stepS * 1000) {
      const end = new Date(Math.min(to.getTime(), start + (MAX_RANGE_POINTS - 1) * stepS * 1000));
      const result = await this.inner.range(q, new Date(start), end, stepS);
      if (!result.ok) {
        // 'empty' means no series over the whole chunk: every grid point of it is an empty vector.
        for (let t = start; t <= end.getTime(); t += stepS * 1000)
          byTime.set(t, unmeasurable(q, new Date(t), result.reason, result.message));
        continue;
      }
      for (const [s, v] of result.points) byTime.set(Math.round(s * 1000), v);
      // Grid points a matrix leaves out had no value there: an empty vector, as an instant query would say.
      for (let t = start; t <= end.getTime(); t += stepS * 1000) {
        if (!byTime.has(t))
          byTime.set(
            t,
            unmeasurable(
              q,
              new Date(t),
              'empty',
              `${this.describe()}: empty vector at ${new Date(t).toISOString()}; query: ${q.query}`,
            ),
          );
      }
    }
    this.grid.set(key, byTime);
  }

  async instant(q: MetricQuery, at: Date): Promise<Measurement> {
    const hit = this.grid.get(`${q.track}\u0000${q.query}`)?.get(at.getTime());
    if (hit === undefined) return this.inner.instant(q, at);
    if (typeof hit !== 'number') return { ...hit, at };
    if (!Number.isFinite(hit))
      return unmeasurable(
        q,
        at,
        'nan',
        `${this.describe()}: value is ${hit} at ${at.toISOString()}; query: ${q.query}`,
      );
    return measured(q, at, hit);
  }
}

function stagesOf(plan: ReleasePlan, names?: string[]): StageConfig[] {
  if (!names?.length) return plan.stages;
  return names.map((n) => {
    const s = plan.stages.find((x) => x.name === n);
    if (!s)
      throw new ConfigurationError(
        `--stage: "${n}" is not a stage of the plan (one of: ${plan.stages.map((x) => x.name).join(', ')})`,
      );
    return s;
  });
}

export async function backtest(options: BacktestOptions): Promise<BacktestReport> {
  const { plan, from, to, stepS } = options;
  if (!(stepS > 0)) throw new ConfigurationError(`--step: expected a positive duration, got ${stepS}s`);
  if (!(to.getTime() > from.getTime()))
    throw new ConfigurationError(`--to: ${to.toISOString()} is not after --from ${from.toISOString()}`);
  const report: BacktestReport = {
    from: from.toISOString(),
    to: to.toISOString(),
    step_s: stepS,
    source: options.source.describe(),
    stages: [],
  };

  for (const stage of stagesOf(plan, options.stages)) {
    const policy = stagePolicy(stage);
    const windowStarts: number[] = [];
    for (let w = from.getTime(); w + policy.durationS * 1000 <= to.getTime(); w += stepS * 1000) {
      windowStarts.push(w);
      if (windowStarts.length > MAX_WINDOWS) {
        throw new ConfigurationError(
          `--step: ${formatDuration(stepS)} gives more than ${MAX_WINDOWS} windows for stage ${stage.name} (use a larger --step or a shorter range)`,
        );
      }
    }
    const prepared = prepareGuardrails(plan, stage, options.version);
    let source: MetricSource = options.source;
    const integral = [policy.intervalS, policy.durationS, stepS].every((s) => Number.isInteger(s));
    if (hasRange(options.source) && integral && windowStarts.length > 0) {
      const grid = new GridSource(options.source);
      const g = gcd(gcd(policy.intervalS, policy.durationS), stepS);
      const queries = prepared.flatMap((p) => [
        p.canary,
        ...(p.baseline ? [p.baseline] : []),
        ...(p.counts
          ? [p.counts.canary.events, p.counts.canary.total, p.counts.baseline.events, p.counts.baseline.total]
          : []),
      ]);
      const last = new Date(windowStarts[windowStarts.length - 1]! + policy.durationS * 1000);
      for (const q of queries) await grid.prefetch(q, new Date(windowStarts[0]!), last, g);
      source = grid;
    }

    const result: StageBacktest = {
      stage: stage.name,
      windows: windowStarts.length,
      decisions: { PROCEED: 0, HOLD: 0, REVIEW: 0, ROLLBACK: 0 },
      guardrails: prepared.map((p) => ({
        name: p.spec.name,
        metric: p.spec.metric,
        thresholds: [],
        windows: windowStarts.length,
        soft: 0,
        hard: 0,
        no_data: 0,
        trend: 0,
        hard_windows: [],
      })),
    };
    for (const w of windowStarts) {
      const clock = virtualClock(new Date(w));
      const histories: Observation[][] = prepared.map(() => []);
      const seen: Array<Set<GuardrailStatus>> = prepared.map(() => new Set());
      let progress: StageProgress = initialProgress(policy, w);
      const windowEnd = w + policy.durationS * 1000;
      let decision: Decision | undefined;
      let lastAt: number | undefined;
      // Sample times of the planned window only; decide() moves progress.endsAt on holds, which are not played out.
      const planned = initialProgress(policy, w);
      for (;;) {
        const at = nextSampleAt(policy, planned, lastAt);
        if (at > windowEnd) break;
        await clock.sleepUntil(new Date(at));
        lastAt = at;
        const obs = await Promise.all(prepared.map((p) => observeOne(source, p, new Date(at))));
        const statuses = prepared.map((p, i) => {
          histories[i]!.push(obs[i]!);
          const s = evaluateGuardrail(p.spec, histories[i]!, windowContext(policy, w));
          seen[i]!.add(s.status);
          if (result.guardrails[i]!.thresholds.length === 0) result.guardrails[i]!.thresholds = s.thresholds;
          return s;
        });
        if (decision === undefined) {
          const outcome = decide(policy, progress, {
            at,
            guardrails: statuses,
            onSoft: Object.fromEntries(prepared.map((p) => [p.spec.name, p.onSoft])),
          });
          progress = outcome.progress;
          if (outcome.state === 'decided' && outcome.decision) decision = outcome.decision;
        }
        if (at >= windowEnd) break;
      }
      result.decisions[decision ?? 'HOLD']++;
      seen.forEach((statuses, i) => {
        const g = result.guardrails[i]!;
        if (statuses.has('soft')) g.soft++;
        if (statuses.has('hard')) {
          g.hard++;
          g.hard_windows.push(new Date(w).toISOString());
        }
        if (statuses.has('no-data')) g.no_data++;
        if (statuses.has('trend')) g.trend++;
      });
    }
    report.stages.push(result);
  }
  return report;
}

async function observeOne(
  source: MetricSource,
  p: ReturnType<typeof prepareGuardrails>[number],
  at: Date,
): Promise<Observation> {
  const read = async (q: MetricQuery): Promise<Reading> => {
    const m = await source.instant(q, at);
    return m.ok ? { ok: true, value: m.value } : { ok: false, reason: m.reason, message: m.message };
  };
  const o: Observation = { at: at.getTime(), canary: await read(p.canary) };
  if (p.baseline) o.baseline = await read(p.baseline);
  if (p.counts) {
    const parts = await Promise.all([
      read(p.counts.canary.events),
      read(p.counts.canary.total),
      read(p.counts.baseline.events),
      read(p.counts.baseline.total),
    ]);
    const bad = parts.findIndex((x) => !x.ok);
    if (bad >= 0) {
      const m = parts[bad] as Extract<Reading, { ok: false }>;
      o.counts = { ok: false, track: bad < 2 ? 'canary' : 'baseline', reason: m.reason, message: m.message };
    } else {
      const v = parts.map((x) => (x as { value: number }).value);
      o.counts = {
        ok: true,
        canaryEvents: v[0]!,
        canaryTotal: v[1]!,
        baselineEvents: v[2]!,
        baselineTotal: v[3]!,
      };
    }
  }
  return o;
}

function pct(n: number, of: number): string {
  return of === 0 ? 'n/a' : `${((n / of) * 100).toFixed(1)}%`;
}

/** The report as a table a release engineer reads before loosening a threshold. */
export function formatBacktest(report: BacktestReport): string {
  const rows: string[][] = [
    ['stage', 'guardrail', 'windows', 'soft', 'soft %', 'hard', 'hard %', 'no-data', 'trend'],
  ];
  for (const s of report.stages) {
    for (const g of s.guardrails) {
      rows.push([
        s.stage,
        g.name,
        String(g.windows),
        String(g.soft),
        pct(g.soft, g.windows),
        String(g.hard),
        pct(g.hard, g.windows),
        String(g.no_data),
        String(g.trend),
      ]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [
    `Backtest ${report.from} .. ${report.to}, a window every ${formatDuration(report.step_s)}, from ${report.source}`,
    '',
    line(rows[0]!),
    ...rows.slice(1).map(line),
    '',
    'Decisions by the end of each planned window (holds not played out):',
    ...report.stages.map(
      (s) =>
        `  ${s.stage}: ${Object.entries(s.decisions)
          .map(([d, n]) => `${d} ${n}`)
          .join(', ')} of ${s.windows} windows`,
    ),
  ];
  return `${out.join('\n')}\n`;
}
