/** The octokit factory: credentials, base URL, user agent, option errors, and the dry-run write gate. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as gh from '../../src/github/api/index.js';
import { createGitHubClient } from '../../src/github/client.js';
import { ConfigurationError } from '../../src/config/errors.js';
import { clientForEmulator, TEST_TOKEN } from '../github-emulator/client.js';
import { fakeSha, startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';

let emulator: GitHubEmulator;
const savedApiUrl = process.env['GITHUB_API_URL'];

beforeAll(async () => {
  emulator = await startGitHubEmulator({
    token: TEST_TOKEN,
    clockScale: 1000,
    seed: {
      pulls: [{ number: 7, title: 'feature', labels: ['feature'], files: ['src/x.ts'] }],
      issues: [{ number: 8, title: 'blocker', labels: ['blocker'] }],
    },
  });
});

afterAll(async () => {
  await emulator.close();
});

afterEach(() => {
  if (savedApiUrl === undefined) delete process.env['GITHUB_API_URL'];
  else process.env['GITHUB_API_URL'] = savedApiUrl;
});

describe('createGitHubClient', () => {
  it('sends the token, the user agent and talks to the given base URL', async () => {
    const { client, repo } = clientForEmulator(emulator, { userAgent: 'canary-conductor/test-ua' });
    const pull = await gh.getPull(client, repo, 7);
    expect(pull.number).toBe(7);
    const seen = emulator.requestsFor('pulls/get').at(-1)!;
    expect(seen.authorization).toBe('token ***');
    expect(seen.userAgent).toMatch(/^canary-conductor\/test-ua /);
  });

  it('takes the base URL from GITHUB_API_URL when none is given', async () => {
    process.env['GITHUB_API_URL'] = emulator.url;
    const before = emulator.requests.length;
    const client = createGitHubClient({
      token: TEST_TOKEN,
      dryRun: false,
      clockScale: 1000,
      maskSecret: () => {},
      log: { info() {}, warn() {} },
    });
    expect(client.baseUrl).toBe(emulator.url);
    const labels = await gh.listLabels(client, { owner: 'acme', repo: 'spark-trading-api' }, 7);
    expect(labels.map((l) => l.name)).toEqual(['feature']);
    expect(emulator.requests.length).toBe(before + 1);
  });

  it("fails with GitHub's 401 when the token is wrong", async () => {
    const { client, repo } = clientForEmulator(emulator, { token: 'fake-token-wrong' });
    await expect(gh.getPull(client, repo, 7)).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/Bad credentials/),
    });
  });

  it('registers the token for masking as it enters', () => {
    const masked: string[] = [];
    createGitHubClient({
      token: 'fake-token-secretvalue',
      baseUrl: emulator.url,
      dryRun: false,
      maskSecret: (s) => masked.push(s),
      log: { info() {}, warn() {} },
    });
    expect(masked).toEqual(['fake-token-secretvalue']);
  });

  it('rejects bad options with a message naming the option', () => {
    const log = { info() {}, warn() {} };
    expect(() => createGitHubClient({ token: ' ', dryRun: false, log })).toThrow(ConfigurationError);
    expect(() => createGitHubClient({ token: ' ', dryRun: false, log })).toThrow(
      /^token: expected a non-empty GitHub token/,
    );
    expect(() => createGitHubClient({ token: 'x', baseUrl: 'not a url', dryRun: false, log })).toThrow(
      /^baseUrl: expected an http\(s\) URL/,
    );
    expect(() => createGitHubClient({ token: 'x', baseUrl: 'ftp://x', dryRun: false, log })).toThrow(
      /^baseUrl: expected an http\(s\) URL/,
    );
    expect(() =>
      createGitHubClient({ token: 'x', baseUrl: emulator.url, clockScale: 0, dryRun: false, log }),
    ).toThrow(/^clockScale: expected a positive number/);
    expect(() =>
      createGitHubClient({ token: 'x', baseUrl: emulator.url, maxRateLimitRetries: -1, dryRun: false, log }),
    ).toThrow(/^maxRateLimitRetries:/);
  });
});

describe('the write gate', () => {
  it('in dry-run, records every write and sends none, while reads still go out', async () => {
    const { client, repo, log } = clientForEmulator(emulator, { dryRun: true });
    const before = emulator.requests.length;
    const labelled = await gh.addLabels(client, repo, 7, ['hold-for-canary']);
    const status = await gh.createCommitStatus(client, repo, {
      sha: fakeSha('x'),
      state: 'failure',
      context: 'release-freeze',
    });
    const release = await gh.createRelease(client, repo, 'v1.4.0');
    expect(labelled).toEqual({
      performed: false,
      wouldWrite: expect.objectContaining({
        operation: 'issues.addLabels',
        summary: 'add labels [hold-for-canary] to #7',
      }),
    });
    expect(status.performed).toBe(false);
    expect(release.performed).toBe(false);
    expect(client.writer.skipped.map((w) => w.operation)).toEqual([
      'issues.addLabels',
      'repos.createCommitStatus',
      'repos.createRelease',
    ]);
    expect(log.info).toEqual([
      'dry-run: would add labels [hold-for-canary] to #7 (POST /repos/acme/spark-trading-api/issues/7/labels)',
      `dry-run: would set status release-freeze=failure on ${fakeSha('x').slice(0, 7)} (POST /repos/acme/spark-trading-api/statuses/${fakeSha('x')})`,
      'dry-run: would create release v1.4.0 (POST /repos/acme/spark-trading-api/releases)',
    ]);
    expect(await gh.listLabels(client, repo, 7)).toHaveLength(1);
    const sent = emulator.requests.slice(before);
    expect(sent.map((r) => r.method)).toEqual(['GET']);
    expect(emulator.state.labelsOf(7)).toEqual(['feature']);
  });

  it('in dry-run, refuses a mutating request that bypasses the gate before it reaches the network', async () => {
    const { client, repo } = clientForEmulator(emulator, { dryRun: true });
    const before = emulator.requests.length;
    await expect(
      client.octokit.rest.issues.addLabels({ ...repo, issue_number: 7, labels: ['sneaky'] }),
    ).rejects.toThrow(/dry-run: refused to send POST/);
    expect(emulator.requests.length).toBe(before);
    expect(emulator.state.labelsOf(7)).toEqual(['feature']);
  });

  it("outside dry-run, performs the write and returns GitHub's answer", async () => {
    const { client, repo } = clientForEmulator(emulator);
    const added = await gh.addLabels(client, repo, 7, ['hold-for-canary']);
    expect(added.performed && added.data.map((l) => l.name)).toEqual(['feature', 'hold-for-canary']);
    const removed = await gh.removeLabel(client, repo, 7, 'hold-for-canary');
    expect(removed.performed && removed.data?.map((l) => l.name)).toEqual(['feature']);
    // Removing it again is a 404 on GitHub, which counts as done.
    const again = await gh.removeLabel(client, repo, 7, 'hold-for-canary');
    expect(again).toEqual({ performed: true, data: null });
    expect(emulator.requestsFor('issues/remove-label').at(-1)!.status).toBe(404);
  });

  it('lists issues by label without the pull requests GitHub mixes in, unless asked', async () => {
    const { client, repo } = clientForEmulator(emulator);
    const numbers = async (labels: string[], includePullRequests: boolean) => {
      const out: number[] = [];
      for await (const issue of gh.listIssues(client, repo, labels, 'open', { includePullRequests }))
        out.push(issue.number);
      return out;
    };
    expect(await numbers(['blocker'], false)).toEqual([8]);
    expect(await numbers([], false)).toEqual([8]);
    expect(await numbers([], true)).toEqual([8, 7]);
  });
});
