/**
 * setup-environments against the GitHub emulator (users and teams served by test/github-emulator/setup-routes.ts):
 * the plan's environments are created with resolved reviewer ids, wait timers and prevent self-review; a second
 * run changes nothing; dry-run prints the exact requests and writes nothing; bad reviewers are named.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, parsePlan } from '../../src/config/index.js';
import { run } from '../../src/cli/commands/setup-environments.js';
import { desiredEnvironments, parseReviewer } from '../../src/setup/desired-environments.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { startSetupFront, type SetupFront } from '../github-emulator/setup-routes.js';

const PLAN = `version: 1
release: { service: spark-trading-api }
metrics:
  prometheus: { url: "http://127.0.0.1:9" }
  queries:
    error_rate_pct: { query: 'sum(rate(x{track="{{track}}"}[1m]))' }
guardrails:
  error_rate: { metric: error_rate_pct, pass: { below: 1 }, hard: { above: 3 } }
stages:
  - { name: pilot, traffic: 1, duration: 15m, interval: 2m, environment: canary-1, guardrails: [error_rate] }
  - { name: half, traffic: 50, duration: 15m, interval: 2m, environment: canary-50, guardrails: [error_rate] }
  - { name: full, traffic: 100, duration: 30m, interval: 2m, environment: production, guardrails: [error_rate] }
signoff:
  first_night: { environment: first-night, window: 24h, slo_burn_rate_max: 1.5, slo_burn_rate_query: 'slo:burn_rate24h{track="{{track}}"}' }
environments:
  canary-1: { reviewers: [jane-doe] }
  canary-50: { reviewers: ["@omar", acme/sre], wait_timer: 5m, prevent_self_review: false }
  production: { reviewers: [jane-doe, acme/risk] }
  first-night: { reviewers: [risk-manager] }
  hotfix: { reviewers: [omar] }
`;

function io(env: Record<string, string>) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (t: string) => (out.stdout += t),
      stderr: (t: string) => (out.stderr += t),
      env,
      cwd: process.cwd(),
    },
  };
}

describe('setup-environments', () => {
  let emulator: GitHubEmulator;
  let front: SetupFront;
  let planPath: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    emulator = await startGitHubEmulator({
      seed: {
        owner: 'acme',
        repo: 'spark',
        users: [
          { login: 'jane-doe', id: 501 },
          { login: 'omar', id: 502 },
          { login: 'risk-manager', id: 503 },
        ],
        teams: [
          { slug: 'sre', id: 901 },
          { slug: 'risk', id: 902 },
        ],
      },
    });
    front = await startSetupFront(emulator);
    const dir = mkdtempSync(join(tmpdir(), 'setup-env-'));
    planPath = join(dir, 'canary.yml');
    writeFileSync(planPath, PLAN);
    env = { SETUP_TOKEN: 'fake-token-setupToken000000000000000000000000', GITHUB_API_URL: front.url };
  });
  afterAll(async () => {
    await front?.close();
    await emulator?.close();
  });

  it('derives every environment the plan names, with the first night window as its wait timer', () => {
    const desired = desiredEnvironments(parsePlan(PLAN, 'plan'));
    expect(desired.map((d) => d.name)).toEqual([
      'canary-1',
      'canary-50',
      'production',
      'first-night',
      'hotfix',
    ]);
    expect(desired.find((d) => d.name === 'first-night')!.waitTimerMinutes).toBe(1440);
    expect(desired.find((d) => d.name === 'canary-50')).toMatchObject({
      waitTimerMinutes: 5,
      preventSelfReview: false,
    });
    expect(parseReviewer('@omar', 'f')).toEqual({ type: 'User', login: 'omar' });
    expect(parseReviewer('acme/SRE', 'f')).toEqual({ type: 'Team', org: 'acme', slug: 'sre' });
    expect(() => parseReviewer('not a login!', 'environments.x.reviewers[0]')).toThrow(
      /environments\.x\.reviewers\[0\]: "not a login!" is not a reviewer/,
    );
  });

  it('dry-run prints the exact requests and writes nothing', async () => {
    const { out, io: cio } = io(env);
    const code = await run(
      ['--config', planPath, '--repo', 'acme/spark', '--token-env', 'SETUP_TOKEN', '--dry-run'],
      cio,
    );
    expect(code).toBe(0);
    expect(out.stdout).toContain('would-create canary-1: jane-doe; wait 0 min; prevent self-review true');
    expect(out.stdout).toContain(
      'PUT /repos/acme/spark/environments/canary-50 {"wait_timer":5,"prevent_self_review":false,"reviewers":[{"type":"User","id":502},{"type":"Team","id":901}]}',
    );
    expect(out.stdout).toContain(
      'PUT /repos/acme/spark/environments/first-night {"wait_timer":1440,"prevent_self_review":true,"reviewers":[{"type":"User","id":503}]}',
    );
    expect(emulator.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    expect(emulator.state.environments.size).toBe(0);
  });

  it('creates the environments, then a second run changes nothing', async () => {
    const first = io(env);
    expect(
      await run(['--config', planPath, '--repo', 'acme/spark', '--token-env', 'SETUP_TOKEN'], first.io),
    ).toBe(0);
    expect(first.out.stdout).toMatch(/^created {6}canary-1: jane-doe/m);
    const prod = emulator.state.environments.get('production')!;
    expect(
      prod.reviewers.map((r) => (r.type === 'User' ? `user:${r.user.id}` : `team:${r.team.id}`)),
    ).toEqual(['user:501', 'team:902']);
    expect(prod.preventSelfReview).toBe(true);
    expect(emulator.state.environments.get('first-night')!.waitTimer).toBe(1440);
    expect(emulator.state.environments.get('canary-50')).toMatchObject({
      waitTimer: 5,
      preventSelfReview: false,
    });
    expect(front.served).toEqual(expect.arrayContaining(['users/get-by-username', 'teams/get-by-name']));

    const puts = emulator.requests.filter((r) => r.method === 'PUT').length;
    expect(puts).toBe(5);
    const second = io(env);
    expect(
      await run(['--config', planPath, '--repo', 'acme/spark', '--token-env', 'SETUP_TOKEN'], second.io),
    ).toBe(0);
    expect(
      second.out.stdout
        .trim()
        .split('\n')
        .every((l) => l.startsWith('unchanged')),
    ).toBe(true);
    expect(emulator.requests.filter((r) => r.method === 'PUT')).toHaveLength(puts);
  });

  it('updates an environment that drifted', async () => {
    emulator.state.putEnvironment('canary-1', { wait_timer: 30 });
    const { out, io: cio } = io(env);
    expect(await run(['--config', planPath, '--repo', 'acme/spark', '--token-env', 'SETUP_TOKEN'], cio)).toBe(
      0,
    );
    expect(out.stdout).toMatch(/^updated {6}canary-1: jane-doe; wait 0 min/m);
    expect(emulator.state.environments.get('canary-1')!.waitTimer).toBe(0);
  });

  it('names an unknown reviewer, a missing token and a wait timer GitHub cannot hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'setup-env-bad-'));
    const bad = join(dir, 'canary.yml');
    writeFileSync(bad, PLAN.replace('reviewers: [risk-manager]', 'reviewers: [nobody-here]'));
    await expect(
      run(['--config', bad, '--repo', 'acme/spark', '--token-env', 'SETUP_TOKEN'], io(env).io),
    ).rejects.toThrow(/environments\.first-night\.reviewers\[0\]: GitHub has no user nobody-here/);
    await expect(
      run(['--config', planPath, '--repo', 'acme/spark', '--token-env', 'NOT_SET'], io(env).io),
    ).rejects.toThrow(ConfigurationError);
    writeFileSync(bad, PLAN.replace('wait_timer: 5m', 'wait_timer: 90s'));
    await expect(
      run(['--config', bad, '--repo', 'acme/spark', '--token-env', 'SETUP_TOKEN'], io(env).io),
    ).rejects.toThrow(/environments\.canary-50\.wait_timer: 90s is not a whole number of minutes/);
  });
});
