export const id = 836;
export const ids = [836];
export const modules = {

/***/ 57162:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Zt: () => (/* binding */ htmlFacts),
  mj: () => (/* binding */ stageSummaryHtml)
});

// UNUSED EXPORTS: evidenceUrl, guardrailChart, mermaidText

// EXTERNAL MODULE: ./src/gate/metric-names.ts
var metric_names = __webpack_require__(38206);
// EXTERNAL MODULE: ./src/evidence/release-clock.ts
var release_clock = __webpack_require__(63731);
;// CONCATENATED MODULE: ./src/rca/facts.ts

function trafficText(traffic) {
    if (typeof traffic === 'number')
        return `${traffic}%`;
    return Object.entries(traffic)
        .map(([flow, w]) => `${flow} ${w}%`)
        .join(', ');
}
function rampStep(traffic) {
    return typeof traffic === 'number' ? String(traffic) : Object.values(traffic).join('/');
}
/** `1h 30m`, `15m`, `45s`. */
function humanDuration(seconds) {
    const s = Math.max(0, Math.round(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = s % 60;
    const parts = [];
    if (h)
        parts.push(`${h}h`);
    if (m)
        parts.push(`${m}m`);
    if (rest || parts.length === 0)
        parts.push(`${rest}s`);
    return parts.join(' ');
}
const isRollbackRecord = (d) => d.phase === 'rollback' || d.decision.toUpperCase() === 'ROLLBACK';
const isPromoteRecord = (d) => d.phase === 'promote' || d.phase === 'ga';
function releaseFacts(plan, version, stages, decisions, 
/** When this version's freeze started, if the evidence says (freeze/state.json). */
freezeStartedAt = null) {
    const rows = stages.map((r) => {
        const signoff = decisions.find((d) => d.phase === `stage:${r.stage.name}` && d.approver);
        return {
            number: r.stage.index + 1,
            name: r.stage.name,
            traffic: trafficText(r.stage.traffic),
            decision: r.decision,
            reason: r.reason,
            started_at: r.started_at,
            decided_at: r.decided_at,
            duration_s: (Date.parse(r.decided_at) - Date.parse(r.started_at)) / 1000,
            planned_s: r.stage.duration_s,
            holds: r.holds,
            samples: r.samples.length,
            triggered_by: r.triggered_by,
            approver: signoff?.approver ?? null,
        };
    });
    const times = [
        ...stages.flatMap((r) => [Date.parse(r.started_at), Date.parse(r.decided_at)]),
        ...decisions.map((d) => Date.parse(d.start_timestamp)),
    ].filter((t) => Number.isFinite(t));
    const t0 = releaseT0({ freezeStartedAt, decisions, stages });
    const startedAt = t0 ? t0.toISOString() : null;
    const endedAt = times.length
        ? new Date(Math.max(...times, t0?.getTime() ?? -Infinity)).toISOString()
        : null;
    const rollbackRows = rows.filter((r) => r.decision === 'ROLLBACK');
    const rollbackRecords = decisions.filter(isRollbackRecord);
    const rollbacks = Math.max(rollbackRows.length, rollbackRecords.length > 0 ? 1 : 0);
    const lastIndex = plan.stages.length - 1;
    const passedNames = new Set(rows.filter((r) => r.decision === 'PROCEED').map((r) => r.name));
    const finalProceeded = rows.some((r) => r.number - 1 === lastIndex && r.decision === 'PROCEED');
    let outcome;
    let outcomeReason;
    if (rollbacks > 0) {
        outcome = 'rolled-back';
        const row = rollbackRows[0];
        outcomeReason = row
            ? `rolled back at stage ${row.number} ${row.name} (${row.traffic}): ${row.reason}`
            : `rolled back (decision log: ${rollbackRecords[0].reason})`;
    }
    else if (finalProceeded || decisions.some(isPromoteRecord)) {
        outcome = 'promoted';
        outcomeReason = `${passedNames.size}/${plan.stages.length} stages proceeded, 0 rollbacks`;
    }
    else {
        outcome = 'incomplete';
        const last = rows.at(-1);
        outcomeReason = last
            ? `stopped after stage ${last.number} ${last.name} with ${last.decision}: ${last.reason}`
            : 'no stage has run: the evidence holds no stage results';
    }
    return {
        service: plan.release.service,
        version,
        outcome,
        outcomeReason,
        startedAt,
        endedAt,
        duration_s: startedAt && endedAt ? (Date.parse(endedAt) - Date.parse(startedAt)) / 1000 : 0,
        stages: rows,
        stagesPlanned: plan.stages.length,
        stagesPassed: passedNames.size,
        rollbacks,
        // A stage re-run after a hold or review is one step of the ramp, not two.
        ramp: stages
            .map((r) => rampStep(r.stage.traffic))
            .filter((step, i, all) => i === 0 || all[i - 1] !== step)
            .join('->'),
        rollbackStage: rollbackRows[0] ?? null,
    };
}
/** A reason as one verdict line: its first clause, at most 140 characters; the full text is shown once, collapsed. */
function verdictLine(reason) {
    const first = reason.split('; ')[0];
    return first.length > 140 ? `${first.slice(0, 139)}…` : first;
}

// EXTERNAL MODULE: ./src/gate/warroom.ts
var warroom = __webpack_require__(4366);
;// CONCATENATED MODULE: ./src/rca/guardrail-rows.ts


function fmt(v) {
    return String(Number(v.toPrecision(4)));
}
/** The judge's evidence for a baseline comparison, compactly: p-value and effect, or what the window could not tell. */
function judgeText(g) {
    const judged = (g.judge ?? []).filter((j) => j.p_value !== null || j.effect_pct !== null);
    if (!judged.length) {
        if (g.against !== 'baseline')
            return '—';
        const mde = g.power?.min_detectable_pct;
        if (mde === undefined)
            return 'no judge verdict';
        return mde === null ? 'could detect no change yet' : `could detect ${fmt(mde)}% or more`;
    }
    const worst = judged.find((j) => j.verdict === 'breach') ?? judged[0];
    const parts = [
        worst.p_value !== null
            ? `p=${worst.p_value < 0.001 ? worst.p_value.toExponential(1) : fmt(worst.p_value)}`
            : null,
        worst.effect_pct !== null ? `effect ${worst.effect_pct >= 0 ? '+' : ''}${fmt(worst.effect_pct)}%` : null,
        worst.verdict === 'inconclusive' ? 'inconclusive' : null,
    ].filter(Boolean);
    return `${worst.level}: ${parts.join(', ')} (${worst.method})`;
}
/** One row per guardrail as the deciding sample saw it. */
function guardrailRows(plan, result) {
    return (result.samples.at(-1)?.guardrails ?? []).map((g) => {
        const unit = (0,metric_names/* unitOf */.u)(g.metric, plan.metrics.queries[g.metric]);
        const value = (v) => (v === null ? 'no data' : `${fmt(v)}${unit ? ` ${unit}` : ''}`);
        return {
            name: g.name,
            value: g.against === 'baseline'
                ? `${value(g.values.canary)} vs ${value(g.values.baseline)}`
                : value(g.values.canary),
            thresholds: g.thresholds.join(' · '),
            verdict: (0,warroom/* statusWord */.Hm)(g),
            judge: judgeText(g),
        };
    });
}

// EXTERNAL MODULE: ./src/platform/html.ts
var html = __webpack_require__(3046);
;// CONCATENATED MODULE: ./src/action/stage-summary.ts




/** Letters, digits, space and `_ . , % + - / : ( ) =`; anything else (quotes, brackets, <, >, newlines) becomes `_`. */
function mermaidText(text) {
    return String(text)
        .replace(/[^A-Za-z0-9 _.,%+\-/:()=]/g, '_')
        .slice(0, 80);
}
function num(v) {
    if (!Number.isFinite(v))
        return '0';
    return String(Number(v.toPrecision(6)));
}
/** Threshold lines of a guardrail at each sample: absolute levels are flat; baseline-relative ones follow the baseline. */
function thresholdSeries(level, config, baselines) {
    if (!config)
        return [];
    const out = [];
    if (config.above !== undefined)
        out.push({ name: `${level} > ${num(config.above)}`, values: baselines.map(() => config.above) });
    if (config.below !== undefined)
        out.push({ name: `${level} < ${num(config.below)}`, values: baselines.map(() => config.below) });
    if (config.increase !== undefined)
        out.push({
            name: `${level} baseline +${num(config.increase)}%`,
            values: baselines.map((b) => (b === null ? null : b * (1 + config.increase / 100))),
        });
    if (config.decrease !== undefined)
        out.push({
            name: `${level} baseline -${num(config.decrease)}%`,
            values: baselines.map((b) => (b === null ? null : b * (1 - config.decrease / 100))),
        });
    return out;
}
/** A Mermaid xychart of one guardrail over the stage; null when no sample measured it. */
function guardrailChart(plan, guardrail, samples) {
    const config = plan.guardrails[guardrail];
    if (!config)
        return null;
    const points = samples.map((s) => s.guardrails.find((g) => g.name === guardrail));
    const canary = points.map((g) => finite(g?.values.canary));
    const baseline = points.map((g) => finite(g?.values.baseline));
    const measured = [...canary, ...baseline].filter((v) => v !== null);
    if (measured.length === 0)
        return null;
    const series = [{ name: 'canary', values: canary }];
    if (baseline.some((v) => v !== null))
        series.push({ name: 'baseline', values: baseline });
    for (const level of ['pass', 'soft', 'hard'])
        series.push(...thresholdSeries(level, config[level], baseline));
    const all = series.flatMap((s) => s.values).filter((v) => v !== null);
    const lo = Math.min(0, ...all);
    const hi = Math.max(...all);
    const pad = hi === lo ? 1 : (hi - lo) * 0.1;
    // A gap has no value in xychart; an unmeasured point is drawn at the axis floor and the table says n/a.
    const fill = (values) => values.map((v) => num(v ?? lo)).join(', ');
    const unit = (0,metric_names/* unitOf */.u)(config.metric, plan.metrics.queries[config.metric]) ?? '';
    return [
        '```mermaid',
        'xychart-beta',
        `    title "${mermaidText(`${guardrail}: ${config.metric}`)}"`,
        `    x-axis "T+ (release clock)" [${samples.map((s) => `"${mermaidText(releaseMarkOf(s))}"`).join(', ')}]`,
        `    y-axis "${mermaidText(unit || config.metric)}" ${num(lo)} --> ${num(hi + pad)}`,
        ...series.map((s) => `    line [${fill(s.values)}]`),
        '```',
        '',
        `<sub>Lines in order: ${(0,html/* escapeHtml */.Z)(series.map((s) => s.name).join(', '))}.</sub>`,
    ].join('\n');
}
function finite(v) {
    return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}
/** The sample's mark on the release clock, as its war-room line begins (`:17`, `:17:04`). */
function releaseMarkOf(sample) {
    return sample.warroom.split(' | ')[0] ?? '';
}
function evidenceUrl(web, path) {
    if (!web)
        return null;
    return `${web.serverUrl.replace(/\/+$/, '')}/${web.repository}/blob/${encodeURIComponent(web.branch)}/${path.split('/').map(encodeURIComponent).join('/')}`;
}
const ICON = {
    PROCEED: '✅',
    ROLLBACK: '🛑',
    REVIEW: '⚠️',
    HOLD: '⚠️',
};
/** A two-column table of facts (name, value), every string escaped. */
function htmlFacts(facts) {
    return [
        '<table>',
        ...facts.map(([k, v]) => `<tr><th align="left">${(0,html/* escapeHtml */.Z)(k)}</th><td>${(0,html/* escapeHtml */.Z)(v)}</td></tr>`),
        '</table>',
    ].join('\n');
}
function stageSummaryHtml(input) {
    const { plan, result } = input;
    const verdict = verdictLine(result.reason);
    const rows = guardrailRows(plan, result).map((g) => `<tr><td>${(0,html/* escapeHtml */.Z)(g.name)}</td><td>${(0,html/* escapeHtml */.Z)(g.value)}</td><td>${(0,html/* escapeHtml */.Z)(g.thresholds)}</td><td><b>${(0,html/* escapeHtml */.Z)(g.verdict)}</b></td><td>${(0,html/* escapeHtml */.Z)(g.judge)}</td></tr>`);
    const files = input.evidence?.paths ?? [];
    const parts = [
        `<h2>${ICON[result.decision]} Stage ${input.stageNumber} ${(0,html/* escapeHtml */.Z)(result.stage.name)}: ${(0,html/* escapeHtml */.Z)(result.decision)}${input.dryRun ? ' (dry-run)' : ''}</h2>`,
        `<p>${(0,html/* escapeHtml */.Z)(plan.release.service)} v${(0,html/* escapeHtml */.Z)(input.version)}: ${(0,html/* escapeHtml */.Z)(verdict)}</p>`,
        ...(result.reason !== verdict
            ? [`<details><summary>Full reason</summary><p>${(0,html/* escapeHtml */.Z)(result.reason)}</p></details>`]
            : []),
        '',
        '<table><tr><th>Guardrail</th><th>Value</th><th>Thresholds</th><th>Verdict</th><th>Judge</th></tr>',
        ...(rows.length ? rows : ['<tr><td colspan="5">no sample was taken</td></tr>']),
        '</table>',
        '',
        htmlFacts(input.facts),
        '',
        ...(files.length
            ? [
                '<h3>Evidence</h3>',
                '',
                `<ul>${files
                    .map((f) => {
                    const url = evidenceUrl(input.evidence.web, f);
                    return url
                        ? `<li><a href="${(0,html/* escapeHtml */.Z)(url)}">${(0,html/* escapeHtml */.Z)(f)}</a></li>`
                        : `<li><code>${(0,html/* escapeHtml */.Z)(f)}</code></li>`;
                })
                    .join('')}</ul>`,
                '',
            ]
            : []),
        `<details><summary>War-room log (${result.samples.length} sample(s), marked T+ on the release clock)</summary>`,
        '',
        `<pre>${result.samples.map((s) => (0,html/* escapeHtml */.Z)(s.warroom)).join('\n')}</pre>`,
        '</details>',
        '',
        '<h3>Canary against baseline</h3>',
        '',
    ];
    for (const g of result.guardrails) {
        const chart = guardrailChart(plan, g.name, result.samples);
        parts.push(chart ?? `<p>${(0,html/* escapeHtml */.Z)(g.name)}: no measured sample to draw.</p>`, '');
    }
    return parts.join('\n');
}


/***/ }),

