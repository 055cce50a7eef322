import { describe, expect, it } from 'vitest';
import { allowed, nextAllowed, type CalendarConfig } from '../../src/calendar/index.js';

const BIST: CalendarConfig = {
  timezone: 'Europe/Istanbul',
  market_hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:30', close: '18:00' },
  no_schema_changes_during_market_hours: { paths: ['schemas/**', 'migrations/**'] },
  dst_transition_week: { allowed_window: ['06:00', '10:00'] },
  blackout: ['2026-12-31'],
};
const SCHEMA = { paths: ['migrations/0042_add_venue.sql'] };

describe('nextAllowed', () => {
  it('returns the instant itself when it is already allowed', () => {
    const at = new Date('2026-06-17T05:00:00.250Z'); // 08:00 in Istanbul, before the open
    expect(nextAllowed(at, SCHEMA, BIST)?.toISOString()).toBe(at.toISOString());
  });

  it('moves a schema change to the market close, to the minute', () => {
    expect(nextAllowed(new Date('2026-06-17T11:07:13+03:00'), SCHEMA, BIST)?.toISOString()).toBe(
      '2026-06-17T15:00:00.000Z',
    );
  });

  it('finds Monday 00:00 London across a blackout weekend at the end of a transition week', () => {
    // London leaves BST on Sun 2026-10-25; until Sun 2026-11-01 01:00 UTC only 06:00-10:00 is open,
    // market hours 08:00-16:30 on weekdays close 08:00-10:00 to schema changes, and the weekend is blacked out.
    const london: CalendarConfig = {
      timezone: 'Europe/London',
      market_hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '08:00', close: '16:30' },
      no_schema_changes_during_market_hours: { paths: ['schemas/**'] },
      dst_transition_week: { allowed_window: ['06:00', '10:00'] },
      blackout: ['2026-10-31..2026-11-01'],
    };
    const change = { paths: ['schemas/fills.avsc'] };
    const friday = new Date('2026-10-30T10:30:00Z');
    expect(allowed(friday, change, london).ok).toBe(false);
    const next = nextAllowed(friday, change, london, { stepMinutes: 15, limitDays: 7 });
    expect(next?.toISOString()).toBe('2026-11-02T00:00:00.000Z');
    expect(allowed(new Date((next?.getTime() ?? 0) - 60_000), change, london).ok).toBe(false);
    expect(
      allowed(next ?? new Date(NaN), change, london).reasons.every((reason) =>
        reason.includes(': passed - '),
      ),
    ).toBe(true);
  });

  it('finds the Saturday morning window when only the weekend is free, with a coarse step refined to the minute', () => {
    const weekendOnly = {
      ...BIST,
      allow_during_market_hours: false,
      market_hours: { ...BIST.market_hours!, open: '00:00', close: '24:00' },
    };
    const next = nextAllowed(new Date('2026-06-17T12:00:00+03:00'), null, weekendOnly, { stepMinutes: 60 });
    expect(next?.toISOString()).toBe('2026-06-19T21:00:00.000Z'); // Sat 2026-06-20 00:00 Istanbul
  });

  it('returns null when nothing is allowed within the limit', () => {
    const closed = { ...BIST, blackout: ['2026-06-01..2026-06-30'] };
    expect(nextAllowed(new Date('2026-06-10T12:00:00+03:00'), null, closed, { limitDays: 5 })).toBeNull();
  });

  it('validates its options', () => {
    expect(() => nextAllowed(new Date(), null, BIST, { stepMinutes: 0 })).toThrow(
      /stepMinutes: expected a whole number/,
    );
    expect(() => nextAllowed(new Date(), null, BIST, { limitDays: 1000 })).toThrow(/limitDays/);
    expect(() => nextAllowed(new Date(), null, { ...BIST, timezone: 'Mars/Olympus' })).toThrow(
      /Mars\/Olympus/,
    );
  });
});
