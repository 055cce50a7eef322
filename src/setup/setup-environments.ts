/**
 * `setup-environments`: creates or updates the plan's GitHub environments (required reviewers, wait timer,
 * prevent self-review) through the REST API. Idempotent: each environment is read first and only written when it
 * differs, so a second run changes nothing. Reviewer logins and teams are resolved to the numeric ids the API
 * takes (GET /users/{login}, GET /orgs/{org}/teams/{slug}); an unknown one is an error naming the plan field.
 * Writes go through the client's write gate: in dry-run, the exact PUT requests are returned instead.
 */
import { ConfigurationError } from '../config/index.js';
import {
  getEnvironment,
  isNotFound,
  putEnvironment,
  type Environment,
  type RepoRef,
} from '../github/api/index.js';
import type { GitHubClient } from '../github/client.js';
import { desiredEnvironments, type DesiredEnvironment, type ReviewerRef } from './desired-environments.js';
import type { ReleasePlan } from '../config/index.js';

export interface ResolvedReviewer {
  type: 'User' | 'Team';
  id: number;
  /** `jane-doe` or `acme/sre`. */
  name: string;
}

/** GET /users/{username} and GET /orgs/{org}/teams/{team_slug}, one call each (thin, like src/github/api). */
export async function resolveReviewer(
  client: GitHubClient,
  reviewer: ReviewerRef,
  field: string,
): Promise<ResolvedReviewer> {
  try {
    if (reviewer.type === 'User') {
      const { data } = await client.octokit.rest.users.getByUsername({ username: reviewer.login });
      return { type: 'User', id: data.id, name: data.login };
    }
    const { data } = await client.octokit.rest.teams.getByName({
      org: reviewer.org,
      team_slug: reviewer.slug,
    });
    return { type: 'Team', id: data.id, name: `${reviewer.org}/${data.slug}` };
  } catch (e) {
    if (isNotFound(e)) {
      const what =
        reviewer.type === 'User'
          ? `user ${reviewer.login}`
          : `team ${reviewer.org}/${reviewer.slug} (or the token cannot see it: read:org)`;
      throw new ConfigurationError(`${field}: GitHub has no ${what}`);
    }
    throw e;
  }
}

export interface EnvironmentRequest {
  method: 'PUT';
  path: string;
  body: {
    wait_timer: number;
    prevent_self_review?: boolean;
    reviewers: Array<{ type: 'User' | 'Team'; id: number }>;
  };
}

export type EnvironmentAction = 'created' | 'updated' | 'unchanged' | 'would-create' | 'would-update';

export interface EnvironmentResult {
  name: string;
  usedBy: string[];
  action: EnvironmentAction;
  reviewers: ResolvedReviewer[];
  waitTimerMinutes: number;
  preventSelfReview: boolean;
  /** The request sent (or, in dry-run, that would be sent); null when unchanged. */
  request: EnvironmentRequest | null;
  /** A caveat worth saying, e.g. no reviewers means no sign-off. */
  warning?: string;
}

function requestFor(
  repo: RepoRef,
  env: DesiredEnvironment,
  reviewers: ResolvedReviewer[],
): EnvironmentRequest {
  return {
    method: 'PUT',
    path: `/repos/${repo.owner}/${repo.repo}/environments/${encodeURIComponent(env.name)}`,
    body: {
      wait_timer: env.waitTimerMinutes,
      // GitHub only keeps prevent_self_review on a required-reviewers rule; without reviewers there is none.
      ...(reviewers.length ? { prevent_self_review: env.preventSelfReview } : {}),
      reviewers: reviewers.map((r) => ({ type: r.type, id: r.id })),
    },
  };
}

type ProtectionRule = {
  type?: string;
  wait_timer?: number;
  prevent_self_review?: boolean;
  reviewers?: Array<{ type?: string; reviewer?: { id?: number } | null }>;
};

/** Whether the environment as GitHub holds it already matches the request. */
export function matches(current: Environment, request: EnvironmentRequest): boolean {
  const rules = ((current as { protection_rules?: ProtectionRule[] }).protection_rules ??
    []) as ProtectionRule[];
  const wait = rules.find((r) => r.type === 'wait_timer')?.wait_timer ?? 0;
  const reviewRule = rules.find((r) => r.type === 'required_reviewers');
  const have = (reviewRule?.reviewers ?? []).map((r) => `${r.type}:${r.reviewer?.id}`).sort();
  const want = request.body.reviewers.map((r) => `${r.type}:${r.id}`).sort();
  const selfReviewOk =
    request.body.reviewers.length === 0 ||
    (reviewRule?.prevent_self_review ?? false) === request.body.prevent_self_review;
  return wait === request.body.wait_timer && have.join(',') === want.join(',') && selfReviewOk;
}

export async function setupEnvironments(
  plan: ReleasePlan,
  github: { client: GitHubClient; repo: RepoRef },
): Promise<EnvironmentResult[]> {
  const desired = desiredEnvironments(plan);
  if (desired.length === 0) {
    throw new ConfigurationError(
      'stages[].environment / signoff / environments: the plan names no GitHub environment, so there is nothing to set up (give each stage an environment whose reviewers sign it off)',
    );
  }
  const results: EnvironmentResult[] = [];
  for (const env of desired) {
    const reviewers: ResolvedReviewer[] = [];
    for (const [i, r] of env.reviewers.entries())
      reviewers.push(await resolveReviewer(github.client, r, `${env.field}.reviewers[${i}]`));
    const request = requestFor(github.repo, env, reviewers);
    const current = await getEnvironment(github.client, github.repo, env.name);
    const warning =
      reviewers.length === 0
        ? `no reviewers: jobs in ${env.name} run without a sign-off (set ${env.field}.reviewers)`
        : undefined;
    const base = {
      name: env.name,
      usedBy: env.usedBy,
      reviewers,
      waitTimerMinutes: env.waitTimerMinutes,
      preventSelfReview: env.preventSelfReview,
      ...(warning ? { warning } : {}),
    };
    if (current && matches(current, request)) {
      results.push({ ...base, action: 'unchanged', request: null });
      continue;
    }
    const written = await putEnvironment(github.client, github.repo, env.name, {
      reviewers: request.body.reviewers,
      waitTimer: request.body.wait_timer,
      ...(request.body.prevent_self_review === undefined
        ? {}
        : { preventSelfReview: request.body.prevent_self_review }),
    });
    const action: EnvironmentAction = written.performed
      ? current
        ? 'updated'
        : 'created'
      : current
        ? 'would-update'
        : 'would-create';
    results.push({ ...base, action, request });
  }
  return results;
}

/** One line per environment, and in dry-run the exact request. */
export function formatResults(results: EnvironmentResult[], dryRun: boolean): string {
  const lines: string[] = [];
  for (const r of results) {
    const who = r.reviewers.length
      ? r.reviewers.map((x) => `${x.type === 'Team' ? 'team ' : ''}${x.name}`).join(', ')
      : 'no reviewers';
    lines.push(
      `${r.action.padEnd(12)} ${r.name}: ${who}; wait ${r.waitTimerMinutes} min; prevent self-review ${r.reviewers.length ? r.preventSelfReview : 'n/a'} (used by ${r.usedBy.join(', ')})`,
    );
    if (r.warning) lines.push(`             warning: ${r.warning}`);
    if (dryRun && r.request)
      lines.push(`             ${r.request.method} ${r.request.path} ${JSON.stringify(r.request.body)}`);
  }
  return `${lines.join('\n')}\n`;
}
