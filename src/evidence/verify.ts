/**
 * `verify-evidence`: checks every decision log's hash chain, that the files its records name exist, and, where
 * git history is available, that each commit only appended to the log (so removing the last record, or
 * rewriting a record together with every hash after it, shows up as a change to a committed record).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '../config/index.js';
import { canonicalJson, type Json } from './canonical.js';
import {
  createGitCommandManager,
  type GitCommandManager,
  type GitCommandManagerFactory,
} from '../git/git-command-manager.js';
import { isGitUrl, normalizeRemote } from '../git/remote.js';
import { checkDecisionChain, parseDecisionLog, SEALING_PHASE } from './decision-log.js';
import { EvidenceChainError } from './errors.js';

export interface EvidenceProblem {
  /** Decision log path from the repository root. */
  file: string;
  /** 0-based record index; null for a problem with the file as a whole. */
  recordIndex: number | null;
  /** The record's phase, when it could be read, so the report names the record the way a reader would. */
  phase: string | null;
  field: string | null;
  message: string;
  /** The commit that introduced the problem, when git history showed it. */
  commit?: string;
}

export interface VerifiedLog {
  file: string;
  records: number;
  sealed: boolean;
  /** Commits of the log that were compared (0 without git history). */
  commitsChecked: number;
}

export interface VerifyEvidenceResult {
  ok: boolean;
  source: 'directory' | 'repository';
  logs: VerifiedLog[];
  /** Records checked across all logs. */
  records: number;
  problems: EvidenceProblem[];
}

export interface VerifyEvidenceOptions {
  /** Only logs holding records of this version. */
  version?: string;
  /** Evidence branch read from a repository (default canary-evidence). */
  branch?: string;
  /** Folder of decision logs (default reports/release_decisions). */
  decisionsDir?: string;
  token?: string;
  git?: GitCommandManagerFactory;
  log?: (line: string) => void;
  cwd?: string;
  tempDir?: string;
}

