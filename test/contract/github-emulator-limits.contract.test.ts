/**
 * The emulator is no kinder than GitHub: the primary rate limit per token with `x-ratelimit-*` on every answer,
 * secondary limits with and without `retry-after`, and the permission model of a job's token. Each is driven
 * through the project's real client, and each refusal is held to GitHub's documented error shape.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as gh from '../../src/github/api/index.js';
import { clientForEmulator } from '../github-emulator/client.js';
import {
  DEFAULT_PRIMARY_LIMIT,
  GITHUB_TOKEN_PRIMARY_LIMIT,
  jobPermissions,
  NOT_ACCESSIBLE,
  ROUTES,
  startGitHubEmulator,
  WRITE_PERMISSIONS,
  type GitHubEmulator,
  type RecordedRequest,
} from '../github-emulator/index.js';
import { sharedValidator } from './openapi-validator.js';

const RELEASE_WORKFLOW = '.github/workflows/canary-release.yml';
const SHA = 'c'.repeat(40);
const validator = sharedValidator();
const open: GitHubEmulator[] = [];

async function emulator(options: Parameters<typeof startGitHubEmulator>[0]): Promise<GitHubEmulator> {
  const em = await startGitHubEmulator({ seed: { pulls: [{ number: 1 }, { number: 2 }] }, ...options });
  open.push(em);
  return em;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((em) => em.close()));
});

function expectRateHeaders(r: RecordedRequest): void {
  const h = r.responseHeaders;
  const what = `${r.method} ${r.path} -> ${r.status}`;
  for (const name of ['limit', 'remaining', 'used', 'reset'])
    expect(h[`x-ratelimit-${name}`], `${what}: x-ratelimit-${name}`).toMatch(/^\d+$/);
  expect(h['x-ratelimit-resource'], what).toBe('core');
  expect(Number(h['x-ratelimit-remaining']), what).toBe(
    Math.max(0, Number(h['x-ratelimit-limit']) - Number(h['x-ratelimit-used'])),
  );
}

describe('primary rate limit: x-ratelimit-* on every answer, a budget per token', () => {
  it('every answer, success or error, carries the headers, and each request spends one', async () => {
    const em = await emulator({ token: 'token-a', clockScale: 1000 });
    const { client, repo } = clientForEmulator(em, { token: 'token-a' });
    await gh.getPull(client, repo, 1);
    await gh.addLabels(client, repo, 1, ['hold-for-canary']);
    await expect(gh.getPull(client, repo, 404)).rejects.toMatchObject({ status: 404 });
    await expect(
      gh.putEnvironment(client, repo, 'canary-1', { reviewers: [{ type: 'User', id: 999_999 }] }),
    ).rejects.toMatchObject({ status: 422 });
    em.setFault({ kind: 'status', status: 502 }, { route: 'pulls/get', times: 1 });
    await gh.getPull(client, repo, 2);
    const anonymous = await fetch(`${em.url}/repos/acme/spark-trading-api/pulls/1`);
    expect(anonymous.status).toBe(401);

    expect(em.requests.map((r) => r.status)).toEqual([200, 200, 404, 422, 502, 200, 401]);
    for (const r of em.requests) expectRateHeaders(r);
    const mine = em.requests.slice(0, 6);
    expect(mine.map((r) => Number(r.responseHeaders['x-ratelimit-used']))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(mine.map((r) => r.responseHeaders['x-ratelimit-limit']))).toEqual(
      new Set([String(DEFAULT_PRIMARY_LIMIT)]),
    );
    // Without a valid token the caller is anonymous: GitHub's 60 an hour, counted apart.
    expect(em.requests[6]!.responseHeaders['x-ratelimit-limit']).toBe('60');
    expect(em.requests[6]!.responseHeaders['x-ratelimit-used']).toBe('1');
    const reset = Number(mine[0]!.responseHeaders['x-ratelimit-reset']);
    expect(reset).toBeGreaterThan(Date.now() / 1000);
  });

  it("a spent token is refused 403 with remaining 0 and GitHub's message; another token is not, and the window resets", async () => {
    // 36,000x: an emulated hour in 100 real ms.
    const em = await emulator({
      tokens: { 'job-a': { primaryLimit: 2 }, 'job-b': { primaryLimit: GITHUB_TOKEN_PRIMARY_LIMIT } },
      clockScale: 36_000,
    });
    const raw = (token: string) =>
      fetch(`${em.url}/repos/acme/spark-trading-api/pulls/1`, {
        headers: { authorization: `token ${token}` },
      });
    expect((await raw('job-a')).status).toBe(200);
    expect((await raw('job-a')).status).toBe(200);
    const refused = await raw('job-a');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const body = (await refused.json()) as { message: string };
    expect(body.message).toMatch(/^API rate limit exceeded for installation ID \d+\.$/);
    expect(validator.validateResponse('pulls/get', 403, body)).toEqual({ valid: true, errors: [] });
    const other = await raw('job-b');
    expect(other.status).toBe(200);
    expect(other.headers.get('x-ratelimit-limit')).toBe('1000');
    await new Promise((r) => setTimeout(r, 150));
    const after = await raw('job-a');
    expect(after.status).toBe(200);
    expect(after.headers.get('x-ratelimit-used')).toBe('1');
  });

  it('the project client waits a spent budget out until x-ratelimit-reset, then succeeds', async () => {
    const em = await emulator({ tokens: { 'job-a': { primaryLimit: 2 } }, clockScale: 36_000 });
    const { client, repo, log } = clientForEmulator(em, { token: 'job-a' });
    await gh.getPull(client, repo, 1);
    await gh.getPull(client, repo, 1);
    await gh.getPull(client, repo, 2);
    expect(em.requests.map((r) => r.status)).toEqual([200, 200, 403, 200]);
    expect(em.requests[2]!.outcome).toBe('primary-limit');
    // The retry came after the emulated window reset, not before.
    expect(em.requests[3]!.emulatedArrival - em.requests[0]!.emulatedArrival).toBeGreaterThanOrEqual(
      3_600_000,
    );
    expect(log.warn.some((w) => w.startsWith('primary rate limit on GET'))).toBe(true);
  });
});

describe('secondary limits with and without retry-after', () => {
  it("without retry-after the client waits GitHub's one minute, then succeeds", async () => {
    const em = await emulator({ clockScale: 1000 });
    em.setFault(
      { kind: 'secondary-rate-limit', retryAfterSeconds: null },
      { route: 'issues/add-labels', times: 1 },
    );
    const { client, repo, log } = clientForEmulator(em);
    await gh.addLabels(client, repo, 1, ['hold-for-canary']);
    const seen = em.requestsFor('issues/add-labels');
    expect(seen.map((r) => r.status)).toEqual([403, 200]);
    expect(seen[0]!.responseHeaders).not.toHaveProperty('retry-after');
    expectRateHeaders(seen[0]!);
    expect(seen[1]!.emulatedArrival - seen[0]!.emulatedArrival).toBeGreaterThanOrEqual(59_000);
    expect(log.warn.some((w) => w.includes('waiting 60s'))).toBe(true);
  });

  it('policy mode can answer with and without retry-after (GitHub may do either)', async () => {
    const em = await emulator({
      policy: { contentCreatingPerMinute: 1, retryAfter: 'alternate', status: 403 },
      clockScale: 1,
    });
    const post = () =>
      fetch(`${em.url}/repos/acme/spark-trading-api/issues/1/labels`, {
        method: 'POST',
        headers: { authorization: 'token t', 'content-type': 'application/json' },
        body: JSON.stringify({ labels: ['x'] }),
      });
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await post());
    expect(answers.map((a) => a.status)).toEqual([200, 403, 403]);
    expect(
      answers
        .slice(1)
        .map((a) => a.headers.has('retry-after'))
        .sort(),
    ).toEqual([false, true]);
    for (const a of answers.slice(1))
      expect(((await a.json()) as { message: string }).message).toMatch(/secondary rate limit/);
  });
});

describe('permissions: a token carries the permissions of the job that holds it', () => {
  it('the freeze-start job may label and set statuses but not open a deployment; release-tag may publish a release but not label', async () => {
    const em = await emulator({
      clockScale: 1000,
      tokens: {
        'freeze-start': { permissions: jobPermissions(RELEASE_WORKFLOW, 'freeze-start') },
        'release-tag': { permissions: jobPermissions(RELEASE_WORKFLOW, 'release-tag') },
      },
    });
    const freeze = clientForEmulator(em, { token: 'freeze-start' });
    const tagger = clientForEmulator(em, { token: 'release-tag' });
    await gh.addLabels(freeze.client, freeze.repo, 1, ['hold-for-canary']);
    await gh.createCommitStatus(freeze.client, freeze.repo, {
      sha: SHA,
      state: 'pending',
      context: 'release-freeze',
    });
    await expect(
      gh.createDeployment(freeze.client, freeze.repo, {
        ref: 'main',
        environment: 'canary-1',
        requiredContexts: [],
      }),
    ).rejects.toMatchObject({ status: 403, message: expect.stringContaining(NOT_ACCESSIBLE) });
    await gh.createRelease(tagger.client, tagger.repo, 'v1.4.0', { targetCommitish: 'main' });
    await expect(gh.addLabels(tagger.client, tagger.repo, 2, ['x'])).rejects.toMatchObject({ status: 403 });
    // Reads need no write scope.
    await gh.getPull(tagger.client, tagger.repo, 2);

    const forbidden = em.requests.filter((r) => r.outcome === 'forbidden');
    expect(forbidden.map((r) => r.operationId)).toEqual(['repos/create-deployment', 'issues/add-labels']);
    for (const r of forbidden) {
      expect(r.responseBody).toEqual({
        message: NOT_ACCESSIBLE,
        documentation_url: 'https://docs.github.com/rest',
        status: '403',
      });
      expect(validator.validateResponse(r.operationId!, 403, r.responseBody).valid).toBe(true);
    }
    // A refused write changes nothing and is not retried.
    expect(em.state.labelsOf(2)).toEqual([]);
    expect([...em.state.releases.values()].map((r) => r.tagName)).toEqual(['v1.4.0']);
    expect(em.requestsFor('repos/create-deployment')).toHaveLength(1);
    expect(em.requestsFor('issues/add-labels')).toHaveLength(2);
  });

  it('permissions: {} grants no write at all', async () => {
    const em = await emulator({ clockScale: 1000, tokens: { none: { permissions: {} } } });
    const { client, repo } = clientForEmulator(em, { token: 'none' });
    await expect(gh.createComment(client, repo, 1, 'hi')).rejects.toMatchObject({ status: 403 });
    await expect(gh.addLabels(client, repo, 1, ['x'])).rejects.toMatchObject({ status: 403 });
  });

  it('every write route has a permission rule, and every job of the release workflow declares its permissions', () => {
    const writes = ROUTES.filter((r) => r.method !== 'GET').map((r) => r.operationId);
    expect(writes.filter((op) => !(op in WRITE_PERMISSIONS))).toEqual([]);
    for (const job of [
      'plan',
      'freeze-start',
      'preflight',
      'stage-1',
      'rollback',
      'promote',
      'release-tag',
      'first-night',
      'mini-rca',
      'freeze-end',
    ])
      expect(() => jobPermissions(RELEASE_WORKFLOW, job), job).not.toThrow();
    expect(jobPermissions(RELEASE_WORKFLOW, 'plan')).toEqual({ contents: 'read' });
  });
});
