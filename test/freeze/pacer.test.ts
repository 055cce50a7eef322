import { describe, expect, it } from 'vitest';
import { createWritePacer, writeFloorMs, WriteBudgetExceeded } from '../../src/freeze/pacer.js';
import { maxInSlidingWindow } from '../github-emulator/index.js';

/** A clock that only moves when the pacer sleeps (or a write takes time): the schedule is exact. */
function virtualClock() {
  let now = 0;
  return {
    now: () => new Date(now),
    sleepUntil: async (t: Date) => void (now = Math.max(now, t.getTime())),
    advance: (ms: number) => void (now += ms),
  };
}

describe('write floor from GitHub published limits (80/min, 500/h)', () => {
  it('is 0 for one write, whole minutes for up to 500, and an hour more per further 500', () => {
    expect(writeFloorMs(0)).toBe(0);
    expect(writeFloorMs(1)).toBe(0);
    expect(writeFloorMs(80)).toBe(0);
    expect(writeFloorMs(81)).toBe(60_000);
    expect(writeFloorMs(500)).toBe(6 * 60_000);
    expect(writeFloorMs(501)).toBe(3_600_000);
    expect(writeFloorMs(1000)).toBe(3_600_000 + 6 * 60_000);
  });
});

describe('createWritePacer', () => {
  it('never lets more than 80 writes into a minute or 500 into an hour, and is close to the floor', async () => {
    const clock = virtualClock();
    const pacer = createWritePacer({ clock, marginMs: 0 });
    const times: number[] = [];
    for (let i = 0; i < 1200; i++) {
      await pacer.run(async () => {
        times.push(clock.now().getTime());
        clock.advance(5); // each write takes 5 ms
      });
    }
    expect(maxInSlidingWindow(times, 60_000)).toBeLessThanOrEqual(80);
    expect(maxInSlidingWindow(times, 3_600_000)).toBeLessThanOrEqual(500);
    const span = times[times.length - 1]! - times[0]!;
    expect(span).toBeGreaterThanOrEqual(writeFloorMs(1200));
    expect(span).toBeLessThan(writeFloorMs(1200) + 60_000);
  });

  it('stops with a clear error rather than waiting past its bound', async () => {
    const clock = virtualClock();
    const pacer = createWritePacer({ clock, perMinute: 2, perHour: 2, maxTotalWaitMs: 10_000 });
    await pacer.run(async () => undefined);
    await pacer.run(async () => undefined);
    await expect(pacer.run(async () => undefined)).rejects.toBeInstanceOf(WriteBudgetExceeded);
  });
});
