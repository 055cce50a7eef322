/**
 * What an attacker with ordinary push access to the evidence branch does to cover an edit: recompute every
 * hash of a decision log and of the evidence index, so each chain is self-consistent again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { recordHash } from '../../src/evidence/decision-log.js';
import {
  buildIndexEntry,
  indexEntryHash,
  indexEntryPath,
  INDEX_DIR,
  serializeIndexEntry,
  type IndexEntry,
} from '../../src/evidence/evidence-index.js';

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Edits a log's records, then re-links and re-hashes every record so the chain alone verifies. */
export function rewriteLog(
  dir: string,
  log: string,
  edit: (records: Record<string, unknown>[]) => void,
): void {
  const file = path.join(dir, log);
  const records = YAML.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
  edit(records);
  records.forEach((r, i) => {
    r.prev_sha256 = i === 0 ? '0'.repeat(64) : records[i - 1]!.sha256;
    r.sha256 = recordHash(r);
  });
  writeFileSync(file, YAML.stringify(records, { lineWidth: 0 }));
}

/**
 * Re-points index entries at renamed paths, drops names of files that are gone, gives each file's latest entry
 * its current digest, and re-chains the entries: the index then agrees with the tree.
 */
export function rehashIndex(dir: string, renames: Record<string, string> = {}): void {
  const names = entryFiles(dir);
  const entries = names.map((name) => JSON.parse(readFileSync(name, 'utf8')) as IndexEntry);
  const latest = new Map<string, IndexEntry>();
  for (const entry of entries) {
    entry.files = entry.files
      .map((f) => ({ ...f, path: renames[f.path] ?? f.path }))
      .filter((f) => existsSync(path.join(dir, f.path)));
    entry.logs = entry.logs.map((l) => ({ ...l, path: renames[l.path] ?? l.path }));
    for (const f of entry.files) latest.set(f.path, entry);
  }
  for (const [file, entry] of latest) {
    entry.files = entry.files.map((f) =>
      f.path === file ? { path: f.path, sha256: sha(readFileSync(path.join(dir, f.path))) } : f,
    );
  }
  let previous = '0'.repeat(64);
  entries.forEach((entry, i) => {
    entry.prev_sha256 = previous;
    entry.sha256 = indexEntryHash(entry);
    previous = entry.sha256;
    writeFileSync(names[i]!, `${JSON.stringify(entry, null, 1)}\n`);
  });
}

/** Adds the next index entry naming `files` with their current digests, exactly as a push would. */
export function addIndexEntry(dir: string, files: string[]): void {
  const previous = JSON.parse(readFileSync(entryFiles(dir).at(-1)!, 'utf8')) as IndexEntry;
  const entry = buildIndexEntry(previous, {
    recordedAt: new Date('2026-05-17T08:00:00Z'),
    subject: 'evidence',
    files: files.map((f) => ({ path: f, sha256: sha(readFileSync(path.join(dir, f))) })),
    logs: [],
  });
  mkdirSync(path.dirname(path.join(dir, indexEntryPath(entry.seq))), { recursive: true });
  writeFileSync(path.join(dir, indexEntryPath(entry.seq)), serializeIndexEntry(entry));
}

/** Every index entry file of a checkout, oldest first. */
function entryFiles(dir: string): string[] {
  const root = path.join(dir, INDEX_DIR);
  return readdirSync(root)
    .sort()
    .flatMap((shard) =>
      readdirSync(path.join(root, shard))
        .sort()
        .map((name) => path.join(root, shard, name)),
    );
}
