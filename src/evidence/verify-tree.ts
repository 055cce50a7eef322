/**
 * The checks that need only the branch's files: no links, the evidence index's chain, every file named by the
 * index with the digest it has, every file the index names present, and every decision log the index lists
 * intact, its records' digests matching what the index recorded for those files.
 */
import { sha256Bytes } from './canonical.js';
import { checkDecisionChain, parseDecisionLog, SEALING_PHASE } from './decision-log.js';
import {
  checkIndexChain,
  INDEX_DIR,
  isIndexPath,
  parseIndexEntry,
  seqOfIndexPath,
  type IndexedLog,
  type IndexEntry,
} from './evidence-index.js';
import { fileProblem, type EvidenceProblem } from './evidence-problem.js';
import type { TreeFile, TreeReader } from './evidence-tree.js';
import { EvidenceChainError } from './errors.js';

export interface VerifiedLog {
  file: string;
  version: string;
  deployment_id: string;
  records: number;
  sealed: boolean;
  /** The `ga` record's sha256 (the release's anchor), null while the log is open. */
  gaSha256: string | null;
  /** Commits of the branch that were checked for this log (0 without git history). */
  commitsChecked: number;
}

export interface TreeVerification {
  problems: EvidenceProblem[];
  logs: VerifiedLog[];
  records: number;
  /** Files whose content was checked against a recorded digest. */
  files: number;
  indexEntries: IndexEntry[];
  /** Every log the index lists (whatever the version filter), so history treats them as append-only. */
  allLogs: IndexedLog[];
  /** Files a decision record of the checked logs vouches for: rewriting one needs a new record. */
  namedByRecords: Set<string>;
  /** Paths whose content was checked (all files, or one release's): history reads only these. */
  checkedPaths: Set<string> | null;
  /** The checked logs' records as read, for the cross-check with GitHub. */
  logRecords: { file: string; records: unknown[] }[];
}

function phaseOf(record: unknown): string | null {
  const phase = record && typeof record === 'object' ? (record as Record<string, unknown>).phase : undefined;
  return typeof phase === 'string' ? phase : null;
}

export async function verifyTree(reader: TreeReader, version: string | undefined): Promise<TreeVerification> {
  const files = reader.files;
  const problems: EvidenceProblem[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));

  problems.push(...linkProblems(files));

  // ---- the index ----
  const indexFiles = files.filter((f) => isIndexPath(f.path));
  await reader.load(indexFiles);
  const entries: { file: string; entry: IndexEntry }[] = [];
  for (const f of indexFiles) {
    if (f.type !== 'file') continue;
    if (seqOfIndexPath(f.path) === null) {
      problems.push(
        fileProblem(f.path, `is not an evidence index entry (${INDEX_DIR}/<seq / 100>/<8-digit seq>.json)`),
      );
      continue;
    }
    const parsed = parseIndexEntry(f.bytes!.toString('utf8'), f.path);
    if (parsed.entry) entries.push({ file: f.path, entry: parsed.entry });
    else for (const p of parsed.problems) problems.push(fileProblem(f.path, p.message, { field: p.field }));
  }
  entries.sort((a, b) => a.entry.seq - b.entry.seq || (a.file < b.file ? -1 : 1));
  for (const p of checkIndexChain(entries)) problems.push(fileProblem(p.file, p.message, { field: p.field }));
  if (entries.length === 0 && files.some((f) => !isIndexPath(f.path))) {
    problems.push(
      fileProblem(
        INDEX_DIR,
        'the branch has files but no evidence index: nothing vouches for them (a branch written before the index existed, or one the index was removed from)',
      ),
    );
  }

  const { latest, recorded, logsByPath } = digestsOf(entries.map((e) => e.entry));

  const selected = [...logsByPath.values()]
    .filter((l) => version === undefined || l.version === version)
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  // One release: the contents of its logs and of every file the commits extending them wrote.
  let checkedPaths: Set<string> | null = null;
  if (version !== undefined) {
    const mine = new Set(selected.map((l) => l.path));
    checkedPaths = new Set(mine);
    for (const { entry } of entries)
      if (entry.logs.some((l) => mine.has(l.path))) for (const f of entry.files) checkedPaths.add(f.path);
  }
  await reader.load(
    files.filter((f) => !isIndexPath(f.path) && (checkedPaths === null || checkedPaths.has(f.path))),
  );

  const digests = checkFileDigests(files, latest, byPath);
  problems.push(...digests.problems);
  const checkedFiles = digests.checked;

  // ---- the decision logs the index lists ----
  const checked = checkDecisionLogs(selected, byPath, recorded);
  problems.push(...checked.problems);

  return {
    problems,
    logs: checked.logs,
    records: checked.records,
    files: checkedFiles,
    indexEntries: entries.map((e) => e.entry),
    allLogs: [...logsByPath.values()],
    namedByRecords: checked.namedByRecords,
    checkedPaths,
    logRecords: checked.logRecords,
  };
}

export interface DecisionLogsCheck {
  problems: EvidenceProblem[];
  logs: VerifiedLog[];
  records: number;
  namedByRecords: Set<string>;
  logRecords: { file: string; records: unknown[] }[];
}

/**
 * The decision logs the index lists: each one's hash chain, the release it belongs to, and every file its
 * records name present with a digest the index recorded for that file.
 */
