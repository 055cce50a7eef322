/**
 * One release's check (`verify-evidence --version V` on a repository), in a time that does not grow with the
 * branch's other releases. The whole-branch check reads every index entry and diffs every commit; this one reads
 * only the release's own commits and what they wrote:
 *
 * 1. the commits whose subject names the release (`evidence(<tag>): ...`, as the product writes them) and the
 *    index entries they added; those that list a decision log of version V give its logs and files;
 * 2. each entry must still be the blob its commit added (never rewritten since), hash right, and link to the
 *    entries on either side of it;
 * 3. the release's own files (its logs, and what its entries wrote in folders named after it) must hold the digest
 *    the latest of its entries recorded, be present, not be links, and nothing unnamed may sit in those folders;
 * 4. its logs must verify, their records naming digests its entries recorded; its commits only added or appended.
 *
 * Subjects only locate commits: everything is checked against content. A commit that changed the release's files
 * under another subject leaves content its entries do not name, so it is found by digest; one that deleted a file
 * leaves it missing. A rewrite of the whole history is what the anchor (`--tag`/`--release`) is for. Other
 * releases' files, and files several releases rewrite (the freeze state), are the whole-branch check's. When no
 * commit names the release, the caller falls back to the whole-branch check.
 */
import type { GitCommandManager } from '../git/git-command-manager.js';
import { GENESIS_SHA256 } from './canonical.js';
import {
  indexEntryHash,
  indexEntryPath,
  INDEX_DIR,
  parseIndexEntry,
  seqOfIndexPath,
  type IndexEntry,
} from './evidence-index.js';
import { fileProblem, type EvidenceProblem } from './evidence-problem.js';
import type { TreeReader } from './evidence-tree.js';
import { readRawCommits, verifyHistory, type HistoryVerification } from './verify-history.js';
import {
  checkDecisionLogs,
  checkFileDigests,
  digestsOf,
  linkProblems,
  type TreeVerification,
} from './verify-tree.js';

export interface ReleaseVerification {
  tree: Pick<TreeVerification, 'problems' | 'logs' | 'records' | 'files' | 'indexEntries' | 'logRecords'>;
  history: HistoryVerification;
}

const SUBJECT = /^evidence\(([^)\n]*)\)/;

/** Whether a release tag such as `v1.4.0` or `spark-1.4.0` names `version` (and not `1.4.01` or `1.4.0-rc1`). */
export function tagNamesVersion(tag: string, version: string): boolean {
  for (let at = tag.indexOf(version); at >= 0; at = tag.indexOf(version, at + 1)) {
    const before = tag[at - 1];
    const after = tag[at + version.length];
    if (
      (before === undefined || !/[0-9.]/.test(before)) &&
      (after === undefined || !/[0-9A-Za-z.+-]/.test(after))
    )
      return true;
  }
  return false;
}

