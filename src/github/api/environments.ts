import type { WriteResult } from '../write-gate.js';
import { isNotFound, type GitHubClient, type Rest, type RepoRef } from './repo.js';

export type Environment = Awaited<ReturnType<Rest['repos']['createOrUpdateEnvironment']>>['data'];

export interface EnvironmentProtection {
  reviewers?: { type: 'User' | 'Team'; id: number }[];
  /** Minutes, 0..43200. */
  waitTimer?: number;
  preventSelfReview?: boolean;
}

/** Creates or updates an environment's protection rules (PUT is idempotent on GitHub). */
export async function putEnvironment(
  client: GitHubClient,
  repo: RepoRef,
  name: string,
  protection: EnvironmentProtection,
): Promise<WriteResult<Environment>> {
  return client.writer.write(
    {
      operation: 'repos.createOrUpdateEnvironment',
      request: `PUT /repos/${repo.owner}/${repo.repo}/environments/${encodeURIComponent(name)}`,
      summary: `configure environment ${name} (${protection.reviewers?.length ?? 0} reviewers, wait ${protection.waitTimer ?? 0} min)`,
    },
    async () =>
      (
        await client.octokit.rest.repos.createOrUpdateEnvironment({
          ...repo,
          environment_name: name,
          ...(protection.reviewers === undefined ? {} : { reviewers: protection.reviewers }),
          ...(protection.waitTimer === undefined ? {} : { wait_timer: protection.waitTimer }),
          ...(protection.preventSelfReview === undefined
            ? {}
            : { prevent_self_review: protection.preventSelfReview }),
        })
      ).data,
  );
}

/** An environment and its protection rules, or null when it does not exist. */
export async function getEnvironment(
  client: GitHubClient,
  repo: RepoRef,
  name: string,
): Promise<Environment | null> {
  try {
    return (await client.octokit.rest.repos.getEnvironment({ ...repo, environment_name: name }))
      .data as Environment;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
