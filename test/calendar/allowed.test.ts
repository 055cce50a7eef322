import { describe, expect, it } from 'vitest';
import { allowed, CalendarConfigError, type CalendarConfig } from '../../src/calendar/index.js';

const BIST: CalendarConfig = {
  timezone: 'Europe/Istanbul',
  market_hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:30', close: '18:00' },
  no_schema_changes_during_market_hours: { paths: ['schemas/**', 'migrations/**'] },
  dst_transition_week: { allowed_window: ['06:00', '10:00'] },
  blackout: ['2026-12-31'],
};

const PLAIN = { paths: ['src/orders/router.ts', 'README.md'] };
const SCHEMA = { paths: ['src/orders/router.ts', 'schemas/order.v2.json'] };

/** Istanbul is UTC+03:00 all year, so local wall time is UTC + 3h. */
function istanbul(localIso: string): Date {
  return new Date(`${localIso}+03:00`);
}

function rule(decision: ReturnType<typeof allowed>, name: string) {
  return decision.rules.find((outcome) => outcome.rule === name);
}

describe('allowed: market hours (Europe/Istanbul, Wed 2026-06-17)', () => {
  it.each([
    ['09:29', false],
    ['09:30', true],
    ['17:59', true],
    ['18:00', false],
  ])('%s local is inside market hours: %s', (time, inside) => {
    const decision = allowed(istanbul(`2026-06-17T${time}:00`), PLAIN, BIST);
    expect(decision.inMarketHours).toBe(inside);
    expect(decision.local).toBe(`2026-06-17T${time}:00.000+03:00`);
    expect(rule(decision, 'market_hours')?.reason).toContain(
      `Wed 2026-06-17 ${time} Europe/Istanbul (UTC+03:00)`,
    );
    expect(rule(decision, 'market_hours')?.reason).toContain(
      inside ? 'is inside market hours' : 'is outside market hours',
    );
  });

  it('counts 09:29:59 as before the open', () => {
    expect(allowed(istanbul('2026-06-17T09:29:59'), PLAIN, BIST).inMarketHours).toBe(false);
  });

  it('allows a plain canary during market hours and says why', () => {
    const decision = allowed(istanbul('2026-06-17T11:00:00'), PLAIN, BIST);
    expect(decision.ok).toBe(true);
    expect(decision.reasons).toHaveLength(4);
    expect(rule(decision, 'market_hours')?.reason).toMatch(
      /allowed during market hours because it needs live traffic/,
    );
    expect(rule(decision, 'no_schema_changes_during_market_hours')?.reason).toMatch(
      /none of the 2 changed paths match/,
    );
  });

  it('refuses a schema change during market hours, naming the path, the local time and the zone', () => {
    const decision = allowed(istanbul('2026-06-17T11:00:00'), SCHEMA, BIST);
    expect(decision.ok).toBe(false);
    const schema = rule(decision, 'no_schema_changes_during_market_hours');
    expect(schema?.ok).toBe(false);
    expect(schema?.reason).toContain('schemas/order.v2.json');
    expect(schema?.reason).toContain('Wed 2026-06-17 11:00 Europe/Istanbul');
    expect(decision.reasons.filter((reason) => reason.includes('refused'))).toHaveLength(1);
  });

  it('allows the same schema change after the close and at the weekend', () => {
    expect(allowed(istanbul('2026-06-17T18:00:00'), SCHEMA, BIST).ok).toBe(true);
    const saturday = allowed(istanbul('2026-06-20T11:00:00'), SCHEMA, BIST);
    expect(saturday.ok).toBe(true);
    expect(saturday.inMarketHours).toBe(false);
    expect(rule(saturday, 'market_hours')?.reason).toContain('Sat 2026-06-20 11:00 Europe/Istanbul');
    expect(allowed(istanbul('2026-06-21T11:00:00'), SCHEMA, BIST).inMarketHours).toBe(false);
  });

  it('matches ./-prefixed, backslashed and dot-file schema paths', () => {
    for (const path of ['./migrations/001.sql', 'schemas\\order.json', 'schemas/.version']) {
      expect(allowed(istanbul('2026-06-17T11:00:00'), { paths: [path] }, BIST).ok, path).toBe(false);
    }
  });

  it('refuses an unknown change set (null) during market hours but not outside them', () => {
    const during = allowed(istanbul('2026-06-17T11:00:00'), null, BIST);
    expect(during.ok).toBe(false);
    expect(rule(during, 'no_schema_changes_during_market_hours')?.reason).toMatch(/change set is unknown/);
    expect(allowed(istanbul('2026-06-17T19:00:00'), null, BIST).ok).toBe(true);
  });

  it('refuses every release in market hours when allow_during_market_hours is false', () => {
    const strict = { ...BIST, allow_during_market_hours: false };
    const decision = allowed(istanbul('2026-06-17T11:00:00'), PLAIN, strict);
    expect(decision.ok).toBe(false);
    expect(rule(decision, 'market_hours')?.reason).toMatch(/refused .* allow_during_market_hours is false/);
    expect(allowed(istanbul('2026-06-17T08:00:00'), PLAIN, strict).ok).toBe(true);
  });

  it('treats an overnight session as open after midnight only when it opened the day before', () => {
    const overnight: CalendarConfig = {
      timezone: 'Asia/Tokyo',
      market_hours: { days: ['fri'], open: '22:00', close: '02:00' },
    };
    expect(allowed(new Date('2026-06-19T23:00:00+09:00'), PLAIN, overnight).inMarketHours).toBe(true); // Fri 23:00
    expect(allowed(new Date('2026-06-20T01:59:00+09:00'), PLAIN, overnight).inMarketHours).toBe(true); // Sat 01:59
    expect(allowed(new Date('2026-06-20T02:00:00+09:00'), PLAIN, overnight).inMarketHours).toBe(false);
    expect(allowed(new Date('2026-06-19T01:00:00+09:00'), PLAIN, overnight).inMarketHours).toBe(false); // Fri 01:00, Thu closed
  });
});

