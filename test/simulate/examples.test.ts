/**
 * Every shipped example rehearses end to end on any host: preflight through mini-RCA, every stage, a decision log
 * that verifies. The examples' scripts (`make go-nogo`, `python3 analytics/model_guardian.py`, ...) do not exist in
 * the simulated repository, and a rehearsal never starts them: each is shown as SIMULATED with the exact command.
 * `--run-commands` runs them for real, so a plan whose commands succeed here passes them, and one that cannot
 * run fails the preflight as it would in a release.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/index.js';
import { readDecisionLog } from '../../src/evidence/decision-log.js';
import { verifyEvidence } from '../../src/evidence/verify.js';
import { embeddedPlanPath } from '../../src/simulate/default-plan.js';
import { simulateRelease } from '../../src/simulate/simulate.js';
import { execGit } from '../support/git.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'simulate-examples-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const EXAMPLES = ['examples/spark-trading.yml', 'examples/tradepulse.yml', 'examples/mm-bot.yml'];

/** The `run` commands of a plan's preflight, as the rehearsal must show them. */
function runCommandsOf(planText: string): Array<{ name: string; shown: string }> {
  const plan = parsePlan(planText, 'plan');
  return plan.preflight
    .filter((c) => c.run !== undefined)
    .map((c) => ({
      name: c.name,
      shown: Array.isArray(c.run) ? c.run.join(' ') : c.run!.replace('{{version}}', '1.4.0'),
    }));
}

describe.concurrent('simulate: every shipped example, every stage, on a host without its scripts', () => {
  it.each(EXAMPLES)(
    '%s promotes through all its stages with a verified decision log',
    { timeout: 240_000 },
    async (file) => {
      const planText = readFileSync(file, 'utf8');
      const plan = parsePlan(planText, file);
      const result = await simulateRelease({
        plan,
        planText,
        scenario: 'healthy',
        seed: 42,
        outDir: path.join(root, path.basename(file, '.yml')),
      });
      expect(result.outcome).toBe('promoted');
      expect(result.stages.map((s) => s.stage.name)).toEqual(plan.stages.map((s) => s.name));
      expect(result.stages.every((s) => s.decision === 'PROCEED')).toBe(true);

      // Each plan command is rehearsed: SIMULATED with the exact command, never PASS.
      const commands = runCommandsOf(planText);
      expect(commands.length).toBeGreaterThan(0);
      expect(result.preflight.simulated).toEqual(commands.map((c) => c.name));
      for (const c of commands) {
        const line = result.lines.find((l) => l.includes(`] ${c.name} (run)`))!;
        expect(line).toContain(`[SIMULATED] ${c.name} (run): simulated: would run \``);
        for (const word of c.shown.split(' ')) expect(line).toContain(word);
      }
      expect(result.preflight.summary).toMatch(/ SIMULATED$/);

      const verified = await verifyEvidence(result.repository, { branch: result.evidenceBranch });
      expect(verified.problems).toEqual([]);
      expect(verified.ok).toBe(true);
      const log = readDecisionLog(
        readFileSync(path.join(result.evidenceCheckout, result.decisionLog), 'utf8'),
        result.decisionLog,
      );
      // The workflow's jobs write these records, and so do the same step functions here: no preflight record.
      expect(log.map((r) => r.phase)).toEqual([...plan.stages.map((s) => `stage:${s.name}`), 'ga']);
      expect(log.at(-1)!.decision).toBe('PROMOTED');
      expect(result.rcaPath).not.toBeNull();
      expect(result.reportPath).not.toBeNull();
    },
  );

  it.each(EXAMPLES)(
    '%s rolls back with its rollback commands rehearsed, not run',
    { timeout: 240_000 },
    async (file) => {
      const planText = readFileSync(file, 'utf8');
      const parsed = parsePlan(planText, file);
      // A plan whose soft breaches go to review (tradepulse) stops for a human as soon as the judge calls the soft
      // breach, which it does a look before the hard one; to rehearse its rollback commands the spike is judged
      // with on_soft: rollback.
      const plan = {
        ...parsed,
        stages: parsed.stages.map((s) =>
          s.on_soft === 'review' ? { ...s, on_soft: 'rollback' as const } : s,
        ),
      };
      const result = await simulateRelease({
        plan,
        planText,
        scenario: 'error-spike',
        seed: 42,
        outDir: path.join(root, `${path.basename(file, '.yml')}-rollback`),
      });
      expect(result.outcome).toBe('rolled_back');
      const commands = result.rollback!.steps.find((s) => s.name === 'commands')!;
      if (plan.rollback.run.length > 0) {
        expect(commands.simulated).toBe(true);
        expect(commands.ok).toBe(true);
        for (const c of plan.rollback.run)
          expect(commands.detail).toContain(`SIMULATED \`${c.replace('{{version}}', '1.4.0')}`);
        expect(result.lines.some((l) => l.includes('[SIMULATED] commands: would run'))).toBe(true);
      }
      const verified = await verifyEvidence(result.repository, { branch: result.evidenceBranch });
      expect(verified.problems).toEqual([]);
    },
  );
});

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
