import { isNotFound, type GitHubClient, type RepoRef } from './repo.js';

export interface FileContent {
  path: string;
  sha: string;
  text: string;
}

/** A file's text at `ref` (default branch when omitted); null when absent. Directories are an error. */
export async function getContent(
  client: GitHubClient,
  repo: RepoRef,
  path: string,
  ref?: string,
): Promise<FileContent | null> {
  let data;
  try {
    ({ data } = await client.octokit.rest.repos.getContent({
      ...repo,
      path,
      ...(ref === undefined ? {} : { ref }),
    }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
    throw new Error(
      `getContent: ${path} is a ${Array.isArray(data) ? 'directory' : data.type}, expected a file`,
    );
  }
  if (data.encoding !== 'base64')
    throw new Error(`getContent: ${path} came back with encoding "${data.encoding}", expected base64`);
  return { path: data.path, sha: data.sha, text: Buffer.from(data.content, 'base64').toString('utf8') };
}
