/**
 * Faults GitHub really produces, injected per route or globally. A fault is answered before the
 * route runs, so the state does not change (as when GitHub fails a request).
 */
export type Fault =
  /** A 5xx (or any) status with GitHub's error body. */
  | { kind: 'status'; status?: number; message?: string }
  /** The connection is destroyed before any answer. */
  | { kind: 'reset' }
  /** Real milliseconds added before the request is handled; other faults still apply after it. */
  | { kind: 'latency'; ms: number }
  /**
   * 403 with `x-ratelimit-remaining: 0`. `x-ratelimit-reset` is real epoch seconds (the throttling
   * plugin compares it with Date.now()), `resetInSeconds` ahead. The limit is lifted by count
   * (`times`), not by the clock.
   */
  | { kind: 'primary-rate-limit'; resetInSeconds?: number }
  /**
   * 403 or 429 with GitHub's secondary-limit message and `retry-after` in emulated seconds (default 60); `null`
   * leaves the header out, as GitHub may.
   */
  | { kind: 'secondary-rate-limit'; status?: 403 | 429; retryAfterSeconds?: number | null };

export interface FaultScope {
  /** An operationId (`issues/add-labels`) or a path regex; every route when left out. */
  route?: string | RegExp;
  method?: string;
  /** Matching requests to let through before the fault starts. Default 0. */
  after?: number;
  /** Matching requests that get the fault. Default: all of them until removed. */
  times?: number;
}

export interface FaultHandle {
  readonly id: number;
  /** Requests this fault was applied to. */
  hits(): number;
  remove(): void;
}

interface ActiveFault {
  id: number;
  fault: Fault;
  scope: FaultScope;
  seen: number;
  hits: number;
}

export class FaultTable {
  private readonly active: ActiveFault[] = [];
  private nextId = 1;

  add(fault: Fault, scope: FaultScope = {}): FaultHandle {
    if (fault.kind === 'latency' && (!Number.isFinite(fault.ms) || fault.ms < 0))
      throw new Error(`latency fault: ms must be >= 0, got ${fault.ms}`);
    const entry: ActiveFault = { id: this.nextId++, fault, scope, seen: 0, hits: 0 };
    this.active.push(entry);
    return {
      id: entry.id,
      hits: () => entry.hits,
      remove: () => {
        const index = this.active.indexOf(entry);
        if (index >= 0) this.active.splice(index, 1);
      },
    };
  }

  clear(): void {
    this.active.length = 0;
  }

  /**
   * The faults that apply to this request: every latency in scope, then at most one answering fault
   * (the first set). Only the faults applied count against their `times`.
   */
  take(method: string, path: string, operationId: string | null): Fault[] {
    const applied: Fault[] = [];
    let answered = false;
    for (const entry of this.active) {
      const { route, method: wantedMethod, after = 0, times = Number.POSITIVE_INFINITY } = entry.scope;
      if (wantedMethod && wantedMethod.toUpperCase() !== method) continue;
      if (typeof route === 'string' && route !== operationId) continue;
      if (route instanceof RegExp && !route.test(path)) continue;
      entry.seen += 1;
      if (entry.seen <= after || entry.hits >= times) continue;
      if (entry.fault.kind !== 'latency') {
        if (answered) continue;
        answered = true;
      }
      entry.hits += 1;
      applied.push(entry.fault);
    }
    return applied;
  }
}

export const SECONDARY_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
  'If you reach out to GitHub Support for help, please include the request ID {id}.';
export const SECONDARY_LIMIT_DOCS =
  'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits';
export const PRIMARY_LIMIT_DOCS =
  'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits';
