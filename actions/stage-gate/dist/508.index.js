export const id = 508;
export const ids = [508];
export const modules = {

/***/ 71:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LP: () => (/* binding */ sha256Bytes),
/* harmony export */   dj: () => (/* binding */ canonicalJson),
/* harmony export */   fg: () => (/* binding */ sha256Hex),
/* harmony export */   x: () => (/* binding */ GENESIS_SHA256)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/** The `prev_sha256` of the first record of a chain (decision log or evidence index). */
const GENESIS_SHA256 = '0'.repeat(64);
/**
 * JSON with keys sorted at every level and no whitespace: the bytes a record's hash is computed over. Key
 * order and YAML formatting therefore never change a hash; any change of a value does.
 */
function canonicalJson(value) {
    if (value === null || typeof value !== 'object') {
        if (typeof value === 'number' && !Number.isFinite(value)) {
            throw new TypeError(`cannot hash a non-finite number (${value})`);
        }
        return JSON.stringify(value);
    }
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    const keys = Object.keys(value).sort();
    return `{${keys
        .filter((k) => value[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
        .join(',')}}`;
}
function sha256Hex(text) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text, 'utf8').digest('hex');
}
/** sha256 of a file's bytes, as the decision log and the evidence index record it. */
function sha256Bytes(bytes) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex');
}


/***/ }),

/***/ 3624:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IP: () => (/* binding */ SEALING_PHASE),
/* harmony export */   Up: () => (/* binding */ parseDecisionLog),
/* harmony export */   rc: () => (/* binding */ appendDecision),
/* harmony export */   zi: () => (/* binding */ readDecisionLog)
/* harmony export */ });
/* unused harmony exports DecisionInputSchema, DecisionRecordSchema, recordHash, checkDecisionChain, formatInputProblems */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4377);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8270);
/* harmony import */ var _canonical_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71);
/* harmony import */ var _evidence_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6153);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7050);
/* harmony import */ var _secrets_masker_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2490);
/**
 * The decision log `reports/release_decisions/<deployment_id>.yaml`: a YAML list with one record per phase
 * transition. Each record carries `sha256` (over its canonical JSON without `sha256`) and `prev_sha256` (the
 * previous record's `sha256`), so editing, removing or reordering a record breaks the chain at that record.
 * A record with phase `ga` seals the log (immutable once GA is reached).
 * Appending keeps the existing bytes and adds text at the end, so every commit of the log is a pure append.
 */








