/**
 * The faults GitHub really produces, injected in the emulator, handled by the project's client:
 * 5xx and dropped connections are retried with back-off, rate limits are waited out, and what
 * cannot be recovered surfaces as an error after a bounded number of attempts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as gh from '../../src/github/api/index.js';
import { clientForEmulator } from '../github-emulator/client.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';

let emulator: GitHubEmulator;

beforeAll(async () => {
  // 1,000x: the client's 1 s / 4 s / 9 s back-off and 60 s retry-afters take milliseconds.
  emulator = await startGitHubEmulator({
    clockScale: 1000,
    seed: {
      pulls: [
        { number: 1, title: 'one' },
        { number: 2, title: 'two' },
      ],
    },
  });
});

afterAll(async () => {
  await emulator.close();
});

afterEach(() => {
  emulator.clearFaults();
});

function since(mark: number, operationId: string) {
  return emulator.requests.filter((r) => r.seq > mark && r.operationId === operationId);
}

const lastSeq = () => Math.max(0, ...emulator.requests.map((r) => r.seq));

describe('faults', () => {
  it('retries a 502 and a 503 and then succeeds', async () => {
    const mark = lastSeq();
    emulator.setFault({ kind: 'status', status: 502 }, { route: 'pulls/get', times: 1 });
    emulator.setFault({ kind: 'status', status: 503 }, { route: 'pulls/get', times: 1 });
    const { client, repo } = clientForEmulator(emulator);
    expect((await gh.getPull(client, repo, 1)).title).toBe('one');
    // One answering fault per request: the first set (502) answers the first attempt, 503 the retry.
    expect(since(mark, 'pulls/get').map((r) => r.status)).toEqual([502, 503, 200]);
  });

  it('gives up on a persistent 500 after the bounded retries and surfaces the status', async () => {
    const mark = lastSeq();
    emulator.setFault({ kind: 'status', status: 500 }, { route: 'pulls/get' });
    const { client, repo } = clientForEmulator(emulator, { maxServerErrorRetries: 2 });
    await expect(gh.getPull(client, repo, 1)).rejects.toMatchObject({ status: 500 });
    expect(since(mark, 'pulls/get').map((r) => r.status)).toEqual([500, 500, 500]);
  });

  it('retries a write whose connection was reset, and the write lands once', async () => {
    const mark = lastSeq();
    const reset = emulator.setFault({ kind: 'reset' }, { route: 'issues/add-labels', times: 1 });
    const { client, repo } = clientForEmulator(emulator);
    const added = await gh.addLabels(client, repo, 2, ['hold-for-canary']);
    expect(added.performed && added.data.map((l) => l.name)).toEqual(['hold-for-canary']);
    expect(reset.hits()).toBe(1);
    expect(since(mark, 'issues/add-labels').map((r) => r.status)).toEqual([0, 200]);
    expect(emulator.state.labelsOf(2)).toEqual(['hold-for-canary']);
  });

  it('waits out latency', async () => {
    emulator.setFault({ kind: 'latency', ms: 150 }, { route: 'pulls/get', times: 1 });
    const { client, repo } = clientForEmulator(emulator);
    const started = performance.now();
    await gh.getPull(client, repo, 2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('waits out a primary rate limit (403, x-ratelimit-remaining: 0) until the reset and retries', async () => {
    const mark = lastSeq();
    emulator.setFault({ kind: 'primary-rate-limit', resetInSeconds: 30 }, { route: 'pulls/list', times: 2 });
    const { client, repo, log } = clientForEmulator(emulator);
    const pulls: number[] = [];
    for await (const pull of gh.listOpenPulls(client, repo)) pulls.push(pull.number);
    expect(pulls).toEqual([2, 1]);
    const seen = since(mark, 'pulls/list');
    expect(seen.map((r) => r.status)).toEqual([403, 403, 200]);
    expect(seen[0]!.responseHeaders['x-ratelimit-remaining']).toBe('0');
    expect(log.warn.filter((w) => w.startsWith('primary rate limit on GET'))).toHaveLength(2);
  });

  it.each([403, 429] as const)(
    'waits out a secondary rate limit answered with %i and retry-after',
    async (status) => {
      const mark = lastSeq();
      emulator.setFault(
        { kind: 'secondary-rate-limit', status, retryAfterSeconds: 60 },
        { route: 'issues/create-comment', times: 2 },
      );
      const { client, repo, log } = clientForEmulator(emulator);
      const comment = await gh.createComment(client, repo, 1, `frozen ${status}`);
      expect(comment.performed && comment.data.body).toBe(`frozen ${status}`);
      const seen = since(mark, 'issues/create-comment');
      expect(seen.map((r) => r.status)).toEqual([status, status, 201]);
      // 60 emulated seconds is 60 real ms at 1,000x: each retry came at least that long after the refusal.
      expect(seen[1]!.emulatedArrival - seen[0]!.emulatedArrival).toBeGreaterThanOrEqual(59_000);
      expect(seen[2]!.emulatedArrival - seen[1]!.emulatedArrival).toBeGreaterThanOrEqual(59_000);
      expect(
        log.warn.filter((w) => w.startsWith('secondary rate limit on POST') && w.includes('waiting 60s')),
      ).toHaveLength(2);
      expect(
        emulator.state.comments.filter((c) => c.issueNumber === 1 && c.body === `frozen ${status}`),
      ).toHaveLength(1);
    },
  );

  it('surfaces a secondary rate limit that outlasts the bounded retries', async () => {
    const mark = lastSeq();
    emulator.setFault({ kind: 'secondary-rate-limit', retryAfterSeconds: 1 }, { route: 'issues/add-labels' });
    const { client, repo, log } = clientForEmulator(emulator, { maxRateLimitRetries: 2 });
    await expect(gh.addLabels(client, repo, 1, ['x'])).rejects.toMatchObject({ status: 403 });
    expect(since(mark, 'issues/add-labels')).toHaveLength(3);
    expect(log.warn.at(-1)).toMatch(/giving up after 2 retries/);
  });

  it('scopes a fault to its route, and `after` lets the first requests through', async () => {
    const mark = lastSeq();
    emulator.setFault(
      { kind: 'status', status: 404, message: 'Not Found' },
      { route: /\/pulls\/\d+$/, after: 1, times: 1 },
    );
    const { client, repo } = clientForEmulator(emulator);
    await gh.getPull(client, repo, 1);
    await expect(gh.getPull(client, repo, 1)).rejects.toMatchObject({ status: 404 });
    await gh.listLabels(client, repo, 1);
    await gh.getPull(client, repo, 1);
    expect(emulator.requests.filter((r) => r.seq > mark).map((r) => `${r.operationId}:${r.status}`)).toEqual([
      'pulls/get:200',
      'pulls/get:404',
      'issues/list-labels-on-issue:200',
      'pulls/get:200',
    ]);
  });
});

describe('policy mode: at most 100 concurrent requests', () => {
  it('refuses the requests beyond 100 in flight with a secondary-limit answer', async () => {
    const policed = await startGitHubEmulator({ policy: true, seed: { pulls: [{ number: 1 }] } });
    try {
      policed.setFault({ kind: 'latency', ms: 400 });
      // Raw fetch: the client itself never has more than 10 requests in flight.
      const answers = await Promise.all(
        Array.from({ length: 130 }, () =>
          // Authenticated: an anonymous caller would spend GitHub's 60 an hour first.
          fetch(`${policed.url}/repos/acme/spark-trading-api/pulls/1`, {
            headers: { authorization: 'token concurrency-test' },
          }).then(async (r) => ({
            status: r.status,
            body: (await r.json()) as { message: string },
            retryAfter: r.headers.get('retry-after'),
          })),
        ),
      );
      const refused = answers.filter((a) => a.status === 403 || a.status === 429);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(100);
      expect(refused).toHaveLength(30);
      expect(refused.every((a) => /secondary rate limit/.test(a.body.message) && a.retryAfter === '1')).toBe(
        true,
      );
      const report = policed.policyReport();
      expect(report.byLimit.concurrency).toBe(30);
      expect(report.maxConcurrentAccepted).toBe(100);
    } finally {
      await policed.close();
    }
  });
});
