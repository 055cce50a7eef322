/**
 * Evidence lands on its branch with real git: a shallow clone (an orphan branch when the branch is missing),
 * the changes applied, one commit, a push. A rejected push is never forced: the branch is fetched again and the
 * same changes are re-applied on top of what other jobs pushed (a rebase of our one commit, done by replaying
 * its changes, which also re-runs appends on the new content instead of conflicting), a bounded number of times.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '../config/index.js';
import {
  createGitCommandManager,
  type GitCommandManagerFactory,
  type GitIdentity,
} from '../git/git-command-manager.js';
import { DEFAULT_IDENTITY, pushWithRetries } from '../git/push-loop.js';
import { normalizeRemote } from '../git/remote.js';
import { maskSecrets } from '../secrets/masker.js';
import { sha256Bytes } from './canonical.js';
import { collectEvidenceFiles } from './collect.js';
import { parseDecisionLog } from './decision-log.js';
import { EvidenceChainError, EvidencePushError } from './errors.js';
import {
  buildIndexEntry,
  INDEX_DIR,
  indexEntryPath,
  isIndexPath,
  parseIndexEntry,
  serializeIndexEntry,
  type FileDigest,
  type IndexedLog,
  type IndexEntry,
} from './evidence-index.js';
import { assertNoLinkOnPath, assertNoLinkOnPathSync } from './no-follow.js';
import { checkEvidencePath } from './paths.js';
import type { Clock } from '../platform/clock.js';

/** What an `update` change can read of the push being prepared. */
export interface PushWorkspace {
  /**
   * The sha256 of a file as it will be committed (changes listed before the caller are already applied), or
   * null when neither this push nor the branch holds it.
   */
  digestOf(path: string): string | null;
}

/**
 * One change to the evidence branch. `write` replaces the file, `append` adds to it (war-room log, timeline),
 * `update` computes the new content from the current one (the decision log) and may throw to abort the push.
 * `kind: 'decision-log'` marks a decision log, so the evidence index lists it among the release's logs.
 */
export type EvidenceChange =
  | { path: string; content: string | Uint8Array; mode?: 'write' }
  | { path: string; content: string; mode: 'append' }
  | {
      path: string;
      /** `workspace` is absent only when a caller previews the content outside a push (never committed). */
      update: (current: string | null, workspace?: PushWorkspace) => string;
      kind?: 'decision-log';
    };

export interface PushEvidenceOptions {
  /** Git URL or local path (relative paths resolve against `cwd`). */
  remote: string;
  branch: string;
  /** The changes; or `fromDir` + `toPath` to push a folder. Both may be given. */
  files?: EvidenceChange[];
  fromDir?: string;
  toPath?: string;
  message: string;
  /** Sent as an http.extraheader for http(s) remotes only; never written to disk or logged. */
  token?: string;
  git?: GitCommandManagerFactory;
  log?: (line: string) => void;
  /** Push attempts including the first (default 6). */
  maxAttempts?: number;
  identity?: GitIdentity;
  /** Sets the commit date; the current time when absent. */
  clock?: Pick<Clock, 'now'>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  cwd?: string;
  tempDir?: string;
}

export interface PushEvidenceResult {
  /** The branch tip holding the evidence (our commit, or the existing tip when nothing changed). */
  commit: string;
  attempts: number;
  /** Paths written, from the repository root, in order. */
  files: string[];
  /** False when the branch already held exactly this content (a re-run), so nothing was committed. */
  changed: boolean;
  /** True when this push created the branch. */
  createdBranch: boolean;
}

/** A commit message naming the release, the stage and the run, as auditors search for them. */
export function evidenceCommitMessage(parts: {
  release: string;
  stage: string;
  runUrl?: string | null;
  summary?: string;
}): string {
  const lines = [
    `evidence(${parts.release}): ${parts.stage}${parts.summary ? ` - ${parts.summary}` : ''}`,
    '',
  ];
  lines.push(
    `Release: ${parts.release}`,
    `Stage: ${parts.stage}`,
    `Run: ${parts.runUrl ?? 'local run (no GitHub run URL)'}`,
  );
  return `${lines.join('\n')}\n`;
}

