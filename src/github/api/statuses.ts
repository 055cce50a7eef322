import type { WriteResult } from '../write-gate.js';
import type { GitHubClient, Rest, RepoRef } from './repo.js';

export type CommitStatus = Awaited<ReturnType<Rest['repos']['createCommitStatus']>>['data'];
export type CombinedStatus = Awaited<ReturnType<Rest['repos']['getCombinedStatusForRef']>>['data'];

export interface NewCommitStatus {
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description?: string;
  targetUrl?: string;
}

export async function createCommitStatus(
  client: GitHubClient,
  repo: RepoRef,
  status: NewCommitStatus,
): Promise<WriteResult<CommitStatus>> {
  return client.writer.write(
    {
      operation: 'repos.createCommitStatus',
      request: `POST /repos/${repo.owner}/${repo.repo}/statuses/${status.sha}`,
      summary: `set status ${status.context}=${status.state} on ${status.sha.slice(0, 7)}`,
    },
    async () =>
      (
        await client.octokit.rest.repos.createCommitStatus({
          ...repo,
          sha: status.sha,
          state: status.state,
          context: status.context,
          ...(status.description === undefined ? {} : { description: status.description }),
          ...(status.targetUrl === undefined ? {} : { target_url: status.targetUrl }),
        })
      ).data,
  );
}

/** The combined state of a SHA, branch or tag: the latest status of every context. */
export async function getCombinedStatus(
  client: GitHubClient,
  repo: RepoRef,
  ref: string,
): Promise<CombinedStatus> {
  const { data } = await client.octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref, per_page: 100 });
  return data;
}
