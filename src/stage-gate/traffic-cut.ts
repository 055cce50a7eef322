/**
 * The stage gate's own cut: once a stage will not PROCEED (ROLLBACK, REVIEW, a cancelled job, an internal error
 * after its traffic moved), the canary goes back to the baseline share through the plan's provider before anything
 * else happens: before the evidence push (seconds) and long before the workflow's rollback job is scheduled
 * (tens of seconds to minutes). The rollback job still runs for silences, incident, notifications and its
 * evidence, and finds the share already in place (applyShare is idempotent).
 *
 * Never throws: a cut that fails is reported in the decision record and the job fails as it would anyway, so the
 * rollback job tries again.
 */
import { getErrorMessage, type ReleasePlan } from '../config/index.js';
import { applyShare, baselineShare } from '../traffic/set-traffic.js';
import { formatShare, type ReadBack, type TrafficContext, type TrafficProvider } from '../traffic/index.js';
import type { Clock } from '../platform/clock.js';

export interface TrafficCut {
  /** What made the gate cut: `ROLLBACK decision`, `REVIEW decision`, `stopped (job received SIGTERM)`, an error. */
  trigger: string;
  ok: boolean;
  /** The baseline share, e.g. `0%`. */
  share: string;
  /** The weight read back from the provider after the cut; null when it could not be read (or in dry-run). */
  readBack: ReadBack | null;
  /** When the cut was read back (or failed). */
  at: string;
  /** From the decision (or the error) to the read-back, measured on the process's monotonic clock. */
  latencyMs: number;
  /** One line for the decision record and the job summary. */
  detail: string;
}

export async function cutTraffic(
  plan: ReleasePlan,
  provider: TrafficProvider,
  ctx: TrafficContext,
  trigger: string,
  /** monotonicMs() at the decision: wall clocks can be simulated, a latency must not be. */
  decidedAtMs: number,
  clock: Pick<Clock, 'now'>,
  /** The latency clock: performance.now, or a simulation's virtual time (so its evidence repeats). */
  monotonicMs: () => number = () => performance.now(),
): Promise<TrafficCut> {
  const share = baselineShare(plan);
  const shareText = formatShare(share);
  try {
    const confirmed = await applyShare(provider, share, ctx, { skipWhenInPlace: false });
    const latencyMs = monotonicMs() - decidedAtMs;
    const readBack = confirmed.readBack;
    return {
      trigger,
      ok: true,
      share: shareText,
      readBack,
      at: clock.now().toISOString(),
      latencyMs,
      detail: ctx.dryRun
        ? `dry-run: would be cut to ${shareText} by the stage gate on its ${trigger}, before any evidence (${provider.describe()}: ${confirmed.detail})`
        : `cut to ${shareText} by the stage gate on its ${trigger}, ${Math.round(latencyMs)} ms after it, before any evidence was written (${provider.describe()}: ${confirmed.detail})`,
    };
  } catch (e) {
    const latencyMs = monotonicMs() - decidedAtMs;
    return {
      trigger,
      ok: false,
      share: shareText,
      readBack: null,
      at: clock.now().toISOString(),
      latencyMs,
      detail: `cut to ${shareText} on the ${trigger} FAILED (${provider.describe()}: ${getErrorMessage(e)}); the rollback job sets it`,
    };
  }
}
