/**
 * Where the freeze state is read from. start and end read it from the git remote they push evidence to
 * (read-your-writes); guard and status read it through the contents API when the evidence branch lives in
 * the repository itself, which works with a read-only token from a fork's pull-request run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getContent } from '../github/api/contents.js';
import type { GitHubClient, RepoRef } from '../github/api/repo.js';
import { createGitCommandManager, type GitCommandManagerFactory } from '../git/git-command-manager.js';
import { normalizeRemote } from '../git/remote.js';
import { FREEZE_STATE_PATH, parseFreezeState, type FreezeState } from './state.js';

export interface FreezeStateReader {
  /** Null when no freeze was ever recorded (no branch or no file). A malformed file throws. */
  read(): Promise<FreezeState | null>;
  /** Where it reads from, for logs and summaries. */
  readonly source: string;
}

export function apiStateReader(client: GitHubClient, repo: RepoRef, branch: string): FreezeStateReader {
  const source = `${repo.owner}/${repo.repo}@${branch}:${FREEZE_STATE_PATH} (contents API)`;
  return {
    source,
    async read() {
      const file = await getContent(client, repo, FREEZE_STATE_PATH, branch);
      return file === null ? null : parseFreezeState(file.text, source);
    },
  };
}

export function gitStateReader(options: {
  remote: string;
  branch: string;
  token?: string;
  cwd?: string;
  git?: GitCommandManagerFactory;
  log?: (line: string) => void;
}): FreezeStateReader {
  const remote = normalizeRemote(options.remote, options.cwd);
  const source = `${options.branch}:${FREEZE_STATE_PATH} on ${remote.replace(/\/\/[^@/]*@/, '//')}`;
  return {
    source,
    async read() {
      const workdir = await mkdtemp(path.join(os.tmpdir(), 'canary-freeze-state-'));
      try {
        const git = (options.git ?? createGitCommandManager)({
          workingDirectory: workdir,
          remote,
          token: options.token,
          log: options.log,
        });
        await git.init();
        if ((await git.fetchBranchIfExists(options.branch, 1)) === null) return null;
        const text = await git.showFile(`refs/remotes/origin/${options.branch}`, FREEZE_STATE_PATH);
        return text === null ? null : parseFreezeState(text, source);
      } finally {
        await rm(workdir, { recursive: true, force: true });
      }
    },
  };
}
