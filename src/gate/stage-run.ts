/**
 * Drives one stage: sample every interval, evaluate, decide, stop as soon as a decision is made.
 * The only I/O is the metric source and the clock, both passed in, so the same loop is the live gate
 * (realClock + Prometheus), the replay of a past window (replayClock + Prometheus instant queries at time=t)
 * and the simulation (virtualClock + a synthetic or recorded source).
 */
import { ConfigurationError, type ReleasePlan, type StageConfig } from '../config/index.js';
import type { Measurement, MetricQuery, MetricSource, Track } from '../metrics/source.js';
import { AbortedError, type Clock } from '../platform/clock.js';
import {
  decide,
  evaluateGuardrail,
  initialProgress,
  nextSampleAt,
  stagePolicy,
  windowContext,
  type CountsReading,
  type GuardrailSpec,
  type Observation,
  type Reading,
  type SoftAction,
  type StagePolicy,
  type StageProgress,
} from './evaluate.js';
import { unitOf } from './metric-names.js';
import { renderCountsQueries, renderQuery, stageContext } from './query.js';
import { ratioShape } from './ratio-counts.js';
import type {
  Decision,
  GuardrailSample,
  GuardrailStatus,
  GuardrailSummary,
  SampleRecord,
  StageResult,
} from './types.js';
import { warroomLine } from './warroom.js';

export interface RunStageOptions {
  plan: ReleasePlan;
  /** A stage name of the plan, or the stage itself. */
  stage: string | StageConfig;
  version?: string;
  source: MetricSource;
  clock: Clock;
  mode?: StageResult['mode'];
  /** When the stage started (default: clock.now()). */
  startAt?: Date;
  /** Stop here if the stage has not decided (a replay's --to). A stop is never a pass. */
  until?: Date;
  /** T0 of the release, for the war-room minute (default: the stage start). */
  releaseStartedAt?: Date;
  onSample?: (sample: SampleRecord) => void | Promise<void>;
  signal?: AbortSignal;
}

interface PreparedGuardrail {
  spec: GuardrailSpec;
  onSoft: SoftAction;
  canary: MetricQuery;
  baseline?: MetricQuery;
  counts?: {
    canary: { events: MetricQuery; total: MetricQuery };
    baseline: { events: MetricQuery; total: MetricQuery };
  };
}

export function findStage(
  plan: ReleasePlan,
  stage: string | StageConfig,
): { config: StageConfig; index: number } {
  if (typeof stage !== 'string') {
    const index = plan.stages.indexOf(stage);
    return { config: stage, index: index >= 0 ? index : plan.stages.findIndex((s) => s.name === stage.name) };
  }
  const index = plan.stages.findIndex((s) => s.name === stage);
  if (index < 0) {
    throw new ConfigurationError(
      `--stage: "${stage}" is not a stage of the plan (one of: ${plan.stages.map((s) => s.name).join(', ')})`,
    );
  }
  return { config: plan.stages[index]!, index };
}

/** Renders every query of the stage's guardrails once, up front: a bad placeholder fails before any sampling. */
export function prepareGuardrails(
  plan: ReleasePlan,
  stage: StageConfig,
  version?: string,
): PreparedGuardrail[] {
  const ctx = stageContext(plan, stage, version);
  return stage.guardrails.map((name) => {
    const config = plan.guardrails[name];
    if (!config)
      throw new ConfigurationError(
        `stages.${stage.name}.guardrails: "${name}" is not a guardrail of the plan`,
      );
    const def = plan.metrics.queries[config.metric];
    if (!def)
      throw new ConfigurationError(
        `guardrails.${name}.metric: "${config.metric}" is not a metric of metrics.queries`,
      );
    const against = config.against === 'baseline';
    const q = (track: Track): MetricQuery => ({
      metric: config.metric,
      track,
      query: renderQuery(plan, config.metric, track, ctx),
    });
    const canary = q('canary');
    const baseline = against ? q('baseline') : undefined;
    const judged = against && config.test !== 'none' && config.test !== 'mann-whitney';
    const plannedCounts = judged
      ? countsFor(plan, stage, config.metric, ctx, canary.query, baseline!.query)
      : undefined;
    const counts = plannedCounts && 'canary' in plannedCounts ? plannedCounts : undefined;
    return {
      spec: {
        name,
        config,
        metric: config.metric,
        unit: unitOf(config.metric, def),
        query: { canary: canary.query, ...(baseline ? { baseline: baseline.query } : {}) },
        ...(counts
          ? {
              counts: {
                source: counts.source,
                scale: counts.scale,
                events: counts.canary.events.query,
                total: counts.canary.total.query,
              },
            }
          : {}),
        ...(plannedCounts && 'seriesBecause' in plannedCounts
          ? { seriesBecause: plannedCounts.seriesBecause }
          : {}),
      },
      onSoft: config.on_soft ?? stage.on_soft ?? 'hold',
      canary,
      ...(baseline ? { baseline } : {}),
      ...(counts ? { counts: { canary: counts.canary, baseline: counts.baseline } } : {}),
    };
  });
}

