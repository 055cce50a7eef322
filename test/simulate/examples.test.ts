/**
 * A shipped example rehearses end to end on any host: preflight through mini-RCA, every stage, a decision log
 * that verifies (spark-trading here; every other example in examples.scale.test.ts, which CI also runs). The examples' scripts (`make go-nogo`, `python3 analytics/model_guardian.py`, ...) do not exist in
 * the simulated repository, and a rehearsal never starts them: each is shown as SIMULATED with the exact command.
 * `--run-commands` runs them for real, so a plan whose commands succeed here passes them, and one that cannot
 * run fails the preflight as it would in a release.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/index.js';
import { embeddedPlanPath } from '../../src/simulate/default-plan.js';
import { simulateRelease } from '../../src/simulate/simulate.js';
import { execGit } from '../support/git.js';
import { describeExampleRehearsals, EXAMPLES } from './example-rehearsal.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'simulate-examples-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeExampleRehearsals(EXAMPLES.slice(0, 1), root);

describe('simulate --run-commands', () => {
  const reference = readFileSync(embeddedPlanPath(), 'utf8');
  const drill = `./tools/soak_failover --json`;

  it('runs the plan commands: one that succeeds here passes', { timeout: 240_000 }, async () => {
    // The failover drill replaced by a command every host has, printing what the plan expects.
    const planText = reference.replace(
      drill,
      `echo '{\\"takeover_ms\\": 900, \\"dual_leadership\\": false, \\"duplicates\\": 0}'`,
    );
    expect(planText).not.toBe(reference);
    const plan = parsePlan(planText, 'plan');
    const ran = await simulateRelease({
      plan,
      planText,
      scenario: 'healthy',
      seed: 42,
      outDir: path.join(root, 'run-commands'),
      runCommands: true,
    });
    expect(ran.preflight.simulated).toEqual([]);
    expect(ran.preflight.summary).toBe('8/8 PASS');
    const preflight = readFileSync(path.join(ran.evidenceCheckout, 'evidence/1.4.0/preflight.txt'), 'utf8');
    expect(preflight).toMatch(/\[PASS\] failover-drill/);
    // promtool really ran on the simulated repository's rules.
    expect(preflight).toMatch(/\[PASS\] alert-rules[\s\S]*SUCCESS: 2 rules found/);
    // The rehearsal of this plan (no --run-commands) shows both SIMULATED: simulate.test.ts's "rehearses plan
    // commands" runs it.
  });

  it(
    'fails the preflight when a plan command cannot run here, as a release would',
    { timeout: 240_000 },
    async () => {
      const plan = parsePlan(reference, 'plan');
      const result = await simulateRelease({
        plan,
        planText: reference,
        scenario: 'healthy',
        seed: 42,
        outDir: path.join(root, 'run-commands-missing'),
        runCommands: true,
      });
      expect(result.outcome).toBe('preflight_failed');
      expect(result.lines.find((l) => l.includes('failover-drill'))).toMatch(
        /\[ERROR\] failover-drill \(run\): command not found: \.\/tools\/soak_failover/,
      );
      expect(
        execGit(['-C', result.repository, 'branch', '--list', 'canary-evidence'], {
          encoding: 'utf8',
        }),
      ).toMatch(/canary-evidence/);
    },
  );
});
