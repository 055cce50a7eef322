import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePlan } from '../../src/config/index.js';
import { firstNightEnvironment, normaliseRunner, stageSlots } from '../../src/plan/slots.js';
import { walkJobs, type JobRun } from './job-graph.js';
import { interpolate } from './expressions.js';

const workflow = parse(readFileSync('.github/workflows/canary-release.yml', 'utf8'));
const reference = readFileSync('test/fixtures/reference-plan.yml', 'utf8');

/** The reference plan with N stages of rising traffic, each in its own environment. */
function planWithStages(n: number) {
  const weights = [1, 2, 5, 10, 25, 50, 75, 100].slice(8 - n);
  const stages = weights
    .map(
      (w, i) =>
        `  - { name: s${i + 1}, traffic: ${w}, duration: 15m, interval: 2m, environment: env-${i + 1}, guardrails: [api_p95, error_rate] }`,
    )
    .join('\n');
  const text = reference.replace(/^stages:\n(?: {2}- .*\n)+/m, `stages:\n${stages}\n`);
  return parsePlan(text);
}

function planOutputs(n: number) {
  const plan = planWithStages(n);
  return {
    'stage-count': String(plan.stages.length),
    slots: JSON.stringify(stageSlots(plan)),
    runner: normaliseRunner('["self-hosted","prod"]'),
    'first-night-environment': firstNightEnvironment(plan),
    stages: '[]',
    tag: 'v1.4.0',
    'evidence-dir': 'evidence/1.4.0',
  };
}

function run(n: number, failAt?: { job: string; result: 'failure' | 'cancelled' }) {
  const outputs = planOutputs(n);
  return walkJobs(
    workflow.jobs,
    { inputs: { version: '1.4.0', config: '.github/canary.yml', 'dry-run': false }, github: { run_id: '1' } },
    (id) => {
      if (failAt?.job === id) return { result: failAt.result };
      if (id === 'plan') return { result: 'success', outputs };
      return {
        result: 'success',
        outputs: id === 'promote' ? { decision: 'PROMOTED' } : ({} as Record<string, string>),
      };
    },
  );
}

const ran = (runs: Map<string, JobRun>) =>
  [...runs.values()]
    .filter((r) => r.result !== 'skipped')
    .sort((a, b) => a.order - b.order)
    .map((r) => r.id);

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
    const step = workflow.jobs.rollback.steps.find((x: { uses?: string }) =>
      x.uses?.endsWith('/actions/rollback'),
    );
    const needs = Object.fromEntries(
      [...runs.values()].map((r) => [
        r.id,
        {
          result: r.result,
          outputs:
            r.id === 'plan'
              ? planOutputs(5)
              : r.id === 'stage-3'
                ? { reason: 'api_p95 hard: p95=612ms > 400ms' }
                : {},
        },
      ]),
    );
    const always = { success: () => true, failure: () => false, cancelled: () => false, always: () => true };
    expect(interpolate(step.with.stage, { needs }, always)).toBe('s3');
    expect(interpolate(step.with.reason, { needs }, always)).toBe('api_p95 hard: p95=612ms > 400ms');
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
    for (const [id, job] of Object.entries<Record<string, unknown>>(workflow.jobs)) {
      expect(job.permissions, id).toBeDefined();
      expect(job['timeout-minutes'], id).toBeDefined();
    }
  });

  it('third-party actions are pinned by full commit SHA and no run: script interpolates an expression', () => {
    const text = readFileSync('.github/workflows/canary-release.yml', 'utf8');
    for (const m of text.matchAll(/^\s*-?\s*uses:\s*([^\s#]+)/gm)) {
      const ref = m[1]!;
      if (ref.startsWith('./')) continue;
      expect(ref, ref).toMatch(/@[0-9a-f]{40}$/);
    }
    for (const job of Object.values<{ steps?: Array<{ run?: string }> }>(workflow.jobs)) {
      for (const step of job.steps ?? []) if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
    }
  });

  it('a stage that cannot fit in a hosted job is refused by the plan step', () => {
    const plan = planWithStages(3);
    plan.stages[1]!.duration = 6 * 3600;
    expect(() => stageSlots(plan)).toThrow(
      /stages\[1\] \(s2\): 6h plus 2 holds of 15m needs a 400-minute job \(at most 360 minutes/,
    );
  });

  it('the committed workflow is what the generator writes', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['scripts/generate-release-workflow.mjs', '--check'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
  });
});
