/**
 * The stage-gate action's modes. Each mode loads only its own step code (a dynamic import: a separate chunk of the
 * bundle), so promote never evaluates the gate engine, the metric source or the traffic providers, and a stage
 * never the promote steps.
 */
import type { StageGateJob, StageGateMode, StageGateReport } from './job.js';

export async function runStageGateMode(mode: StageGateMode, job: StageGateJob): Promise<StageGateReport> {
  switch (mode) {
    case 'promote':
      return (await import('./promote-mode.js')).runPromoteMode(job);
    case 'first-night':
      return (await import('./first-night-mode.js')).runFirstNightMode(job);
    case 'stage':
      return (await import('./stage-mode.js')).runStageMode(job);
  }
}
