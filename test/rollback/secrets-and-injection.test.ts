/**
 * The attacks on rollback commands, played end to end on the rollback action's source (run as the runner runs
 * it: INPUT_* env, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), a real Alertmanager, the GitHub emulator, a local chat
 * webhook and a bare git repository as the evidence branch:
 *  - a `rollback.run` of `env; exit 1` must leave no token, Prometheus token, webhook URL, Teams URL, PagerDuty
 *    routing key or Grafana token in any evidence file, summary, output, log line or notification, whether the
 *    plan passes them to the command or not;
 *  - a stage input carrying shell (`pilot; touch X`) is refused before any step, and creates no file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { startAlertmanager, type TestAlertmanager } from '../support/alertmanager.js';
import { REPO_ROOT, runAction, type ActionRun } from '../support/run-action.js';
import { startFlagServer, type FlagServer } from '../traffic/flag-server.js';
import { startPagerDutyFake, startTeamsFake, type PagerDutyFake, type TeamsFake } from '../notify/fakes.js';
import { createRollbackWorkspace, type RollbackWorkspace } from './fixture.js';

const GITHUB_TOKEN = 'ghs-FAKE-rollback-token-9f8e7d6c';
const PROM_TOKEN = 'prom-FAKE-bearer-4c5d6e7f';
const HOOK_PATH = '/services/T0FAKE/B0FAKE/xoxFAKEwebhook1234';
const PD_ROUTING_KEY = 'R0FAKErollbackroutingkey5d4c3b2a1';
const GRAFANA_TOKEN = 'glsa_FAKErollbackgrafana_8c7d6e';

describe('rollback commands cannot leak secrets or run injected shell', () => {
  let flags: FlagServer;
  let am: TestAlertmanager;
  let gh: GitHubEmulator;
  let ws: RollbackWorkspace;
  let hook: Server;
  let hookUrl: string;
  let pd: PagerDutyFake;
  let teams: TeamsFake;
  const posts: string[] = [];

  beforeAll(async () => {
    [flags, am, gh] = await Promise.all([startFlagServer(), startAlertmanager(), startGitHubEmulator()]);
    [pd, teams] = await Promise.all([startPagerDutyFake(PD_ROUTING_KEY), startTeamsFake()]);
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        posts.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', () => resolve()));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}${HOOK_PATH}`;
    ws = await createRollbackWorkspace({ flagUrl: flags.url, alertmanagerUrl: am.url });
    flags.percentage.set('v1.4.0', 25);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => hook.close(() => resolve()));
    await Promise.all([flags.stop(), am.stop(), gh.close(), ws.cleanup(), pd.close(), teams.close()]);
  });

  const setPlan = async (rollback: Record<string, unknown>) => {
    const plan = parse(await readFile(ws.planPath, 'utf8')) as Record<string, Record<string, unknown>>;
    plan.rollback = { ...plan.rollback, ...rollback };
    plan.notify = {
      webhooks: [{ name: 'war-room', url_env: 'CANARY_WEBHOOK_URL' }],
      teams: [{ name: 'release-room', url_env: 'TEAMS_RELEASE_WEBHOOK' }],
      pagerduty: { routing_key_env: 'PD_ROUTING', url: pd.url },
      // Rollback sends no annotation; its token must still be masked wherever a command prints it.
      grafana: { url: 'http://127.0.0.1:3000', token_env: 'GRAFANA_TOKEN' },
    };
    await writeFile(ws.planPath, stringify(plan));
  };

  const rollback = (stage = 'quarter') =>
    runAction('rollback', {
      entry: 'source',
      cwd: ws.dir,
      token: GITHUB_TOKEN,
      github: { url: gh.url, serverUrl: gh.serverUrl, repository: gh.repository },
      env: {
        GITHUB_TOKEN,
        PROM_TOKEN,
        CANARY_WEBHOOK_URL: hookUrl,
        TEAMS_RELEASE_WEBHOOK: teams.url,
        PD_ROUTING: PD_ROUTING_KEY,
        GRAFANA_TOKEN,
      },
      inputs: {
        version: '1.4.0',
        stage,
        reason: 'api_p95 hard breach',
        'evidence-remote': ws.evidenceRemote,
      },
      timeoutMs: 90_000,
    });

  /** Everything that left the process, except the runner's own `::add-mask::` registrations. */
  const leftTheProcess = (run: ActionRun): string =>
    [
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
      run.stderr,
      run.summary,
      JSON.stringify(run.outputs),
      ...ws.evidenceFiles().map((f) => ws.evidenceFile(f)),
      ...[...gh.state.issues.values()].map((i) => `${i.title}\n${i.body}`),
      ...posts,
      ...teams.raw,
      // The routing key is the one field PagerDuty needs in the body; everything else in the event must be clean.
      ...pd.raw.map((body) => body.split(`"routing_key":"${PD_ROUTING_KEY}"`).join('')),
    ].join('\n');

  const SECRETS = () => ({
    GITHUB_TOKEN,
    PROM_TOKEN,
    webhook: hookUrl,
    'webhook path': HOOK_PATH,
    'Teams URL': teams.url,
    'Teams path': teams.secretPath,
    'PagerDuty routing key': PD_ROUTING_KEY,
    'Grafana token': GRAFANA_TOKEN,
  });

  it("`env; exit 1` with the minimal environment: the secrets are not even in the command's environment", async () => {
    await setPlan({
      run: ['env; echo "leak token=$GITHUB_TOKEN prom=$PROM_TOKEN hook=$CANARY_WEBHOOK_URL"; exit 1'],
    });
    const run = await rollback();
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs['failed-steps']).toBe('commands');
    const file = ws.evidenceFile(run.outputs['evidence-file']!);
    // The command's output did reach the evidence (so the check below is not vacuous) with nothing to leak.
    expect(file).toContain('leak token= prom= hook=');
    const text = leftTheProcess(run);
    for (const [name, value] of Object.entries(SECRETS())) expect(text, name).not.toContain(value);
  });

  it('with the secrets passed on purpose (rollback.env), the one masker hides them everywhere', async () => {
    await setPlan({
      run: [
        'env; echo "leak token=$GITHUB_TOKEN prom=$PROM_TOKEN hook=$CANARY_WEBHOOK_URL teams=$TEAMS_RELEASE_WEBHOOK pd=$PD_ROUTING grafana=$GRAFANA_TOKEN"; exit 1',
      ],
      env: [
        'GITHUB_TOKEN',
        'PROM_TOKEN',
        'CANARY_WEBHOOK_URL',
        'TEAMS_RELEASE_WEBHOOK',
        'PD_ROUTING',
        'GRAFANA_TOKEN',
      ],
    });
    const run = await rollback();
    expect(run.exitCode).not.toBe(0);
    const file = ws.evidenceFile(run.outputs['evidence-file']!);
    expect(file).toContain('leak token=*** prom=*** hook=*** teams=*** pd=*** grafana=***');
    const text = leftTheProcess(run);
    for (const [name, value] of Object.entries(SECRETS())) expect(text, name).not.toContain(value);
    // The runner learns every one of them too, so it masks them in the rest of the job.
    expect(run.masks).toEqual(
      expect.arrayContaining([GITHUB_TOKEN, PROM_TOKEN, hookUrl, teams.url, PD_ROUTING_KEY, GRAFANA_TOKEN]),
    );
    // The rollback record in the decision log went through the masker before it was hashed.
    expect(ws.evidenceFiles().some((f) => f.startsWith('reports/release_decisions/'))).toBe(true);
    expect(posts.length).toBeGreaterThan(0);
    // The notifications did go out (so the greps above covered them): a Teams card and a PagerDuty trigger.
    expect(teams.cards.length).toBeGreaterThan(0);
    expect(pd.events.map((e) => e.event_action)).toContain('trigger');
  });

  it('stage "pilot; touch X" is refused before any step: no file, no evidence, no traffic change', async () => {
    await setPlan({ run: ['./scripts/scale-canary.sh {{weight}} {{stage}}'] });
    const filesBefore = ws.evidenceFiles();
    const scaleBefore = await ws.scaleLog();
    const run = await rollback('pilot; touch INJECTED');
    expect(run.exitCode).not.toBe(0);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toBe(
      'input stage: "pilot; touch INJECTED" is not a stage of the plan (expected one of pilot, confidence, quarter, half, full)',
    );
    expect(existsSync(join(ws.dir, 'INJECTED'))).toBe(false);
    expect(ws.evidenceFiles()).toEqual(filesBefore);
    expect(await ws.scaleLog()).toBe(scaleBefore);
  });

  it('the CLI exits 2 on the same stage, and runs nothing', () => {
    const r = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'bin/canary-conductor.js'),
        'rollback',
        '--config',
        ws.planPath,
        '--version',
        '1.4.0',
        '--stage',
        'pilot; touch INJECTED',
        '--reason',
        'test',
        '--out',
        ws.dir,
      ],
      { cwd: ws.dir, encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--stage: "pilot; touch INJECTED" is not a stage of the plan');
    expect(existsSync(join(ws.dir, 'INJECTED'))).toBe(false);
  });

  it('a real stage name reaches the command as one quoted argument', async () => {
    await setPlan({ run: ['./scripts/scale-canary.sh {{weight}} {{stage}}'] });
    const before = await ws.scaleLog();
    const run = await rollback('quarter');
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect((await ws.scaleLog()).slice(before.length)).toBe('scale canary to 0\n');
  });
});
