/**
 * What the reusable workflow needs from the plan to wire its fixed jobs: eight stage slots (enabled by the plan's
 * stage count), each with its environment and a timeout that follows from the stage's duration and holds, and the
 * runner for the jobs that reach Prometheus, Alertmanager or the traffic endpoint.
 */
import { ConfigurationError, formatDuration, type ReleasePlan } from '../config/index.js';

export const STAGE_SLOTS = 8;
/** GitHub-hosted jobs stop after 6 hours. */
export const HOSTED_JOB_LIMIT_MINUTES = 360;
/** Set-up, checkout, traffic shift and evidence push around the observation window. */
const JOB_OVERHEAD_MINUTES = 10;
const DEFAULT_HOLD_S = 15 * 60;
const DEFAULT_MAX_HOLDS = 2;

export interface StageSlot {
  enabled: boolean;
  index: number;
  name: string;
  /** Never empty: GitHub refuses an empty environment name even on a skipped job. */
  environment: string;
  timeout_minutes: number;
}

export function stageTimeoutMinutes(stage: ReleasePlan['stages'][number]): number {
  const holds = (stage.max_holds ?? DEFAULT_MAX_HOLDS) * (stage.hold ?? DEFAULT_HOLD_S);
  return Math.ceil((stage.duration + holds) / 60) + JOB_OVERHEAD_MINUTES;
}

export function stageSlots(plan: ReleasePlan): StageSlot[] {
  const problems: string[] = [];
  const slots = Array.from({ length: STAGE_SLOTS }, (_, i): StageSlot => {
    const stage = plan.stages[i];
    if (!stage)
      return {
        enabled: false,
        index: i,
        name: `unused-${i + 1}`,
        environment: 'canary-unused',
        timeout_minutes: 1,
      };
    const timeout = stageTimeoutMinutes(stage);
    if (timeout > HOSTED_JOB_LIMIT_MINUTES) {
      problems.push(
        `stages[${i}] (${stage.name}): ${formatDuration(stage.duration)} plus ${stage.max_holds ?? DEFAULT_MAX_HOLDS} holds of ${formatDuration(stage.hold ?? DEFAULT_HOLD_S)} needs a ${timeout}-minute job (at most ${HOSTED_JOB_LIMIT_MINUTES} minutes, the limit of a hosted job; split the stage or lower hold/max_holds)`,
      );
    }
    return {
      enabled: true,
      index: i,
      name: stage.name,
      environment: stage.environment ?? `canary-${stage.name}`,
      timeout_minutes: Math.min(timeout, HOSTED_JOB_LIMIT_MINUTES),
    };
  });
  if (problems.length)
    throw new ConfigurationError(
      'the plan cannot run in the reusable workflow:',
      problems.map((message) => ({ path: 'stages', message })),
    );
  return slots;
}

/** `runs-on` input: a label (`self-hosted`) or a JSON list (`["self-hosted","prod"]`) -> a JSON list. */
export function normaliseRunner(input: string): string {
  const text = input.trim() || 'ubuntu-latest';
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConfigurationError(
        `input runs-on: ${JSON.stringify(text)} is not valid JSON (a runner label, or a JSON list of labels)`,
      );
    }
    if (
      !Array.isArray(parsed) ||
      parsed.length === 0 ||
      !parsed.every((l) => typeof l === 'string' && l.trim())
    ) {
      throw new ConfigurationError(
        `input runs-on: ${JSON.stringify(text)} is not a list of labels (e.g. ["self-hosted", "prod"])`,
      );
    }
    return JSON.stringify(parsed);
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(text))
    throw new ConfigurationError(
      `input runs-on: ${JSON.stringify(text)} is not a runner label (letters, digits, _ . -) or a JSON list`,
    );
  return JSON.stringify([text]);
}

export function firstNightEnvironment(plan: ReleasePlan): string {
  return plan.signoff.first_night?.environment ?? '';
}
