/**
 * Environment approvals as sign-offs: maps the response of
 * `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals` (taken as data, so this module does not depend on
 * the GitHub client) to the approver and comment written into the decision log.
 *
 * Attribution is per environment and by the latest review only:
 * - GitHub compares environment names case-insensitively (`Canary-1` and `canary-1` are one environment), so do we.
 * - The endpoint returns the run's whole review history, oldest first, across re-runs; it carries neither a time
 *   nor an attempt number. A job that waits on an environment starts only after a review of that environment,
 *   so the latest review of it is the one that let the current attempt's job run. Earlier ones belong to an
 *   earlier stage sharing the environment, or to an earlier attempt (a rejection followed by an approval on the
 *   re-run is an approval).
 * - `pending` entries are comments without a decision and never count.
 */
import { z } from 'zod';
import { ConfigurationError } from '../config/index.js';

const ApprovalSchema = z.looseObject({
  environments: z.array(z.looseObject({ name: z.string() })),
  state: z.enum(['approved', 'rejected', 'pending']),
  comment: z.string().nullable().optional(),
  user: z.looseObject({ login: z.string().min(1) }),
});
const ApprovalsResponseSchema = z.array(ApprovalSchema);

export interface EnvironmentReview {
  login: string;
  state: 'approved' | 'rejected';
  comment: string | null;
}

export interface EnvironmentSignoff {
  /** The environment as the plan names it. */
  environment: string;
  /** The state of the latest review of the environment. */
  state: 'approved' | 'rejected';
  /** The login of the latest reviewer; a rehearsal's approvals read `<login> (simulated)`. */
  approver: string;
  /** The latest reviewer's comment; null when they left none. */
  approval_comment: string | null;
  /** Every decided review of the environment in the run, oldest first (the last one decided). */
  reviews: EnvironmentReview[];
  /** True for approvals a rehearsal (`simulate`) gave on behalf of the plan's reviewers: never a real sign-off. */
  simulated?: true;
}

/** GitHub's rule for environment names: one environment whatever the case. */
export function sameEnvironment(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The sign-off for one environment, or null when nobody reviewed it. Null is not an approval, and neither is a
 * latest review that rejected: a caller that needs a sign-off must check `state` (fail closed).
 */
export function signoffForEnvironment(response: unknown, environment: string): EnvironmentSignoff | null {
  const parsed = ApprovalsResponseSchema.safeParse(response);
  if (!parsed.success) {
    throw new ConfigurationError(
      'approvals: the response of GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals is not in the documented shape',
      parsed.error.issues.map((i) => ({
        path: ['approvals', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  }
  const reviews: EnvironmentReview[] = parsed.data
    .filter((a) => a.state !== 'pending' && a.environments.some((e) => sameEnvironment(e.name, environment)))
    .map((a) => ({
      login: a.user.login,
      state: a.state as 'approved' | 'rejected',
      comment: a.comment?.trim() ? a.comment.trim() : null,
    }));
  const latest = reviews.at(-1);
  if (!latest) return null;
  return {
    environment,
    state: latest.state,
    approver: latest.login,
    approval_comment: latest.comment,
    reviews,
  };
}

/** Lower-cased logins of everyone who approved or rejected any environment of the run (logins ignore case). */
export function reviewersOfRun(response: unknown): Set<string> {
  const parsed = ApprovalsResponseSchema.safeParse(response);
  if (!parsed.success) {
    throw new ConfigurationError(
      'approvals: the response of GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals is not in the documented shape',
    );
  }
  return new Set(parsed.data.filter((a) => a.state !== 'pending').map((a) => a.user.login.toLowerCase()));
}
