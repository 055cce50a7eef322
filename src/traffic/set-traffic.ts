/** The core of the `set-traffic` action and CLI command: resolve the share (a stage's, or a weight) and apply it. */
import { ConfigurationError, parseDecimal, type ReleasePlan } from '../config/index.js';
import { createTrafficProvider, type TrafficDeps } from './index.js';
import { formatShare, shareOf, type Share, type TrafficResult } from './types.js';

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
