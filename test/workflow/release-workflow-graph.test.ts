import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ran, runRelease, stepInput, workflow } from './release-scenarios.js';

const run = (n: number, failAt?: { job: string; result: 'failure' | 'cancelled' }) =>
  runRelease(n, failAt ? { [failAt.job]: { result: failAt.result } } : {});

describe('the reusable release workflow, walked as GitHub schedules it', () => {
  for (const n of [3, 5, 8]) {
    it(`a ${n}-stage plan runs its stages in order, each in its sign-off environment, then promotes`, () => {
      const runs = run(n);
      const order = ran(runs);
      const stageJobs = order.filter((id) => id.startsWith('stage-'));
      expect(stageJobs).toEqual(Array.from({ length: n }, (_, i) => `stage-${i + 1}`));
      for (let i = n + 1; i <= 8; i++) expect(runs.get(`stage-${i}`)!.result).toBe('skipped');
      for (let i = 1; i <= n; i++) {
        expect(runs.get(`stage-${i}`)!.environment).toBe(`env-${i}`);
        expect(runs.get(`stage-${i}`)!.timeoutMinutes).toBe(15 + 30 + 10); // duration + 2 holds of 15m + overhead
      }
      expect(order.indexOf('preflight')).toBeLessThan(order.indexOf('stage-1'));
      expect(order.indexOf('freeze-start')).toBeLessThan(order.indexOf('preflight'));
      expect(order.indexOf(`stage-${n}`)).toBeLessThan(order.indexOf('promote'));
      expect(order.slice(order.indexOf('promote'))).toEqual([
        'promote',
        'release-tag',
        'first-night',
        'mini-rca',
        'freeze-end',
      ]);
      expect(runs.get('first-night')!.environment).toBe('first-night');
      expect(runs.get('rollback')!.result).toBe('skipped');
    });
  }

  it('a failed stage 3 rolls back, skips the later stages, promotion and the tag, and still writes the RCA and lifts the freeze', () => {
    const runs = run(5, { job: 'stage-3', result: 'failure' });
    expect(
      ['stage-4', 'stage-5', 'promote', 'release-tag', 'first-night'].map((j) => runs.get(j)!.result),
    ).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(runs.get('rollback')!.result).toBe('success');
    expect(runs.get('mini-rca')!.result).toBe('success');
    expect(runs.get('freeze-end')!.result).toBe('success');
    const order = ran(runs);
    expect(order.indexOf('rollback')).toBeGreaterThan(order.indexOf('stage-3'));

    // The rollback step is told which stage failed and why (the gate's reason, or the job's result).
    const withReason = runRelease(5, {
      'stage-3': { result: 'failure', outputs: { reason: 'api_p95 hard: p95=612ms > 400ms' } },
    });
    expect(stepInput(withReason, 'rollback', 'rollback', 'stage')).toBe('s3');
    expect(stepInput(withReason, 'rollback', 'rollback', 'reason')).toBe('api_p95 hard: p95=612ms > 400ms');
  });

  it('a cancelled stage rolls back too', () => {
    const runs = run(8, { job: 'stage-2', result: 'cancelled' });
    expect(runs.get('rollback')!.result).toBe('success');
    expect(runs.get('promote')!.result).toBe('skipped');
  });

  it('a failed preflight never reaches a stage, and nothing is rolled back because no traffic moved', () => {
    const runs = run(3, { job: 'preflight', result: 'failure' });
    expect(runs.get('stage-1')!.result).toBe('skipped');
    expect(runs.get('promote')!.result).toBe('skipped');
    expect(runs.get('rollback')!.result).toBe('skipped');
    expect(runs.get('freeze-end')!.result).toBe('success');
  });

  it('guards: concurrency per repository, no workflow-level permissions, every job declares its own', () => {
    expect(workflow.concurrency.group).toContain('github.repository');
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
    expect(workflow.permissions).toEqual({});
    for (const [id, job] of Object.entries(workflow.jobs)) {
      expect(job.permissions, id).toBeDefined();
      expect(job['timeout-minutes'], id).toBeDefined();
    }
  });

  it('third-party actions are pinned by full commit SHA, one release per action across the project, and no run: script interpolates an expression', () => {
    const pins = new Map<string, Set<string>>();
    for (const file of readdirSync('.github/workflows')) {
      const text = readFileSync(`.github/workflows/${file}`, 'utf8');
      for (const m of text.matchAll(/^\s*-?\s*uses:\s*([^\s#]+)(.*)$/gm)) {
        const ref = m[1]!;
        if (ref.startsWith('./') || ref.includes('/.github/workflows/')) continue;
        expect(ref, `${file}: ${ref}`).toMatch(/@[0-9a-f]{40}$/);
        // The comment names the release the SHA is, so a reader (and Dependabot) can tell.
        expect(m[2], `${file}: ${ref}`).toMatch(/# v\d+\.\d+\.\d+/);
        const [action, sha] = ref.split('@') as [string, string];
        pins.set(action, (pins.get(action) ?? new Set()).add(`${sha}${m[2]!.trim()}`));
      }
    }
    for (const [action, shas] of pins) expect([...shas], action).toHaveLength(1);
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps ?? []) if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
    }
  });

  it('the committed workflow is what the generator writes', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['scripts/generate-release-workflow.mjs', '--check'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
  });
});
