/**
 * The one clock. Time sits behind this interface so the same code runs live (real time), in a replay of history
 * (time jumps to each sample at once), against the GitHub emulator (its scaled clock) and in simulations (a
 * virtual clock that a test or the simulator moves). Code that only stamps or compares times takes
 * `Pick<Clock, 'now'>`; code that waits (the stage loop, the write pacer) takes the whole clock.
 */
export interface Clock {
  now(): Date;
  /** Resolves at `t` (at once if `t` is past). Rejects with the signal's reason if the signal aborts first. */
  sleepUntil(t: Date, signal?: AbortSignal): Promise<void>;
}

/** Waits `ms` on the clock's own time (a virtual clock moves at once, the real one waits). */
export function sleepFor(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return clock.sleepUntil(new Date(clock.now().getTime() + ms), signal);
}

export class AbortedError extends Error {
  constructor(reason?: unknown) {
    super(reason instanceof Error ? reason.message : reason ? String(reason) : 'aborted');
    this.name = 'AbortedError';
  }
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortedError(signal.reason);
}

export const realClock: Clock = {
  now: () => new Date(),
  sleepUntil(t, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortedError(signal.reason));
      const ms = t.getTime() - Date.now();
      if (ms <= 0) return resolve();
      const onAbort = () => {
        clearTimeout(timer);
        reject(new AbortedError(signal?.reason));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

export interface VirtualClock extends Clock {
  /** Moves the clock forward (never back). */
  advanceTo(t: Date): void;
}

/** A clock that only moves when slept on or advanced: simulations and engine tests. */
export function virtualClock(start: Date): VirtualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advanceTo(t) {
      current = Math.max(current, t.getTime());
    },
    async sleepUntil(t, signal) {
      throwIfAborted(signal);
      current = Math.max(current, t.getTime());
    },
  };
}

/**
 * Replaying a past window: time jumps to each sample at once, but never past the real present, because
 * Prometheus cannot answer for a moment that has not happened yet (a replay reaching "now" waits for it, which
 * is exactly what a live run would have done).
 */
export function replayClock(start: Date, real: Clock = realClock): Clock {
  const inner = virtualClock(start);
  return {
    now: inner.now,
    async sleepUntil(t, signal) {
      if (t.getTime() > real.now().getTime()) await real.sleepUntil(t, signal);
      await inner.sleepUntil(t, signal);
    },
  };
}
