export const id = 180;
export const ids = [180];
export const modules = {

/***/ 8206:
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

/***/ 6180:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   breaches: () => (/* binding */ breaches),
/* harmony export */   formatValue: () => (/* binding */ formatValue),
/* harmony export */   metricsSnapshot: () => (/* binding */ metricsSnapshot),
/* harmony export */   rolloutStageView: () => (/* binding */ rolloutStageView),
/* harmony export */   seriesOf: () => (/* binding */ seriesOf),
/* harmony export */   stageDecisionInput: () => (/* binding */ stageDecisionInput),
/* harmony export */   summaryStageView: () => (/* binding */ summaryStageView),
/* harmony export */   thresholdText: () => (/* binding */ thresholdText),
/* harmony export */   warroomView: () => (/* binding */ warroomView)
/* harmony export */ });
/* harmony import */ var _gate_metric_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8206);

/** A metric value with its unit, as people read it: `142ms`, `0.21%`, `0.0031`; `n/a` when unmeasured. */
function formatValue(value, unit) {
    if (value === null || value === undefined || !Number.isFinite(value))
        return 'n/a';
    const abs = Math.abs(value);
    const text = abs !== 0 && (abs >= 1e6 || abs < 1e-3) ? value.toExponential(3) : String(Number(value.toPrecision(4)));
    if (!unit)
        return text;
    return unit === '%' || unit === 'ms' || unit === 's' ? `${text}${unit}` : `${text} ${unit}`;
}
function unitFor(plan, metric) {
    return (0,_gate_metric_names_js__WEBPACK_IMPORTED_MODULE_0__/* .unitOf */ .u)(metric, plan.metrics.queries[metric]);
}
function thresholdText(g) {
    return g.thresholds.length ? g.thresholds.join('; ') : 'none';
}
function rolloutStageView(plan, version, stage, result, runUrl) {
    return {
        version,
        stage_number: stage.number,
        stage_name: stage.config.name,
        weight: stage.weight,
        decision: result.decision,
        reason: result.reason,
        ...(runUrl ? { run_url: runUrl } : {}),
        guardrails: result.guardrails.map((g) => {
            const unit = unitFor(plan, g.metric);
            return {
                name: g.name,
                status: g.status.toUpperCase(),
                canary: formatValue(g.values.canary, unit),
                ...(g.against === 'baseline' ? { baseline: formatValue(g.values.baseline, unit) } : {}),
                threshold: thresholdText(g),
                query: g.query.baseline ? `${g.query.canary} (baseline: ${g.query.baseline})` : g.query.canary,
            };
        }),
    };
}
function summaryStageView(version, stage, result, signoff, runUrl) {
    return {
        version,
        stage_number: stage.number,
        stage_name: stage.config.name,
        weight: stage.weight,
        started: result.started_at,
        ended: result.decided_at,
        evaluations: result.samples.length,
        passed: result.guardrails.filter((g) => g.status === 'pass').length,
        total: result.guardrails.length,
        decision: result.decision,
        reason: result.reason,
        ...(signoff ? { approver: signoff.approver, approval_comment: signoff.approval_comment } : {}),
        ...(runUrl ? { run_url: runUrl } : {}),
    };
}
/**
 * The engine's war-room line (`:MM:SS | Stage N (W%) | p95=142ms 5xx=0.2% | 4/4 PASS | IC: Proceed`) split into
 * the fields of warroom_log.txt.mustache, so the evidence holds exactly the line the log showed (the built-in
 * template re-joins them byte for byte). A line that does not have the engine's five parts is an error, not a
 * guess.
 */
function warroomView(version, stage, line) {
    const parts = line.split(' | ');
    if (parts.length !== 5)
        throw new Error(`war-room line does not have 5 parts: ${JSON.stringify(line)}`);
    const [minute, , metrics, verdictPart, ic] = parts;
    const verdict = /^(\d+)\/(\d+) (.+)$/.exec(verdictPart);
    if (!verdict || !ic.startsWith('IC: '))
        throw new Error(`war-room line is not in the engine's format: ${JSON.stringify(line)}`);
    return {
        version,
        minute,
        stage_number: stage.number,
        weight: stage.weight,
        metrics: metrics === 'no guardrails'
            ? []
            : metrics.split(' ').map((token) => {
                const eq = token.indexOf('=');
                return eq > 0
                    ? { name: token.slice(0, eq), value: token.slice(eq + 1) }
                    : { name: token, value: '' };
            }),
        passed: Number(verdict[1]),
        total: Number(verdict[2]),
        verdict: verdict[3],
        ic: ic.slice('IC: '.length),
    };
}
/** guardrail -> { canary, baseline, threshold, status } at the decision, for the decision record. */
function metricsSnapshot(result) {
    return Object.fromEntries(result.guardrails.map((g) => [
        g.name,
        {
            canary: finiteOrNull(g.values.canary),
            baseline: finiteOrNull(g.values.baseline),
            threshold: thresholdText(g),
            status: g.status.toUpperCase(),
            // Baseline comparisons: the test that decided, and the smallest regression the stage could have seen.
            ...(g.test ? { test: g.test } : {}),
            ...(g.power ? { min_detectable_pct: finiteOrNull(g.power.min_detectable_pct) } : {}),
        },
    ]));
}
function finiteOrNull(v) {
    return v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toPrecision(6));
}
/** Guardrails in breach at the decision (hard or soft), with the sentence that explains each. */
function breaches(result) {
    return result.guardrails.filter((g) => g.status === 'hard' || g.status === 'soft' || result.triggered_by.includes(g.name));
}
function stageDecisionInput(p) {
    const notes = [
        `${p.result.samples.length} samples from ${p.result.source}; ${p.result.holds} hold(s)`,
        p.result.triggered_by.length ? `triggered by ${p.result.triggered_by.join(', ')}` : '',
        p.trafficDetail ? `traffic: ${p.trafficDetail}` : '',
        p.trafficCut ? `traffic ${p.trafficCut}` : '',
        p.signoffNote ?? '',
    ].filter(Boolean);
    return {
        version: p.version,
        deployment_id: p.deploymentId,
        phase: `stage:${p.stage.config.name}`,
        decision: p.result.decision,
        reason: p.result.reason,
        approver: p.signoff?.approver ?? null,
        approval_comment: p.signoff?.approval_comment ?? null,
        start_timestamp: p.result.started_at,
        traffic_share: p.stage.config.traffic,
        metrics_snapshot: metricsSnapshot(p.result),
        notes: notes.join('; '),
        run_url: p.runUrl ?? null,
        evidence_files: p.evidenceFiles,
    };
}
/** Samples in time order with the value of one guardrail at each (for charts and tables). */
function seriesOf(samples, guardrail) {
    return samples.map((s) => {
        const g = s.guardrails.find((x) => x.name === guardrail);
        return {
            elapsed_s: s.elapsed_s,
            canary: finiteOrNull(g?.values.canary),
            baseline: finiteOrNull(g?.values.baseline),
        };
    });
}


/***/ })

};
