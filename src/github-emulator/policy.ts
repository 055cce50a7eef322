/**
 * GitHub's published secondary rate limits, enforced on the emulator's scaled clock:
 * at most 80 content-creating requests a minute, 500 an hour, and 100 concurrent requests.
 * Every mutating method (POST, PATCH, PUT, DELETE) counts as content-creating, the strict reading.
 */
export interface PolicyLimits {
  contentCreatingPerMinute: number;
  contentCreatingPerHour: number;
  maxConcurrent: number;
  /** Status of a secondary-limit answer; GitHub uses both. `alternate` exercises both. */
  status: 403 | 429 | 'alternate';
  /**
   * Whether a secondary-limit answer carries `retry-after`. GitHub may leave it out, and then a client must wait at
   * least a minute (or until `x-ratelimit-reset` when `x-ratelimit-remaining` is 0). `alternate` exercises both.
   */
  retryAfter: 'always' | 'never' | 'alternate';
}

export const GITHUB_SECONDARY_LIMITS: PolicyLimits = {
  contentCreatingPerMinute: 80,
  contentCreatingPerHour: 500,
  maxConcurrent: 100,
  status: 'alternate',
  retryAfter: 'always',
};

export type PolicyVerdict =
  | { accepted: true }
  | {
      accepted: false;
      limit: 'per-minute' | 'per-hour' | 'concurrency';
      /** null: the answer carries no retry-after. */
      retryAfterSeconds: number | null;
      status: 403 | 429;
    };

const MINUTE = 60_000;
const HOUR = 3_600_000;

export class SecondaryLimitPolicy {
  private readonly accepted: number[] = [];
  private answers = 0;

  constructor(private readonly limits: PolicyLimits) {}

  /** Decides at arrival; `now` is emulated epoch ms, `inFlight` counts this request. */
  admit(now: number, contentCreating: boolean, inFlight: number): PolicyVerdict {
    if (inFlight > this.limits.maxConcurrent) return this.refuse('concurrency', 1);
    if (!contentCreating) return { accepted: true };
    while (this.accepted.length > 0 && this.accepted[0]! <= now - HOUR) this.accepted.shift();
    const inHour = this.accepted.length;
    if (inHour >= this.limits.contentCreatingPerHour) {
      // Room opens when the oldest request that keeps the hour full leaves the window.
      const frees = this.accepted[inHour - this.limits.contentCreatingPerHour]! + HOUR;
      return this.refuse('per-hour', secondsUntil(frees, now));
    }
    const firstInMinute = this.accepted.findIndex((t) => t > now - MINUTE);
    const inMinute = firstInMinute < 0 ? 0 : inHour - firstInMinute;
    if (inMinute >= this.limits.contentCreatingPerMinute) {
      const frees = this.accepted[inHour - this.limits.contentCreatingPerMinute]! + MINUTE;
      return this.refuse('per-minute', secondsUntil(frees, now));
    }
    this.accepted.push(now);
    return { accepted: true };
  }

  private refuse(limit: 'per-minute' | 'per-hour' | 'concurrency', retryAfterSeconds: number): PolicyVerdict {
    this.answers += 1;
    const status =
      this.limits.status === 'alternate' ? (this.answers % 2 === 0 ? 429 : 403) : this.limits.status;
    const sendRetryAfter =
      this.limits.retryAfter === 'alternate' ? this.answers % 2 === 1 : this.limits.retryAfter === 'always';
    return { accepted: false, limit, retryAfterSeconds: sendRetryAfter ? retryAfterSeconds : null, status };
  }
}

/** retry-after is whole seconds, as GitHub sends it; rounded up so a client that obeys it is admitted. */
function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}
