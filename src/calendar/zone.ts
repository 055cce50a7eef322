import { IANAZone } from 'luxon';
import { CalendarConfigError } from './errors.js';

/** True when `name` is an IANA zone the runtime knows. Offsets like `UTC+3` are not zones. */
export function validateTimezone(name: unknown): boolean {
  return typeof name === 'string' && name.trim() !== '' && IANAZone.isValidZone(name);
}

/**
 * Returns the zone, or throws naming it. Luxon turns an unknown zone into an invalid DateTime and
 * other libraries into UTC; a market-hours rule evaluated in the wrong zone would pass at the wrong
 * hour, so this refuses instead.
 */
export function requireZone(name: unknown, field = 'calendar.timezone'): IANAZone {
  if (!validateTimezone(name)) {
    throw new CalendarConfigError(
      field,
      `unknown time zone ${JSON.stringify(name)}; expected an IANA name such as "Europe/Istanbul" (it is never replaced by UTC)`,
    );
  }
  return IANAZone.create(canonicalZoneName(name as string));
}

/** `europe/istanbul` and `Europe/Istanbul` are the same zone; reasons should show one spelling. */
function canonicalZoneName(name: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: name.trim() }).resolvedOptions().timeZone;
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
