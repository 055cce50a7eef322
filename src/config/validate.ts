/**
 * Validating a plan (pure: text in, plan or every problem out). Loading from disk lives in load.ts.
 *
 * All problems are collected in one pass (YAML syntax, schema, cross-references) and each names its YAML path,
 * its line:column and what was expected, so a user fixes the whole file in one round.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { z } from 'zod';
import { ConfigurationError, type PlanProblem } from './errors.js';
import { crossCheck, type RawProblem } from './cross-checks.js';
import { ReleasePlanSchema, type ReleasePlan } from './schema.js';

export interface ParsedPlan {
  plan: ReleasePlan;
  /** The plan as written (after YAML parsing), for tools that need the user's own notation. */
  raw: unknown;
}

export function validatePlanText(
  text: string,
  source = 'plan',
): { ok: true; value: ParsedPlan } | { ok: false; problems: PlanProblem[] } {
  const lineCounter = new LineCounter();
  // Duplicate keys are found below with one set per mapping: the parser's own check compares each key with
  // every earlier key of its mapping, which makes a large mapping quadratic.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const problems: PlanProblem[] = [];
  for (const err of doc.errors) {
    const pos = err.linePos?.[0] ?? (err.pos ? lineCounter.linePos(err.pos[0]) : undefined);
    problems.push({
      path: '(yaml)',
      position: pos ? { line: pos.line, col: pos.col } : undefined,
      message: `${err.message.split('\n')[0]} (valid YAML)`,
    });
  }
  if (!problems.length) problems.push(...duplicateKeys(doc, lineCounter));
  if (problems.length) return { ok: false, problems: problems.sort(byPosition) };

  problems.push(...nonDecimalNumbers(doc, lineCounter));
  if (problems.length) return { ok: false, problems };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // The yaml library refuses documents whose aliases expand exponentially ("billion laughs"); that is a
    // problem with the plan, reported like any other, not an internal error.
    if (!(e instanceof ReferenceError)) throw e;
    return {
      ok: false,
      problems: [
        {
          path: '(yaml)',
          message: `aliases expand too far (${e.message}; a plan with at most ${MAX_ALIAS_COUNT} alias uses that does not nest them exponentially)`,
        },
      ],
    };
  }
  if (raw === null || raw === undefined) {
    return {
      ok: false,
      problems: [{ path: '(root)', message: `${source} is empty (a release plan with version: 1)` }],
    };
  }
  const locate = (path: (string | number)[], atKey = false) => positionOf(doc, lineCounter, path, atKey);

  const result = ReleasePlanSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(...fromZodIssue(issue, raw, locate));
  }
  for (const p of crossCheck(raw)) problems.push(fromRaw(p, locate));

  const unique = dedupe(problems).sort(byPosition);
  if (unique.length || !result.success) return { ok: false, problems: unique };
  return { ok: true, value: { plan: result.data, raw } };
}

/** Alias uses allowed when a plan is expanded; a plan reuses a few anchors, an alias bomb needs thousands. */
const MAX_ALIAS_COUNT = 100;

/**
 * YAML 1.2 reads `0x10` as 16 and `0o17` as 15. A plan's numbers are thresholds and percentages people read
 * as decimals, so a hexadecimal or octal literal is a problem naming its position, never a silent conversion.
 */
function nonDecimalNumbers(doc: Document, lc: LineCounter): PlanProblem[] {
  const problems: PlanProblem[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'number' && typeof node.value !== 'bigint') return;
      if (node.format !== 'HEX' && node.format !== 'OCT') return;
      const offset = node.range?.[0];
      const pos = offset === undefined ? undefined : lc.linePos(offset);
      problems.push({
        path: '(yaml)',
        position: pos ? { line: pos.line, col: pos.col } : undefined,
        message: `${node.source ?? String(node.value)} is not a decimal number (write numbers in decimal, e.g. 16; quote it if it is text)`,
      });
    },
  });
  return problems;
}

/** Parses and validates, throwing a ConfigurationError that lists every problem. */
export function parsePlan(text: string, source = 'plan'): ReleasePlan {
  const r = validatePlanText(text, source);
  if (!r.ok)
    throw new ConfigurationError(
      `${source} is not a valid release plan (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}):`,
      r.problems,
    );
  return r.value.plan;
}

// ---------------------------------------------------------------------------------------------------------------

type Locate = (path: (string | number)[], atKey?: boolean) => PlanProblem['position'];

function fromRaw(p: RawProblem, locate: Locate): PlanProblem {
  return { path: formatPath(p.path), position: locate(p.path, p.atKey), message: p.message };
}