describe('allowed: blackout', () => {
  it('refuses on a blackout date by the local date, even when the UTC date is the day before', () => {
    const decision = allowed(new Date('2026-12-30T22:30:00Z'), PLAIN, BIST); // 01:30 on the 31st in Istanbul
    expect(decision.ok).toBe(false);
    expect(rule(decision, 'blackout')?.reason).toBe(
      'blackout: refused - the local date 2026-12-31 at Thu 2026-12-31 01:30 Europe/Istanbul (UTC+03:00) is a blackout date ("2026-12-31").',
    );
  });

  it('allows the day before and the day after', () => {
    expect(allowed(istanbul('2026-12-30T20:59:00'), PLAIN, BIST).ok).toBe(true);
    expect(allowed(istanbul('2027-01-01T00:00:00'), PLAIN, BIST).ok).toBe(true);
  });

  it('accepts inclusive ranges', () => {
    const holidays = { ...BIST, blackout: ['2026-12-24..2026-12-26'] };
    expect(allowed(istanbul('2026-12-23T23:59:00'), PLAIN, holidays).ok).toBe(true);
    expect(allowed(istanbul('2026-12-24T00:00:00'), PLAIN, holidays).ok).toBe(false);
    expect(allowed(istanbul('2026-12-26T23:59:00'), PLAIN, holidays).ok).toBe(false);
    expect(allowed(istanbul('2026-12-27T00:00:00'), PLAIN, holidays).ok).toBe(true);
  });
});

