export const id = 751;
export const ids = [751];
export const modules = {

/***/ 3875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TY: () => (/* binding */ trackLabelValue),
/* harmony export */   U1: () => (/* binding */ stageContext),
/* harmony export */   f6: () => (/* binding */ renderCountsQueries),
/* harmony export */   no: () => (/* binding */ renderQuery)
/* harmony export */ });
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8270);
/**
 * Rendering a metric's PromQL for one track: `{{track}}` becomes the plan's label value for that track
 * (canary -> metrics.tracks.canary, baseline -> metrics.tracks.baseline); the other placeholders come from the
 * run (version, stage, weight, service, ...). A placeholder without a value is a ConfigurationError naming it.
 */

function trackLabelValue(plan, track) {
    return track === 'canary' ? plan.metrics.tracks.canary : plan.metrics.tracks.baseline;
}
function stageContext(plan, stage, version) {
    return {
        service: plan.release.service,
        stage: stage.name,
        weight: (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .stageWeight */ .B8)(stage.traffic),
        ...(stage.environment ? { environment: stage.environment } : {}),
        ...(version ? { version } : {}),
    };
}
function definition(plan, metric) {
    const def = plan.metrics.queries[metric];
    if (!def) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metrics.queries: no query named "${metric}" (one of: ${Object.keys(plan.metrics.queries).join(', ')})`);
    }
    return def;
}
function renderQuery(plan, metric, track, context = {}) {
    return (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderTemplate */ .Xm)(definition(plan, metric).query, { ...context, track: trackLabelValue(plan, track) }, `metrics.queries.${metric}.query`);
}
/** The counts behind a ratio (`counts: { events, total }`), rendered for one track; undefined if not declared. */
function renderCountsQueries(plan, metric, track, context = {}) {
    const counts = definition(plan, metric).counts;
    if (!counts)
        return undefined;
    const ctx = { ...context, track: trackLabelValue(plan, track) };
    return {
        events: (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderTemplate */ .Xm)(counts.events, ctx, `metrics.queries.${metric}.counts.events`),
        total: (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderTemplate */ .Xm)(counts.total, ctx, `metrics.queries.${metric}.counts.total`),
    };
}


/***/ }),

/***/ 9014:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Yq: () => (/* binding */ PROCEEDING_STATUSES),
/* harmony export */   Yv: () => (/* binding */ DECISIONS),
/* harmony export */   hm: () => (/* binding */ worstOf)
/* harmony export */ });
/* unused harmony export SEVERITY */
/**
 * What the gate engine produces. Every type here is plain JSON (ISO strings, numbers, null), because the same
 * objects are printed by `gate --json`, written to evidence, read by the RCA and drawn in the HTML report.
 */
/** Final decisions of a stage, worst first. */
const DECISIONS = ['ROLLBACK', 'REVIEW', 'HOLD', 'PROCEED'];
/**
 * The explicit severity order: worst wins. PROCEED has the lowest severity but is never a default: the engine
 * only returns it when every condition for it was checked (see decide()).
 */
const SEVERITY = { ROLLBACK: 3, REVIEW: 2, HOLD: 1, PROCEED: 0 };
function worstOf(decisions) {
    return decisions.reduce((worst, d) => (worst === undefined || SEVERITY[d] > SEVERITY[worst] ? d : worst), undefined);
}
/** Statuses that let a stage proceed at the end of its window. */
const PROCEEDING_STATUSES = ['pass', 'suspect'];


/***/ }),

/***/ 2521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Im: () => (/* binding */ readRemoteEvidence)
});

// UNUSED EXPORTS: evidenceCheckoutRoot, findDecisionLogs, loadReleaseEvidence, readLocalEvidence

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
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/config/index.ts + 11 modules
var config = __webpack_require__(8270);
// EXTERNAL MODULE: ./src/evidence/decision-log.ts
var decision_log = __webpack_require__(3624);
// EXTERNAL MODULE: ./src/git/git-command-manager.ts + 1 modules
var git_command_manager = __webpack_require__(3800);
// EXTERNAL MODULE: ./src/git/remote.ts
var remote = __webpack_require__(668);
// EXTERNAL MODULE: ./src/rca/stage-results.ts
var stage_results = __webpack_require__(5879);
;// CONCATENATED MODULE: ./src/plan/plan-release.ts
/** The plan step of a release: load, validate, render for a version. One core function for the action and CLI. */

async function plan_release_planRelease(configPath, version) {
    const plan = await loadPlan(configPath);
    // The first step of a release: a version the tag step would refuse stops the release here, not after GA.
    const bad = checkVersionForPlan(plan, version);
    if (bad)
        throw new ConfigurationError(`version ${bad}`);
    return {
        plan,
        service: plan.release.service,
        tag: renderTag(plan, { version }),
        evidenceDir: renderEvidenceDir(plan, { version }),
        stages: renderStages(plan).map((s) => ({
            ...s,
            duration_text: formatDuration(s.duration_s),
            interval_text: formatDuration(s.interval_s),
        })),
    };
}

;// CONCATENATED MODULE: ./src/rca/evidence-source.ts
/**
 * Reads what a release left in its evidence: the stage results (`stage_<n>.json`) and the decision log.
 * From a local folder (the CLI, a checkout of the evidence branch) or from the evidence branch of a remote
 * (the actions: a shallow clone into a temporary folder, removed afterwards).
 */











async function listNames(dir) {
    try {
        return (await (0,promises_.readdir)(dir, { withFileTypes: true }))
            .filter((e) => e.isFile())
            .map((e) => e.name)
            .sort();
    }
    catch {
        return [];
    }
}
async function walk(root, rel = '') {
    const out = [];
    let entries;
    try {
        entries = await (0,promises_.readdir)(external_node_path_default().join(root, rel), { withFileTypes: true });
    }
    catch {
        return out;
    }
    for (const e of entries) {
        if (e.name === '.git')
            continue;
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory())
            out.push(...(await walk(root, child)));
        else if (e.isFile())
            out.push(child);
    }
    return out;
}
/**
 * The decision logs of this version: the plan's `evidence.decisions` with `{{deployment_id}}` as a wildcard
 * (or the given id), keeping logs whose records belong to `version`. Several deployments of one version (a
 * rolled-back attempt and its retry) are read in time order.
 */
async function findDecisionLogs(root, plan, version, deploymentId) {
    const context = { version, service: plan.release.service, deployment_id: deploymentId ?? '__ID__' };
    const rendered = (0,config/* renderTemplate */.Xm)(plan.evidence.decisions, context, 'evidence.decisions');
    if (deploymentId)
        return (0,external_node_fs_.existsSync)(external_node_path_default().join(root, rendered)) ? [rendered] : [];
    const glob = rendered.replace('__ID__', '*');
    const isMatch = picomatch_default()(glob);
    const base = glob.slice(0, glob.indexOf('*')).replace(/\/[^/]*$/, '');
    const candidates = (await walk(root, base)).filter((f) => isMatch(f)).sort();
    const mine = [];
    for (const file of candidates) {
        const records = (0,decision_log/* readDecisionLog */.zi)(await (0,promises_.readFile)(external_node_path_default().join(root, file), 'utf8'), file);
        if (records.length && records[0].version === version)
            mine.push({ file, first: Date.parse(records[0].start_timestamp) });
    }
    return mine.sort((a, b) => a.first - b.first).map((m) => m.file);
}
/**
 * The checkout an evidence folder sits in: the folder less the plan's rendered `evidence.dir` (a checkout of
 * the evidence branch holds `evidence/1.4.0` and `reports/release_decisions/` side by side). Null when the
 * folder does not end with that path, so nothing beside it can be told apart from an unrelated folder.
 */
function evidenceCheckoutRoot(evidenceDir, renderedDir) {
    const parts = renderedDir.split('/').filter(Boolean);
    let root = path.resolve(evidenceDir);
    for (const part of [...parts].reverse()) {
        if (path.basename(root) !== part)
            return null;
        root = path.dirname(root);
    }
    return root;
}
async function readLocalEvidence(options) {
    if (!existsSync(options.evidenceDir)) {
        throw new ConfigurationError(`--evidence: ${options.evidenceDir} does not exist (expected the release's evidence folder, e.g. evidence/1.4.0)`);
    }
    const decisions = [];
    for (const file of options.decisionFiles ?? []) {
        let text;
        try {
            text = await readFile(file, 'utf8');
        }
        catch (e) {
            throw new ConfigurationError(`--decisions: cannot read ${file} (${e.code ?? 'error'})`);
        }
        decisions.push(...readDecisionLog(text, file));
    }
    return {
        stages: await readStageResults(options.evidenceDir),
        decisions,
        decisionLogPath: options.decisionFiles?.[0] ?? null,
        evidenceFiles: await listNames(options.evidenceDir),
        commit: null,
    };
}
/** Shallow-clones the evidence branch and reads the release's evidence from it. A missing branch is an error. */
async function readRemoteEvidence(options) {
    const workdir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'canary-rca-'));
    try {
        const git = (options.git ?? git_command_manager/* createGitCommandManager */.x)({
            workingDirectory: workdir,
            remote: (0,remote/* normalizeRemote */.e$)(options.remote, options.cwd),
            token: options.token,
            log: options.log,
        });
        await git.init();
        const tip = await git.remoteBranchSha(options.branch);
        if (!tip) {
            throw new config/* ConfigurationError */.j1(`evidence-remote: branch ${options.branch} does not exist on the evidence remote; no stage ran for ${options.version} (expected evidence in ${options.dir})`);
        }
        await git.fetchBranch(options.branch, 1);
        await git.resetBranchTo(options.branch, `refs/remotes/origin/${options.branch}`);
        const logs = await findDecisionLogs(workdir, options.plan, options.version, options.deploymentId);
        const decisions = [];
        for (const file of logs)
            decisions.push(...(0,decision_log/* readDecisionLog */.zi)(await (0,promises_.readFile)(external_node_path_default().join(workdir, file), 'utf8'), file));
        const dir = external_node_path_default().join(workdir, ...options.dir.split('/'));
        return {
            stages: (0,external_node_fs_.existsSync)(dir) ? await (0,stage_results/* readStageResults */.Ny)(dir) : [],
            decisions,
            decisionLogPath: logs.at(-1) ?? null,
            evidenceFiles: await listNames(dir),
            commit: tip,
        };
    }
    finally {
        await (0,promises_.rm)(workdir, { recursive: true, force: true });
    }
}
/** The first step release-tag and mini-rca share: the plan rendered for the version, and that release's evidence. */
async function loadReleaseEvidence(request) {
    const planned = await planRelease(request.configPath, request.version);
    const evidence = await readRemoteEvidence({
        plan: planned.plan,
        version: request.version,
        remote: request.evidenceRemote,
        branch: planned.plan.evidence.branch,
        dir: planned.evidenceDir,
        deploymentId: request.deploymentId,
        token: request.token,
        git: request.git,
        log: request.log,
        cwd: request.cwd,
    });
    return { ...planned, evidence };
}


