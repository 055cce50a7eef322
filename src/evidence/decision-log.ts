/**
 * The decision log `reports/release_decisions/<deployment_id>.yaml`: a YAML list with one record per phase
 * transition. Each record carries `sha256` (over its canonical JSON without `sha256`) and `prev_sha256` (the
 * previous record's `sha256`), so editing, removing or reordering a record breaks the chain at that record.
 * A record with phase `ga` seals the log (immutable once GA is reached).
 * Appending keeps the existing bytes and adds text at the end, so every commit of the log is a pure append.
 */
import YAML from 'yaml';
import { z } from 'zod';
import { ConfigurationError } from '../config/index.js';
import { canonicalJson, GENESIS_SHA256, sha256Hex, type Json } from './canonical.js';
import { FileDigestSchema } from './evidence-index.js';
import { EvidenceChainError, EvidenceSealedError } from './errors.js';
import { runSecrets } from '../secrets/masker.js';
import type { Clock } from '../platform/clock.js';

export { GENESIS_SHA256 };
export const SEALING_PHASE = 'ga';

const Scalar = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const IsoTimestamp = z.iso.datetime({ offset: true });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

/** What a caller supplies for one phase transition. */
export const DecisionInputSchema = z.strictObject({
  version: z.string().min(1),
  deployment_id: z.string().min(1),
  /** preflight, stage:<name>, promote, ga, rollback, ... */
  phase: z.string().min(1),
  /** PROCEED, HOLD, REVIEW, ROLLBACK, APPROVED, REJECTED, ... */
  decision: z.string().min(1),
  reason: z.string().min(1),
  /** GitHub login(s) of the environment reviewer(s); null when the transition was automatic. */
  approver: z.string().min(1).nullable().default(null),
  approval_comment: z.string().nullable().default(null),
  start_timestamp: IsoTimestamp,
  /** A percentage, or per-flow shares such as { market_making: 0.05, agency: 0.02 }. */
  traffic_share: z.union([z.number(), z.record(z.string(), z.number())]),
  /** guardrail -> { canary, baseline, threshold, status } or metric -> value. */
  metrics_snapshot: z.record(z.string(), z.union([Scalar, z.record(z.string(), Scalar)])).default({}),
  notes: z.string().default(''),
  run_url: z.string().min(1).nullable().default(null),
  /**
   * Evidence files this transition produced, from the branch root. Given as paths; the push fills in each
   * file's sha256 as committed (`{path, sha256}`), so the record itself vouches for the files' content.
   */
  evidence_files: z.array(z.union([z.string().min(1), FileDigestSchema])).default([]),
});

export type DecisionInput = z.input<typeof DecisionInputSchema>;

export const DecisionRecordSchema = DecisionInputSchema.extend({
  recorded_at: IsoTimestamp,
  prev_sha256: Sha256,
  sha256: Sha256,
});

export type DecisionRecord = z.output<typeof DecisionRecordSchema>;

/** Field order in the YAML file (the hash does not depend on it). */
const FIELD_ORDER: (keyof DecisionRecord)[] = [
  'version',
  'deployment_id',
  'phase',
  'decision',
  'reason',
  'approver',
  'approval_comment',
  'start_timestamp',
  'recorded_at',
  'traffic_share',
  'metrics_snapshot',
  'notes',
  'run_url',
  'evidence_files',
  'prev_sha256',
  'sha256',
];

export interface DecisionLogProblem {
  file: string;
  /** 0-based index of the record in the log; null for a problem with the file as a whole. */
  recordIndex: number | null;
  field: string | null;
  message: string;
}

/** sha256 over the canonical JSON of everything in the record except `sha256` itself. */
export function recordHash(record: Record<string, unknown>): string {
  const { sha256: _ignored, ...rest } = record;
  return sha256Hex(canonicalJson(rest as Json));
}

