/**
 * The reusable workflow attests the sealed decision log: one step in the promote job, pinned to a commit, and
 * the signing permissions on that job only.
 */
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';

interface Job {
  permissions?: Record<string, string>;
  steps?: { name?: string; uses?: string; if?: string; with?: Record<string, string> }[];
}
const workflow = YAML.parse(readFileSync('.github/workflows/canary-release.yml', 'utf8')) as {
  jobs: Record<string, Job>;
};

describe('attestation of the sealed decision log', () => {
  it('is one SHA-pinned step of the promote job, attesting the digest the promote step reports', () => {
    const steps = workflow.jobs.promote!.steps!;
    const attest = steps.filter((s) => s.uses?.startsWith('actions/attest-build-provenance@'));
    expect(attest).toHaveLength(1);
    expect(attest[0]!.uses).toMatch(/^actions\/attest-build-provenance@[0-9a-f]{40}$/);
    expect(attest[0]!.with).toEqual({
      'subject-name': '${{ fromJSON(steps.promote.outputs.summary-json).decisionLog }}',
      'subject-digest': 'sha256:${{ fromJSON(steps.promote.outputs.summary-json).decisionLogSha256 }}',
    });
    expect(attest[0]!.if).toContain('!inputs.dry-run');
    // After the step that seals the log.
    expect(steps.indexOf(attest[0]!)).toBeGreaterThan(
      steps.findIndex((s) => s.name?.startsWith('Record GA')),
    );
  });

  it('grants id-token and attestations write to the promote job and to no other job', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const signing = ['id-token', 'attestations'].filter((p) => job.permissions?.[p] === 'write');
      expect([name, signing]).toEqual([name, name === 'promote' ? ['id-token', 'attestations'] : []]);
    }
  });
});