/***/ 90071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LP: () => (/* binding */ sha256Bytes),
/* harmony export */   dj: () => (/* binding */ canonicalJson),
/* harmony export */   fg: () => (/* binding */ sha256Hex),
/* harmony export */   x: () => (/* binding */ GENESIS_SHA256)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
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

/***/ 73624:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IP: () => (/* binding */ SEALING_PHASE),
/* harmony export */   Up: () => (/* binding */ parseDecisionLog),
/* harmony export */   rc: () => (/* binding */ appendDecision),
/* harmony export */   zi: () => (/* binding */ readDecisionLog)
/* harmony export */ });
/* unused harmony exports DecisionInputSchema, DecisionRecordSchema, recordHash, checkDecisionChain, formatInputProblems */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(92857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(64377);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(96319);
/* harmony import */ var _canonical_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90071);
/* harmony import */ var _evidence_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46153);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(17050);
/* harmony import */ var _secrets_masker_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(22490);
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

/***/ 17050:
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

/***/ 46153:
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
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64377);
/* harmony import */ var _canonical_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(90071);
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

/***/ 80161:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RK: () => (/* binding */ checkEvidencePath),
/* harmony export */   UL: () => (/* binding */ decisionLogPath),
/* harmony export */   XG: () => (/* binding */ evidenceDir)
/* harmony export */ });
/* unused harmony export renderEvidencePath */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(96319);


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
/** The release's evidence folder on the branch, e.g. `evidence/1.4.0` (the plan's `evidence.dir`). */
function evidenceDir(plan, version) {
    return (0,_config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .renderEvidenceDir */ .NJ)(plan, { version });
}
/** The release attempt's decision log on the branch (the plan's `evidence.decisions`). */
function decisionLogPath(plan, version, deploymentId) {
    return renderEvidencePath(plan.evidence.decisions, { version, service: plan.release.service, deployment_id: deploymentId }, 'evidence.decisions');
}