/** Parses the YAML list; an empty or missing file is an empty log. */
export function parseDecisionLog(text: string | null, file = 'decision log'): unknown[] {
  if (text === null || text.trim() === '') return [];
  let doc: unknown;
  try {
    doc = YAML.parse(text, { schema: 'core', uniqueKeys: true });
  } catch (error) {
    throw new EvidenceChainError(file, 0, `not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) throw new EvidenceChainError(file, 0, 'expected a YAML list of records');
  return doc;
}

/**
 * Every problem in the chain, in record order. Links are checked against the stored hash of the previous
 * record, so one edited record is reported once, at that record, instead of cascading down the log.
 */
export function checkDecisionChain(records: unknown[], file = 'decision log'): DecisionLogProblem[] {
  const problems: DecisionLogProblem[] = [];
  let expectedPrev = GENESIS_SHA256;
  let sealedAt: number | null = null;
  let first: { version?: unknown; deployment_id?: unknown } | null = null;
  records.forEach((raw, index) => {
    const add = (field: string | null, message: string): void => {
      problems.push({ file, recordIndex: index, field, message });
    };
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      add(null, 'expected a mapping (a decision record)');
      return;
    }
    const record = raw as Record<string, unknown>;
    const parsed = DecisionRecordSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) add(issue.path.join('.') || null, issue.message);
    }
    if (sealedAt !== null) {
      add('phase', `written after the log was sealed by the "ga" record ${sealedAt}`);
    }
    if (record.prev_sha256 !== expectedPrev) {
      add(
        'prev_sha256',
        index === 0
          ? `the first record must link to the genesis hash ${GENESIS_SHA256}, found ${String(record.prev_sha256)}: records before it were removed or it was moved`
          : `does not link to record ${index - 1} (expected ${expectedPrev}, found ${String(record.prev_sha256)}): a record was removed, inserted or reordered`,
      );
    }
    let computed: string | null = null;
    try {
      computed = recordHash(record);
    } catch (error) {
      add(null, `cannot be hashed: ${(error as Error).message}`);
    }
    if (computed !== null && record.sha256 !== computed) {
      add(
        'sha256',
        `content does not match its hash (stored ${String(record.sha256)}, computed ${computed}): the record was edited`,
      );
    }
    if (first === null) first = record;
    else {
      for (const key of ['version', 'deployment_id'] as const) {
        if (record[key] !== first[key]) {
          add(key, `is ${JSON.stringify(record[key])} but the log belongs to ${JSON.stringify(first[key])}`);
        }
      }
    }
    if (record.phase === SEALING_PHASE && sealedAt === null) sealedAt = index;
    expectedPrev = typeof record.sha256 === 'string' ? record.sha256 : '';
  });
  return problems;
}

function orderedRecord(record: DecisionRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) out[key] = record[key];
  return out;
}

function sameDecision(
  existing: Record<string, unknown>,
  input: z.output<typeof DecisionInputSchema>,
): boolean {
  const { recorded_at: _r, prev_sha256: _p, sha256: _s, ...rest } = existing;
  return canonicalJson(rest as Json) === canonicalJson(input as unknown as Json);
}

export function formatInputProblems(error: z.ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * Appends one record and returns the new file text. Throws EvidenceSealedError after a `ga` record,
 * EvidenceChainError when the existing log does not verify, and ConfigurationError for a bad input.
 * Appending the same decision again (a re-run job) returns the text unchanged.
 */
export function appendDecision(
  logText: string | null,
  unmasked: DecisionInput,
  clock: Pick<Clock, 'now'>,
  file = 'decision log',
): string {
  // Every record passes the run's masker before it is hashed (masking after would break the chain).
  const input = runSecrets.maskValue(unmasked);
  const records = parseDecisionLog(logText, file);
  const problems = checkDecisionChain(records, file);
  if (problems.length > 0) {
    const p = problems[0]!;
    throw new EvidenceChainError(file, p.recordIndex ?? 0, `${p.field ? `${p.field}: ` : ''}${p.message}`);
  }
  const gaIndex = records.findIndex((r) => (r as Record<string, unknown>).phase === SEALING_PHASE);
  if (gaIndex >= 0) throw new EvidenceSealedError(file, gaIndex);

  const parsedInput = DecisionInputSchema.safeParse(input);
  if (!parsedInput.success) {
    throw new ConfigurationError(
      `${file}: invalid decision record`,
      formatInputProblems(parsedInput.error, 'decision'),
    );
  }
  const decision = parsedInput.data;
  const last = records.at(-1) as Record<string, unknown> | undefined;
  if (last && sameDecision(last, decision)) return logText ?? '';
  if (last && (last.deployment_id !== decision.deployment_id || last.version !== decision.version)) {
    throw new ConfigurationError(`${file}: invalid decision record`, [
      {
        path: 'decision.deployment_id',
        message: `this log belongs to deployment ${String(last.deployment_id)} (version ${String(last.version)}), got ${decision.deployment_id} (version ${decision.version})`,
      },
    ]);
  }
  const prev = last ? String(last.sha256) : GENESIS_SHA256;
  const unhashed = { ...decision, recorded_at: clock.now().toISOString(), prev_sha256: prev };
  const record: DecisionRecord = { ...unhashed, sha256: recordHash(unhashed) };

  const header =
    logText && logText.trim() !== ''
      ? logText.endsWith('\n')
        ? logText
        : `${logText}\n`
      : `# Decision log for deployment ${decision.deployment_id} (version ${decision.version}), written by canary-conductor.\n` +
        "# Append-only and hash-chained: sha256 covers each record's canonical JSON (sorted keys, without sha256),\n" +
        '# prev_sha256 links it to the record before. Sealed once a record has phase "ga".\n' +
        '# Check with: canary-conductor verify-evidence <repository or directory>\n';
  return header + YAML.stringify([orderedRecord(record)], { lineWidth: 0 });
}

/** The records of a log that verifies; throws like appendDecision when it does not. */
export function readDecisionLog(text: string | null, file = 'decision log'): DecisionRecord[] {
  const records = parseDecisionLog(text, file);
  const problems = checkDecisionChain(records, file);
  if (problems.length > 0) {
    const p = problems[0]!;
    throw new EvidenceChainError(file, p.recordIndex ?? 0, `${p.field ? `${p.field}: ` : ''}${p.message}`);
  }
  return records as DecisionRecord[];
}
