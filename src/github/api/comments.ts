import type { WriteResult } from '../write-gate.js';
import type { GitHubClient, Rest, RepoRef } from './repo.js';

export type IssueComment = Awaited<ReturnType<Rest['issues']['getComment']>>['data'];

export async function createComment(
  client: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  body: string,
): Promise<WriteResult<IssueComment>> {
  return client.writer.write(
    {
      operation: 'issues.createComment',
      request: `POST /repos/${repo.owner}/${repo.repo}/issues/${issueNumber}/comments`,
      summary: `comment on #${issueNumber} (${body.length} characters)`,
    },
    async () =>
      (await client.octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body })).data,
  );
}

/** Streams an issue's or pull request's comments, oldest first. */
export async function* listComments(
  client: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
): AsyncGenerator<IssueComment> {
  const pages = client.octokit.paginate.iterator(client.octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const page of pages) yield* page.data;
}