const BRANCH_NAME = /^(?!\/|.*\/\/|.*\/$|.*\.\.|.*\.lock$|.*@\{)[A-Za-z0-9._/-]+$/;

export async function pushEvidence(options: PushEvidenceOptions): Promise<PushEvidenceResult> {
  if (!BRANCH_NAME.test(options.branch ?? '') || options.branch.startsWith('-')) {
    throw new ConfigurationError(
      `branch: "${options.branch}" is not a valid branch name (expected e.g. canary-evidence)`,
    );
  }
  if (!options.message || options.message.trim() === '') {
    throw new ConfigurationError(
      'message: expected a commit message naming the release, the stage and the run URL',
    );
  }
  const maxAttempts = options.maxAttempts ?? 6;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 50) {
    throw new ConfigurationError(`maxAttempts: expected an integer 1..50, got ${maxAttempts}`);
  }
  if ((options.fromDir === undefined) !== (options.toPath === undefined)) {
    throw new ConfigurationError(
      'from/to: give both the folder to push and the destination path, or neither',
    );
  }
  const changes: EvidenceChange[] = (options.files ?? []).map((change, i) => ({
    ...change,
    path: checkEvidencePath(change.path, `files[${i}].path`),
  }));
  if (options.fromDir !== undefined) {
    for (const file of await collectEvidenceFiles(options.fromDir, options.toPath!)) changes.push(file);
  }
  if (changes.length === 0)
    throw new ConfigurationError('files: nothing to push (expected files or a folder)');
  const paths = changes.map((c) => c.path);
  const reserved = paths.find(isIndexPath);
  if (reserved)
    throw new ConfigurationError(
      `files: ${reserved} is inside ${INDEX_DIR}/, which only the push itself writes (the evidence index)`,
    );
  const duplicate = paths.find((p, i) => paths.indexOf(p) !== i);
  if (duplicate) throw new ConfigurationError(`files: ${duplicate} is given twice`);

  const remote = normalizeRemote(options.remote, options.cwd);
  const log = options.log ?? (() => undefined);
  const factory = options.git ?? createGitCommandManager;
  const workdir = await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'canary-evidence-'));
  try {
    const git = factory({ workingDirectory: workdir, remote, token: options.token, log });
    const identity = options.identity ?? DEFAULT_IDENTITY;
    const pushed = await pushWithRetries<PushEvidenceResult>({
      git,
      branch: options.branch,
      maxAttempts,
      sleep: options.sleep,
      random: options.random,
      onRejected: (reason, _attempt, delay) =>
        log(
          `evidence: push to ${options.branch} rejected (${reason}); fetching and re-applying in ${Math.round(delay)} ms`,
        ),
      round: async (attempt) => {
        // The first round starts from a clone of the tip; a later one (someone pushed in between) fetches it.
        const tip =
          attempt === 1
            ? await git.openBranch(options.branch)
            : await git.fetchBranchIfExists(options.branch, 1);
        if (tip && attempt > 1)
          await git.resetBranchTo(options.branch, `refs/remotes/origin/${options.branch}`);
        if (!tip) await git.startOrphan(options.branch);
        for (const change of changes) await applyChange(workdir, change);
        await git.stagePaths(paths);
        const changed = await stagedPaths(git);
        if (changed.length > 0) {
          const now = options.clock?.now() ?? new Date();
          const entryPath = await writeIndexEntry(workdir, changed, changes, now, options.message);
          await git.stagePaths([entryPath]);
        }
        // Nothing staged (the branch already holds every file as given): the index entry is not written either.
        if (changed.length === 0) {
          if (!tip) throw new EvidencePushError('nothing to commit on a new branch', attempt);
          log(`evidence: ${options.branch} already holds this evidence at ${tip}; nothing to commit`);
          const result = {
            commit: tip,
            attempts: attempt,
            files: paths,
            changed: false,
            createdBranch: false,
          };
          return { kind: 'unchanged', result };
        }
        const commit = await git.commit(options.message, identity, options.clock?.now());
        return {
          kind: 'commit',
          onPushed: async () => {
            log(
              `evidence: pushed ${paths.length} file(s) to ${options.branch} as ${commit} (attempt ${attempt})`,
            );
            return { commit, attempts: attempt, files: paths, changed: true, createdBranch: tip === null };
          },
        };
      },
    });
    if (pushed.status === 'done') return pushed.result;
    throw new EvidencePushError(
      `evidence: push to ${options.branch} was rejected ${maxAttempts} times (last: ${pushed.lastReason}); other jobs keep moving the branch, nothing was forced`,
      maxAttempts,
    );
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}

