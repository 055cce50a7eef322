/**
 * Which stage a stage-gate job runs, and under which id the release's decision log is kept.
 * The reusable workflow passes the 1-based position ("3"); people running the action by hand may pass a name.
 */
import { ConfigurationError, stageWeight, type ReleasePlan, type StageConfig } from '../config/index.js';

export interface StageRef {
  config: StageConfig;
  /** 0-based position in the plan. */
  index: number;
  /** 1-based, as in `summary_stage_<n>.txt` and war-room lines. */
  number: number;
  weight: number;
  /** The GitHub environment whose approval is the stage's sign-off, or null. */
  environment: string | null;
}

export function resolveStage(plan: ReleasePlan, input: string, field = 'input stage'): StageRef {
  const raw = input.trim();
  const names = plan.stages.map((s, i) => `${i + 1}=${s.name}`).join(', ');
  if (!raw)
    throw new ConfigurationError(
      `${field} is missing (a stage number 1..${plan.stages.length} or a stage name: ${names})`,
    );
  let index: number;
  if (/^\d+$/.test(raw)) {
    index = Number(raw) - 1;
    if (index < 0 || index >= plan.stages.length) {
      throw new ConfigurationError(
        `${field}: ${raw} is not a stage of the plan (expected 1..${plan.stages.length}: ${names})`,
      );
    }
  } else {
    index = plan.stages.findIndex((s) => s.name === raw);
    if (index < 0)
      throw new ConfigurationError(
        `${field}: "${raw}" is not a stage of the plan (expected a number or a name: ${names})`,
      );
  }
  const config = plan.stages[index]!;
  return {
    config,
    index,
    number: index + 1,
    weight: stageWeight(config.traffic),
    environment: config.environment ?? null,
  };
}

/**
 * The id of one release attempt's decision log: `<service>-<version>-<run id>`. Every job of one workflow run
 * shares the run id (re-running a failed job keeps it), so all of them extend one log; a new dispatch of the same
 * version starts a new log. Without a run id (a local run) the id is `<service>-<version>-local`.
 */
export function releaseDeploymentId(plan: ReleasePlan, version: string, runId: string | undefined): string {
  const run = runId && /^\d+$/.test(runId) ? runId : 'local';
  return `${plan.release.service}-${version}-${run}`;
}

/** The first-night log sits beside the sealed release log (see first-night.ts for why it cannot be the same). */
export function firstNightDeploymentId(deploymentId: string): string {
  return `${deploymentId}-first-night`;
}
