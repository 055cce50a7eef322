import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  appendDecision,
  checkDecisionChain,
  GENESIS_SHA256,
  parseDecisionLog,
  readDecisionLog,
  recordHash,
} from '../../src/evidence/decision-log.js';
import { EvidenceChainError, EvidenceSealedError } from '../../src/evidence/errors.js';
import { ConfigurationError } from '../../src/config/errors.js';
import { fixedClock } from '../git/helpers.js';
import { decision } from './fixtures.js';

const clock = fixedClock('2026-05-16T21:30:00.000Z');

function logOf(...phases: string[]): string {
  return phases.reduce<string | null>(
    (text, phase) => appendDecision(text, decision(phase), clock, 'd.yaml'),
    null,
  )!;
}

describe('decision log', () => {
  it('chains records: genesis, then each prev_sha256 is the previous sha256, each sha256 its canonical hash', () => {
    const records = readDecisionLog(logOf('preflight', 'stage:pilot', 'promote'));
    expect(records).toHaveLength(3);
    expect(records[0]!.prev_sha256).toBe(GENESIS_SHA256);
    expect(records[1]!.prev_sha256).toBe(records[0]!.sha256);
    expect(records[2]!.prev_sha256).toBe(records[1]!.sha256);
    for (const r of records) expect(r.sha256).toBe(recordHash(r as unknown as Record<string, unknown>));
    expect(records[0]).toMatchObject({
      approver: 'jane-doe',
      recorded_at: '2026-05-16T21:30:00.000Z',
      metrics_snapshot: { tiny: 1e-8 },
    });
  });

  it('appends text: earlier bytes are kept, so each commit of the log is a pure append', () => {
    const two = logOf('preflight', 'stage:pilot');
    const three = appendDecision(two, decision('promote'), clock, 'd.yaml');
    expect(three.startsWith(two)).toBe(true);
  });

  it('the same inputs give the same bytes', () => {
    expect(logOf('preflight', 'stage:pilot')).toBe(logOf('preflight', 'stage:pilot'));
  });

  it('a re-run appending the same decision again leaves the log unchanged', () => {
    const once = logOf('preflight');
    expect(appendDecision(once, decision('preflight'), fixedClock('2026-05-17T00:00:00Z'), 'd.yaml')).toBe(
      once,
    );
  });

  it('is sealed after a ga record: a later write throws EvidenceSealedError naming the file', () => {
    const sealed = logOf('preflight', 'promote', 'ga');
    expect(() =>
      appendDecision(sealed, decision('rollback', { decision: 'ROLLBACK' }), clock, 'reports/x.yaml'),
    ).toThrow(EvidenceSealedError);
    expect(() => appendDecision(sealed, decision('rollback'), clock, 'reports/x.yaml')).toThrow(
      /reports\/x\.yaml: the decision log is sealed \(record 2 has phase "ga"\)/,
    );
  });

  it('refuses to extend a broken chain', () => {
    const text = logOf('preflight', 'stage:pilot').replace(
      'reason: "preflight: 4/4 guardrails pass"',
      'reason: "edited"',
    );
    expect(text).toContain('edited');
    expect(() => appendDecision(text, decision('promote'), clock, 'd.yaml')).toThrow(EvidenceChainError);
  });

  it('rejects a bad record naming the field', () => {
    const bad = decision('preflight', { start_timestamp: 'yesterday' });
    expect(() => appendDecision(null, bad, clock, 'd.yaml')).toThrow(ConfigurationError);
    expect(() => appendDecision(null, bad, clock, 'd.yaml')).toThrow(/decision\.start_timestamp/);
    expect(() => appendDecision(null, decision(''), clock, 'd.yaml')).toThrow(/decision\.phase/);
  });

  it('rejects a record for another deployment in the same log', () => {
    const text = logOf('preflight');
    expect(() =>
      appendDecision(text, decision('promote', { deployment_id: 'other' }), clock, 'd.yaml'),
    ).toThrow(/decision\.deployment_id/);
  });

  describe('tampering', () => {
    const text = logOf('preflight', 'stage:pilot', 'promote', 'ga');
    const original = parseDecisionLog(text) as Record<string, unknown>[];
    const fields = Object.keys(original[0]!);

    it('an untouched log has no problems', () => {
      expect(checkDecisionChain(original)).toEqual([]);
    });

    for (const field of fields) {
      for (const index of [0, 1, 3]) {
        it(`editing ${field} of record ${index} is reported at record ${index}`, () => {
          const records = structuredClone(original);
          const r = records[index]!;
          const value = r[field];
          r[field] =
            typeof value === 'string'
              ? field.endsWith('sha256')
                ? 'f'.repeat(64)
                : `${value}x`
              : typeof value === 'object' && value !== null && !Array.isArray(value)
                ? { ...(value as object), injected: 1 }
                : Array.isArray(value)
                  ? [...value, 'x']
                  : 'changed';
          const problems = checkDecisionChain(YAML.parse(YAML.stringify(records)) as unknown[]);
          expect(problems.length).toBeGreaterThan(0);
          expect(problems[0]!.recordIndex).toBe(index);
        });
      }
    }

    it('deleting a record is reported at the record that follows it', () => {
      const records = structuredClone(original);
      records.splice(1, 1);
      const problems = checkDecisionChain(records);
      expect(problems[0]).toMatchObject({ recordIndex: 1, field: 'prev_sha256' });
    });

    it('deleting the first record is reported at the new first record', () => {
      const problems = checkDecisionChain(structuredClone(original).slice(1));
      expect(problems[0]).toMatchObject({ recordIndex: 0, field: 'prev_sha256' });
    });

    it('reordering two records is reported at the first of them', () => {
      const records = structuredClone(original);
      [records[1], records[2]] = [records[2]!, records[1]!];
      expect(checkDecisionChain(records)[0]).toMatchObject({ recordIndex: 1, field: 'prev_sha256' });
    });

    it('a record after ga is reported even with a valid link and hash', () => {
      const records = structuredClone(original);
      const extra: Record<string, unknown> = {
        ...records[3]!,
        phase: 'rollback',
        prev_sha256: records[3]!.sha256,
      };
      extra.sha256 = recordHash(extra);
      records.push(extra);
      expect(checkDecisionChain(records)[0]).toMatchObject({ recordIndex: 4, field: 'phase' });
    });
  });
});
