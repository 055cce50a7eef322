/**
 * The BUNDLED rollback action, run as the runner runs it (test/support/run-action.ts), against a local
 * feature-flag server, a real Alertmanager, the GitHub emulator and a bare git repository as evidence-remote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobToken, startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { startAlertmanager, type TestAlertmanager } from '../support/alertmanager.js';
import { DEFAULT_TEST_TOKEN, runAction } from '../support/run-action.js';
import { startFlagServer, type FlagServer } from '../traffic/flag-server.js';
import { createRollbackWorkspace, type RollbackWorkspace } from './fixture.js';

describe('rollback action (bundled dist, real Alertmanager, GitHub emulator)', () => {
  let flags: FlagServer;
  let am: TestAlertmanager;
  let gh: GitHubEmulator;
  let ws: RollbackWorkspace;
  beforeAll(async () => {
    [flags, am, gh] = await Promise.all([
      startFlagServer(),
      startAlertmanager(),
      // The token carries the rollback job's permissions, as on GitHub.
      startGitHubEmulator({ tokens: jobToken(DEFAULT_TEST_TOKEN, 'rollback') }),
    ]);
    ws = await createRollbackWorkspace({ flagUrl: flags.url, alertmanagerUrl: am.url });
    flags.percentage.set('v1.4.0', 25);
  });
  afterAll(async () => {
    await Promise.all([flags.stop(), am.stop(), gh.close(), ws.cleanup()]);
  });

  const rollback = (extra: Record<string, string> = {}) =>
    runAction('rollback', {
      cwd: ws.dir,
      github: { url: gh.url, serverUrl: gh.serverUrl, repository: gh.repository },
      inputs: {
        version: '1.4.0',
        stage: 'quarter',
        reason: 'api_p95 hard breach: p95=612ms > 400ms',
        'evidence-remote': ws.evidenceRemote,
        'metrics-snapshot': JSON.stringify({ p95_latency_ms: 612, error_rate_pct: 0.4 }),
        ...extra,
      },
      timeoutMs: 60_000,
    });
  const activeSilences = async () => (await am.silences()).filter((s) => s.status.state === 'active');
  const incidents = () => [...gh.state.issues.values()].filter((i) => i.labels.includes('incident'));

  it('rolls back to weight 0 with one silence, one incident and evidence, and converges when run twice', async () => {
    const first = await rollback();
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.outputs).toMatchObject({ ok: 'true', 'failed-steps': '' });
    expect(flags.percentage.get('v1.4.0')).toBe(0);
    expect(await ws.scaleLog()).toBe('scale canary to 0\n');
    expect((await activeSilences()).map((s) => s.id)).toEqual([first.outputs['silence-id']]);
    expect(incidents().map((i) => String(i.number))).toEqual([first.outputs.incident]);
    expect(incidents()[0]!.body).toContain('| p95_latency_ms | 612 |');
    expect(incidents()[0]!.body).toContain('Triggered by:** manual (release-engineer)');
    expect(first.outputs['evidence-file']).toMatch(/^evidence\/1\.4\.0\/rollback_\d{8}_\d{6}\.txt$/);
    const evidence = ws.evidenceFile(first.outputs['evidence-file']!);
    expect(evidence).toContain('Reason: api_p95 hard breach: p95=612ms > 400ms');
    expect(evidence).toContain(`Run: ${gh.serverUrl}/${gh.repository}/actions/runs/4242`);
    expect(first.summary).toContain('Rollback: spark-trading-api v1.4.0');
    expect(first.summary).toContain('p95=612ms &gt; 400ms');

    const second = await rollback();
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(second.outputs['silence-id']).toBe(first.outputs['silence-id']);
    expect(second.outputs.incident).toBe(first.outputs.incident);
    expect(await activeSilences()).toHaveLength(1);
    expect(incidents()).toHaveLength(1);
    expect(gh.requestsFor('issues/create')).toHaveLength(1);
  });

  it('with the flag server down, runs the other steps and fails with a summary naming the traffic step', async () => {
    const before = await ws.scaleLog();
    const filesBefore = ws.evidenceFiles().length;
    await flags.stop();
    const run = await rollback({ stage: 'half', reason: 'error_rate hard breach' });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs).toMatchObject({ ok: 'false', 'failed-steps': 'traffic' });
    const error = run.annotations.find((a) => a.level === 'error')!;
    expect(error.message).toMatch(
      /^rollback: 1 of 5 steps failed \(traffic\); done: commands, silence, incident, evidence\. traffic: traffic\.http: POST http:\/\/127\.0\.0\.1:\d+\/api\/features\/rollout failed: ECONNREFUSED/,
    );
    expect(run.summary).toContain('<strong>Failed: traffic</strong>');
    expect(await ws.scaleLog()).toBe(`${before}scale canary to 0\n`);
    expect(await activeSilences()).toHaveLength(1);
    expect(incidents()).toHaveLength(1);
    // The file is named to the second (the runbooks' rollback_<YYYYmmdd_HHMMSS>.txt), so a run within the same
    // second as the previous one rewrites that file rather than adding one.
    expect(ws.evidenceFiles().length).toBeGreaterThanOrEqual(filesBefore);
    expect(ws.evidenceFiles()).toContain(run.outputs['evidence-file']);
    expect(ws.evidenceFile(run.outputs['evidence-file']!)).toContain('[FAILED] traffic');
    expect(ws.evidenceFile(run.outputs['evidence-file']!)).toContain('Reason: error_rate hard breach');
  });
});
