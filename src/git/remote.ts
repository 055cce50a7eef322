import path from 'node:path';
import { ConfigurationError } from '../config/index.js';

/** A git URL (https, ssh, git, file or scp-like `user@host:path`) as opposed to a local path. */
export function isGitUrl(remote: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(remote) || /^[^/\\\s@]+@[^/\\\s:]+:/.test(remote);
}

/**
 * Local paths become absolute `file://` URLs: `--depth` is honoured for file URLs, and a relative path would
 * otherwise be resolved against the temporary clone instead of the caller's directory.
 */
export function normalizeRemote(remote: string, cwd = process.cwd()): string {
  const trimmed = remote.trim();
  if (!trimmed)
    throw new ConfigurationError('evidence-remote: expected a git URL or a local path, got an empty value');
  if (isGitUrl(trimmed)) return trimmed;
  return `file://${path.resolve(cwd, trimmed)}`;
}

/** The repository the workflow runs in, on the server it runs on (GITHUB_SERVER_URL supports GHES). */
export function defaultEvidenceRemote(env: NodeJS.ProcessEnv = process.env): string {
  const repository = env.GITHUB_REPOSITORY;
  if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
    throw new ConfigurationError(
      'evidence-remote: not given and GITHUB_REPOSITORY is not set (expected owner/name); pass --remote <git URL or path>',
    );
  }
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  return `${server}/${repository}.git`;
}