async function stagedPaths(git: ReturnType<GitCommandManagerFactory>): Promise<string[]> {
  const result = await git.exec(['diff', '--cached', '--name-only', '--no-renames', '-z']);
  return result.stdout.split('\0').filter(Boolean);
}

/** The newest entry of the branch's evidence index, or null on a branch that has none yet. */
async function latestIndexEntry(workdir: string): Promise<IndexEntry | null> {
  const newest = async (relative: string, pattern: RegExp): Promise<string | null> => {
    await assertNoLinkOnPath(workdir, relative);
    const names = await readdir(path.join(workdir, ...relative.split('/'))).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [] as string[];
        throw error;
      },
    );
    // Zero-padded numbers: the longest, then the greatest name is the newest.
    return (
      names
        .filter((n) => pattern.test(n))
        .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
        .at(-1) ?? null
    );
  };
  const shard = await newest(INDEX_DIR, /^\d{6,}$/);
  if (!shard) return null;
  const latest = await newest(`${INDEX_DIR}/${shard}`, /^\d{8,}\.json$/);
  if (!latest) return null;
  const file = `${INDEX_DIR}/${shard}/${latest}`;
  await assertNoLinkOnPath(workdir, file);
  const parsed = parseIndexEntry(await readFile(path.join(workdir, ...file.split('/')), 'utf8'), file);
  if (!parsed.entry) {
    const p = parsed.problems[0]!;
    throw new EvidenceChainError(file, 0, `${p.field ? `${p.field}: ` : ''}${p.message}`);
  }
  return parsed.entry;
}

/**
 * Adds the index entry naming every file this commit changes with its digest; returns the entry's path. The
 * entry is computed from the files as staged, so a retried push names exactly what it commits.
 */
async function writeIndexEntry(
  workdir: string,
  changed: string[],
  changes: EvidenceChange[],
  now: Date,
  message: string,
): Promise<string> {
  const files: FileDigest[] = [];
  const logs: IndexedLog[] = [];
  for (const file of changed) {
    const bytes = await readFile(path.join(workdir, ...file.split('/')));
    files.push({ path: file, sha256: sha256Bytes(bytes) });
    const change = changes.find((c) => c.path === file);
    if (change && 'kind' in change && change.kind === 'decision-log') {
      const last = parseDecisionLog(bytes.toString('utf8'), file).at(-1) as
        Record<string, unknown> | undefined;
      if (last)
        logs.push({ path: file, version: String(last.version), deployment_id: String(last.deployment_id) });
    }
  }
  const entry = buildIndexEntry(await latestIndexEntry(workdir), {
    recordedAt: now,
    subject: message.split('\n')[0]!.trim(),
    files,
    logs,
  });
  const entryPath = indexEntryPath(entry.seq);
  await assertNoLinkOnPath(workdir, entryPath);
  const target = path.join(workdir, ...entryPath.split('/'));
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, serializeIndexEntry(entry), { flag: 'wx' });
  return entryPath;
}

function workspaceOf(workdir: string): PushWorkspace {
  return {
    digestOf(file) {
      const checked = checkEvidencePath(file, 'evidence_files');
      assertNoLinkOnPathSync(workdir, checked);
      try {
        return sha256Bytes(readFileSync(path.join(workdir, ...checked.split('/'))));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}

async function applyChange(workdir: string, change: EvidenceChange): Promise<void> {
  // Reading or writing through a link committed to the branch would touch files outside the clone.
  await assertNoLinkOnPath(workdir, change.path);
  const target = path.join(workdir, ...change.path.split('/'));
  await mkdir(path.dirname(target), { recursive: true });
  const current = async (): Promise<string | null> => {
    try {
      return await readFile(target, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };
  if ('update' in change) {
    await writeFile(target, change.update(await current(), workspaceOf(workdir)));
  } else if (change.mode === 'append') {
    const content = maskSecrets(change.content);
    const before = (await current()) ?? '';
    // A re-run job appending the same entry again converges instead of duplicating it.
    if (content !== '' && before.endsWith(content)) return;
    // A file that does not end in a newline would glue two war-room lines together.
    const separator = before === '' || before.endsWith('\n') ? '' : '\n';
    await writeFile(target, before + separator + content);
  } else {
    // Every evidence file passes the run's masker at this one write point (binary files are written as given).
    await writeFile(
      target,
      typeof change.content === 'string' ? maskSecrets(change.content) : change.content,
    );
  }
}
