import { evaluate, requireChangeSet, requireInstant, TRANSITION_WEEK_MS } from './allowed.js';
import { compileCalendar } from './compile.js';
import { CalendarConfigError } from './errors.js';
import { findOffsetTransitions } from './transitions.js';
import type { CalendarConfig, ChangeSet, NextAllowedOptions } from './types.js';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The earliest instant at or after `after` when `allowed` would say yes, or null when there is none
 * within `limitDays`. Every rule boundary (open, close, window ends, local midnight, a transition +-7
 * days) falls on a whole minute, so the search walks a grid of `stepMinutes` and bisects the first
 * allowed step back to the minute. An allowed period shorter than `stepMinutes` can be stepped over;
 * use a step no longer than the shortest window that matters (1 is exact).
 */
export function nextAllowed(
  after: Date,
  changeSet: ChangeSet,
  calendar: CalendarConfig,
  options: NextAllowedOptions = {},
): Date | null {
  const afterMs = requireInstant(after, 'after');
  const stepMinutes = options.stepMinutes ?? 5;
  const limitDays = options.limitDays ?? 14;
  if (!Number.isInteger(stepMinutes) || stepMinutes < 1 || stepMinutes > 1440) {
    throw new CalendarConfigError(
      'stepMinutes',
      `expected a whole number of minutes from 1 to 1440, got ${stepMinutes}`,
    );
  }
  if (!Number.isFinite(limitDays) || limitDays <= 0 || limitDays > 366) {
    throw new CalendarConfigError(
      'limitDays',
      `expected a number of days above 0 and at most 366, got ${limitDays}`,
    );
  }
  const compiled = compileCalendar(calendar);
  const checkedChangeSet = requireChangeSet(changeSet);
  const limitMs = afterMs + limitDays * DAY_MS;
  const transitions = findOffsetTransitions(
    compiled.zone,
    new Date(afterMs - TRANSITION_WEEK_MS),
    new Date(limitMs + TRANSITION_WEEK_MS),
  );
  const isAllowed = (ms: number): boolean => evaluate(compiled, ms, checkedChangeSet, transitions).ok;

  if (isAllowed(afterMs)) return new Date(afterMs);
  const stepMs = stepMinutes * MINUTE_MS;
  let refusedMs = afterMs;
  let candidateMs = Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + stepMs;
  while (candidateMs <= limitMs) {
    if (isAllowed(candidateMs)) return new Date(firstAllowedMinute(refusedMs, candidateMs, isAllowed));
    refusedMs = candidateMs;
    candidateMs += stepMs;
  }
  return null;
}

/** Bisects (refusedMs, allowedMs] on whole minutes for the first allowed one. */
function firstAllowedMinute(
  refusedMs: number,
  allowedMs: number,
  isAllowed: (ms: number) => boolean,
): number {
  let low = refusedMs;
  let high = allowedMs;
  for (;;) {
    const firstMinute = Math.floor(low / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
    const minutesBetween = (high - firstMinute) / MINUTE_MS;
    if (minutesBetween <= 0) return high;
    const middle = firstMinute + Math.floor((minutesBetween - 1) / 2) * MINUTE_MS;
    if (isAllowed(middle)) high = middle;
    else low = middle;
  }
}
