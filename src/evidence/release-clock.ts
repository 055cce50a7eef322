/**
 * The one clock people read a release by. T0 is the start of the release's freeze (freeze/state.json on the
 * evidence branch, when that freeze was for this version); without one, the release's first recorded moment (its
 * first decision record or stage start). Every `:MM` mark people see counts from it: the war-room lines (the
 * engine gets T0 as releaseStartedAt), the mini-RCA timeline, the report and the job summaries; so the last
 * war-room mark and the release's total duration agree. Wall-clock times are shown in the plan's
 * `release.timezone` with the UTC offset.
 */
import { DateTime } from 'luxon';
import { minuteMark } from '../gate/warroom.js';

export interface ReleaseClockSources {
  /** started_at of freeze/state.json when that freeze was for this version; null or absent otherwise. */
  freezeStartedAt?: string | null;
  decisions?: ReadonlyArray<{ start_timestamp: string }>;
  stages?: ReadonlyArray<{ started_at: string }>;
}

/** The release's T0: the freeze's start, else its first recorded moment; null when nothing was recorded. */
export function releaseT0(sources: ReleaseClockSources): Date | null {
  const freeze = sources.freezeStartedAt ? Date.parse(sources.freezeStartedAt) : Number.NaN;
  if (Number.isFinite(freeze)) return new Date(freeze);
  const times = [
    ...(sources.decisions ?? []).map((d) => Date.parse(d.start_timestamp)),
    ...(sources.stages ?? []).map((s) => Date.parse(s.started_at)),
  ].filter(Number.isFinite);
  return times.length ? new Date(Math.min(...times)) : null;
}

/** `:MM` since T0 (`:MM:SS` with seconds), as the war-room line writes it. */
export function releaseMark(at: string | number | Date, t0: Date, seconds = false): string {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  return minuteMark((ms - t0.getTime()) / 1000, seconds);
}

/** `2026-05-16 09:15:00 +03:00` in the plan's zone, with its UTC offset. */
export function zonedTime(at: string | number | Date, zone: string): string {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-LL-dd HH:mm:ss ZZ');
}
