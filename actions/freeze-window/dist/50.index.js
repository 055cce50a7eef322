export const id = 50;
export const ids = [50,605];
export const modules = {

/***/ 8315:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  M: () => (/* binding */ evidenceCommitMessage),
  a: () => (/* binding */ pushEvidence)
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
// EXTERNAL MODULE: ./src/config/index.ts + 13 modules
var config = __webpack_require__(6294);
// EXTERNAL MODULE: ./src/git/git-command-manager.ts + 2 modules
var git_command_manager = __webpack_require__(3744);
;// CONCATENATED MODULE: ./src/git/push-loop.ts
const DEFAULT_IDENTITY = {
    name: 'canary-conductor[bot]',
    email: 'canary-conductor@users.noreply.github.com',
};
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Delay before round `attempt + 1`: exponential from 100 ms, capped at 2 s, times a jitter in [0.5, 1.5). */
function pushRetryDelayMs(attempt, random) {
    return Math.min(2000, 100 * 2 ** (attempt - 1)) * (0.5 + random());
}
async function pushWithRetries(options) {
    const sleep = options.sleep ?? realSleep;
    const random = options.random ?? Math.random;
    let lastReason = '';
    for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
        const round = await options.round(attempt);
        if (round.kind === 'unchanged')
            return { status: 'done', result: round.result, attempts: attempt };
        const outcome = await options.git.push(options.branch);
        if (outcome.status === 'pushed')
            return { status: 'done', result: await round.onPushed(), attempts: attempt };
        lastReason = outcome.reason;
        if (attempt < options.maxAttempts) {
            // Jitter spreads jobs that collided so they do not collide again on the next round.
            const delay = pushRetryDelayMs(attempt, random);
            options.onRejected?.(outcome.reason, attempt, delay);
            await sleep(delay);
        }
    }
    return { status: 'rejected', attempts: options.maxAttempts, lastReason };
}

// EXTERNAL MODULE: ./src/git/remote.ts
var git_remote = __webpack_require__(668);
// EXTERNAL MODULE: ./src/secrets/masker.ts
var masker = __webpack_require__(2490);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/evidence/canonical.ts

/** The `prev_sha256` of the first record of a chain (decision log or evidence index). */
const canonical_GENESIS_SHA256 = '0'.repeat(64);
/**
 * JSON with keys sorted at every level and no whitespace: the bytes a record's hash is computed over. Key
 * order and YAML formatting therefore never change a hash; any change of a value does.
 */
