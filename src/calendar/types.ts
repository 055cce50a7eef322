/**
 * Shapes of the calendar module. `CalendarConfig` mirrors the plan's `calendar:` section as the
 * config layer hands it over after validation; the calendar re-checks what it relies on, because it
 * is also called directly (simulation, tests) and must never fall back silently.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface CalendarConfig {
  /** IANA zone, e.g. `Europe/Istanbul`. An unknown zone is an error, never UTC. */
  timezone: string;
  market_hours?: { days: Weekday[]; open: string; close: string };
  no_schema_changes_during_market_hours?: { paths: string[] };
  dst_transition_week?: { allowed_window: [string, string] };
  /** Local dates `YYYY-MM-DD` or inclusive ranges `YYYY-MM-DD..YYYY-MM-DD`. */
  blackout?: string[];
  /** Whether a change set that touches no schema path may go out during market hours. Default true. */
  allow_during_market_hours?: boolean;
}

/** The files a release changes. `null` means "not known", which the schema rule treats as unsafe. */
export type ChangeSet = { paths: string[] } | null;

export type CalendarRule =
  'blackout' | 'dst_transition_week' | 'market_hours' | 'no_schema_changes_during_market_hours';

export interface RuleOutcome {
  rule: CalendarRule;
  ok: boolean;
  /** One sentence naming the rule, the local time and the zone. */
  reason: string;
}

export interface OffsetTransition {
  /** The first instant with the new offset, as a UTC ISO string. */
  at: string;
  /** UTC offsets as `+HH:MM` / `-HH:MM`. */
  fromOffset: string;
  toOffset: string;
}

export interface CalendarDecision {
  ok: boolean;
  /** One sentence per rule, in the order blackout, dst_transition_week, market_hours, schema. */
  reasons: string[];
  /** The same outcomes, structured, for summaries and evidence. */
  rules: RuleOutcome[];
  /** `at` in the plan's zone, ISO 8601 with its offset, e.g. `2026-03-27T09:30:00.000+00:00`. */
  local: string;
  /** Canonical name of the zone the decision was made in. */
  timezone: string;
  inMarketHours: boolean;
  /** The offset change nearest to `at` within +-7 days, if any. */
  dstTransition?: OffsetTransition;
}

export interface NextAllowedOptions {
  /** Grid of the search, in minutes (1..1440, default 5); each hit is refined to the minute. */
  stepMinutes?: number;
  /** How far past `after` to search, in days (default 14, at most 366). */
  limitDays?: number;
}
