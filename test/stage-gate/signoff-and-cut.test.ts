/**
 * The stage gate's core on the two things a reviewer and a trader notice most:
 * - a stage whose environment nobody approved in this run moves no traffic, creates no deployment and fails; with
 *   approvals, each stage's record names its own approver (stages sharing an environment, a name differing only
 *   in case, a rejection then an approval on a re-run);
 * - a stage that does not PROCEED (ROLLBACK, a cancelled job, an error after traffic moved) sets the baseline share
 *   through the plan's provider and reads it back before any evidence is pushed, and the rollback job then finds
 *   the share in place and writes nothing.
 * Real git (a local bare evidence remote with a pre-receive hook that notes when a push arrives), the GitHub
 * emulator, a local flag server, the plan's own synthetic metric source on a virtual clock.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, parsePlan, type ReleasePlan } from '../../src/config/index.js';
import { readDecisionLog } from '../../src/evidence/decision-log.js';
import { createTemplateSource } from '../../src/evidence/render.js';
import { virtualClock } from '../../src/platform/clock.js';
import { createGitHubClient } from '../../src/github/client.js';
import { SyntheticSource, type SyntheticScenario } from '../../src/metrics/synthetic.js';
import { runRollback } from '../../src/rollback/run-rollback.js';
import { deriveProfiles } from '../../src/simulate/profiles.js';
import { runStageGate, StageGateError, type StageGateOutcome } from '../../src/stage-gate/run-stage-gate.js';
import { SignoffRefused } from '../../src/stage-gate/signoff-gate.js';
import { createTrafficProvider } from '../../src/traffic/index.js';
import { startGitHubEmulator, type GitHubEmulator, type SeedApproval } from '../github-emulator/index.js';
import { startFlagServer, type FlagServer } from '../traffic/flag-server.js';
import {
  chainPlan,
  checkoutEvidence,
  createReleaseRepo,
  git,
  type ReleaseRepo,
} from '../chain/release-repo.js';

const VERSION = '3.1.0';
const T0 = new Date('2026-11-27T07:00:00Z');
const quiet = { info: () => undefined, warn: () => undefined };

let flags: FlagServer;
let emulator: GitHubEmulator;
let basePlan: ReleasePlan;
let runIds = 8000;

beforeAll(async () => {
  flags = await startFlagServer();
  emulator = await startGitHubEmulator({
    seed: {
      owner: 'acme',
      repo: 'spark-trading-api',
      users: [{ login: 'jane-doe' }, { login: 'omar' }, { login: 'risk-manager' }],
    },
  });
  basePlan = parsePlan(
    chainPlan({ prometheusUrl: 'http://127.0.0.1:9', job: 'none', flagUrl: flags.url }),
    'plan',
  );
}, 30_000);

afterAll(async () => {
  await emulator?.close();
  await flags?.stop();
});

interface Release {
  plan: ReleasePlan;
  runId: number;
  repo: ReleaseRepo;
  version: string;
  /** Milliseconds (Date.now()) at which each push reached the evidence remote. */
  pushTimes(): number[];
}

async function release(plan: ReleasePlan = basePlan): Promise<Release> {
  const repo = await createReleaseRepo('version: 1\n');
  runIds += 1;
  // The release's workflow run, known to GitHub before anyone reviews it.
  emulator.state.addRun(runIds);
  return {
    plan,
    runId: runIds,
    repo,
    version: `${VERSION}-r${runIds}`,
    pushTimes: () =>
      repo
        .pushes()
        .filter((p) => p.ref === 'refs/heads/canary-evidence')
        .map((p) => p.at),
  };
}

function approve(r: Release, approvals: SeedApproval[]): void {
  for (const a of approvals) emulator.state.addRunApproval(r.runId, a);
}