/***/ }),

/***/ 5879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CH: () => (/* binding */ STAGE_RESULT_FILE),
/* harmony export */   JO: () => (/* binding */ stageResultFileName),
/* harmony export */   Ny: () => (/* binding */ readStageResults)
/* harmony export */ });
/* unused harmony exports checkStageResult, parseStageResults, sortStageResults */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7827);
/* harmony import */ var _gate_types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9014);
/**
 * Stage results as the evidence holds them: `stage_<n>.json` in the evidence folder (n = the stage's 1-based
 * position in the plan; a re-run of the same stage after a hold or review is `stage_<n>_<k>.json`, k = 2, 3...).
 * Each file holds one StageResult (src/gate/types.ts) or an array of them.
 * Parsing checks only what the RCA, the release notes and the report read, and names the file and field
 * of anything missing, so a hand-edited or truncated file is an error rather than a silently thinner RCA.
 */




const STAGE_RESULT_FILE = /^stage_(\d+)(?:_(\d+))?\.json$/;
/** The evidence file name for a stage result: `stage_<n>.json`, or `stage_<n>_<attempt>.json` for a re-run. */
function stageResultFileName(result, attempt = 1) {
    return attempt <= 1
        ? `stage_${result.stage.index + 1}.json`
        : `stage_${result.stage.index + 1}_${attempt}.json`;
}
function fail(file, field, expected) {
    throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${file}: ${field}: expected ${expected}`);
}
function isIso(v) {
    return typeof v === 'string' && !Number.isNaN(Date.parse(v));
}
/** Checks one parsed stage result; `where` names it in messages (file and array position). */
function checkStageResult(raw, where) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        fail(where, '(root)', 'a StageResult object');
    const r = raw;
    if (!_gate_types_js__WEBPACK_IMPORTED_MODULE_3__/* .DECISIONS */ .Yv.includes(r.decision))
        fail(where, 'decision', `one of ${_gate_types_js__WEBPACK_IMPORTED_MODULE_3__/* .DECISIONS */ .Yv.join(', ')}`);
    for (const key of ['decided_at', 'started_at', 'ended_at'])
        if (!isIso(r[key]))
            fail(where, key, 'an ISO-8601 time');
    if (typeof r.reason !== 'string')
        fail(where, 'reason', 'a string');
    const stage = r.stage;
    if (!stage || typeof stage.name !== 'string' || typeof stage.index !== 'number')
        fail(where, 'stage', '{ name, index, traffic, duration_s, interval_s }');
    if (typeof stage.duration_s !== 'number')
        fail(where, 'stage.duration_s', 'a number of seconds');
    if (!Array.isArray(r.samples))
        fail(where, 'samples', 'an array of sample records');
    if (!Array.isArray(r.guardrails))
        fail(where, 'guardrails', 'an array of guardrail summaries');
    r.samples.forEach((s, i) => {
        const sample = s;
        if (!sample || !isIso(sample.at) || !Array.isArray(sample.guardrails))
            fail(where, `samples[${i}]`, '{ at: ISO time, guardrails: [...] }');
    });
    if (typeof r.holds !== 'number')
        fail(where, 'holds', 'a number');
    if (!Array.isArray(r.triggered_by))
        fail(where, 'triggered_by', 'an array of guardrail names');
    return raw;
}
/** Parses the text of one stage file (a StageResult or an array of them). */
function parseStageResults(text, file) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (e) {
        throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${file}: not valid JSON (${e.message})`);
    }
    const list = Array.isArray(doc) ? doc : [doc];
    return list.map((r, i) => checkStageResult(r, Array.isArray(doc) ? `${file}[${i}]` : file));
}
/** In the order they ran: by start time, then by stage position. */
function sortStageResults(results) {
    return [...results].sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at) || a.stage.index - b.stage.index);
}
/** Every stage result in an evidence folder; an empty list when there are none (the caller decides if that is fatal). */
async function readStageResults(dir) {
    let names;
    try {
        names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir);
    }
    catch (e) {
        throw new _config_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`evidence: cannot read ${dir} (${e.code ?? 'error'}); expected the evidence folder of the release`);
    }
    const results = [];
    for (const name of names.filter((n) => STAGE_RESULT_FILE.test(n)).sort()) {
        results.push(...parseStageResults(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, name), 'utf8'), name));
    }
    return sortStageResults(results);
}


