/**
 * A stage's job must fit the runner's job limit (GitHub-hosted: 6 hours; self-hosted: 5 days). `validate` and the
 * plan action judge it with one function, so a plan that validates is a plan the workflow can run, and a refusal
 * reads the same in both.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../support/run-action.js';

// The CLI runs the compiled lib/, built once by test/global-setup.ts.
const validate = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/canary-conductor.js', 'validate', ...args], { encoding: 'utf8' });

/** The reference plan whose third stage observes for 6 hours. */
function sixHourPlan(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stage-job-limit-'));
  const text = readFileSync('test/fixtures/reference-plan.yml', 'utf8').replace(
    /(name: quarter,\s+traffic: 25,\s+duration: )15m/,
    '$16h',
  );
  expect(text).toContain('duration: 6h');
  writeFileSync(join(dir, 'canary.yml'), text);
  return dir;
}

const plan = (workspace: string, runsOn: string) =>
  runAction('plan', {
    entry: 'source',
    cwd: workspace,
    inputs: { config: 'canary.yml', version: '1.4.0', 'runs-on': runsOn },
  });

const REFUSAL =
  'stages[2].duration: quarter: 6h plus 2 holds of 15m needs a 400-minute job on runner ["ubuntu-latest"] (at most 360 minutes, the limit of a GitHub-hosted job; a self-hosted runner (runs-on) allows 5 days; split the stage or lower hold/max_holds)';

describe('a 6-hour stage and the runner job limit', () => {
  it('validates and plans on a self-hosted runner, with the stage job given the time it needs', async () => {
    const dir = sixHourPlan();
    const v = validate('--config', join(dir, 'canary.yml'), '--runs-on', '["self-hosted","prod"]');
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/valid/);

    const p = await plan(dir, '["self-hosted","prod"]');
    expect(p.exitCode, p.stdout + p.stderr).toBe(0);
    const slots = JSON.parse(p.outputs['slots']!) as Array<{ name: string; timeout_minutes: number }>;
    expect(slots[2]).toMatchObject({ name: 'quarter', timeout_minutes: 400 });
    expect(JSON.parse(p.outputs['runner']!)).toEqual(['self-hosted', 'prod']);
  }, 60_000);

  it('is refused on a hosted runner by validate and by the plan action with the same message', async () => {
    const dir = sixHourPlan();
    const v = validate('--config', join(dir, 'canary.yml'), '--runs-on', 'ubuntu-latest');
    expect(v.status).toBe(2);
    expect(v.stderr).toContain(`  ${REFUSAL}\n`);

    // validate without --runs-on judges the workflow's default runner, the hosted one.
    const byDefault = validate('--config', join(dir, 'canary.yml'));
    expect(byDefault.status).toBe(2);
    expect(byDefault.stderr).toContain(REFUSAL);

    const p = await plan(dir, 'ubuntu-latest');
    expect(p.exitCode).toBe(1);
    const error = p.annotations.find((a) => a.level === 'error');
    expect(error?.message).toContain(`  - ${REFUSAL}`);
    expect(p.outputs['slots']).toBeUndefined();
  }, 60_000);

  it('a self-hosted runner has a limit too: 5 days', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stage-job-limit-'));
    writeFileSync(
      join(dir, 'canary.yml'),
      readFileSync('test/fixtures/reference-plan.yml', 'utf8').replace(
        /(name: quarter,\s+traffic: 25,\s+duration: )15m/,
        '$15d',
      ),
    );
    const v = validate('--config', join(dir, 'canary.yml'), '--runs-on', 'self-hosted');
    expect(v.status).toBe(2);
    expect(v.stderr).toMatch(/needs a 7240-minute job on runner \["self-hosted"\] \(at most 7200 minutes/);
  });

  it('names the option when --runs-on is not a runner', () => {
    const v = validate('--config', 'test/fixtures/reference-plan.yml', '--runs-on', '[self-hosted');
    expect(v.status).toBe(2);
    expect(v.stderr).toMatch(/--runs-on: "\[self-hosted" is not valid JSON/);
  });
});
