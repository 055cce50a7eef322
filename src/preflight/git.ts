/**
 * The git questions preflight asks, answered by the real `git` through the one git manager (never a library that
 * could disagree with the checkout the workflow made). Created by a factory for one repository directory.
 */
import { createGitCommandManager } from '../git/git-command-manager.js';

export interface ChangedFile {
  /** A added, M modified, D deleted (renames are reported as D + A). */
  status: 'A' | 'M' | 'D';
  path: string;
}

export interface GitReader {
  /** The latest tag reachable from HEAD^ (`git describe --tags --abbrev=0 HEAD^`); null when there is none. */
  previousTag(): Promise<string | null>;
  /** Whether a ref names a commit in this repository. */
  refExists(ref: string): Promise<boolean>;
  /** Files changed between `from` and HEAD (renames as delete + add). */
  changedFiles(from: string): Promise<ChangedFile[]>;
  /** The text of `path` at `ref`; null when the file does not exist there. */
  show(ref: string, path: string): Promise<string | null>;
  /** SHAs of the commits in `from..HEAD`. */
  commitsSince(from: string): Promise<string[]>;
  /** `git rev-parse HEAD`. */
  head(): Promise<string>;
  /** The committer time of a ref's commit. */
  commitTime(ref: string): Promise<Date>;
}

export function createGitReader(
  repoDir: string,
  options: { timeoutMs?: number; gitPath?: string } = {},
): GitReader {
  // Read-only questions about the checkout: no remote, so no credential is ever handed to these commands.
  const git = createGitCommandManager({
    workingDirectory: repoDir,
    remote: '',
    timeoutMs: 30_000,
    ...options,
  });
  const answer = (args: string[]) => git.exec(args, { allowFailure: true });
  const must = async (args: string[]) => (await git.exec(args)).stdout;

  return {
    async previousTag() {
      // No parent commit, or no tag reachable from it: there is no previous release to compare with. Asked as
      // questions with their own answers, not read from the error text of `git describe`.
      if (!(await git.refExists('HEAD^'))) return null;
      const reachable = await must(['tag', '--merged', 'HEAD^']);
      if (reachable.trim() === '') return null;
      return (await must(['describe', '--tags', '--abbrev=0', 'HEAD^'])).trim() || null;
    },
    refExists: (ref) => git.refExists(ref),
    async changedFiles(from) {
      const out = await must(['diff', '--name-status', '--no-renames', '-z', from, 'HEAD']);
      const parts = out.split('\0').filter((p) => p !== '');
      const files: ChangedFile[] = [];
      for (let i = 0; i + 1 < parts.length; i += 2) {
        const code = parts[i]!.charAt(0);
        files.push({ status: code === 'A' ? 'A' : code === 'D' ? 'D' : 'M', path: parts[i + 1]! });
      }
      return files;
    },
    async show(ref, path) {
      // A ref that names no commit is a mistake (revParse throws); a file absent at that commit is an answer.
      const commit = await git.revParse(ref);
      if ((await answer(['cat-file', '-e', `${commit}:${path}`])).exitCode !== 0) return null;
      return must(['show', `${commit}:${path}`]);
    },
    async commitsSince(from) {
      return (await must(['rev-list', `${from}..HEAD`])).split('\n').filter(Boolean);
    },
    head: () => git.revParse('HEAD'),
    async commitTime(ref) {
      return new Date((await must(['log', '-1', '--format=%cI', `${ref}^{commit}`])).trim());
    },
  };
}