/***/ }),

/***/ 6131:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UL: () => (/* binding */ decisionLogPath),
/* harmony export */   XG: () => (/* binding */ evidenceDir),
/* harmony export */   cV: () => (/* binding */ pushStageEvidence)
/* harmony export */ });
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8270);
/* harmony import */ var _evidence_paths_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(161);
/* harmony import */ var _evidence_push_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3508);
/**
 * Where a release's evidence goes and how it is pushed, shared by the three stage-gate modes: one push per job,
 * every file in one commit, nothing pushed in dry-run (the would-be paths are reported instead).
 */



function evidenceDir(plan, version) {
    return (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderEvidenceDir */ .NJ)(plan, { version });
}
function decisionLogPath(plan, version, deploymentId) {
    return (0,_evidence_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .renderEvidencePath */ .J)(plan.evidence.decisions, { version, service: plan.release.service, deployment_id: deploymentId }, 'evidence.decisions');
}
async function pushStageEvidence(plan, target, changes, message, options) {
    const paths = changes.map((c) => c.path);
    if (options.dryRun) {
        return {
            paths,
            commit: null,
            changed: false,
            detail: `dry-run: would push ${paths.join(', ')} to ${plan.evidence.branch}`,
        };
    }
    const pushed = await (0,_evidence_push_js__WEBPACK_IMPORTED_MODULE_2__/* .pushEvidence */ .a2)({
        remote: target.remote,
        branch: plan.evidence.branch,
        files: changes,
        message: (0,_evidence_push_js__WEBPACK_IMPORTED_MODULE_2__/* .evidenceCommitMessage */ .Mt)({
            release: `v${message.version}`,
            stage: message.step,
            runUrl: message.runUrl ?? null,
            summary: message.summary.slice(0, 72),
        }),
        clock: options.clock,
        log: options.log,
        ...(target.token ? { token: target.token } : {}),
        ...(target.cwd ? { cwd: target.cwd } : {}),
        ...(target.git ? { git: target.git } : {}),
    });
    return {
        paths,
        commit: pushed.commit,
        changed: pushed.changed,
        detail: pushed.changed
            ? `pushed ${paths.length} file(s) to ${plan.evidence.branch} as ${pushed.commit.slice(0, 12)}`
            : `${plan.evidence.branch} already held this evidence (${pushed.commit.slice(0, 12)})`,
    };
}