/***/ }),

/***/ 63731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ releaseT0)
/* harmony export */ });
/* unused harmony exports releaseMark, zonedTime */
/* harmony import */ var _gate_warroom_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4366);
/**
 * The one clock people read a release by. T0 is the start of the release's freeze (freeze/state.json on the
 * evidence branch, when that freeze was for this version); without one, the release's first recorded moment (its
 * first decision record or stage start). Every `:MM` mark people see counts from it: the war-room lines (the
 * engine gets T0 as releaseStartedAt), the mini-RCA timeline, the report and the job summaries; so the last
 * war-room mark and the release's total duration agree. Wall-clock times are shown in the plan's
 * `release.timezone` with the UTC offset.
 */


/** The release's T0: the freeze's start, else its first recorded moment; null when nothing was recorded. */
function releaseT0(sources) {
    const freeze = sources.freezeStartedAt ? Date.parse(sources.freezeStartedAt) : Number.NaN;
    if (Number.isFinite(freeze))
        return new Date(freeze);
    const times = [
        ...(sources.decisions ?? []).map((d) => Date.parse(d.start_timestamp)),
        ...(sources.stages ?? []).map((s) => Date.parse(s.started_at)),
    ].filter(Number.isFinite);
    return times.length ? new Date(Math.min(...times)) : null;
}
/** `:MM` since T0 (`:MM:SS` with seconds), as the war-room line writes it. */
function releaseMark(at, t0, seconds = false) {
    const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
    return minuteMark((ms - t0.getTime()) / 1000, seconds);
}
/** `2026-05-16 09:15:00 +03:00` in the plan's zone, with its UTC offset. */
function zonedTime(at, zone) {
    const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
    return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-LL-dd HH:mm:ss ZZ');
}