export const DEFAULT_DECISIONS_DIR = 'reports/release_decisions';

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
  const decisionsDir = (options.decisionsDir ?? DEFAULT_DECISIONS_DIR).replace(/\/+$/, '');
  const factory = options.git ?? createGitCommandManager;
  const cwd = options.cwd ?? process.cwd();
  if (!isGitUrl(target)) {
    const local = path.resolve(cwd, target);
    if (!existsSync(local))
      throw new ConfigurationError(
        `target: ${target} does not exist (expected a repository, a git URL or an evidence checkout)`,
      );
    if (existsSync(path.join(local, decisionsDir))) {
      const git = factory({ workingDirectory: local, remote: local, log: options.log });
      const inWorkTree = await isWorkTreeRoot(git, local);
      return verifyTree(local, decisionsDir, inWorkTree ? git : null, 'directory', options.version);
    }
    const git = factory({ workingDirectory: local, remote: local, log: options.log });
    if (!(await isRepository(git))) {
      throw new ConfigurationError(`target: ${target} has no ${decisionsDir}/ and is not a git repository`);
    }
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
    await git.cloneBranch(branch).catch((error: unknown) => {
      throw new ConfigurationError(
        `target: cannot read branch ${branch} of ${target}: ${(error as Error).message}`,
      );
    });
    return await verifyTree(clone, decisionsDir, git, 'repository', options.version);
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

function phaseOf(record: unknown): string | null {
  const phase = record && typeof record === 'object' ? (record as Record<string, unknown>).phase : undefined;
  return typeof phase === 'string' ? phase : null;
}

async function verifyTree(
  root: string,
  decisionsDir: string,
  git: GitCommandManager | null,
  source: 'directory' | 'repository',
  version: string | undefined,
): Promise<VerifyEvidenceResult> {
  const problems: EvidenceProblem[] = [];
  const logs: VerifiedLog[] = [];
  let recordCount = 0;
  const dirAbs = path.join(root, ...decisionsDir.split('/'));
  const files =
    existsSync(dirAbs) && statSync(dirAbs).isDirectory()
      ? readdirSync(dirAbs)
          .filter((f) => /\.ya?ml$/i.test(f))
          .sort()
          .map((f) => `${decisionsDir}/${f}`)
      : [];

  for (const file of files) {
    const text = readFileSync(path.join(root, ...file.split('/')), 'utf8');
    let records: unknown[];
    try {
      records = parseDecisionLog(text, file);
    } catch (error) {
      const e = error as EvidenceChainError;
      problems.push({ file, recordIndex: null, phase: null, field: null, message: e.detail ?? e.message });
      continue;
    }
    if (
      version !== undefined &&
      !records.some((r) => String((r as Record<string, unknown> | null)?.version) === version)
    ) {
      continue;
    }
    recordCount += records.length;
    for (const p of checkDecisionChain(records, file)) {
      problems.push({ ...p, phase: p.recordIndex === null ? null : phaseOf(records[p.recordIndex]) });
    }
    records.forEach((record, index) => {
      const named = (record as Record<string, unknown> | null)?.evidence_files;
      if (!Array.isArray(named)) return;
      for (const evidence of named) {
        const rel = String(evidence);
        const abs = path.resolve(root, rel);
        if (!abs.startsWith(path.resolve(root) + path.sep) || !existsSync(abs)) {
          problems.push({
            file,
            recordIndex: index,
            phase: phaseOf(record),
            field: 'evidence_files',
            message: `names ${rel}, which is not in the evidence tree`,
          });
        }
      }
    });
    let commitsChecked = 0;
    if (git) {
      const history = await historyOf(git, file);
      commitsChecked = history.length;
      history.push({ commit: 'working tree', text });
      problems.push(...compareVersions(file, history));
    }
    logs.push({
      file,
      records: records.length,
      sealed: records.some((r) => phaseOf(r) === SEALING_PHASE),
      commitsChecked,
    });
  }

  if (logs.length === 0 && problems.length === 0) {
    problems.push({
      file: decisionsDir,
      recordIndex: null,
      phase: null,
      field: null,
      message:
        version === undefined
          ? 'no decision logs found; nothing verified is not a pass'
          : `no decision log holds records of version ${version}`,
    });
  }
  return { ok: problems.length === 0, source, logs, records: recordCount, problems: dedupe(problems) };
}

async function historyOf(
  git: GitCommandManager,
  file: string,
): Promise<{ commit: string; text: string | null }[]> {
  const commits = await git.commitsTouching('HEAD', file);
  const out: { commit: string; text: string | null }[] = [];
  for (const commit of commits) out.push({ commit, text: await git.showFile(commit, file) });
  return out;
}

function safeParse(text: string | null, file: string): unknown[] | null {
  try {
    return parseDecisionLog(text, file);
  } catch {
    return null;
  }
}

/** Each version of the log must keep every record of the version before it, byte for byte in meaning. */
function compareVersions(
  file: string,
  history: { commit: string; text: string | null }[],
): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  let previous: unknown[] = [];
  for (const { commit, text } of history) {
    const current = safeParse(text, file);
    if (current === null) continue; // reported by the chain check for the tree; an old unparsable version has nothing to keep
    for (let i = 0; i < previous.length; i++) {
      const before = previous[i] as Record<string, unknown>;
      const after = current[i] as Record<string, unknown> | undefined;
      if (after === undefined) {
        problems.push({
          file,
          recordIndex: i,
          phase: phaseOf(before),
          field: null,
          message: `was removed (the log had ${previous.length} records, now ${current.length})`,
          commit: commit === 'working tree' ? undefined : commit,
        });
        break;
      }
      if (canonicalJson(before as Json) !== canonicalJson(after as Json)) {
        const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
        const changed = keys.filter(
          (k) => canonicalJson((before?.[k] ?? null) as Json) !== canonicalJson((after?.[k] ?? null) as Json),
        );
        problems.push({
          file,
          recordIndex: i,
          phase: phaseOf(before),
          field: changed[0] ?? null,
          message: `differs from the committed record (changed: ${changed.join(', ')}); records are append-only`,
          commit: commit === 'working tree' ? undefined : commit,
        });
        break;
      }
    }
    previous = current;
  }
  return problems;
}

function dedupe(problems: EvidenceProblem[]): EvidenceProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}|${p.recordIndex}|${p.field}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The first broken record: lowest record index in the first log (by path) with a problem. */
export function firstProblem(problems: EvidenceProblem[]): EvidenceProblem | undefined {
  return [...problems].sort((a, b) =>
    a.file === b.file ? (a.recordIndex ?? -1) - (b.recordIndex ?? -1) : a.file < b.file ? -1 : 1,
  )[0];
}
