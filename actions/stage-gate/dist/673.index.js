export const id = 673;
export const ids = [673,180];
export const modules = {

/***/ 2673:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   guardrailChart: () => (/* binding */ guardrailChart),
/* harmony export */   mermaidText: () => (/* binding */ mermaidText),
/* harmony export */   stageSummaryHtml: () => (/* binding */ stageSummaryHtml)
/* harmony export */ });
/* harmony import */ var _gate_metric_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8206);
/* harmony import */ var _gate_warroom_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4366);
/* harmony import */ var _stage_gate_views_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6180);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8770);




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
    const unit = (0,_gate_metric_names_js__WEBPACK_IMPORTED_MODULE_0__/* .unitOf */ .u)(config.metric, plan.metrics.queries[config.metric]) ?? '';
    return [
        '```mermaid',
        'xychart-beta',
        `    title "${mermaidText(`${guardrail}: ${config.metric}`)}"`,
        `    x-axis "seconds into the stage" [${samples.map((s) => `"${num(s.elapsed_s)}"`).join(', ')}]`,
        `    y-axis "${mermaidText(unit || config.metric)}" ${num(lo)} --> ${num(hi + pad)}`,
        ...series.map((s) => `    line [${fill(s.values)}]`),
        '```',
        '',
        `<sub>Lines in order: ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(series.map((s) => s.name).join(', '))}.</sub>`,
    ].join('\n');
}
function finite(v) {
    return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}
function sampleTable(plan, sample) {
    const row = (g) => {
        const unit = (0,_gate_metric_names_js__WEBPACK_IMPORTED_MODULE_0__/* .unitOf */ .u)(g.metric, plan.metrics.queries[g.metric]);
        return `<tr><td>${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(g.name)}</td><td>${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)((0,_stage_gate_views_js__WEBPACK_IMPORTED_MODULE_2__.formatValue)(g.values.canary, unit))}</td><td>${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(g.against === 'baseline' ? (0,_stage_gate_views_js__WEBPACK_IMPORTED_MODULE_2__.formatValue)(g.values.baseline, unit) : '—')}</td><td>${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)((0,_stage_gate_views_js__WEBPACK_IMPORTED_MODULE_2__.thresholdText)(g))}</td><td><b>${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)((0,_gate_warroom_js__WEBPACK_IMPORTED_MODULE_1__/* .statusWord */ .Hm)(g))}</b></td><td>${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(g.reason)}</td></tr>`;
    };
    return [
        `<details${sample.state === 'decided' ? ' open' : ''}><summary>Sample ${sample.index} at +${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(num(sample.elapsed_s))}s: <code>${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(sample.warroom)}</code></summary>`,
        '',
        '<table><tr><th>Guardrail</th><th>Canary</th><th>Baseline</th><th>Thresholds</th><th>Status</th><th>Why</th></tr>',
        ...sample.guardrails.map(row),
        '</table>',
        '</details>',
        '',
    ].join('\n');
}
function stageSummaryHtml(input) {
    const { plan, result } = input;
    const icon = result.decision === 'PROCEED' ? '✅' : result.decision === 'ROLLBACK' ? '🛑' : '⚠️';
    const parts = [
        `<h2>${icon} Stage ${input.stageNumber} ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(result.stage.name)}: ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(result.decision)}${input.dryRun ? ' (dry-run)' : ''}</h2>`,
        `<p>${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(plan.release.service)} v${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(input.version)}: ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(result.reason)}</p>`,
        '<table>',
        ...input.facts.map(([k, v]) => `<tr><th align="left">${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(k)}</th><td>${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(v)}</td></tr>`),
        '</table>',
        '',
        '<h3>Samples</h3>',
        '',
        ...result.samples.map((s) => sampleTable(plan, s)),
        '<h3>Canary against baseline</h3>',
        '',
    ];
    for (const g of result.guardrails) {
        const chart = guardrailChart(plan, g.name, result.samples);
        parts.push(chart ?? `<p>${(0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeHtml */ .Z)(g.name)}: no measured sample to draw.</p>`, '');
    }
    return parts.join('\n');
}


/***/ }),

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

/***/ 4366:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hm: () => (/* binding */ statusWord),
/* harmony export */   Yj: () => (/* binding */ warroomLine)
/* harmony export */ });
/* unused harmony export minuteMark */
/* harmony import */ var _metric_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8206);

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
    const passing = input.guardrails.filter((g) => g.status === 'pass').length;
    const others = input.guardrails.filter((g) => g.status !== 'pass').map((g) => `${g.name}=${statusWord(g)}`);
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