/***/ }),

/***/ 27622:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Xm: () => (/* binding */ noEvidenceBranch),
  Im: () => (/* binding */ readRemoteEvidence)
});

// UNUSED EXPORTS: evidenceCheckoutRoot, findDecisionLogs, loadReleaseEvidence, readLocalEvidence

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(14006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/config/index.ts + 8 modules
var config = __webpack_require__(96319);
// EXTERNAL MODULE: ./src/evidence/decision-log.ts
var decision_log = __webpack_require__(73624);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
;// CONCATENATED MODULE: ./src/freeze/state.ts
/**
 * The freeze state: one JSON file on the evidence branch (`freeze/state.json`). start and end write it with
 * the evidence; guard and status (other workflow runs, fork PRs included) read it. It is the only place that
 * says whether a freeze is active, so a guard run never has to guess.
 */


const FREEZE_STATE_PATH = 'freeze/state.json';
const FREEZE_STATE_SCHEMA = 'canary-conductor/freeze-state@1';
const PullNumber = schemas/* number */.aig().int().positive();
const FreezeCounts = schemas/* object */.Ikc({
    /** Open PRs into the frozen base branches when start listed them. */
    open: schemas/* number */.aig().int().nonnegative(),
    held: schemas/* number */.aig().int().nonnegative(),
    /** Held because of a block label (a subset of held). */
    blocked: schemas/* number */.aig().int().nonnegative(),
    allowed: schemas/* number */.aig().int().nonnegative(),
    /** Held PRs the freeze added its label to (the rest already carried it). */
    labelled: schemas/* number */.aig().int().nonnegative(),
});
/** The repository ruleset that blocks merges while the freeze stands (installed with an admin or App token). */
const MergeBlock = schemas/* object */.Ikc({
    ruleset_id: schemas/* number */.aig().int().positive(),
    name: schemas/* string */.YjP().min(1),
    /** The status context the ruleset requires: only PRs the plan allows get it, so nothing else can merge. */
    context: schemas/* string */.YjP().min(1),
});
/** How far start has got in making held PRs unmergeable, for `freeze status` while start runs. */
const HoldProgress = schemas/* object */.Ikc({
    method: schemas/* enum */.k5n(['ruleset', 'status']),
    /** Held PRs found so far (null before the listing is classified). */
    held: schemas/* number */.aig().int().nonnegative().nullable(),
    /** Held PRs that can still merge: their blocking status is not written yet (0 once a ruleset stands). */
    mergeable: schemas/* number */.aig().int().nonnegative().nullable(),
    /** When the last blocking status is expected on GitHub's limits; null when nothing is left to block. */
    eta: iso/* datetime */.w$({ offset: true }).nullable(),
    updated_at: iso/* datetime */.w$({ offset: true }),
});
const FreezeState = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(FREEZE_STATE_SCHEMA),
    active: schemas/* boolean */.zMY(),
    /** The release tag, e.g. v1.4.0. */
    release: schemas/* string */.YjP().min(1),
    version: schemas/* string */.YjP().min(1),
    started_at: iso/* datetime */.w$({ offset: true }),
    actor: schemas/* string */.YjP(),
    run_url: schemas/* string */.YjP(),
    label: schemas/* string */.YjP().min(1),
    status_check: schemas/* string */.YjP().min(1),
    base_branches: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1),
    /** Null while start is still labelling (the freeze is already in force then). */
    counts: FreezeCounts.nullable(),
    /** PRs that carried the freeze label before the freeze started: end leaves their label alone. */
    pre_labelled: schemas/* array */.YOg(PullNumber),
    /** PRs start held; end sets their status back to success even if someone removed the label. */
    held: schemas/* array */.YOg(PullNumber),
    ended_at: iso/* datetime */.w$({ offset: true }).nullable(),
    ended_by: schemas/* string */.YjP().nullable(),
    released: schemas/* number */.aig().int().nonnegative().nullable(),
    /** Absent in states written before merge blocks existed: read as none. */
    merge_block: MergeBlock.nullable().optional(),
    progress: HoldProgress.nullable().optional(),
});
/** Parses the state file; a file that is not a valid state is an error (never read as "no freeze"). */
function parseFreezeState(text, source = FREEZE_STATE_PATH) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (e) {
        throw new config/* ConfigurationError */.j1(`${source}: not JSON (${e.message}); fix or remove the file on the evidence branch`);
    }
    const result = FreezeState.safeParse(json);
    if (!result.success) {
        throw new config/* ConfigurationError */.j1(`${source}: not a freeze state (${FREEZE_STATE_SCHEMA})`, result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    return result.data;
}
/** Stable text (sorted lists, fixed key order, trailing newline), so an unchanged state makes no new commit. */
function serializeFreezeState(state) {
    const normalized = {
        ...FreezeState.parse(state),
        pre_labelled: [...new Set(state.pre_labelled)].sort((a, b) => a - b),
        held: [...new Set(state.held)].sort((a, b) => a - b),
    };
    return `${JSON.stringify(normalized, null, 2)}\n`;
}
function isFreezeActive(state) {
    return state !== null && state.active;
}

// EXTERNAL MODULE: ./src/git/git-command-manager.ts + 1 modules
var git_command_manager = __webpack_require__(23800);
// EXTERNAL MODULE: ./src/git/remote.ts
var remote = __webpack_require__(60668);
// EXTERNAL MODULE: ./src/evidence/stage-results.ts
var stage_results = __webpack_require__(42116);
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

;// CONCATENATED MODULE: ./src/evidence/release-evidence.ts
/**
 * Reads what a release left in its evidence: the stage results (`stage_<n>.json`) and the decision log.
 * From a local folder (the CLI, a checkout of the evidence branch) or from the evidence branch of a remote
 * (the actions: a shallow clone into a temporary folder, removed afterwards).
 */












/**
 * The start of this version's freeze from the checkout's freeze/state.json; null when there is none or it is the
 * freeze of another release (the file holds the latest freeze only). A file that is not a freeze state is an error.
 */
async function readFreezeStart(root, version) {
    const file = external_node_path_default().join(root, ...FREEZE_STATE_PATH.split('/'));
    if (!(0,external_node_fs_.existsSync)(file))
        return null;
    const state = parseFreezeState(await (0,promises_.readFile)(file, 'utf8'), file);
    return state.version === version ? state.started_at : null;
}
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
        freezeStartedAt: options.checkoutRoot && options.version
            ? await readFreezeStart(options.checkoutRoot, options.version)
            : null,
    };
}
/**
 * Shallow-clones the evidence branch and reads the release's evidence from it. Null when the branch does not exist
 * yet: the normal state before a first release's first stage, which each caller judges for itself (a stage gate
 * starts fresh; a tag, an RCA or a first night has nothing to stand on: `noEvidenceBranch`).
 */
