/** Decision records pass the run's masker before they are hashed, so a masked record still verifies. */
import { describe, expect, it } from 'vitest';
import { appendDecision, checkDecisionChain, parseDecisionLog } from '../../src/evidence/decision-log.js';
import { registerSecret } from '../../src/secrets/masker.js';

describe('decision records and the masker', () => {
  it('a record quoting a secret is written masked and its chain verifies', () => {
    const token = 'ghs-FAKE-record-token-7a8b9c';
    registerSecret(token);
    const text = appendDecision(
      null,
      {
        version: '1.4.0',
        deployment_id: 'run-4242',
        phase: 'rollback',
        decision: 'ROLLBACK',
        reason: `scale-down printed ${token}`,
        start_timestamp: '2026-11-20T10:15:00.000Z',
        traffic_share: 0,
        metrics_snapshot: { note: token },
        notes: `stage quarter; ${token}`,
        run_url: null,
        evidence_files: [],
      },
      { now: () => new Date('2026-11-20T10:15:01Z') },
    );
    expect(text).not.toContain(token);
    expect(text).toContain('scale-down printed ***');
    expect(checkDecisionChain(parseDecisionLog(text))).toEqual([]);
  });
});