export function checkDecisionLogs(
  selected: IndexedLog[],
  byPath: Map<string, TreeFile>,
  recorded: Map<string, Set<string>>,
): DecisionLogsCheck {
  const problems: EvidenceProblem[] = [];
  const logs: VerifiedLog[] = [];
  const readRecords: { file: string; records: unknown[] }[] = [];
  const namedByRecords = new Set<string>();
  let records = 0;
  for (const log of selected) {
    const f = byPath.get(log.path);
    if (!f || f.type !== 'file') continue; // reported above as missing or as a link
    let parsed: unknown[];
    try {
      parsed = parseDecisionLog(f.bytes!.toString('utf8'), log.path);
    } catch (error) {
      const e = error as EvidenceChainError;
      problems.push(fileProblem(log.path, e.detail ?? e.message));
      continue;
    }
    records += parsed.length;
    readRecords.push({ file: log.path, records: parsed });
    for (const p of checkDecisionChain(parsed, log.path)) {
      problems.push({ ...p, phase: p.recordIndex === null ? null : phaseOf(parsed[p.recordIndex]) });
    }
    const first = parsed[0] as Record<string, unknown> | undefined;
    if (first && (first.version !== log.version || first.deployment_id !== log.deployment_id)) {
      problems.push(
        fileProblem(
          log.path,
          `the evidence index lists this log for ${log.deployment_id} (version ${log.version}) but it holds ${String(first.deployment_id)} (version ${String(first.version)})`,
        ),
      );
    }
    parsed.forEach((raw, index) => {
      const named = (raw as Record<string, unknown> | null)?.evidence_files;
      if (!Array.isArray(named)) return;
      for (const item of named) {
        const add = (message: string): void => {
          problems.push({
            file: log.path,
            recordIndex: index,
            phase: phaseOf(raw),
            field: 'evidence_files',
            message,
          });
        };
        if (typeof item === 'string') {
          add(`names ${item} without its sha256, so the record does not vouch for the file's content`);
          continue;
        }
        const { path: file, sha256 } = (item ?? {}) as { path?: string; sha256?: string };
        if (file) namedByRecords.add(file);
        if (!file || !byPath.has(file)) add(`names ${file}, which is not in the evidence tree`);
        else if (!recorded.get(file)?.has(sha256 ?? ''))
          add(
            `names ${file} with sha256 ${sha256}, which the evidence index never recorded for that file: the file or the record was replaced`,
          );
      }
    });
    const ga = parsed.find((r) => phaseOf(r) === SEALING_PHASE) as Record<string, unknown> | undefined;
    logs.push({
      file: log.path,
      version: log.version,
      deployment_id: log.deployment_id,
      records: parsed.length,
      sealed: ga !== undefined,
      gaSha256: typeof ga?.sha256 === 'string' ? ga.sha256 : null,
      commitsChecked: 0,
    });
  }

  return { problems, logs, records, namedByRecords, logRecords: readRecords };
}

/** What the entries say, in seq order: each path's latest digest, every digest ever recorded for it, and the logs. */
export function digestsOf(entries: IndexEntry[]): {
  latest: Map<string, { sha256: string; seq: number }>;
  recorded: Map<string, Set<string>>;
  logsByPath: Map<string, IndexedLog>;
} {
  const latest = new Map<string, { sha256: string; seq: number }>();
  const recorded = new Map<string, Set<string>>();
  const logsByPath = new Map<string, IndexedLog>();
  for (const entry of entries) {
    for (const f of entry.files) {
      latest.set(f.path, { sha256: f.sha256, seq: entry.seq });
      if (!recorded.has(f.path)) recorded.set(f.path, new Set());
      recorded.get(f.path)!.add(f.sha256);
    }
    for (const log of entry.logs) if (!logsByPath.has(log.path)) logsByPath.set(log.path, log);
  }
  return { latest, recorded, logsByPath };
}

/**
 * Every regular file of `files` named with the digest it holds (a file whose bytes were not loaded is checked by
 * name only), and every named file present.
 */
export function checkFileDigests(
  files: TreeFile[],
  latest: Map<string, { sha256: string; seq: number }>,
  byPath: Map<string, TreeFile>,
): { problems: EvidenceProblem[]; checked: number } {
  const problems: EvidenceProblem[] = [];
  let checked = 0;
  for (const f of files) {
    if (f.type !== 'file' || isIndexPath(f.path)) continue;
    const expected = latest.get(f.path);
    if (!expected) {
      problems.push(
        fileProblem(
          f.path,
          'is not named by the evidence index: no record vouches for this file (added by hand, or a renamed, moved or re-extensioned file)',
        ),
      );
      continue;
    }
    if (f.bytes === null) continue; // another release's file: only its name is checked
    checked++;
    const actual = sha256Bytes(f.bytes);
    if (actual !== expected.sha256) {
      problems.push(
        fileProblem(
          f.path,
          `content does not match the sha256 recorded by evidence index entry ${expected.seq} (recorded ${expected.sha256}, found ${actual}): the file was edited`,
          { field: 'sha256' },
        ),
      );
    }
  }
  for (const [file, expected] of latest) {
    if (!byPath.has(file)) {
      problems.push(
        fileProblem(
          file,
          `is named by evidence index entry ${expected.seq} but is not on the branch: it was deleted, renamed or moved`,
        ),
      );
    }
  }
  return { problems, checked };
}

/** Nothing on the branch may be a link, a submodule or a special file. */
export function linkProblems(files: TreeFile[]): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  for (const f of files) {
    if (f.type === 'symlink')
      problems.push(
        fileProblem(
          f.path,
          `is a symbolic link (-> ${f.linkTarget}); nothing on the evidence branch may be a link, it would redirect writes and reads outside the branch`,
        ),
      );
    else if (f.type === 'other')
      problems.push(fileProblem(f.path, 'is neither a file nor a directory (a submodule or a special file)'));
  }
  return problems;
}