async function readRemoteEvidence(options) {
    const workdir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'canary-rca-'));
    try {
        const git = (options.git ?? git_command_manager/* createGitCommandManager */.xX)({
            workingDirectory: workdir,
            remote: (0,remote/* normalizeRemote */.e$)(options.remote, options.cwd),
            token: options.token,
            log: options.log,
        });
        const tip = await git.openBranch(options.branch);
        if (!tip)
            return null;
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
            freezeStartedAt: await readFreezeStart(workdir, options.version),
        };
    }
    finally {
        await (0,promises_.rm)(workdir, { recursive: true, force: true });
    }
}
/** The user-facing error for a step that needs a release's evidence when its evidence branch does not exist. */
function noEvidenceBranch(options) {
    return new config/* ConfigurationError */.j1(`evidence-remote: branch ${options.branch} does not exist on the evidence remote; no stage ran for ${options.version} (expected evidence in ${options.dir})`);
}
/** The first step release-tag and mini-rca share: the plan rendered for the version, and that release's evidence. */
async function loadReleaseEvidence(request) {
    const planned = await planRelease(request.configPath, request.version);
    const where = { branch: planned.plan.evidence.branch, version: request.version, dir: planned.evidenceDir };
    const evidence = await readRemoteEvidence({
        plan: planned.plan,
        version: request.version,
        remote: request.evidenceRemote,
        branch: where.branch,
        dir: where.dir,
        deploymentId: request.deploymentId,
        token: request.token,
        git: request.git,
        log: request.log,
        cwd: request.cwd,
    });
    if (!evidence)
        throw noEvidenceBranch(where);
    return { ...planned, evidence };
}


/***/ }),

/***/ 23257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ STAGE_RESULT_FILE),
/* harmony export */   J: () => (/* binding */ stageResultFileName)
/* harmony export */ });
const STAGE_RESULT_FILE = /^stage_(\d+)(?:_(\d+))?\.json$/;
/** The evidence file name for a stage result: `stage_<n>.json`, or `stage_<n>_<attempt>.json` for a re-run. */
function stageResultFileName(result, attempt = 1) {
    return attempt <= 1
        ? `stage_${result.stage.index + 1}.json`
        : `stage_${result.stage.index + 1}_${attempt}.json`;
}


/***/ }),

/***/ 42116:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CH: () => (/* reexport safe */ _evidence_stage_files_js__WEBPACK_IMPORTED_MODULE_4__.C),
/* harmony export */   Ny: () => (/* binding */ readStageResults)
/* harmony export */ });
/* unused harmony exports checkStageResult, parseStageResults, sortStageResults */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(37827);
/* harmony import */ var _evidence_stage_files_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(23257);
/* harmony import */ var _gate_types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(89014);
/**
 * Stage results as the evidence holds them: `stage_<n>.json` in the evidence folder (n = the stage's 1-based
 * position in the plan; a re-run of the same stage after a hold or review is `stage_<n>_<k>.json`, k = 2, 3...).
 * Each file holds one StageResult (src/gate/types.ts) or an array of them.
 * Parsing checks only what the RCA, the release notes and the report read, and names the file and field
 * of anything missing, so a hand-edited or truncated file is an error rather than a silently thinner RCA.
 */





// The file names belong to the evidence layer, which writes them; the RCA only reads.

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
    for (const name of names.filter((n) => _evidence_stage_files_js__WEBPACK_IMPORTED_MODULE_4__/* .STAGE_RESULT_FILE */ .C.test(n)).sort()) {
        results.push(...parseStageResults(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, name), 'utf8'), name));
    }
    return sortStageResults(results);
}


