/**
 * Every way a release can end, walked through the reusable workflow with GitHub's expression engine: which jobs
 * run, whether a mini-RCA explains the outcome (and which outcome it is told), and whether traffic left on the
 * canary always reaches the rollback job.
 */
import { describe, expect, it } from 'vitest';
import { ran, runRelease, stepInput, workflow, type JobOutcome } from './release-scenarios.js';

const failure: JobOutcome = { result: 'failure' };
const rollbackAt = (stage: number): Record<string, JobOutcome> => ({
  [`stage-${stage}`]: {
    result: 'failure',
    outputs: { decision: 'ROLLBACK', reason: `api_p95 hard at stage ${stage}` },
  },
});

interface Scenario {
  name: string;
  stages: number;
  outcomes: Record<string, JobOutcome>;
  cancelledAt?: string;
  /** What the mini-RCA is told; every scenario here has a decision record. */
  outcome: 'promoted' | 'rolled-back' | 'rollback-failed' | 'first-night-failed' | 'release-tag-failed';
  rollback: boolean;
}

const scenarios: Scenario[] = [
  ...[3, 5, 8].map((n): Scenario => ({
    name: `promoted, ${n} stages`,
    stages: n,
    outcomes: {},
    outcome: 'promoted',
    rollback: false,
  })),
  ...[1, 3, 5].map((n): Scenario => ({
    name: `rollback at stage ${n} of 5`,
    stages: 5,
    outcomes: rollbackAt(n),
    outcome: 'rolled-back',
    rollback: true,
  })),
  {
    // A rejected deployment review fails the job before any step runs: no gate output at all.
    name: 'approval rejected at stage 2',
    stages: 5,
    outcomes: { 'stage-2': failure },
    outcome: 'rolled-back',
    rollback: true,
  },
  {
    name: 'run cancelled during stage 3',
    stages: 5,
    outcomes: { 'stage-3': { result: 'cancelled' } },
    cancelledAt: 'stage-3',
    outcome: 'rolled-back',
    rollback: true,
  },
  {
    name: 'first night failed',
    stages: 5,
    outcomes: { 'first-night': { result: 'failure', outputs: {} } },
    outcome: 'first-night-failed',
    rollback: false,
  },
  {
    name: 'rollback failed',
    stages: 3,
    outcomes: { ...rollbackAt(2), rollback: failure },
    outcome: 'rollback-failed',
    rollback: true,
  },
  {
    name: 'promote failed',
    stages: 5,
    outcomes: { promote: { result: 'failure', outputs: { reason: 'silence: Alertmanager refused' } } },
    outcome: 'rolled-back',
    rollback: true,
  },
  {
    name: 'release tag failed',
    stages: 3,
    outcomes: { 'release-tag': failure },
    outcome: 'release-tag-failed',
    rollback: false,
  },
];

describe('every outcome with a decision record gets a mini-RCA that says which', () => {
  for (const s of scenarios) {
    it(s.name, () => {
      const runs = runRelease(s.stages, s.outcomes, s.cancelledAt);
      expect(runs.get('mini-rca')!.result, 'mini-rca').toBe('success');
      expect(stepInput(runs, 'mini-rca', 'mini-rca', 'run-outcome')).toBe(s.outcome);
      expect(runs.get('rollback')!.result !== 'skipped', 'rollback ran').toBe(s.rollback);
      expect(runs.get('freeze-end')!.result, 'freeze-end').toBe('success');
      const order = ran(runs);
      expect(order.indexOf('mini-rca')).toBeGreaterThan(
        Math.max(...['rollback', 'first-night', 'release-tag'].map((j) => order.indexOf(j))),
      );
      expect(order.at(-1)).toBe('freeze-end');
    });
  }

  it('a promoted release with 3, 5 and 8 stages reaches release-tag, first-night and mini-RCA despite the skipped slots', () => {
    for (const n of [3, 5, 8]) {
      const runs = runRelease(n);
      for (const job of ['promote', 'release-tag', 'first-night', 'mini-rca'])
        expect(runs.get(job)!.result, `${n} stages: ${job}`).toBe('success');
    }
  });

  it('a failed preflight moved no traffic and decided nothing: no rollback, no mini-RCA, the freeze lifts', () => {
    const runs = runRelease(3, { preflight: failure });
    expect(runs.get('rollback')!.result).toBe('skipped');
    expect(runs.get('mini-rca')!.result).toBe('skipped');
    expect(runs.get('freeze-end')!.result).toBe('success');
  });
});

describe('traffic left on the canary always reaches the rollback job', () => {
  it('a failed promote is rolled back, named as the promote step with its reason', () => {
    const runs = runRelease(5, {
      promote: { result: 'failure', outputs: { reason: 'silence: Alertmanager refused' } },
    });
    expect(runs.get('rollback')!.result).toBe('success');
    expect(runs.get('release-tag')!.result).toBe('skipped');
    expect(stepInput(runs, 'rollback', 'rollback', 'stage')).toBe('promote');
    expect(stepInput(runs, 'rollback', 'rollback', 'reason')).toBe('silence: Alertmanager refused');
  });

  it('a rejected approval is rolled back with a reason that says no gate decided', () => {
    const runs = runRelease(5, { 'stage-2': failure });
    expect(stepInput(runs, 'rollback', 'rollback', 'stage')).toBe('s2');
    expect(stepInput(runs, 'rollback', 'rollback', 'reason')).toBe(
      'stage-2 job failure without a gate decision',
    );
  });

  it('promote, rollback and first night run on the plan runner; every job after the stage slots states its condition', () => {
    const runs = runRelease(3);
    for (const job of ['promote', 'first-night']) {
      expect(workflow.jobs[job]!['runs-on']).toBe('${{ fromJSON(needs.plan.outputs.runner) }}');
      expect(runs.get(job)!.result).toBe('success');
    }
    expect(workflow.jobs['rollback']!['runs-on']).toBe('${{ fromJSON(needs.plan.outputs.runner) }}');
    for (const job of ['rollback', 'promote', 'release-tag', 'first-night', 'mini-rca', 'freeze-end']) {
      const cond = workflow.jobs[job]!.if ?? '';
      expect(cond, job).toMatch(/^\$\{\{ always\(\) && /);
    }
  });
});