function canonical_canonicalJson(value) {
    if (value === null || typeof value !== 'object') {
        if (typeof value === 'number' && !Number.isFinite(value)) {
            throw new TypeError(`cannot hash a non-finite number (${value})`);
        }
        return JSON.stringify(value);
    }
    if (Array.isArray(value))
        return `[${value.map(canonical_canonicalJson).join(',')}]`;
    const keys = Object.keys(value).sort();
    return `{${keys
        .filter((k) => value[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${canonical_canonicalJson(value[k])}`)
        .join(',')}}`;
}
function canonical_sha256Hex(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
}
/** sha256 of a file's bytes, as the decision log and the evidence index record it. */
function sha256Bytes(bytes) {
    return (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
}

;// CONCATENATED MODULE: ./src/evidence/paths.ts


/**
 * A path inside the evidence branch: relative, forward slashes, no `..`, no `.git`. Anything else could write
 * outside the clone or into git's own metadata.
 */
function checkEvidencePath(candidate, field) {
    if (typeof candidate !== 'string' || candidate.trim() === '') {
        throw new config/* ConfigurationError */.j1(`${field}: expected a relative path inside the evidence branch, got an empty value`);
    }
    if (candidate.includes('\\') || candidate.includes('\0')) {
        throw new config/* ConfigurationError */.j1(`${field}: "${candidate}" must use forward slashes and no NUL characters`);
    }
    if (external_node_path_default().posix.isAbsolute(candidate) || /^[a-zA-Z]:/.test(candidate)) {
        throw new config/* ConfigurationError */.j1(`${field}: "${candidate}" must be relative to the repository root, not absolute`);
    }
    const normalized = external_node_path_default().posix.normalize(candidate).replace(/\/+$/, '');
    const segments = normalized.split('/');
    if (segments.includes('..')) {
        throw new config/* ConfigurationError */.j1(`${field}: "${candidate}" leaves the repository (contains "..")`);
    }
    if (segments.some((s) => s.toLowerCase() === '.git')) {
        throw new config/* ConfigurationError */.j1(`${field}: "${candidate}" points into .git`);
    }
    return normalized;
}
/** The plan's `evidence.dir` / `evidence.decisions` with `{{version}}`, `{{deployment_id}}`... filled in and checked. */
function renderEvidencePath(pattern, context, field) {
    return checkEvidencePath(renderTemplate(pattern, context, field), field);
}
/** The release's evidence folder on the branch, e.g. `evidence/1.4.0` (the plan's `evidence.dir`). */
function evidenceDir(plan, version) {
    return renderEvidenceDir(plan, { version });
}
/** The release attempt's decision log on the branch (the plan's `evidence.decisions`). */
function decisionLogPath(plan, version, deploymentId) {
    return renderEvidencePath(plan.evidence.decisions, { version, service: plan.release.service, deployment_id: deploymentId }, 'evidence.decisions');
}

;// CONCATENATED MODULE: ./src/evidence/collect.ts




/**
 * Every file below `fromDir` (sorted, `.git` skipped), placed under `toPath` in the evidence branch. An empty
 * or missing folder is an error: pushing "no evidence" must never look like success. A link is an error too,
 * rather than silently left out or followed to whatever it points at.
 */
async function collectEvidenceFiles(fromDir, toPath) {
    const destination = toPath === '.' || toPath === '' ? '' : checkEvidencePath(toPath, 'to');
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

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(4377);
;// CONCATENATED MODULE: ./src/evidence/evidence-index.ts
/**
 * The evidence index: one immutable entry file per commit the product makes on the evidence branch,
 * `reports/evidence_index/<seq>.json`, naming every file that commit wrote with its sha256 and the decision
 * logs it extended. Entries are hash-chained like decision records (`prev_sha256` -> the previous entry's
 * `sha256`), so the index finds every release's logs and every file, and removing, renaming or editing any of
 * them (or an entry) is a named failure. One file per entry keeps history checks linear: entries are only ever
 * added, so no commit rewrites a growing file.
 */


const INDEX_DIR = 'reports/evidence_index';
const Sha256 = schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const FileDigestSchema = schemas/* strictObject */.rej({ path: schemas/* string */.YjP().min(1), sha256: Sha256 });
const IndexedLogSchema = schemas/* strictObject */.rej({
    path: schemas/* string */.YjP().min(1),
    version: schemas/* string */.YjP().min(1),
    deployment_id: schemas/* string */.YjP().min(1),
});
const IndexEntrySchema = schemas/* strictObject */.rej({
    seq: schemas/* number */.aig().int().nonnegative(),
    recorded_at: iso/* datetime */.w$({ offset: true }),
    /** The commit's subject line, so an entry can be matched to its commit by a reader. */
    subject: schemas/* string */.YjP(),
    files: schemas/* array */.YOg(FileDigestSchema),
    logs: schemas/* array */.YOg(IndexedLogSchema),
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
    return canonical_sha256Hex(canonical_canonicalJson(rest));
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
        prev_sha256: previous ? previous.sha256 : canonical_GENESIS_SHA256,
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

;// CONCATENATED MODULE: ./src/evidence/errors.ts
/** The decision log reached GA; it is immutable from then on. */
class errors_EvidenceSealedError extends Error {
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
class errors_EvidenceChainError extends Error {
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

;// CONCATENATED MODULE: ./src/evidence/decision-log.ts
/**
 * The decision log `reports/release_decisions/<deployment_id>.yaml`: a YAML list with one record per phase
 * transition. Each record carries `sha256` (over its canonical JSON without `sha256`) and `prev_sha256` (the
 * previous record's `sha256`), so editing, removing or reordering a record breaks the chain at that record.
 * A record with phase `ga` seals the log (immutable once GA is reached).
 * Appending keeps the existing bytes and adds text at the end, so every commit of the log is a pure append.
 */








const SEALING_PHASE = 'ga';
const Scalar = schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP(), schemas/* boolean */.zMY(), schemas/* null */.chJ()]);
const IsoTimestamp = iso/* datetime */.w$({ offset: true });
const decision_log_Sha256 = schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
/** What a caller supplies for one phase transition. */
const DecisionInputSchema = schemas/* strictObject */.rej({
    version: schemas/* string */.YjP().min(1),
    deployment_id: schemas/* string */.YjP().min(1),
    /** preflight, stage:<name>, promote, ga, rollback, ... */
    phase: schemas/* string */.YjP().min(1),
    /** PROCEED, HOLD, REVIEW, ROLLBACK, APPROVED, REJECTED, ... */
    decision: schemas/* string */.YjP().min(1),
    reason: schemas/* string */.YjP().min(1),
    /** GitHub login(s) of the environment reviewer(s); null when the transition was automatic. */
    approver: schemas/* string */.YjP().min(1).nullable().default(null),
    approval_comment: schemas/* string */.YjP().nullable().default(null),
    start_timestamp: IsoTimestamp,
    /** A percentage, or per-flow shares such as { market_making: 0.05, agency: 0.02 }. */
    traffic_share: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* number */.aig())]),
    /** guardrail -> { canary, baseline, threshold, status } or metric -> value. */
    metrics_snapshot: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([Scalar, schemas/* record */.g1P(schemas/* string */.YjP(), Scalar)])).default({}),
    notes: schemas/* string */.YjP().default(''),
    run_url: schemas/* string */.YjP().min(1).nullable().default(null),
    /**
     * Evidence files this transition produced, from the branch root. Given as paths; the push fills in each
     * file's sha256 as committed (`{path, sha256}`), so the record itself vouches for the files' content.
     */
    evidence_files: schemas/* array */.YOg(schemas/* union */.KCZ([schemas/* string */.YjP().min(1), FileDigestSchema])).default([]),
});
const DecisionRecordSchema = DecisionInputSchema.extend({
    recorded_at: IsoTimestamp,
    prev_sha256: decision_log_Sha256,
    sha256: decision_log_Sha256,
});
/** Field order in the YAML file (the hash does not depend on it). */
const FIELD_ORDER = (/* unused pure expression or super */ null && ([
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
]));
/** sha256 over the canonical JSON of everything in the record except `sha256` itself. */
function recordHash(record) {
    const { sha256: _ignored, ...rest } = record;
    return sha256Hex(canonicalJson(rest));
}
/** Parses the YAML list; an empty or missing file is an empty log. */
function parseDecisionLog(text, file = 'decision log') {
    if (text === null || text.trim() === '')
        return [];
    let doc;
    try {
        doc = dist.parse(text, { schema: 'core', uniqueKeys: true });
    }
    catch (error) {
        throw new errors_EvidenceChainError(file, 0, `not valid YAML (${error.message.split('\n')[0]})`);
    }
    if (doc === null || doc === undefined)
        return [];
    if (!Array.isArray(doc))
        throw new errors_EvidenceChainError(file, 0, 'expected a YAML list of records');
    return doc;
}
/**
 * Every problem in the chain, in record order. Links are checked against the stored hash of the previous
 * record, so one edited record is reported once, at that record, instead of cascading down the log.
 */
function checkDecisionChain(records, file = 'decision log') {
    const problems = [];
    let expectedPrev = GENESIS_SHA256;
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
                ? `the first record must link to the genesis hash ${GENESIS_SHA256}, found ${String(record.prev_sha256)}: records before it were removed or it was moved`
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
    return canonicalJson(rest) === canonicalJson(input);
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
    const input = runSecrets.maskValue(unmasked);
    const records = parseDecisionLog(logText, file);
    const problems = checkDecisionChain(records, file);
    if (problems.length > 0) {
        const p = problems[0];
        throw new EvidenceChainError(file, p.recordIndex ?? 0, `${p.field ? `${p.field}: ` : ''}${p.message}`);
    }
    const gaIndex = records.findIndex((r) => r.phase === SEALING_PHASE);
    if (gaIndex >= 0)
        throw new EvidenceSealedError(file, gaIndex);
    const parsedInput = DecisionInputSchema.safeParse(input);
    if (!parsedInput.success) {
        throw new ConfigurationError(`${file}: invalid decision record`, formatInputProblems(parsedInput.error, 'decision'));
    }
    const decision = parsedInput.data;
    const last = records.at(-1);
    if (last && sameDecision(last, decision))
        return logText ?? '';
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
    const record = { ...unhashed, sha256: recordHash(unhashed) };
    const header = logText && logText.trim() !== ''
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
function readDecisionLog(text, file = 'decision log') {
    const records = parseDecisionLog(text, file);
    const problems = checkDecisionChain(records, file);
    if (problems.length > 0) {
        const p = problems[0];
        throw new EvidenceChainError(file, p.recordIndex ?? 0, `${p.field ? `${p.field}: ` : ''}${p.message}`);
    }
    return records;
}

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
            throw new EvidenceSymlinkError(relative, segments.slice(0, i + 1).join('/'));
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
            throw new EvidenceSymlinkError(relative, segments.slice(0, i + 1).join('/'));
    }
}

;// CONCATENATED MODULE: ./src/evidence/push.ts
/**
 * Evidence lands on its branch with real git: a shallow clone (an orphan branch when the branch is missing),
 * the changes applied, one commit, a push. A rejected push is never forced: the branch is fetched again and the
 * same changes are re-applied on top of what other jobs pushed (a rebase of our one commit, done by replaying
 * its changes, which also re-runs appends on the new content instead of conflicting), a bounded number of times.
 */
















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
        path: checkEvidencePath(change.path, `files[${i}].path`),
    }));
    if (options.fromDir !== undefined) {
        for (const file of await collectEvidenceFiles(options.fromDir, options.toPath))
            changes.push(file);
    }
    if (changes.length === 0)
        throw new config/* ConfigurationError */.j1('files: nothing to push (expected files or a folder)');
    const paths = changes.map((c) => c.path);
    const reserved = paths.find(isIndexPath);
    if (reserved)
        throw new config/* ConfigurationError */.j1(`files: ${reserved} is inside ${INDEX_DIR}/, which only the push itself writes (the evidence index)`);
    const duplicate = paths.find((p, i) => paths.indexOf(p) !== i);
    if (duplicate)
        throw new config/* ConfigurationError */.j1(`files: ${duplicate} is given twice`);
    const remote = (0,git_remote/* normalizeRemote */.e$)(options.remote, options.cwd);
    const log = options.log ?? (() => undefined);
    const factory = options.git ?? git_command_manager/* createGitCommandManager */.xX;
    const workdir = await (0,promises_.mkdtemp)(external_node_path_default().join(options.tempDir ?? external_node_os_default().tmpdir(), 'canary-evidence-'));
    try {
        const git = factory({ workingDirectory: workdir, remote, token: options.token, log });
        const identity = options.identity ?? DEFAULT_IDENTITY;
        const pushed = await pushWithRetries({
            git,
            branch: options.branch,
            maxAttempts,
            sleep: options.sleep,
            random: options.random,
            onRejected: (reason, _attempt, delay) => log(`evidence: push to ${options.branch} rejected (${reason}); fetching and re-applying in ${Math.round(delay)} ms`),
            round: async (attempt) => {
                // The first round starts from a clone of the tip; a later one (someone pushed in between) fetches it.
                const tip = attempt === 1
                    ? await git.openBranch(options.branch)
                    : await git.fetchBranchIfExists(options.branch, 1);
                if (tip && attempt > 1)
                    await git.resetBranchTo(options.branch, `refs/remotes/origin/${options.branch}`);
                if (!tip)
                    await git.startOrphan(options.branch);
                for (const change of changes)
                    await applyChange(workdir, change);
                await git.stagePaths(paths);
                const changed = await stagedPaths(git);
                if (changed.length > 0) {
                    const now = options.clock?.now() ?? new Date();
                    const entryPath = await writeIndexEntry(workdir, changed, changes, now, options.message);
                    await git.stagePaths([entryPath]);
                }
                // Nothing staged (the branch already holds every file as given): the index entry is not written either.
                if (changed.length === 0) {
                    if (!tip)
                        throw new EvidencePushError('nothing to commit on a new branch', attempt);
                    log(`evidence: ${options.branch} already holds this evidence at ${tip}; nothing to commit`);
                    const result = {
                        commit: tip,
                        attempts: attempt,
                        files: paths,
                        changed: false,
                        createdBranch: false,
                    };
                    return { kind: 'unchanged', result };
                }
                const commit = await git.commit(options.message, identity, options.clock?.now());
                return {
                    kind: 'commit',
                    onPushed: async () => {
                        log(`evidence: pushed ${paths.length} file(s) to ${options.branch} as ${commit} (attempt ${attempt})`);
                        return { commit, attempts: attempt, files: paths, changed: true, createdBranch: tip === null };
                    },
                };
            },
        });
        if (pushed.status === 'done')
            return pushed.result;
        throw new EvidencePushError(`evidence: push to ${options.branch} was rejected ${maxAttempts} times (last: ${pushed.lastReason}); other jobs keep moving the branch, nothing was forced`, maxAttempts);
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
    const shard = await newest(INDEX_DIR, /^\d{6,}$/);
    if (!shard)
        return null;
    const latest = await newest(`${INDEX_DIR}/${shard}`, /^\d{8,}\.json$/);
    if (!latest)
        return null;
    const file = `${INDEX_DIR}/${shard}/${latest}`;
    await assertNoLinkOnPath(workdir, file);
    const parsed = parseIndexEntry(await (0,promises_.readFile)(external_node_path_default().join(workdir, ...file.split('/')), 'utf8'), file);
    if (!parsed.entry) {
        const p = parsed.problems[0];
        throw new errors_EvidenceChainError(file, 0, `${p.field ? `${p.field}: ` : ''}${p.message}`);
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
        files.push({ path: file, sha256: sha256Bytes(bytes) });
        const change = changes.find((c) => c.path === file);
        if (change && 'kind' in change && change.kind === 'decision-log') {
            const last = parseDecisionLog(bytes.toString('utf8'), file).at(-1);
            if (last)
                logs.push({ path: file, version: String(last.version), deployment_id: String(last.deployment_id) });
        }
    }
    const entry = buildIndexEntry(await latestIndexEntry(workdir), {
        recordedAt: now,
        subject: message.split('\n')[0].trim(),
        files,
        logs,
    });
    const entryPath = indexEntryPath(entry.seq);
    await assertNoLinkOnPath(workdir, entryPath);
    const target = external_node_path_default().join(workdir, ...entryPath.split('/'));
    await (0,promises_.mkdir)(external_node_path_default().dirname(target), { recursive: true });
    await (0,promises_.writeFile)(target, serializeIndexEntry(entry), { flag: 'wx' });
    return entryPath;
}
function workspaceOf(workdir) {
    return {
        digestOf(file) {
            const checked = checkEvidencePath(file, 'evidence_files');
            assertNoLinkOnPathSync(workdir, checked);
            try {
                return sha256Bytes((0,external_node_fs_.readFileSync)(external_node_path_default().join(workdir, ...checked.split('/'))));
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

/***/ 3605:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EVIDENCE_KINDS: () => (/* binding */ EVIDENCE_KINDS),
/* harmony export */   EVIDENCE_KIND_NAMES: () => (/* binding */ EVIDENCE_KIND_NAMES),
/* harmony export */   compactTimestamp: () => (/* binding */ compactTimestamp),
/* harmony export */   createTemplateSource: () => (/* binding */ createTemplateSource),
/* harmony export */   findBuiltInTemplatesDir: () => (/* binding */ findBuiltInTemplatesDir),
/* harmony export */   isoSeconds: () => (/* binding */ isoSeconds),
/* harmony export */   renderEvidence: () => (/* binding */ renderEvidence)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var mustache__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(562);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6294);
/* harmony import */ var _secrets_masker_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2490);
/**
 * Evidence files rendered from logic-less mustache templates. Built-in templates live in `evidence-templates/`;
 * a plan's `evidence.templates` folder overrides any of them by file name. Rendering is pure: the same view and
 * the same clock give the same bytes, and every timestamp comes from the clock passed in.
 */






const EVIDENCE_KINDS = {
    freeze_window_start: {
        template: 'freeze_window_start.txt.mustache',
        mode: 'write',
        required: ['prs_on_hold', 'next_window'],
        fileName: () => 'freeze_window_start.txt',
    },
    preflight: {
        template: 'preflight.txt.mustache',
        mode: 'write',
        required: ['checks', 'passed', 'total', 'verdict'],
        fileName: () => 'preflight.txt',
    },
    rollout_stage: {
        template: 'rollout_stage.txt.mustache',
        mode: 'write',
        required: ['stage_number', 'stage_name', 'weight', 'decision', 'reason', 'guardrails'],
        fileName: (v) => `rollout_stage_${String(v.weight)}.txt`,
    },
    summary_stage: {
        template: 'summary_stage.txt.mustache',
        mode: 'write',
        required: [
            'stage_number',
            'stage_name',
            'weight',
            'started',
            'ended',
            'evaluations',
            'passed',
            'total',
            'decision',
            'reason',
        ],
        fileName: (v) => `summary_stage_${String(v.stage_number)}.txt`,
    },
    warroom_log: {
        template: 'warroom_log.txt.mustache',
        mode: 'append',
        required: ['minute', 'stage_number', 'weight', 'metrics', 'passed', 'total', 'verdict', 'ic'],
        fileName: () => 'warroom_log.txt',
    },
    canary_timeline: {
        template: 'canary_timeline.txt.mustache',
        mode: 'append',
        required: ['label'],
        fileName: () => 'canary_timeline.txt',
    },
    rollback: {
        template: 'rollback.txt.mustache',
        mode: 'write',
        required: ['stage', 'reason', 'triggered_by', 'traffic'],
        fileName: (v) => `rollback_${String(v.timestamp_compact)}.txt`,
    },
    canary_success: {
        template: 'canary_success.txt.mustache',
        mode: 'write',
        required: ['started', 'duration', 'stages_passed', 'stages_total', 'rollbacks', 'evidence_dir'],
        fileName: (v) => `canary_success_${String(v.timestamp_compact)}.txt`,
    },
    mini_rca: {
        template: 'mini_rca.md.mustache',
        mode: 'write',
        required: [
            'outcome',
            'owners',
            'went_well',
            'improvements',
            'observations',
            'risks',
            'timeline',
            'stages_table',
        ],
        fileName: (v) => `mini_rca_${String(v.version)}.md`,
    },
    release_oneliner: {
        template: 'release_oneliner.txt.mustache',
        mode: 'write',
        required: ['service', 'outcome', 'stages', 'duration', 'rollbacks'],
        fileName: () => 'release_oneliner.txt',
    },
    freeze_window_end: {
        template: 'freeze_window_end.txt.mustache',
        mode: 'write',
        required: ['duration', 'prs_released', 'status'],
        fileName: () => 'freeze_window_end.txt',
    },
};
const EVIDENCE_KIND_NAMES = Object.keys(EVIDENCE_KINDS);
const TEMPLATE_MARKER = 'warroom_log.txt.mustache';
/**
 * The built-in `evidence-templates/` folder, found by walking up from this module (source tree, compiled lib or
 * an action's bundled dist/ all sit below the package root).
 */
function findBuiltInTemplatesDir(from = (0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(import.meta.url)) {
    let dir = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(from);
    for (let i = 0; i < 8; i++) {
        const candidate = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'evidence-templates');
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(candidate, TEMPLATE_MARKER)))
            return candidate;
        const parent = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(dir);
        if (parent === dir)
            break;
        dir = parent;
    }
    throw new Error(`evidence-templates/ not found above ${from}; pass builtInDir explicitly`);
}
/**
 * Reads a template from the override folder when it has one by that name, else from the built-in folder.
 * An override folder that does not exist is a configuration error, not a silent fallback.
 */
function createTemplateSource(options = {}) {
    const builtInDir = options.builtInDir ?? findBuiltInTemplatesDir();
    const overrideDir = options.overrideDir;
    if (overrideDir !== undefined && !((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(overrideDir) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(overrideDir).isDirectory())) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`evidence.templates: ${overrideDir} is not a directory (expected a folder of *.mustache templates)`);
    }
    return (templateFile) => {
        if (overrideDir) {
            const override = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(overrideDir, templateFile);
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(override))
                return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(override, 'utf8');
        }
        const builtIn = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(builtInDir, templateFile);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(builtIn))
            throw new Error(`evidence template ${templateFile} not found in ${builtInDir}`);
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(builtIn, 'utf8');
    };
}
function pad(n, width = 2) {
    return String(n).padStart(width, '0');
}
/** `2026-05-16T21:15:00Z` (UTC, whole seconds, like `date -u +%FT%TZ` in the runbooks). */
function isoSeconds(date) {
    return `${date.toISOString().slice(0, 19)}Z`;
}
/** `20260516_211500` (UTC), the runbooks' `date +%Y%m%d_%H%M%S` suffix. */
function compactTimestamp(date) {
    return (`${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}_` +
        `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`);
}
function lookup(view, dotted) {
    if (dotted === '.')
        return view;
    let value = view;
    for (const part of dotted.split('.')) {
        if (value === null || value === undefined)
            return undefined;
        value = value[part];
    }
    return value;
}
/**
 * Mustache renders a missing variable as an empty string; in evidence that is a silently wrong file. Every
 * variable at the top level of a template (outside sections, where the context is the view itself) must exist.
 */
function missingTopLevelNames(template, view) {
    const missing = [];
    for (const token of mustache__WEBPACK_IMPORTED_MODULE_3__/* ["default"] */ .A.parse(template)) {
        const [type, name] = token;
        if ((type === 'name' || type === '&') &&
            (lookup(view, name) === undefined || lookup(view, name) === null)) {
            missing.push(name);
        }
    }
    return missing;
}
/**
 * Renders one evidence file. The view gets `timestamp` (ISO, seconds), `timestamp_compact`, `release`
 * (`v<version>` unless given) and `run_url` (a "local run" note when absent) on top of what the caller passes.
 */
function renderEvidence(kind, input, options) {
    const spec = EVIDENCE_KINDS[kind];
    if (!spec) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`evidence kind "${String(kind)}" is unknown (expected one of ${EVIDENCE_KIND_NAMES.join(', ')})`);
    }
    const now = options.clock.now();
    const version = input.version;
    if (typeof version !== 'string' && typeof version !== 'number') {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`evidence ${kind}: view.version is required (the release version)`);
    }
    const view = {
        timestamp: isoSeconds(now),
        timestamp_compact: compactTimestamp(now),
        release: `v${String(version).replace(/^v/, '')}`,
        run_url: 'local run (no GitHub run URL)',
        ...input,
    };
    const missingRequired = spec.required.filter((key) => view[key] === undefined || view[key] === null);
    if (missingRequired.length > 0) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`evidence ${kind}: missing ${missingRequired.map((k) => `view.${k}`).join(', ')}`, missingRequired.map((k) => ({ path: `view.${k}`, message: 'required' })));
    }
    const template = options.templates(spec.template);
    const missing = missingTopLevelNames(template, view);
    if (missing.length > 0) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`evidence ${kind}: template ${spec.template} uses ${missing.map((m) => `{{${m}}}`).join(', ')} but the view has no value for it`);
    }
    // Evidence is plain text and markdown: HTML escaping would turn `p95<200ms` into `p95&lt;200ms`.
    const content = mustache__WEBPACK_IMPORTED_MODULE_3__/* ["default"] */ .A.render(template, view, {}, { escape: (value) => String(value) });
    const dir = options.dir.replace(/\/+$/, '');
    // Masked where it is made, so any digest taken of it later is the digest of what lands on the branch.
    return { kind, path: `${dir}/${spec.fileName(view)}`, content: (0,_secrets_masker_js__WEBPACK_IMPORTED_MODULE_5__/* .maskSecrets */ .QU)(content), mode: spec.mode };
}


/***/ }),

/***/ 1050:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   evidenceCommitMessage: () => (/* reexport safe */ _evidence_push_js__WEBPACK_IMPORTED_MODULE_0__.M),
/* harmony export */   formatDuration: () => (/* binding */ formatDuration),
/* harmony export */   freezeEndEvidence: () => (/* binding */ freezeEndEvidence),
/* harmony export */   freezeStartEvidence: () => (/* binding */ freezeStartEvidence),
/* harmony export */   gitEvidenceWriter: () => (/* binding */ gitEvidenceWriter),
/* harmony export */   stateFile: () => (/* binding */ stateFile)
/* harmony export */ });
/* harmony import */ var _evidence_push_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8315);
/* harmony import */ var _evidence_render_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3605);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7150);



/** Pushes with real git to the evidence remote (see src/evidence/push.ts). */
function gitEvidenceWriter(options) {
    return {
        target: `${options.branch} on ${options.remote.replace(/\/\/[^@/]*@/, '//')}`,
        async write(files, message) {
            const changes = files.map((f) => ({ path: f.path, content: f.content }));
            const result = await (0,_evidence_push_js__WEBPACK_IMPORTED_MODULE_0__/* .pushEvidence */ .a)({
                remote: options.remote,
                branch: options.branch,
                files: changes,
                message,
                ...(options.token ? { token: options.token } : {}),
                ...(options.cwd ? { cwd: options.cwd } : {}),
                ...(options.log ? { log: options.log } : {}),
            });
            return { changed: result.changed, commit: result.commit };
        },
    };
}
function stateFile(state) {
    return { path: _state_js__WEBPACK_IMPORTED_MODULE_2__/* .FREEZE_STATE_PATH */ .O3, content: (0,_state_js__WEBPACK_IMPORTED_MODULE_2__/* .serializeFreezeState */ .Fp)(state) };
}
function freezeStartEvidence(state, held, allowedChanges, nextWindow, ctx) {
    const rendered = (0,_evidence_render_js__WEBPACK_IMPORTED_MODULE_1__.renderEvidence)('freeze_window_start', {
        version: state.version,
        release: state.release,
        service: ctx.service,
        // The freeze's own start time: a re-run renders the same bytes and commits nothing.
        timestamp: state.started_at.replace(/\.\d+Z$/, 'Z'),
        prs_on_hold: held.length,
        pull_requests: held,
        next_window: nextWindow,
        allowed: allowedChanges,
        ...(ctx.runUrl ? { run_url: ctx.runUrl } : {}),
    }, { clock: { now: () => new Date(state.started_at) }, templates: ctx.templates, dir: ctx.evidenceDir });
    return { path: rendered.path, content: rendered.content };
}
function freezeEndEvidence(state, ctx) {
    if (!state.ended_at || state.released === null)
        throw new Error('freezeEndEvidence: the state has not ended');
    const rendered = (0,_evidence_render_js__WEBPACK_IMPORTED_MODULE_1__.renderEvidence)('freeze_window_end', {
        version: state.version,
        release: state.release,
        timestamp: state.ended_at.replace(/\.\d+Z$/, 'Z'),
        duration: formatDuration(Date.parse(state.ended_at) - Date.parse(state.started_at)),
        prs_released: state.released,
        status: 'Normal operations resumed',
        ...(ctx.runUrl ? { run_url: ctx.runUrl } : {}),
    }, { clock: { now: () => new Date(state.ended_at) }, templates: ctx.templates, dir: ctx.evidenceDir });
    return { path: rendered.path, content: rendered.content };
}
/** `26h 4m`, `45m`, `12s`. */
function formatDuration(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    if (h > 0)
        return `${h}h ${m}m`;
    if (m > 0)
        return `${m}m ${s}s`;
    return `${s}s`;
}



/***/ })

};
