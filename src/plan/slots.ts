/**
 * What the reusable workflow needs from the plan to wire its fixed jobs: eight stage slots (enabled by the plan's
 * stage count), each with its environment and a timeout that follows from the stage's duration and holds, and the
 * runner for the jobs that reach Prometheus, Alertmanager or the traffic endpoint.
 */
import { ConfigurationError, formatDuration, type PlanProblem, type ReleasePlan } from '../config/index.js';

export const STAGE_SLOTS = 8;
/** GitHub-hosted jobs stop after 6 hours. */
export const HOSTED_JOB_LIMIT_MINUTES = 360;
/** Self-hosted jobs stop after 5 days. */
export const SELF_HOSTED_JOB_LIMIT_MINUTES = 5 * 24 * 60;
/** The workflow input's default, so `validate` without --runs-on judges what an adopter gets by default. */
export const DEFAULT_RUNNER = 'ubuntu-latest';
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

export interface JobLimit {
  minutes: number;
  /** How the limit reads in a message, e.g. `the limit of a GitHub-hosted job`. */
  reason: string;
}

/** GitHub gives every self-hosted runner the `self-hosted` label; any other label set is a hosted runner. */
export function jobLimitFor(labels: readonly string[]): JobLimit {
  return labels.some((l) => l.toLowerCase() === 'self-hosted')
    ? { minutes: SELF_HOSTED_JOB_LIMIT_MINUTES, reason: 'the limit of a self-hosted job' }
    : {
        minutes: HOSTED_JOB_LIMIT_MINUTES,
        reason: 'the limit of a GitHub-hosted job; a self-hosted runner (runs-on) allows 5 days',
      };
}

export function stageTimeoutMinutes(stage: ReleasePlan['stages'][number]): number {
  const holds = (stage.max_holds ?? DEFAULT_MAX_HOLDS) * (stage.hold ?? DEFAULT_HOLD_S);
  return Math.ceil((stage.duration + holds) / 60) + JOB_OVERHEAD_MINUTES;
}

/**
 * Every stage whose job cannot fit the runner's job limit. The one judgement behind both `validate --runs-on`
 * and the plan action, so the two can never disagree about a plan.
 */
export function stageJobLimitProblems(plan: ReleasePlan, runner: readonly string[]): PlanProblem[] {
  const limit = jobLimitFor(runner);
  return plan.stages.flatMap((stage, i) => {
    const timeout = stageTimeoutMinutes(stage);
    if (timeout <= limit.minutes) return [];
    return [
      {
        path: `stages[${i}].duration`,
        message: `${stage.name}: ${formatDuration(stage.duration)} plus ${stage.max_holds ?? DEFAULT_MAX_HOLDS} holds of ${formatDuration(stage.hold ?? DEFAULT_HOLD_S)} needs a ${timeout}-minute job on runner ${JSON.stringify(runner)} (at most ${limit.minutes} minutes, ${limit.reason}; split the stage or lower hold/max_holds)`,
      },
    ];
  });
}

export function stageSlots(plan: ReleasePlan, runner: readonly string[]): StageSlot[] {
  const problems = stageJobLimitProblems(plan, runner);
  if (problems.length)
    throw new ConfigurationError('the plan cannot run in the reusable workflow:', problems);
  const limit = jobLimitFor(runner);
  return Array.from({ length: STAGE_SLOTS }, (_, i): StageSlot => {
    const stage = plan.stages[i];
    if (!stage)
      return {
        enabled: false,
        index: i,
        name: `unused-${i + 1}`,
        environment: 'canary-unused',
        timeout_minutes: 1,
      };
    return {
      enabled: true,
      index: i,
      name: stage.name,
      environment: stage.environment ?? `canary-${stage.name}`,
      timeout_minutes: Math.min(stageTimeoutMinutes(stage), limit.minutes),
    };
  });
}

/** `runs-on` input: a label (`self-hosted`) or a JSON list (`["self-hosted","prod"]`) -> the labels. */
/** `field` names the source in messages: the action's input or the CLI's option. */
export function runnerLabels(input: string, field = 'input runs-on'): string[] {
  const text = input.trim() || DEFAULT_RUNNER;
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConfigurationError(
        `${field}: ${JSON.stringify(text)} is not valid JSON (a runner label, or a JSON list of labels)`,
      );
    }
    if (
      !Array.isArray(parsed) ||
      parsed.length === 0 ||
      !parsed.every((l) => typeof l === 'string' && l.trim())
    ) {
      throw new ConfigurationError(
        `${field}: ${JSON.stringify(text)} is not a list of labels (e.g. ["self-hosted", "prod"])`,
      );
    }
    return parsed as string[];
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(text))
    throw new ConfigurationError(
      `${field}: ${JSON.stringify(text)} is not a runner label (letters, digits, _ . -) or a JSON list`,
    );
  return [text];
}

/** `runs-on` input -> a JSON list, the form the workflow's `fromJSON(needs.plan.outputs.runner)` reads. */
export function normaliseRunner(input: string): string {
  return JSON.stringify(runnerLabels(input));
}

export function firstNightEnvironment(plan: ReleasePlan): string {
  return plan.signoff.first_night?.environment ?? '';
}