const SEALING_PHASE = 'ga';
const Scalar = zod__WEBPACK_IMPORTED_MODULE_6__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_6__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_6__/* .boolean */ .zMY(), zod__WEBPACK_IMPORTED_MODULE_6__/* ["null"] */ .chJ()]);
const IsoTimestamp = zod__WEBPACK_IMPORTED_MODULE_7__/* .datetime */ .w$({ offset: true });
const Sha256 = zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
/** What a caller supplies for one phase transition. */
const DecisionInputSchema = zod__WEBPACK_IMPORTED_MODULE_6__/* .strictObject */ .rej({
    version: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().min(1),
    deployment_id: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().min(1),
    /** preflight, stage:<name>, promote, ga, rollback, ... */
    phase: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().min(1),
    /** PROCEED, HOLD, REVIEW, ROLLBACK, APPROVED, REJECTED, ... */
    decision: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().min(1),
    reason: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().min(1),
    /** GitHub login(s) of the environment reviewer(s); null when the transition was automatic. */
    approver: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().min(1).nullable().default(null),
    approval_comment: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().nullable().default(null),
    start_timestamp: IsoTimestamp,
    /** A percentage, or per-flow shares such as { market_making: 0.05, agency: 0.02 }. */
    traffic_share: zod__WEBPACK_IMPORTED_MODULE_6__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_6__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_6__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_6__/* .number */ .aig())]),
    /** guardrail -> { canary, baseline, threshold, status } or metric -> value. */
    metrics_snapshot: zod__WEBPACK_IMPORTED_MODULE_6__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_6__/* .union */ .KCZ([Scalar, zod__WEBPACK_IMPORTED_MODULE_6__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP(), Scalar)])).default({}),
    notes: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().default(''),
    run_url: zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().min(1).nullable().default(null),
    /**
     * Evidence files this transition produced, from the branch root. Given as paths; the push fills in each
     * file's sha256 as committed (`{path, sha256}`), so the record itself vouches for the files' content.
     */
    evidence_files: zod__WEBPACK_IMPORTED_MODULE_6__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_6__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_6__/* .string */ .YjP().min(1), _evidence_index_js__WEBPACK_IMPORTED_MODULE_3__/* .FileDigestSchema */ ._u])).default([]),
});
const DecisionRecordSchema = DecisionInputSchema.extend({
    recorded_at: IsoTimestamp,
    prev_sha256: Sha256,
    sha256: Sha256,
});
/** Field order in the YAML file (the hash does not depend on it). */
const FIELD_ORDER = [
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
/** sha256 over the canonical JSON of everything in the record except `sha256` itself. */
function recordHash(record) {
    const { sha256: _ignored, ...rest } = record;
    return (0,_canonical_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256Hex */ .fg)((0,_canonical_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalJson */ .dj)(rest));
}
/** Parses the YAML list; an empty or missing file is an empty log. */
function parseDecisionLog(text, file = 'decision log') {
    if (text === null || text.trim() === '')
        return [];
    let doc;
    try {
        doc = yaml__WEBPACK_IMPORTED_MODULE_0__.parse(text, { schema: 'core', uniqueKeys: true });
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .EvidenceChainError */ .FY(file, 0, `not valid YAML (${error.message.split('\n')[0]})`);
    }
    if (doc === null || doc === undefined)
        return [];
    if (!Array.isArray(doc))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .EvidenceChainError */ .FY(file, 0, 'expected a YAML list of records');
    return doc;
}
/**
 * Every problem in the chain, in record order. Links are checked against the stored hash of the previous
 * record, so one edited record is reported once, at that record, instead of cascading down the log.
 */
function checkDecisionChain(records, file = 'decision log') {
    const problems = [];
    let expectedPrev = _canonical_js__WEBPACK_IMPORTED_MODULE_2__/* .GENESIS_SHA256 */ .x;
    let sealedAt = null;
    let first = null;
    records.forEach((raw, index) => {
        const add = (field, message) => {
            problems.push({ file, recordIndex: index, field, message });
        };
        if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
            add(null, 'expected a mapping (a decision record)');
            return;
        }
        const record = raw;
        const parsed = DecisionRecordSchema.safeParse(record);
        if (!parsed.success) {
            for (const issue of parsed.error.issues)
                add(issue.path.join('.') || null, issue.message);
        }
        if (sealedAt !== null) {
            add('phase', `written after the log was sealed by the "ga" record ${sealedAt}`);
        }
        if (record.prev_sha256 !== expectedPrev) {
            add('prev_sha256', index === 0
                ? `the first record must link to the genesis hash ${_canonical_js__WEBPACK_IMPORTED_MODULE_2__/* .GENESIS_SHA256 */ .x}, found ${String(record.prev_sha256)}: records before it were removed or it was moved`
                : `does not link to record ${index - 1} (expected ${expectedPrev}, found ${String(record.prev_sha256)}): a record was removed, inserted or reordered`);
        }
        let computed = null;
        try {
            computed = recordHash(record);
        }
        catch (error) {
            add(null, `cannot be hashed: ${error.message}`);
        }
        if (computed !== null && record.sha256 !== computed) {
            add('sha256', `content does not match its hash (stored ${String(record.sha256)}, computed ${computed}): the record was edited`);
        }
        if (first === null)
            first = record;
        else {
            for (const key of ['version', 'deployment_id']) {
                if (record[key] !== first[key]) {
                    add(key, `is ${JSON.stringify(record[key])} but the log belongs to ${JSON.stringify(first[key])}`);
                }
            }
        }
        if (record.phase === SEALING_PHASE && sealedAt === null)
            sealedAt = index;
        expectedPrev = typeof record.sha256 === 'string' ? record.sha256 : '';
    });
    return problems;
}
function orderedRecord(record) {
    const out = {};
    for (const key of FIELD_ORDER)
        out[key] = record[key];
    return out;
}
function sameDecision(existing, input) {
    const { recorded_at: _r, prev_sha256: _p, sha256: _s, ...rest } = existing;
    return (0,_canonical_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalJson */ .dj)(rest) === (0,_canonical_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalJson */ .dj)(input);
}
function formatInputProblems(error, prefix) {
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
function appendDecision(logText, unmasked, clock, file = 'decision log') {
    // Every record passes the run's masker before it is hashed (masking after would break the chain).
    const input = _secrets_masker_js__WEBPACK_IMPORTED_MODULE_5__/* .runSecrets */ .To.maskValue(unmasked);
    const records = parseDecisionLog(logText, file);
    const problems = checkDecisionChain(records, file);
    if (problems.length > 0) {
        const p = problems[0];
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .EvidenceChainError */ .FY(file, p.recordIndex ?? 0, `${p.field ? `${p.field}: ` : ''}${p.message}`);
    }
    const gaIndex = records.findIndex((r) => r.phase === SEALING_PHASE);
    if (gaIndex >= 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .EvidenceSealedError */ .Ig(file, gaIndex);
    const parsedInput = DecisionInputSchema.safeParse(input);
    if (!parsedInput.success) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file}: invalid decision record`, formatInputProblems(parsedInput.error, 'decision'));
    }
    const decision = parsedInput.data;
    const last = records.at(-1);
    if (last && sameDecision(last, decision))
        return logText ?? '';
    if (last && (last.deployment_id !== decision.deployment_id || last.version !== decision.version)) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file}: invalid decision record`, [
            {
                path: 'decision.deployment_id',
                message: `this log belongs to deployment ${String(last.deployment_id)} (version ${String(last.version)}), got ${decision.deployment_id} (version ${decision.version})`,
            },
        ]);
    }
    const prev = last ? String(last.sha256) : _canonical_js__WEBPACK_IMPORTED_MODULE_2__/* .GENESIS_SHA256 */ .x;
    const unhashed = { ...decision, recorded_at: clock.now().toISOString(), prev_sha256: prev };
    const record = { ...unhashed, sha256: recordHash(unhashed) };
    const header = logText && logText.trim() !== ''
        ? logText.endsWith('\n')
            ? logText
            : `${logText}\n`
        : `# Decision log for deployment ${decision.deployment_id} (version ${decision.version}), written by canary-conductor.\n` +
            "# Append-only and hash-chained: sha256 covers each record's canonical JSON (sorted keys, without sha256),\n" +
            '# prev_sha256 links it to the record before. Sealed once a record has phase "ga".\n' +
            '# Check with: canary-conductor verify-evidence <repository or directory>\n';
    return header + yaml__WEBPACK_IMPORTED_MODULE_0__.stringify([orderedRecord(record)], { lineWidth: 0 });
}
/** The records of a log that verifies; throws like appendDecision when it does not. */
function readDecisionLog(text, file = 'decision log') {
    const records = parseDecisionLog(text, file);
    const problems = checkDecisionChain(records, file);
    if (problems.length > 0) {
        const p = problems[0];
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .EvidenceChainError */ .FY(file, p.recordIndex ?? 0, `${p.field ? `${p.field}: ` : ''}${p.message}`);
    }
    return records;
}


/***/ }),