export async function verifyReleaseFromGit(
  git: GitCommandManager,
  ref: string,
  reader: TreeReader,
  version: string,
): Promise<ReleaseVerification | null> {
  const byPath = new Map(reader.files.map((f) => [f.path, f]));
  const problems: EvidenceProblem[] = [];

  // 1. The release's commits, by subject, with what each changed.
  const subjects = await git.exec(['log', '--first-parent', '--format=%H%x00%s', ref]);
  const tags = new Set<string>();
  const named: string[] = [];
  for (const line of subjects.stdout.split('\n')) {
    const [sha, subject] = line.split('\0');
    const tag = SUBJECT.exec(subject ?? '')?.[1];
    if (sha && tag !== undefined && tagNamesVersion(tag, version)) {
      named.push(sha);
      tags.add(tag);
    }
  }
  if (named.length === 0) return null;
  // Oldest first, as the history check reads them.
  const commits = (await readRawCommits(git, ['--no-walk=unsorted', ...named])).reverse();

  // 2. The entries those commits added, as the branch holds them now: unchanged since, and linked.
  const added = commits.flatMap((c) =>
    c.changes.filter((ch) => ch.status === 'A' && seqOfIndexPath(ch.path) !== null),
  );
  const entryFiles = added.flatMap((ch) =>
    byPath.get(ch.path)?.type === 'file' ? [byPath.get(ch.path)!] : [],
  );
  await reader.load(entryFiles);
  const entries = new Map<string, IndexEntry>();
  for (const ch of added) {
    const f = byPath.get(ch.path);
    if (!f || f.type !== 'file') {
      problems.push(
        fileProblem(ch.path, 'evidence index entry of this release is not on the branch as a file'),
      );
      continue;
    }
    if (f.blobId !== ch.dst)
      problems.push(
        fileProblem(
          ch.path,
          'evidence index entry was rewritten after the commit that wrote it; entries are written once',
        ),
      );
    const parsed = parseIndexEntry(f.bytes!.toString('utf8'), ch.path);
    if (parsed.entry) entries.set(ch.path, parsed.entry);
    else for (const x of parsed.problems) problems.push(fileProblem(ch.path, x.message, { field: x.field }));
  }
  const releaseEntries = [...entries.values()].filter((e) => e.logs.some((l) => l.version === version));
  if (releaseEntries.length === 0) return null;
  const read = [...entries].sort(([, a], [, b]) => a.seq - b.seq);
  const lastSeq = Math.max(-1, ...reader.files.map((f) => seqOfIndexPath(f.path) ?? -1));
  const aroundFiles = read
    .flatMap(([, e]) => [e.seq - 1, e.seq + 1])
    .filter((s) => s >= 0 && s <= lastSeq && !entries.has(indexEntryPath(s)))
    .flatMap((s) => {
      const f = byPath.get(indexEntryPath(s));
      return f?.type === 'file' ? [f] : [];
    });
  await reader.load(aroundFiles);
  const around = new Map<number, IndexEntry>();
  for (const f of aroundFiles) {
    const parsed = parseIndexEntry(f.bytes!.toString('utf8'), f.path).entry;
    if (parsed) around.set(seqOfIndexPath(f.path)!, parsed);
  }
  const entryAt = (seq: number): IndexEntry | undefined =>
    entries.get(indexEntryPath(seq)) ?? around.get(seq);
  for (const [file, entry] of read) problems.push(...chainLinks(file, entry, entryAt, lastSeq));

  // 3. The release's own files: its logs, and what its entries wrote in folders named after it.
  const ownDirs = new Set<string>();
  const ownPaths = new Set<string>();
  for (const e of releaseEntries) {
    for (const l of e.logs) if (l.version === version) ownPaths.add(l.path);
    for (const f of e.files) {
      const dir = f.path.slice(0, f.path.lastIndexOf('/'));
      if (!dir.split('/').some((segment) => segment === version || tags.has(segment))) continue;
      ownDirs.add(dir);
      ownPaths.add(f.path);
    }
  }
  const own = (file: string): boolean =>
    ownPaths.has(file) || ownDirs.has(file.slice(0, file.lastIndexOf('/')));
  const { latest, recorded, logsByPath } = digestsOf(read.map(([, e]) => e));
  const ownLatest = new Map([...latest].filter(([file]) => own(file)));
  const scope = reader.files.filter((f) => own(f.path));
  problems.push(...linkProblems(scope));
  await reader.load(scope);
  const digests = checkFileDigests(scope, ownLatest, byPath);
  problems.push(...digests.problems);

  // 4. Its decision logs, and its commits' changes.
  const selected = [...logsByPath.values()]
    .filter((l) => l.version === version)
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const logs = checkDecisionLogs(selected, byPath, recorded);
  problems.push(...logs.problems);
  if (logs.logs.length === 0)
    problems.push(fileProblem(INDEX_DIR, `the evidence index lists no decision log of version ${version}`));
  const history = await verifyHistory(git, Promise.resolve(commits), {
    logPaths: new Set(logsByPath.keys()),
    namedByRecords: logs.namedByRecords,
    onlyPaths: new Set(scope.map((f) => f.path)),
  });
  return {
    tree: {
      problems,
      logs: logs.logs,
      records: logs.records,
      files: digests.checked,
      indexEntries: read.map(([, e]) => e),
      logRecords: logs.logRecords,
    },
    history,
  };
}

/** An entry's place in the chain: stored under its number, hashing right, linked to the entries beside it. */
function chainLinks(
  file: string,
  entry: IndexEntry,
  entryAt: (seq: number) => IndexEntry | undefined,
  lastSeq: number,
): EvidenceProblem[] {
  const out: EvidenceProblem[] = [];
  if (seqOfIndexPath(file) !== entry.seq)
    out.push(
      fileProblem(file, `entry ${entry.seq} is stored as ${file}: it was renamed or copied`, {
        field: 'seq',
      }),
    );
  const computed = indexEntryHash(entry);
  if (computed !== entry.sha256)
    out.push(
      fileProblem(
        file,
        `content does not match its hash (stored ${entry.sha256}, computed ${computed}): the entry was edited`,
        { field: 'sha256' },
      ),
    );
  const expectedPrev = entry.seq === 0 ? GENESIS_SHA256 : entryAt(entry.seq - 1)?.sha256;
  if (expectedPrev === undefined)
    out.push(
      fileProblem(
        file,
        `entry ${entry.seq - 1}, the one before, is missing or unreadable: entries were removed`,
        {
          field: 'prev_sha256',
        },
      ),
    );
  else if (entry.prev_sha256 !== expectedPrev)
    out.push(
      fileProblem(
        file,
        `does not link to the entry before (expected ${expectedPrev}, found ${entry.prev_sha256}): an entry was removed, inserted or rewritten`,
        { field: 'prev_sha256' },
      ),
    );
  if (entry.seq < lastSeq) {
    const after = entryAt(entry.seq + 1);
    if (!after)
      out.push(
        fileProblem(
          file,
          `entry ${entry.seq + 1}, the one after, is missing or unreadable: entries were removed`,
        ),
      );
    else if (after.prev_sha256 !== entry.sha256)
      out.push(
        fileProblem(
          indexEntryPath(entry.seq + 1),
          `does not link to the entry before (expected ${entry.sha256}, found ${after.prev_sha256}): an entry was removed, inserted or rewritten`,
          { field: 'prev_sha256' },
        ),
      );
  }
  return out;
}
