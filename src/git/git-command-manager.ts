/**
 * git behind an interface made by a factory (after actions/checkout's git-command-manager): the real `git`
 * binary through execFile (never a shell), one working directory, one remote named `origin`. Callers above this
 * module never build git argument lists, so the token handling and output masking live in one place.
 */
import { execFile, spawn } from 'node:child_process';
import { ConfigurationError } from '../config/errors.js';
import { createGitAuth, type GitAuth } from './auth.js';

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface GitExecOptions {
  /** Return a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** The command talks to the remote, so it gets the auth header. */
  network?: boolean;
  env?: Record<string, string>;
  /** Written to stdin (commit messages go this way, so no message is ever parsed as an option). */
  input?: string;
}

export type PushOutcome = { status: 'pushed' } | { status: 'rejected'; reason: string };

export interface GitIdentity {
  name: string;
  email: string;
}

export interface GitCommandManager {
  readonly workingDirectory: string;
  exec(args: string[], options?: GitExecOptions): Promise<GitResult>;
  /** `git init` and `origin` pointing at the remote (the URL never carries a credential). */
  init(): Promise<void>;
  /**
   * Makes the (empty) working directory the tip of one branch: a shallow clone of the branch, with local branch
   * `branch` checked out and `origin` set, and returns the tip commit. When the remote has no such branch, an empty
   * repository with `origin` set instead, and null. One round trip, where init + fetch + checkout take five
   * processes.
   */
  openBranch(branch: string): Promise<string | null>;
  /** The commit the remote branch points at, or null when the branch does not exist. */
  remoteBranchSha(branch: string): Promise<string | null>;
  /**
   * Fetches the branch (shallow when depth is given) into refs/remotes/origin/<branch> and returns its commit, or
   * null when the remote has no such branch. One round trip where asking first (remoteBranchSha) takes two.
   */
  fetchBranchIfExists(branch: string, depth?: number): Promise<string | null>;
  /** Worktree and index become exactly `ref`, on local branch `branch`; untracked files are removed. */
  resetBranchTo(branch: string, ref: string): Promise<void>;
  /** Makes HEAD an unborn branch with an empty index and worktree. */
  startOrphan(branch: string): Promise<void>;
  stagePaths(paths: string[]): Promise<void>;
  hasStagedChanges(): Promise<boolean>;
  commit(message: string, identity: GitIdentity, date?: Date): Promise<string>;
  /** Never forced: a non-fast-forward is reported as rejected so the caller can fetch and re-apply. */
  push(branch: string): Promise<PushOutcome>;
  /** The commit a ref names; throws GitCommandError when it names none. */
  revParse(ref: string): Promise<string>;
  /** Whether a ref names a commit in this repository. */
  refExists(ref: string): Promise<boolean>;
  /** A file's content at a commit, or null when absent there. */
  showFile(ref: string, path: string): Promise<string | null>;
  /** Commits touching `path` on `ref`, oldest first. */
  commitsTouching(ref: string, path: string): Promise<string[]>;
  /** Files tracked at `ref` under `dir` (recursively). */
  listFiles(ref: string, dir?: string): Promise<string[]>;
  /**
   * The bytes of each blob, in the order asked, through one `git cat-file --batch` process (so reading every
   * object of a long history stays one pass); null for an id the repository does not hold.
   */
  readBlobs(ids: string[]): Promise<(Buffer | null)[]>;
}