/***/ }),

/***/ 3751:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   burnRateQuery: () => (/* binding */ burnRateQuery),
/* harmony export */   evaluateFirstNight: () => (/* binding */ evaluateFirstNight),
/* harmony export */   firstNightTooEarly: () => (/* binding */ firstNightTooEarly)
/* harmony export */ });
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8270);
/* harmony import */ var _evidence_decision_log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3624);
/* harmony import */ var _gate_query_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3875);
/* harmony import */ var _rca_evidence_source_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2521);
/* harmony import */ var _evidence_target_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6131);
/* harmony import */ var _stage_ref_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1608);
/**
 * The first-night sign-off (first night monitoring, 24h): after the environment's wait timer, one
 * instant query at "now" measures the SLO burn rate over `signoff.first_night.window`, and the release passes
 * when it is at most `slo_burn_rate_max`. No value (no data, NaN, an error, an unreachable Prometheus) fails:
 * a night nobody could measure is not a good night.
 *
 * The burn-rate query is `slo_burn_rate_query` when the plan sets it ({{track}} is the canary's label value;
 * {{service}}, {{version}} also render). Otherwise it is derived from the first guardrail that compares an
 * error-rate metric (its key contains `error`, `5xx` or `fail`) absolutely, with `pass.below` (else
 * `soft.above`) as the error budget:
 *
 *     burn rate = (the metric's query with every range selector [..] widened to the window) / budget
 *
 * e.g. error_rate_pct (`100 * sum(rate(..5xx..[1m])) / sum(rate(..[1m]))`, pass below 1) over 24h becomes
 * `(100 * sum(rate(..5xx..[86400s])) / sum(rate(..[86400s]))) / 1`: the night's error rate in units of the
 * budget, so 1 means the budget was spent exactly at the allowed pace. A ratio of rates over one window is
 * the ratio of the increases, i.e. the true error rate of the night, not an average of per-minute rates.
 *
 * It refuses to judge before the window has elapsed since the GA record (firstNightTooEarly).
 *
 * The GA record seals the release's decision log, so this record goes to a log of its own,
 * `<deployment_id>-first-night`, whose notes name the GA record's sha256 it follows.
 */