/***/ 7050:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FY: () => (/* binding */ EvidenceChainError),
/* harmony export */   Ig: () => (/* binding */ EvidenceSealedError),
/* harmony export */   NH: () => (/* binding */ EvidenceSymlinkError),
/* harmony export */   mb: () => (/* binding */ EvidencePushError)
/* harmony export */ });
/** The decision log reached GA; it is immutable from then on. */
class EvidenceSealedError extends Error {
    file;
    gaRecordIndex;
    constructor(file, gaRecordIndex) {
        super(`${file}: the decision log is sealed (record ${gaRecordIndex} has phase "ga"); decision logs are immutable once GA is reached, nothing was written`);
        this.file = file;
        this.gaRecordIndex = gaRecordIndex;
        this.name = 'EvidenceSealedError';
    }
}
/** The existing log does not verify, so appending to it would extend a chain nobody can trust. */
class EvidenceChainError extends Error {
    file;
    recordIndex;
    detail;
    constructor(file, recordIndex, detail) {
        super(`${file}: record ${recordIndex}: ${detail}; refusing to append to a broken decision log`);
        this.file = file;
        this.recordIndex = recordIndex;
        this.detail = detail;
        this.name = 'EvidenceChainError';
    }
}
/** Pushing evidence gave up after its bounded number of attempts. */
class EvidencePushError extends Error {
    attempts;
    constructor(message, attempts) {
        super(message);
        this.attempts = attempts;
        this.name = 'EvidencePushError';
    }
}
/**
 * A path being written crosses a symbolic link. Anyone who can push to the evidence branch can commit a link,
 * so following it would write outside the clone (onto the runner) or into another file; nothing is written.
 */
class EvidenceSymlinkError extends Error {
    target;
    link;
    constructor(
    /** The written path, from the branch root. */
    target, 
    /** The part of it that is a symbolic link. */
    link) {
        super(`evidence: refusing to write ${target}: ${link === target ? 'it' : link} is a symbolic link on the evidence branch; evidence is never written through a link (remove the link from the branch), nothing was pushed`);
        this.target = target;
        this.link = link;
        this.name = 'EvidenceSymlinkError';
    }
}


/***/ }),

/***/ 6153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ce: () => (/* binding */ parseIndexEntry),
/* harmony export */   DQ: () => (/* binding */ INDEX_DIR),
/* harmony export */   _u: () => (/* binding */ FileDigestSchema),
/* harmony export */   c: () => (/* binding */ indexEntryPath),
/* harmony export */   dy: () => (/* binding */ serializeIndexEntry),
/* harmony export */   fW: () => (/* binding */ buildIndexEntry),
/* harmony export */   oj: () => (/* binding */ isIndexPath)
/* harmony export */ });
/* unused harmony exports IndexedLogSchema, IndexEntrySchema, INDEX_SHARD_SIZE, seqOfIndexPath, indexEntryHash, entryShapeProblems, checkIndexChain */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4377);
/* harmony import */ var _canonical_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71);
/**
 * The evidence index: one immutable entry file per commit the product makes on the evidence branch,
 * `reports/evidence_index/<seq>.json`, naming every file that commit wrote with its sha256 and the decision
 * logs it extended. Entries are hash-chained like decision records (`prev_sha256` -> the previous entry's
 * `sha256`), so the index finds every release's logs and every file, and removing, renaming or editing any of
 * them (or an entry) is a named failure. One file per entry keeps history checks linear: entries are only ever
 * added, so no commit rewrites a growing file.
 */


const INDEX_DIR = 'reports/evidence_index';
const Sha256 = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const FileDigestSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ path: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1), sha256: Sha256 });
const IndexedLogSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    path: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    version: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    deployment_id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
});
const IndexEntrySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    seq: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    recorded_at: zod__WEBPACK_IMPORTED_MODULE_2__/* .datetime */ .w$({ offset: true }),
    /** The commit's subject line, so an entry can be matched to its commit by a reader. */
    subject: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    files: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(FileDigestSchema),
    logs: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(IndexedLogSchema),
    prev_sha256: Sha256,
    sha256: Sha256,
});
/** Entries per folder: git rewrites a folder's tree object on every commit that adds to it, so folders stay small. */
const INDEX_SHARD_SIZE = 100;
/**
 * `reports/evidence_index/<seq / 100>/<seq>.json`, zero-padded so entries sort by name in the order they were
 * written. Sharded because a folder of 10,000 entries would make every commit's tree, and every history diff,
 * as large as the index.
 */
function indexEntryPath(seq) {
    const shard = String(Math.floor(seq / INDEX_SHARD_SIZE)).padStart(6, '0');
    return `${INDEX_DIR}/${shard}/${String(seq).padStart(8, '0')}.json`;
}
const ENTRY_NAME = new RegExp(`^${INDEX_DIR}/(\\d{6,})/(\\d{8,})\\.json$`);
function isIndexPath(file) {
    return file === INDEX_DIR || file.startsWith(`${INDEX_DIR}/`);
}
/** The sequence number an entry's file name claims, or null when the name is not an entry's (or in the wrong shard). */
function seqOfIndexPath(file) {
    const match = ENTRY_NAME.exec(file);
    if (!match)
        return null;
    const seq = Number(match[2]);
    return Number(match[1]) === Math.floor(seq / INDEX_SHARD_SIZE) ? seq : null;
}
function indexEntryHash(entry) {
    const { sha256: _ignored, ...rest } = entry;
    return (0,_canonical_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256Hex */ .fg)((0,_canonical_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalJson */ .dj)(rest));
}
/** The entry following `previous` (null for the branch's first), sorted so the same commit gives the same bytes. */
function buildIndexEntry(previous, parts) {
    const byPath = (a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
    const unhashed = {
        seq: previous ? previous.seq + 1 : 0,
        recorded_at: parts.recordedAt.toISOString(),
        subject: parts.subject,
        files: [...parts.files].sort(byPath),
        logs: [...parts.logs].sort(byPath),
        prev_sha256: previous ? previous.sha256 : _canonical_js__WEBPACK_IMPORTED_MODULE_0__/* .GENESIS_SHA256 */ .x,
    };
    return { ...unhashed, sha256: indexEntryHash(unhashed) };
}
function serializeIndexEntry(entry) {
    return `${JSON.stringify(entry, null, 1)}\n`;
}
/** The entry in `text`, or the problems that make it unreadable. */
function parseIndexEntry(text, file) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (error) {
        return {
            entry: null,
            problems: [{ file, field: null, message: `not valid JSON (${error.message})` }],
        };
    }
    const problems = entryShapeProblems(raw).map((p) => ({ file, ...p }));
    if (problems.length > 0)
        return { entry: null, problems };
    return { entry: raw, problems: [] };
}
const HEX64 = /^[0-9a-f]{64}$/;
const ENTRY_KEYS = ['seq', 'recorded_at', 'subject', 'files', 'logs', 'prev_sha256', 'sha256'];
/**
 * IndexEntrySchema checked by hand: a branch holds one entry per commit, tens of thousands of them, and this
 * is an order of magnitude faster than the schema; test/evidence checks that both agree.
 */
