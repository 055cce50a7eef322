import type { WriteResult } from '../write-gate.js';
import { isNotFound, type GitHubClient, type Rest, type RepoRef } from './repo.js';

export type GitRef = Awaited<ReturnType<Rest['git']['getRef']>>['data'];
export type GitTag = Awaited<ReturnType<Rest['git']['createTag']>>['data'];

/** `ref` without the `refs/` prefix, e.g. `tags/v1.4.0` or `heads/main`. Null when it does not exist. */
export async function getRef(client: GitHubClient, repo: RepoRef, ref: string): Promise<GitRef | null> {
  try {
    return (await client.octokit.rest.git.getRef({ ...repo, ref: stripRefsPrefix(ref) })).data;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** `ref` in full, e.g. `refs/tags/v1.4.0`. */
export async function createRef(
  client: GitHubClient,
  repo: RepoRef,
  ref: string,
  sha: string,
): Promise<WriteResult<GitRef>> {
  const fullRef = ref.startsWith('refs/') ? ref : `refs/${ref}`;
  return client.writer.write(
    {
      operation: 'git.createRef',
      request: `POST /repos/${repo.owner}/${repo.repo}/git/refs`,
      summary: `create ${fullRef} at ${sha.slice(0, 7)}`,
    },
    async () => (await client.octokit.rest.git.createRef({ ...repo, ref: fullRef, sha })).data,
  );
}

export async function updateRef(
  client: GitHubClient,
  repo: RepoRef,
  ref: string,
  sha: string,
  force = false,
): Promise<WriteResult<GitRef>> {
  const shortRef = stripRefsPrefix(ref);
  return client.writer.write(
    {
      operation: 'git.updateRef',
      request: `PATCH /repos/${repo.owner}/${repo.repo}/git/refs/${shortRef}`,
      summary: `move refs/${shortRef} to ${sha.slice(0, 7)}${force ? ' (force)' : ''}`,
    },
    async () => (await client.octokit.rest.git.updateRef({ ...repo, ref: shortRef, sha, force })).data,
  );
}

export interface NewTagObject {
  tag: string;
  message: string;
  objectSha: string;
  type?: 'commit' | 'tree' | 'blob';
  tagger?: { name: string; email: string; date?: string };
}

/** Creates an annotated tag object; a ref `refs/tags/<tag>` must then point at its SHA. */
export async function createTagObject(
  client: GitHubClient,
  repo: RepoRef,
  tag: NewTagObject,
): Promise<WriteResult<GitTag>> {
  return client.writer.write(
    {
      operation: 'git.createTag',
      request: `POST /repos/${repo.owner}/${repo.repo}/git/tags`,
      summary: `create tag object ${tag.tag} on ${tag.objectSha.slice(0, 7)}`,
    },
    async () =>
      (
        await client.octokit.rest.git.createTag({
          ...repo,
          tag: tag.tag,
          message: tag.message,
          object: tag.objectSha,
          type: tag.type ?? 'commit',
          ...(tag.tagger === undefined ? {} : { tagger: tag.tagger }),
        })
      ).data,
  );
}

function stripRefsPrefix(ref: string): string {
  return ref.startsWith('refs/') ? ref.slice('refs/'.length) : ref;
}
