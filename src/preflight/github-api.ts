/**
 * The GitHub reads the `github` preflight check makes that src/github/api/ does not (yet) offer: closed pull
 * requests newest-updated first, a pull request's reviews, and the check runs of a ref. One function per call,
 * the client passed in, pages streamed. (Candidates to move into src/github/api/ by its owner.)
 */
import type { GitHubClient, Rest, RepoRef } from '../github/api/repo.js';

export type ClosedPull = Awaited<ReturnType<Rest['pulls']['list']>>['data'][number];
export type PullReview = Awaited<ReturnType<Rest['pulls']['listReviews']>>['data'][number];
export type CheckRun = Awaited<ReturnType<Rest['checks']['listForRef']>>['data']['check_runs'][number];

/** Streams closed pull requests into `base`, most recently updated first (GitHub `sort=updated&direction=desc`). */
export async function* listClosedPulls(
  client: GitHubClient,
  repo: RepoRef,
  base: string,
): AsyncGenerator<ClosedPull[]> {
  const pages = client.octokit.paginate.iterator(client.octokit.rest.pulls.list, {
    ...repo,
    state: 'closed',
    base,
    sort: 'updated',
    direction: 'desc',
    per_page: 100,
  });
  for await (const page of pages) yield page.data;
}

export async function listPullReviews(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
): Promise<PullReview[]> {
  return client.octokit.paginate(client.octokit.rest.pulls.listReviews, {
    ...repo,
    pull_number: pullNumber,
    per_page: 100,
  });
}

/** The latest check run of each name on `ref` (GitHub's `filter=latest`), optionally only those named `checkName`. */
export async function listCheckRunsForRef(
  client: GitHubClient,
  repo: RepoRef,
  ref: string,
  checkName?: string,
): Promise<CheckRun[]> {
  return client.octokit.paginate(client.octokit.rest.checks.listForRef, {
    ...repo,
    ref,
    filter: 'latest',
    per_page: 100,
    ...(checkName === undefined ? {} : { check_name: checkName }),
  });
}
