import type { GitHubClient, Rest, RepoRef } from './repo.js';

export type PullSummary = Awaited<ReturnType<Rest['pulls']['list']>>['data'][number];
export type Pull = Awaited<ReturnType<Rest['pulls']['get']>>['data'];
export type PullFile = Awaited<ReturnType<Rest['pulls']['listFiles']>>['data'][number];

/** Streams open pull requests page by page (100 a page), optionally only those into `base`. */
export async function* listOpenPulls(
  client: GitHubClient,
  repo: RepoRef,
  options: { base?: string } = {},
): AsyncGenerator<PullSummary> {
  const pages = client.octokit.paginate.iterator(client.octokit.rest.pulls.list, {
    ...repo,
    state: 'open',
    per_page: 100,
    ...(options.base === undefined ? {} : { base: options.base }),
  });
  for await (const page of pages) yield* page.data;
}

export async function getPull(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<Pull> {
  const { data } = await client.octokit.rest.pulls.get({ ...repo, pull_number: pullNumber });
  return data;
}

/** Streams the files a pull request changes (GitHub lists at most 3,000). */
export async function* listPullFiles(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
): AsyncGenerator<PullFile> {
  const pages = client.octokit.paginate.iterator(client.octokit.rest.pulls.listFiles, {
    ...repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  for await (const page of pages) yield* page.data;
}