/***/ }),

/***/ 38206:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ shortName),
/* harmony export */   u: () => (/* binding */ unitOf)
/* harmony export */ });
const UNIT_WORDS = new Set(['ms', 'pct', 'percent', 'seconds', 's', 'ratio', 'bps', 'total', 'count']);
const GENERIC = new Set([
    'order',
    'orders',
    'http',
    'api',
    'request',
    'requests',
    'error',
    'errors',
    'rate',
    'available',
    'avg',
    'mean',
    'current',
]);
const ABBREVIATIONS = {
    memory: 'mem',
    latency: 'lat',
    websocket: 'ws',
    staleness: 'stale',
    idempotency: 'idemp',
    connections: 'conn',
    utilization: 'util',
};
function shortName(key, query) {
    if (query?.label)
        return query.label;
    const words = key
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
    while (words.length > 1 && UNIT_WORDS.has(words[words.length - 1]))
        words.pop();
    const percentile = words.find((w) => /^p\d{2,3}$/.test(w));
    if (percentile)
        return percentile;
    if (words.includes('5xx'))
        return '5xx';
    const specific = words.filter((w) => !GENERIC.has(w));
    if (specific.length === 0)
        return words.some((w) => w.startsWith('error')) ? '5xx' : key;
    const first = specific[0];
    return ABBREVIATIONS[first] ?? first;
}
function unitOf(key, query) {
    if (query?.unit)
        return query.unit;
    const last = key
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean)
        .pop();
    switch (last) {
        case 'ms':
            return 'ms';
        case 'pct':
        case 'percent':
            return '%';
        case 'seconds':
        case 's':
            return 's';
        case 'bps':
            return 'bps';
        default:
            return undefined;
    }
}


/***/ }),

/***/ 89014:
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

/***/ 4366:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hm: () => (/* binding */ statusWord),
/* harmony export */   Yj: () => (/* binding */ warroomLine)
/* harmony export */ });
/* unused harmony export minuteMark */
/* harmony import */ var _metric_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38206);

const CALL = {
    PROCEED: 'Proceed',
    ROLLBACK: 'Rollback',
    REVIEW: 'Review',
    HOLD: 'Hold',
};
/**
 * The war-room word per engine status. `within` has no word of its own here: it is split by statusWord into
 * PENDING and PASS-UNMET, because "within" would misread a value that is over its line.
 */
const WORD = {
    pass: 'PASS',
    // A baseline interval beyond the line that the judge does not confirm: shown, decides nothing.
    suspect: 'SUSPECT',
    soft: 'SOFT',
    hard: 'HARD',
    trend: 'TREND',
    'no-data': 'NO-DATA',
    inconclusive: 'INCONCLUSIVE',
};
/** What a guardrail's status reads as in the war-room line. */
function statusWord(g) {
    // No breach found, but the judge's p-value for one is low: a window that ends so is held for more evidence.
    // A suspect interval keeps its own word (the lean is in the reason of the hold it causes).
    if (g.leaning && g.status === 'pass')
        return 'LEANING';
    if (g.status !== 'within')
        return WORD[g.status];
    // A soft/hard breach not yet held for its `for`: it will become SOFT/HARD if it lasts.
    if (g.pending)
        return 'PENDING';
    // Nothing breached, but the pass criterion is not met over the window (yet).
    return 'PASS-UNMET';
}
function compact(v) {
    if (!Number.isFinite(v))
        return v > 0 ? '+Inf' : '-Inf';
    const abs = Math.abs(v);
    if (abs >= 100)
        return String(Math.round(v));
    if (abs === 0)
        return '0';
    return String(Number(v.toPrecision(2)));
}
function minuteMark(elapsedS, seconds = false) {
    const s = Math.max(0, Math.floor(elapsedS + 1e-6));
    const mm = String(Math.floor(s / 60)).padStart(2, '0');
    return seconds ? `:${mm}:${String(s % 60).padStart(2, '0')}` : `:${mm}`;
}
function trafficText(traffic) {
    if (typeof traffic === 'number')
        return `${traffic}%`;
    return Object.entries(traffic)
        .map(([flow, w]) => `${flow} ${w}%`)
        .join(', ');
}
/**
 * The smallest regression the judge could have detected so far, beside a baseline comparison's change:
 * `accept=+3%(mde+63%)`; `(mde:none)` while it could detect nothing (no events yet).
 */