describe('allowed: offset-transition weeks', () => {
  const window = { allowed_window: ['06:00', '10:00'] as [string, string] };

  it.each([
    [
      'Europe/London',
      '2026-03-29T01:00:00.000Z',
      '+00:00',
      '+01:00',
      '2026-03-26T07:00:00Z',
      '2026-03-26T12:00:00Z',
    ],
    [
      'Europe/London',
      '2026-10-25T01:00:00.000Z',
      '+01:00',
      '+00:00',
      '2026-10-28T07:00:00Z',
      '2026-10-28T12:00:00Z',
    ],
    [
      'Europe/London',
      '2027-03-28T01:00:00.000Z',
      '+00:00',
      '+01:00',
      '2027-04-01T06:00:00Z',
      '2027-04-01T09:00:00Z',
    ],
    [
      'Europe/London',
      '2027-10-31T01:00:00.000Z',
      '+01:00',
      '+00:00',
      '2027-10-27T08:00:00Z',
      '2027-10-27T09:00:00Z',
    ],
    [
      'America/New_York',
      '2026-03-08T07:00:00.000Z',
      '-05:00',
      '-04:00',
      '2026-03-05T12:00:00Z',
      '2026-03-05T15:00:00Z',
    ],
    [
      'America/New_York',
      '2026-11-01T06:00:00.000Z',
      '-04:00',
      '-05:00',
      '2026-11-04T12:00:00Z',
      '2026-11-04T15:00:00Z',
    ],
    [
      'America/New_York',
      '2027-03-14T07:00:00.000Z',
      '-05:00',
      '-04:00',
      '2027-03-10T12:00:00Z',
      '2027-03-10T15:00:00Z',
    ],
    [
      'America/New_York',
      '2027-11-07T06:00:00.000Z',
      '-04:00',
      '-05:00',
      '2027-11-10T12:00:00Z',
      '2027-11-10T15:00:00Z',
    ],
  ])(
    '%s transition %s: only the allowed window is open that week',
    (timezone, at, fromOffset, toOffset, inside, outside) => {
      const calendar: CalendarConfig = { timezone, dst_transition_week: window };
      const ok = allowed(new Date(inside), PLAIN, calendar);
      expect(ok.ok).toBe(true);
      expect(ok.dstTransition).toEqual({ at, fromOffset, toOffset });
      expect(ok.reasons[1]).toMatch(/inside the allowed window 06:00-10:00/);

      const refused = allowed(new Date(outside), PLAIN, calendar);
      expect(refused.ok).toBe(false);
      expect(refused.dstTransition).toEqual({ at, fromOffset, toOffset });
      expect(refused.reasons[1]).toContain(
        `dst_transition_week: refused - ${timezone} changes from UTC${fromOffset} to UTC${toOffset} at ${at}`,
      );
      expect(refused.reasons[1]).toMatch(/outside the allowed window 06:00-10:00/);
    },
  );

  it('starts and ends exactly 7 days either side of the change', () => {
    const calendar: CalendarConfig = { timezone: 'Europe/London', dst_transition_week: window };
    const change = Date.UTC(2026, 2, 29, 1, 0); // 01:00 local before and 02:00 local after: outside 06:00-10:00
    const week = 7 * 24 * 60 * 60 * 1000;
    expect(allowed(new Date(change - week), PLAIN, calendar).ok).toBe(false);
    expect(allowed(new Date(change - week - 1), PLAIN, calendar).ok).toBe(true);
    expect(allowed(new Date(change + week), PLAIN, calendar).ok).toBe(false);
    expect(allowed(new Date(change + week + 1), PLAIN, calendar).dstTransition).toBeUndefined();
  });

  it('reports the week but restricts nothing without an allowed_window', () => {
    const decision = allowed(new Date('2026-03-26T12:00:00Z'), PLAIN, { timezone: 'Europe/London' });
    expect(decision.ok).toBe(true);
    expect(decision.dstTransition?.at).toBe('2026-03-29T01:00:00.000Z');
    expect(decision.reasons[1]).toMatch(/no dst_transition_week.allowed_window is configured/);
  });

  it('never restricts Europe/Istanbul in 2026, which has no offset change', () => {
    for (const month of [2, 9]) {
      const decision = allowed(new Date(Date.UTC(2026, month, 28, 12)), PLAIN, BIST);
      expect(decision.dstTransition).toBeUndefined();
      expect(decision.reasons[1]).toMatch(
        /^dst_transition_week: passed - Europe\/Istanbul has no UTC offset change within 7 days/,
      );
    }
  });
});

