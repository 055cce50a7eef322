import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { findOffsetTransitions } from '../../src/calendar/index.js';

function yearScan(zone: string, year: number) {
  return findOffsetTransitions(zone, new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year + 1, 0, 1)));
}

function localDay(iso: string, zone: string) {
  const local = DateTime.fromISO(iso, { zone });
  return {
    weekday: local.weekday,
    day: local.day,
    daysInMonth: local.daysInMonth as number,
    month: local.month,
  };
}

describe('findOffsetTransitions', () => {
  it.each([
    [2026, '2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z'],
    [2027, '2027-03-28T01:00:00.000Z', '2027-10-31T01:00:00.000Z'],
  ])(
    'finds Europe/London %i on the last Sundays of March and October at 01:00 UTC',
    (year, spring, autumn) => {
      const found = yearScan('Europe/London', year);
      expect(found.map(({ at, fromOffset, toOffset }) => ({ at, fromOffset, toOffset }))).toEqual([
        { at: spring, fromOffset: '+00:00', toOffset: '+01:00' },
        { at: autumn, fromOffset: '+01:00', toOffset: '+00:00' },
      ]);
      for (const transition of found) {
        const day = localDay(transition.at, 'Europe/London');
        expect(day.weekday).toBe(7);
        expect(day.daysInMonth - day.day).toBeLessThan(7);
      }
    },
  );

  it.each([
    [2026, '2026-03-08T07:00:00.000Z', '2026-11-01T06:00:00.000Z'],
    [2027, '2027-03-14T07:00:00.000Z', '2027-11-07T06:00:00.000Z'],
  ])(
    'finds America/New_York %i on the second Sunday of March and the first of November at 02:00 local',
    (year, spring, autumn) => {
      const found = yearScan('America/New_York', year);
      expect(found.map(({ at, fromOffset, toOffset }) => ({ at, fromOffset, toOffset }))).toEqual([
        { at: spring, fromOffset: '-05:00', toOffset: '-04:00' },
        { at: autumn, fromOffset: '-04:00', toOffset: '-05:00' },
      ]);
      const [march, november] = found.map((transition) => localDay(transition.at, 'America/New_York'));
      expect(march).toMatchObject({ weekday: 7, month: 3 });
      expect(Math.ceil((march?.day ?? 0) / 7)).toBe(2);
      expect(november).toMatchObject({ weekday: 7, month: 11 });
      expect(november?.day).toBeLessThanOrEqual(7);
    },
  );

  it.each([2026, 2027])('finds no offset change in Europe/Istanbul over all of %i', (year) => {
    expect(yearScan('Europe/Istanbul', year)).toEqual([]);
  });

  it('finds the last Istanbul change, 2016-03-27 +02:00 -> +03:00, and none for the later DST abolition (offset unchanged)', () => {
    const found = findOffsetTransitions(
      'Europe/Istanbul',
      new Date('2016-01-01T00:00:00Z'),
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(found.map(({ at, fromOffset, toOffset }) => ({ at, fromOffset, toOffset }))).toEqual([
      { at: '2016-03-27T01:00:00.000Z', fromOffset: '+02:00', toOffset: '+03:00' },
    ]);
  });

  it('pins the transition to the millisecond: the instant before still has the old offset', () => {
    const [spring] = yearScan('Europe/London', 2026);
    expect(spring?.atMs).toBe(Date.UTC(2026, 2, 29, 1, 0, 0));
    expect(DateTime.fromMillis((spring?.atMs ?? 0) - 1, { zone: 'Europe/London' }).offset).toBe(0);
    expect(DateTime.fromMillis(spring?.atMs ?? 0, { zone: 'Europe/London' }).offset).toBe(60);
  });

  it('refuses an unknown zone by name instead of scanning UTC', () => {
    expect(() => yearScan('Europe/Atlantis', 2026)).toThrow(/Europe\/Atlantis/);
  });
});
