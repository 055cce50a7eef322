import type { WriteResult } from '../write-gate.js';
import { isNotFound, type GitHubClient, type Rest, type RepoRef } from './repo.js';

export type Release = Awaited<ReturnType<Rest['repos']['getReleaseByTag']>>['data'];

export interface ReleaseFields {
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
  targetCommitish?: string;
  makeLatest?: 'true' | 'false' | 'legacy';
  /** Create only: GitHub appends its generated notes (merged pull requests, contributors) to `body`. */
  generateReleaseNotes?: boolean;
}

function toRequestFields(fields: ReleaseFields) {
  return {
    ...(fields.name === undefined ? {} : { name: fields.name }),
    ...(fields.body === undefined ? {} : { body: fields.body }),
    ...(fields.draft === undefined ? {} : { draft: fields.draft }),
    ...(fields.prerelease === undefined ? {} : { prerelease: fields.prerelease }),
    ...(fields.targetCommitish === undefined ? {} : { target_commitish: fields.targetCommitish }),
    ...(fields.makeLatest === undefined ? {} : { make_latest: fields.makeLatest }),
    ...(fields.generateReleaseNotes === undefined
      ? {}
      : { generate_release_notes: fields.generateReleaseNotes }),
  };
}

export async function createRelease(
  client: GitHubClient,
  repo: RepoRef,
  tagName: string,
  fields: ReleaseFields = {},
): Promise<WriteResult<Release>> {
  return client.writer.write(
    {
      operation: 'repos.createRelease',
      request: `POST /repos/${repo.owner}/${repo.repo}/releases`,
      summary: `create release ${tagName}`,
    },
    async () =>
      (
        await client.octokit.rest.repos.createRelease({
          ...repo,
          tag_name: tagName,
          ...toRequestFields(fields),
        })
      ).data,
  );
}

/** The published release for a tag, or null (GitHub does not return drafts by tag). */
export async function getReleaseByTag(
  client: GitHubClient,
  repo: RepoRef,
  tag: string,
): Promise<Release | null> {
  try {
    return (await client.octokit.rest.repos.getReleaseByTag({ ...repo, tag })).data;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export async function updateRelease(
  client: GitHubClient,
  repo: RepoRef,
  releaseId: number,
  fields: ReleaseFields,
): Promise<WriteResult<Release>> {
  return client.writer.write(
    {
      operation: 'repos.updateRelease',
      request: `PATCH /repos/${repo.owner}/${repo.repo}/releases/${releaseId}`,
      summary: `update release ${releaseId}`,
    },
    async () =>
      (
        await client.octokit.rest.repos.updateRelease({
          ...repo,
          release_id: releaseId,
          ...toRequestFields(fields),
        })
      ).data,
  );
}
