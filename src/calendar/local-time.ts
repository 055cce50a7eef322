import { CalendarConfigError } from './errors.js';

/** A wall-clock time of day. `minutesOfDay` is 0..1440; 1440 (`24:00`) only closes a window. */
export interface LocalTime {
  hour: number;
  minute: number;
  minutesOfDay: number;
}

const LOCAL_TIME = /^(\d{1,2}):(\d{2})$/;

/**
 * Parses `HH:MM` (24-hour clock, `00:00`..`24:00`). Throws a `CalendarConfigError` naming `field`
 * and quoting the text, because a misread opening time would quietly move the market.
 */
export function parseLocalTime(text: unknown, field = 'time'): LocalTime {
  if (typeof text !== 'string') {
    throw new CalendarConfigError(field, `expected a local time "HH:MM" as a string, got ${describe(text)}`);
  }
  const match = LOCAL_TIME.exec(text.trim());
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2]) : NaN;
  const valid = match !== null && minute <= 59 && (hour <= 23 || (hour === 24 && minute === 0));
  if (!valid) {
    throw new CalendarConfigError(
      field,
      `expected a local time "HH:MM" between 00:00 and 24:00, got "${text}"`,
    );
  }
  return { hour, minute, minutesOfDay: hour * 60 + minute };
}

export function formatMinutes(minutesOfDay: number): string {
  const hour = Math.floor(minutesOfDay / 60);
  const minute = minutesOfDay % 60;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * A daily window [start, end). When end < start it runs past midnight (a 22:00-02:00 session);
 * equal ends are refused because they could mean "never" or "always" (write 00:00-24:00 for all day).
 */
export interface DailyWindow {
  start: number;
  end: number;
  text: string;
}

export function parseDailyWindow(
  startText: unknown,
  endText: unknown,
  fields: { window: string; start: string; end: string },
): DailyWindow {
  const start = parseLocalTime(startText, fields.start);
  const end = parseLocalTime(endText, fields.end);
  if (start.minutesOfDay === 1440) {
    throw new CalendarConfigError(fields.start, 'a window cannot start at 24:00; use 00:00');
  }
  if (start.minutesOfDay === end.minutesOfDay) {
    throw new CalendarConfigError(
      fields.window,
      `start and end are both ${formatMinutes(start.minutesOfDay)}; a window must have a length`,
    );
  }
  return {
    start: start.minutesOfDay,
    end: end.minutesOfDay,
    text: `${formatMinutes(start.minutesOfDay)}-${formatMinutes(end.minutesOfDay)}`,
  };
}

/** True when the minute of day lies in the window, ignoring which day it opened on. */
export function windowContains(window: DailyWindow, minutesOfDay: number): boolean {
  if (window.start < window.end) return minutesOfDay >= window.start && minutesOfDay < window.end;
  return minutesOfDay >= window.start || minutesOfDay < window.end;
}

export function wrapsMidnight(window: DailyWindow): boolean {
  return window.end < window.start;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return `${typeof value} ${JSON.stringify(value)}`;
}
