/** Durations in the plan are written `30s`, `15m`, `2h`, `1d` (and `500ms`); the core works in seconds. */
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
export const DURATION_EXPECTED = 'a duration like 30s, 15m, 2h or 1d';

export function parseDuration(text: string): number | undefined {
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNIT_SECONDS[m[2]!]!;
}

/** Seconds back to the shortest exact plan notation: 900 -> `15m`, 90 -> `90s`. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return Number.isInteger(seconds) ? `${seconds}s` : `${Math.round(seconds * 1000)}ms`;
}

export const PERCENT_PATTERN = /^(-?\d+(?:\.\d+)?)\s*%$/;
export function parsePercent(v: number | string): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const m = PERCENT_PATTERN.exec(v.trim());
  return m ? Number(m[1]) : undefined;
}
