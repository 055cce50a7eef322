import { describe, expect, it } from 'vitest';
import {
  CalendarConfigError,
  formatOffset,
  parseLocalTime,
  validateTimezone,
} from '../../src/calendar/index.js';

describe('parseLocalTime', () => {
  it.each([
    ['09:30', 9, 30, 570],
    ['00:00', 0, 0, 0],
    ['23:59', 23, 59, 1439],
    ['24:00', 24, 0, 1440],
    ['9:05', 9, 5, 545],
  ])('reads %s', (text, hour, minute, minutesOfDay) => {
    expect(parseLocalTime(text)).toEqual({ hour, minute, minutesOfDay });
  });

  it.each(['24:01', '12:60', '0930', '09:30:00', '', 'noon'])(
    'refuses %j, quoting it and naming the field',
    (text) => {
      expect(() => parseLocalTime(text, 'calendar.market_hours.open')).toThrow(
        new CalendarConfigError(
          'calendar.market_hours.open',
          `expected a local time "HH:MM" between 00:00 and 24:00, got "${text}"`,
        ),
      );
    },
  );

  it('refuses a YAML number such as 930', () => {
    expect(() => parseLocalTime(930, 'open')).toThrow(
      /open: expected a local time "HH:MM" as a string, got number 930/,
    );
  });
});

describe('validateTimezone', () => {
  it.each([
    ['Europe/Istanbul', true],
    ['America/New_York', true],
    ['UTC', true],
    ['Europe/Istambul', false],
    ['UTC+3', false],
    ['', false],
    [undefined, false],
  ])('%j -> %s', (name, valid) => {
    expect(validateTimezone(name)).toBe(valid);
  });
});

describe('formatOffset', () => {
  it.each([
    [0, '+00:00'],
    [180, '+03:00'],
    [-300, '-05:00'],
    [330, '+05:30'],
    [-570, '-09:30'],
  ])('%i -> %s', (minutes, text) => {
    expect(formatOffset(minutes)).toBe(text);
  });
});
