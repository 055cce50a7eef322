/**
 * `simulate` end to end: each scenario's documented outcome at its documented stage, the evidence a real
 * verify-evidence accepts, a missing `run` command shown as simulated (never passed), the same seed giving the
 * same evidence, and the command's exit codes. Every run uses real git, the real freeze/preflight/gate/rollback/
 * RCA code and the simulation's own counterparts on 127.0.0.1.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/index.js';
import { readDecisionLog } from '../../src/evidence/decision-log.js';
import { createTemplateSource } from '../../src/evidence/render.js';
import { verifyEvidence } from '../../src/evidence/verify.js';
import { buildStepEvidence } from '../../src/evidence/step-evidence.js';
import { resolveStage } from '../../src/stage-gate/stage-ref.js';
import { SCENARIOS, SCENARIO_NAMES } from '../../src/simulate/scenarios.js';
import { simulateRelease, type SimulationResult } from '../../src/simulate/simulate.js';
import { run as runSimulateCommand } from '../../src/cli/commands/simulate.js';
import { embeddedPlanPath } from '../../src/simulate/default-plan.js';
import { rehearsalReviewer } from '../../src/simulate/rehearse-signoff.js';
import { execGit } from '../support/git.js';
import { referenceRelease } from '../support/shared-simulations.js';

const planText = readFileSync(embeddedPlanPath(), 'utf8');
const plan = parsePlan(planText, '.github/canary.yml');
const root = mkdtempSync(path.join(os.tmpdir(), 'simulate-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const git = (dir: string, ...args: string[]) => execGit(args, { cwd: dir, encoding: 'utf8' }).trim();

async function simulate(
  scenario: (typeof SCENARIO_NAMES)[number],
  dir: string,
  seed = 42,
): Promise<SimulationResult> {
  return simulateRelease({ plan, planText, scenario, seed, outDir: path.join(root, dir) });
}

/**
 * The tests that only read a run share one per scenario and seed (with the other files that read the reference
 * plan's rehearsals); a test that needs a run of its own (the repeat of a seed) calls `simulate`.
 */
const simulated = referenceRelease;

const DOCUMENTED_STAGE: Record<(typeof SCENARIO_NAMES)[number], number> = {
  healthy: 5,
  'latency-regression': 3,
  'error-spike': 2,
  'slow-burn': 2,
  'no-data': 2,
};

