/**
 * The freeze's merge block: one repository ruleset on the frozen branches that requires a status context of the
 * release's own (`release-freeze/v1.4.0`). No commit carries that context before the freeze, so from the moment
 * the ruleset exists no pull request can merge, whatever green `release-freeze` status its head already shows;
 * start then gives the context (success) only to the PRs the plan allows, and guard keeps doing so for PRs that
 * become allowed during the freeze. Installing it is one request; setting a status on 1,000 PRs takes hours under
 * GitHub's limits. Needs a token that may administer the repository (a GitHub App with "Administration: write",
 * or an admin's); the workflow's GITHUB_TOKEN cannot.
 */
import { ConfigurationError } from '../config/index.js';
import {
  createStatusCheckRuleset,
  deleteRepoRuleset,
  listRepoRulesets,
  type BypassActor,
} from '../github/api/rulesets.js';
import type { GitHubClient } from '../github/client.js';
import type { FreezeRunContext, FreezeWrite } from './run-context.js';
import type { MergeBlock } from './state.js';

export interface MergeBlockSettings {
  /** The client holding the admin or App token (its own primary budget, its own dry-run gate). */
  client: GitHubClient;
  /** Who may still merge or push to the frozen branches: the release bot. */
  bypass: BypassActor[];
}

export function mergeBlockContext(statusCheck: string, release: string): string {
  return `${statusCheck}/${release}`;
}

export function mergeBlockName(release: string): string {
  return `canary-conductor freeze ${release}`;
}

/** The freeze context scoped to the ruleset's own context, so the pull-request operations write that one. */
export function mergeBlockScope(ctx: FreezeRunContext, block: MergeBlock): FreezeRunContext {
  return { ...ctx, freeze: { ...ctx.freeze, status_check: block.context } };
}

/**
 * Parses the bypass input: `Integration:123` (a GitHub App, the release bot), `RepositoryRole:5` (admins),
 * `Team:42`, comma- or newline-separated; `:pull_request` after the id limits a bypass to merging pull requests.
 */
export function parseBypassActors(text: string, field = 'merge-block-bypass'): BypassActor[] {
  const types = ['Integration', 'OrganizationAdmin', 'RepositoryRole', 'Team', 'DeployKey'] as const;
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(\w+):(\d+)(?::(always|pull_request))?$/.exec(entry);
      const type = match?.[1] as BypassActor['actorType'] | undefined;
      if (!match || !type || !(types as readonly string[]).includes(type)) {
        throw new ConfigurationError(
          `${field}: ${JSON.stringify(entry)} is not a bypass actor (expected TYPE:ID[:always|pull_request], TYPE one of ${types.join(', ')}, e.g. Integration:123456 for the release bot's GitHub App)`,
        );
      }
      return {
        actorType: type,
        actorId: Number(match[2]),
        bypassMode: (match[3] as BypassActor['bypassMode'] | undefined) ?? 'always',
      };
    });
}

/**
 * Makes sure the release's ruleset exists and returns it (null in dry-run, where it is only listed as a write).
 * The create is the first request, not a listing: every round trip before it is time a held PR can merge. A
 * ruleset of that name already there (a re-run, or a run whose evidence push failed after it) answers 422, and is
 * then looked up by name, so there is never a second one.
 */
export async function ensureMergeBlock(
  ctx: FreezeRunContext,
  settings: MergeBlockSettings,
  release: string,
  writes: FreezeWrite[],
): Promise<{ block: MergeBlock; created: boolean } | null> {
  const name = mergeBlockName(release);
  const context = mergeBlockContext(ctx.freeze.status_check, release);
  const existing = async () => {
    const found = (await listRepoRulesets(settings.client, ctx.repo)).find((r) => r.name === name);
    return found ? { block: { ruleset_id: found.id, name, context }, created: false } : null;
  };
  if (settings.client.dryRun) {
    const found = await existing();
    if (found) return found;
  }
  let result: Awaited<ReturnType<typeof createStatusCheckRuleset>>;
  try {
    result = await createStatusCheckRuleset(settings.client, ctx.repo, {
      name,
      branches: ctx.freeze.base_branches,
      requiredContexts: [context],
      bypass: settings.bypass,
    });
  } catch (error) {
    if ((error as { status?: number }).status !== 422) throw error;
    const found = await existing();
    if (found) return found;
    throw error;
  }
  writes.push({
    pull: null,
    kind: 'ruleset',
    detail: `install ruleset "${name}" requiring ${context} on ${ctx.freeze.base_branches.join(', ')}`,
    performed: result.performed,
    ...(result.performed ? {} : { request: result.wouldWrite.request }),
  });
  if (!result.performed) return null;
  ctx.log(
    `freeze: ruleset ${result.data.id} ("${name}") blocks every merge into ${ctx.freeze.base_branches.join(', ')} without ${context}`,
  );
  return { block: { ruleset_id: result.data.id, name, context }, created: true };
}

/**
 * Removes the release's ruleset: the recorded id first (the first request end makes), then any other of the same
 * name a failed run may have left. One already gone counts as removed.
 */
export async function removeMergeBlock(
  ctx: FreezeRunContext,
  client: GitHubClient,
  block: MergeBlock,
  writes: FreezeWrite[],
): Promise<boolean> {
  let removed = false;
  const remove = async (id: number) => {
    const result = await deleteRepoRuleset(client, ctx.repo, id);
    if (result.performed && !result.data.deleted) return;
    removed = true;
    writes.push({
      pull: null,
      kind: 'ruleset',
      detail: `remove ruleset ${id} ("${block.name}")`,
      performed: result.performed,
      ...(result.performed ? {} : { request: result.wouldWrite.request }),
    });
  };
  await remove(block.ruleset_id);
  for (const r of await listRepoRulesets(client, ctx.repo))
    if (r.name === block.name && r.id !== block.ruleset_id) await remove(r.id);
  if (removed) ctx.log(`freeze: ruleset "${block.name}" removed; merges follow the usual checks again`);
  return removed;
}
