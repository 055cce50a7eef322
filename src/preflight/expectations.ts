/**
 * Assertions on JSON values by dotted path, shared by `expect_json` (command output) and `http.expect.json`
 * (a response body). A missing path fails: an absent `takeover_ms` is not a takeover within budget.
 */
export type JsonExpectation =
  { max?: number; min?: number; equals?: unknown } | string | number | boolean | null;

export interface AssertionOutcome {
  path: string;
  ok: boolean;
  expected: string;
  observed: string;
}

/** `a.b.0.c` walks objects and arrays; a key containing dots can be written with brackets: `a["x.y"]`. */
export function jsonAt(value: unknown, dotted: string): { found: boolean; value: unknown } {
  const parts: string[] = [];
  for (const m of dotted.matchAll(/\[\s*"([^"]*)"\s*\]|\[(\d+)\]|([^.[\]]+)/g))
    parts.push(m[1] ?? m[2] ?? m[3]!);
  let current: unknown = value;
  for (const part of parts) {
    if (current === null || typeof current !== 'object') return { found: false, value: undefined };
    if (!Object.prototype.hasOwnProperty.call(current, part)) return { found: false, value: undefined };
    current = (current as Record<string, unknown>)[part];
  }
  return { found: true, value: current };
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v)));

function isBounds(e: JsonExpectation): e is { max?: number; min?: number; equals?: unknown } {
  return typeof e === 'object' && e !== null;
}

export function describeExpectation(path: string, e: JsonExpectation): string {
  if (!isBounds(e)) return `${path} = ${show(e)}`;
  const parts: string[] = [];
  if (e.equals !== undefined) parts.push(`${path} = ${show(e.equals)}`);
  if (e.min !== undefined && e.max !== undefined) parts.push(`${e.min} <= ${path} <= ${e.max}`);
  else if (e.min !== undefined) parts.push(`${path} >= ${e.min}`);
  else if (e.max !== undefined) parts.push(`${path} <= ${e.max}`);
  return parts.length ? parts.join(' and ') : `${path} present`;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function assertJson(document: unknown, path: string, e: JsonExpectation): AssertionOutcome {
  const expected = describeExpectation(path, e);
  const at = jsonAt(document, path);
  if (!at.found) return { path, ok: false, expected, observed: `${path} missing` };
  const observed = `${path} = ${show(at.value)}`;
  if (!isBounds(e)) return { path, ok: deepEqual(at.value, e), expected, observed };
  if (e.equals !== undefined && !deepEqual(at.value, e.equals))
    return { path, ok: false, expected, observed };
  if (e.min !== undefined || e.max !== undefined) {
    if (typeof at.value !== 'number' || !Number.isFinite(at.value)) {
      return { path, ok: false, expected, observed: `${observed} (not a number)` };
    }
    if (e.min !== undefined && at.value < e.min) return { path, ok: false, expected, observed };
    if (e.max !== undefined && at.value > e.max) return { path, ok: false, expected, observed };
  }
  return { path, ok: true, expected, observed };
}

export function assertAll(
  document: unknown,
  expectations: Record<string, JsonExpectation>,
): AssertionOutcome[] {
  return Object.entries(expectations).map(([path, e]) => assertJson(document, path, e));
}

/** Renders `{{...}}` placeholders inside string expectations (e.g. `version: "{{version}}"`). */
export function renderExpectations(
  expectations: Record<string, JsonExpectation>,
  render: (text: string, field: string) => string,
  field: string,
): Record<string, JsonExpectation> {
  const out: Record<string, JsonExpectation> = {};
  for (const [path, e] of Object.entries(expectations)) {
    if (typeof e === 'string') out[path] = render(e, `${field}.${path}`);
    else if (isBounds(e) && typeof e.equals === 'string')
      out[path] = { ...e, equals: render(e.equals, `${field}.${path}.equals`) };
    else out[path] = e;
  }
  return out;
}

/**
 * Parses a command's stdout as JSON: the whole output, else its last line that parses (tools often log
 * before printing their verdict).
 */
export function parseJsonOutput(stdout: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = stdout.trim();
  if (!text) return { ok: false, error: 'stdout is empty' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .reverse();
    for (const line of lines) {
      if (!/^[[{]/.test(line)) continue;
      try {
        return { ok: true, value: JSON.parse(line) };
      } catch {
        /* try the previous line */
      }
    }
    return { ok: false, error: `stdout is not JSON (${(e as Error).message})` };
  }
}