async function gate(
  r: Release,
  stage: string,
  options: { scenario?: SyntheticScenario; burnSeconds?: number; signal?: AbortSignal; remote?: string } = {},
): Promise<StageGateOutcome> {
  const clock = virtualClock(T0);
  return runStageGate(
    {
      plan: r.plan,
      version: r.version,
      stage,
      deploymentId: `spark-trading-api-${r.version}-${r.runId}`,
      dryRun: false,
      setTraffic: true,
      sha: r.repo.sha,
    },
    {
      source: new SyntheticSource({
        scenario: options.scenario ?? 'healthy',
        profiles: deriveProfiles(r.plan),
        startAt: T0,
        onsetAt: 0,
        seed: 7,
        ...(options.burnSeconds ? { burnSeconds: options.burnSeconds } : {}),
      }),
      clock,
      traffic: createTrafficProvider(r.plan.traffic),
      github: {
        client: createGitHubClient({
          token: 'fake-token-signoff',
          baseUrl: emulator.url,
          dryRun: false,
          log: { ...quiet, debug: () => undefined },
        }),
        repo: { owner: 'acme', repo: 'spark-trading-api' },
        runId: r.runId,
      },
      evidence: { remote: options.remote ?? r.repo.bare, templates: createTemplateSource() },
      log: quiet,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
}

async function records(r: Release) {
  const ev = await checkoutEvidence(r.repo.bare);
  return readDecisionLog(ev.read(`reports/release_decisions/spark-trading-api-${r.version}-${r.runId}.yaml`));
}

const feature = (r: Release) => `v${r.version}`;
const flagEvents = (r: Release) => flags.events.filter((e) => e.feature === feature(r));

describe('sign-offs are enforced before any traffic moves', () => {
  it('no approval of the stage environment: refused, no traffic, no deployment, no evidence', async () => {
    const r = await release();
    const deploymentsBefore = emulator.state.deployments.size;
    const refused = gate(r, '1');
    await expect(refused).rejects.toBeInstanceOf(SignoffRefused);
    await expect(refused).rejects.toThrow(
      /stage 1 pilot: environment canary-1 requires an approval in this run attempt before traffic moves \(signoff: required\): no reviewer approved canary-1 in run \d+.*no traffic was moved/,
    );
    expect(flagEvents(r)).toEqual([]);
    expect(emulator.state.deployments.size).toBe(deploymentsBefore);
    expect(r.pushTimes()).toEqual([]);
  });

  it('a latest review that rejected refuses the stage even when the sign-off is optional', async () => {
    const plan = {
      ...basePlan,
      stages: basePlan.stages.map((s) => ({ ...s, signoff: 'optional' as const })),
    };
    const r = await release(plan);
    approve(r, [
      { environments: ['canary-1'], state: 'rejected', user: 'risk-manager', comment: 'not in market hours' },
    ]);
    await expect(gate(r, '1')).rejects.toThrow(
      /latest review of environment canary-1 in this run is a rejection by risk-manager \("not in market hours"\)/,
    );
    expect(flagEvents(r)).toEqual([]);
  });

  it('signoff: optional runs without an approval and says so in the record', async () => {
    const plan = {
      ...basePlan,
      stages: basePlan.stages.map((s) => ({ ...s, signoff: 'optional' as const })),
    };
    const r = await release(plan);
    const out = await gate(r, '1');
    expect(out.result.decision).toBe('PROCEED');
    const [rec] = await records(r);
    expect(rec).toMatchObject({ approver: null });
    expect(rec!.notes).toContain('the stage proceeds without one (signoff: optional)');
  });

  it('two stages sharing an environment: each record names the approval that released its own job', async () => {
    const plan = {
      ...basePlan,
      stages: basePlan.stages.map((s, i) => (i < 2 ? { ...s, environment: 'canary' } : s)),
    };
    const r = await release(plan);
    approve(r, [{ environments: ['canary'], state: 'approved', user: 'jane-doe', comment: 'go 1%' }]);
    expect((await gate(r, '1')).passed).toBe(true);
    approve(r, [{ environments: ['canary'], state: 'approved', user: 'omar', comment: 'go 5%' }]);
    expect((await gate(r, '2')).passed).toBe(true);
    const recs = await records(r);
    expect(recs.map((x) => [x.phase, x.approver, x.approval_comment])).toEqual([
      ['stage:pilot', 'jane-doe', 'go 1%'],
      ['stage:confidence', 'omar', 'go 5%'],
    ]);
  });

  it('an environment name differing only in case is the same environment', async () => {
    const r = await release();
    approve(r, [{ environments: ['Canary-1'], state: 'approved', user: 'jane-doe', comment: 'ok' }]);
    const out = await gate(r, 'pilot');
    expect(out.signoff).toMatchObject({ approver: 'jane-doe', state: 'approved' });
    expect((await records(r))[0]).toMatchObject({ approver: 'jane-doe', approval_comment: 'ok' });
  });

  it('a rejection on the first attempt and an approval on the re-run: the re-run is signed off', async () => {
    const r = await release();
    approve(r, [{ environments: ['canary-1'], state: 'rejected', user: 'risk-manager', comment: 'wait' }]);
    await expect(gate(r, '1')).rejects.toBeInstanceOf(SignoffRefused);
    approve(r, [{ environments: ['canary-1'], state: 'approved', user: 'risk-manager', comment: 'go' }]);
    const out = await gate(r, '1');
    expect(out.passed).toBe(true);
    expect((await records(r))[0]).toMatchObject({ approver: 'risk-manager', approval_comment: 'go' });
  });
});

describe('a stage that does not PROCEED cuts its traffic before writing evidence', () => {
  it('ROLLBACK: the baseline share is set and read back before the evidence push, recorded, and the rollback job writes nothing', async () => {
    const r = await release();
    approve(r, [{ environments: ['canary-5'], state: 'approved', user: 'omar' }]);
    const out = await gate(r, '2', { scenario: 'step-regression' });
    expect(out.result.decision).toBe('ROLLBACK');
    expect(out.passed).toBe(false);
    expect(out.trafficCut).toMatchObject({
      ok: true,
      share: '0%',
      readBack: 0,
      trigger: 'ROLLBACK decision',
    });
    expect(out.trafficCut!.latencyMs).toBeLessThan(1000);

    // The flag server's own record: 5% set, then 0% set and read back as 0, all before the push arrived.
    const events = flagEvents(r);
    expect(events.filter((e) => e.kind === 'set').map((e) => e.percentage)).toEqual([5, 0]);
    const readZero = events.find((e) => e.kind === 'read' && e.percentage === 0);
    expect(readZero).toBeDefined();
    const [push] = r.pushTimes();
    expect(push).toBeDefined();
    expect(readZero!.at).toBeLessThanOrEqual(push!);

    const [rec] = await records(r);
    expect(rec).toMatchObject({ decision: 'ROLLBACK', traffic_share: 5 });
    expect(rec!.notes).toMatch(
      /traffic cut to 0% by the stage gate on its ROLLBACK decision, \d+ ms after it, before any evidence was written \(feature flag POST .*read back 0\)/,
    );

    // The rollback job: the share is in place already, so its traffic step confirms and writes nothing.
    const setsBefore = flagEvents(r).filter((e) => e.kind === 'set').length;
    const rollback = await runRollback({
      plan: r.plan,
      version: r.version,
      stage: 'confidence',
      reason: out.result.reason,
      deps: { cwd: r.repo.workspace, evidence: { remote: r.repo.bare, templates: createTemplateSource() } },
      clock: virtualClock(T0),
    });
    const trafficStep = rollback.steps.find((s) => s.name === 'traffic')!;
    expect(trafficStep).toMatchObject({ ok: true });
    expect(trafficStep.detail).toMatch(/already at 0% \(read back 0\); nothing written/);
    expect(flagEvents(r).filter((e) => e.kind === 'set')).toHaveLength(setsBefore);
  });

  it('REVIEW: a stage that stops for a human also goes back to the baseline share before its evidence', async () => {
    const plan = {
      ...basePlan,
      stages: basePlan.stages.map((s, i) =>
        i === 0 ? { ...s, duration: 120, on_soft: 'review' as const, max_holds: 0 } : s,
      ),
    };
    const r = await release(plan);
    approve(r, [{ environments: ['canary-1'], state: 'approved', user: 'jane-doe' }]);
    const out = await gate(r, '1', { scenario: 'slow-burn', burnSeconds: 120 });
    expect(out.result.decision).toBe('REVIEW');
    expect(out.trafficCut).toMatchObject({ ok: true, readBack: 0, trigger: 'REVIEW decision' });
    const readZero = flagEvents(r).find((e) => e.kind === 'read' && e.percentage === 0)!;
    expect(readZero.at).toBeLessThanOrEqual(r.pushTimes()[0]!);
  });

  it('a cancelled job (SIGTERM): the stop is not a pass, and traffic is cut before the evidence', async () => {
    const r = await release();
    approve(r, [{ environments: ['canary-1'], state: 'approved', user: 'jane-doe' }]);
    const abort = new AbortController();
    abort.abort(new Error('job received SIGTERM'));
    const out = await gate(r, '1', { signal: abort.signal });
    expect(out.passed).toBe(false);
    expect(out.result.reason).toMatch(/a run stopped early is not a pass/);
    expect(out.trafficCut).toMatchObject({ ok: true, readBack: 0, trigger: 'stop (job received SIGTERM)' });
    expect(
      flagEvents(r)
        .filter((e) => e.kind === 'set')
        .map((e) => e.percentage),
    ).toEqual([1, 0]);
    expect((await records(r))[0]!.notes).toContain('by the stage gate on its stop (job received SIGTERM)');
  });

  it('an error after traffic moved (the evidence remote is gone): traffic is cut, then the error is reported with the cut', async () => {
    const r = await release();
    approve(r, [{ environments: ['canary-1'], state: 'approved', user: 'jane-doe' }]);
    const failed = gate(r, '1', { remote: join(r.repo.bare, 'no-such-remote.git') });
    // A remote that cannot be reached is the user's to fix: reported plainly (exit 2), with the cut it caused.
    await expect(failed).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failed).rejects.toThrow(/the git remote .*no-such-remote\.git cannot be reached/);
    await expect(failed).rejects.toThrow(/traffic cut to 0% by the stage gate on its error \(/);
    expect(
      flagEvents(r)
        .filter((e) => e.kind === 'set')
        .map((e) => e.percentage),
    ).toEqual([1, 0]);
    expect(flags.percentage.get(feature(r))).toBe(0);
  });

  it('an internal error after traffic moved (a push the remote refuses): traffic is cut, then the error with the cut', async () => {
    const r = await release();
    approve(r, [{ environments: ['canary-1'], state: 'approved', user: 'jane-doe' }]);
    const hook = join(r.repo.bare, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "evidence branch is protected" >&2\nexit 1\n', { mode: 0o755 });
    const failed = gate(r, '1');
    await expect(failed).rejects.toBeInstanceOf(StageGateError);
    await expect(failed).rejects.toThrow(/git push .*evidence branch is protected/s);
    await expect(failed).rejects.toThrow(/traffic cut to 0% by the stage gate on its error \(/);
    expect(flags.percentage.get(feature(r))).toBe(0);
  });

  it('PROCEED leaves the stage share in place', async () => {
    const r = await release();
    approve(r, [{ environments: ['canary-1'], state: 'approved', user: 'jane-doe' }]);
    const out = await gate(r, '1');
    expect(out.passed).toBe(true);
    expect(out.trafficCut).toBeNull();
    expect(flags.percentage.get(feature(r))).toBe(1);
    expect(await git(r.repo.bare, 'rev-parse', '--verify', 'canary-evidence')).toMatch(/^[0-9a-f]{40}$/);
  });
});