const ERROR_METRIC = /error|5xx|fail/i;
const RANGE_SELECTOR = /\[(\d+(?:ms|[smhdwy]))+\]/g;
const HAS_RANGE_SELECTOR = /\[(\d+(?:ms|[smhdwy]))+\]/;
function burnRateQuery(plan, version) {
    const fn = plan.signoff.first_night;
    if (!fn)
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('signoff.first_night: not in the plan (expected { environment, window, slo_burn_rate_max })');
    if (fn.window === undefined)
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('signoff.first_night.window: missing (expected the observation window, e.g. 24h)');
    if (fn.slo_burn_rate_max === undefined)
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('signoff.first_night.slo_burn_rate_max: missing (expected the highest acceptable burn rate, e.g. 1.5)');
    const base = { windowS: fn.window, max: fn.slo_burn_rate_max, environment: fn.environment };
    const context = { track: (0,_gate_query_js__WEBPACK_IMPORTED_MODULE_2__/* .trackLabelValue */ .TY)(plan, 'canary'), service: plan.release.service, version };
    if (fn.slo_burn_rate_query) {
        return {
            ...base,
            promql: (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderTemplate */ .Xm)(fn.slo_burn_rate_query, context, 'signoff.first_night.slo_burn_rate_query'),
            origin: 'signoff.first_night.slo_burn_rate_query',
        };
    }
    for (const [name, g] of Object.entries(plan.guardrails)) {
        if (g.against === 'baseline' || !ERROR_METRIC.test(g.metric))
            continue;
        const budget = g.pass?.below ?? g.soft?.above;
        if (budget === undefined || !(budget > 0))
            continue;
        const rendered = (0,_gate_query_js__WEBPACK_IMPORTED_MODULE_2__/* .renderQuery */ .no)(plan, g.metric, 'canary', context);
        if (!HAS_RANGE_SELECTOR.test(rendered))
            continue;
        const widened = rendered.replace(RANGE_SELECTOR, `[${fn.window}s]`);
        return {
            ...base,
            promql: `(${widened}) / ${budget}`,
            origin: `derived from guardrail ${name} (${g.metric} over ${(0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(fn.window)} / error budget ${budget} = its ${g.pass?.below !== undefined ? 'pass.below' : 'soft.above'})`,
        };
    }
    throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('signoff.first_night.slo_burn_rate_query: not set, and no guardrail to derive it from (expected a guardrail on an error-rate metric, key containing error, 5xx or fail, compared absolutely with pass.below or soft.above as the error budget, whose query uses a range selector such as [1m])');
}
/**
 * Why the first night cannot be judged yet, or null when it can. The burn rate is measured over the window that
 * ends now, so before `window` has passed since the GA record it would count traffic from before the release (a
 * quiet old version passing for the new one). GitHub's wait timer on the environment usually holds the job that
 * long, but a plan or a re-run without it must not pass on the wrong traffic.
 */
