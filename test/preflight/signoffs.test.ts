/**
 * `signoffs` checks through the real octokit client against the GitHub emulator: every sign-off environment of the
 * plan exists with required reviewers; a required stage sign-off without them fails before the release starts,
 * naming the environment and, on a private repository, saying plainly that GitHub's plan may offer none.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryVisibility } from '../../src/action/event-repository.js';
import { parsePlan } from '../../src/config/index.js';
import { createGitHubClient } from '../../src/github/client.js';
import { signoffEnvironments } from '../../src/preflight/checks/signoffs.js';
import { runPreflight } from '../../src/preflight/runner.js';
import type { GitHubTarget } from '../../src/preflight/types.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { check, deps, initRepo, tempDir } from './support.js';

const PLAN = `version: 1
release: { service: spark-trading-api }
metrics:
  prometheus: { url: "http://127.0.0.1:9" }
  queries:
    p95_latency_ms: { query: 'q{track="{{track}}"}' }
guardrails:
  api_p95: { metric: p95_latency_ms, pass: { below: 200 }, hard: { above: 400 } }
stages:
  - { name: pilot, traffic: 1, duration: 4s, interval: 2s, environment: canary-1, guardrails: [api_p95] }
  - { name: quarter, traffic: 25, duration: 4s, interval: 2s, environment: Canary-25, guardrails: [api_p95] }
  - { name: shadow, traffic: 50, duration: 4s, interval: 2s, environment: canary-50, signoff: optional, guardrails: [api_p95] }
  - { name: full, traffic: 100, duration: 4s, interval: 2s, environment: production, guardrails: [api_p95] }
signoff:
  first_night: { environment: first-night, window: 24h, slo_burn_rate_max: 1.5, slo_burn_rate_query: 'slo:burn_rate24h{track="{{track}}"}' }
`;

let emulator: GitHubEmulator;
let repo: ReturnType<typeof tempDir>;

beforeAll(async () => {
  repo = tempDir('preflight-signoffs-');
  initRepo(repo.dir);
  emulator = await startGitHubEmulator({
    seed: {
      owner: 'acme',
      repo: 'spark-trading-api',
      users: [{ login: 'jane-doe' }, { login: 'risk-manager' }],
      environments: [
        { name: 'canary-1', reviewers: [{ type: 'User', login: 'jane-doe' }] },
        // Created in GitHub as "canary-25"; the plan writes Canary-25, which GitHub treats as the same name.
        { name: 'canary-25', reviewers: [{ type: 'User', login: 'jane-doe' }] },
        { name: 'canary-50' },
        { name: 'first-night', wait_timer: 1440 },
      ],
    },
  });
});

afterAll(async () => {
  await emulator?.close();
  repo?.cleanup();
});

function target(visibility?: string): GitHubTarget {
  return {
    client: createGitHubClient({
      token: 'fake-token-signoffsCheck',
      baseUrl: emulator.url,
      dryRun: true,
      log: { info: () => {}, warn: () => {} },
      maxServerErrorRetries: 0,
    }),
    repo: { owner: 'acme', repo: 'spark-trading-api' },
    sha: 'a'.repeat(40),
    ...(visibility ? { visibility } : {}),
  };
}

async function run(plan: string, visibility?: string) {
  const parsed = parsePlan(plan, 'plan');
  const report = await runPreflight(
    [check({ name: 'signoffs', signoffs: {} })],
    deps(repo.dir, { github: target(visibility) }),
    {
      version: '1.4.0',
      service: 'spark-trading-api',
      cwd: repo.dir,
      signoffEnvironments: signoffEnvironments(parsed),
    },
  );
  return report.results[0]!;
}

describe('preflight signoffs', () => {
  it('lists each sign-off environment once, required only for stages that require one', () => {
    expect(signoffEnvironments(parsePlan(PLAN, 'plan'))).toEqual([
      { environment: 'canary-1', field: 'stages[0].environment', required: true },
      { environment: 'Canary-25', field: 'stages[1].environment', required: true },
      { environment: 'canary-50', field: 'stages[2].environment', required: false },
      { environment: 'production', field: 'stages[3].environment', required: true },
      { environment: 'first-night', field: 'signoff.first_night.environment', required: false },
    ]);
  });

  it('fails naming a missing environment of a required stage; on a private repository it says the plan may offer no reviewers', async () => {
    const r = await run(PLAN, 'private');
    expect(r.status).toBe('fail');
    expect(r.observed).toBe(
      'canary-1: jane-doe; Canary-25: jane-doe; canary-50: no reviewers; production: missing; first-night: no reviewers',
    );
    expect(r.message).toBe(
      "production (stages[3].environment) does not exist: GitHub would run those stages' jobs without asking anyone, and the stage gate refuses a stage nobody approved (signoff: required), so the release would stop at the first of them with traffic already moved by the stages before. This repository is private, and GitHub offers required reviewers on private repositories only with GitHub Enterprise: on a Free, Pro or Team plan no reviewer can ever be required here, so no sign-off can be given. Add reviewers (canary-conductor setup-environments), or set signoff: optional on those stages to run them deliberately without a sign-off",
    );
  });

  it('passes once every required stage environment has reviewers, reporting the optional ones without them', async () => {
    emulator.state.putEnvironment('production', { reviewers: [{ type: 'User', login: 'risk-manager' }] });
    const r = await run(PLAN, 'public');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'canary-50 (stages[2].environment) has no required reviewers; first-night (signoff.first_night.environment) has no required reviewers: their jobs run unreviewed, which the plan allows (signoff: optional, or a sign-off after promotion); GitHub offers required reviewers on public repositories on every plan',
    );
  });

  it('a plan without sign-off environments, or no GitHub access, is an error, never a pass', async () => {
    const none = await run(
      PLAN.replace(/, environment: [^,]+(, signoff: optional)?/g, '').replace(/signoff:\n.*\n/, ''),
    );
    expect(none.status).toBe('error');
    expect(none.message).toMatch(/found no environment in the plan/);
    const report = await runPreflight([check({ name: 'signoffs', signoffs: {} })], deps(repo.dir), {
      version: '1.4.0',
      service: 'spark-trading-api',
      cwd: repo.dir,
      signoffEnvironments: signoffEnvironments(parsePlan(PLAN, 'plan')),
    });
    expect(report.results[0]).toMatchObject({ status: 'error', observed: 'no GitHub client' });
  });

  it('reads the repository visibility from the workflow event payload, or says nothing', () => {
    const file = (payload: unknown) => {
      const p = path.join(repo.dir, `event-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(p, JSON.stringify(payload));
      return p;
    };
    expect(repositoryVisibility(file({ repository: { visibility: 'internal', private: true } }))).toBe(
      'internal',
    );
    expect(repositoryVisibility(file({ repository: { private: true } }))).toBe('private');
    expect(repositoryVisibility(file({ repository: { private: false } }))).toBe('public');
    expect(repositoryVisibility(file({}))).toBeNull();
    expect(repositoryVisibility(path.join(repo.dir, 'missing.json'))).toBeNull();
    expect(repositoryVisibility('')).toBeNull();
  });
});
