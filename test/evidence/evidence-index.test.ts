import { describe, expect, it } from 'vitest';
import {
  buildIndexEntry,
  checkIndexChain,
  entryShapeProblems,
  indexEntryPath,
  IndexEntrySchema,
  parseIndexEntry,
  serializeIndexEntry,
} from '../../src/evidence/evidence-index.js';

const first = buildIndexEntry(null, {
  recordedAt: new Date('2026-05-16T21:00:00Z'),
  subject: 'evidence(v1.4.0): preflight',
  files: [
    { path: 'evidence/1.4.0/preflight.txt', sha256: 'a'.repeat(64) },
    { path: 'evidence/1.4.0/freeze_window_start.txt', sha256: 'b'.repeat(64) },
  ],
  logs: [{ path: 'reports/release_decisions/d.yaml', version: '1.4.0', deployment_id: 'd' }],
});
const second = buildIndexEntry(first, {
  recordedAt: new Date('2026-05-16T21:15:00Z'),
  subject: 'evidence(v1.4.0): stage 1',
  files: [{ path: 'evidence/1.4.0/summary_stage_1.txt', sha256: 'c'.repeat(64) }],
  logs: [],
});

describe('evidence index', () => {
  it('numbers, sorts and chains entries; the same parts give the same bytes', () => {
    expect(first).toMatchObject({ seq: 0, prev_sha256: '0'.repeat(64) });
    expect(first.files.map((f) => f.path)).toEqual([
      'evidence/1.4.0/freeze_window_start.txt',
      'evidence/1.4.0/preflight.txt',
    ]);
    expect(second).toMatchObject({ seq: 1, prev_sha256: first.sha256 });
    expect(indexEntryPath(1)).toBe('reports/evidence_index/000000/00000001.json');
    expect(indexEntryPath(12345)).toBe('reports/evidence_index/000123/00012345.json');
    const text = serializeIndexEntry(second);
    expect(parseIndexEntry(text, indexEntryPath(1))).toEqual({ entry: second, problems: [] });
    const entries = [
      { file: indexEntryPath(0), entry: first },
      { file: indexEntryPath(1), entry: second },
    ];
    expect(checkIndexChain(entries)).toEqual([]);
  });

  it('names a removed, renamed or edited entry', () => {
    expect(checkIndexChain([{ file: indexEntryPath(1), entry: second }])[0]!.message).toMatch(
      /expected entry 0 here, found 1: entries before it were removed/,
    );
    expect(
      checkIndexChain([
        { file: indexEntryPath(0), entry: first },
        { file: indexEntryPath(2), entry: second },
      ])[0]!.message,
    ).toMatch(
      /entry 1 is stored as reports\/evidence_index\/000000\/00000002.json: it was renamed or copied/,
    );
    const edited = { ...second, subject: 'something else' };
    expect(
      checkIndexChain([
        { file: indexEntryPath(0), entry: first },
        { file: indexEntryPath(1), entry: edited },
      ]).map((p) => p.field),
    ).toEqual(['sha256']);
  });

  it('the hand-written shape check agrees with the schema', () => {
    const samples: unknown[] = [
      first,
      second,
      null,
      [],
      { ...first, extra: 1 },
      { ...first, seq: -1 },
      { ...first, seq: 1.5 },
      { ...first, recorded_at: 'yesterday' },
      { ...first, subject: 3 },
      { ...first, sha256: 'A'.repeat(64) },
      { ...first, prev_sha256: 'a'.repeat(63) },
      { ...first, files: {} },
      { ...first, files: [{ path: '', sha256: 'a'.repeat(64) }] },
      { ...first, files: [{ path: 'x', sha256: 'a'.repeat(64), more: 1 }] },
      { ...first, logs: [{ path: 'x', version: '1' }] },
    ];
    for (const sample of samples) {
      expect(entryShapeProblems(sample).length === 0).toBe(IndexEntrySchema.safeParse(sample).success);
    }
    expect(parseIndexEntry('{', 'f').problems[0]!.message).toMatch(/^not valid JSON/);
  });
});