type TrackCounts = { events: MetricQuery; total: MetricQuery };

/**
 * The counters a baseline ratio is judged on: declared with `counts:`, or derived from a query shaped
 * sum(rate(events)) / sum(rate(total)) (ratio-counts.ts). A ratio that cannot be decomposed is judged as a series,
 * and the record says why.
 */
function countsFor(
  plan: ReleasePlan,
  stage: StageConfig,
  metric: string,
  ctx: ReturnType<typeof stageContext>,
  canaryPromql: string,
  baselinePromql: string,
):
  | { source: 'declared' | 'derived'; scale: number; canary: TrackCounts; baseline: TrackCounts }
  | { seriesBecause: string }
  | undefined {
  const query = (track: Track, part: 'events' | 'total', promql: string): MetricQuery => ({
    metric: `${metric}.${part}`,
    track,
    query: promql,
  });
  if (plan.metrics.queries[metric]!.counts) {
    const side = (track: Track): TrackCounts => {
      const r = renderCountsQueries(plan, metric, track, ctx)!;
      return { events: query(track, 'events', r.events), total: query(track, 'total', r.total) };
    };
    return { source: 'declared', scale: 1, canary: side('canary'), baseline: side('baseline') };
  }
  const canary = ratioShape(canaryPromql, stage.interval);
  const baseline = ratioShape(baselinePromql, stage.interval);
  if (canary.kind === 'counts' && baseline.kind === 'counts') {
    return {
      source: 'derived',
      scale: canary.counts.scale,
      canary: {
        events: query('canary', 'events', canary.counts.events),
        total: query('canary', 'total', canary.counts.total),
      },
      baseline: {
        events: query('baseline', 'events', baseline.counts.events),
        total: query('baseline', 'total', baseline.counts.total),
      },
    };
  }
  if (canary.kind === 'opaque-ratio') {
    return {
      seriesBecause: `${canary.reason}: declare metrics.queries.${metric}.counts to judge it on counts`,
    };
  }
  return undefined;
}

function toReading(m: Measurement): Reading {
  return m.ok ? { ok: true, value: m.value } : { ok: false, reason: m.reason, message: m.message };
}

/** Reads every query of one sample at time `at`, each distinct query once, all in parallel. */
async function observe(
  source: MetricSource,
  prepared: PreparedGuardrail[],
  at: Date,
): Promise<Observation[]> {
  const cache = new Map<string, Promise<Measurement>>();
  const read = (q: MetricQuery): Promise<Measurement> => {
    const key = `${q.metric}\u0000${q.track}\u0000${q.query}`;
    let pending = cache.get(key);
    if (!pending) {
      // A source must not throw for data problems; if one does anyway, that is still an unmeasurable sample.
      pending = source.instant(q, at).catch((e: unknown): Measurement => ({
        ok: false,
        reason: 'query-error',
        message: `${source.describe()}: ${(e as Error).message}`,
        at,
        query: q.query,
      }));
      cache.set(key, pending);
    }
    return pending;
  };
  return Promise.all(
    prepared.map(async (g): Promise<Observation> => {
      const [canary, baseline, counts] = await Promise.all([
        read(g.canary),
        g.baseline ? read(g.baseline) : undefined,
        g.counts
          ? Promise.all([
              read(g.counts.canary.events),
              read(g.counts.canary.total),
              read(g.counts.baseline.events),
              read(g.counts.baseline.total),
            ])
          : undefined,
      ]);
      const o: Observation = { at: at.getTime(), canary: toReading(canary) };
      if (baseline) o.baseline = toReading(baseline);
      if (counts) o.counts = toCounts(counts);
      return o;
    }),
  );
}

function toCounts([ce, ct, be, bt]: Measurement[]): CountsReading {
  const all = [ce!, ct!, be!, bt!];
  const bad = all.findIndex((m) => !m.ok);
  if (bad >= 0) {
    const m = all[bad] as Extract<Measurement, { ok: false }>;
    return { ok: false, track: bad < 2 ? 'canary' : 'baseline', reason: m.reason, message: m.message };
  }
  const v = all.map((m) => (m as Extract<Measurement, { ok: true }>).value);
  return { ok: true, canaryEvents: v[0]!, canaryTotal: v[1]!, baselineEvents: v[2]!, baselineTotal: v[3]! };
}

function maxSamples(policy: StagePolicy): number {
  // Every extension is bounded: holds by max_holds (+1 for the window-end hold), no-data by plannedSamples.
  return (
    policy.plannedSamples * 2 + Math.ceil(((policy.maxHolds + 1) * policy.holdS) / policy.intervalS) + 10
  );
}