function entryShapeProblems(raw) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        return [{ field: null, message: 'expected an object (an evidence index entry)' }];
    const e = raw;
    const out = [];
    for (const key of Object.keys(e))
        if (!ENTRY_KEYS.includes(key))
            out.push({ field: key, message: 'is not a field of an index entry' });
    if (!Number.isInteger(e.seq) || e.seq < 0)
        out.push({ field: 'seq', message: 'expected a non-negative integer' });
    if (typeof e.recorded_at !== 'string' || Number.isNaN(Date.parse(e.recorded_at)))
        out.push({ field: 'recorded_at', message: 'expected an ISO timestamp' });
    if (typeof e.subject !== 'string')
        out.push({ field: 'subject', message: 'expected a string' });
    for (const key of ['prev_sha256', 'sha256'])
        if (typeof e[key] !== 'string' || !HEX64.test(e[key]))
            out.push({ field: key, message: 'expected 64 lowercase hex digits' });
    const list = (key, fields) => {
        const value = e[key];
        if (!Array.isArray(value)) {
            out.push({ field: key, message: 'expected a list' });
            return;
        }
        value.forEach((item, i) => {
            const ok = item !== null &&
                typeof item === 'object' &&
                Object.keys(item).length === Object.keys(fields).length &&
                Object.entries(fields).every(([k, test]) => test(item[k]));
            if (!ok)
                out.push({ field: `${key}.${i}`, message: `expected { ${Object.keys(fields).join(', ')} }` });
        });
    };
    const text = (v) => typeof v === 'string' && v.length > 0;
    list('files', { path: text, sha256: (v) => typeof v === 'string' && HEX64.test(v) });
    list('logs', { path: text, version: text, deployment_id: text });
    return out;
}
/**
 * Every problem of the chain: entries numbered 0..n-1 without a gap, each stored under its own number, each
 * hash matching its content and linking to the entry before. Entries must be given in file-name order.
 */
function checkIndexChain(entries) {
    const problems = [];
    let expectedPrev = GENESIS_SHA256;
    entries.forEach(({ file, entry }, position) => {
        if (seqOfIndexPath(file) !== entry.seq) {
            problems.push({
                file,
                field: 'seq',
                message: `entry ${entry.seq} is stored as ${file}: it was renamed or copied`,
            });
        }
        if (entry.seq !== position) {
            problems.push({
                file,
                field: 'seq',
                message: `expected entry ${position} here, found ${entry.seq}: entries before it were removed`,
            });
        }
        if (entry.prev_sha256 !== expectedPrev) {
            problems.push({
                file,
                field: 'prev_sha256',
                message: `does not link to the entry before (expected ${expectedPrev}, found ${entry.prev_sha256}): an entry was removed, inserted or rewritten`,
            });
        }
        const computed = indexEntryHash(entry);
        if (computed !== entry.sha256) {
            problems.push({
                file,
                field: 'sha256',
                message: `content does not match its hash (stored ${entry.sha256}, computed ${computed}): the entry was edited`,
            });
        }
        expectedPrev = entry.sha256;
    });
    return problems;
}


/***/ }),

/***/ 161:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ renderEvidencePath),
/* harmony export */   R: () => (/* binding */ checkEvidencePath)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8270);


/**
 * A path inside the evidence branch: relative, forward slashes, no `..`, no `.git`. Anything else could write
 * outside the clone or into git's own metadata.
 */
