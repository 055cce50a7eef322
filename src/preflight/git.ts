/**
 * The git questions preflight asks, answered by the real `git` through execFile (never a library that could
 * disagree with the checkout the workflow made). Created by a factory for one repository directory.
 */
import { execFile } from 'node:child_process';

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

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    readonly code: number | string | null,
  ) {
    super(`git ${args.join(' ')} failed (${String(code)}): ${stderr.trim().split('\n')[0] ?? ''}`);
    this.name = 'GitError';
  }
}

export function createGitReader(
  repoDir: string,
  options: { timeoutMs?: number; gitBin?: string } = {},
): GitReader {
  const git = (args: string[]) =>
    new Promise<{ stdout: string; stderr: string; code: number }>((resolve, reject) => {
      execFile(
        options.gitBin ?? 'git',
        args,
        { cwd: repoDir, timeout: options.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (!error) return resolve({ stdout, stderr, code: 0 });
          const code = (error as NodeJS.ErrnoException & { code?: number | string }).code;
          if (typeof code === 'number') return resolve({ stdout, stderr, code });
          reject(new GitError(args, stderr || error.message, code ?? null));
        },
      );
    });
  const must = async (args: string[]) => {
    const r = await git(args);
    if (r.code !== 0) throw new GitError(args, r.stderr, r.code);
    return r.stdout;
  };

  return {
    async previousTag() {
      const r = await git(['describe', '--tags', '--abbrev=0', 'HEAD^']);
      if (r.code === 0) return r.stdout.trim() || null;
      // "No names found" / "No tags can describe" / a repository with one commit (HEAD^ does not exist).
      if (
        /No names found|No tags can describe|cannot describe|unknown revision|Needed a single revision|bad revision/i.test(
          r.stderr,
        )
      )
        return null;
      throw new GitError(['describe', '--tags', '--abbrev=0', 'HEAD^'], r.stderr, r.code);
    },
    async refExists(ref) {
      return (await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).code === 0;
    },
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
      const r = await git(['show', `${ref}:${path}`]);
      if (r.code === 0) return r.stdout;
      if (/does not exist|exists on disk, but not in|not in '|path .* does not exist/i.test(r.stderr))
        return null;
      throw new GitError(['show', `${ref}:${path}`], r.stderr, r.code);
    },
    async commitsSince(from) {
      return (await must(['rev-list', `${from}..HEAD`])).split('\n').filter(Boolean);
    },
    async head() {
      return (await must(['rev-parse', 'HEAD'])).trim();
    },
    async commitTime(ref) {
      return new Date((await must(['log', '-1', '--format=%cI', `${ref}^{commit}`])).trim());
    },
  };
}
