import type { IANAZone } from 'luxon';
import picomatch from 'picomatch';
import { CalendarConfigError } from './errors.js';
import { parseDailyWindow, type DailyWindow } from './local-time.js';
import type { CalendarConfig, Weekday } from './types.js';
import { requireZone } from './zone.js';

/** luxon numbers weekdays 1 (Monday) .. 7 (Sunday). */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface BlackoutEntry {
  text: string;
  first: string;
  last: string;
}

/** The calendar parsed once, so a search over thousands of instants does not re-parse it. */
export interface CompiledCalendar {
  zone: IANAZone;
  timezone: string;
  marketHours?: { days: Set<number>; dayNames: Weekday[]; window: DailyWindow };
  allowDuringMarketHours: boolean;
  schemaGuard?: { globs: string[]; matches: (path: string) => boolean };
  dstWindow?: DailyWindow;
  blackout: BlackoutEntry[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function compileCalendar(calendar: CalendarConfig): CompiledCalendar {
  if (calendar === null || typeof calendar !== 'object') {
    throw new CalendarConfigError('calendar', 'expected a mapping with at least "timezone"');
  }
  const zone = requireZone(calendar.timezone);
  const marketHours =
    calendar.market_hours === undefined ? undefined : compileMarketHours(calendar.market_hours);

  const allowDuringMarketHours = calendar.allow_during_market_hours ?? true;
  if (typeof allowDuringMarketHours !== 'boolean') {
    throw new CalendarConfigError(
      'calendar.allow_during_market_hours',
      `expected true or false, got ${JSON.stringify(allowDuringMarketHours)}`,
    );
  }
  if (!allowDuringMarketHours && marketHours === undefined) {
    throw new CalendarConfigError(
      'calendar.allow_during_market_hours',
      'is false but calendar.market_hours is not set, so there are no hours to refuse',
    );
  }

  const schemaGuard =
    calendar.no_schema_changes_during_market_hours === undefined
      ? undefined
      : compileSchemaGuard(calendar.no_schema_changes_during_market_hours, marketHours !== undefined);

  const dstWindow =
    calendar.dst_transition_week === undefined ? undefined : compileDstWindow(calendar.dst_transition_week);

  return {
    zone,
    timezone: zone.name,
    marketHours,
    allowDuringMarketHours,
    schemaGuard,
    dstWindow,
    blackout: compileBlackout(calendar.blackout),
  };
}

function compileMarketHours(
  section: NonNullable<CalendarConfig['market_hours']>,
): CompiledCalendar['marketHours'] {
  const field = 'calendar.market_hours';
  if (section === null || typeof section !== 'object') {
    throw new CalendarConfigError(field, 'expected a mapping with days, open and close');
  }
  if (!Array.isArray(section.days) || section.days.length === 0) {
    throw new CalendarConfigError(`${field}.days`, `expected a non-empty list of ${WEEKDAYS.join(', ')}`);
  }
  const days = new Set<number>();
  section.days.forEach((day, index) => {
    const number = WEEKDAYS.indexOf(day) + 1;
    if (number === 0) {
      throw new CalendarConfigError(
        `${field}.days[${index}]`,
        `expected one of ${WEEKDAYS.join(', ')}, got ${JSON.stringify(day)}`,
      );
    }
    days.add(number);
  });
  const window = parseDailyWindow(section.open, section.close, {
    window: field,
    start: `${field}.open`,
    end: `${field}.close`,
  });
  const dayNames = WEEKDAYS.filter((_, index) => days.has(index + 1));
  return { days, dayNames, window };
}

function compileSchemaGuard(
  section: NonNullable<CalendarConfig['no_schema_changes_during_market_hours']>,
  hasMarketHours: boolean,
): CompiledCalendar['schemaGuard'] {
  const field = 'calendar.no_schema_changes_during_market_hours';
  if (!hasMarketHours) {
    throw new CalendarConfigError(field, 'needs calendar.market_hours to say when the market is open');
  }
  const globs = section?.paths;
  if (
    !Array.isArray(globs) ||
    globs.length === 0 ||
    globs.some((glob) => typeof glob !== 'string' || glob.trim() === '')
  ) {
    throw new CalendarConfigError(
      `${field}.paths`,
      'expected a non-empty list of path globs such as "schemas/**"',
    );
  }
  // dot: a schema file named .something is still a schema change; failing to match it would pass it.
  const matches = picomatch(globs, { dot: true });
  return { globs, matches: (path) => matches(normalizePath(path)) };
}

function compileDstWindow(section: NonNullable<CalendarConfig['dst_transition_week']>): DailyWindow {
  const field = 'calendar.dst_transition_week.allowed_window';
  const window = section?.allowed_window;
  if (!Array.isArray(window) || window.length !== 2) {
    throw new CalendarConfigError(field, 'expected two local times ["HH:MM", "HH:MM"]');
  }
  return parseDailyWindow(window[0], window[1], { window: field, start: `${field}[0]`, end: `${field}[1]` });
}

function compileBlackout(entries: CalendarConfig['blackout']): BlackoutEntry[] {
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) {
    throw new CalendarConfigError(
      'calendar.blackout',
      'expected a list of dates "YYYY-MM-DD" or ranges "YYYY-MM-DD..YYYY-MM-DD"',
    );
  }
  return entries.map((entry, index) => {
    const field = `calendar.blackout[${index}]`;
    if (typeof entry !== 'string') {
      throw new CalendarConfigError(
        field,
        `expected a date "YYYY-MM-DD" or a range "YYYY-MM-DD..YYYY-MM-DD", got ${JSON.stringify(entry)}`,
      );
    }
    const parts = entry.trim().split('..');
    if (parts.length > 2 || !parts.every(isCalendarDate)) {
      throw new CalendarConfigError(
        field,
        `expected a date "YYYY-MM-DD" or a range "YYYY-MM-DD..YYYY-MM-DD", got "${entry}"`,
      );
    }
    const first = parts[0] as string;
    const last = parts[1] ?? first;
    if (last < first) {
      throw new CalendarConfigError(field, `range "${entry}" ends before it starts`);
    }
    return { text: entry.trim(), first, last };
  });
}

function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** git prints `a/b`, people type `./a/b` and Windows tools `a\b`; the globs are written for the first. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