describe.concurrent('simulate: each scenario ends in its documented outcome at its documented stage', () => {
  it.each(SCENARIO_NAMES)('%s', { timeout: 240_000 }, async (name) => {
    const result = await simulated(name);
    const expected = SCENARIOS[name].expected;
    expect(result.outcome).toBe(expected.outcome);
    expect(result.stage?.number).toBe(DOCUMENTED_STAGE[name]);
    expect(result.stage?.decision).toBe(name === 'healthy' ? 'PROCEED' : 'ROLLBACK');
    // Stages before the deciding one proceeded; nothing after it ran.
    expect(result.stages.map((s) => s.decision)).toEqual([
      ...Array(DOCUMENTED_STAGE[name] - 1).fill('PROCEED'),
      name === 'healthy' ? 'PROCEED' : 'ROLLBACK',
    ]);

    const deciding = result.stages.at(-1)!;
    if (name === 'slow-burn') {
      expect(deciding.samples.some((x) => x.decision === 'HOLD')).toBe(true);
      expect(deciding.reason).toMatch(/^hard breach: api_p95/);
    }
    if (name === 'no-data')
      expect(deciding.reason).toMatch(/^3 consecutive unmeasurable samples \(max_no_data 3\)/);
    if (name === 'latency-regression') expect(deciding.reason).toMatch(/^hard breach: api_p95/);
    if (name === 'error-spike') expect(deciding.reason).toMatch(/^hard breach: error_rate/);

    const verified = await verifyEvidence(result.repository, { branch: 'canary-evidence' });
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
    const files = git(result.repository, 'ls-tree', '-r', '--name-only', 'canary-evidence').split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        'evidence/1.4.0/freeze_window_start.txt',
        'evidence/1.4.0/preflight.txt',
        'evidence/1.4.0/warroom_log.txt',
        'evidence/1.4.0/canary_timeline.txt',
        `evidence/1.4.0/summary_stage_${DOCUMENTED_STAGE[name]}.txt`,
        'evidence/1.4.0/mini_rca_1.4.0.md',
        'evidence/1.4.0/freeze_window_end.txt',
        `reports/release_decisions/simulated-${name}-seed42.yaml`,
      ]),
    );
    expect(existsSync(result.reportPath!)).toBe(true);
    // Each stage's files are the stage-gate action's: rendered again from the stage's result by the stage-gate's
    // own function, they are byte for byte what the simulation committed.
    for (const stageResult of result.stages) {
      const number = stageResult.stage.index + 1;
      const record = readDecisionLog(
        git(result.repository, 'show', `canary-evidence:${result.decisionLog}`),
        result.decisionLog,
      ).find((r) => r.phase === `stage:${stageResult.stage.name}`)!;
      const stage = resolveStage(plan, String(number));
      // The rehearsal's sign-off: an approval by the plan's reviewer on the emulator, its comment marking it simulated.
      expect(record.approver).toBe(rehearsalReviewer(plan, stage.environment!));
      expect(record.approval_comment).toMatch(/^simulated approval \(scenario .*\): not a real sign-off$/);
      const again = buildStepEvidence(
        {
          kind: 'stage',
          plan,
          version: '1.4.0',
          deploymentId: `simulated-${name}-seed42`,
          stage,
          result: stageResult,
          signoff: {
            environment: stage.environment!,
            state: 'approved',
            approver: record.approver!,
            approval_comment: record.approval_comment ?? null,
            reviews: [],
          },
          attempt: 1,
        },
        { templates: createTemplateSource(), now: new Date(stageResult.decided_at) },
      );
      for (const change of again.changes) {
        if (!('content' in change) || ('mode' in change && change.mode === 'append')) continue;
        expect(git(result.repository, 'show', `canary-evidence:${change.path}`) + '\n').toBe(change.content);
      }
      // The record names the same files, each with the digest it was committed with.
      expect(record.evidence_files.map((f) => (typeof f === 'string' ? f : f.path))).toEqual(again.files);
      expect(
        record.evidence_files.every((f) => typeof f !== 'string' && /^[0-9a-f]{64}$/.test(f.sha256)),
      ).toBe(true);
      expect(record.notes).toMatch(/^\d+ samples from synthetic scenario .*; traffic: /);
    }
    const log = readFileSync(path.join(result.evidenceCheckout, result.decisionLog), 'utf8');
    if (name === 'healthy') {
      expect(files.some((f) => /canary_success_\d{8}_\d{6}\.txt$/.test(f))).toBe(true);
      // The release-tag job's one-liner: only a promoted release gets one, as in the workflow.
      expect(files).toContain('evidence/1.4.0/release_oneliner.txt');
      // The promote job's own ga record seals the log.
      expect(log).toMatch(
        /phase: ga\n\s+decision: PROMOTED\n\s+reason: 5\/5 stages proceeded \(1->5->25->50->100\), 0 rollbacks/,
      );
      expect(git(result.repository, 'cat-file', '-t', 'v1.4.0')).toBe('tag');
    } else {
      expect(files.some((f) => /rollback_\d{8}_\d{6}\.txt$/.test(f))).toBe(true);
      expect(log).toMatch(/phase: rollback/);
      expect(() => git(result.repository, 'rev-parse', '--verify', '--quiet', 'refs/tags/v1.4.0')).toThrow();
      // The rollback reached the traffic provider and the simulated Alertmanager and GitHub for real.
      const steps = Object.fromEntries(result.rollback!.steps.map((s) => [s.name, s]));
      expect(steps.traffic!.ok).toBe(true);
      expect(steps.silence!.detail).toMatch(/simulated-silence-1 created/);
      expect(steps.incident!.detail).toMatch(/opened #\d+/);
    }
  });
});

