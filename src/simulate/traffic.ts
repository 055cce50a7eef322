/**
 * Traffic in the simulation. The feature-flag provider (`traffic.http`) runs for real against the local
 * service (through the simulation's fetch); providers that act on things the simulation cannot stand in for
 * (a cluster through kubectl, a GitOps remote, a team's command) run in their own dry-run mode, so the line
 * says exactly what they would have done and is marked SIMULATED, never reported as done.
 */
import type { TrafficSettings } from '../config/index.js';
import { createHttpProvider, createTrafficProvider, type TrafficDeps } from '../traffic/index.js';
import type { Share, TrafficContext, TrafficProvider, TrafficResult } from '../traffic/types.js';

export function simulationTrafficProvider(
  settings: TrafficSettings | undefined,
  deps: TrafficDeps & { fetch: NonNullable<TrafficDeps['fetch']> },
): TrafficProvider | null {
  if (!settings) return null;
  const { http, ...rest } = settings;
  const real = http
    ? createHttpProvider(http, { fetch: deps.fetch, ...(deps.env ? { env: deps.env } : {}) })
    : null;
  const others = rest.kubectl || rest.gitops || rest.run ? createTrafficProvider(rest, deps) : null;
  if (!real && !others) return null;
  return {
    describe: () =>
      [real?.describe(), others ? `${others.describe()} (simulated)` : undefined].filter(Boolean).join(' + '),
    async set(share: Share, ctx: TrafficContext): Promise<TrafficResult> {
      const details: string[] = [];
      let result: TrafficResult | undefined;
      if (real) {
        result = await real.set(share, ctx);
        details.push(result.detail);
      }
      if (others) {
        const dry = await others.set(share, { ...ctx, dryRun: true });
        details.push(`SIMULATED, not run here: ${dry.detail.replace(/^dry-run:\s*/, '')}`);
      }
      return {
        applied: result?.applied ?? false,
        changed: result?.changed ?? false,
        ...(result?.readBack !== undefined ? { readBack: result.readBack } : {}),
        detail: details.join('; '),
      };
    },
  };
}
