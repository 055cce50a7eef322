/**
 * `canary-conductor report` as an auditor runs it on a checkout of the evidence branch: it reads the decision
 * log beside the evidence, writes to a folder of its own and leaves the committed evidence exactly as it was.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as reportCommand } from '../../src/cli/commands/report.js';
import { stageResultFileName } from '../../src/evidence/stage-results.js';
import { referenceRelease } from '../support/shared-simulations.js';
import { DEPLOYMENT_ID, REFERENCE_PLAN, removeTempDirs, runRelease, tempDir } from './release-fixtures.js';
import { execGit } from '../support/git.js';

afterAll(removeTempDirs);

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), env: {}, cwd },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

const gitStatus = (dir: string) =>
  execGit(['status', '--porcelain', '--untracked-files=all'], { cwd: dir, encoding: 'utf8' });

describe('canary-conductor report (CLI)', () => {
  it('renders report.html and the mini-RCA from a local evidence folder and named decision logs', async () => {
    const run = await runRelease('promoted');
    const dir = tempDir('rca-cli-');
    const evidenceDir = path.join(dir, 'evidence', '1.4.0');
    mkdirSync(evidenceDir, { recursive: true });
    for (const r of run.stages)
      writeFileSync(path.join(evidenceDir, stageResultFileName(r)), JSON.stringify(r));
    writeFileSync(path.join(dir, `${DEPLOYMENT_ID}.yaml`), run.decisionLog);
    const c = capture(dir);
    const code = await reportCommand(
      [
        '--evidence',
        'evidence/1.4.0',
        '--config',
        REFERENCE_PLAN,
        '--version',
        '1.4.0',
        '--decisions',
        `${DEPLOYMENT_ID}.yaml`,
        '--out',
        'rendered',
      ],
      c.io,
    );
    expect(code).toBe(0);
    expect(c.out()).toContain('promoted: 5/5 stages proceeded, 0 rollbacks');
    expect(c.out()).toContain('report: rendered/report.html (4 metric charts, 5 stage runs)');
    expect(existsSync(path.join(dir, 'rendered', 'report.html'))).toBe(true);
    expect(readFileSync(path.join(dir, 'rendered', 'mini_rca_1.4.0.md'), 'utf8')).toContain(
      'Signed off by sre-lead',
    );
    // Nothing was written into the evidence folder.
    expect(existsSync(path.join(evidenceDir, 'mini_rca_1.4.0.md'))).toBe(false);
    await expect(
      reportCommand(['--evidence', 'nowhere', '--config', REFERENCE_PLAN, '--version', '1.4.0'], c.io),
    ).rejects.toThrow(/--evidence: .*nowhere does not exist/);
  });

  it(
    'on a committed evidence checkout: finds the decision log beside it, leaves git status clean, re-renders the committed mini-RCA',
    { timeout: 240_000 },
    async () => {
      const dir = tempDir('rca-checkout-');
      // The no-data rehearsal simulate.test.ts and report-layout.test.ts read too; report only reads it.
      const sim = await referenceRelease('no-data');
      const checkout = sim.evidenceCheckout;
      expect(gitStatus(checkout)).toBe('');
      const committedRca = readFileSync(path.join(checkout, 'evidence/1.4.0/mini_rca_1.4.0.md'), 'utf8');
      const config = path.join(sim.repository, '.github/canary.yml');

      const c = capture(dir);
      const args = [
        '--evidence',
        path.join(checkout, 'evidence/1.4.0'),
        '--version',
        '1.4.0',
        '--config',
        config,
      ];
      expect(await reportCommand(args, c.io)).toBe(0);
      expect(c.err()).toBe('');
      const decisionLog = path.join(checkout, 'reports/release_decisions/simulated-no-data-seed42.yaml');
      expect(c.out()).toContain(`decision log: ${path.relative(dir, decisionLog)} (3 records)`);
      expect(c.out()).toContain('mini-RCA: canary-report-1.4.0/mini_rca_1.4.0.md');
      // The same records give the same RCA: preflight and rollback records included, the same duration and date.
      // Only the workflow's own outcome, which the mini-RCA job is told and the evidence does not hold, is not there.
      const workflowOutcome = /^- Workflow outcome: .*\n/m;
      expect(committedRca).toMatch(workflowOutcome);
      expect(readFileSync(path.join(dir, 'canary-report-1.4.0/mini_rca_1.4.0.md'), 'utf8')).toBe(
        committedRca.replace(workflowOutcome, ''),
      );
      expect(gitStatus(checkout)).toBe('');

      // Into the evidence folder itself, or over a file git tracks: refused, nothing touched.
      await expect(
        reportCommand([...args, '--out', path.join(checkout, 'evidence/1.4.0')], c.io),
      ).rejects.toThrow(/--out: .* is the evidence folder; report never writes into the evidence it reads/);
      const tracked = path.join(dir, 'tracked');
      mkdirSync(tracked);
      writeFileSync(path.join(tracked, 'report.html'), 'committed');
      execGit(['init', '--quiet'], { cwd: tracked });
      execGit(['add', 'report.html'], { cwd: tracked });
      await expect(reportCommand([...args, '--out', tracked], c.io)).rejects.toThrow(
        /--out: .*tracked\/report\.html is committed evidence \(tracked by git in .*tracked\); report writes to a new folder/,
      );
      expect(readFileSync(path.join(tracked, 'report.html'), 'utf8')).toBe('committed');
      expect(gitStatus(checkout)).toBe('');
    },
  );
});
