/**
 * The GitHub release for the tag: created once, updated when its notes change, never duplicated. Looked up by
 * tag first; when two runs race and both see none, GitHub refuses the second create with 422 `already_exists`
 * and that run fetches the winner's release and updates it instead. An unchanged release is not written at all.
 */
import { createRelease, getReleaseByTag, updateRelease, type Release } from '../github/api/releases.js';
import type { GitHubClient, RepoRef } from '../github/api/repo.js';

export type ReleaseAction = 'created' | 'updated' | 'unchanged' | 'would-create' | 'would-update';

export interface UpsertReleaseOptions {
  tag: string;
  name: string;
  body: string;
  /** The release commit, used only when GitHub has to create the tag itself. */
  targetSha: string;
  /** GitHub appends its generated notes to `body` when it creates the release. */
  generateReleaseNotes?: boolean;
  log?: (line: string) => void;
}

export interface UpsertReleaseResult {
  action: ReleaseAction;
  release: Release | null;
  url: string | null;
}

export class DraftReleaseConflictError extends Error {
  constructor(tag: string) {
    super(
      `GitHub refused to create a release for ${tag} (already_exists) but no published release has that tag: a draft release for ${tag} exists. Publish or delete the draft, then re-run`,
    );
    this.name = 'DraftReleaseConflictError';
  }
}

function isAlreadyExists(error: unknown): boolean {
  const e = error as {
    status?: number;
    response?: { data?: { errors?: Array<{ code?: string; field?: string }> } };
  };
  return e?.status === 422 && (e.response?.data?.errors ?? []).some((x) => x.code === 'already_exists');
}

async function updateIfChanged(
  client: GitHubClient,
  repo: RepoRef,
  existing: Release,
  o: UpsertReleaseOptions,
): Promise<UpsertReleaseResult> {
  // With generated notes the release's body is ours followed by GitHub's; ours unchanged means nothing to write.
  const sameBody = o.generateReleaseNotes
    ? (existing.body ?? '').startsWith(o.body)
    : (existing.body ?? '') === o.body;
  if (sameBody && (existing.name ?? '') === o.name) {
    o.log?.(`release: ${o.tag} already has these notes (${existing.html_url}); nothing to update`);
    return { action: 'unchanged', release: existing, url: existing.html_url };
  }
  const written = await updateRelease(client, repo, existing.id, { name: o.name, body: o.body });
  if (!written.performed) return { action: 'would-update', release: existing, url: existing.html_url };
  o.log?.(`release: updated the notes of ${o.tag} (${written.data.html_url})`);
  return { action: 'updated', release: written.data, url: written.data.html_url };
}

export async function upsertRelease(
  client: GitHubClient,
  repo: RepoRef,
  options: UpsertReleaseOptions,
): Promise<UpsertReleaseResult> {
  const existing = await getReleaseByTag(client, repo, options.tag);
  if (existing) return updateIfChanged(client, repo, existing, options);
  try {
    const created = await createRelease(client, repo, options.tag, {
      name: options.name,
      body: options.body,
      targetCommitish: options.targetSha,
      ...(options.generateReleaseNotes ? { generateReleaseNotes: true } : {}),
    });
    if (!created.performed) return { action: 'would-create', release: null, url: null };
    options.log?.(`release: created ${options.tag} (${created.data.html_url})`);
    return { action: 'created', release: created.data, url: created.data.html_url };
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    options.log?.(`release: another run created ${options.tag} first; updating that release instead`);
    const winner = await getReleaseByTag(client, repo, options.tag);
    if (!winner) throw new DraftReleaseConflictError(options.tag);
    return updateIfChanged(client, repo, winner, options);
  }
}
