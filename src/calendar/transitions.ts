import type { IANAZone } from 'luxon';
import { formatOffset, requireZone } from './zone.js';
import type { OffsetTransition } from './types.js';

/** A transition with its instant kept as a number for comparisons. */
export interface ZoneTransition extends OffsetTransition {
  atMs: number;
}

const SCAN_STEP_MS = 60 * 60 * 1000;

/**
 * Every change of the zone's UTC offset in [from, to], found from the runtime's tz data rather than
 * a table of DST rules, so a country that abolishes or moves DST (Turkey in 2016) is handled by the
 * data. The scan samples hourly and bisects each change to the millisecond; two changes within one
 * hour would be missed, which no zone has ever had. A DST flag flip without an offset change (Istanbul,
 * 2016-09-07) is not a transition: the clocks did not move.
 */
export function findOffsetTransitions(zone: string | IANAZone, from: Date, to: Date): ZoneTransition[] {
  const ianaZone = typeof zone === 'string' ? requireZone(zone, 'timezone') : zone;
  const transitions: ZoneTransition[] = [];
  const endMs = to.getTime();
  // One millisecond early, so a change exactly at `from` is found: the interval is closed at both ends.
  let previousMs = from.getTime() - 1;
  let previousOffset = ianaZone.offset(previousMs);
  while (previousMs < endMs) {
    const nextMs = Math.min(previousMs + SCAN_STEP_MS, endMs);
    const nextOffset = ianaZone.offset(nextMs);
    if (nextOffset !== previousOffset) {
      const atMs = bisectChange(ianaZone, previousMs, nextMs, previousOffset);
      transitions.push({
        atMs,
        at: new Date(atMs).toISOString(),
        fromOffset: formatOffset(previousOffset),
        toOffset: formatOffset(nextOffset),
      });
    }
    previousMs = nextMs;
    previousOffset = nextOffset;
  }
  return transitions;
}

/** First millisecond in (lowMs, highMs] whose offset differs from `lowOffset`. */
function bisectChange(zone: IANAZone, lowMs: number, highMs: number, lowOffset: number): number {
  let low = lowMs;
  let high = highMs;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (zone.offset(middle) === lowOffset) low = middle;
    else high = middle;
  }
  return high;
}
