/**
 * The one interface the gate engine reads metrics through. Sources (those of the registry in registry.ts, a
 * recording, a synthetic scenario) never throw for data problems: anything that is not one finite number comes back as
 * `ok: false` with a reason, so the engine can fail closed (no data is never a pass) and say why.
 */
export type Track = 'canary' | 'baseline';

export interface MetricQuery {
  metric: string;
  track: Track;
  /** Already rendered: `{{track}}` replaced by the engine. */
  query: string;
}

export type UnmeasurableReason = 'no-data' | 'nan' | 'empty' | 'query-error' | 'unreachable' | 'timeout';

export type Measurement =
  | { ok: true; value: number; at: Date; query: string }
  | { ok: false; reason: UnmeasurableReason; message: string; at: Date; query: string };

/** A series over a window: points at `stepSeconds`; non-finite points are kept (NaN) so callers see gaps. */
export type RangeResult =
  | { ok: true; points: Array<[unixSeconds: number, value: number]>; query: string }
  | { ok: false; reason: UnmeasurableReason; message: string; query: string };

export interface MetricSource {
  /** Value of the query as of `at` (instant query with `time=at`). Never throws for data problems: returns ok:false. */
  instant(q: MetricQuery, at: Date): Promise<Measurement>;
  /**
   * Optional: the query over [start, end] in one request, for backtests and recordings (which otherwise ask
   * `instant` sample by sample). Never throws for data problems: returns ok:false.
   */
  range?(q: MetricQuery, start: Date, end: Date, stepSeconds: number): Promise<RangeResult>;
  /** Describe the source for reasons/evidence, e.g. "prometheus http://127.0.0.1:9090". */
  describe(): string;
}

export function measured(q: MetricQuery, at: Date, value: number): Measurement {
  return { ok: true, value, at, query: q.query };
}

export function unmeasurable(
  q: MetricQuery,
  at: Date,
  reason: UnmeasurableReason,
  message: string,
): Measurement {
  return { ok: false, reason, message, at, query: q.query };
}

export function unmeasurableRange(q: MetricQuery, reason: UnmeasurableReason, message: string): RangeResult {
  return { ok: false, reason, message, query: q.query };
}

/**
 * The instants start, start + step, ... <= end that a range read answers. A step that is not > 0 or an invalid
 * Date is the caller's mistake, not a data problem: a RangeError.
 */
export function rangeSteps(start: Date, end: Date, stepSeconds: number): Date[] {
  if (!(stepSeconds > 0)) throw new RangeError(`range(): stepSeconds must be > 0, got ${stepSeconds}`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()))
    throw new RangeError('range(): invalid Date');
  const steps: Date[] = [];
  for (let t = start.getTime(); t <= end.getTime(); t += stepSeconds * 1000) steps.push(new Date(t));
  return steps;
}

/**
 * `{{time}}` in a metric query: the instant being read, which only the source knows when it reads. The gate renders
 * every other placeholder and leaves this one in place (as TIME_PLACEHOLDER); a source that reads by URL renders
 * it with renderTime.
 */
export const TIME_PLACEHOLDER = '{{time}}';
const TIME = /\{\{\s*time\s*\}\}/g;

/** The query with `{{time}}` as Unix seconds (whole seconds when the instant has no fraction). */
export function renderTime(query: string, at: Date): string {
  const seconds = at.getTime() / 1000;
  return query.replace(TIME, Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(3));
}

/** `NaN`, `+Inf`, `-Inf` as a word for messages; a finite number as itself. */
export function describeNonFinite(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
