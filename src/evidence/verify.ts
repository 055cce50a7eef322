/**
 * `verify-evidence`: checks the whole evidence branch. The evidence index (a hash chain, one entry per commit)
 * must name every file with the digest it holds; nothing may be a link; every decision log the index lists must
 * verify and its records' file digests must be ones the index recorded; and, with git history, every commit
 * only added files or appended to them (see verify-history.ts). An anchor kept outside the branch (the GA
 * record's sha256 from the release tag or the GitHub release) shows a rewrite of the whole branch.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '../config/index.js';
import {
  createGitCommandManager,
  type GitCommandManager,
  type GitCommandManagerFactory,
} from '../git/git-command-manager.js';
import { isGitUrl, normalizeRemote } from '../git/remote.js';
import { checkApprovers, type RunReviewersReader } from './approver-check.js';
import { INDEX_DIR } from './evidence-index.js';
import { fileProblem, type EvidenceProblem } from './evidence-problem.js';
import { readTreeFromDisk, readTreeFromGit, type TreeReader } from './evidence-tree.js';
import { readRawHistory, verifyHistory, type HistoryVerification } from './verify-history.js';
import { verifyReleaseFromGit } from './verify-release.js';
import { verifyTree, type TreeVerification, type VerifiedLog } from './verify-tree.js';

export type { EvidenceProblem } from './evidence-problem.js';
export type { VerifiedLog } from './verify-tree.js';

/** A digest kept outside the evidence branch, which someone able to push to the branch cannot rewrite. */
export interface EvidenceAnchor {
  version: string;
  /** The GA record's sha256 the anchor carries. */
  gaSha256: string;
  /** Where it was read, for the report, e.g. `tag v1.4.0`. */
  source: string;
}

export interface VerifyEvidenceResult {
  ok: boolean;
  source: 'directory' | 'repository';
  logs: VerifiedLog[];
  /** Records checked across all logs. */
  records: number;
  /** Files whose content matched a recorded digest. */
  files: number;
  indexEntries: number;
  /** Commits of the branch checked (0 without git history). */
  commitsChecked: number;
  /** The anchor that was checked, if any. */
  anchor: EvidenceAnchor | null;
  problems: EvidenceProblem[];
}

export interface VerifyEvidenceOptions {
  /** Only the logs of this version (and the files they and their commits name). */
  version?: string;
  /** Evidence branch read from a repository (default canary-evidence). */
  branch?: string;
  /** Checked against the branch: its version's sealed log must hold a GA record with this sha256. */
  anchor?: EvidenceAnchor;
  /** With it, every record's approver is checked against GitHub's approvals of the record's run. */
  reviewers?: RunReviewersReader;
  token?: string;
  git?: GitCommandManagerFactory;
  log?: (line: string) => void;
  cwd?: string;
  tempDir?: string;
}

/** A sentence naming a problem's record, e.g. `reports/release_decisions/d1.yaml record 2 (phase stage:pilot): sha256: ...`. */
export function describeProblem(p: EvidenceProblem): string {
  const where =
    p.recordIndex === null
      ? p.file
      : `${p.file} record ${p.recordIndex}${p.phase ? ` (phase ${p.phase})` : ''}`;
  return `${where}: ${p.field ? `${p.field}: ` : ''}${p.message}${p.commit ? ` [commit ${p.commit.slice(0, 12)}]` : ''}`;
}

export async function verifyEvidence(
  target: string,
  options: VerifyEvidenceOptions = {},
): Promise<VerifyEvidenceResult> {
  const factory = options.git ?? createGitCommandManager;
  const cwd = options.cwd ?? process.cwd();
  if (options.anchor && options.version !== undefined && options.anchor.version !== options.version) {
    throw new ConfigurationError(
      `version: ${options.version} differs from the anchor's version ${options.anchor.version} (${options.anchor.source})`,
    );
  }
  const version = options.version ?? options.anchor?.version;
  if (!isGitUrl(target)) {
    const local = path.resolve(cwd, target);
    if (!existsSync(local))
      throw new ConfigurationError(
        `target: ${target} does not exist (expected a repository, a git URL or an evidence checkout)`,
      );
    const git = factory({ workingDirectory: local, remote: local, log: options.log });
    const repository = await isRepository(git);
    if (!repository && readdirSync(local).length === 0)
      throw new ConfigurationError(
        `target: ${target} has no evidence (no ${INDEX_DIR}/) and is not a git repository`,
      );
    if (existsSync(path.join(local, ...INDEX_DIR.split('/'))) || !repository) {
      // An evidence checkout (or a plain copy): its files as they are on disk, its history when it has one.
      const inWorkTree = repository && (await isWorkTreeRoot(git, local));
      return check(
        await readTreeFromDisk(local),
        inWorkTree ? git : null,
        'HEAD',
        'directory',
        version,
        options,
      );
    }
    // A local repository holding the branch is read in place: reading objects changes nothing, and a copy of
    // a long history would cost more than the check.
    const ref = `refs/heads/${options.branch ?? 'canary-evidence'}`;
    const held = await git.exec(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      allowFailure: true,
    });
    if (held.exitCode === 0)
      return check(await readTreeFromGit(git, ref), git, ref, 'repository', version, options);
  }
  const branch = options.branch ?? 'canary-evidence';
  const clone = await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'canary-verify-'));
  try {
    const git = factory({
      workingDirectory: clone,
      remote: normalizeRemote(target, cwd),
      token: options.token,
      log: options.log,
    });
    // No checkout: the tree is read from git objects, so a committed link is never created on this machine.
    await git
      .exec(
        [
          'clone',
          '--quiet',
          '--no-tags',
          '--single-branch',
          '--no-checkout',
          '--branch',
          branch,
          '--',
          normalizeRemote(target, cwd),
          '.',
        ],
        {
          network: true,
        },
      )
      .catch((error: unknown) => {
        throw new ConfigurationError(
          `target: cannot read branch ${branch} of ${target}: ${(error as Error).message}`,
        );
      });
    return await check(await readTreeFromGit(git, 'HEAD'), git, 'HEAD', 'repository', version, options);
  } finally {
    await rm(clone, { recursive: true, force: true });
  }
}