function powerText(g) {
    if (!g.power)
        return '';
    const mde = g.power.min_detectable_pct;
    if (mde === null)
        return '(mde:none)';
    return `(mde${mde >= 0 ? '+' : ''}${compact(mde)}%)`;
}
function metricText(g, queries) {
    const q = queries[g.metric];
    const name = (0,_metric_names_js__WEBPACK_IMPORTED_MODULE_0__/* .shortName */ .E)(g.metric, q);
    if (g.against === 'baseline') {
        const rel = g.values.relative_pct;
        if (rel === null || rel === undefined) {
            if (g.values.canary !== null && g.values.baseline === 0)
                return `${name}=${compact(g.values.canary)}(base 0)${powerText(g)}`;
            return `${name}=n/a${powerText(g)}`;
        }
        return `${name}=${rel >= 0 ? '+' : ''}${compact(rel)}%${powerText(g)}`;
    }
    if (g.values.canary === null)
        return `${name}=n/a`;
    return `${name}=${compact(g.values.canary)}${(0,_metric_names_js__WEBPACK_IMPORTED_MODULE_0__/* .unitOf */ .u)(g.metric, q) ?? ''}`;
}
function warroomLine(input) {
    const seen = new Set();
    const metrics = [];
    for (const g of input.guardrails) {
        const key = `${g.metric}/${g.against ?? 'abs'}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        metrics.push(metricText(g, input.queries));
    }
    const passes = (g) => statusWord(g) === 'PASS';
    const passing = input.guardrails.filter(passes).length;
    const others = input.guardrails.filter((g) => !passes(g)).map((g) => `${g.name}=${statusWord(g)}`);
    const call = input.decision ? CALL[input.decision] : 'Continue';
    return [
        minuteMark(input.elapsedS, input.seconds),
        `Stage ${input.stageIndex + 1} (${trafficText(input.traffic)})`,
        metrics.join(' ') || 'no guardrails',
        `${passing}/${input.guardrails.length} PASS${others.length ? ` ${others.join(' ')}` : ''}`,
        `IC: ${call}`,
    ].join(' | ');
}


/***/ }),

/***/ 23800:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  xX: () => (/* binding */ createGitCommandManager)
});

// UNUSED EXPORTS: GitCommandError, RemoteUnreachableError

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(37827);
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
/**
 * The remote could not be reached or would not let us in (LC_ALL=C wording of git and its transports): a
 * precondition the user fixes (the URL, the token's access, the network), so it is reported as their mistake,
 * plainly and with exit 2, not as an internal error with a stack. No caller can treat it as an answer.
 */
const REMOTE_UNREACHABLE = /could not resolve host|unable to access|failed to connect|connection refused|connection timed out|repository (?:'[^']*' )?not found|does not appear to be a git repository|authentication failed|could not read (?:username|password)|permission denied \(publickey|could not read from remote repository|the requested url returned error: (?:401|403|404)/i;
class RemoteUnreachableError extends errors/* ConfigurationError */.j1 {
    constructor(remote, args, stderr) {
        const said = stderr
            .split('\n')
            .map((l) => l.trim())
            .find((l) => REMOTE_UNREACHABLE.test(l)) ?? stderr.trim();
        super(`the git remote ${withoutCredentials(remote)} cannot be reached (git ${args[0]}): ${said}. ` +
            'Check the repository URL, the network, and that the token may read and push to it.');
        this.name = 'RemoteUnreachableError';
    }
}
/** A remote URL without its user and password (`https://x-access-token:…@host/` → `https://host/`). */
function withoutCredentials(remote) {
    return remote.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
const RETRYABLE_PUSH = /fetch first|non-fast-forward|failed to update ref|cannot lock ref|stale info|incorrect old value|reference already exists/i;
/**
 * The repositories driven here are temporary folders or a runner's checkout, both gone when the job ends: the
 * automatic gc/maintenance git starts after a fetch or a commit would only tidy them, a process each time.
 */
const NO_HOUSEKEEPING = ['-c', 'maintenance.auto=false', '-c', 'gc.auto=0'];
/** What `git fetch` and `git clone --branch` say (LC_ALL=C) when the remote has no such branch. */
const MISSING_REMOTE_REF = /couldn't find remote ref/i;
const MISSING_CLONE_BRANCH = /Remote branch .* not found in upstream/i;
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
        const child = (0,external_node_child_process_.execFile)(gitPath, [...NO_HOUSEKEEPING, ...args], { cwd, env, timeout, maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
            const result = {
                exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
                stdout: auth.mask(String(stdout)),
                stderr: auth.mask(String(stderr)),
            };
            if (error && error.killed) {
                result.stderr += `\n(killed after ${timeout} ms)`;
            }
            // With allowFailure a non-zero exit is an answer (diff --quiet, show of a missing file), not a failure;
            // a remote that cannot be reached never is.
            const unreachable = result.exitCode !== 0 && execOptions.network === true && REMOTE_UNREACHABLE.test(result.stderr);
            if (unreachable || (result.exitCode !== 0 && !execOptions.allowFailure)) {
                log(`git exited ${result.exitCode}: ${result.stderr.trim()}`);
                reject(unreachable
                    ? new RemoteUnreachableError(options.remote, args, result.stderr)
                    : new GitCommandError(args, result));
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
    const init = async () => {
        await exec(['init', '--quiet']);
        await exec(['remote', 'add', 'origin', options.remote]);
    };
    return {
        workingDirectory: cwd,
        exec,
        init,
        async openBranch(branch) {
            const args = [
                'clone',
                '--quiet',
                '--no-tags',
                '--single-branch',
                '--depth=1',
                '--branch',
                branch,
                '--',
                options.remote,
                '.',
            ];
            const result = await exec(args, { network: true, allowFailure: true });
            if (result.exitCode === 0)
                return (await exec(['rev-parse', 'HEAD'])).stdout.trim();
            if (!MISSING_CLONE_BRANCH.test(result.stderr))
                throw new GitCommandError(args, result);
            await init();
            return null;
        },
        async remoteBranchSha(branch) {
            const result = await exec(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`], {
                network: true,
            });
            const line = result.stdout.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`));
            return line ? line.split('\t')[0] : null;
        },
        async fetchBranchIfExists(branch, depth) {
            const args = ['fetch', '--quiet', '--no-tags'];
            if (depth !== undefined)
                args.push(`--depth=${depth}`);
            args.push('origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`);
            const result = await exec(args, { network: true, allowFailure: true });
            if (result.exitCode !== 0) {
                if (MISSING_REMOTE_REF.test(result.stderr))
                    return null;
                throw new GitCommandError(args, result);
            }
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
        async refExists(ref) {
            const result = await exec(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
                allowFailure: true,
            });
            return result.exitCode === 0;
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


/***/ }),

/***/ 37993:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ DEFAULT_IDENTITY),
/* harmony export */   bZ: () => (/* binding */ pushWithRetries)
/* harmony export */ });
/* unused harmony export pushRetryDelayMs */
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


/***/ }),

/***/ 53037:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dQ: () => (/* binding */ realClock),
/* harmony export */   oM: () => (/* binding */ AbortedError)
/* harmony export */ });
/* unused harmony exports sleepFor, virtualClock, replayClock */
/** Waits `ms` on the clock's own time (a virtual clock moves at once, the real one waits). */
function sleepFor(clock, ms, signal) {
    return clock.sleepUntil(new Date(clock.now().getTime() + ms), signal);
}
class AbortedError extends Error {
    constructor(reason) {
        super(reason instanceof Error ? reason.message : reason ? String(reason) : 'aborted');
        this.name = 'AbortedError';
    }
}
function throwIfAborted(signal) {
    if (signal?.aborted)
        throw new AbortedError(signal.reason);
}
const realClock = {
    now: () => new Date(),
    sleepUntil(t, signal) {
        return new Promise((resolve, reject) => {
            if (signal?.aborted)
                return reject(new AbortedError(signal.reason));
            const ms = t.getTime() - Date.now();
            if (ms <= 0)
                return resolve();
            const onAbort = () => {
                clearTimeout(timer);
                reject(new AbortedError(signal?.reason));
            };
            const timer = setTimeout(() => {
                signal?.removeEventListener('abort', onAbort);
                resolve();
            }, ms);
            signal?.addEventListener('abort', onAbort, { once: true });
        });
    },
};
/** A clock that only moves when slept on or advanced: simulations and engine tests. */
function virtualClock(start) {
    let current = start.getTime();
    return {
        now: () => new Date(current),
        advanceTo(t) {
            current = Math.max(current, t.getTime());
        },
        async sleepUntil(t, signal) {
            throwIfAborted(signal);
            current = Math.max(current, t.getTime());
        },
    };
}
/**
 * Replaying a past window: time jumps to each sample at once, but never past the real present, because
 * Prometheus cannot answer for a moment that has not happened yet (a replay reaching "now" waits for it, which
 * is exactly what a live run would have done).
 */
