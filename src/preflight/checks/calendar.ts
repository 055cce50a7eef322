/**
 * `calendar` checks: the release calendar's verdict at `--at` (default now) for the release's change set (the
 * files changed since the previous tag). With no previous tag the change set is unknown, and the calendar
 * treats an unknown change set as touching schema paths (refused in market hours): it cannot be shown not to.
 */
import { allowed, type CalendarConfig } from '../../calendar/index.js';
import type { CalendarSettings } from '../../config/index.js';
import type { CheckContext, CheckVerdict } from '../types.js';

/** The plan's `calendar:` section in the calendar module's terms. */
export function calendarConfigFromPlan(settings: CalendarSettings): CalendarConfig {
  return {
    timezone: settings.timezone,
    ...(settings.market_hours ? { market_hours: settings.market_hours } : {}),
    ...(settings.no_schema_changes_during_market_hours ? { no_schema_changes_during_market_hours: settings.no_schema_changes_during_market_hours } : {}),
    ...(settings.dst_transition_week ? { dst_transition_week: settings.dst_transition_week } : {}),
    blackout: settings.blackout,
    ...(settings.releases_during_market_hours === 'refused' ? { allow_during_market_hours: false } : {}),
  };
}

export async function calendarCheck(ctx: CheckContext): Promise<CheckVerdict> {
  const settings = ctx.options.calendar;
  const at = ctx.options.at ?? ctx.deps.clock.now();
  const expected = `the release calendar allows this change set at ${at.toISOString()}`;
  if (!settings) return { status: 'error', expected, observed: 'no calendar: section', message: 'the calendar check needs a top-level calendar: section in the plan' };
  const changed = await ctx.shared.changedFiles();
  const changeSet = changed === null ? null : { paths: changed.map((f) => f.path) };
  const decision = allowed(at, changeSet, calendarConfigFromPlan(settings));
  // `required`: the canary must see live order flow, so outside market hours it is refused.
  const requiredRefusal =
    settings.releases_during_market_hours === 'required' && !decision.inMarketHours
      ? `releases_during_market_hours is required and ${decision.local} is outside market hours`
      : undefined;
  const ok = decision.ok && requiredRefusal === undefined;
  const reasons = requiredRefusal ? [...decision.reasons, requiredRefusal] : decision.reasons;
  const refused = [...decision.rules.filter((r) => !r.ok).map((r) => r.reason), ...(requiredRefusal ? [requiredRefusal] : [])];
  const details = { at: at.toISOString(), local: decision.local, timezone: decision.timezone, in_market_hours: decision.inMarketHours, change_set: changeSet?.paths ?? null, reasons };
  const changeText = changeSet === null ? 'unknown change set (no previous tag)' : `${changeSet.paths.length} changed file(s)`;
  if (!ok) return { status: 'fail', expected, observed: `refused at ${decision.local}`, message: `calendar refuses ${changeText} at ${decision.local}: ${refused.join('; ')}`, details };
  return { status: 'pass', expected, observed: `allowed at ${decision.local}`, message: `calendar allows ${changeText} at ${decision.local}`, details };
}