export interface GitCommandManagerOptions {
  workingDirectory: string;
  /** Remote URL (already normalized, see normalizeRemote). */
  remote: string;
  token?: string;
  /** Receives each command and failing output, with the token masked. */
  log?: (line: string) => void;
  gitPath?: string;
  /** Per-command limit; a hung network call must not hold a release job. */
  timeoutMs?: number;
  /** Base environment (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
}

export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly result: GitResult,
  ) {
    super(
      `git ${args.join(' ')} failed (exit ${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`,
    );
    this.name = 'GitCommandError';
  }
}

/**
 * The remote could not be reached or would not let us in (LC_ALL=C wording of git and its transports): a
 * precondition the user fixes (the URL, the token's access, the network), so it is reported as their mistake,
 * plainly and with exit 2, not as an internal error with a stack. No caller can treat it as an answer.
 */
const REMOTE_UNREACHABLE =
  /could not resolve host|unable to access|failed to connect|connection refused|connection timed out|repository (?:'[^']*' )?not found|does not appear to be a git repository|authentication failed|could not read (?:username|password)|permission denied \(publickey|could not read from remote repository|the requested url returned error: (?:401|403|404)/i;

export class RemoteUnreachableError extends ConfigurationError {
  constructor(remote: string, args: string[], stderr: string) {
    const said =
      stderr
        .split('\n')
        .map((l) => l.trim())
        .find((l) => REMOTE_UNREACHABLE.test(l)) ?? stderr.trim();
    super(
      `the git remote ${withoutCredentials(remote)} cannot be reached (git ${args[0]}): ${said}. ` +
        'Check the repository URL, the network, and that the token may read and push to it.',
    );
    this.name = 'RemoteUnreachableError';
  }
}

/** A remote URL without its user and password (`https://x-access-token:…@host/` → `https://host/`). */
function withoutCredentials(remote: string): string {
  return remote.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

const RETRYABLE_PUSH =
  /fetch first|non-fast-forward|failed to update ref|cannot lock ref|stale info|incorrect old value|reference already exists/i;

/**
 * The repositories driven here are temporary folders or a runner's checkout, both gone when the job ends: the
 * automatic gc/maintenance git starts after a fetch or a commit would only tidy them, a process each time.
 */
const NO_HOUSEKEEPING = ['-c', 'maintenance.auto=false', '-c', 'gc.auto=0'];

/** What `git fetch` and `git clone --branch` say (LC_ALL=C) when the remote has no such branch. */
const MISSING_REMOTE_REF = /couldn't find remote ref/i;
const MISSING_CLONE_BRANCH = /Remote branch .* not found in upstream/i;

export function createGitCommandManager(options: GitCommandManagerOptions): GitCommandManager {
  const baseEnv = options.env ?? process.env;
  const auth: GitAuth = createGitAuth(options.remote, options.token, baseEnv);
  const gitPath = options.gitPath ?? 'git';
  const timeout = options.timeoutMs ?? 120_000;
  const log = (line: string): void => options.log?.(auth.mask(line));
  const cwd = options.workingDirectory;

  const exec = (args: string[], execOptions: GitExecOptions = {}): Promise<GitResult> =>
    new Promise((resolve, reject) => {
      log(`git ${args.join(' ')}`);
      const env: NodeJS.ProcessEnv = {
        ...baseEnv,
        // Messages are parsed (push rejections), so they must not be translated; prompts would hang a CI job.
        LC_ALL: 'C',
        GIT_TERMINAL_PROMPT: '0',
        GCM_INTERACTIVE: 'never',
        ...(execOptions.network ? auth.env : {}),
        ...execOptions.env,
      };
      const child = execFile(
        gitPath,
        [...NO_HOUSEKEEPING, ...args],
        { cwd, env, timeout, maxBuffer: 256 * 1024 * 1024, windowsHide: true },
        (error, stdout, stderr) => {
          const result: GitResult = {
            exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
            stdout: auth.mask(String(stdout)),
            stderr: auth.mask(String(stderr)),
          };
          if (error && (error as { killed?: boolean }).killed) {
            result.stderr += `\n(killed after ${timeout} ms)`;
          }
          // With allowFailure a non-zero exit is an answer (diff --quiet, show of a missing file), not a failure;
          // a remote that cannot be reached never is.
          const unreachable =
            result.exitCode !== 0 && execOptions.network === true && REMOTE_UNREACHABLE.test(result.stderr);
          if (unreachable || (result.exitCode !== 0 && !execOptions.allowFailure)) {
            log(`git exited ${result.exitCode}: ${result.stderr.trim()}`);
            reject(
              unreachable
                ? new RemoteUnreachableError(options.remote, args, result.stderr)
                : new GitCommandError(args, result),
            );
            return;
          }
          resolve(result);
        },
      );
      // git may exit before reading stdin (most commands never do); its exit status is what counts, so a
      // broken pipe here is not an error of its own.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(execOptions.input ?? '');
    });

  // Commits must not depend on the runner's global config (signing, hooks, identity).
  const isolated = ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

  const init = async (): Promise<void> => {
    await exec(['init', '--quiet']);
    await exec(['remote', 'add', 'origin', options.remote]);
  };

  return {
    workingDirectory: cwd,
    exec,
    init,
    async openBranch(branch) {
      const args = [
        'clone',
        '--quiet',
        '--no-tags',
        '--single-branch',
        '--depth=1',
        '--branch',
        branch,
        '--',
        options.remote,
        '.',
      ];
      const result = await exec(args, { network: true, allowFailure: true });
      if (result.exitCode === 0) return (await exec(['rev-parse', 'HEAD'])).stdout.trim();
      if (!MISSING_CLONE_BRANCH.test(result.stderr)) throw new GitCommandError(args, result);
      await init();
      return null;
    },
    async remoteBranchSha(branch) {
      const result = await exec(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`], {
        network: true,
      });
      const line = result.stdout.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`));
      return line ? line.split('\t')[0]! : null;
    },
    async fetchBranchIfExists(branch, depth) {
      const args = ['fetch', '--quiet', '--no-tags'];
      if (depth !== undefined) args.push(`--depth=${depth}`);
      args.push('origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`);
      const result = await exec(args, { network: true, allowFailure: true });
      if (result.exitCode !== 0) {
        if (MISSING_REMOTE_REF.test(result.stderr)) return null;
        throw new GitCommandError(args, result);
      }
      return (await exec(['rev-parse', `refs/remotes/origin/${branch}`])).stdout.trim();
    },
    async resetBranchTo(branch, ref) {
      await exec(['checkout', '--quiet', '--force', '-B', branch, ref]);
      await exec(['clean', '--quiet', '-fdx']);
    },
    async startOrphan(branch) {
      await exec(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
      await exec(['read-tree', '--empty']);
      await exec(['clean', '--quiet', '-fdx']);
    },
    async stagePaths(paths) {
      if (paths.length === 0) return;
      await exec(['add', '--all', '--', ...paths]);
    },
    async hasStagedChanges() {
      const result = await exec(['diff', '--cached', '--quiet'], { allowFailure: true });
      if (result.exitCode > 1) throw new GitCommandError(['diff', '--cached', '--quiet'], result);
      return result.exitCode === 1;
    },
    async commit(message, identity, date) {
      const env: Record<string, string> = {
        GIT_AUTHOR_NAME: identity.name,
        GIT_AUTHOR_EMAIL: identity.email,
        GIT_COMMITTER_NAME: identity.name,
        GIT_COMMITTER_EMAIL: identity.email,
      };
      if (date) {
        env.GIT_AUTHOR_DATE = date.toISOString();
        env.GIT_COMMITTER_DATE = date.toISOString();
      }
      await exec([...isolated, 'commit', '--quiet', '--no-verify', '--file=-'], { env, input: message });
      return (await exec(['rev-parse', 'HEAD'])).stdout.trim();
    },
    async push(branch) {
      const args = ['push', '--porcelain', 'origin', `HEAD:refs/heads/${branch}`];
      const result = await exec(args, { network: true, allowFailure: true });
      if (result.exitCode === 0) return { status: 'pushed' };
      const text = `${result.stdout}\n${result.stderr}`;
      const rejectedLine = text.split('\n').find((l) => l.startsWith('!'));
      if (RETRYABLE_PUSH.test(rejectedLine ?? text)) {
        return { status: 'rejected', reason: (rejectedLine ?? result.stderr).trim() };
      }
      throw new GitCommandError(args, result);
    },
    async revParse(ref) {
      return (await exec(['rev-parse', '--verify', `${ref}^{commit}`])).stdout.trim();
    },
    async refExists(ref) {
      const result = await exec(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
        allowFailure: true,
      });
      return result.exitCode === 0;
    },
    async showFile(ref, path) {
      const result = await exec(['show', `${ref}:${path}`], { allowFailure: true });
      return result.exitCode === 0 ? result.stdout : null;
    },
    async commitsTouching(ref, path) {
      const result = await exec(['log', '--reverse', '--format=%H', ref, '--', path]);
      return result.stdout.split('\n').filter(Boolean);
    },
    async listFiles(ref, dir) {
      const args = ['ls-tree', '-r', '--name-only', '-z', ref];
      if (dir) args.push('--', dir);
      const result = await exec(args);
      return result.stdout.split('\0').filter(Boolean);
    },
    readBlobs(ids) {
      if (ids.length === 0) return Promise.resolve([]);
      for (const id of ids) {
        if (!/^[0-9a-f]{40,64}$/.test(id))
          return Promise.reject(new Error(`readBlobs: ${id} is not an object id`));
      }
      return new Promise((resolve, reject) => {
        log(`git cat-file --batch --buffer (${ids.length} object(s))`);
        const child = spawn(gitPath, ['cat-file', '--batch', '--buffer'], {
          cwd,
          env: { ...baseEnv, LC_ALL: 'C' },
          stdio: ['pipe', 'pipe', 'pipe'],
          windowsHide: true,
        });
        const chunks: Buffer[] = [];
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => chunks.push(c));
        child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
        child.on('error', reject);
        child.on('close', (code) => {
          if (code !== 0) {
            reject(new Error(`git cat-file --batch exited ${code}: ${stderr.trim()}`));
            return;
          }
          const out = Buffer.concat(chunks);
          const blobs: (Buffer | null)[] = [];
          let at = 0;
          for (let i = 0; i < ids.length; i++) {
            const eol = out.indexOf(0x0a, at);
            const header = out.toString('utf8', at, eol).split(' ');
            if (header[1] === 'missing' || eol < 0) {
              blobs.push(null);
              at = eol + 1;
              continue;
            }
            const size = Number(header[2]);
            blobs.push(out.subarray(eol + 1, eol + 1 + size));
            at = eol + 1 + size + 1;
          }
          resolve(blobs);
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(`${ids.join('\n')}\n`);
      });
    },
  };
}

export type GitCommandManagerFactory = (options: GitCommandManagerOptions) => GitCommandManager;
