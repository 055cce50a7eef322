/**
 * Repository rulesets (admin or GitHub App token with "Administration: write"). The freeze installs one that
 * requires its own status check on the frozen branches, so no pull request can merge from the moment it exists.
 */
import type { WriteResult } from '../write-gate.js';
import { isNotFound, type GitHubClient, type Rest, type RepoRef } from './repo.js';

export type RepoRuleset = Awaited<ReturnType<Rest['repos']['getRepoRuleset']>>['data'];
export type RepoRulesetSummary = Awaited<ReturnType<Rest['repos']['getRepoRulesets']>>['data'][number];

export interface BypassActor {
  actorType: 'Integration' | 'OrganizationAdmin' | 'RepositoryRole' | 'Team' | 'DeployKey';
  actorId: number | null;
  bypassMode: 'always' | 'pull_request';
}

export interface NewStatusCheckRuleset {
  name: string;
  /** Branch names (not refs), e.g. `main`. */
  branches: string[];
  /** Status contexts that must be `success` on a pull request's head commit before it can merge. */
  requiredContexts: string[];
  bypass: BypassActor[];
}

/** Every ruleset of the repository itself (not inherited from the organization). */
export async function listRepoRulesets(client: GitHubClient, repo: RepoRef): Promise<RepoRulesetSummary[]> {
  return client.octokit.paginate(client.octokit.rest.repos.getRepoRulesets, {
    ...repo,
    includes_parents: false,
    per_page: 100,
  });
}

export async function createStatusCheckRuleset(
  client: GitHubClient,
  repo: RepoRef,
  ruleset: NewStatusCheckRuleset,
): Promise<WriteResult<RepoRuleset>> {
  return client.writer.write(
    {
      operation: 'repos.createRepoRuleset',
      request: `POST /repos/${repo.owner}/${repo.repo}/rulesets`,
      summary: `install ruleset "${ruleset.name}" requiring ${ruleset.requiredContexts.join(', ')} on ${ruleset.branches.join(', ')}`,
    },
    async () =>
      (
        await client.octokit.rest.repos.createRepoRuleset({
          ...repo,
          name: ruleset.name,
          target: 'branch',
          enforcement: 'active',
          bypass_actors: ruleset.bypass.map((a) => ({
            actor_type: a.actorType,
            actor_id: a.actorId,
            bypass_mode: a.bypassMode,
          })),
          conditions: {
            ref_name: { include: ruleset.branches.map((b) => `refs/heads/${b}`), exclude: [] },
          },
          rules: [
            {
              type: 'required_status_checks',
              parameters: {
                strict_required_status_checks_policy: false,
                required_status_checks: ruleset.requiredContexts.map((context) => ({ context })),
              },
            },
          ],
        })
      ).data,
  );
}

/** Deletes a ruleset; one already gone (404) counts as deleted, so a re-run converges. */
export async function deleteRepoRuleset(
  client: GitHubClient,
  repo: RepoRef,
  rulesetId: number,
): Promise<WriteResult<{ deleted: boolean }>> {
  return client.writer.write(
    {
      operation: 'repos.deleteRepoRuleset',
      request: `DELETE /repos/${repo.owner}/${repo.repo}/rulesets/${rulesetId}`,
      summary: `remove ruleset ${rulesetId}`,
    },
    async () => {
      try {
        await client.octokit.rest.repos.deleteRepoRuleset({ ...repo, ruleset_id: rulesetId });
        return { deleted: true };
      } catch (error) {
        if (isNotFound(error)) return { deleted: false };
        throw error;
      }
    },
  );
}
