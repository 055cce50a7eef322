/**
 * The evidence index: one immutable entry file per commit the product makes on the evidence branch,
 * `reports/evidence_index/<seq>.json`, naming every file that commit wrote with its sha256 and the decision
 * logs it extended. Entries are hash-chained like decision records (`prev_sha256` -> the previous entry's
 * `sha256`), so the index finds every release's logs and every file, and removing, renaming or editing any of
 * them (or an entry) is a named failure. One file per entry keeps history checks linear: entries are only ever
 * added, so no commit rewrites a growing file.
 */
import { z } from 'zod';
import { canonicalJson, GENESIS_SHA256, sha256Hex, type Json } from './canonical.js';

export const INDEX_DIR = 'reports/evidence_index';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

export const FileDigestSchema = z.strictObject({ path: z.string().min(1), sha256: Sha256 });
export type FileDigest = z.output<typeof FileDigestSchema>;

export const IndexedLogSchema = z.strictObject({
  path: z.string().min(1),
  version: z.string().min(1),
  deployment_id: z.string().min(1),
});
export type IndexedLog = z.output<typeof IndexedLogSchema>;

export const IndexEntrySchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  recorded_at: z.iso.datetime({ offset: true }),
  /** The commit's subject line, so an entry can be matched to its commit by a reader. */
  subject: z.string(),
  files: z.array(FileDigestSchema),
  logs: z.array(IndexedLogSchema),
  prev_sha256: Sha256,
  sha256: Sha256,
});
export type IndexEntry = z.output<typeof IndexEntrySchema>;

export interface IndexProblem {
  file: string;
  field: string | null;
  message: string;
}

/** Entries per folder: git rewrites a folder's tree object on every commit that adds to it, so folders stay small. */
export const INDEX_SHARD_SIZE = 100;

/**
 * `reports/evidence_index/<seq / 100>/<seq>.json`, zero-padded so entries sort by name in the order they were
 * written. Sharded because a folder of 10,000 entries would make every commit's tree, and every history diff,
 * as large as the index.
 */
export function indexEntryPath(seq: number): string {
  const shard = String(Math.floor(seq / INDEX_SHARD_SIZE)).padStart(6, '0');
  return `${INDEX_DIR}/${shard}/${String(seq).padStart(8, '0')}.json`;
}

const ENTRY_NAME = new RegExp(`^${INDEX_DIR}/(\\d{6,})/(\\d{8,})\\.json$`);

export function isIndexPath(file: string): boolean {
  return file === INDEX_DIR || file.startsWith(`${INDEX_DIR}/`);
}

/** The sequence number an entry's file name claims, or null when the name is not an entry's (or in the wrong shard). */
export function seqOfIndexPath(file: string): number | null {
  const match = ENTRY_NAME.exec(file);
  if (!match) return null;
  const seq = Number(match[2]);
  return Number(match[1]) === Math.floor(seq / INDEX_SHARD_SIZE) ? seq : null;
}

export function indexEntryHash(entry: Omit<IndexEntry, 'sha256'> & { sha256?: string }): string {
  const { sha256: _ignored, ...rest } = entry;
  return sha256Hex(canonicalJson(rest as unknown as Json));
}

/** The entry following `previous` (null for the branch's first), sorted so the same commit gives the same bytes. */
export function buildIndexEntry(
  previous: IndexEntry | null,
  parts: { recordedAt: Date; subject: string; files: FileDigest[]; logs: IndexedLog[] },
): IndexEntry {
  const byPath = <T extends { path: string }>(a: T, b: T): number =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  const unhashed = {
    seq: previous ? previous.seq + 1 : 0,
    recorded_at: parts.recordedAt.toISOString(),
    subject: parts.subject,
    files: [...parts.files].sort(byPath),
    logs: [...parts.logs].sort(byPath),
    prev_sha256: previous ? previous.sha256 : GENESIS_SHA256,
  };
  return { ...unhashed, sha256: indexEntryHash(unhashed) };
}

export function serializeIndexEntry(entry: IndexEntry): string {
  return `${JSON.stringify(entry, null, 1)}\n`;
}

