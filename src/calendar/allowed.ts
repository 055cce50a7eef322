/**
 * The release calendar: may a change set go out at a given instant?
 *
 * Pure: the instant is an argument, the zone data comes from the runtime's ICU, nothing reads a clock.
 * Every rule is evaluated in the plan's zone (`calendar.timezone`); an unknown zone throws and is never
 * replaced by UTC. A release is allowed only when every rule passes, and `reasons` carries one sentence
 * per rule (passed or refused) naming the rule, the local time and the zone.
 *
 * Rules, in the order they are reported:
 * 1. blackout - refused when the local date is listed, alone (`2026-12-31`) or in an inclusive range
 *    (`2026-12-24..2026-12-26`). Dates are local to the zone, so 2026-12-30T22:00Z is 2026-12-31 in
 *    Istanbul.
 * 2. dst_transition_week - when the zone's UTC offset changes within 7 days either side of the instant
 *    (found by scanning the tz data, not from a table of DST rules), the release must fall inside
 *    `allowed_window` local time, [start, end). Any offset change counts, DST or not, because the risk
 *    is people and cron jobs misreading the clock. Without `dst_transition_week` the week is reported
 *    but not restricted.
 * 3. market_hours - [open, close) local on the listed days; a session whose close is before its open
 *    runs past midnight and belongs to the day it opened. A plain canary IS allowed during market hours
 *    by default (`allow_during_market_hours: true`): a trading canary measures live order flow, and the
 *    seed runbook (BIST, 004) forbids only schema changes in market hours, with off-hours merely
 *    "preferred". Set `allow_during_market_hours: false` to refuse every release in market hours.
 * 4. no_schema_changes_during_market_hours - in market hours, a change set with any path matching the
 *    globs (picomatch, dotfiles included) is refused. An unknown change set (`null`) is refused in
 *    market hours too: it cannot be shown to avoid schema paths, and no data is never a pass. Outside
 *    market hours schema changes are allowed (other rules still apply).
 */
import { DateTime } from 'luxon';
import { compileCalendar, normalizePath, type CompiledCalendar } from './compile.js';
import { CalendarConfigError } from './errors.js';
import { formatMinutes, windowContains, wrapsMidnight } from './local-time.js';
import { findOffsetTransitions, type ZoneTransition } from './transitions.js';
import type { CalendarConfig, CalendarDecision, ChangeSet, OffsetTransition, RuleOutcome } from './types.js';
import { formatOffset } from './zone.js';

export const TRANSITION_WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export function allowed(at: Date, changeSet: ChangeSet, calendar: CalendarConfig): CalendarDecision {
  const atMs = requireInstant(at, 'at');
  const compiled = compileCalendar(calendar);
  const checkedChangeSet = requireChangeSet(changeSet);
  const transitions = findOffsetTransitions(
    compiled.zone,
    new Date(atMs - TRANSITION_WEEK_MS),
    new Date(atMs + TRANSITION_WEEK_MS),
  );
  return evaluate(compiled, atMs, checkedChangeSet, transitions);
}

/**
 * Decides with a calendar and transitions computed by the caller, so a search can compile the
 * calendar and scan the tz data once. `transitions` must cover [atMs - 7 days, atMs + 7 days].
 */
export function evaluate(
  calendar: CompiledCalendar,
  atMs: number,
  changeSet: ChangeSet,
  transitions: readonly ZoneTransition[],
): CalendarDecision {
  const local = DateTime.fromMillis(atMs, { zone: calendar.zone, locale: 'en-US' });
  const when = `${local.toFormat('ccc yyyy-MM-dd HH:mm')} ${calendar.timezone} (UTC${formatOffset(local.offset)})`;
  const minutesOfDay = local.hour * 60 + local.minute;
  const inMarketHours = isInMarketHours(calendar, local.weekday, minutesOfDay);
  const transition = nearestTransition(transitions, atMs);

  const rules: RuleOutcome[] = [
    blackoutRule(calendar, local.toISODate() as string, when),
    transitionRule(calendar, transition, minutesOfDay, when),
    marketHoursRule(calendar, inMarketHours, when),
    schemaRule(calendar, inMarketHours, changeSet, when),
  ];

  const decision: CalendarDecision = {
    ok: rules.every((rule) => rule.ok),
    reasons: rules.map((rule) => rule.reason),
    rules,
    local: local.toISO({ includeOffset: true }) as string,
    timezone: calendar.timezone,
    inMarketHours,
  };
  if (transition) {
    decision.dstTransition = {
      at: transition.at,
      fromOffset: transition.fromOffset,
      toOffset: transition.toOffset,
    };
  }
  return decision;
}

export function requireInstant(value: unknown, field: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new CalendarConfigError(
      field,
      `expected a valid Date, got ${value instanceof Date ? 'an invalid Date' : JSON.stringify(value)}`,
    );
  }
  return value.getTime();
}

export function requireChangeSet(changeSet: unknown): ChangeSet {
  if (changeSet === null) return null;
  const paths = (changeSet as { paths?: unknown } | undefined)?.paths;
  if (!Array.isArray(paths) || paths.some((path) => typeof path !== 'string')) {
    throw new CalendarConfigError(
      'changeSet.paths',
      'expected a list of changed file paths (or a null change set when they are unknown)',
    );
  }
  return { paths: paths as string[] };
}

function isInMarketHours(calendar: CompiledCalendar, weekday: number, minutesOfDay: number): boolean {
  const market = calendar.marketHours;
  if (!market || !windowContains(market.window, minutesOfDay)) return false;
  if (!wrapsMidnight(market.window) || minutesOfDay >= market.window.start) return market.days.has(weekday);
  // After midnight in an overnight session: it is open if it opened yesterday.
  return market.days.has(weekday === 1 ? 7 : weekday - 1);
}

