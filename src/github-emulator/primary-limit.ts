/**
 * GitHub's primary rate limit: a number of requests per hour per token, counted from the token's first request in
 * the window, reported on every answer in the `x-ratelimit-*` headers, and answered 403 with
 * `x-ratelimit-remaining: 0` once spent. Windows run on the emulator's scaled clock.
 *
 * `x-ratelimit-reset` is epoch seconds. On a scaled clock it is the real now plus the emulated seconds left in the
 * window: a client that waits (reset - now) seconds on its own scaled clock (src/github/client.ts does, through the
 * throttling plugin) then waits exactly until the emulated reset. At scale 1 it is GitHub's value.
 */

/** A user or GitHub App installation token. */
export const DEFAULT_PRIMARY_LIMIT = 5_000;
/** A workflow's GITHUB_TOKEN, per repository. */
export const GITHUB_TOKEN_PRIMARY_LIMIT = 1_000;
/** Requests without a token, per address. */
export const UNAUTHENTICATED_PRIMARY_LIMIT = 60;

const HOUR_MS = 3_600_000;

export interface RateLimitState {
  limit: number;
  used: number;
  remaining: number;
  /** Emulated epoch ms at which the window resets. */
  resetAt: number;
}

interface Window {
  start: number;
  used: number;
}

export class PrimaryLimits {
  private readonly windows = new Map<string, Window>();

  /** Counts a request for `key` at emulated time `now` when the window has room; either way returns the state. */
  admit(key: string, limit: number, now: number): { accepted: boolean; state: RateLimitState } {
    let window = this.windows.get(key);
    if (!window || now >= window.start + HOUR_MS) {
      window = { start: now, used: 0 };
      this.windows.set(key, window);
    }
    const accepted = window.used < limit;
    if (accepted) window.used += 1;
    return {
      accepted,
      state: {
        limit,
        used: window.used,
        remaining: Math.max(0, limit - window.used),
        resetAt: window.start + HOUR_MS,
      },
    };
  }
}

/** The headers GitHub sends on every answer. `emulatedNow` and `realNowMs` place the reset (see above). */
export function rateLimitHeaders(
  state: RateLimitState,
  emulatedNow: number,
  realNowMs: number,
): Record<string, string> {
  const secondsLeft = Math.max(0, Math.ceil((state.resetAt - emulatedNow) / 1000));
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-used': String(state.used),
    'x-ratelimit-reset': String(Math.floor(realNowMs / 1000) + secondsLeft),
    'x-ratelimit-resource': 'core',
  };
}