/** The entry in `text`, or the problems that make it unreadable. */
export function parseIndexEntry(
  text: string,
  file: string,
): { entry: IndexEntry; problems: [] } | { entry: null; problems: IndexProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      entry: null,
      problems: [{ file, field: null, message: `not valid JSON (${(error as Error).message})` }],
    };
  }
  const problems = entryShapeProblems(raw).map((p) => ({ file, ...p }));
  if (problems.length > 0) return { entry: null, problems };
  return { entry: raw as IndexEntry, problems: [] };
}

const HEX64 = /^[0-9a-f]{64}$/;
const ENTRY_KEYS = ['seq', 'recorded_at', 'subject', 'files', 'logs', 'prev_sha256', 'sha256'];

/**
 * IndexEntrySchema checked by hand: a branch holds one entry per commit, tens of thousands of them, and this
 * is an order of magnitude faster than the schema; test/evidence checks that both agree.
 */
export function entryShapeProblems(raw: unknown): { field: string | null; message: string }[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return [{ field: null, message: 'expected an object (an evidence index entry)' }];
  const e = raw as Record<string, unknown>;
  const out: { field: string | null; message: string }[] = [];
  for (const key of Object.keys(e))
    if (!ENTRY_KEYS.includes(key)) out.push({ field: key, message: 'is not a field of an index entry' });
  if (!Number.isInteger(e.seq) || (e.seq as number) < 0)
    out.push({ field: 'seq', message: 'expected a non-negative integer' });
  if (typeof e.recorded_at !== 'string' || Number.isNaN(Date.parse(e.recorded_at)))
    out.push({ field: 'recorded_at', message: 'expected an ISO timestamp' });
  if (typeof e.subject !== 'string') out.push({ field: 'subject', message: 'expected a string' });
  for (const key of ['prev_sha256', 'sha256'])
    if (typeof e[key] !== 'string' || !HEX64.test(e[key] as string))
      out.push({ field: key, message: 'expected 64 lowercase hex digits' });
  const list = (key: string, fields: Record<string, (v: unknown) => boolean>): void => {
    const value = e[key];
    if (!Array.isArray(value)) {
      out.push({ field: key, message: 'expected a list' });
      return;
    }
    value.forEach((item, i) => {
      const ok =
        item !== null &&
        typeof item === 'object' &&
        Object.keys(item as object).length === Object.keys(fields).length &&
        Object.entries(fields).every(([k, test]) => test((item as Record<string, unknown>)[k]));
      if (!ok) out.push({ field: `${key}.${i}`, message: `expected { ${Object.keys(fields).join(', ')} }` });
    });
  };
  const text = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
  list('files', { path: text, sha256: (v) => typeof v === 'string' && HEX64.test(v) });
  list('logs', { path: text, version: text, deployment_id: text });
  return out;
}

/**
 * Every problem of the chain: entries numbered 0..n-1 without a gap, each stored under its own number, each
 * hash matching its content and linking to the entry before. Entries must be given in file-name order.
 */
export function checkIndexChain(entries: { file: string; entry: IndexEntry }[]): IndexProblem[] {
  const problems: IndexProblem[] = [];
  let expectedPrev = GENESIS_SHA256;
  entries.forEach(({ file, entry }, position) => {
    if (seqOfIndexPath(file) !== entry.seq) {
      problems.push({
        file,
        field: 'seq',
        message: `entry ${entry.seq} is stored as ${file}: it was renamed or copied`,
      });
    }
    if (entry.seq !== position) {
      problems.push({
        file,
        field: 'seq',
        message: `expected entry ${position} here, found ${entry.seq}: entries before it were removed`,
      });
    }
    if (entry.prev_sha256 !== expectedPrev) {
      problems.push({
        file,
        field: 'prev_sha256',
        message: `does not link to the entry before (expected ${expectedPrev}, found ${entry.prev_sha256}): an entry was removed, inserted or rewritten`,
      });
    }
    const computed = indexEntryHash(entry);
    if (computed !== entry.sha256) {
      problems.push({
        file,
        field: 'sha256',
        message: `content does not match its hash (stored ${entry.sha256}, computed ${computed}): the entry was edited`,
      });
    }
    expectedPrev = entry.sha256;
  });
  return problems;
}
