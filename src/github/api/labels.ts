import type { WriteResult } from '../write-gate.js';
import { isNotFound, type GitHubClient, type Rest, type RepoRef } from './repo.js';

export type Label = Awaited<ReturnType<Rest['issues']['listLabelsOnIssue']>>['data'][number];

/** Adds labels to an issue or pull request; GitHub answers with every label now on it. */
export async function addLabels(
  client: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  labels: string[],
): Promise<WriteResult<Label[]>> {
  return client.writer.write(
    {
      operation: 'issues.addLabels',
      request: `POST /repos/${repo.owner}/${repo.repo}/issues/${issueNumber}/labels`,
      summary: `add labels [${labels.join(', ')}] to #${issueNumber}`,
    },
    async () =>
      (await client.octokit.rest.issues.addLabels({ ...repo, issue_number: issueNumber, labels })).data,
  );
}

/**
 * Removes one label. A label that is not there (404) counts as removed, so re-running converges.
 * Returns the labels left, or null when GitHub reported the label absent.
 */
export async function removeLabel(
  client: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  name: string,
): Promise<WriteResult<Label[] | null>> {
  return client.writer.write(
    {
      operation: 'issues.removeLabel',
      request: `DELETE /repos/${repo.owner}/${repo.repo}/issues/${issueNumber}/labels/${encodeURIComponent(name)}`,
      summary: `remove label ${name} from #${issueNumber}`,
    },
    async () => {
      try {
        return (await client.octokit.rest.issues.removeLabel({ ...repo, issue_number: issueNumber, name }))
          .data;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  );
}

export async function listLabels(client: GitHubClient, repo: RepoRef, issueNumber: number): Promise<Label[]> {
  return client.octokit.paginate(client.octokit.rest.issues.listLabelsOnIssue, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  });
}