function summarize(prepared: PreparedGuardrail[], samples: SampleRecord[]): GuardrailSummary[] {
  const last = samples[samples.length - 1];
  return prepared.map((g) => {
    const counts: Partial<Record<GuardrailStatus, number>> = {};
    for (const s of samples) {
      const gs = s.guardrails.find((x) => x.name === g.spec.name);
      if (gs) counts[gs.status] = (counts[gs.status] ?? 0) + 1;
    }
    const latest = last?.guardrails.find((x) => x.name === g.spec.name);
    return {
      name: g.spec.name,
      metric: g.spec.metric,
      against: g.spec.config.against === 'baseline' ? 'baseline' : null,
      status: latest?.status ?? 'no-data',
      reason: latest?.reason ?? `${g.spec.name}: not sampled before the run stopped`,
      values: latest?.values ?? { canary: null, baseline: null },
      thresholds: latest?.thresholds ?? [],
      query: g.spec.query,
      counts,
      ...(latest?.judge?.[0]?.test_reason ? { test: latest.judge[0].test_reason } : {}),
      ...(latest?.power ? { power: latest.power } : {}),
    };
  });
}

export async function runStage(options: RunStageOptions): Promise<StageResult> {
  const { plan, source, clock } = options;
  const { config: stage, index: stageIndex } = findStage(plan, options.stage);
  const policy = stagePolicy(stage);
  const prepared = prepareGuardrails(plan, stage, options.version);
  const startedAt = (options.startAt ?? clock.now()).getTime();
  const t0 = (options.releaseStartedAt ?? new Date(startedAt)).getTime();
  const window = windowContext(policy, startedAt);
  const histories: Observation[][] = prepared.map(() => []);
  const samples: SampleRecord[] = [];
  let progress: StageProgress = initialProgress(policy, startedAt);
  let lastAt: number | undefined;
  const limit = maxSamples(policy);

  const finish = (
    decision: Decision,
    reason: string,
    decidedAt: number,
    triggeredBy: string[],
  ): StageResult => ({
    decision,
    decided_at: new Date(decidedAt).toISOString(),
    reason,
    stage: {
      name: stage.name,
      index: stageIndex,
      traffic: stage.traffic,
      duration_s: stage.duration,
      interval_s: stage.interval,
    },
    source: source.describe(),
    mode: options.mode ?? 'live',
    samples,
    guardrails: summarize(prepared, samples),
    holds: progress.holds,
    started_at: new Date(startedAt).toISOString(),
    ended_at: new Date(lastAt ?? startedAt).toISOString(),
    triggered_by: triggeredBy,
  });

  // The last sample's outcome, so a run stopped while holding still says what it was holding for.
  let lastOutcome: { state: string; reason: string; triggeredBy: string[] } | undefined;
  const stopped = (why: string, at: number): StageResult => {
    const holding = lastOutcome?.state === 'holding' ? `; it was holding: ${lastOutcome.reason}` : '';
    return finish(
      'HOLD',
      `${why} before the stage window completed (it ends ${new Date(progress.endsAt).toISOString()}, ${progress.measuredSamples} measured samples so far): a run stopped early is not a pass${holding}`,
      at,
      holding ? lastOutcome!.triggeredBy : [],
    );
  };

  for (let n = 0; n < limit; n++) {
    const at = nextSampleAt(policy, progress, lastAt);
    if (options.until && at > options.until.getTime())
      return stopped(`stopped at --to ${options.until.toISOString()}`, lastAt ?? startedAt);
    try {
      await clock.sleepUntil(new Date(at), options.signal);
    } catch (e) {
      if (e instanceof AbortedError) return stopped(`stopped (${e.message})`, clock.now().getTime());
      throw e;
    }
    const observations = await observe(source, prepared, new Date(at));
    observations.forEach((o, i) => histories[i]!.push(o));
    const statuses: GuardrailSample[] = prepared.map((g, i) =>
      evaluateGuardrail(g.spec, histories[i]!, window),
    );
    const outcome = decide(policy, progress, {
      at,
      guardrails: statuses,
      onSoft: Object.fromEntries(prepared.map((g) => [g.spec.name, g.onSoft])),
    });
    progress = outcome.progress;
    lastOutcome = outcome;
    lastAt = at;
    const record: SampleRecord = {
      index: samples.length + 1,
      at: new Date(at).toISOString(),
      elapsed_s: (at - startedAt) / 1000,
      state: outcome.state,
      decision: outcome.decision,
      reason: outcome.reason,
      measured: statuses.every((s) => s.status !== 'no-data'),
      holds: progress.holds,
      window_ends_at: new Date(progress.endsAt).toISOString(),
      guardrails: statuses,
      warroom: warroomLine({
        elapsedS: (at - t0) / 1000,
        stageIndex,
        traffic: stage.traffic,
        guardrails: statuses,
        queries: plan.metrics.queries,
        state: outcome.state,
        decision: outcome.decision,
        seconds: policy.intervalS < 60,
      }),
    };
    samples.push(record);
    await options.onSample?.(record);
    if (outcome.state === 'decided' && outcome.decision)
      return finish(outcome.decision, outcome.reason, at, outcome.triggeredBy);
  }
  throw new Error(
    `runStage(${stage.name}): no decision after ${limit} samples (the engine's own bound; this is a bug)`,
  );
}
