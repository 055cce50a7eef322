/**
 * `calendar` checks: the release calendar's verdict at `--at` (default now) for the release's change set (the
 * files changed since the previous tag). With no previous tag the change set is unknown, and the calendar
 * treats an unknown change set as touching schema paths (refused in market hours): it cannot be shown not to.
 */
import { allowed, type CalendarConfig } from '../../calendar/index.js';
import type { CalendarSettings } from '../../config/index.js';
import type { CheckContext, CheckVerdict } from '../types.js';

/** The plan's `calendar:` section in the calendar module's terms (the same keys; optional ones left out when unset). */
export function calendarConfigFromPlan(settings: CalendarSettings): CalendarConfig {
  const config: CalendarConfig = { timezone: settings.timezone, blackout: settings.blackout };
  if (settings.market_hours) config.market_hours = settings.market_hours;
  if (settings.no_schema_changes_during_market_hours)
    config.no_schema_changes_during_market_hours = settings.no_schema_changes_during_market_hours;
  if (settings.dst_transition_week) config.dst_transition_week = settings.dst_transition_week;
  if (settings.allow_during_market_hours !== undefined)
    config.allow_during_market_hours = settings.allow_during_market_hours;
  return config;
}

export async function calendarCheck(ctx: CheckContext): Promise<CheckVerdict> {
  const settings = ctx.options.calendar;
  const at = ctx.options.at ?? ctx.deps.clock.now();
  const expected = `the release calendar allows this change set at ${at.toISOString()}`;
  if (!settings)
    return {
      status: 'error',
      expected,
      observed: 'no calendar: section',
      message: 'the calendar check needs a top-level calendar: section in the plan',
    };
  const changed = await ctx.shared.changedFiles();
  const changeSet = changed === null ? null : { paths: changed.map((f) => f.path) };
  const decision = allowed(at, changeSet, calendarConfigFromPlan(settings));
  const refused = decision.rules.filter((r) => !r.ok).map((r) => r.reason);
  const details = {
    at: at.toISOString(),
    local: decision.local,
    timezone: decision.timezone,
    in_market_hours: decision.inMarketHours,
    change_set: changeSet?.paths ?? null,
    reasons: decision.reasons,
  };
  const changeText =
    changeSet === null
      ? 'an unknown change set (no previous tag)'
      : `${changeSet.paths.length} changed file(s)`;
  if (!decision.ok)
    return {
      status: 'fail',
      expected,
      observed: `refused at ${decision.local}`,
      message: `calendar refuses ${changeText} at ${decision.local}: ${refused.join('; ')}`,
      details,
    };
  return {
    status: 'pass',
    expected,
    observed: `allowed at ${decision.local}`,
    message: `calendar allows ${changeText} at ${decision.local}`,
    details,
  };
}