function nearestTransition(transitions: readonly ZoneTransition[], atMs: number): ZoneTransition | undefined {
  let nearest: ZoneTransition | undefined;
  for (const transition of transitions) {
    const distance = Math.abs(transition.atMs - atMs);
    if (distance > TRANSITION_WEEK_MS) continue;
    if (!nearest || distance < Math.abs(nearest.atMs - atMs)) nearest = transition;
  }
  return nearest;
}

function blackoutRule(calendar: CompiledCalendar, localDate: string, when: string): RuleOutcome {
  if (calendar.blackout.length === 0) {
    return {
      rule: 'blackout',
      ok: true,
      reason: `blackout: passed - no blackout dates are configured; ${when} is not restricted by them.`,
    };
  }
  const hit = calendar.blackout.find((entry) => localDate >= entry.first && localDate <= entry.last);
  if (hit) {
    return {
      rule: 'blackout',
      ok: false,
      reason: `blackout: refused - the local date ${localDate} at ${when} is a blackout date ("${hit.text}").`,
    };
  }
  return {
    rule: 'blackout',
    ok: true,
    reason: `blackout: passed - the local date ${localDate} at ${when} is not in any blackout entry (${calendar.blackout.map((entry) => entry.text).join(', ')}).`,
  };
}

function transitionRule(
  calendar: CompiledCalendar,
  transition: OffsetTransition | undefined,
  minutesOfDay: number,
  when: string,
): RuleOutcome {
  const rule = 'dst_transition_week';
  if (!transition) {
    return {
      rule,
      ok: true,
      reason: `${rule}: passed - ${calendar.timezone} has no UTC offset change within 7 days of ${when}.`,
    };
  }
  const changeAt = DateTime.fromISO(transition.at, { zone: calendar.zone, locale: 'en-US' }).toFormat(
    'ccc yyyy-MM-dd HH:mm',
  );
  const change = `${calendar.timezone} changes from UTC${transition.fromOffset} to UTC${transition.toOffset} at ${transition.at} (${changeAt} local), within 7 days of ${when}`;
  const window = calendar.dstWindow;
  if (!window) {
    return {
      rule,
      ok: true,
      reason: `${rule}: passed - ${change}, but no dst_transition_week.allowed_window is configured, so the time of day is not restricted.`,
    };
  }
  const time = formatMinutes(minutesOfDay);
  if (windowContains(window, minutesOfDay)) {
    return {
      rule,
      ok: true,
      reason: `${rule}: passed - ${change}; ${time} local is inside the allowed window ${window.text}.`,
    };
  }
  return {
    rule,
    ok: false,
    reason: `${rule}: refused - ${change}; ${time} local is outside the allowed window ${window.text}.`,
  };
}

function marketHoursRule(calendar: CompiledCalendar, inMarketHours: boolean, when: string): RuleOutcome {
  const rule = 'market_hours';
  const market = calendar.marketHours;
  if (!market) {
    return {
      rule,
      ok: true,
      reason: `${rule}: passed - no market hours are configured for ${calendar.timezone}; ${when} is not restricted by them.`,
    };
  }
  const hours = `${market.dayNames.join(',')} ${market.window.text}`;
  if (!inMarketHours) {
    return { rule, ok: true, reason: `${rule}: passed - ${when} is outside market hours (${hours}).` };
  }
  if (calendar.allowDuringMarketHours) {
    return {
      rule,
      ok: true,
      reason: `${rule}: passed - ${when} is inside market hours (${hours}); a canary is allowed during market hours because it needs live traffic (allow_during_market_hours: true).`,
    };
  }
  return {
    rule,
    ok: false,
    reason: `${rule}: refused - ${when} is inside market hours (${hours}) and allow_during_market_hours is false.`,
  };
}

const LISTED_PATHS = 5;

function schemaRule(
  calendar: CompiledCalendar,
  inMarketHours: boolean,
  changeSet: ChangeSet,
  when: string,
): RuleOutcome {
  const rule = 'no_schema_changes_during_market_hours';
  const guard = calendar.schemaGuard;
  if (!guard) {
    return {
      rule,
      ok: true,
      reason: `${rule}: passed - not configured; schema paths are not restricted at ${when}.`,
    };
  }
  const globs = guard.globs.join(', ');
  if (!inMarketHours) {
    return {
      rule,
      ok: true,
      reason: `${rule}: passed - ${when} is outside market hours, so changes to schema paths (${globs}) are allowed.`,
    };
  }
  if (changeSet === null) {
    return {
      rule,
      ok: false,
      reason: `${rule}: refused - ${when} is inside market hours and the change set is unknown, so it cannot be shown to avoid schema paths (${globs}); pass the changed paths.`,
    };
  }
  const touched = changeSet.paths.filter((path) => guard.matches(path)).map(normalizePath);
  if (touched.length > 0) {
    const listed =
      touched.slice(0, LISTED_PATHS).join(', ') +
      (touched.length > LISTED_PATHS ? ` and ${touched.length - LISTED_PATHS} more` : '');
    return {
      rule,
      ok: false,
      reason: `${rule}: refused - ${when} is inside market hours and the change set touches schema paths (${globs}): ${listed}.`,
    };
  }
  return {
    rule,
    ok: true,
    reason: `${rule}: passed - ${when} is inside market hours, but none of the ${changeSet.paths.length} changed paths match the schema paths (${globs}).`,
  };
}