function checkEvidencePath(candidate, field) {
    if (typeof candidate !== 'string' || candidate.trim() === '') {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${field}: expected a relative path inside the evidence branch, got an empty value`);
    }
    if (candidate.includes('\\') || candidate.includes('\0')) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${field}: "${candidate}" must use forward slashes and no NUL characters`);
    }
    if (node_path__WEBPACK_IMPORTED_MODULE_0___default().posix.isAbsolute(candidate) || /^[a-zA-Z]:/.test(candidate)) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${field}: "${candidate}" must be relative to the repository root, not absolute`);
    }
    const normalized = node_path__WEBPACK_IMPORTED_MODULE_0___default().posix.normalize(candidate).replace(/\/+$/, '');
    const segments = normalized.split('/');
    if (segments.includes('..')) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${field}: "${candidate}" leaves the repository (contains "..")`);
    }
    if (segments.some((s) => s.toLowerCase() === '.git')) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${field}: "${candidate}" points into .git`);
    }
    return normalized;
}
/** The plan's `evidence.dir` / `evidence.decisions` with `{{version}}`, `{{deployment_id}}`... filled in and checked. */
function renderEvidencePath(pattern, context, field) {
    return checkEvidencePath((0,_config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .renderTemplate */ .Xm)(pattern, context, field), field);
}


/***/ }),

/***/ 3508:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FK: () => (/* binding */ DEFAULT_IDENTITY),
  Mt: () => (/* binding */ evidenceCommitMessage),
  a2: () => (/* binding */ pushEvidence)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/config/index.ts + 11 modules
var config = __webpack_require__(8270);
// EXTERNAL MODULE: ./src/git/git-command-manager.ts + 1 modules
var git_command_manager = __webpack_require__(3800);
// EXTERNAL MODULE: ./src/git/remote.ts
var git_remote = __webpack_require__(668);
// EXTERNAL MODULE: ./src/secrets/masker.ts
var masker = __webpack_require__(2490);
// EXTERNAL MODULE: ./src/evidence/canonical.ts
var canonical = __webpack_require__(71);
// EXTERNAL MODULE: ./src/evidence/paths.ts
var evidence_paths = __webpack_require__(161);
;// CONCATENATED MODULE: ./src/evidence/collect.ts




/**
 * Every file below `fromDir` (sorted, `.git` skipped), placed under `toPath` in the evidence branch. An empty
 * or missing folder is an error: pushing "no evidence" must never look like success. A link is an error too,
 * rather than silently left out or followed to whatever it points at.
 */
async function collectEvidenceFiles(fromDir, toPath) {
    const destination = toPath === '.' || toPath === '' ? '' : (0,evidence_paths/* checkEvidencePath */.R)(toPath, 'to');
    const root = external_node_path_default().resolve(fromDir);
    const out = [];
    const walk = async (dir) => {
        let entries;
        try {
            entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
        }
        catch (error) {
            throw new config/* ConfigurationError */.j1(`from: cannot read ${dir} (${error.code ?? 'error'}); expected a folder of evidence files`);
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
            if (entry.name === '.git')
                continue;
            const full = external_node_path_default().join(dir, entry.name);
            if (entry.isSymbolicLink())
                throw new config/* ConfigurationError */.j1(`from: ${external_node_path_default().relative(root, full) || full} is a symbolic link; evidence is never read through a link (copy the file in instead)`);
            if (entry.isDirectory())
                await walk(full);
            else if (entry.isFile()) {
                const rel = external_node_path_default().relative(root, full).split((external_node_path_default()).sep).join('/');
                out.push({ path: destination ? `${destination}/${rel}` : rel, content: await (0,promises_.readFile)(full) });
            }
        }
    };
    await walk(root);
    if (out.length === 0)
        throw new config/* ConfigurationError */.j1(`from: ${fromDir} has no files to push`);
    return out;
}

// EXTERNAL MODULE: ./src/evidence/decision-log.ts
var decision_log = __webpack_require__(3624);
// EXTERNAL MODULE: ./src/evidence/errors.ts
var errors = __webpack_require__(7050);
// EXTERNAL MODULE: ./src/evidence/evidence-index.ts
var evidence_index = __webpack_require__(6153);
;// CONCATENATED MODULE: ./src/evidence/no-follow.ts
/**
 * Guards every write into a checkout of the evidence branch: each component of the path, from the checkout's
 * root down to the file, must be a real directory or file (or not exist yet), never a symbolic link. A link
 * committed by anyone with push access would otherwise redirect the write to any folder of the runner.
 */




/** Throws EvidenceSymlinkError naming the first link on `relative` (a checked branch path) below `root`. */
async function assertNoLinkOnPath(root, relative) {
    const segments = relative.split('/');
    let current = root;
    for (let i = 0; i < segments.length; i++) {
        current = external_node_path_default().join(current, segments[i]);
        const info = await (0,promises_.lstat)(current).catch((error) => {
            if (error.code === 'ENOENT')
                return null;
            throw error;
        });
        // A missing component is created by the write itself as a real directory or file.
        if (info === null)
            return;
        if (info.isSymbolicLink())
            throw new errors/* EvidenceSymlinkError */.NH(relative, segments.slice(0, i + 1).join('/'));
    }
}
/** The same check for synchronous readers (a decision record's digests are computed inside a sync update). */
function assertNoLinkOnPathSync(root, relative) {
    const segments = relative.split('/');
    let current = root;
    for (let i = 0; i < segments.length; i++) {
        current = external_node_path_default().join(current, segments[i]);
        let info;
        try {
            info = (0,external_node_fs_.lstatSync)(current);
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return;
            throw error;
        }
        if (info.isSymbolicLink())
            throw new errors/* EvidenceSymlinkError */.NH(relative, segments.slice(0, i + 1).join('/'));
    }
}

;// CONCATENATED MODULE: ./src/evidence/push.ts
/**
 * Evidence lands on its branch with real git: a shallow clone (an orphan branch when the branch is missing),
 * the changes applied, one commit, a push. A rejected push is never forced: the branch is fetched again and the
 * same changes are re-applied on top of what other jobs pushed (a rebase of our one commit, done by replaying
 * its changes, which also re-runs appends on the new content instead of conflicting), a bounded number of times.
 */















const DEFAULT_IDENTITY = {
    name: 'canary-conductor[bot]',
    email: 'canary-conductor@users.noreply.github.com',
};
/** A commit message naming the release, the stage and the run, as auditors search for them. */
function evidenceCommitMessage(parts) {
    const lines = [
        `evidence(${parts.release}): ${parts.stage}${parts.summary ? ` - ${parts.summary}` : ''}`,
        '',
    ];
    lines.push(`Release: ${parts.release}`, `Stage: ${parts.stage}`, `Run: ${parts.runUrl ?? 'local run (no GitHub run URL)'}`);
    return `${lines.join('\n')}\n`;
}
const BRANCH_NAME = /^(?!\/|.*\/\/|.*\/$|.*\.\.|.*\.lock$|.*@\{)[A-Za-z0-9._/-]+$/;
const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function pushEvidence(options) {
    if (!BRANCH_NAME.test(options.branch ?? '') || options.branch.startsWith('-')) {
        throw new config/* ConfigurationError */.j1(`branch: "${options.branch}" is not a valid branch name (expected e.g. canary-evidence)`);
    }
    if (!options.message || options.message.trim() === '') {
        throw new config/* ConfigurationError */.j1('message: expected a commit message naming the release, the stage and the run URL');
    }
    const maxAttempts = options.maxAttempts ?? 6;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 50) {
        throw new config/* ConfigurationError */.j1(`maxAttempts: expected an integer 1..50, got ${maxAttempts}`);
    }
    if ((options.fromDir === undefined) !== (options.toPath === undefined)) {
        throw new config/* ConfigurationError */.j1('from/to: give both the folder to push and the destination path, or neither');
    }
    const changes = (options.files ?? []).map((change, i) => ({
        ...change,
        path: (0,evidence_paths/* checkEvidencePath */.R)(change.path, `files[${i}].path`),
    }));
    if (options.fromDir !== undefined) {
        for (const file of await collectEvidenceFiles(options.fromDir, options.toPath))
            changes.push(file);
    }
    if (changes.length === 0)
        throw new config/* ConfigurationError */.j1('files: nothing to push (expected files or a folder)');
    const paths = changes.map((c) => c.path);
    const reserved = paths.find(evidence_index/* isIndexPath */.oj);
    if (reserved)
        throw new config/* ConfigurationError */.j1(`files: ${reserved} is inside ${evidence_index/* INDEX_DIR */.DQ}/, which only the push itself writes (the evidence index)`);
    const duplicate = paths.find((p, i) => paths.indexOf(p) !== i);
    if (duplicate)
        throw new config/* ConfigurationError */.j1(`files: ${duplicate} is given twice`);
    const remote = (0,git_remote/* normalizeRemote */.e$)(options.remote, options.cwd);
    const log = options.log ?? (() => undefined);
    const sleep = options.sleep ?? defaultSleep;
    const random = options.random ?? Math.random;
    const factory = options.git ?? git_command_manager/* createGitCommandManager */.x;
    const workdir = await (0,promises_.mkdtemp)(external_node_path_default().join(options.tempDir ?? external_node_os_default().tmpdir(), 'canary-evidence-'));
    try {
        const git = factory({ workingDirectory: workdir, remote, token: options.token, log });
        await git.init();
        let lastReason = '';
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
            const tip = await git.remoteBranchSha(options.branch);
            if (tip) {
                await git.fetchBranch(options.branch, 1);
                await git.resetBranchTo(options.branch, `refs/remotes/origin/${options.branch}`);
            }
            else {
                await git.startOrphan(options.branch);
            }
            for (const change of changes)
                await applyChange(workdir, change);
            await git.stagePaths(paths);
            const changed = await stagedPaths(git);
            if (changed.length > 0) {
                const now = options.clock?.now() ?? new Date();
                const entryPath = await writeIndexEntry(workdir, changed, changes, now, options.message);
                await git.stagePaths([entryPath]);
            }
            if (!(await git.hasStagedChanges())) {
                if (!tip)
                    throw new errors/* EvidencePushError */.mb('nothing to commit on a new branch', attempt);
                log(`evidence: ${options.branch} already holds this evidence at ${tip}; nothing to commit`);
                return { commit: tip, attempts: attempt, files: paths, changed: false, createdBranch: false };
            }
            const commit = await git.commit(options.message, options.identity ?? DEFAULT_IDENTITY, options.clock?.now());
            const outcome = await git.push(options.branch);
            if (outcome.status === 'pushed') {
                log(`evidence: pushed ${paths.length} file(s) to ${options.branch} as ${commit} (attempt ${attempt})`);
                return { commit, attempts: attempt, files: paths, changed: true, createdBranch: tip === null };
            }
            lastReason = outcome.reason;
            if (attempt < maxAttempts) {
                // Jitter spreads jobs that collided so they do not collide again on the next round.
                const delay = Math.min(2000, 100 * 2 ** (attempt - 1)) * (0.5 + random());
                log(`evidence: push to ${options.branch} rejected (${outcome.reason}); fetching and re-applying in ${Math.round(delay)} ms`);
                await sleep(delay);
            }
        }
        throw new errors/* EvidencePushError */.mb(`evidence: push to ${options.branch} was rejected ${maxAttempts} times (last: ${lastReason}); other jobs keep moving the branch, nothing was forced`, maxAttempts);
    }
    finally {
        await (0,promises_.rm)(workdir, { recursive: true, force: true });
    }
}
async function stagedPaths(git) {
    const result = await git.exec(['diff', '--cached', '--name-only', '--no-renames', '-z']);
    return result.stdout.split('\0').filter(Boolean);
}
/** The newest entry of the branch's evidence index, or null on a branch that has none yet. */
async function latestIndexEntry(workdir) {
    const newest = async (relative, pattern) => {
        await assertNoLinkOnPath(workdir, relative);
        const names = await (0,promises_.readdir)(external_node_path_default().join(workdir, ...relative.split('/'))).catch((error) => {
            if (error.code === 'ENOENT')
                return [];
            throw error;
        });
        // Zero-padded numbers: the longest, then the greatest name is the newest.
        return (names
            .filter((n) => pattern.test(n))
            .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
            .at(-1) ?? null);
    };
    const shard = await newest(evidence_index/* INDEX_DIR */.DQ, /^\d{6,}$/);
    if (!shard)
        return null;
    const latest = await newest(`${evidence_index/* INDEX_DIR */.DQ}/${shard}`, /^\d{8,}\.json$/);
    if (!latest)
        return null;
    const file = `${evidence_index/* INDEX_DIR */.DQ}/${shard}/${latest}`;
    await assertNoLinkOnPath(workdir, file);
    const parsed = (0,evidence_index/* parseIndexEntry */.Ce)(await (0,promises_.readFile)(external_node_path_default().join(workdir, ...file.split('/')), 'utf8'), file);
    if (!parsed.entry) {
        const p = parsed.problems[0];
        throw new errors/* EvidenceChainError */.FY(file, 0, `${p.field ? `${p.field}: ` : ''}${p.message}`);
    }
    return parsed.entry;
}
/**
 * Adds the index entry naming every file this commit changes with its digest; returns the entry's path. The
 * entry is computed from the files as staged, so a retried push names exactly what it commits.
 */
async function writeIndexEntry(workdir, changed, changes, now, message) {
    const files = [];
    const logs = [];
    for (const file of changed) {
        const bytes = await (0,promises_.readFile)(external_node_path_default().join(workdir, ...file.split('/')));
        files.push({ path: file, sha256: (0,canonical/* sha256Bytes */.LP)(bytes) });
        const change = changes.find((c) => c.path === file);
        if (change && 'kind' in change && change.kind === 'decision-log') {
            const last = (0,decision_log/* parseDecisionLog */.Up)(bytes.toString('utf8'), file).at(-1);
            if (last)
                logs.push({ path: file, version: String(last.version), deployment_id: String(last.deployment_id) });
        }
    }
    const entry = (0,evidence_index/* buildIndexEntry */.fW)(await latestIndexEntry(workdir), {
        recordedAt: now,
        subject: message.split('\n')[0].trim(),
        files,
        logs,
    });
    const entryPath = (0,evidence_index/* indexEntryPath */.c)(entry.seq);
    await assertNoLinkOnPath(workdir, entryPath);
    const target = external_node_path_default().join(workdir, ...entryPath.split('/'));
    await (0,promises_.mkdir)(external_node_path_default().dirname(target), { recursive: true });
    await (0,promises_.writeFile)(target, (0,evidence_index/* serializeIndexEntry */.dy)(entry), { flag: 'wx' });
    return entryPath;
}
function workspaceOf(workdir) {
    return {
        digestOf(file) {
            const checked = (0,evidence_paths/* checkEvidencePath */.R)(file, 'evidence_files');
            assertNoLinkOnPathSync(workdir, checked);
            try {
                return (0,canonical/* sha256Bytes */.LP)((0,external_node_fs_.readFileSync)(external_node_path_default().join(workdir, ...checked.split('/'))));
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return null;
                throw error;
            }
        },
    };
}
async function applyChange(workdir, change) {
    // Reading or writing through a link committed to the branch would touch files outside the clone.
    await assertNoLinkOnPath(workdir, change.path);
    const target = external_node_path_default().join(workdir, ...change.path.split('/'));
    await (0,promises_.mkdir)(external_node_path_default().dirname(target), { recursive: true });
    const current = async () => {
        try {
            return await (0,promises_.readFile)(target, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return null;
            throw error;
        }
    };
    if ('update' in change) {
        await (0,promises_.writeFile)(target, change.update(await current(), workspaceOf(workdir)));
    }
    else if (change.mode === 'append') {
        const content = (0,masker/* maskSecrets */.QU)(change.content);
        const before = (await current()) ?? '';
        // A re-run job appending the same entry again converges instead of duplicating it.
        if (content !== '' && before.endsWith(content))
            return;
        // A file that does not end in a newline would glue two war-room lines together.
        const separator = before === '' || before.endsWith('\n') ? '' : '\n';
        await (0,promises_.writeFile)(target, before + separator + content);
    }
    else {
        // Every evidence file passes the run's masker at this one write point (binary files are written as given).
        await (0,promises_.writeFile)(target, typeof change.content === 'string' ? (0,masker/* maskSecrets */.QU)(change.content) : change.content);
    }
}


/***/ }),

/***/ 3800:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  x: () => (/* binding */ createGitCommandManager)
});

// UNUSED EXPORTS: GitCommandError

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/git/auth.ts
/**
 * The token reaches git only through the environment of one git process (GIT_CONFIG_COUNT/KEY/VALUE), never a
 * URL, an argument list (visible in `ps`) or a config file, so nothing is left on disk for the next job to read.
 */
/** `https://host[:port]/` of an http(s) remote, or null for local paths, ssh and file URLs. */
function httpOrigin(remote) {
    if (!/^https?:\/\//i.test(remote))
        return null;
    const url = new URL(remote);
    return `${url.protocol}//${url.host}/`;
}
/**
 * The header is scoped to the remote's origin (`http.<origin>.extraheader`), like actions/checkout, so a
 * redirect or a submodule on another host never receives it.
 */
function createGitAuth(remote, token, baseEnv = process.env) {
    if (!token)
        return { env: {}, mask: (text) => text };
    const origin = httpOrigin(remote);
    const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
    const secrets = [token, basic, Buffer.from(token, 'utf8').toString('base64')].filter((s) => s.length >= 4);
    const mask = (text) => secrets.reduce((out, s) => out.split(s).join('***'), text);
    if (!origin)
        return { env: {}, mask };
    // Other GIT_CONFIG_* entries already in the environment keep their slots; ours goes after them.
    const existing = Number.parseInt(baseEnv.GIT_CONFIG_COUNT ?? '0', 10);
    const index = Number.isFinite(existing) && existing > 0 ? existing : 0;
    return {
        env: {
            GIT_CONFIG_COUNT: String(index + 1),
            [`GIT_CONFIG_KEY_${index}`]: `http.${origin}.extraheader`,
            [`GIT_CONFIG_VALUE_${index}`]: `AUTHORIZATION: basic ${basic}`,
        },
        mask,
    };
}

;// CONCATENATED MODULE: ./src/git/git-command-manager.ts
/**
 * git behind an interface made by a factory (after actions/checkout's git-command-manager): the real `git`
 * binary through execFile (never a shell), one working directory, one remote named `origin`. Callers above this
 * module never build git argument lists, so the token handling and output masking live in one place.
 */


class GitCommandError extends Error {
    args;
    result;
    constructor(args, result) {
        super(`git ${args.join(' ')} failed (exit ${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`);
        this.args = args;
        this.result = result;
        this.name = 'GitCommandError';
    }
}
const RETRYABLE_PUSH = /fetch first|non-fast-forward|failed to update ref|cannot lock ref|stale info|incorrect old value|reference already exists/i;
function createGitCommandManager(options) {
    const baseEnv = options.env ?? process.env;
    const auth = createGitAuth(options.remote, options.token, baseEnv);
    const gitPath = options.gitPath ?? 'git';
    const timeout = options.timeoutMs ?? 120_000;
    const log = (line) => options.log?.(auth.mask(line));
    const cwd = options.workingDirectory;
    const exec = (args, execOptions = {}) => new Promise((resolve, reject) => {
        log(`git ${args.join(' ')}`);
        const env = {
            ...baseEnv,
            // Messages are parsed (push rejections), so they must not be translated; prompts would hang a CI job.
            LC_ALL: 'C',
            GIT_TERMINAL_PROMPT: '0',
            GCM_INTERACTIVE: 'never',
            ...(execOptions.network ? auth.env : {}),
            ...execOptions.env,
        };
        const child = (0,external_node_child_process_.execFile)(gitPath, args, { cwd, env, timeout, maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
            const result = {
                exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
                stdout: auth.mask(String(stdout)),
                stderr: auth.mask(String(stderr)),
            };
            if (error && error.killed) {
                result.stderr += `\n(killed after ${timeout} ms)`;
            }
            // With allowFailure a non-zero exit is an answer (diff --quiet, show of a missing file), not a failure.
            if (result.exitCode !== 0 && !execOptions.allowFailure) {
                log(`git exited ${result.exitCode}: ${result.stderr.trim()}`);
                reject(new GitCommandError(args, result));
                return;
            }
            resolve(result);
        });
        // git may exit before reading stdin (most commands never do); its exit status is what counts, so a
        // broken pipe here is not an error of its own.
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(execOptions.input ?? '');
    });
    // Commits must not depend on the runner's global config (signing, hooks, identity).
    const isolated = ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];
    return {
        workingDirectory: cwd,
        exec,
        async init() {
            await exec(['init', '--quiet']);
            await exec(['remote', 'add', 'origin', options.remote]);
        },
        async cloneBranch(branch) {
            await exec(['clone', '--quiet', '--no-tags', '--single-branch', '--branch', branch, '--', options.remote, '.'], {
                network: true,
            });
        },
        async remoteBranchSha(branch) {
            const result = await exec(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`], {
                network: true,
            });
            const line = result.stdout.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`));
            return line ? line.split('\t')[0] : null;
        },
        async fetchBranch(branch, depth) {
            const args = ['fetch', '--quiet', '--no-tags'];
            if (depth !== undefined)
                args.push(`--depth=${depth}`);
            args.push('origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`);
            await exec(args, { network: true });
            return (await exec(['rev-parse', `refs/remotes/origin/${branch}`])).stdout.trim();
        },
        async resetBranchTo(branch, ref) {
            await exec(['checkout', '--quiet', '--force', '-B', branch, ref]);
            await exec(['clean', '--quiet', '-fdx']);
        },
        async startOrphan(branch) {
            await exec(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
            await exec(['read-tree', '--empty']);
            await exec(['clean', '--quiet', '-fdx']);
        },
        async stagePaths(paths) {
            if (paths.length === 0)
                return;
            await exec(['add', '--all', '--', ...paths]);
        },
        async hasStagedChanges() {
            const result = await exec(['diff', '--cached', '--quiet'], { allowFailure: true });
            if (result.exitCode > 1)
                throw new GitCommandError(['diff', '--cached', '--quiet'], result);
            return result.exitCode === 1;
        },
        async commit(message, identity, date) {
            const env = {
                GIT_AUTHOR_NAME: identity.name,
                GIT_AUTHOR_EMAIL: identity.email,
                GIT_COMMITTER_NAME: identity.name,
                GIT_COMMITTER_EMAIL: identity.email,
            };
            if (date) {
                env.GIT_AUTHOR_DATE = date.toISOString();
                env.GIT_COMMITTER_DATE = date.toISOString();
            }
            await exec([...isolated, 'commit', '--quiet', '--no-verify', '--file=-'], { env, input: message });
            return (await exec(['rev-parse', 'HEAD'])).stdout.trim();
        },
        async push(branch) {
            const args = ['push', '--porcelain', 'origin', `HEAD:refs/heads/${branch}`];
            const result = await exec(args, { network: true, allowFailure: true });
            if (result.exitCode === 0)
                return { status: 'pushed' };
            const text = `${result.stdout}\n${result.stderr}`;
            const rejectedLine = text.split('\n').find((l) => l.startsWith('!'));
            if (RETRYABLE_PUSH.test(rejectedLine ?? text)) {
                return { status: 'rejected', reason: (rejectedLine ?? result.stderr).trim() };
            }
            throw new GitCommandError(args, result);
        },
        async revParse(ref) {
            return (await exec(['rev-parse', '--verify', `${ref}^{commit}`])).stdout.trim();
        },
        async showFile(ref, path) {
            const result = await exec(['show', `${ref}:${path}`], { allowFailure: true });
            return result.exitCode === 0 ? result.stdout : null;
        },
        async commitsTouching(ref, path) {
            const result = await exec(['log', '--reverse', '--format=%H', ref, '--', path]);
            return result.stdout.split('\n').filter(Boolean);
        },
        async listFiles(ref, dir) {
            const args = ['ls-tree', '-r', '--name-only', '-z', ref];
            if (dir)
                args.push('--', dir);
            const result = await exec(args);
            return result.stdout.split('\0').filter(Boolean);
        },
        readBlobs(ids) {
            if (ids.length === 0)
                return Promise.resolve([]);
            for (const id of ids) {
                if (!/^[0-9a-f]{40,64}$/.test(id))
                    return Promise.reject(new Error(`readBlobs: ${id} is not an object id`));
            }
            return new Promise((resolve, reject) => {
                log(`git cat-file --batch --buffer (${ids.length} object(s))`);
                const child = (0,external_node_child_process_.spawn)(gitPath, ['cat-file', '--batch', '--buffer'], {
                    cwd,
                    env: { ...baseEnv, LC_ALL: 'C' },
                    stdio: ['pipe', 'pipe', 'pipe'],
                    windowsHide: true,
                });
                const chunks = [];
                let stderr = '';
                child.stdout.on('data', (c) => chunks.push(c));
                child.stderr.on('data', (c) => (stderr += String(c)));
                child.on('error', reject);
                child.on('close', (code) => {
                    if (code !== 0) {
                        reject(new Error(`git cat-file --batch exited ${code}: ${stderr.trim()}`));
                        return;
                    }
                    const out = Buffer.concat(chunks);
                    const blobs = [];
                    let at = 0;
                    for (let i = 0; i < ids.length; i++) {
                        const eol = out.indexOf(0x0a, at);
                        const header = out.toString('utf8', at, eol).split(' ');
                        if (header[1] === 'missing' || eol < 0) {
                            blobs.push(null);
                            at = eol + 1;
                            continue;
                        }
                        const size = Number(header[2]);
                        blobs.push(out.subarray(eol + 1, eol + 1 + size));
                        at = eol + 1 + size + 1;
                    }
                    resolve(blobs);
                });
                child.stdin.on('error', () => undefined);
                child.stdin.end(`${ids.join('\n')}\n`);
            });
        },
    };
}


/***/ })

};
