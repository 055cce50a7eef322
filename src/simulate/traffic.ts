/**
 * Traffic in the simulation, as the registry says each provider is rehearsed: a `live` one (the feature flag,
 * `traffic.http`) runs for real against the local service through the simulation's fetch; a `dry-run` one (a
 * cluster through kubectl, a GitOps remote, a team's command) runs in its own dry-run mode, so the line says
 * exactly what it would have done and is marked SIMULATED, never reported as done.
 */
import type { TrafficSettings } from '../config/index.js';
import { createTrafficProvider, trafficRehearsal, type TrafficDeps } from '../traffic/index.js';
import type { Share, TrafficContext, TrafficProvider, TrafficResult } from '../traffic/types.js';

export function simulationTrafficProvider(
  settings: TrafficSettings | undefined,
  deps: TrafficDeps & { fetch: NonNullable<TrafficDeps['fetch']> },
): TrafficProvider | null {
  if (!settings) return null;
  const provider = createTrafficProvider(settings, deps);
  if (trafficRehearsal(settings) === 'live') return provider;
  return {
    describe: () => `${provider.describe()} (simulated)`,
    async set(share: Share, ctx: TrafficContext): Promise<TrafficResult> {
      const dry = await provider.set(share, { ...ctx, dryRun: true });
      return {
        applied: false,
        changed: false,
        detail: `SIMULATED, not run here: ${dry.detail.replace(/^dry-run:\s*/, '')}`,
      };
    },
  };
}