function firstNightTooEarly(gaAt, windowS, now) {
    const due = gaAt.getTime() + windowS * 1000;
    if (now.getTime() >= due)
        return null;
    const elapsedS = Math.max(0, Math.floor((now.getTime() - gaAt.getTime()) / 1000));
    return `its ${(0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(windowS)} window has not elapsed since the GA record of ${gaAt.toISOString()} (${(0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(elapsedS)} so far); the SLO burn rate is judged from ${new Date(due).toISOString()} on, so that it measures only traffic after the release (give the first-night environment a wait timer of at least the window, or run the job again then)`;
}
/** When the release's GA record was written; a release that was not promoted has no first night. */
async function readGaTime(plan, version, deploymentId, target) {
    const evidence = await (0,_rca_evidence_source_js__WEBPACK_IMPORTED_MODULE_3__/* .readRemoteEvidence */ .Im)({
        plan,
        version,
        remote: target.remote,
        branch: plan.evidence.branch,
        dir: (0,_evidence_target_js__WEBPACK_IMPORTED_MODULE_4__/* .evidenceDir */ .XG)(plan, version),
        deploymentId,
        ...(target.token ? { token: target.token } : {}),
        ...(target.cwd ? { cwd: target.cwd } : {}),
        ...(target.git ? { git: target.git } : {}),
    });
    const ga = evidence.decisions.find((d) => d.phase === _evidence_decision_log_js__WEBPACK_IMPORTED_MODULE_1__/* .SEALING_PHASE */ .IP);
    if (!ga)
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`first-night: the decision log of ${deploymentId} has no ga record, so ${version} was not promoted; the first night follows a promotion`);
    return new Date(ga.recorded_at);
}
async function evaluateFirstNight(request, deps) {
    const { plan, version } = request;
    const query = burnRateQuery(plan, version);
    const now = deps.clock.now();
    const gaAt = await readGaTime(plan, version, request.deploymentId, deps.evidence);
    const early = firstNightTooEarly(gaAt, query.windowS, now);
    if (early)
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`first night of ${version}: ${early}`);
    const measurement = await deps.source.instant({ metric: 'slo_burn_rate', track: 'canary', promql: query.promql }, now);
    const windowText = (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(query.windowS);
    const passed = measurement.ok && measurement.value <= query.max;
    const reason = measurement.ok
        ? `SLO burn rate over ${windowText} = ${Number(measurement.value.toPrecision(4))} ${passed ? '<=' : '>'} max ${query.max}`
        : `SLO burn rate over ${windowText} could not be measured (${measurement.reason}: ${measurement.message}); an unmeasured night is not a pass`;
    const decision = passed ? 'PASS' : 'FAIL';
    deps.log(`first night: ${decision}: ${reason}`);
    const releaseLog = (0,_evidence_target_js__WEBPACK_IMPORTED_MODULE_4__/* .decisionLogPath */ .UL)(plan, version, request.deploymentId);
    const ownLog = (0,_evidence_target_js__WEBPACK_IMPORTED_MODULE_4__/* .decisionLogPath */ .UL)(plan, version, (0,_stage_ref_js__WEBPACK_IMPORTED_MODULE_5__/* .firstNightDeploymentId */ .Dg)(request.deploymentId));
    let gaSha256 = null;
    // Read-only: returns the release log unchanged, so nothing is committed to it; it anchors this record.
    const anchor = {
        path: releaseLog,
        update: (current) => {
            const ga = (0,_evidence_decision_log_js__WEBPACK_IMPORTED_MODULE_1__/* .readDecisionLog */ .zi)(current, releaseLog).find((r) => r.phase === _evidence_decision_log_js__WEBPACK_IMPORTED_MODULE_1__/* .SEALING_PHASE */ .IP);
            if (!ga)
                throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`first-night: ${releaseLog} has no ga record, so ${version} was not promoted; the first night follows a promotion`);
            gaSha256 = ga.sha256;
            return current;
        },
    };
    const record = {
        path: ownLog,
        kind: 'decision-log',
        update: (current) => (0,_evidence_decision_log_js__WEBPACK_IMPORTED_MODULE_1__/* .appendDecision */ .rc)(current, {
            version,
            deployment_id: (0,_stage_ref_js__WEBPACK_IMPORTED_MODULE_5__/* .firstNightDeploymentId */ .Dg)(request.deploymentId),
            phase: 'first-night',
            decision,
            reason,
            approver: request.signoff?.approver ?? null,
            approval_comment: request.signoff?.approval_comment ?? null,
            start_timestamp: new Date(now.getTime() - query.windowS * 1000).toISOString(),
            traffic_share: 100,
            metrics_snapshot: {
                slo_burn_rate: {
                    value: measurement.ok ? Number(measurement.value.toPrecision(6)) : null,
                    threshold: `<= ${query.max}`,
                    status: decision,
                    query: query.promql,
                },
            },
            notes: [
                `follows the ga record ${gaSha256} of ${releaseLog}`,
                `query ${query.origin}`,
                request.signoffNote,
            ]
                .filter(Boolean)
                .join('; '),
            run_url: request.runUrl ?? null,
            evidence_files: [],
        }, deps.clock, ownLog),
    };
    const evidence = await (0,_evidence_target_js__WEBPACK_IMPORTED_MODULE_4__/* .pushStageEvidence */ .cV)(plan, deps.evidence, [anchor, record], {
        version,
        step: 'first night',
        summary: `${decision}: ${reason}`,
        ...(request.runUrl ? { runUrl: request.runUrl } : {}),
    }, { dryRun: request.dryRun, clock: deps.clock, log: deps.log });
    return { decision, reason, query, measurement, decisionLog: ownLog, evidence, passed };
}


/***/ })

};
