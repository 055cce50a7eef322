/**
 * The one request loop of the HTTP metric sources: ask, and on a failure worth asking again for, wait and ask again.
 *
 * Bounded in count: at most 1 + `retries` + `rateLimit.waits` attempts. Bounded in time: each attempt is bounded by
 * its source's per-request timeout, and the waits add at most `backoffMs * (2^retries - 1)` (backoff doubling from
 * `backoffMs`) plus `rateLimit.waits * rateLimit.maxWaitMs`; a server-named wait longer than `maxWaitMs` is never
 * slept (the failure is returned instead), so a gate evaluation cannot be stretched past its interval by a server.
 *
 * What is worth asking again for is the attempt's to say (`retry` on its failure): connection errors and 5xx are
 * usually a restart or a proxy hiccup ('backoff'); a rate limit names when it resets ({ afterMs }); a 4xx or a
 * timeout is not retried (a bad query stays bad, and a slow server should not get more load).
 */
import type { UnmeasurableReason } from './source.js';

export interface RequestFailure {
  ok: false;
  reason: UnmeasurableReason;
  detail: string;
  /** Ask again after a backoff, or after the wait the server named; absent: do not ask again. */
  retry?: 'backoff' | { afterMs: number };
}

export type Attempted<T> = { ok: true; value: T } | RequestFailure;

export interface RetryPolicy {
  /** Extra attempts after failures marked 'backoff'. */
  retries: number;
  /** The first backoff delay; it doubles each retry. */
  backoffMs: number;
  /** Waits for a server-named reset (HTTP 429); without this, such a failure is returned at once. */
  rateLimit?: { waits: number; maxWaitMs: number; setting: string };
  sleep: (ms: number) => Promise<void>;
}

export async function withRetries<T>(
  attempt: () => Promise<Attempted<T>>,
  policy: RetryPolicy,
): Promise<Attempted<T>> {
  let backoffs = 0;
  let rateLimitWaits = 0;
  // Each pass either returns or increments one of the two counters, and both are capped: the loop ends.
  for (;;) {
    const outcome = await attempt();
    if (outcome.ok || !outcome.retry) return outcome;
    if (outcome.retry === 'backoff') {
      if (backoffs >= policy.retries)
        return policy.retries > 0
          ? { ...outcome, detail: `${outcome.detail} (after ${backoffs + 1} attempts)` }
          : outcome;
      await policy.sleep(policy.backoffMs * 2 ** backoffs);
      backoffs++;
      continue;
    }
    const limit = policy.rateLimit;
    if (!limit || rateLimitWaits >= limit.waits || outcome.retry.afterMs > limit.maxWaitMs)
      return {
        ...outcome,
        detail: limit
          ? `${outcome.detail}; not waiting (longer than the ${limit.maxWaitMs} ms ${limit.setting}, or ${limit.waits} waits already)`
          : outcome.detail,
      };
    await policy.sleep(outcome.retry.afterMs);
    rateLimitWaits++;
  }
}

/** The reason of an HTTP error status: 502/503/504 mean the server is not there; 5xx is asked again, 4xx is not. */
export function statusFailure(status: number, detail: string): RequestFailure {
  if (status >= 500)
    return {
      ok: false,
      reason: [502, 503, 504].includes(status) ? 'unreachable' : 'query-error',
      detail,
      retry: 'backoff',
    };
  return { ok: false, reason: 'query-error', detail };
}