describe('allowed: bad input', () => {
  it('throws on an invalid zone, naming it, and never evaluates in UTC', () => {
    expect(() =>
      allowed(new Date('2026-06-17T08:00:00Z'), PLAIN, { ...BIST, timezone: 'Europe/Istambul' }),
    ).toThrow(/calendar\.timezone: unknown time zone "Europe\/Istambul"/);
    expect(() => allowed(new Date('2026-06-17T08:00:00Z'), PLAIN, { ...BIST, timezone: 'UTC+3' })).toThrow(
      CalendarConfigError,
    );
    expect(() => allowed(new Date('2026-06-17T08:00:00Z'), PLAIN, { ...BIST, timezone: '' })).toThrow(
      /unknown time zone ""/,
    );
  });

  it('accepts a zone in any letter case and reports its canonical name', () => {
    expect(
      allowed(istanbul('2026-06-17T11:00:00'), PLAIN, { ...BIST, timezone: 'europe/istanbul' }).timezone,
    ).toBe('Europe/Istanbul');
  });

  it.each<[string, Partial<CalendarConfig>, RegExp]>([
    [
      'open',
      { market_hours: { days: ['mon'], open: '9h30', close: '18:00' } },
      /calendar\.market_hours\.open: expected a local time "HH:MM".*got "9h30"/,
    ],
    [
      'close',
      { market_hours: { days: ['mon'], open: '09:30', close: '25:00' } },
      /calendar\.market_hours\.close:.*"25:00"/,
    ],
    [
      'days',
      { market_hours: { days: ['monday' as 'mon'], open: '09:30', close: '18:00' } },
      /calendar\.market_hours\.days\[0\]: expected one of mon/,
    ],
    [
      'empty window',
      { dst_transition_week: { allowed_window: ['06:00', '06:00'] } },
      /calendar\.dst_transition_week\.allowed_window: start and end are both 06:00/,
    ],
    [
      'blackout date',
      { blackout: ['2026-02-30'] },
      /calendar\.blackout\[0\]: expected a date "YYYY-MM-DD".*"2026-02-30"/,
    ],
    [
      'blackout range',
      { blackout: ['2026-12-31', '2026-12-26..2026-12-24'] },
      /calendar\.blackout\[1\]: range "2026-12-26..2026-12-24" ends before it starts/,
    ],
    [
      'schema globs',
      { no_schema_changes_during_market_hours: { paths: [] } },
      /no_schema_changes_during_market_hours\.paths: expected a non-empty list/,
    ],
  ])('names the field for a bad %s', (_, patch, message) => {
    expect(() => allowed(new Date('2026-06-17T08:00:00Z'), PLAIN, { ...BIST, ...patch })).toThrow(message);
  });

  it('refuses a schema rule or a market-hours ban without market hours to apply them to', () => {
    expect(() =>
      allowed(new Date(), PLAIN, {
        timezone: 'Europe/Istanbul',
        no_schema_changes_during_market_hours: { paths: ['schemas/**'] },
      }),
    ).toThrow(/needs calendar\.market_hours/);
    expect(() =>
      allowed(new Date(), PLAIN, { timezone: 'Europe/Istanbul', allow_during_market_hours: false }),
    ).toThrow(/calendar\.allow_during_market_hours/);
  });

  it('refuses an invalid instant and a malformed change set', () => {
    expect(() => allowed(new Date('not a date'), PLAIN, BIST)).toThrow(
      /at: expected a valid Date, got an invalid Date/,
    );
    expect(() =>
      allowed(new Date(), { paths: 'schemas/a.json' } as unknown as { paths: string[] }, BIST),
    ).toThrow(/changeSet\.paths/);
  });
});
