/**
 * runRollback end to end with real components: a local feature-flag server, a real Alertmanager, the GitHub
 * emulator for the incident issue, a bare git repository for the evidence, a real shell script for rollback.run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/config/index.js';
import { runRollback, type RollbackDeps } from '../../src/rollback/run-rollback.js';
import { clientForEmulator } from '../github-emulator/client.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { startAlertmanager, type TestAlertmanager } from '../support/alertmanager.js';
import { startFlagServer, type FlagServer } from '../traffic/flag-server.js';
import { createRollbackWorkspace, type RollbackWorkspace } from './fixture.js';

describe('runRollback (flag server, real Alertmanager, GitHub emulator, git evidence)', () => {
  let flags: FlagServer;
  let am: TestAlertmanager;
  let gh: GitHubEmulator;
  let ws: RollbackWorkspace;
  beforeAll(async () => {
    [flags, am, gh] = await Promise.all([startFlagServer(), startAlertmanager(), startGitHubEmulator()]);
    ws = await createRollbackWorkspace({ flagUrl: flags.url, alertmanagerUrl: am.url });
    flags.percentage.set('v1.4.0', 25);
  });
  afterAll(async () => {
    await Promise.all([flags.stop(), am.stop(), gh.close(), ws.cleanup()]);
  });

  const deps = (): RollbackDeps => {
    const { client, repo } = clientForEmulator(gh);
    return {
      cwd: ws.dir,
      github: { client, repo },
      evidence: { remote: ws.evidenceRemote },
      runUrl: 'https://github.com/acme/spark-trading-api/actions/runs/42',
    };
  };
  const activeSilences = async () => (await am.silences()).filter((s) => s.status.state === 'active');
  const incidents = () => [...gh.state.issues.values()].filter((i) => i.labels.includes('incident'));

  it('sets the weight to 0, runs the commands, silences once, opens one incident, writes evidence; a re-run converges', async () => {
    const plan = await loadPlan(ws.planPath);
    const at = new Date();
    const request = {
      plan,
      version: '1.4.0',
      stage: 'quarter',
      reason: 'api_p95 hard breach: p95=612ms > 400ms',
      triggeredBy: 'automatic (stage-gate)',
      metricsSnapshot: { p95_latency_ms: 612, error_rate_pct: 0.4, mem_available_pct: 38 },
      clock: { now: () => at },
    };
    const first = await runRollback({ ...request, deps: deps() });
    expect(first.steps.map((s) => [s.name, s.ok])).toEqual([
      ['traffic', true],
      ['commands', true],
      ['silence', true],
      ['incident', true],
      ['evidence', true],
    ]);
    expect(first.ok).toBe(true);
    expect(flags.percentage.get('v1.4.0')).toBe(0);
    expect(JSON.parse(flags.requests.filter((r) => r.method === 'POST').at(-1)!.body)).toEqual({
      feature: 'v1.4.0',
      percentage: 0,
    });
    expect(await ws.scaleLog()).toBe('scale canary to 0\n');

    const silences = await activeSilences();
    expect(silences).toHaveLength(1);
    expect(silences[0]!.id).toBe(first.silenceId);
    expect(silences[0]!.comment).toContain('spark-trading-api v1.4.0');
    expect(silences[0]!.comment).toContain('api_p95 hard breach');
    expect(Date.parse(silences[0]!.endsAt) - at.getTime()).toBe(15 * 60_000);

    expect(incidents()).toHaveLength(1);
    const issue = incidents()[0]!;
    expect(first.incidentNumber).toBe(issue.number);
    expect(issue.title).toBe('Canary rollback: spark-trading-api v1.4.0');
    expect(issue.body).toContain('# Incident: spark-trading-api v1.4.0');
    expect(issue.body).toContain('Severity: S2 (canary rollback)');
    expect(issue.body).toContain('**Reason:** api_p95 hard breach: p95=612ms > 400ms');
    expect(issue.body).toContain('| p95_latency_ms | 612 |');
    expect(issue.body).toContain(`**Alertmanager silence:** ${first.silenceId}`);

    expect(first.evidenceFile).toMatch(/^evidence\/1\.4\.0\/rollback_\d{8}_\d{6}\.txt$/);
    expect(ws.evidenceFiles()).toEqual([first.evidenceFile]);
    const evidence = ws.evidenceFile(first.evidenceFile!);
    expect(evidence).toContain('Stage: quarter');
    expect(evidence).toContain('Reason: api_p95 hard breach: p95=612ms > 400ms');
    expect(evidence).toContain('Triggered By: automatic (stage-gate)');
    expect(evidence).toContain('Traffic: 0%');
    expect(evidence).toMatch(/\[OK\] silence: silence \S+ created/);
    expect(evidence).toContain(`[OK] incident: opened #${issue.number}`);

    // The same rollback again (a re-run job): still one silence and one incident.
    const second = await runRollback({ ...request, deps: deps() });
    expect(second.ok).toBe(true);
    expect(second.silenceId).toBe(first.silenceId);
    expect(await activeSilences()).toHaveLength(1);
    expect(incidents()).toHaveLength(1);
    expect(second.incidentNumber).toBe(issue.number);
    expect(second.steps.find((s) => s.name === 'incident')!.detail).toContain('already open');

    // Later, for another reason: the silence is extended, not duplicated.
    const later = new Date(at.getTime() + 5 * 60_000);
    const third = await runRollback({
      ...request,
      reason: 'manual: desk asked',
      clock: { now: () => later },
      deps: deps(),
    });
    expect(third.ok).toBe(true);
    const after = await activeSilences();
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(first.silenceId);
    expect(Date.parse(after[0]!.endsAt)).toBe(later.getTime() + 15 * 60_000);
    expect(incidents()).toHaveLength(1);
  });

  it('with the flag server down, still runs the other steps and fails naming the traffic step', async () => {
    const plan = await loadPlan(ws.planPath);
    const down = await startFlagServer();
    await down.stop();
    // The whole flag service is down: its read-back too (a live read-back of 0 would rightly make the step a no-op).
    plan.traffic!.http!.url = `${down.url}/api/features/rollout`;
    plan.traffic!.http!.read_back = `${down.url}/api/features/rollout?feature=v{{version}}`;
    const before = await ws.scaleLog();
    const result = await runRollback({
      plan,
      version: '1.4.0',
      stage: 'half',
      reason: 'error_rate hard breach',
      deps: deps(),
      clock: { now: () => new Date() },
    });
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['traffic', false],
      ['commands', true],
      ['silence', true],
      ['incident', true],
      ['evidence', true],
    ]);
    expect(result.steps[0]!.error).toMatch(
      /POST http:\/\/127\.0\.0\.1:\d+\/api\/features\/rollout failed: ECONNREFUSED/,
    );
    expect(result.summary).toMatch(/FAILED steps: traffic/);
    expect(await ws.scaleLog()).toBe(`${before}scale canary to 0\n`);
    expect(await activeSilences()).toHaveLength(1);
    expect(incidents()).toHaveLength(1);
    expect(ws.evidenceFile(result.evidenceFile!)).toContain('[FAILED] traffic: FAILED: traffic.http: POST');
  });
});

describe('runRollback in dry-run', () => {
  it('describes every step and changes nothing', async () => {
    const [flags, am, gh] = await Promise.all([
      startFlagServer(),
      startAlertmanager(),
      startGitHubEmulator(),
    ]);
    const ws = await createRollbackWorkspace({ flagUrl: flags.url, alertmanagerUrl: am.url });
    try {
      const plan = await loadPlan(ws.planPath);
      const { client, repo } = clientForEmulator(gh, { dryRun: true });
      const result = await runRollback({
        plan,
        version: '1.4.0',
        stage: 'pilot',
        reason: 'drill',
        dryRun: true,
        deps: { cwd: ws.dir, github: { client, repo }, evidence: { remote: ws.evidenceRemote } },
        clock: { now: () => new Date() },
      });
      expect(result.ok).toBe(true);
      expect(result.steps.map((s) => [s.name, /would|dry-run/.test(s.detail)])).toEqual([
        ['traffic', true],
        ['commands', true],
        ['silence', true],
        ['incident', true],
        ['evidence', true],
      ]);
      expect(flags.requests).toHaveLength(0);
      expect(await ws.scaleLog()).toBe('');
      expect(await am.silences()).toHaveLength(0);
      expect(gh.state.issues.size).toBe(0);
      expect(ws.evidenceFiles()).toEqual([]);
    } finally {
      await Promise.all([flags.stop(), am.stop(), gh.close(), ws.cleanup()]);
    }
  });
});
