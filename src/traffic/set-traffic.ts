/**
 * The core of the `set-traffic` action and CLI command: resolve the share (a stage's, or a weight) and apply it;
 * and the confirmed, idempotent write the stage gate's cut and the rollback job share (applyShare).
 */
import { ConfigurationError, parseDecimal, type ReleasePlan } from '../config/index.js';
import { createTrafficProvider, type TrafficDeps } from './index.js';
import { formatShare, sameWeight, shareOf, TrafficError } from './types.js';
import type { ReadBack, Share, TrafficContext, TrafficProvider, TrafficResult } from './types.js';

export interface SetTrafficRequest {
  plan: ReleasePlan;
  version: string;
  /** A stage name of the plan; its `traffic` is applied. */
  stage?: string;
  /** A weight 0..100 (when no stage is given). */
  weight?: number;
  dryRun?: boolean;
  deps?: TrafficDeps;
}

export interface SetTrafficOutcome extends TrafficResult {
  share: Share;
  provider: string;
}

/** Parses the `weight` input: a percent 0..100, `25` or `25%`. */
export function parseWeightInput(raw: string, name = 'weight'): number {
  const text = raw.trim().replace(/%$/, '');
  const n = parseDecimal(text);
  if (!Number.isFinite(n) || n < 0 || n > 100) {
    throw new ConfigurationError(
      `${name}: ${JSON.stringify(raw)} is not a traffic weight (expected a percent 0..100, e.g. 25)`,
    );
  }
  return n;
}

export function resolveShare(
  plan: ReleasePlan,
  stage: string | undefined,
  weight: number | undefined,
): Share {
  if (stage && weight !== undefined)
    throw new ConfigurationError(
      'stage, weight: give one of them, not both (a stage name of the plan, or a weight 0..100)',
    );
  if (stage) {
    const found = plan.stages.find((s) => s.name === stage);
    if (!found)
      throw new ConfigurationError(
        `stage: "${stage}" is not a stage of the plan (expected one of ${plan.stages.map((s) => s.name).join(', ')})`,
      );
    return shareOf(found.traffic);
  }
  if (weight === undefined)
    throw new ConfigurationError(
      'stage, weight: one is required (a stage name of the plan, or a weight 0..100)',
    );
  return { weight };
}

export async function setTraffic(request: SetTrafficRequest): Promise<SetTrafficOutcome> {
  const share = resolveShare(request.plan, request.stage, request.weight);
  const provider = createTrafficProvider(request.plan.traffic, request.deps);
  const result = await provider.set(share, {
    version: request.version,
    service: request.plan.release.service,
    ...(request.stage ? { stage: request.stage } : {}),
    ...(request.dryRun ? { dryRun: true } : {}),
  });
  request.deps?.log?.(`traffic ${formatShare(share)} via ${provider.describe()}: ${result.detail}`);
  return { ...result, share, provider: provider.describe() };
}

/**
 * The share a rollback returns to: `rollback.traffic` (default 0) for the whole canary, and for every flow the plan
 * ever routes when its stages use per-flow shares (a per-flow provider writes each flow).
 */
export function baselineShare(plan: ReleasePlan): Share {
  const weight = plan.rollback.traffic;
  const flows = [
    ...new Set(plan.stages.flatMap((s) => (typeof s.traffic === 'number' ? [] : Object.keys(s.traffic)))),
  ];
  return flows.length > 0 ? { weight, flows: Object.fromEntries(flows.map((f) => [f, weight])) } : { weight };
}

/** True when a read-back shows exactly this share (a whole-canary read is compared with the largest flow). */
export function readBackMatches(readBack: ReadBack, share: Share): boolean {
  if (typeof readBack === 'number') return sameWeight(readBack, share.weight);
  const flows = share.flows ?? {};
  const names = Object.keys(flows);
  return names.length > 0 && names.every((f) => sameWeight(readBack[f] ?? NaN, flows[f]!));
}

export interface ConfirmedShare {
  /** False when the provider already read this share and nothing was written (a re-run, or the stage cut it). */
  changed: boolean;
  /** The share as read back after the write (or before, when nothing was written); null when it cannot be read. */
  readBack: ReadBack | null;
  detail: string;
}

/**
 * Applies a share idempotently and confirms it: a provider that can read is read first, and a share already in
 * place is left alone (skipWhenInPlace: false writes at once, for a cut where one round trip matters); after a write the share is read back (the provider's own read-back, or a read), and a
 * read-back that differs is an error. A provider that cannot read says so in the detail: set, but unconfirmed.
 */
export async function applyShare(
  provider: TrafficProvider,
  share: Share,
  ctx: TrafficContext,
  options: { skipWhenInPlace: boolean } = { skipWhenInPlace: true },
): Promise<ConfirmedShare> {
  if (options.skipWhenInPlace && provider.read && !ctx.dryRun) {
    const before = await provider.read(ctx).catch(() => null);
    if (before !== null && readBackMatches(before, share))
      return {
        changed: false,
        readBack: before,
        detail: `already at ${formatShare(share)} (read back ${JSON.stringify(before)}); nothing written`,
      };
  }
  const result = await provider.set(share, ctx);
  if (ctx.dryRun) return { changed: false, readBack: null, detail: result.detail };
  if (result.readBack !== undefined)
    return { changed: true, readBack: result.readBack, detail: result.detail };
  if (!provider.read)
    return {
      changed: true,
      readBack: null,
      detail: `${result.detail}; not read back (${provider.describe()} cannot read its weight)`,
    };
  let readBack: ReadBack;
  try {
    readBack = await provider.read(ctx);
  } catch (e) {
    // The write went through; only its confirmation is missing, and the record must say which.
    return {
      changed: true,
      readBack: null,
      detail: `${result.detail}; not read back (${(e as Error).message})`,
    };
  }
  if (!readBackMatches(readBack, share))
    throw new TrafficError(
      `${provider.describe()}: reads ${JSON.stringify(readBack)} after setting ${formatShare(share)}`,
    );
  return { changed: true, readBack, detail: `${result.detail}; read back ${JSON.stringify(readBack)}` };
}
