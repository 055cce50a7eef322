import type { WriteResult } from '../write-gate.js';
import type { GitHubClient, Rest, RepoRef } from './repo.js';

export type Issue = Awaited<ReturnType<Rest['issues']['get']>>['data'];

export interface NewIssue {
  title: string;
  body?: string;
  labels?: string[];
  assignees?: string[];
}

export async function createIssue(
  client: GitHubClient,
  repo: RepoRef,
  issue: NewIssue,
): Promise<WriteResult<Issue>> {
  return client.writer.write(
    {
      operation: 'issues.create',
      request: `POST /repos/${repo.owner}/${repo.repo}/issues`,
      summary: `open issue "${issue.title}"${issue.labels?.length ? ` labelled [${issue.labels.join(', ')}]` : ''}`,
    },
    async () => (await client.octokit.rest.issues.create({ ...repo, ...issue })).data,
  );
}

/**
 * Streams issues carrying every one of `labels`. GitHub's issue list also returns pull requests;
 * they are left out unless `includePullRequests` is set.
 */
export async function* listIssues(
  client: GitHubClient,
  repo: RepoRef,
  labels: string[],
  state: 'open' | 'closed' | 'all',
  options: { includePullRequests?: boolean } = {},
): AsyncGenerator<Issue> {
  const pages = client.octokit.paginate.iterator(client.octokit.rest.issues.listForRepo, {
    ...repo,
    state,
    per_page: 100,
    ...(labels.length > 0 ? { labels: labels.join(',') } : {}),
  });
  for await (const page of pages) {
    for (const issue of page.data) {
      if (issue.pull_request && !options.includePullRequests) continue;
      yield issue;
    }
  }
}
