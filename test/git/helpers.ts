import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execGit } from '../support/git.js';

export function git(cwd: string, ...args: string[]): string {
  return execGit(args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      LC_ALL: 'C',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });
}

/** A bare repository that refuses non-fast-forward updates, so a force push would fail loudly. */
export function bareRepository(root: string, name = 'remote.git'): string {
  const dir = path.join(root, name);
  execGit(['init', '--quiet', '--bare', dir]);
  git(dir, 'config', 'receive.denyNonFastForwards', 'true');
  git(dir, 'config', 'receive.denyDeletes', 'true');
  return dir;
}

export function tempRoot(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const fixedClock = (iso: string) => ({ now: () => new Date(iso) });
