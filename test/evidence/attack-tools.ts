/**
 * What an attacker with ordinary push access to the evidence branch does to cover an edit: recompute every
 * hash of a decision log and of the evidence index, so each chain is self-consistent again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  const indexDir = path.join(dir, INDEX_DIR);
  const names = readdirSync(indexDir).sort();
  const entries = names.map(
    (name) => JSON.parse(readFileSync(path.join(indexDir, name), 'utf8')) as IndexEntry,
  );
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
    writeFileSync(path.join(indexDir, names[i]!), `${JSON.stringify(entry, null, 1)}\n`);
  });
}

/** Adds the next index entry naming `files` with their current digests, exactly as a push would. */
export function addIndexEntry(dir: string, files: string[]): void {
  const indexDir = path.join(dir, INDEX_DIR);
  const last = readdirSync(indexDir).sort().at(-1)!;
  const previous = JSON.parse(readFileSync(path.join(indexDir, last), 'utf8')) as IndexEntry;
  const entry = buildIndexEntry(previous, {
    recordedAt: new Date('2026-05-17T08:00:00Z'),
    subject: 'evidence',
    files: files.map((f) => ({ path: f, sha256: sha(readFileSync(path.join(dir, f))) })),
    logs: [],
  });
  writeFileSync(path.join(dir, indexEntryPath(entry.seq)), serializeIndexEntry(entry));
}
