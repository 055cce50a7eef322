/**
 * A shipped example rehearsed end to end: promoted through all its stages with a verified decision log, and rolled
 * back with its rollback commands rehearsed, not run. examples.test.ts runs one example; examples.scale.test.ts
 * (npm run test:scale, which CI also runs) runs every other, each at its full size.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/index.js';
import { readDecisionLog } from '../../src/evidence/decision-log.js';
import { verifyEvidence } from '../../src/evidence/verify.js';
import { simulateRelease } from '../../src/simulate/simulate.js';

export const EXAMPLES = ['examples/spark-trading.yml', 'examples/tradepulse.yml', 'examples/mm-bot.yml'];

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

/** The examples' rehearsals, side by side, under `root`. */
export function describeExampleRehearsals(examples: string[], root: string): void {
  describe.concurrent('simulate: shipped examples, every stage, on a host without its scripts', () => {
    it.each(examples)(
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

    it.each(examples)(
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
}
