/**
 * Environment approvals as sign-offs: maps the response of
 * `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals` (taken as data, so this module does not depend on
 * the GitHub client) to the approver and comment written into the decision log.
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

export interface EnvironmentSignoff {
  environment: string;
  /** `rejected` when any reviewer rejected, otherwise `approved`. */
  state: 'approved' | 'rejected';
  /** Logins in the order GitHub returned them, e.g. `jane, omar`. */
  approver: string;
  /** Comments prefixed with the reviewer's login when several reviewers commented; null when none did. */
  approval_comment: string | null;
  reviews: { login: string; state: 'approved' | 'rejected'; comment: string | null }[];
}

/**
 * The sign-off for one environment, or null when nobody reviewed it. Null is not an approval: a caller that
 * needs a sign-off must treat it as missing (fail closed).
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
  const reviews = parsed.data
    .filter((a) => a.state !== 'pending' && a.environments.some((e) => e.name === environment))
    .map((a) => ({
      login: a.user.login,
      state: a.state as 'approved' | 'rejected',
      comment: a.comment?.trim() ? a.comment.trim() : null,
    }));
  if (reviews.length === 0) return null;
  const commented = reviews.filter((r) => r.comment !== null);
  const approval_comment =
    commented.length === 0
      ? null
      : commented.length === 1 && reviews.length === 1
        ? commented[0]!.comment
        : commented.map((r) => `${r.login}: ${r.comment}`).join('\n');
  return {
    environment,
    state: reviews.some((r) => r.state === 'rejected') ? 'rejected' : 'approved',
    approver: [...new Set(reviews.map((r) => r.login))].join(', '),
    approval_comment,
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