describe('simulate: honesty and repeatability', () => {
  it(
    'rehearses plan commands: each shown as simulated with the exact command, never as passed',
    { timeout: 240_000 },
    async () => {
      const result = await simulated('healthy');
      expect(result.preflight.simulated).toEqual(['alert-rules', 'failover-drill']);
      expect(result.preflight.summary).toBe('6/8 SIMULATED');
      const line = result.lines.find((l) => l.includes('failover-drill'))!;
      expect(line).toMatch(
        /\[SIMULATED\] failover-drill \(run\): simulated: would run `\.\/tools\/soak_failover --json` \(rehearsal/,
      );
      const preflight = readFileSync(
        path.join(result.evidenceCheckout, 'evidence/1.4.0/preflight.txt'),
        'utf8',
      );
      expect(preflight).toMatch(/\[SIMULATED\] failover-drill/);
      // promtool exists on this host, and is still not run: a rehearsal ends the same on every host.
      expect(preflight).toMatch(/\[SIMULATED\] alert-rules/);
      expect(preflight).toMatch(/Result: 6\/8 SIMULATED/);
    },
  );

  it(
    'the same seed writes byte-identical evidence (the same tree on canary-evidence)',
    { timeout: 240_000 },
    async () => {
      const a = await simulated('latency-regression');
      const b = await simulate('latency-regression', 'same-again');
      const blobs = (r: SimulationResult) =>
        Object.fromEntries(
          git(r.repository, 'ls-tree', '-r', 'canary-evidence')
            .split('\n')
            .map((l) => l.split(/\s+/))
            .map(([, , sha, file]) => [file!, sha!]),
        );
      const [ta, tb] = [blobs(a), blobs(b)];
      expect(Object.keys(ta).sort()).toEqual(Object.keys(tb).sort());
      // Durations come from the virtual clock too (preflight's stopwatch), so nothing may differ.
      expect(Object.keys(ta).filter((f) => ta[f] !== tb[f])).toEqual([]);
      expect(git(a.repository, 'rev-parse', 'canary-evidence^{tree}')).toBe(
        git(b.repository, 'rev-parse', 'canary-evidence^{tree}'),
      );
      // Commit dates come from the virtual clock.
      expect(git(a.repository, 'log', '-1', '--format=%cI', 'canary-evidence')).toBe(
        git(b.repository, 'log', '-1', '--format=%cI', 'canary-evidence'),
      );
      // A different seed gives different metric noise (error-spike: the scenario that ends soonest).
      const c = await simulate('error-spike', 'other-seed', 8);
      const spike = await simulated('error-spike');
      expect(git(c.repository, 'show', 'canary-evidence:evidence/1.4.0/stage_1.json')).not.toBe(
        git(spike.repository, 'show', 'canary-evidence:evidence/1.4.0/stage_1.json'),
      );
    },
  );
});

describe('canary-conductor simulate (command)', () => {
  const io = (cwd: string) => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      io: {
        stdout: (t: string) => void out.push(t),
        stderr: (t: string) => void err.push(t),
        env: process.env,
        cwd,
      },
      out,
      err,
    };
  };

  it(
    'runs the embedded reference plan from a directory without one, exits 0 and says where the evidence and the report are',
    { timeout: 240_000 },
    async () => {
      const cwd = path.join(root, 'elsewhere');
      mkdirSync(cwd);
      const { io: cio, out } = io(cwd);
      const code = await runSimulateCommand(['--out', 'demo-out'], cio, false);
      const text = out.join('');
      expect(code).toBe(0);
      expect(text).toMatch(/plan: the built-in reference plan/);
      expect(text).toMatch(/Outcome: PROMOTED at stage 5 full/);
      expect(text).toMatch(/Evidence: demo-out\/evidence\/evidence\/1\.4\.0\//);
      expect(text).toMatch(/Report: demo-out\/report\.html/);
      expect(text).toMatch(/verified: 6 records, hash chain intact/);
      expect(text).not.toMatch(/\r/); // no progress display when stdout is not a terminal
      // A re-run into the same folder replaces it.
      expect(
        await runSimulateCommand(
          ['--out', 'demo-out', '--scenario', 'error-spike', '--json'],
          io(cwd).io,
          false,
        ),
      ).toBe(10);
    },
  );

  it('refuses bad input with exit 2 semantics (ConfigurationError) and never deletes a folder it did not write', async () => {
    const cwd = path.join(root, 'bad');
    mkdirSync(cwd);
    await expect(runSimulateCommand(['--scenario', 'meteor'], io(cwd).io, false)).rejects.toThrow(
      /--scenario: "meteor" is not a scenario \(one of healthy, latency-regression/,
    );
    await expect(runSimulateCommand(['--seed', 'x'], io(cwd).io, false)).rejects.toThrow(/--seed/);
    await expect(runSimulateCommand(['--at', 'tomorrow'], io(cwd).io, false)).rejects.toThrow(
      /--at: "tomorrow" is not a time/,
    );
    mkdirSync(path.join(cwd, 'precious'));
    writeFileSync(path.join(cwd, 'precious', 'thesis.md'), 'do not delete');
    await expect(runSimulateCommand(['--out', 'precious'], io(cwd).io, false)).rejects.toThrow(
      /--out: .*precious is not empty and was not written by simulate/,
    );
    expect(readFileSync(path.join(cwd, 'precious', 'thesis.md'), 'utf8')).toBe('do not delete');
  });
});
