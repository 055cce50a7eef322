import type { GitHubClient, Rest, RepoRef } from './repo.js';

export type RunApproval = Awaited<ReturnType<Rest['actions']['getReviewsForRun']>>['data'][number];

/** Every approval or rejection of the run's environments, with reviewer and comment (the sign-offs). */
export async function listRunApprovals(
  client: GitHubClient,
  repo: RepoRef,
  runId: number,
): Promise<RunApproval[]> {
  const { data } = await client.octokit.rest.actions.getReviewsForRun({ ...repo, run_id: runId });
  return data;
}
