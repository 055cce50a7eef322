/**
 * Stage results as the evidence holds them: `stage_<n>.json` in the evidence folder (n = the stage's 1-based
 * position in the plan; a re-run of the same stage after a hold or review is `stage_<n>_<k>.json`, k = 2, 3...).
 * Each file holds one StageResult (src/gate/types.ts) or an array of them.
 * Parsing checks only what the RCA, the release notes and the report read, and names the file and field
 * of anything missing, so a hand-edited or truncated file is an error rather than a silently thinner RCA.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../config/errors.js';
import { STAGE_RESULT_FILE } from '../evidence/stage-files.js';
import { DECISIONS, type StageResult } from '../gate/types.js';

// The file names belong to the evidence layer, which writes them; the RCA only reads.
export { STAGE_RESULT_FILE, stageResultFileName } from '../evidence/stage-files.js';

function fail(file: string, field: string, expected: string): never {
  throw new ConfigurationError(`${file}: ${field}: expected ${expected}`);
}

function isIso(v: unknown): v is string {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v));
}

/** Checks one parsed stage result; `where` names it in messages (file and array position). */
export function checkStageResult(raw: unknown, where: string): StageResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    fail(where, '(root)', 'a StageResult object');
  const r = raw as Record<string, unknown>;
  if (!(DECISIONS as readonly unknown[]).includes(r.decision))
    fail(where, 'decision', `one of ${DECISIONS.join(', ')}`);
  for (const key of ['decided_at', 'started_at', 'ended_at'] as const)
    if (!isIso(r[key])) fail(where, key, 'an ISO-8601 time');
  if (typeof r.reason !== 'string') fail(where, 'reason', 'a string');
  const stage = r.stage as Record<string, unknown> | undefined;
  if (!stage || typeof stage.name !== 'string' || typeof stage.index !== 'number')
    fail(where, 'stage', '{ name, index, traffic, duration_s, interval_s }');
  if (typeof stage.duration_s !== 'number') fail(where, 'stage.duration_s', 'a number of seconds');
  if (!Array.isArray(r.samples)) fail(where, 'samples', 'an array of sample records');
  if (!Array.isArray(r.guardrails)) fail(where, 'guardrails', 'an array of guardrail summaries');
  (r.samples as unknown[]).forEach((s, i) => {
    const sample = s as Record<string, unknown>;
    if (!sample || !isIso(sample.at) || !Array.isArray(sample.guardrails))
      fail(where, `samples[${i}]`, '{ at: ISO time, guardrails: [...] }');
  });
  if (typeof r.holds !== 'number') fail(where, 'holds', 'a number');
  if (!Array.isArray(r.triggered_by)) fail(where, 'triggered_by', 'an array of guardrail names');
  return raw as StageResult;
}

/** Parses the text of one stage file (a StageResult or an array of them). */
export function parseStageResults(text: string, file: string): StageResult[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ConfigurationError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const list = Array.isArray(doc) ? doc : [doc];
  return list.map((r, i) => checkStageResult(r, Array.isArray(doc) ? `${file}[${i}]` : file));
}

/** In the order they ran: by start time, then by stage position. */
export function sortStageResults(results: StageResult[]): StageResult[] {
  return [...results].sort(
    (a, b) => Date.parse(a.started_at) - Date.parse(b.started_at) || a.stage.index - b.stage.index,
  );
}

/** Every stage result in an evidence folder; an empty list when there are none (the caller decides if that is fatal). */
export async function readStageResults(dir: string): Promise<StageResult[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    throw new ConfigurationError(
      `evidence: cannot read ${dir} (${(e as NodeJS.ErrnoException).code ?? 'error'}); expected the evidence folder of the release`,
    );
  }
  const results: StageResult[] = [];
  for (const name of names.filter((n) => STAGE_RESULT_FILE.test(n)).sort()) {
    results.push(...parseStageResults(await readFile(path.join(dir, name), 'utf8'), name));
  }
  return sortStageResults(results);
}
