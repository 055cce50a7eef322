/**
 * The request loop every HTTP metric source asks through: how many attempts it makes and how long it waits are
 * bounded whatever the server answers; a failure it may not retry is returned at once.
 */
import { describe, expect, it } from 'vitest';
import {
  statusFailure,
  withRetries,
  type Attempted,
  type RetryPolicy,
} from '../../src/metrics/request-loop.js';

function scripted(outcomes: Array<Attempted<number>>) {
  let calls = 0;
  const attempt = async () => outcomes[Math.min(calls++, outcomes.length - 1)]!;
  return { attempt, calls: () => calls };
}

const down: Attempted<number> = {
  ok: false,
  reason: 'unreachable',
  detail: 'cannot connect',
  retry: 'backoff',
};
const limited = (afterMs: number): Attempted<number> => ({
  ok: false,
  reason: 'unreachable',
  detail: 'HTTP 429',
  retry: { afterMs },
});

function policy(extra: Partial<RetryPolicy> = {}) {
  const sleeps: number[] = [];
  return {
    sleeps,
    policy: { retries: 2, backoffMs: 100, sleep: async (ms: number) => void sleeps.push(ms), ...extra },
  };
}

describe('withRetries', () => {
  it('a server that stays down: 1 + retries attempts, backoff doubling, and the count in the reason', async () => {
    const { attempt, calls } = scripted([down]);
    const { sleeps, policy: p } = policy();
    const r = await withRetries(attempt, p);
    expect(r).toEqual({ ...down, detail: 'cannot connect (after 3 attempts)' });
    expect(calls()).toBe(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('answers as soon as an attempt succeeds, and returns a failure it may not retry at once', async () => {
    const recovering = scripted([down, { ok: true, value: 7 }]);
    expect(await withRetries(recovering.attempt, policy().policy)).toEqual({ ok: true, value: 7 });
    expect(recovering.calls()).toBe(2);
    const bad = statusFailure(400, 'HTTP 400: bad query');
    const refused = scripted([bad]);
    expect(await withRetries(refused.attempt, policy().policy)).toEqual(bad);
    expect(refused.calls()).toBe(1);
  });

  it('a rate limit: waits the named time within maxWaitMs, at most `waits` times; never a longer wait', async () => {
    const rateLimit = { waits: 2, maxWaitMs: 5_000, setting: 'rate_limit_wait' };
    const always = scripted([limited(1_000)]);
    const { sleeps, policy: p } = policy({ rateLimit });
    const r = await withRetries(always.attempt, p);
    expect(always.calls()).toBe(3);
    expect(sleeps).toEqual([1_000, 1_000]);
    expect(r.ok ? '' : r.detail).toBe(
      'HTTP 429; not waiting (longer than the 5000 ms rate_limit_wait, or 2 waits already)',
    );
    const long = scripted([limited(60_000)]);
    const later = policy({ rateLimit });
    expect((await withRetries(long.attempt, later.policy)).ok).toBe(false);
    expect(later.sleeps).toEqual([]);
    // A source that does not wait for rate limits returns the failure as it is.
    const noWaits = scripted([limited(1)]);
    expect(await withRetries(noWaits.attempt, policy().policy)).toEqual(limited(1));
  });

  it('classifies statuses: 502/503/504 unreachable and retried, other 5xx a retried query-error, 4xx final', () => {
    expect(statusFailure(503, 'x')).toMatchObject({ reason: 'unreachable', retry: 'backoff' });
    expect(statusFailure(500, 'x')).toMatchObject({ reason: 'query-error', retry: 'backoff' });
    expect(statusFailure(404, 'x')).toEqual({ ok: false, reason: 'query-error', detail: 'x' });
  });
});
