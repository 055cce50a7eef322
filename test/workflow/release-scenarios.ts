/**
 * The reusable release workflow under job-result scenarios: a plan of N stages, the plan job's outputs as the plan
 * action computes them, and the job graph walked as GitHub schedules it.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parsePlan } from '../../src/config/index.js';
import { firstNightEnvironment, normaliseRunner, runnerLabels, stageSlots } from '../../src/plan/slots.js';
import { interpolate } from './expressions.js';
import { walkJobs, type JobRun, type WorkflowJob } from './job-graph.js';

export const workflowText = readFileSync('.github/workflows/canary-release.yml', 'utf8');
export const workflow = parse(workflowText) as {
  jobs: Record<string, WorkflowJob>;
  permissions: unknown;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  on: { workflow_call: { inputs: Record<string, { type: string; default?: unknown }> } };
};
const reference = readFileSync('test/fixtures/reference-plan.yml', 'utf8');
export const SELF_HOSTED = '["self-hosted","prod"]';

/** The reference plan with N stages of rising traffic, each in its own environment. */
export function planWithStages(n: number, duration = '15m') {
  const weights = [1, 2, 5, 10, 25, 50, 75, 100].slice(8 - n);
  const stages = weights
    .map(
      (w, i) =>
        `  - { name: s${i + 1}, traffic: ${w}, duration: ${duration}, interval: 2m, environment: env-${i + 1}, guardrails: [api_p95, error_rate] }`,
    )
    .join('\n');
  const text = reference.replace(/^stages:\n(?: {2}- .*\n)+/m, `stages:\n${stages}\n`);
  return parsePlan(text);
}

export function planOutputs(n: number) {
  const plan = planWithStages(n);
  return {
    'stage-count': String(plan.stages.length),
    slots: JSON.stringify(stageSlots(plan, runnerLabels(SELF_HOSTED))),
    runner: normaliseRunner(SELF_HOSTED),
    'first-night-environment': firstNightEnvironment(plan),
    stages: '[]',
    tag: 'v1.4.0',
    'evidence-dir': 'evidence/1.4.0',
  };
}

export interface JobOutcome {
  result: 'success' | 'failure' | 'cancelled';
  outputs?: Record<string, string>;
}

/**
 * Walks an N-stage release in which every job that runs succeeds, except those in `outcomes`. `cancelledAt`: the
 * run is cancelled when that job ends.
 */
export function runRelease(
  n: number,
  outcomes: Record<string, JobOutcome> = {},
  cancelledAt?: string,
): Map<string, JobRun> {
  const outputs = planOutputs(n);
  return walkJobs(
    workflow.jobs,
    {
      inputs: {
        version: '1.4.0',
        config: '.github/canary.yml',
        'dry-run': false,
        'generate-release-notes': false,
      },
      github: { run_id: '1', sha: 'a'.repeat(40) },
      job: { workflow_repository: 'canary-conductor/canary-conductor', workflow_sha: 'b'.repeat(40) },
      secrets: {},
    },
    (id) => {
      const given = outcomes[id];
      if (given) return given;
      if (id === 'plan') return { result: 'success', outputs };
      if (id === 'promote') return { result: 'success', outputs: { decision: 'PROMOTED', reason: 'GA' } };
      if (id.startsWith('stage-'))
        return { result: 'success', outputs: { decision: 'PROCEED', reason: 'pass' } };
      return { result: 'success' };
    },
    cancelledAt,
  );
}

export const ran = (runs: Map<string, JobRun>) =>
  [...runs.values()]
    .filter((r) => r.result !== 'skipped')
    .sort((a, b) => a.order - b.order)
    .map((r) => r.id);

/** The value a step of a job that ran would receive for an input, evaluated in the job's own context. */
export function stepInput(runs: Map<string, JobRun>, job: string, action: string, input: string): string {
  const run = runs.get(job)!;
  if (run.result === 'skipped') throw new Error(`${job} did not run`);
  const step = workflow.jobs[job]!.steps!.find((s) => s.uses?.endsWith(`/actions/${action}`));
  const text = step?.with?.[input];
  if (text === undefined) throw new Error(`${job} has no step of ${action} with input ${input}`);
  return interpolate(text, run.context, run.status);
}