function replayClock(start, real = realClock) {
    const inner = virtualClock(start);
    return {
        now: inner.now,
        async sleepUntil(t, signal) {
            if (t.getTime() > real.now().getTime())
                await real.sleepUntil(t, signal);
            await inner.sleepUntil(t, signal);
        },
    };
}


/***/ }),

/***/ 3046:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ escapeHtml)
/* harmony export */ });
/* unused harmony export row */
/**
 * HTML escaping for everything that renders user or metric strings into HTML: job summaries (the toolkit's
 * summary inserts text verbatim), the release report and the freeze report.
 */
function escapeHtml(text) {
    return String(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}
/** A table row of escaped cells, in the shape core.summary.addTable takes. */
function row(cells, header = false) {
    return cells.map((c) => ({ data: escapeHtml(c), header }));
}


/***/ }),

/***/ 57462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  c: () => (/* binding */ pushStageEvidence)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/config/index.ts + 8 modules
var config = __webpack_require__(96319);
// EXTERNAL MODULE: ./src/git/git-command-manager.ts + 1 modules
var git_command_manager = __webpack_require__(23800);
// EXTERNAL MODULE: ./src/git/push-loop.ts
var push_loop = __webpack_require__(37993);
// EXTERNAL MODULE: ./src/git/remote.ts
var git_remote = __webpack_require__(60668);
// EXTERNAL MODULE: ./src/secrets/masker.ts
var masker = __webpack_require__(22490);
// EXTERNAL MODULE: ./src/evidence/canonical.ts
var canonical = __webpack_require__(90071);
// EXTERNAL MODULE: ./src/evidence/paths.ts
var evidence_paths = __webpack_require__(80161);
;// CONCATENATED MODULE: ./src/evidence/collect.ts




/**
 * Every file below `fromDir` (sorted, `.git` skipped), placed under `toPath` in the evidence branch. An empty
 * or missing folder is an error: pushing "no evidence" must never look like success. A link is an error too,
 * rather than silently left out or followed to whatever it points at.
 */
async function collectEvidenceFiles(fromDir, toPath) {
    const destination = toPath === '.' || toPath === '' ? '' : (0,evidence_paths/* checkEvidencePath */.RK)(toPath, 'to');
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
var decision_log = __webpack_require__(73624);
// EXTERNAL MODULE: ./src/evidence/errors.ts
var errors = __webpack_require__(17050);
// EXTERNAL MODULE: ./src/evidence/evidence-index.ts
var evidence_index = __webpack_require__(46153);
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
        path: (0,evidence_paths/* checkEvidencePath */.RK)(change.path, `files[${i}].path`),
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
    const factory = options.git ?? git_command_manager/* createGitCommandManager */.xX;
    const workdir = await (0,promises_.mkdtemp)(external_node_path_default().join(options.tempDir ?? external_node_os_default().tmpdir(), 'canary-evidence-'));
    try {
        const git = factory({ workingDirectory: workdir, remote, token: options.token, log });
        const identity = options.identity ?? push_loop/* DEFAULT_IDENTITY */.FK;
        const pushed = await (0,push_loop/* pushWithRetries */.bZ)({
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
                        throw new errors/* EvidencePushError */.mb('nothing to commit on a new branch', attempt);
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
        throw new errors/* EvidencePushError */.mb(`evidence: push to ${options.branch} was rejected ${maxAttempts} times (last: ${pushed.lastReason}); other jobs keep moving the branch, nothing was forced`, maxAttempts);
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
            const checked = (0,evidence_paths/* checkEvidencePath */.RK)(file, 'evidence_files');
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

;// CONCATENATED MODULE: ./src/stage-gate/evidence-target.ts

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
    const pushed = await pushEvidence({
        remote: target.remote,
        branch: plan.evidence.branch,
        files: changes,
        message: evidenceCommitMessage({
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


/***/ })

};
