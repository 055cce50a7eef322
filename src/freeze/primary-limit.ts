/**
 * GitHub's primary rate limit: a token may make `x-ratelimit-limit` requests per window (5,000 an hour for a user
 * or App, 1,000 an hour per repository for a workflow's GITHUB_TOKEN), reads included, and every answer says how
 * many are left (`x-ratelimit-remaining`) and when the window resets (`x-ratelimit-reset`, epoch seconds). A
 * freeze over 1,000 PRs makes more requests than GITHUB_TOKEN's hour holds, so it must wait for the reset
 * before GitHub refuses, not after (a refused token may be blocked for longer). This gate reads the headers of
 * every answer, success or error, and holds the next request while the window is spent.
 */
import type { GitHubClient } from '../github/client.js';
import { sleepFor, type Clock } from '../platform/clock.js';

export interface PrimaryLimitWindow {
  limit: number;
  remaining: number;
  /** Epoch ms on GitHub's clock when the window resets. */
  resetAtMs: number;
  resource: string | null;
}

export interface PrimaryLimitGate {
  /** What the last answer said, or null before the first answer (or against a server that sends no headers). */
  current(): PrimaryLimitWindow | null;
  /** Requests the gate let through and the total time it held them (clock ms). */
  readonly stats: { requests: number; waitedMs: number; waits: number };
  /**
   * The clock ms from now until `count` more requests fit, assuming nothing else spends the token: 0 when the
   * window holds them, else the resets they have to wait for.
   */
  estimateWaitMs(count: number): number;
}

export interface PrimaryLimitOptions {
  /** The clock GitHub's limits are counted on (the real clock against GitHub, the emulator's in tests). */
  clock: Clock;
  /** Requests left unspent in each window, for the other jobs holding the same token and requests in flight. */
  reserve?: number;
  /** Extra distance past a reset, for the gap between our clock and GitHub's. */
  marginMs?: number;
  log?: (line: string) => void;
}

type Headers = Record<string, string | number | undefined>;

function header(headers: Headers | undefined, name: string): number | null {
  const raw = headers?.[name];
  if (raw === undefined || raw === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

/** The window an answer describes, or null when it carries no (or partial) `x-ratelimit-*` headers. */
export function windowFromHeaders(headers: Headers | undefined): PrimaryLimitWindow | null {
  const limit = header(headers, 'x-ratelimit-limit');
  const remaining = header(headers, 'x-ratelimit-remaining');
  const reset = header(headers, 'x-ratelimit-reset');
  if (limit === null || remaining === null || reset === null) return null;
  const resource = headers?.['x-ratelimit-resource'];
  return {
    limit,
    remaining,
    resetAtMs: reset * 1000,
    resource: typeof resource === 'string' ? resource : null,
  };
}

/**
 * Hooks the gate into every request of `client` (the freeze's own client; one gate per token). Only the `core`
 * resource is tracked: search and GraphQL have windows of their own.
 */
export function watchPrimaryLimit(client: GitHubClient, options: PrimaryLimitOptions): PrimaryLimitGate {
  const reserve = options.reserve ?? 10;
  const margin = options.marginMs ?? 1000;
  const stats = { requests: 0, waitedMs: 0, waits: 0 };
  let window: PrimaryLimitWindow | null = null;
  // Requests sent since the last answer was read: they spend the window before their answers say so.
  let inFlight = 0;

  const observe = (headers: Headers | undefined) => {
    const seen = windowFromHeaders(headers);
    if (!seen || (seen.resource !== null && seen.resource !== 'core')) return;
    if (window === null || seen.resetAtMs > window.resetAtMs) window = seen;
    else if (seen.resetAtMs === window.resetAtMs)
      window.remaining = Math.min(window.remaining, seen.remaining);
  };

  const admit = async () => {
    for (;;) {
      const now = options.clock.now().getTime();
      if (window !== null && now >= window.resetAtMs + margin) {
        // A new window: GitHub restores the full limit at the reset.
        window = { ...window, remaining: window.limit, resetAtMs: window.resetAtMs + 3_600_000 };
      }
      if (window === null || window.remaining - inFlight > reserve) return;
      const wait = window.resetAtMs + margin - now;
      options.log?.(
        `primary rate limit: ${window.remaining} of ${window.limit} requests left in this window; waiting ${Math.round(wait / 1000)} s for the reset`,
      );
      stats.waits += 1;
      stats.waitedMs += wait;
      await sleepFor(options.clock, wait);
    }
  };

  client.octokit.hook.wrap('request', async (request, requestOptions) => {
    await admit();
    inFlight += 1;
    stats.requests += 1;
    let settled = false;
    const settle = (headers: Headers | undefined) => {
      if (settled) return;
      settled = true;
      inFlight -= 1;
      if (window !== null) window.remaining = Math.max(0, window.remaining - 1);
      observe(headers);
    };
    try {
      const response = await request(requestOptions);
      settle(response.headers as Headers);
      return response;
    } catch (error) {
      settle((error as { response?: { headers?: Headers } }).response?.headers);
      throw error;
    }
  });

  return {
    stats,
    current: () => (window === null ? null : { ...window }),
    estimateWaitMs(count: number): number {
      if (window === null) return 0;
      const now = options.clock.now().getTime();
      const usable = window.limit - reserve;
      const left = now >= window.resetAtMs ? usable : window.remaining - reserve;
      if (count <= left) return 0;
      if (usable <= 0) return Infinity;
      const windowsAfter = Math.ceil((count - Math.max(0, left)) / usable);
      return Math.max(0, window.resetAtMs + margin - now) + (windowsAfter - 1) * 3_600_000;
    },
  };
}
