/**
 * Keeps a burst of writes under GitHub's published secondary limits for content-creating requests:
 * at most 80 a minute and 500 an hour. The octokit throttling plugin only reacts after GitHub refused a
 * request (and GitHub may then block the token for longer); labelling a thousand pull requests needs the
 * hourly budget planned ahead, so every write of a freeze run asks the pacer first.
 */
import { sleepFor, type Clock } from '../platform/clock.js';
import type { PrimaryLimitGate } from './primary-limit.js';

export const GITHUB_CONTENT_LIMITS = { perMinute: 80, perHour: 500 } as const;

const MINUTE = 60_000;
const HOUR = 3_600_000;

export interface WritePacer {
  /** Runs one write when the budget allows it and records it against the windows. */
  run<T>(write: () => Promise<T>): Promise<T>;
  /**
   * Waits until `count` writes can run back to back without waiting, so a batch reads fresh state right before
   * it writes instead of reading, then sleeping for the hourly window, then writing on stale data.
   */
  ready(count: number): Promise<void>;
  /** Writes run so far and the total time spent waiting for budget (clock ms). */
  readonly stats: { writes: number; waitedMs: number };
  /**
   * Clock ms from now until `count` more writes are done if they ran as fast as the limits allow: the secondary
   * windows as this pacer has filled them, and the primary window when the token's gate is known. An estimate
   * for the ETA a run prints, not a promise (reads between writes and other jobs spend the same token).
   */
  estimateMs(count: number): number;
}

export interface WritePacerOptions {
  /** The clock GitHub's limits are counted on (the real clock against GitHub, the emulator's in tests). */
  clock: Clock;
  perMinute?: number;
  perHour?: number;
  /** Extra distance from a window edge; covers the gap between our clock and GitHub's arrival time. */
  marginMs?: number;
  /** A run that would need to wait past this many ms in total stops with an error instead of running on. */
  maxTotalWaitMs?: number;
  /** The primary-limit gate of the token the writes go out with; the gate itself holds the requests. */
  primary?: Pick<PrimaryLimitGate, 'estimateWaitMs'>;
  log?: (line: string) => void;
}

export class WriteBudgetExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteBudgetExceeded';
  }
}

export function createWritePacer(options: WritePacerOptions): WritePacer {
  const perMinute = options.perMinute ?? GITHUB_CONTENT_LIMITS.perMinute;
  const perHour = options.perHour ?? GITHUB_CONTENT_LIMITS.perHour;
  const margin = options.marginMs ?? 1000;
  const maxTotalWait = options.maxTotalWaitMs ?? 5 * HOUR;
  // Completion times: a write that finished at t arrived at GitHub no later than t, so counting from the
  // finish is on the safe side of every window.
  const done: number[] = [];
  const stats = { writes: 0, waitedMs: 0 };

  // The time from which `count` more writes fit both windows, after the writes in `history`.
  const earliestStart = (count = 1, history: readonly number[] = done): number => {
    let at = 0;
    const hourSlot = history.length - (perHour - count) - 1;
    if (hourSlot >= 0) at = Math.max(at, history[hourSlot]! + HOUR + margin);
    const minuteSlot = history.length - (perMinute - count) - 1;
    if (minuteSlot >= 0) at = Math.max(at, history[minuteSlot]! + MINUTE + margin);
    return at;
  };

  const waitFor = async (count: number): Promise<void> => {
    const wait = earliestStart(count) - options.clock.now().getTime();
    if (wait > 0) {
      if (stats.waitedMs + wait > maxTotalWait) {
        throw new WriteBudgetExceeded(
          `write budget: ${stats.writes} writes done; the next one would need ${Math.round(wait / 1000)} s more waiting, ` +
            `past the limit of ${Math.round(maxTotalWait / 1000)} s (GitHub allows ${perMinute}/min and ${perHour}/h); re-run to continue, it converges`,
        );
      }
      options.log?.(
        `write budget: ${stats.writes} writes so far; waiting ${Math.round(wait / 1000)} s for GitHub's ${done.length >= perHour ? 'hourly' : 'per-minute'} limit`,
      );
      await sleepFor(options.clock, wait);
      stats.waitedMs += wait;
    }
  };

  return {
    stats,
    estimateMs(count: number): number {
      const now = options.clock.now().getTime();
      const history = done.slice(-perHour);
      let last = now;
      for (let i = 0; i < count; i++) {
        last = Math.max(last, earliestStart(1, history));
        history.push(last);
      }
      return Math.max(last - now, options.primary?.estimateWaitMs(count) ?? 0);
    },
    async ready(count: number): Promise<void> {
      await waitFor(Math.max(1, Math.min(count, perMinute, perHour)));
    },
    async run<T>(write: () => Promise<T>): Promise<T> {
      await waitFor(1);
      try {
        return await write();
      } finally {
        done.push(options.clock.now().getTime());
        stats.writes += 1;
        // Only the last `perHour` entries can ever matter.
        if (done.length > perHour * 2) done.splice(0, done.length - perHour);
      }
    },
  };
}

/** A pacer that never waits (dry-run, where nothing is written). */
export function unpacedWrites(): WritePacer {
  const stats = { writes: 0, waitedMs: 0 };
  return {
    stats,
    estimateMs: () => 0,
    async ready(): Promise<void> {},
    async run<T>(write: () => Promise<T>): Promise<T> {
      stats.writes += 1;
      return write();
    },
  };
}

/**
 * The least time, first write to last, that GitHub's published limits allow for `writes` content-creating
 * requests: the greedy schedule (each write as early as both windows permit) is optimal for sliding windows.
 */
export function writeFloorMs(
  writes: number,
  limits: { perMinute: number; perHour: number } = GITHUB_CONTENT_LIMITS,
): number {
  if (!Number.isInteger(writes) || writes < 0)
    throw new Error(`writeFloorMs: expected a whole number of writes, got ${writes}`);
  const t: number[] = [];
  for (let i = 0; i < writes; i++) {
    let at = i === 0 ? 0 : t[i - 1]!;
    if (i >= limits.perMinute) at = Math.max(at, t[i - limits.perMinute]! + MINUTE);
    if (i >= limits.perHour) at = Math.max(at, t[i - limits.perHour]! + HOUR);
    t.push(at);
  }
  return writes === 0 ? 0 : t[writes - 1]!;
}