async function isRepository(git: GitCommandManager): Promise<boolean> {
  const result = await git.exec(['rev-parse', '--git-dir'], { allowFailure: true });
  return result.exitCode === 0;
}

async function isWorkTreeRoot(git: GitCommandManager, dir: string): Promise<boolean> {
  const result = await git.exec(['rev-parse', '--show-toplevel'], { allowFailure: true });
  if (result.exitCode !== 0) return false;
  const head = await git.exec(['rev-parse', '--verify', 'HEAD'], { allowFailure: true });
  return head.exitCode === 0 && path.resolve(result.stdout.trim()) === path.resolve(dir);
}

async function check(
  reader: TreeReader,
  git: GitCommandManager | null,
  ref: string,
  source: 'directory' | 'repository',
  version: string | undefined,
  options: VerifyEvidenceOptions,
): Promise<VerifyEvidenceResult> {
  const anchor = options.anchor;
  // One release read from git: only what can bear on it (verify-release.ts); else the whole branch.
  const release =
    git && source === 'repository' && version !== undefined
      ? await verifyReleaseFromGit(git, ref, reader, version)
      : null;
  if (release) return result(release.tree, release.history, source, anchor, options);
  // git walks the history while the tree is checked: the two are independent until the history is judged.
  const history = git ? readRawHistory(git, ref) : null;
  history?.catch(() => undefined); // awaited below; a failure is reported there, not as an unhandled rejection
  const tree = await verifyTree(reader, version);
  const problems = [...tree.problems];
  if (tree.logs.length === 0) {
    problems.push(
      fileProblem(
        INDEX_DIR,
        version === undefined
          ? 'the evidence index lists no decision log; nothing verified is not a pass'
          : `the evidence index lists no decision log of version ${version}`,
      ),
    );
  }
  const checked = git
    ? await verifyHistory(git, history!, {
        logPaths: new Set(tree.allLogs.map((l) => l.path)),
        namedByRecords: tree.namedByRecords,
        onlyPaths: tree.checkedPaths,
      })
    : null;
  return result({ ...tree, problems }, checked, source, anchor, options);
}

async function result(
  tree: Pick<TreeVerification, 'problems' | 'logs' | 'records' | 'files' | 'indexEntries' | 'logRecords'>,
  history: HistoryVerification | null,
  source: 'directory' | 'repository',
  anchor: EvidenceAnchor | undefined,
  options: VerifyEvidenceOptions,
): Promise<VerifyEvidenceResult> {
  const problems = [...tree.problems, ...(history?.problems ?? [])];
  const commitsChecked = history?.commits ?? 0;
  for (const log of tree.logs) log.commitsChecked = commitsChecked;
  if (anchor) problems.push(...checkAnchor(tree.logs, anchor));
  if (options.reviewers) problems.push(...(await checkApprovers(tree.logRecords, options.reviewers)));
  const deduped = dedupe(problems);
  return {
    ok: deduped.length === 0,
    source,
    logs: tree.logs,
    records: tree.records,
    files: tree.files,
    indexEntries: tree.indexEntries.length,
    commitsChecked,
    anchor: anchor ?? null,
    problems: deduped,
  };
}

function checkAnchor(logs: VerifiedLog[], anchor: EvidenceAnchor): EvidenceProblem[] {
  const sealed = logs.filter((l) => l.version === anchor.version && l.gaSha256 !== null);
  if (sealed.some((l) => l.gaSha256 === anchor.gaSha256)) return [];
  const where = sealed.map((l) => `${l.file} has ${l.gaSha256}`).join('; ');
  return [
    fileProblem(
      sealed[0]?.file ?? INDEX_DIR,
      sealed.length
        ? `the GA record does not match ${anchor.source}, which carries sha256 ${anchor.gaSha256} (${where}): the branch was rewritten after the release`
        : `${anchor.source} carries the GA record sha256 ${anchor.gaSha256}, but no decision log of version ${anchor.version} on the branch is sealed by a GA record: the branch was rewritten after the release`,
      { field: 'anchor' },
    ),
  ];
}

function dedupe(problems: EvidenceProblem[]): EvidenceProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}|${p.recordIndex}|${p.field}|${p.message}|${p.commit ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The problem to lead the report with: in the first file (by path) with a problem, its lowest broken record,
 * which says more than the file-level consequence (a changed digest) of the same edit.
 */
export function firstProblem(problems: EvidenceProblem[]): EvidenceProblem | undefined {
  const rank = (p: EvidenceProblem): number => p.recordIndex ?? Number.MAX_SAFE_INTEGER;
  return [...problems].sort((a, b) => (a.file === b.file ? rank(a) - rank(b) : a.file < b.file ? -1 : 1))[0];
}
