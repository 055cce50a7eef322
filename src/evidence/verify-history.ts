/**
 * The history check: every commit of the evidence branch, by content and independent of paths, only added
 * files, appended to them, or replaced a file's content with a new version that the same commit's evidence
 * index entry (and, for a file a decision record ever vouched for, a decision record appended in that commit)
 * names with its digest. Deleting, renaming, moving or re-extensioning a file shows as a deletion; a decision
 * log or an index entry may never be rewritten. One `git log --raw` and one `git cat-file --batch` pass keep
 * it linear in the number of commits.
 */
import type { GitCommandManager } from '../git/git-command-manager.js';
import { canonicalJson, sha256Bytes, type Json } from './canonical.js';
import { parseDecisionLog } from './decision-log.js';
import { isIndexPath, parseIndexEntry, seqOfIndexPath, type IndexEntry } from './evidence-index.js';
import { fileProblem, type EvidenceProblem } from './evidence-problem.js';

export interface RawChange {
  srcMode: string;
  dstMode: string;
  src: string;
  dst: string;
  status: string;
  path: string;
}

export interface RawCommit {
  sha: string;
  changes: RawChange[];
}

export interface HistoryVerification {
  problems: EvidenceProblem[];
  commits: number;
}

const NO_BLOB = /^0+$/;

/**
 * Every commit of `ref` with its changes, oldest first. Exported so a caller can start it (a git process) while
 * it checks the tree, and hand the promise to verifyHistory.
 */
export async function readRawHistory(git: GitCommandManager, ref: string): Promise<RawCommit[]> {
  return readRawCommits(git, ['--reverse', ref]);
}

/**
 * `git log` of the given revisions (with options such as `--no-walk`), each commit with its raw changes.
 * --first-parent -m: a merge is checked as the net change it brings to the branch, so nothing hides behind one.
 */
export async function readRawCommits(git: GitCommandManager, revisions: string[]): Promise<RawCommit[]> {
  const out = await git.exec([
    'log',
    '--first-parent',
    '-m',
    '--raw',
    '--no-renames',
    '--no-abbrev',
    '-z',
    '--format=%x01%H',
    ...revisions,
  ]);
  return parseRawLog(out.stdout);
}

/** `git log --raw -z --format=%x01%H` output as commits and their changes. */
function parseRawLog(stdout: string): RawCommit[] {
  const commits: RawCommit[] = [];
  for (const chunk of stdout.split('\x01')) {
    if (!chunk) continue;
    const end = chunk.indexOf('\0');
    const sha = (end < 0 ? chunk : chunk.slice(0, end)).trim();
    const fields = end < 0 ? [] : chunk.slice(end + 1).split('\0');
    const changes: RawChange[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const meta = fields[i]!.replace(/^\n/, '');
      if (!meta.startsWith(':')) break;
      const [srcMode, dstMode, src, dst, status] = meta.slice(1).split(' ');
      changes.push({
        srcMode: srcMode!,
        dstMode: dstMode!,
        src: src!,
        dst: dst!,
        status: status!.charAt(0),
        path: fields[i + 1]!,
      });
    }
    commits.push({ sha, changes });
  }
  return commits;
}

function recordsIn(text: string, file: string): Record<string, unknown>[] {
  try {
    return parseDecisionLog(text, file).filter(
      (r): r is Record<string, unknown> => r !== null && typeof r === 'object',
    );
  } catch {
    return [];
  }
}

/** path -> digests the records vouch for. */
function namedDigests(records: Record<string, unknown>[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of records) {
    if (!Array.isArray(r.evidence_files)) continue;
    for (const item of r.evidence_files as unknown[]) {
      const file = typeof item === 'string' ? item : (item as { path?: unknown } | null)?.path;
      const sha = typeof item === 'string' ? null : (item as { sha256?: unknown } | null)?.sha256;
      if (typeof file !== 'string') continue;
      if (!out.has(file)) out.set(file, new Set());
      if (typeof sha === 'string') out.get(file)!.add(sha);
    }
  }
  return out;
}

export interface HistoryScope {
  /** Every decision log the index lists: these may only ever be appended to. */
  logPaths: Set<string>;
  /** Files a decision record vouches for: replacing one needs a record naming the new content. */
  namedByRecords: Set<string>;
  /**
   * When given (one release), contents are read only for these paths; deletions and links are still checked
   * branch-wide, as they cost nothing to find.
   */
  onlyPaths: Set<string> | null;
}