function fromZodIssue(issue: z.core.$ZodIssue, raw: unknown, locate: Locate): PlanProblem[] {
  const path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k)) as (string | number)[];
  const input = 'input' in issue ? issue.input : valueAt(raw, path);
  const expected = issue.message;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(issue, raw, path);
      return issue.keys.map((key) => {
        const hint = suggest(key, known);
        return {
          path: formatPath([...path, key]),
          position: locate([...path, key], true),
          message: `unknown key${hint ? ` (did you mean "${hint}"?)` : known.length ? ` (one of ${known.join(', ')})` : ''}`,
        };
      });
    }
    case 'invalid_type': {
      const missing = input === undefined;
      return [
        {
          path: formatPath(path),
          position: locate(missing ? path.slice(0, -1) : path),
          message: missing
            ? `is missing (${expectedText(expected, issue.expected)})`
            : `${show(input)} is not valid (${expectedText(expected, issue.expected)})`,
        },
      ];
    }
    case 'too_big':
      return [
        {
          path: formatPath(path),
          position: locate(path),
          message: `${sizeOf(input)} is above ${String(issue.maximum)} (${expected})`,
        },
      ];
    case 'too_small':
      return [
        {
          path: formatPath(path),
          position: locate(path),
          message:
            Array.isArray(input) && input.length === 0
              ? `is empty (${expected})`
              : `${sizeOf(input)} is below ${String(issue.minimum)} (${expected})`,
        },
      ];
    case 'invalid_value':
      return [
        {
          path: formatPath(path),
          position: locate(path),
          message:
            input === undefined ? `is missing (${expected})` : `${show(input)} is not valid (${expected})`,
        },
      ];
    default:
      return [
        {
          path: formatPath(path),
          position: locate(path),
          message:
            input === undefined ? `is missing (${expected})` : `${show(input)} is not valid (${expected})`,
        },
      ];
  }
}

/** zod's default messages read "Invalid input: expected number, received string"; keep only the expectation. */
function expectedText(message: string, expectedType: string): string {
  if (/^Invalid input/i.test(message)) return `a ${expectedType}`;
  return message;
}

function sizeOf(v: unknown): string {
  if (Array.isArray(v)) return `${v.length} items`;
  if (typeof v === 'string') return `${JSON.stringify(v)} (${v.length} characters)`;
  return show(v);
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

function knownKeys(issue: z.core.$ZodIssue, raw: unknown, path: (string | number)[]): string[] {
  // zod does not say which keys were allowed; the schema shape at that path does.
  void issue;
  void raw;
  return shapeKeysAt(path);
}

import { shapeKeysAt } from './schema-walk.js';

function suggest(key: string, known: string[]): string | undefined {
  let best: { k: string; d: number } | undefined;
  for (const k of known) {
    const limit = Math.max(2, Math.floor(k.length / 3));
    // The length difference is a lower bound of the edit distance: most keys are ruled out without computing it.
    if (Math.abs(key.length - k.length) > limit) continue;
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d <= limit && (!best || d < best.d)) best = { k, d };
  }
  return best?.k;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i]![j] = Math.min(
        dp[i - 1]![j]! + 1,
        dp[i]![j - 1]! + 1,
        dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        dp[i]![j] = Math.min(dp[i]![j]!, dp[i - 2]![j - 2]! + 1);
    }
  }
  return dp[a.length]![b.length]!;
}

export function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(k)) out += out ? `.${k}` : k;
    else out += `[${JSON.stringify(k)}]`;
  }
  return out;
}

function valueAt(raw: unknown, path: (string | number)[]): unknown {
  let cur: unknown = raw;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** Line and column of the deepest node on the path that exists (the key itself when atKey). */
function positionOf(
  doc: Document,
  lc: LineCounter,
  path: (string | number)[],
  atKey: boolean,
): PlanProblem['position'] {
  let node: unknown = doc.contents;
  let best: Node | undefined = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const k = path[i]!;
    if (isMap(node)) {
      const pair = pairNamed(node, String(k));
      if (!pair) break;
      const last = i === path.length - 1;
      if (last && atKey && isScalar(pair.key)) {
        best = pair.key;
        break;
      }
      node = pair.value;
      if (node) best = node as Node;
      else if (isScalar(pair.key)) best = pair.key;
    } else if (isSeq(node) && typeof k === 'number') {
      node = node.items[k];
      if (!node) break;
      best = node as Node;
    } else break;
  }
  const offset = best?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = lc.linePos(offset);
  return { line: pos.line, col: pos.col };
}

/** Keys repeated within one mapping (YAML requires them unique); one pass with a set per mapping. */
function duplicateKeys(doc: Document, lc: LineCounter): PlanProblem[] {
  const problems: PlanProblem[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const name = keyName(pair);
        if (name === undefined) continue;
        if (seen.has(name)) {
          const offset = (pair.key as Node | null)?.range?.[0];
          const pos = offset === undefined ? undefined : lc.linePos(offset);
          problems.push({
            path: '(yaml)',
            position: pos ? { line: pos.line, col: pos.col } : undefined,
            message: `Map keys must be unique: ${JSON.stringify(name)} appears again (valid YAML)`,
          });
        }
        seen.add(name);
      }
    },
  });
  return problems;
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** Each mapping's pairs by key, built once: looking every problem's key up by scanning would be quadratic. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairNamed(map: YAMLMap, key: string): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const name = isPair(p) ? keyName(p) : undefined;
      if (name !== undefined && !index.has(name)) index.set(name, p);
    }
    pairIndex.set(map, index);
  }
  return index.get(key);
}

function dedupe(problems: PlanProblem[]): PlanProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function byPosition(a: PlanProblem, b: PlanProblem): number {
  const la = a.position?.line ?? Number.MAX_SAFE_INTEGER;
  const lb = b.position?.line ?? Number.MAX_SAFE_INTEGER;
  return la - lb || (a.position?.col ?? 0) - (b.position?.col ?? 0);
}
