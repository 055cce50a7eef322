/**
 * Walks a workflow's job graph the way GitHub schedules it: jobs in dependency order, the default `if` being
 * `success()`, and `success()` / `failure()` looking at every ancestor, not only the direct needs (GitHub's
 * transitive rule: a job without `always()` is skipped when any ancestor was skipped or failed), and `environment` /
 * `timeout-minutes` expressions resolved from `needs.<job>.outputs`. Every expression is evaluated by GitHub's own
 * engine (expressions.ts); only the status functions are answered here, from the graph.
 */
import { holds, interpolate, unwrap, type ExprContext, type StatusFunctions } from './expressions.js';

export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped';
export interface JobRun {
  id: string;
  result: JobResult;
  order: number;
  environment?: string;
  timeoutMinutes?: number;
  /** The expression context the job saw (its `needs`), for evaluating its steps' inputs. */
  context: ExprContext;
  /** The status functions as the job saw them. */
  status: StatusFunctions;
}
export interface WorkflowJob {
  needs?: string | string[];
  if?: string;
  'runs-on'?: string | string[];
  environment?: string | { name: string };
  'timeout-minutes'?: number | string;
  permissions?: Record<string, string>;
  steps?: Array<{
    name?: string;
    id?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, string>;
  }>;
}

export function walkJobs(
  jobs: Record<string, WorkflowJob>,
  baseContext: ExprContext,
  /** Result of a job that runs, and its outputs; default success with no outputs. */
  outcome: (id: string) => { result: 'success' | 'failure' | 'cancelled'; outputs?: Record<string, string> },
  /**
   * The run was cancelled (from the UI or by concurrency) when this job ended; from then on `cancelled()` is true and
   * `success()` false for every job evaluated later, and only jobs whose condition holds regardless still run.
   */
  cancelledAt?: string,
): Map<string, JobRun> {
  const runs = new Map<string, JobRun>();
  const outputs = new Map<string, Record<string, string>>();
  const needsOf = (id: string): string[] => {
    const n = jobs[id]!.needs;
    return n === undefined ? [] : Array.isArray(n) ? n : [n];
  };
  const ancestorsOf = (id: string, seen = new Set<string>()): Set<string> => {
    for (const n of needsOf(id)) {
      if (seen.has(n)) continue;
      seen.add(n);
      ancestorsOf(n, seen);
    }
    return seen;
  };
  let order = 0;
  let runCancelled = false;
  const pending = new Set(Object.keys(jobs));
  for (let guard = 0; pending.size && guard < 1000; guard++) {
    const ready = [...pending].filter((id) => needsOf(id).every((n) => runs.has(n)));
    if (!ready.length) throw new Error(`cycle or unknown need among ${[...pending].join(', ')}`);
    for (const id of ready) {
      pending.delete(id);
      const job = jobs[id]!;
      const needs = needsOf(id);
      const ancestorResults = [...ancestorsOf(id)].map((n) => runs.get(n)!.result);
      const cancelledNow = runCancelled;
      const status: StatusFunctions = {
        success: () => !cancelledNow && ancestorResults.every((r) => r === 'success'),
        failure: () => ancestorResults.some((r) => r === 'failure'),
        cancelled: () => cancelledNow,
        always: () => true,
      };
      const ctx: ExprContext = {
        ...baseContext,
        needs: Object.fromEntries(
          needs.map((n) => [n, { result: runs.get(n)!.result, outputs: outputs.get(n) ?? {} }]),
        ),
      };
      const cond = job.if === undefined ? 'success()' : unwrap(String(job.if));
      const usesStatus = /\b(always|success|failure|cancelled)\s*\(/.test(cond);
      const run = holds(usesStatus ? cond : `success() && (${cond})`, ctx, status);
      if (!run) {
        runs.set(id, { id, result: 'skipped', order: -1, context: ctx, status });
        continue;
      }
      const env = typeof job.environment === 'object' ? job.environment.name : job.environment;
      const o = outcome(id);
      outputs.set(id, o.outputs ?? {});
      if (id === cancelledAt) runCancelled = true;
      runs.set(id, {
        id,
        result: o.result,
        order: order++,
        context: ctx,
        status,
        environment: env === undefined ? undefined : interpolate(env, ctx, status),
        timeoutMinutes:
          job['timeout-minutes'] === undefined
            ? undefined
            : Number(interpolate(String(job['timeout-minutes']), ctx, status)),
      });
    }
  }
  return runs;
}
