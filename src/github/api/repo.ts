import { ConfigurationError } from '../../config/errors.js';
import type { GitHubClient, Octokit } from '../client.js';

/** A repository as the REST API addresses it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** Parses `owner/name` (the form of GITHUB_REPOSITORY). */
export function parseRepository(value: string, field = 'GITHUB_REPOSITORY'): RepoRef {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})?)\/([A-Za-z0-9._-]{1,100})$/.exec(value.trim());
  if (!match) throw new ConfigurationError(`${field}: expected "owner/name", got "${value}"`);
  return { owner: match[1]!, repo: match[2]! };
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404;
}

export type Rest = Octokit['rest'];
export type { GitHubClient };