export async function verifyHistory(
  git: GitCommandManager,
  history: Promise<RawCommit[]>,
  scope: HistoryScope,
): Promise<HistoryVerification> {
  const { logPaths, namedByRecords, onlyPaths } = scope;
  const commits = await history;
  const relevant = (file: string): boolean => onlyPaths === null || onlyPaths.has(file);

  // Which blobs the checks need, read in one pass: both sides of each modification (is it an append?) and,
  // for a commit that modifies a file other than a log, the index entry it added.
  const wanted = new Set<string>();
  for (const c of commits) {
    let needsEntry = false;
    for (const ch of c.changes) {
      if (ch.status !== 'M' || isIndexPath(ch.path) || !relevant(ch.path)) continue;
      wanted.add(ch.src);
      wanted.add(ch.dst);
      if (!logPaths.has(ch.path)) needsEntry = true;
    }
    if (needsEntry)
      for (const ch of c.changes) if (ch.status === 'A' && isIndexPath(ch.path)) wanted.add(ch.dst);
  }
  const ids = [...wanted].filter((id) => !NO_BLOB.test(id));
  const contents = await git.readBlobs(ids);
  const blob = new Map(ids.map((id, i) => [id, contents[i] ?? null]));

  const problems: EvidenceProblem[] = [];
  for (const c of commits) {
    const at = { commit: c.sha };
    const entryOf = (): IndexEntry | null => {
      for (const ch of c.changes) {
        if (ch.status !== 'A' || !isIndexPath(ch.path) || seqOfIndexPath(ch.path) === null) continue;
        const bytes = blob.get(ch.dst);
        if (bytes) return parseIndexEntry(bytes.toString('utf8'), ch.path).entry;
      }
      return null;
    };
    // What the decision records appended in this commit vouch for; read only when a rewrite needs it.
    const vouchedBy = async (): Promise<Map<string, Set<string>>> => {
      const appended: Record<string, unknown>[] = [];
      for (const ch of c.changes) {
        if (!logPaths.has(ch.path) || (ch.status !== 'A' && ch.status !== 'M')) continue;
        const [after, before] = await git.readBlobs(ch.status === 'M' ? [ch.dst, ch.src] : [ch.dst]);
        if (!after) continue;
        const tail =
          before && after.subarray(0, before.length).equals(before) ? after.subarray(before.length) : after;
        appended.push(...recordsIn(tail.toString('utf8'), ch.path));
      }
      return namedDigests(appended);
    };

    for (const ch of c.changes) {
      if (ch.dstMode === '120000') {
        problems.push(fileProblem(ch.path, 'was committed as a symbolic link', at));
        continue;
      }
      if (ch.dstMode === '160000') {
        problems.push(fileProblem(ch.path, 'was committed as a submodule', at));
        continue;
      }
      if (ch.status === 'D') {
        problems.push(
          fileProblem(
            ch.path,
            isIndexPath(ch.path)
              ? 'evidence index entry was deleted'
              : 'was deleted (a file on the evidence branch is never removed: this is a deletion, a rename, a move or a change of extension)',
            at,
          ),
        );
        continue;
      }
      if (ch.status === 'A') continue;
      if (isIndexPath(ch.path)) {
        problems.push(
          fileProblem(ch.path, 'evidence index entry was rewritten; entries are written once', at),
        );
        continue;
      }
      if (ch.status !== 'M') {
        problems.push(fileProblem(ch.path, `changed type (git status ${ch.status})`, at));
        continue;
      }
      if (!relevant(ch.path)) continue;
      const before = blob.get(ch.src);
      const after = blob.get(ch.dst);
      if (!before || !after) {
        problems.push(fileProblem(ch.path, 'a version of this file is missing from the repository', at));
        continue;
      }
      if (after.length >= before.length && after.subarray(0, before.length).equals(before)) continue;
      if (logPaths.has(ch.path)) {
        problems.push(rewrittenLog(ch.path, before, after, c.sha));
        continue;
      }
      const digest = sha256Bytes(after);
      const indexed = entryOf()?.files.some((f) => f.path === ch.path && f.sha256 === digest) ?? false;
      const recordOk =
        !namedByRecords.has(ch.path) || ((await vouchedBy()).get(ch.path)?.has(digest) ?? false);
      if (!indexed || !recordOk) {
        problems.push(
          fileProblem(
            ch.path,
            !indexed
              ? 'was rewritten (not appended to) without an evidence index entry naming its new content'
              : 'was rewritten (not appended to) without a decision record vouching for its new content',
            at,
          ),
        );
      }
    }
  }
  return { problems, commits: commits.length };
}

/** Names the first record a rewrite changed, the way the chain check names an edited record. */
function rewrittenLog(file: string, before: Buffer, after: Buffer, commit: string): EvidenceProblem {
  const old = recordsIn(before.toString('utf8'), file);
  const now = recordsIn(after.toString('utf8'), file);
  for (let i = 0; i < old.length; i++) {
    const a = old[i]!;
    const b = now[i];
    const phase = typeof a.phase === 'string' ? a.phase : null;
    if (b === undefined)
      return {
        file,
        recordIndex: i,
        phase,
        field: null,
        message: `was removed (the log had ${old.length} records, now ${now.length}); records are append-only`,
        commit,
      };
    if (canonicalJson(a as Json) !== canonicalJson(b as Json)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      const changed = keys.filter(
        (k) => canonicalJson((a[k] ?? null) as Json) !== canonicalJson((b[k] ?? null) as Json),
      );
      return {
        file,
        recordIndex: i,
        phase,
        field: changed[0] ?? null,
        message: `differs from the committed record (changed: ${changed.join(', ')}); records are append-only`,
        commit,
      };
    }
  }
  return fileProblem(file, 'was rewritten instead of appended to (decision logs are append-only)', {
    commit,
  });
}
