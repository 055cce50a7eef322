import { performance } from 'node:perf_hooks';

/**
 * The emulator's clock. `scale` emulated milliseconds pass for each real millisecond, so GitHub's
 * per-minute and per-hour limits can be exercised in seconds. Emulated time starts at the real
 * epoch time the emulator started.
 */
export interface EmulatedClock {
  readonly scale: number;
  /** Emulated epoch milliseconds. */
  now(): number;
  /** Real milliseconds since the emulator started (for concurrency accounting). */
  realElapsed(): number;
}

export function createScaledClock(scale: number, startEpochMs = Date.now()): EmulatedClock {
  if (!Number.isFinite(scale) || scale <= 0)
    throw new Error(`clockScale: expected a positive number, got ${scale}`);
  const realStart = performance.now();
  return {
    scale,
    now: () => startEpochMs + (performance.now() - realStart) * scale,
    realElapsed: () => performance.now() - realStart,
  };
}
