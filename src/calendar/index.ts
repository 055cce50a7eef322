/**
 * Release calendar: blackout dates, offset-transition weeks, market hours and the schema rule, decided
 * for an instant passed in (no clock is read). Semantics are documented at the top of allowed.ts and in
 * the README's calendar section.
 */
export { allowed, evaluate } from './allowed.js';
export { nextAllowed } from './next-allowed.js';
export { compileCalendar, type CompiledCalendar } from './compile.js';
export { CalendarConfigError } from './errors.js';
export { parseLocalTime, type LocalTime } from './local-time.js';
export { findOffsetTransitions, type ZoneTransition } from './transitions.js';
export { validateTimezone, requireZone, formatOffset } from './zone.js';
export type {
  CalendarConfig,
  CalendarDecision,
  CalendarRule,
  ChangeSet,
  NextAllowedOptions,
  OffsetTransition,
  RuleOutcome,
  Weekday,
} from './types.js';
