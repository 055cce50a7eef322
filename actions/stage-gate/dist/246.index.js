export const id = 246;
export const ids = [246];
export const modules = {

/***/ 45246:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runStageMode: () => (/* binding */ runStageMode)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(88179);
// EXTERNAL MODULE: ./src/config/index.ts + 8 modules
var src_config = __webpack_require__(96319);
// EXTERNAL MODULE: ./src/platform/clock.ts
var platform_clock = __webpack_require__(53037);
// EXTERNAL MODULE: ./src/metrics/registry.ts + 7 modules
var registry = __webpack_require__(25581);
// EXTERNAL MODULE: ./src/evidence/decision-log.ts
var decision_log = __webpack_require__(73624);
// EXTERNAL MODULE: ./src/evidence/release-clock.ts
var release_clock = __webpack_require__(63731);
// EXTERNAL MODULE: ./src/evidence/paths.ts
var paths = __webpack_require__(80161);
;// CONCATENATED MODULE: ./src/evidence/record-decision.ts



/**
 * The decision log as a change for pushEvidence: the record is appended to whatever the branch holds when the
 * push is (re)tried, so concurrent jobs extend one chain instead of overwriting each other. After GA the update
 * throws EvidenceSealedError and pushEvidence pushes nothing.
 *
 * Each file the record names gets its sha256 as the push commits it, so list this change after the changes
 * that write those files.
 */
function decisionLogChange(file, input, clock) {
    const checked = (0,paths/* checkEvidencePath */.RK)(file, 'evidence.decisions');
    return {
        path: checked,
        kind: 'decision-log',
        update: (current, workspace) => (0,decision_log/* appendDecision */.rc)(current, workspace ? withDigests(input, workspace) : input, clock, checked),
    };
}
/** The input with every named evidence file as `{path, sha256}`; a file that is not there is an error. */
function withDigests(input, workspace) {
    const files = (input.evidence_files ?? []).map((named, i) => {
        const file = typeof named === 'string' ? named : named.path;
        const sha256 = workspace.digestOf(file);
        if (sha256 === null)
            throw new src_config/* ConfigurationError */.j1(`decision.evidence_files[${i}]: ${file} is neither written by this push nor on the evidence branch; a record names only files it can vouch for`);
        if (typeof named !== 'string' && named.sha256 !== sha256)
            throw new src_config/* ConfigurationError */.j1(`decision.evidence_files[${i}]: ${file} has sha256 ${sha256}, not the ${named.sha256} given`);
        return { path: file, sha256 };
    });
    return { ...input, evidence_files: files };
}

// EXTERNAL MODULE: ./src/evidence/render.ts
var render = __webpack_require__(13605);
// EXTERNAL MODULE: ./src/evidence/stage-files.ts
var stage_files = __webpack_require__(23257);
// EXTERNAL MODULE: ./src/gate/metric-names.ts
var metric_names = __webpack_require__(38206);
// EXTERNAL MODULE: ./src/gate/warroom.ts
var warroom = __webpack_require__(4366);
;// CONCATENATED MODULE: ./src/evidence/stage-views.ts


/**
 * A guardrail's status at the stage's decision in the war-room's words (PASS, PENDING, PASS-UNMET, SUSPECT, SOFT,
 * HARD, NO-DATA...). The summary has no `pending`, so the word comes from the deciding sample when it has the
 * guardrail: an engine `within` there is either a breach waiting for its `for` or a pass not met yet.
 */
function decisionStatusWord(result, g) {
    const atDecision = result.samples.at(-1)?.guardrails.find((x) => x.name === g.name);
    return (0,warroom/* statusWord */.Hm)(atDecision ?? g);
}
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
    return (0,metric_names/* unitOf */.u)(metric, plan.metrics.queries[metric]);
}
function thresholdText(g) {
    return g.thresholds.length ? g.thresholds.join('; ') : 'none';
}
/** The stage every view names first. */
function stageHeading(version, stage) {
    return { version, stage_number: stage.number, stage_name: stage.config.name, weight: stage.weight };
}
function rolloutStageView(plan, version, stage, result, runUrl) {
    return {
        ...stageHeading(version, stage),
        decision: result.decision,
        reason: result.reason,
        ...(runUrl ? { run_url: runUrl } : {}),
        guardrails: result.guardrails.map((g) => {
            const unit = unitFor(plan, g.metric);
            return {
                name: g.name,
                status: decisionStatusWord(result, g),
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
        ...stageHeading(version, stage),
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
            status: decisionStatusWord(result, g),
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

// EXTERNAL MODULE: ./src/evidence/timeline.ts
var timeline = __webpack_require__(83678);
;// CONCATENATED MODULE: ./src/evidence/step-evidence.ts






function buildStepEvidence(step, options) {
    switch (step.kind) {
        case 'stage':
            return stageStepEvidence(step, options);
    }
}
function stageStepEvidence(step, options) {
    const { plan, version, stage, result } = step;
    const dir = (0,paths/* evidenceDir */.XG)(plan, version);
    const clock = { now: () => options.now };
    const renderOptions = { clock, templates: options.templates, dir };
    const rollout = (0,render/* renderEvidence */.oP)('rollout_stage', rolloutStageView(plan, version, stage, result, step.runUrl), renderOptions);
    const summary = (0,render/* renderEvidence */.oP)('summary_stage', summaryStageView(version, stage, result, step.signoff, step.runUrl), renderOptions);
    const warroomLines = result.samples.map((s) => (0,render/* renderEvidence */.oP)('warroom_log', warroomView(version, stage, s.warroom), renderOptions));
    const stageJson = `${dir}/${(0,stage_files/* stageResultFileName */.J)(result, step.attempt)}`;
    const files = [
        rollout.path,
        summary.path,
        stageJson,
        ...(warroomLines.length ? [warroomLines[0].path] : []),
    ];
    const changes = [
        { path: rollout.path, content: rollout.content },
        { path: summary.path, content: summary.content },
        { path: stageJson, content: `${JSON.stringify(result, null, 2)}\n` },
    ];
    if (warroomLines.length)
        changes.push({
            path: warroomLines[0].path,
            content: warroomLines.map((w) => w.content).join(''),
            mode: 'append',
        });
    changes.push((0,timeline/* timelineChange */.W)({
        version,
        at: new Date(result.started_at),
        lines: [`Stage: ${stage.number} (${stage.weight}%) ${stage.config.name}: ${result.decision}`],
        ...(step.runUrl ? { runUrl: step.runUrl } : {}),
    }, { templates: options.templates, dir }));
    const decisionLog = (0,paths/* decisionLogPath */.UL)(plan, version, step.deploymentId);
    changes.push(decisionLogChange(decisionLog, stageDecisionInput({
        version,
        deploymentId: step.deploymentId,
        stage,
        result,
        signoff: step.signoff,
        ...(step.signoffNote !== undefined ? { signoffNote: step.signoffNote } : {}),
        ...(step.runUrl ? { runUrl: step.runUrl } : {}),
        evidenceFiles: files,
        ...(step.trafficDetail !== undefined ? { trafficDetail: step.trafficDetail } : {}),
        ...(step.trafficCut !== undefined ? { trafficCut: step.trafficCut } : {}),
    }), clock));
    return { changes, files, decisionLog };
}

// EXTERNAL MODULE: ./node_modules/simple-statistics/dist/simple-statistics.mjs
var simple_statistics = __webpack_require__(15521);
;// CONCATENATED MODULE: ./src/gate/judge/distributions.ts

/**
 * Tail probabilities the judge needs, built on simple-statistics' special functions.
 *
 * simple-statistics' `cumulativeStdNormalProbability` reads a 4-digit table (z in steps of 0.01), too coarse for
 * the small per-look alphas of a sequential test, so the normal tail is taken from its `errorFunction` (a
 * Chebyshev fit with relative error below 1.2e-7, good far into the tail) and its `probit` is polished by Newton
 * steps on that tail.
 */
/** P(Z >= z) for a standard normal Z. */
function normalUpperTail(z) {
    if (Number.isNaN(z))
        return Number.NaN;
    if (z === Infinity)
        return 0;
    if (z === -Infinity)
        return 1;
    // errorFunction(x) = 1 - tau for x >= 0 with tau fitted directly, so 0.5 * (1 - erf) keeps its relative precision.
    if (z >= 0)
        return 0.5 * (1 - (0,simple_statistics/* errorFunction */.T7)(z / Math.SQRT2));
    return 1 - 0.5 * (1 - (0,simple_statistics/* errorFunction */.T7)(-z / Math.SQRT2));
}
/** The z with P(Z >= z) = p. */
function normalUpperQuantile(p) {
    if (!(p > 0 && p < 1))
        throw new RangeError(`normalUpperQuantile: p must be in (0, 1), got ${p}`);
    let z = (0,simple_statistics/* probit */.ht)(1 - p);
    // probit uses Winitzki's closed form (about 3 significant digits); Newton on the accurate tail fixes that.
    for (let i = 0; i < 4; i++) {
        const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        if (density === 0)
            break;
        z += (normalUpperTail(z) - p) / density;
    }
    return z;
}
/** Continued fraction for the regularized incomplete beta (modified Lentz). */
function betaContinuedFraction(a, b, x) {
    const tiny = 1e-300;
    let c = 1;
    let d = 1 - ((a + b) * x) / (a + 1);
    if (Math.abs(d) < tiny)
        d = tiny;
    d = 1 / d;
    let h = d;
    for (let m = 1; m <= 300; m++) {
        const m2 = 2 * m;
        let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
        d = 1 + aa * d;
        if (Math.abs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
        d = 1 + aa * d;
        if (Math.abs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const delta = d * c;
        h *= delta;
        if (Math.abs(delta - 1) < 1e-14)
            break;
    }
    return h;
}
/** I_x(a, b), the regularized incomplete beta function. */
function regularizedBeta(x, a, b) {
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const logFront = (0,simple_statistics/* gammaln */.SW)(a + b) - (0,simple_statistics/* gammaln */.SW)(a) - (0,simple_statistics/* gammaln */.SW)(b) + a * Math.log(x) + b * Math.log(1 - x);
    const front = Math.exp(logFront);
    if (x < (a + 1) / (a + b + 2))
        return (front * betaContinuedFraction(a, b, x)) / a;
    return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}
/** P(T >= t) for Student's t with `df` degrees of freedom (df may be fractional, as Welch's is). */
function studentUpperTail(t, df) {
    if (Number.isNaN(t) || !(df > 0))
        return Number.NaN;
    if (t === Infinity)
        return 0;
    if (t === -Infinity)
        return 1;
    const x = df / (df + t * t);
    const bothTails = regularizedBeta(x, df / 2, 0.5);
    return t >= 0 ? bothTails / 2 : 1 - bothTails / 2;
}
/** log C(n, k). */
function logChoose(n, k) {
    if (k < 0 || k > n)
        return -Infinity;
    if (k === 0 || k === n)
        return 0;
    return (0,simple_statistics/* gammaln */.SW)(n + 1) - (0,simple_statistics/* gammaln */.SW)(k + 1) - (0,simple_statistics/* gammaln */.SW)(n - k + 1);
}
/**
 * P(X >= k) for X ~ Binomial(n, p), summed exactly in log space. Through the identity with the incomplete beta,
 * P(X >= k) = I_p(k, n - k + 1), which stays accurate for the large n of busy services.
 */
function binomialUpperTail(k, n, p) {
    if (k <= 0)
        return 1;
    if (k > n)
        return 0;
    if (p <= 0)
        return 0;
    if (p >= 1)
        return 1;
    return regularizedBeta(p, k, n - k + 1);
}

;// CONCATENATED MODULE: ./src/gate/judge/counts.ts

/** P-value for "r_c > ratio * r_b" (null: r_c <= ratio * r_b). */
function rateRatioGreater(counts, ratio) {
    const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
    const events = xc + xb;
    if (events === 0 || xc === 0)
        return 1;
    const share = (ratio * tc) / (ratio * tc + tb);
    return binomialUpperTail(xc, events, share);
}
/** P-value for "r_c < ratio * r_b" (null: r_c >= ratio * r_b). */
function rateRatioLess(counts, ratio) {
    const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
    const events = xc + xb;
    if (events === 0 || xc === events)
        return 1;
    if (ratio <= 0)
        return 1;
    const share = (ratio * tc) / (ratio * tc + tb);
    return 1 - binomialUpperTail(xc + 1, events, share);
}
/**
 * P-value for "r_c - r_b > delta" (rates per unit of traffic). There is no exact conditional test for a
 * difference, so this is a score-style z-test with the variance evaluated on the null boundary
 * (r_c = r_b + delta, r_b from the pooled counts): approximate when both tracks saw only a few events.
 */
function rateDifferenceGreater(counts, delta) {
    const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
    const observed = xc / tc - xb / tb;
    const baseRate = Math.max(0, (xc + xb - delta * tc) / (tc + tb));
    const variance = (baseRate + delta) / tc + baseRate / tb;
    if (variance <= 0)
        return observed > delta ? 0 : 1;
    return normalUpperTail((observed - delta) / Math.sqrt(variance));
}
/**
 * One-sided upper confidence bound for a rate from `events` in `total` (Clopper-Pearson, by bisection on the
 * binomial tail). With 0 events this is the "rule of three" bound that says how much traffic 0 errors rests on.
 */
function rateUpperBound(events, total, confidence) {
    if (total <= 0)
        return 1;
    const n = Math.max(Math.round(total), events, 1);
    if (events >= n)
        return 1;
    const alpha = 1 - confidence;
    // P(X <= events | p) = 1 - I_p(events + 1, n - events) falls with p; find where it equals alpha.
    let lo = events / n;
    let hi = 1;
    for (let i = 0; i < 100; i++) {
        const mid = (lo + hi) / 2;
        const lowerTail = 1 - regularizedBeta(mid, events + 1, n - events);
        if (lowerTail > alpha)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

;// CONCATENATED MODULE: ./src/gate/judge/mann-whitney.ts


/**
 * Mann-Whitney U (Wilcoxon rank-sum) for two independent samples, the Hodges-Lehmann shift estimate with its
 * distribution-free confidence interval, and a Kayenta-style classifier built on them.
 *
 * U counts the pairs (x_i, y_j) with x_i > y_j (a tie counts one half). Without ties, and while C(m+n, m) < 2^53
 * (up to 28 values on each side), the p-value comes from the exact null distribution; otherwise from the normal
 * approximation with the tie-corrected variance and a continuity correction of 1/2.
 */
/** Exact counts stay exact integers in doubles while C(m+n, m) < 2^53 (m = n = 28 at most). */
const EXACT_MAX_LOG_COUNT = 53 * Math.LN2;
function exactApplies(m, n, pooledSorted) {
    return !hasTies(pooledSorted) && logChoose(m + n, m) < EXACT_MAX_LOG_COUNT;
}
/** Exact null distribution of U for sizes (m, n) without ties, as probabilities indexed by U = 0..m*n. */
const exactCache = new Map();
function exactDistribution(m, n) {
    const key = m <= n ? `${m},${n}` : `${n},${m}`;
    const cached = exactCache.get(key);
    if (cached)
        return cached;
    const small = Math.min(m, n);
    const large = Math.max(m, n);
    const size = small * large;
    // The counts are the coefficients of the Gaussian binomial [m+n choose m]_q = prod_i (1 - q^(large+i)) / (1 - q^i).
    // Each partial product is itself a polynomial with non-negative integer coefficients (a smaller Gaussian
    // binomial), so the transient negatives of a multiply step cancel exactly for counts below 2^53.
    const counts = new Float64Array(size + 1);
    counts[0] = 1;
    for (let i = 1; i <= small; i++) {
        const up = large + i;
        for (let u = size; u >= up; u--)
            counts[u] = counts[u] - counts[u - up];
        for (let u = i; u <= size; u++)
            counts[u] = counts[u] + counts[u - i];
    }
    let total = 0;
    for (let u = 0; u <= size; u++)
        total += counts[u];
    for (let u = 0; u <= size; u++)
        counts[u] = counts[u] / total;
    exactCache.set(key, counts);
    return counts;
}
function hasTies(sortedValues) {
    for (let i = 1; i < sortedValues.length; i++)
        if (sortedValues[i] === sortedValues[i - 1])
            return true;
    return false;
}
/** Sum of (t^3 - t) over groups of tied values in the pooled sample, for the tie-corrected variance. */
function tieTerm(sortedValues) {
    let term = 0;
    let run = 1;
    for (let i = 1; i <= sortedValues.length; i++) {
        if (i < sortedValues.length && sortedValues[i] === sortedValues[i - 1])
            run++;
        else {
            if (run > 1)
                term += run * run * run - run;
            run = 1;
        }
    }
    return term;
}
/** Variance of U under the null, corrected for ties. */
function uVariance(m, n, ties) {
    const total = m + n;
    return ((m * n) / 12) * (total + 1 - ties / (total * (total - 1)));
}
/** One-sided Mann-Whitney test of "x is stochastically larger than y". */
function mannWhitneyGreater(x, y) {
    if (x.length === 0 || y.length === 0)
        throw new RangeError('mannWhitneyGreater: both samples need values');
    const m = x.length;
    const n = y.length;
    const u = (0,simple_statistics/* wilcoxonRankSum */.Lm)(x, y) - (m * (m + 1)) / 2;
    const pooled = [...x, ...y].sort((a, b) => a - b);
    if (exactApplies(m, n, pooled)) {
        const dist = exactDistribution(m, n);
        let tail = 0;
        for (let k = Math.round(u); k <= m * n; k++)
            tail += dist[k];
        return { u, pValue: Math.min(1, tail), method: 'exact' };
    }
    const variance = uVariance(m, n, tieTerm(pooled));
    if (variance <= 0)
        return { u, pValue: 1, method: 'normal' };
    const z = (u - (m * n) / 2 - 0.5) / Math.sqrt(variance);
    return { u, pValue: normalUpperTail(z), method: 'normal' };
}
/**
 * Hodges-Lehmann shift of x over y and its two-sided confidence interval (Moses): the k-th smallest and k-th
 * largest pairwise differences, k taken from the exact U distribution or its tie-corrected normal approximation.
 */
function hodgesLehmann(x, y, confidence) {
    if (x.length === 0 || y.length === 0)
        throw new RangeError('hodgesLehmann: both samples need values');
    const m = x.length;
    const n = y.length;
    const diffs = [];
    for (const xi of x)
        for (const yj of y)
            diffs.push(xi - yj);
    diffs.sort((a, b) => a - b);
    const count = diffs.length;
    const mid = Math.floor(count / 2);
    const estimate = count % 2 === 1 ? diffs[mid] : (diffs[mid - 1] + diffs[mid]) / 2;
    const alphaHalf = (1 - confidence) / 2;
    const pooled = [...x, ...y].sort((a, b) => a - b);
    let k;
    if (exactApplies(m, n, pooled)) {
        // k = the lower alpha/2 quantile of U: P(U < k) <= alpha/2 < P(U <= k).
        const dist = exactDistribution(m, n);
        let cumulative = 0;
        k = 0;
        while (k <= count && cumulative + dist[k] <= alphaHalf)
            cumulative += dist[k++];
    }
    else {
        const sd = Math.sqrt(uVariance(m, n, tieTerm(pooled)));
        k = Math.floor(count / 2 - normalUpperQuantile(alphaHalf) * sd);
    }
    // With too few values for the requested confidence the interval is the whole range of differences.
    const index = Math.min(Math.max(k, 1), mid + 1);
    return { estimate, lower: diffs[index - 1], upper: diffs[count - index] };
}
/**
 * Kayenta's MannWhitneyClassifier rule, for comparison benchmarks and for users who want its semantics:
 * High when the interval's lower end exceeds tolerance * |HL estimate| and the mean ratio is at least
 * allowedIncrease; Low symmetrically. Identical or single-valued data pass; empty data is Nodata.
 */
function kayentaClassify(canary, baseline, options) {
    const confidence = options.confidence ?? 0.98;
    const tolerance = options.tolerance ?? 0.25;
    const allowedIncrease = options.allowedIncrease ?? 1;
    const allowedDecrease = options.allowedDecrease ?? 1;
    if (canary.length === 0 || baseline.length === 0)
        return { classification: 'Nodata', meanRatio: 1, interval: null };
    const sortedC = [...canary].sort((a, b) => a - b);
    const sortedB = [...baseline].sort((a, b) => a - b);
    const identical = sortedC.length === sortedB.length && sortedC.every((v, i) => v === sortedB[i]);
    const distinct = new Set([...canary, ...baseline]).size;
    if (identical || distinct === 1)
        return { classification: 'Pass', meanRatio: 1, interval: null };
    const baselineMean = mean(baseline);
    const meanRatio = baselineMean === 0 ? 1 : mean(canary) / baselineMean;
    const interval = hodgesLehmann(canary, baseline, confidence);
    const critical = tolerance * Math.abs(interval.estimate);
    const high = options.direction !== 'decrease' && interval.lower > critical && meanRatio >= allowedIncrease;
    const low = options.direction !== 'increase' && interval.upper < -critical && meanRatio <= allowedDecrease;
    return { classification: high ? 'High' : low ? 'Low' : 'Pass', meanRatio, interval };
}

;// CONCATENATED MODULE: ./src/gate/judge/paired.ts


/** Signed-rank null distribution for n values without ties, as probabilities of W+ = 0..n(n+1)/2. */
const signedRankCache = new Map();
/** Exact up to this many non-zero differences: 2^n subsets, probabilities halved per step, no overflow. */
const SIGNED_RANK_EXACT_MAX = 50;
function signedRankDistribution(n) {
    const cached = signedRankCache.get(n);
    if (cached)
        return cached;
    const max = (n * (n + 1)) / 2;
    let dist = new Float64Array(max + 1);
    dist[0] = 1;
    // Each rank r joins W+ with probability 1/2: dist'(w) = (dist(w) + dist(w - r)) / 2.
    for (let r = 1; r <= n; r++) {
        const next = new Float64Array(max + 1);
        for (let w = 0; w <= max; w++) {
            next[w] = (dist[w] + (w >= r ? dist[w - r] : 0)) / 2;
        }
        dist = next;
    }
    signedRankCache.set(n, dist);
    return dist;
}
/** Average ranks of |values| (ties share their mean rank) and the tie term sum(t^3 - t). */
function absoluteRanks(values) {
    const order = values.map((v, i) => ({ a: Math.abs(v), i })).sort((x, y) => x.a - y.a);
    const ranks = new Array(values.length);
    let ties = 0;
    for (let start = 0; start < order.length;) {
        let end = start + 1;
        while (end < order.length && order[end].a === order[start].a)
            end++;
        const rank = (start + 1 + end) / 2;
        for (let k = start; k < end; k++)
            ranks[order[k].i] = rank;
        const t = end - start;
        if (t > 1)
            ties += t * t * t - t;
        start = end;
    }
    return { ranks, ties };
}
/**
 * Wilcoxon signed-rank test of "d is centred above 0". Zero differences carry no sign and are dropped
 * (Wilcoxon's convention). Exact without ties up to 50 values; otherwise the normal approximation with the
 * tie-corrected variance and a continuity correction of 1/2.
 */
function signedRankGreater(d) {
    const nonZero = d.filter((v) => v !== 0);
    const n = nonZero.length;
    if (n === 0)
        return { pValue: 1, method: 'signed-rank' };
    const { ranks, ties } = absoluteRanks(nonZero);
    let wPlus = 0;
    nonZero.forEach((v, i) => {
        if (v > 0)
            wPlus += ranks[i];
    });
    if (ties === 0 && n <= SIGNED_RANK_EXACT_MAX) {
        const dist = signedRankDistribution(n);
        let tail = 0;
        for (let w = Math.round(wPlus); w < dist.length; w++)
            tail += dist[w];
        return { pValue: Math.min(1, tail), method: 'signed-rank (exact)' };
    }
    const expected = (n * (n + 1)) / 4;
    const variance = (n * (n + 1) * (2 * n + 1)) / 24 - ties / 48;
    if (variance <= 0)
        return { pValue: 1, method: 'signed-rank (normal)' };
    return {
        pValue: normalUpperTail((wPlus - expected - 0.5) / Math.sqrt(variance)),
        method: 'signed-rank (normal)',
    };
}
/**
 * Values trimmed from each end for n differences: none below 6, then one (up to 14), then n / 10 rounded (2 of 15,
 * 3 of 30). One spike on either track in a short stage (8 intervals of 2 minutes) would otherwise own the
 * variance: at a 3% spike rate, 4 stages in 10 have one, and with it a +50% regression hid 1 time in 5
 * (bench/gate-accuracy.ts); trimming one from each end costs two degrees of freedom and brings that to 1 in 25.
 * An intermittent regression on 70% of intervals keeps nearly all of its weight.
 */
function defaultTrimCount(n) {
    return n < 6 ? 0 : Math.max(1, Math.round(n / 10));
}
/**
 * Trimmed one-sample t (Tukey-McLaughlin): drop the `trim` lowest and highest differences, test the trimmed mean
 * with the winsorized variance on h - 1 degrees of freedom (h values kept). Trimming keeps the t-test's sense of
 * magnitude (seven intervals at 2x are far more than an allowed +10%, where ranks only see "above") while a
 * spike no longer inflates the variance. With nothing trimmed this is the paired t-test.
 */
function trimmedTGreater(d, trim = defaultTrimCount(d.length)) {
    const n = d.length;
    if (n < 2)
        throw new RangeError('trimmedTGreater: needs at least 2 differences');
    if (!Number.isInteger(trim) || trim < 0 || n - 2 * trim < 2) {
        throw new RangeError(`trimmedTGreater: trim must be an integer leaving at least 2 of ${n} values, got ${trim}`);
    }
    const g = trim;
    const sorted = [...d].sort((a, b) => a - b);
    const kept = sorted.slice(g, n - g);
    const h = kept.length;
    const method = g === 0 ? 'paired t' : `paired t trimmed ${g}+${g}`;
    const winsorized = sorted.map((v, i) => (i < g ? sorted[g] : i >= n - g ? sorted[n - g - 1] : v));
    const sw2 = (0,simple_statistics/* sampleVariance */.y4)(winsorized);
    const centre = (0,simple_statistics/* mean */.RE)(kept);
    if (sw2 === 0) {
        // Every difference equal after winsorizing: no noise to weigh the centre against, so it is taken as measured.
        return { pValue: centre > 0 ? 0 : 1, method };
    }
    const t = ((h / n) * Math.sqrt(n) * centre) / Math.sqrt(sw2);
    return { pValue: studentUpperTail(t, h - 1), method };
}
/**
 * Ratio of means for non-negative series with zeros (error counts per interval, queue drops): is the canary's
 * mean more than `ratio` times the baseline's? The differences d_i = canary_i - ratio * baseline_i have mean
 * mu_c - ratio * mu_b, so their mean tests the ratio of the means, not the value-by-value shift a log ratio or a
 * shifted baseline would (with zeros those answer "non-zero more often", not "more than ratio times as much").
 * d is skewed (rare large baseline values enter as large negatives), where the plain t is anti-conservative on the
 * upper tail, so the statistic carries Johnson's (1978) skewness correction; nothing is trimmed, because trimming
 * moves the centre of a skewed distribution away from its mean. Whether the data support this test at all
 * (enough non-zero values on each track) is the caller's question: see zeroHeavySupport in index.ts.
 */
function ratioOfMeansGreater(canary, baseline, ratio) {
    const d = canary.map((c, i) => c - ratio * baseline[i]);
    const n = d.length;
    if (n < 2)
        throw new RangeError('ratioOfMeansGreater: needs at least 2 intervals');
    const m = (0,simple_statistics/* mean */.RE)(d);
    const s2 = (0,simple_statistics/* sampleVariance */.y4)(d);
    const method = 'ratio of means (Johnson t)';
    if (s2 === 0)
        return { pValue: m > 0 ? 0 : 1, method };
    const mu3 = d.reduce((acc, v) => acc + (v - m) ** 3, 0) / n;
    const corrected = m + mu3 / (6 * s2 * n) + (mu3 / (3 * s2 * s2)) * m * m;
    const t = corrected / Math.sqrt(s2 / n);
    return { pValue: studentUpperTail(t, n - 1), method };
}

;// CONCATENATED MODULE: ./src/gate/judge/sequential.ts
/**
 * Alpha for one look of a sequentially monitored comparison.
 *
 * The engine judges a stage once per interval. Testing every look at the full alpha would multiply false
 * rollbacks (seven looks at 2% each approach 10%). The budget alpha = 1 - confidence is split instead, and the
 * union bound guarantees that the chance of any false breach over all looks stays at most alpha whatever the
 * correlation between looks (a Haybittle-Peto style design, conservative because cumulative looks are
 * positively correlated). Every share is a function of the look's number alone, never of the data, which is what
 * the union bound needs:
 *   - INTERIM_SHARE of alpha is spread evenly over the planned looks before the last, so only overwhelming
 *     evidence stops a stage early;
 *   - FINAL_SHARE goes to the planned last look;
 *   - OVERTIME_SHARE goes to the looks the stage's holds may add past the plan (a window that ends leaning
 *     toward a breach is held for more evidence, docs/gate.md): most of it at the end of each hold, where a
 *     held stage decides with two or three times the data, and a little at every look in between, so a
 *     regression that becomes overwhelming during a hold still stops it early.
 * A stage that cannot hold (max_holds: 0) gives the overtime share to its last look.
 */
const INTERIM_SHARE = 0.1;
const FINAL_SHARE = 0.7;
const OVERTIME_SHARE = 1 - INTERIM_SHARE - FINAL_SHARE;
/** The part of the overtime share that goes to the end of each hold; the rest is spread over every overtime look. */
const HOLD_END_SHARE = 0.8;
function overtimeLooks(look) {
    const o = look.overtime;
    return o ? o.perHold * o.holds : 0;
}
function checkLook(look) {
    const { index, planned, overtime } = look;
    if (!Number.isInteger(index) || index < 1) {
        throw new RangeError(`spec.look.index: expected an integer >= 1, got ${String(index)}`);
    }
    if (!Number.isInteger(planned) || planned < 1) {
        throw new RangeError(`spec.look.planned: expected an integer >= 1, got ${String(planned)}`);
    }
    if (overtime !== undefined) {
        for (const key of ['perHold', 'holds']) {
            const v = overtime[key];
            if (!Number.isInteger(v) || v < 0) {
                throw new RangeError(`spec.look.overtime.${key}: expected an integer >= 0, got ${String(v)}`);
            }
        }
    }
}
function lookAlpha(alpha, look) {
    if (!look)
        return alpha;
    checkLook(look);
    const { index, planned } = look;
    const extra = overtimeLooks(look);
    if (index > planned) {
        const j = index - planned;
        // Past every look the holds allow (a stage extended by unmeasured samples as well): nothing left to spend.
        if (j > extra)
            return 0;
        const { perHold, holds } = look.overtime;
        const spread = ((1 - HOLD_END_SHARE) * OVERTIME_SHARE * alpha) / extra;
        const atHoldEnd = j % perHold === 0 ? (HOLD_END_SHARE * OVERTIME_SHARE * alpha) / holds : 0;
        return spread + atHoldEnd;
    }
    const last = FINAL_SHARE + (extra === 0 ? OVERTIME_SHARE : 0);
    if (planned === 1)
        return (INTERIM_SHARE + last) * alpha;
    if (index === planned)
        return last * alpha;
    return (INTERIM_SHARE * alpha) / (planned - 1);
}
/**
 * The look at which the stage would next decide at a full share: the planned last look, or past the plan the end
 * of the hold in progress. Power figures are given at its level ("if the window ended there").
 */
function decisiveLook(look) {
    const { index, planned } = look;
    if (index <= planned)
        return { ...look, index: planned };
    const perHold = look.overtime?.perHold ?? 0;
    if (perHold === 0 || index - planned > overtimeLooks(look))
        return look;
    return { ...look, index: planned + Math.ceil((index - planned) / perHold) * perHold };
}

;// CONCATENATED MODULE: ./src/gate/judge/power.ts



/**
 * Minimum detectable effect: the smallest true change the judge would call a breach with POWER probability, given
 * the noise (series) or the traffic (counts) seen so far. It is computed at the level of the stage's final look
 * (or, past the plan, of the end of the hold in progress), so it answers "if the window ended now, how large a
 * regression could it have seen?". A normal approximation on the log scale: a figure to read, not a verdict.
 */
const POWER = 0.8;
function levelAt(confidence, look, direction) {
    const alpha = Number((1 - confidence).toPrecision(12));
    return lookAlpha(alpha, look ? decisiveLook(look) : undefined) / (direction === 'both' ? 2 : 1);
}
function studentUpperQuantile(p, df) {
    let lo = 0;
    let hi = 1;
    while (studentUpperTail(hi, df) > p && hi < 1e6)
        hi *= 2;
    for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (studentUpperTail(mid, df) > p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}
/** Signed percent: positive for an increase, negative for a decrease. */
function fromRatio(ratio) {
    return (ratio - 1) * 100;
}
/** Paired series: the spread of the per-interval log ratios (or differences, relative to the baseline mean). */
function seriesMinDetectablePct(canary, baseline, allowedPct, direction, confidence, look, logScale) {
    const n = canary.length;
    if (n < 3 || baseline.length !== n)
        return null;
    const alpha = levelAt(confidence, look, direction);
    // Past every look the stage may take there is no level left: nothing could be detected any more.
    if (alpha <= 0)
        return null;
    const z = studentUpperQuantile(alpha, n - 1) + normalUpperQuantile(1 - POWER);
    const up = direction !== 'decrease';
    const fraction = allowedPct / 100;
    if (logScale) {
        const d = canary.map((c, i) => Math.log(c) - Math.log(baseline[i]));
        const se = (0,simple_statistics/* sampleStandardDeviation */.JK)(d) / Math.sqrt(n);
        if (up)
            return fromRatio((1 + fraction) * Math.exp(z * se));
        return fraction >= 1 ? null : fromRatio((1 - fraction) * Math.exp(-z * se));
    }
    const level = Math.abs((0,simple_statistics/* mean */.RE)(baseline));
    if (level === 0)
        return null;
    const d = canary.map((c, i) => c - baseline[i]);
    const rel = (z * (0,simple_statistics/* sampleStandardDeviation */.JK)(d)) / Math.sqrt(n) / level;
    return up ? (fraction + rel) * 100 : fraction + rel >= 1 ? null : -(fraction + rel) * 100;
}
/** Counts: the log rate ratio's spread is sqrt(1/canary events + 1/baseline events) at the pooled rate. */
function countsMinDetectablePct(counts, allowedPct, direction, confidence, look) {
    const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
    if (!(tc > 0 && tb > 0) || xc + xb === 0)
        return null;
    const alpha = levelAt(confidence, look, direction);
    if (alpha <= 0)
        return null;
    const rate = (xc + xb) / (tc + tb);
    const z = normalUpperQuantile(alpha) + normalUpperQuantile(1 - POWER);
    const fraction = allowedPct / 100;
    const up = direction !== 'decrease';
    if (!up && fraction >= 1)
        return null;
    const allowed = up ? 1 + fraction : 1 - fraction;
    // The canary's expected events depend on the ratio itself, so iterate to the fixed point (it converges fast).
    let ratio = allowed;
    for (let i = 0; i < 60; i++) {
        const se = Math.sqrt(1 / (rate * ratio * tc) + 1 / (rate * tb));
        const next = allowed * Math.exp((up ? 1 : -1) * z * se);
        if (!Number.isFinite(next))
            return null;
        if (Math.abs(next - ratio) < 1e-9 * ratio) {
            ratio = next;
            break;
        }
        ratio = next;
    }
    return fromRatio(ratio);
}

;// CONCATENATED MODULE: ./src/gate/judge/welch.ts


function welchGreater(x, y, margin) {
    if (x.length < 2 || y.length < 2)
        throw new RangeError('welchGreater: each sample needs at least 2 values');
    const diff = (0,simple_statistics/* mean */.RE)(x) - (0,simple_statistics/* mean */.RE)(y) - margin;
    const vx = (0,simple_statistics/* sampleVariance */.y4)(x) / x.length;
    const vy = (0,simple_statistics/* sampleVariance */.y4)(y) / y.length;
    const se2 = vx + vy;
    if (se2 === 0) {
        // Both samples constant: there is no noise to weigh the difference against, so it is taken as measured.
        return {
            t: diff > 0 ? Infinity : diff < 0 ? -Infinity : 0,
            df: x.length + y.length - 2,
            pValue: diff > 0 ? 0 : 1,
        };
    }
    const t = diff / Math.sqrt(se2);
    // Welch-Satterthwaite degrees of freedom.
    const df = (se2 * se2) / ((vx * vx) / (x.length - 1) + (vy * vy) / (y.length - 1));
    return { t, df, pValue: studentUpperTail(t, df) };
}

;// CONCATENATED MODULE: ./src/gate/judge/index.ts








/** Fewer samples than this on either track leaves nothing to judge. */
const MIN_SAMPLES = 3;
/**
 * Zero-heavy series: non-zero baseline values needed before a breach can be called on the ratio of means. With
 * fewer, the baseline's mean is not estimated at all (one rare large value decides it), no test keeps its level,
 * and a would-be breach is inconclusive instead.
 */
const ZERO_HEAVY_MIN_NONZERO = 5;
const DEFAULT_CONFIDENCE = 0.98;
function normalizeSpec(spec) {
    if (!spec || typeof spec !== 'object')
        throw new TypeError('spec: expected a ComparisonSpec object');
    if (!['increase', 'decrease', 'both'].includes(spec.direction)) {
        throw new RangeError(`spec.direction: expected increase, decrease or both, got ${String(spec.direction)}`);
    }
    if (!['mann-whitney', 'counts', 'auto', 'none'].includes(spec.test)) {
        throw new RangeError(`spec.test: expected auto, mann-whitney, counts or none, got ${String(spec.test)}`);
    }
    if (spec.allowedPct !== undefined && spec.allowedDelta !== undefined) {
        throw new RangeError('spec: give allowedPct or allowedDelta, not both (judge each threshold separately)');
    }
    if (spec.allowedPct !== undefined && !(Number.isFinite(spec.allowedPct) && spec.allowedPct >= 0)) {
        throw new RangeError(`spec.allowedPct: expected a percentage >= 0, got ${String(spec.allowedPct)}`);
    }
    if (spec.allowedDelta !== undefined && !(Number.isFinite(spec.allowedDelta) && spec.allowedDelta >= 0)) {
        throw new RangeError(`spec.allowedDelta: expected a number >= 0, got ${String(spec.allowedDelta)}`);
    }
    const confidence = spec.confidence ?? DEFAULT_CONFIDENCE;
    if (!(confidence >= 0.5 && confidence <= 0.9999)) {
        throw new RangeError(`spec.confidence: expected a probability between 0.5 and 0.9999, got ${String(confidence)}`);
    }
    lookAlpha(1 - confidence, spec.look); // validates look
    const pairing = spec.pairing ?? 'independent';
    if (pairing !== 'by-interval' && pairing !== 'independent') {
        throw new RangeError(`spec.pairing: expected by-interval or independent, got ${String(spec.pairing)}`);
    }
    const pct = spec.allowedPct ?? (spec.allowedDelta === undefined ? 0 : null);
    return {
        direction: spec.direction,
        pct,
        delta: spec.allowedDelta ?? null,
        confidence,
        test: spec.test,
        look: spec.look,
        pairing,
    };
}
/** 1 - confidence without the binary-fraction tail (0.020000000000000018) in reports. */
function alphaOf(confidence) {
    return Number((1 - confidence).toPrecision(12));
}
function sidesOf(direction) {
    return direction === 'increase' ? ['up'] : direction === 'decrease' ? ['down'] : ['up', 'down'];
}
// ------------------------------------------------------------------------------------------------------------
// Wording
function fmt(value) {
    if (!Number.isFinite(value))
        return String(value);
    if (value === 0)
        return '0';
    const abs = Math.abs(value);
    if (abs >= 1e6 || abs < 1e-4)
        return value.toExponential(2);
    return String(Number(value.toPrecision(4)));
}
function fmtPct(value) {
    if (value === null)
        return 'n/a';
    return `${value >= 0 ? '+' : ''}${fmt(value)}%`;
}
function fmtP(p) {
    return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}
function allowedText(n) {
    const sign = n.direction === 'increase' ? '+' : n.direction === 'decrease' ? '-' : '±';
    return n.pct !== null ? `${sign}${fmt(n.pct)}%` : `${sign}${fmt(n.delta ?? 0)}`;
}
function lookText(n) {
    if (!n.look)
        return '';
    const { index, planned } = n.look;
    return index <= planned
        ? `, look ${index} of ${planned}`
        : `, look ${index}: ${index - planned} past the ${planned} planned (held)`;
}
function relativePct(canary, baseline) {
    if (baseline === 0 || !Number.isFinite(canary) || !Number.isFinite(baseline))
        return null;
    return ((canary - baseline) / Math.abs(baseline)) * 100;
}
function shiftedBaseline(baseline, n, side) {
    const sign = side === 'up' ? 1 : -1;
    return n.pct !== null
        ? baseline.map((b) => b + sign * (n.pct / 100) * Math.abs(b))
        : baseline.map((b) => b + sign * n.delta);
}
function welchSide(canary, baseline, n, side, logScale) {
    if (logScale) {
        const lc = canary.map(Math.log);
        const lb = baseline.map(Math.log);
        const fraction = n.pct / 100;
        if (side === 'up')
            return { pValue: welchGreater(lc, lb, Math.log1p(fraction)).pValue, test: 'Welch t on logs' };
        if (fraction >= 1)
            return { pValue: 1, test: 'Welch t on logs' };
        return { pValue: welchGreater(lb, lc, -Math.log1p(-fraction)).pValue, test: 'Welch t on logs' };
    }
    // Without logs a percentage becomes a margin around the baseline mean, treated as known.
    const margin = n.pct !== null ? (n.pct / 100) * Math.abs((0,simple_statistics/* mean */.RE)(baseline)) : n.delta;
    const p = side === 'up'
        ? welchGreater(canary, baseline, margin).pValue
        : welchGreater(baseline, canary, margin).pValue;
    return { pValue: p, test: 'Welch t' };
}
function mannWhitneySide(canary, baseline, n, side) {
    if (side === 'down' && n.pct !== null && n.pct >= 100)
        return { pValue: 1, test: 'Mann-Whitney' };
    const shifted = shiftedBaseline(baseline, n, side);
    const result = side === 'up' ? mannWhitneyGreater(canary, shifted) : mannWhitneyGreater(shifted, canary);
    return { pValue: result.pValue, test: `Mann-Whitney (${result.method})` };
}
function thresholdBreached(canary, baseline, n, side) {
    const c = (0,simple_statistics/* mean */.RE)(canary);
    const b = (0,simple_statistics/* mean */.RE)(baseline);
    const margin = n.pct !== null ? (n.pct / 100) * Math.abs(b) : n.delta;
    return side === 'up' ? c > b + margin : c < b - margin;
}
function summarize(values) {
    return values.length === 0
        ? { n: 0, median: null, mean: null }
        : { n: values.length, median: (0,simple_statistics/* median */.JZ)(values), mean: (0,simple_statistics/* mean */.RE)(values) };
}
function sampleInterval(canary, baseline, n, logScale) {
    if (logScale) {
        const hl = hodgesLehmann(canary.map(Math.log), baseline.map(Math.log), n.confidence);
        return [Math.expm1(hl.lower) * 100, Math.expm1(hl.upper) * 100];
    }
    const hl = hodgesLehmann(canary, baseline, n.confidence);
    if (n.pct !== null) {
        const b = Math.abs((0,simple_statistics/* median */.JZ)(baseline));
        if (b === 0)
            return [hl.lower, hl.upper];
        return [(hl.lower / b) * 100, (hl.upper / b) * 100];
    }
    return [hl.lower, hl.upper];
}
/**
 * Per-interval differences with the allowance moved into them, so that "d centred above 0" means "beyond the
 * allowance on this side": log ratios less log(1 + X) for a percentage on positive values, otherwise the canary
 * less the baseline moved to the edge of the allowance.
 */
function pairedDifferences(canary, baseline, n, side, logScale) {
    if (logScale) {
        const fraction = n.pct / 100;
        if (side === 'up') {
            const margin = Math.log1p(fraction);
            return canary.map((c, i) => Math.log(c) - Math.log(baseline[i]) - margin);
        }
        if (fraction >= 1)
            return null;
        const margin = -Math.log1p(-fraction);
        return canary.map((c, i) => Math.log(baseline[i]) - Math.log(c) - margin);
    }
    if (side === 'down' && n.pct !== null && n.pct >= 100)
        return null;
    const shifted = shiftedBaseline(baseline, n, side);
    return side === 'up' ? canary.map((c, i) => c - shifted[i]) : canary.map((c, i) => shifted[i] - c);
}
function pairedSideTests(canary, baseline, n, side, logScale, ratioOfMeans) {
    if (ratioOfMeans) {
        const fraction = n.pct / 100;
        if (side === 'down' && fraction >= 1)
            return [{ pValue: 1, test: 'ratio of means' }];
        // "canary < (1 - X) baseline" is "baseline > canary / (1 - X)".
        const r = side === 'up'
            ? ratioOfMeansGreater(canary, baseline, 1 + fraction)
            : ratioOfMeansGreater(baseline, canary, 1 / (1 - fraction));
        return [{ pValue: r.pValue, test: r.method }];
    }
    const d = pairedDifferences(canary, baseline, n, side, logScale);
    if (d === null)
        return [{ pValue: 1, test: 'signed-rank' }];
    if (n.test === 'mann-whitney') {
        const rank = signedRankGreater(d);
        return [{ pValue: rank.pValue, test: `Wilcoxon ${rank.method}` }];
    }
    // One test, not a Simes pair: under H0 at the boundary d is symmetric about 0 (the two tracks' noise is
    // exchangeable), where a t-test is robust, and trimming takes the spikes a rank test would otherwise be
    // needed for. A second test would halve the level of the first whenever only one of them sees the breach.
    const on = logScale ? ' on log ratios' : '';
    const t = trimmedTGreater(d);
    if (d.length !== SHORT_STAGE_INTERVALS)
        return [{ pValue: t.pValue, test: `${t.method}${on}` }];
    // Five intervals are too few to trim by default (3 values would be left), yet one spike among ten readings
    // (1 stage in 4 at a 3% spike rate) owns an untrimmed variance: a doubled p95 went unseen 14 times in 100 on
    // the engine bench. So the untrimmed and the 1+1 trimmed t are combined with Simes (valid for two tests on the
    // same data): the spike-free case pays at most a factor 2 on its p-value, the spiked one is caught.
    const trimmed = trimmedTGreater(d, 1);
    return [
        { pValue: t.pValue, test: `${t.method}${on}` },
        { pValue: trimmed.pValue, test: `${trimmed.method}${on}` },
    ];
}
/** The stage length at which the paired test adds a trimmed t beside the untrimmed one (see pairedSideTests). */
const SHORT_STAGE_INTERVALS = 5;
/** The t with P(T >= t) = p on df degrees of freedom, by bisection (the tail falls monotonically in t). */
function judge_studentUpperQuantile(p, df) {
    let lo = 0;
    let hi = 1;
    while (studentUpperTail(hi, df) > p)
        hi *= 2;
    for (let i = 0; i < 80; i++) {
        const mid = (lo + hi) / 2;
        if (studentUpperTail(mid, df) > p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}
/** Two-sided t interval of the mean per-interval change: in percent for log ratios or a percentage. */
function pairedInterval(canary, baseline, n, logScale) {
    const diffs = logScale
        ? canary.map((c, i) => Math.log(c) - Math.log(baseline[i]))
        : canary.map((c, i) => c - baseline[i]);
    const centre = (0,simple_statistics/* mean */.RE)(diffs);
    const half = judge_studentUpperQuantile((1 - n.confidence) / 2, diffs.length - 1) *
        Math.sqrt((0,simple_statistics/* sampleVariance */.y4)(diffs) / diffs.length);
    if (logScale)
        return [Math.expm1(centre - half) * 100, Math.expm1(centre + half) * 100];
    if (n.pct !== null) {
        const b = Math.abs((0,simple_statistics/* median */.JZ)(baseline));
        if (b !== 0)
            return [((centre - half) / b) * 100, ((centre + half) / b) * 100];
    }
    return [centre - half, centre + half];
}
/**
 * Judge a canary series against a baseline series (one value per interval and track, e.g. p95 latency).
 * Non-finite values (NaN from 0/0, gaps) are dropped and counted in the reason; too few values left is
 * 'inconclusive', never a pass.
 */
/** The verdict of `test: none`: the two tracks' point estimates against the allowed difference, no statistics. */
function pointComparison(tracks, breached, effectPct, reason) {
    return {
        verdict: breached ? 'breach' : 'within',
        method: 'threshold',
        ...tracks,
        effectPct,
        pValue: null,
        alpha: null,
        reason,
    };
}
function judgeSamples(canaryIn, baselineIn, spec) {
    const n = normalizeSpec(spec);
    if (n.test === 'counts') {
        throw new RangeError("spec.test: 'counts' needs event and traffic counts; call judgeCounts for counters");
    }
    if (!Array.isArray(canaryIn) || !Array.isArray(baselineIn)) {
        throw new TypeError('judgeSamples: canary and baseline must be arrays of numbers');
    }
    const usable = (v) => typeof v === 'number' && Number.isFinite(v);
    let canary;
    let baseline;
    let droppedText;
    if (n.pairing === 'by-interval') {
        if (canaryIn.length !== baselineIn.length) {
            throw new RangeError(`judgeSamples: pairing by-interval needs one value per interval on each track (equal lengths), got ${canaryIn.length} canary and ${baselineIn.length} baseline values`);
        }
        // An interval missing on either track leaves no difference to take, so the whole pair goes.
        const keep = canaryIn.map((c, i) => usable(c) && usable(baselineIn[i]));
        canary = canaryIn.filter((_, i) => keep[i]);
        baseline = baselineIn.filter((_, i) => keep[i]);
        const droppedPairs = canaryIn.length - canary.length;
        droppedText =
            droppedPairs > 0
                ? ` (${droppedPairs} interval${droppedPairs === 1 ? '' : 's'} with a non-numeric value ignored)`
                : '';
    }
    else {
        canary = canaryIn.filter(usable);
        baseline = baselineIn.filter(usable);
        const dropped = canaryIn.length - canary.length + (baselineIn.length - baseline.length);
        droppedText = dropped > 0 ? ` (${dropped} non-numeric value${dropped === 1 ? '' : 's'} ignored)` : '';
    }
    const canarySummary = summarize(canary);
    const baselineSummary = summarize(baseline);
    const base = { canary: canarySummary, baseline: baselineSummary };
    if (canary.length < MIN_SAMPLES || baseline.length < MIN_SAMPLES) {
        return {
            verdict: 'inconclusive',
            method: n.test === 'none' ? 'threshold' : 'none',
            ...base,
            effectPct: null,
            pValue: null,
            alpha: null,
            reason: `only ${canary.length} canary and ${baseline.length} baseline samples${droppedText}; ` +
                `at least ${MIN_SAMPLES} of each are needed to judge ${allowedText(n)}`,
        };
    }
    const medianC = canarySummary.median;
    const medianB = baselineSummary.median;
    const effectPct = relativePct(medianC, medianB) ?? relativePct(canarySummary.mean, baselineSummary.mean);
    const sides = sidesOf(n.direction);
    const sizes = n.pairing === 'by-interval'
        ? `${canary.length} intervals paired`
        : `n=${canary.length}/${baseline.length}`;
    const head = `canary median ${fmt(medianC)} vs baseline ${fmt(medianB)} (${fmtPct(effectPct)}, ${sizes})${droppedText}`;
    if (n.test === 'none') {
        const breached = sides.some((side) => thresholdBreached(canary, baseline, n, side));
        return pointComparison(base, breached, effectPct, `${head}: canary mean ${fmt(canarySummary.mean)} ${breached ? 'beyond' : 'within'} ${allowedText(n)} of baseline mean ${fmt(baselineSummary.mean)} (point comparison, no statistics)`);
    }
    const logScale = n.pct !== null && canary.every((v) => v > 0) && baseline.every((v) => v > 0);
    const alphaLook = lookAlpha(alphaOf(n.confidence), n.look);
    const paired = n.pairing === 'by-interval';
    // Zeros rule out logs; a percentage of a non-negative series is then a ratio of the tracks' means.
    const ratioOfMeans = paired &&
        n.pct !== null &&
        !logScale &&
        n.test === 'auto' &&
        canary.every((v) => v >= 0) &&
        baseline.every((v) => v >= 0);
    let best = {
        pValue: 1,
        test: paired ? 'signed-rank' : 'Mann-Whitney',
        side: sides[0],
    };
    for (const side of sides) {
        const candidates = paired
            ? pairedSideTests(canary, baseline, n, side, logScale, ratioOfMeans)
            : [mannWhitneySide(canary, baseline, n, side)];
        if (!paired && n.test === 'auto')
            candidates.push(welchSide(canary, baseline, n, side, logScale));
        // Simes over the tests of one side (valid for positively dependent statistics such as a rank test and a
        // t-test on the same data): adjusted p = min over i of (k / i) * p_(i). Bonferroni over the two sides.
        const ordered = [...candidates].sort((a, b) => a.pValue - b.pValue);
        ordered.forEach((c, i) => {
            const adjusted = Math.min(1, ((ordered.length * c.pValue) / (i + 1)) * sides.length);
            if (adjusted < best.pValue || (adjusted === best.pValue && best.pValue === 1))
                best = { ...c, pValue: adjusted, side };
        });
    }
    const method = paired
        ? ratioOfMeans
            ? 'paired-ratio-of-means'
            : n.test === 'auto'
                ? `paired-trimmed-t${logScale ? '-log' : ''}`
                : 'signed-rank'
        : n.test === 'auto'
            ? `mann-whitney+${logScale ? 'welch-log' : 'welch'}`
            : 'mann-whitney';
    const interval = paired
        ? pairedInterval(canary, baseline, n, logScale)
        : sampleInterval(canary, baseline, n, logScale);
    const confText = `${fmt(n.confidence * 100)}% confidence`;
    const minDetectablePct = n.pct !== null && paired
        ? seriesMinDetectablePct(canary, baseline, n.pct, n.direction, n.confidence, n.look, logScale)
        : null;
    if (ratioOfMeans) {
        const nonZero = (values) => values.filter((v) => v > 0).length;
        // The track whose mean the allowance multiplies must be estimated: the baseline going up, the canary going down.
        const reference = best.side === 'up' ? nonZero(baseline) : nonZero(canary);
        if (best.pValue <= alphaLook && reference < ZERO_HEAVY_MIN_NONZERO) {
            return {
                verdict: 'inconclusive',
                method,
                ...base,
                effectPct,
                pValue: best.pValue,
                alpha: alphaLook,
                minDetectablePct: null,
                reason: `${head}: a zero-heavy series (${nonZero(canary)} canary and ${nonZero(baseline)} baseline intervals above 0); ` +
                    `at least ${ZERO_HEAVY_MIN_NONZERO} non-zero ${best.side === 'up' ? 'baseline' : 'canary'} values are needed for a valid test of ${allowedText(n)} at ${confText}, so no breach can be called yet`,
            };
        }
    }
    // No level left (a look past every one the stage may take) calls nothing, even on noise-free data (p = 0).
    const breach = alphaLook > 0 && best.pValue <= alphaLook;
    const evidence = `${best.test} p=${fmtP(best.pValue)} ${breach ? '<=' : '>'} alpha ${fmtP(alphaLook)}${lookText(n)}`;
    const reason = breach
        ? `${head}: ${best.side === 'up' ? 'above' : 'below'} the allowed ${allowedText(n)} at ${confText} (${evidence})`
        : `${head}: no evidence beyond the allowed ${allowedText(n)} at ${confText} (${evidence})`;
    return {
        verdict: breach ? 'breach' : 'within',
        method,
        ...base,
        effectPct,
        pValue: best.pValue,
        alpha: alphaLook,
        interval,
        minDetectablePct,
        reason,
    };
}
// ------------------------------------------------------------------------------------------------------------
// Counters
function validateCounts(input) {
    if (!input || typeof input !== 'object')
        throw new TypeError('judgeCounts: expected an object of counts');
    for (const key of ['canaryEvents', 'canaryTotal', 'baselineEvents', 'baselineTotal']) {
        const v = input[key];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
            throw new RangeError(`counts.${key}: expected a finite number >= 0, got ${String(v)}`);
        }
    }
    const scale = input.scale ?? 1;
    if (!(Number.isFinite(scale) && scale > 0))
        throw new RangeError(`counts.scale: expected a number > 0, got ${String(scale)}`);
    // Prometheus increase() extrapolates, so counts arrive as decimals; the tests need whole events.
    const counts = {
        canaryEvents: Math.round(input.canaryEvents),
        canaryTotal: input.canaryTotal,
        baselineEvents: Math.round(input.baselineEvents),
        baselineTotal: input.baselineTotal,
    };
    if (counts.canaryEvents > Math.ceil(counts.canaryTotal) ||
        counts.baselineEvents > Math.ceil(counts.baselineTotal)) {
        throw new RangeError('judgeCounts: events exceed their total (expected events <= total on each track)');
    }
    return { counts, scale };
}
/** Clopper-Pearson interval for the canary's share of events, mapped to the rate ratio in percent. */
function ratioInterval(counts, confidence) {
    const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
    const events = xc + xb;
    if (events === 0 || xb === 0)
        return undefined;
    const alphaHalf = (1 - confidence) / 2;
    // Both tails below rise with p, so each bound is found by bisection on [0, 1].
    const solve = (rising, target) => {
        let lo = 0;
        let hi = 1;
        for (let i = 0; i < 100; i++) {
            const mid = (lo + hi) / 2;
            if (rising(mid) < target)
                lo = mid;
            else
                hi = mid;
        }
        return (lo + hi) / 2;
    };
    // Lower: P(X >= xc | p) = alpha/2. Upper: P(X <= xc | p) = alpha/2, i.e. P(X >= xc + 1 | p) = 1 - alpha/2.
    const pLow = xc === 0 ? 0 : solve((p) => binomialUpperTail(xc, events, p), alphaHalf);
    const pHigh = solve((p) => binomialUpperTail(xc + 1, events, p), 1 - alphaHalf);
    const toRatioPct = (p) => ((p / (1 - p)) * (tb / tc) - 1) * 100;
    return [toRatioPct(pLow), toRatioPct(pHigh)];
}
/**
 * Judge counters (events / traffic) on the counts themselves: sparse errors are weighed by the traffic they
 * came from, and 0 events on both tracks is 'within' with the traffic it rests on spelled out.
 */
function judgeCounts(input, spec) {
    const n = normalizeSpec(spec);
    if (n.test === 'mann-whitney') {
        throw new RangeError("spec.test: 'mann-whitney' needs per-interval samples; call judgeSamples for series");
    }
    const { counts, scale } = validateCounts(input);
    const { canaryEvents: xc, canaryTotal: tc, baselineEvents: xb, baselineTotal: tb } = counts;
    const rateC = tc > 0 ? (xc / tc) * scale : null;
    const rateB = tb > 0 ? (xb / tb) * scale : null;
    const base = {
        canary: { n: tc, median: rateC, mean: rateC, events: xc },
        baseline: { n: tb, median: rateB, mean: rateB, events: xb },
    };
    const head = `canary ${xc}/${fmt(tc)} (${rateC === null ? 'n/a' : fmt(rateC)}) vs baseline ${xb}/${fmt(tb)} (${rateB === null ? 'n/a' : fmt(rateB)})`;
    if (tc <= 0 || tb <= 0) {
        return {
            verdict: 'inconclusive',
            method: 'none',
            ...base,
            effectPct: null,
            pValue: null,
            alpha: null,
            reason: `${head}: no ${tc <= 0 ? 'canary' : 'baseline'} traffic, nothing to judge`,
        };
    }
    const effectPct = relativePct(rateC, rateB);
    const sides = sidesOf(n.direction);
    if (n.test === 'none') {
        const margin = n.pct !== null ? (n.pct / 100) * rateB : n.delta;
        const breached = sides.some((side) => side === 'up' ? rateC > rateB + margin : rateC < rateB - margin);
        return pointComparison(base, breached, effectPct, `${head}: ${breached ? 'beyond' : 'within'} ${allowedText(n)} (point comparison, no statistics)`);
    }
    const alphaLook = lookAlpha(alphaOf(n.confidence), n.look);
    let pValue = 1;
    let side = sides[0];
    for (const s of sides) {
        let p;
        if (n.pct !== null) {
            const fraction = n.pct / 100;
            p =
                s === 'up'
                    ? rateRatioGreater(counts, 1 + fraction)
                    : fraction >= 1
                        ? 1
                        : rateRatioLess(counts, 1 - fraction);
        }
        else {
            const deltaRate = n.delta / scale;
            p =
                s === 'up'
                    ? rateDifferenceGreater(counts, deltaRate)
                    : rateDifferenceGreater({ canaryEvents: xb, canaryTotal: tb, baselineEvents: xc, baselineTotal: tc }, deltaRate);
        }
        const adjusted = Math.min(1, p * sides.length);
        if (adjusted < pValue) {
            pValue = adjusted;
            side = s;
        }
    }
    const method = n.pct !== null ? 'poisson-exact-conditional' : 'poisson-rate-difference';
    const breach = alphaLook > 0 && pValue <= alphaLook;
    const confText = `${fmt(n.confidence * 100)}% confidence`;
    const evidence = `p=${fmtP(pValue)} ${breach ? '<=' : '>'} alpha ${fmtP(alphaLook)}${lookText(n)}`;
    const interval = n.pct !== null ? ratioInterval(counts, n.confidence) : undefined;
    const minDetectablePct = n.pct !== null ? countsMinDetectablePct(counts, n.pct, n.direction, n.confidence, n.look) : null;
    let reason;
    if (breach) {
        reason = `${head}, ${fmtPct(effectPct)}: ${side === 'up' ? 'above' : 'below'} the allowed ${allowedText(n)} at ${confText} (${evidence})`;
    }
    else if (xc + xb === 0) {
        const bound = rateUpperBound(0, tc, n.confidence) * scale;
        reason =
            `${head}: no events on either track, so no evidence beyond ${allowedText(n)}; ` +
                `with ${fmt(tc)} canary requests its rate could still be up to ${fmt(bound)} (${fmt(n.confidence * 100)}% upper bound)`;
    }
    else {
        const bound = rateUpperBound(xc, tc, n.confidence) * scale;
        reason =
            `${head}, ${fmtPct(effectPct)}: no evidence beyond the allowed ${allowedText(n)} at ${confText} (${evidence}); ` +
                `canary rate up to ${fmt(bound)} (${fmt(n.confidence * 100)}% upper bound)`;
    }
    return {
        verdict: breach ? 'breach' : 'within',
        method,
        ...base,
        effectPct,
        pValue,
        alpha: alphaLook,
        ...(interval ? { interval } : {}),
        minDetectablePct,
        reason,
    };
}

;// CONCATENATED MODULE: ./src/gate/thresholds.ts
/**
 * Threshold levels as conditions on one observation, and as the text shown beside every decision.
 *
 * A `soft`/`hard` level describes a breach: it is breached when ANY of its keys is (above OR below OR ...).
 * A `pass` level describes success: it is met when ALL of its keys are.
 * Every breach is strict: `above: 400` breaches at 400.1, not at 400 (like PromQL), and `increase: 40%` means
 * MORE than 40% above the baseline, so a canary equal to its baseline never breaches a 0% allowance. Relative keys
 * get a float-rounding margin in the canary's favour: a ratio exactly 40% above its baseline is not a breach even
 * when the division lands on 40.000000001%.
 */

const RELATIVE_TOLERANCE = 1e-9;
/** Canary relative to baseline, in percent. A zero baseline gives 0 (canary 0 too) or +-Infinity. */
function thresholds_relativePct(canary, baseline) {
    if (baseline === 0)
        return canary === 0 ? 0 : canary > 0 ? Infinity : -Infinity;
    return ((canary - baseline) / Math.abs(baseline)) * 100;
}
function beyondAbove(value, limit) {
    return value > limit + RELATIVE_TOLERANCE * Math.max(1, Math.abs(limit));
}
function beyondBelow(value, limit) {
    return value < limit - RELATIVE_TOLERANCE * Math.max(1, Math.abs(limit));
}
/** Whether a soft/hard level is breached by one point. */
function thresholds_breaches(level, p) {
    if (level.above !== undefined && p.canary > level.above)
        return true;
    if (level.below !== undefined && p.canary < level.below)
        return true;
    if (p.baseline !== undefined) {
        const rel = thresholds_relativePct(p.canary, p.baseline);
        if (level.increase !== undefined && beyondAbove(rel, level.increase))
            return true;
        if (level.decrease !== undefined && beyondBelow(rel, -level.decrease))
            return true;
        if (level.delta !== undefined && Math.abs(p.canary - p.baseline) > level.delta)
            return true;
    }
    return false;
}
/** Whether a pass level is met by one point (every key must hold). */
function meetsPass(level, p) {
    if (level.above !== undefined && !(p.canary > level.above))
        return false;
    if (level.below !== undefined && !(p.canary < level.below))
        return false;
    if (level.increase !== undefined || level.decrease !== undefined || level.delta !== undefined) {
        if (p.baseline === undefined)
            return false;
        const rel = thresholds_relativePct(p.canary, p.baseline);
        if (level.increase !== undefined && beyondAbove(rel, level.increase))
            return false;
        if (level.decrease !== undefined && beyondBelow(rel, -level.decrease))
            return false;
        if (level.delta !== undefined && !(Math.abs(p.canary - p.baseline) <= level.delta))
            return false;
    }
    return true;
}
function num(v) {
    return String(Number(v.toPrecision(6)));
}
function withUnit(value, unit) {
    const text = num(value);
    if (!unit)
        return text;
    return unit === '%' ? `${text}%` : `${text} ${unit}`;
}
/** "soft > 250 ms for 5m", "hard > +40% vs baseline", "pass < 200 ms". */
function levelText(name, level, unit) {
    const parts = [];
    const pass = name === 'pass';
    if (level.above !== undefined)
        parts.push(`> ${withUnit(level.above, unit)}`);
    if (level.below !== undefined)
        parts.push(`< ${withUnit(level.below, unit)}`);
    if (level.increase !== undefined)
        parts.push(`${pass ? '<=' : '>'} +${num(level.increase)}% vs baseline`);
    if (level.decrease !== undefined)
        parts.push(`${pass ? '>=' : '<'} -${num(level.decrease)}% vs baseline`);
    if (level.delta !== undefined)
        parts.push(`|canary - baseline| ${pass ? '<=' : '>'} ${withUnit(level.delta, unit)}`);
    const joined = parts.join(pass ? ' and ' : ' or ');
    return `${name} ${joined}${level.for ? ` for ${(0,src_config/* formatDuration */.a3)(level.for)}` : ''}`;
}
/** The level's keys that compare with the baseline (judged statistically), or undefined if it has none. */
function relativePart(level) {
    if (!level)
        return undefined;
    const { increase, decrease, delta } = level;
    if (increase === undefined && decrease === undefined && delta === undefined)
        return undefined;
    return {
        ...(increase !== undefined ? { increase } : {}),
        ...(decrease !== undefined ? { decrease } : {}),
        ...(delta !== undefined ? { delta } : {}),
        ...(level.for !== undefined ? { for: level.for } : {}),
    };
}
/** The level's absolute keys (above/below, judged point by point), or undefined if it has none. */
function absolutePart(level) {
    if (!level)
        return undefined;
    const { above, below } = level;
    if (above === undefined && below === undefined)
        return undefined;
    return {
        ...(above !== undefined ? { above } : {}),
        ...(below !== undefined ? { below } : {}),
        ...(level.for !== undefined ? { for: level.for } : {}),
    };
}
function thresholdTexts(g, unit) {
    return ['pass', 'soft', 'hard'].flatMap((l) => (g[l] ? [levelText(l, g[l], unit)] : []));
}

;// CONCATENATED MODULE: ./src/gate/observation.ts

/**
 * Whether an observation counts as measured. A ratio judged on counts is measured when its counts are, even if
 * the ratio itself is 0/0 for an interval without traffic: the counts say exactly that (0 of 0) and the judge
 * weighs it as no evidence, which a NaN ratio could not say. Declared counts must be readable; counts the engine
 * derived from the query may not be (a recording made before they existed): then the ratio itself is the
 * measurement, and the judge falls back to the series test, saying so (baseline-judge.ts).
 */
function isMeasured(o, against, countsDeclared = false) {
    if (o.counts?.ok)
        return true;
    if (o.counts && countsDeclared)
        return false;
    if (!o.canary.ok)
        return false;
    if (against && !o.baseline?.ok)
        return false;
    return true;
}
function toMeasured(o) {
    const point = { canary: o.canary.ok ? o.canary.value : NaN };
    if (o.baseline)
        point.baseline = o.baseline.ok ? o.baseline.value : NaN;
    if (o.counts?.ok)
        return { at: o.at, point, counts: o.counts };
    if (o.counts)
        return { at: o.at, point, countsError: `${o.counts.track} ${o.counts.reason}: ${o.counts.message}` };
    return { at: o.at, point };
}
function observation_fmt(v, unit) {
    if (v === null || v === undefined || Number.isNaN(v))
        return 'n/a';
    if (!Number.isFinite(v))
        return v > 0 ? '+Inf' : '-Inf';
    return withUnit(Number(v.toPrecision(4)), unit);
}
function observation_fmtPct(v) {
    if (v === null || v === undefined || Number.isNaN(v))
        return 'n/a';
    if (!Number.isFinite(v))
        return v > 0 ? '+Inf%' : '-Inf%';
    return `${v >= 0 ? '+' : ''}${Number(v.toPrecision(3))}%`;
}
function iso(ms) {
    return new Date(ms).toISOString();
}
/** The latest unbroken run of samples breaching a level by their points; unmeasurable samples are not in it. */
function breachRun(level, measured) {
    let length = 0;
    let since;
    for (let i = measured.length - 1; i >= 0; i--) {
        if (!thresholds_breaches(level, measured[i].point))
            break;
        length++;
        since = measured[i].at;
    }
    return { length, since };
}

;// CONCATENATED MODULE: ./src/gate/trend.ts
/**
 * "Metric < threshold, trend up -> 15-minute hold", made exact: a least-squares line through the
 * last TREND_POINTS measured values is extended to the end of the hold horizon; if it reaches the limit there,
 * the guardrail is trending toward a breach.
 *
 * Noise must not hold a release, so the fit has to be convincing: at least TREND_MIN_POINTS values, slope in
 * the worse direction, r^2 >= TREND_MIN_R2, and the latest value itself worse than the first of the fit.
 */

const TREND_POINTS = 6;
const TREND_MIN_POINTS = 4;
const TREND_MIN_R2 = 0.6;
/** `points` are [seconds, value], oldest first; returns the projection if it reaches the limit within the horizon. */
function projectBreach(points, horizonS, line) {
    const recent = points.filter(([, v]) => Number.isFinite(v)).slice(-TREND_POINTS);
    if (recent.length < TREND_MIN_POINTS)
        return undefined;
    const t0 = recent[0][0];
    const xy = recent.map(([t, v]) => [t - t0, v]);
    const { m, b } = (0,simple_statistics/* linearRegression */.Ro)(xy);
    const worseSlope = line.worse === 'up' ? m > 0 : m < 0;
    if (!worseSlope)
        return undefined;
    const first = recent[0][1];
    const last = recent[recent.length - 1][1];
    if (line.worse === 'up' ? last <= first : last >= first)
        return undefined;
    const fit = (x) => m * x + b;
    const r2 = (0,simple_statistics/* rSquared */._D)(xy, fit);
    if (!(r2 >= TREND_MIN_R2))
        return undefined;
    const lastX = xy[xy.length - 1][0];
    const projected = fit(lastX + horizonS);
    const reached = line.worse === 'up' ? projected >= line.limit : projected <= line.limit;
    if (!reached)
        return undefined;
    const reachesInS = Math.max(0, (line.limit - fit(lastX)) / m);
    return { slopePerMinute: m * 60, r2, projected, reachesInS };
}

;// CONCATENATED MODULE: ./src/gate/guardrail-rules.ts
/**
 * The rules one guardrail shares between the point rule (evaluate.ts) and the baseline judge (baseline-judge.ts):
 * the values shown, the pass quorum over a window and the trend projection. Pure, like the rest of the core.
 */




/** Share of the window's measured samples that must meet a `pass` level (the latest one always must). */
const PASS_QUORUM = 0.8;
/**
 * The lines a trend is fitted against. For a baseline comparison decided by the judge only the absolute keys get a
 * trend: its relative keys are the judge's, and a fit through per-interval ratios is the point rule by another name.
 */
function trendLines(g, relative = true) {
    const lines = [];
    const canary = (p) => p.canary;
    const change = (p) => (p.baseline === undefined ? NaN : thresholds_relativePct(p.canary, p.baseline));
    const distance = (p) => (p.baseline === undefined ? NaN : Math.abs(p.canary - p.baseline));
    for (const level of ['soft', 'hard']) {
        const l = g[level];
        if (!l)
            continue;
        const add = (worse, limit, series, what) => {
            if (limit !== undefined)
                lines.push({ line: { worse, limit }, series, what, level });
        };
        add('up', l.above, canary, 'canary');
        add('down', l.below, canary, 'canary');
        if (g.against === 'baseline' && relative) {
            add('up', l.increase, change, 'change vs baseline (%)');
            add('down', l.decrease === undefined ? undefined : -l.decrease, change, 'change vs baseline (%)');
            add('up', l.delta, distance, '|canary - baseline|');
        }
    }
    return lines;
}
/** "canary 0.01 vs baseline 0.008 (+25%)" or "canary 120 ms". */
function shownValues(spec, current) {
    if (spec.config.against !== 'baseline')
        return `canary ${observation_fmt(current.point.canary, spec.unit)}`;
    const { canary, baseline } = current.point;
    const rel = Number.isFinite(canary) && Number.isFinite(baseline) ? thresholds_relativePct(canary, baseline) : NaN;
    return `canary ${observation_fmt(canary, spec.unit)} vs baseline ${observation_fmt(baseline, spec.unit)} (${observation_fmtPct(rel)})`;
}
/** The pass level over a window: PASS_QUORUM of the window's measured samples, and the latest one. */
function passByPoints(level, measured, window, unit) {
    const current = measured[measured.length - 1];
    const windowStart = current.at - window.durationS * 1000;
    const inWindow = measured.filter((m) => m.at > windowStart);
    const met = inWindow.filter((m) => meetsPass(level, m.point)).length;
    const need = Math.ceil(PASS_QUORUM * inWindow.length);
    const currentMet = meetsPass(level, current.point);
    const tally = `${met}/${inWindow.length} samples of the last ${(0,src_config/* formatDuration */.a3)(window.durationS)} meet ${levelText('pass', level, unit)} (${need} needed, and the latest)`;
    return {
        met: met >= need && currentMet,
        why: !currentMet ? 'the latest sample does not' : 'too few samples do',
        tally,
    };
}
function trendSample(spec, measured, window, base, shown, relative) {
    const g = spec.config;
    if (g.trend === false)
        return undefined;
    for (const t of trendLines(g, relative)) {
        const points = measured.map((m) => [m.at / 1000, t.series(m.point)]);
        const projection = projectBreach(points, window.holdS, t.line);
        if (projection) {
            return {
                ...base,
                status: 'trend',
                reason: `${spec.name}: ${shown} is within thresholds but trending toward ${levelText(t.level, g[t.level], spec.unit)}: ` +
                    `the ${t.what} fit (slope ${Number(projection.slopePerMinute.toPrecision(3))}/min, r²=${projection.r2.toFixed(2)}) reaches ` +
                    `${Number(projection.projected.toPrecision(4))} within the ${(0,src_config/* formatDuration */.a3)(window.holdS)} hold horizon`,
            };
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/gate/baseline-judge.ts
/**
 * Baseline comparisons decided by the judge, not by points (docs/gate.md, "Against the baseline").
 *
 * The relative keys of a level (`increase`, `decrease`, `delta`) are breached only when the judge finds the
 * breach over the stage so far, at this look's share of `1 - confidence` (judge/sequential.ts), so the judge's
 * bound on false breaches is the engine's bound. Points beyond the line are shown as `suspect` and decide
 * nothing. PROCEED needs the judge's `within` at the end of the window, whatever order the samples came in.
 * The absolute keys of the same guardrail (`above`, `below`) keep the point rules of every other guardrail.
 */





function judgeSpecs(level) {
    const specs = [];
    if (level.increase !== undefined)
        specs.push({ direction: 'increase', allowedPct: level.increase });
    if (level.decrease !== undefined)
        specs.push({ direction: 'decrease', allowedPct: level.decrease });
    if (level.delta !== undefined)
        specs.push({ direction: 'both', allowedDelta: level.delta });
    return specs;
}
/** Which test judges this guardrail, and why, in one sentence for the record. */
function testReason(spec, result, countsError) {
    if (countsError) {
        return `series paired by interval (${result.method}): the counts derived from the ratio query (events ${spec.counts.events}) could not be read at every sample (${countsError}), so the ratio itself is judged`;
    }
    if (spec.counts?.source === 'declared') {
        return `exact counts test on the declared counts (metrics.queries.${spec.metric}.counts), summed over the stage`;
    }
    if (spec.counts?.source === 'derived') {
        return `exact counts test on counts derived from the ratio query (events ${spec.counts.events}, total ${spec.counts.total}), summed over the stage`;
    }
    const series = result.method === 'paired-ratio-of-means'
        ? 'series paired by interval; the values include zeros, so a percentage is tested as a ratio of the tracks\u2019 means'
        : result.method.startsWith('paired-trimmed-t-log')
            ? 'series paired by interval, tested on log ratios (trimmed t)'
            : result.method === 'signed-rank'
                ? 'series paired by interval, signed-rank test (test: mann-whitney)'
                : `series paired by interval (${result.method})`;
    return spec.seriesBecause ? `${series}; ${spec.seriesBecause}` : series;
}
function judgeLevel(spec, levelName, measured, window) {
    const g = spec.config;
    const level = relativePart(g[levelName]);
    if (!level)
        return undefined;
    const look = {
        index: Math.max(1, measured.length),
        planned: Math.max(1, window.plannedSamples),
        overtime: { perHold: Math.ceil(window.holdS / window.intervalS - 1e-9), holds: window.maxHolds },
    };
    const results = [];
    // Counts for the whole stage or not at all: a stage judged on counts at some looks and on ratios at others
    // would answer two different questions.
    const countsError = measured.find((m) => m.countsError)?.countsError;
    const useCounts = spec.counts !== undefined && countsError === undefined;
    for (const s of judgeSpecs(level)) {
        try {
            if (useCounts) {
                const sum = { canaryEvents: 0, canaryTotal: 0, baselineEvents: 0, baselineTotal: 0 };
                for (const m of measured) {
                    if (!m.counts)
                        continue;
                    sum.canaryEvents += m.counts.canaryEvents;
                    sum.canaryTotal += m.counts.canaryTotal;
                    sum.baselineEvents += m.counts.baselineEvents;
                    sum.baselineTotal += m.counts.baselineTotal;
                }
                results.push(judgeCounts({ ...sum, scale: spec.counts.scale }, { ...s, test: g.test === 'counts' ? 'counts' : 'auto', confidence: g.confidence, look }));
            }
            else {
                results.push(judgeSamples(measured.map((m) => m.point.canary), measured.map((m) => m.point.baseline), {
                    ...s,
                    test: g.test === 'mann-whitney' ? 'mann-whitney' : 'auto',
                    confidence: g.confidence,
                    look,
                    // Both tracks are read at the same instants and share that interval's load: judged interval by
                    // interval (docs/judge.md, "paired").
                    pairing: 'by-interval',
                }));
            }
        }
        catch (e) {
            // Counts that do not add up (events > total after extrapolation) cannot be judged: inconclusive, never within.
            results.push({
                verdict: 'inconclusive',
                method: 'none',
                canary: { n: 0, median: null, mean: null },
                baseline: { n: 0, median: null, mean: null },
                effectPct: null,
                pValue: null,
                alpha: null,
                minDetectablePct: null,
                reason: `cannot be judged: ${e.message}`,
            });
        }
    }
    const chosen = results.find((r) => r.verdict === 'breach') ??
        results.find((r) => r.verdict === 'inconclusive') ??
        results[0];
    return {
        level: levelName,
        verdict: chosen.verdict,
        method: chosen.method,
        effect_pct: chosen.effectPct,
        p_value: chosen.pValue,
        reason: chosen.reason,
        test_reason: testReason(spec, chosen, countsError),
        min_detectable_pct: chosen.minDetectablePct ?? null,
    };
}
/** Since when the judge has found this level breached at every look (for a relative level with `for`). */
function judgedBreachSince(spec, levelName, measured, window) {
    let since = measured[measured.length - 1].at;
    for (let k = measured.length - 1; k >= 1; k--) {
        const j = judgeLevel(spec, levelName, measured.slice(0, k), window);
        if (j?.verdict !== 'breach')
            break;
        since = measured[k - 1].at;
    }
    return since;
}
function powerOf(spec, judged) {
    const g = spec.config;
    const levelName = g.soft && relativePart(g.soft) ? 'soft' : 'hard';
    const j = judged.find((x) => x.level === levelName);
    if (!j || j.min_detectable_pct === undefined)
        return undefined;
    const mde = j.min_detectable_pct;
    const required = g.min_detectable;
    return {
        min_detectable_pct: mde,
        confidence: g.confidence ?? DEFAULT_CONFIDENCE,
        ...(required !== undefined ? { required_pct: required } : {}),
        enough: required === undefined || (mde !== null && Math.abs(mde) <= required),
    };
}
/**
 * A judge's p-value for a breach at or below this, without reaching the look's level, leans toward a breach: a
 * canary at the very edge of its allowance shows a p-value this small at most one time in five, so it points at a
 * breach without proving one. The engine does not decide on a lean (it is no evidence at the
 * stage's confidence); a window that ends leaning is held, so the decision is taken at a hold's end with more
 * data, where the sequential design keeps a share of 1 - confidence (judge/sequential.ts). A healthy canary
 * rarely leans (its p-value is uniform at worst, at the very edge of its allowance), so holding costs it little
 * time, while a regression the planned window was too short to prove is then caught (bench/gate-accuracy.ts).
 */
const LEANING_P = 0.2;
function leaningOf(judged) {
    const lean = judged
        .filter((j) => j.level !== 'pass' && j.verdict === 'within' && j.p_value !== null && j.p_value <= LEANING_P)
        .sort((a, b) => a.p_value - b.p_value)[0];
    return lean ? { level: lean.level, p_value: lean.p_value } : undefined;
}
function evaluateJudgedBaseline({ spec, measured, window, base }) {
    const g = spec.config;
    const current = measured[measured.length - 1];
    const now = current.at;
    const shown = shownValues(spec, current);
    const judged = [];
    const judgeAt = (levelName) => {
        const cached = judged.find((j) => j.level === levelName);
        if (cached)
            return cached;
        const j = judgeLevel(spec, levelName, measured, window);
        if (j)
            judged.push(j);
        return j;
    };
    // Judge every level up front, so that every sample's record carries every verdict and the power figure.
    for (const levelName of ['hard', 'soft', 'pass'])
        judgeAt(levelName);
    const power = powerOf(spec, judged);
    const leaning = leaningOf(judged);
    const sample = (status, reason, extra = {}) => ({
        ...base,
        status,
        reason,
        ...extra,
        ...(judged.length ? { judge: judged } : {}),
        ...(power ? { power } : {}),
        ...(leaning && (status === 'pass' || status === 'suspect') ? { leaning } : {}),
    });
    let pending;
    for (const levelName of ['hard', 'soft']) {
        const level = g[levelName];
        if (!level)
            continue;
        const text = levelText(levelName, level, spec.unit);
        const absolute = absolutePart(level);
        if (absolute && thresholds_breaches(absolute, current.point)) {
            const run = breachRun(absolute, measured);
            const heldS = (now - run.since) / 1000;
            const forS = absolute.for ?? 0;
            if (heldS >= forS - 1e-6) {
                const how = absolute.for
                    ? `held ${(0,src_config/* formatDuration */.a3)(Math.round(heldS))} since ${iso(run.since)}`
                    : `at ${iso(now)}`;
                return sample(levelName, `${spec.name}: ${shown} breaches ${text}, ${how}`);
            }
            pending ??= { level: levelName, since: iso(run.since), held_s: heldS, for_s: forS };
        }
        const j = judgeAt(levelName);
        if (j?.verdict === 'breach') {
            const forS = level.for ?? 0;
            const since = forS > 0 ? judgedBreachSince(spec, levelName, measured, window) : now;
            const heldS = (now - since) / 1000;
            if (heldS >= forS - 1e-6) {
                const how = forS > 0 ? `, held ${(0,src_config/* formatDuration */.a3)(Math.round(heldS))} since ${iso(since)}` : '';
                return sample(levelName, `${spec.name}: ${shown}; the judge finds a breach of ${text}${how}: ${j.reason}`);
            }
            pending ??= { level: levelName, since: iso(since), held_s: heldS, for_s: forS };
        }
    }
    if (pending) {
        return sample('within', `${spec.name}: ${shown} is beyond ${levelText(pending.level, g[pending.level], spec.unit)} but not yet for its ${(0,src_config/* formatDuration */.a3)(pending.for_s)} (held ${(0,src_config/* formatDuration */.a3)(Math.round(pending.held_s))})`, { pending });
    }
    const trend = trendSample(spec, measured, window, base, shown, false);
    if (trend)
        return { ...trend, ...(judged.length ? { judge: judged } : {}), ...(power ? { power } : {}) };
    const absolutePass = absolutePart(g.pass);
    if (absolutePass) {
        const pass = passByPoints(absolutePass, measured, window, spec.unit);
        if (!pass.met)
            return sample('within', `${spec.name}: ${shown}; not a pass yet, ${pass.why}: ${pass.tally}`);
    }
    const passJudge = judgeAt('pass');
    if (passJudge?.verdict === 'breach') {
        return sample('within', `${spec.name}: ${shown}; not a pass yet, the judge finds the canary beyond ${levelText('pass', g.pass, spec.unit)}: ${passJudge.reason}`);
    }
    const undecided = judged.find((j) => j.verdict === 'inconclusive');
    if (undecided) {
        return sample('inconclusive', `${spec.name}: ${shown}; the comparison with the baseline is inconclusive: ${undecided.reason}`);
    }
    if (measured.length < MIN_SAMPLES) {
        return sample('inconclusive', `${spec.name}: ${shown}; only ${measured.length} measured interval${measured.length === 1 ? '' : 's'}, at least ${MIN_SAMPLES} are needed before a baseline comparison can pass`);
    }
    const verdicts = judged.map((j) => `${j.level}: ${j.reason}`).join('; ');
    const beyond = ['hard', 'soft'].filter((l) => {
        const rel = relativePart(g[l]);
        return rel !== undefined && thresholds_breaches(rel, current.point);
    });
    if (beyond.length) {
        return sample('suspect', `${spec.name}: ${shown} is beyond ${levelText(beyond[0], g[beyond[0]], spec.unit)} at this interval, but over the stage the judge finds no breach (a point decides nothing on its own): ${verdicts}`);
    }
    return sample('pass', `${spec.name}: ${shown}, no breach of ${base.thresholds.join(', ')}; ${verdicts}`);
}

// EXTERNAL MODULE: ./src/gate/types.ts
var types = __webpack_require__(89014);
;// CONCATENATED MODULE: ./src/gate/evaluate.ts
/**
 * The decision core, pure: no I/O, no clock. `evaluateGuardrail` turns one guardrail's history of observations
 * into its status at the latest sample; `decide` combines the statuses of a sample with the stage's state into
 * "keep sampling", "hold" or a final decision. docs/gate.md states every rule below in prose, with an example.
 */






// ---------------------------------------------------------------------------------------------------------------
// Defaults (docs/gate.md, "How a gate decides")
const DEFAULT_HOLD_S = 15 * 60;
const DEFAULT_MAX_HOLDS = 2;
const DEFAULT_MAX_NO_DATA = 3;
/** Baseline comparisons without `for`: consecutive breaching samples that confirm a breach. */
const BASELINE_CONFIRMATIONS = 2;
// ---------------------------------------------------------------------------------------------------------------
// One guardrail
function valuesOf(latest) {
    const canary = latest.canary.ok ? latest.canary.value : null;
    const baseline = latest.baseline?.ok ? latest.baseline.value : null;
    const values = { canary, baseline };
    if (latest.baseline !== undefined) {
        values.relative_pct = canary !== null && baseline !== null ? thresholds_relativePct(canary, baseline) : null;
        values.delta = canary !== null && baseline !== null ? canary - baseline : null;
        // JSON has no Infinity: a change against a zero baseline is reported as null with the values beside it.
        if (values.relative_pct !== null && !Number.isFinite(values.relative_pct))
            values.relative_pct = null;
    }
    return values;
}
/**
 * The status of one guardrail at the latest observation of `history` (oldest first, the latest last).
 * A baseline comparison (test other than `none`) is decided by the judge: see baseline-judge.ts. Every other
 * guardrail by its points, in this order: unmeasurable -> no-data; hard sustained -> hard; soft sustained -> soft;
 * a breach pending its `for` -> within; a trend reaching a breach within the hold horizon -> trend; then pass or
 * within.
 */
function evaluateGuardrail(spec, history, window) {
    const g = spec.config;
    const against = g.against === 'baseline';
    const latest = history[history.length - 1];
    if (!latest)
        throw new RangeError(`evaluateGuardrail(${spec.name}): no observation`);
    const base = baseSample(spec, latest);
    const declared = spec.counts?.source === 'declared';
    if (!isMeasured(latest, against, declared))
        return unmeasuredSample(spec, latest, base);
    const measured = history.filter((o) => isMeasured(o, against, declared)).map(toMeasured);
    const guardrail = { spec, measured, window, base };
    return against && g.test !== 'none' ? evaluateJudgedBaseline(guardrail) : evaluateByPoints(guardrail);
}
function baseSample(spec, latest) {
    const against = spec.config.against === 'baseline';
    return {
        name: spec.name,
        metric: spec.metric,
        against: against ? 'baseline' : null,
        values: valuesOf(latest),
        thresholds: thresholdTexts(spec.config, spec.unit),
        query: spec.query,
    };
}
function unmeasuredSample(spec, latest, base) {
    const against = spec.config.against === 'baseline';
    const problems = [];
    const countsProblem = latest.counts && !latest.counts.ok ? latest.counts : undefined;
    if (countsProblem && spec.counts?.source === 'declared') {
        problems.push({
            track: countsProblem.track,
            reason: countsProblem.reason,
            message: `counts: ${countsProblem.message}`,
        });
    }
    else {
        if (!latest.canary.ok)
            problems.push({ track: 'canary', reason: latest.canary.reason, message: latest.canary.message });
        if (against && latest.baseline && !latest.baseline.ok)
            problems.push({ track: 'baseline', reason: latest.baseline.reason, message: latest.baseline.message });
        if (countsProblem)
            problems.push({
                track: countsProblem.track,
                reason: countsProblem.reason,
                message: `derived counts: ${countsProblem.message}`,
            });
    }
    const what = problems.map((p) => `${p.track} ${p.reason}`).join(', ');
    return {
        ...base,
        status: 'no-data',
        reason: `${spec.name}: ${spec.metric} unmeasurable (${what}); fail closed, not a pass: ${problems[0].message}`,
        unmeasurable: problems,
    };
}
/** Absolute guardrails, and baseline comparisons with `test: none` (the plain point rule, by request). */
function evaluateByPoints({ spec, measured, window, base }) {
    const g = spec.config;
    const against = g.against === 'baseline';
    const current = measured[measured.length - 1];
    const now = current.at;
    const shown = shownValues(spec, current);
    let pending;
    for (const levelName of ['hard', 'soft']) {
        const level = g[levelName];
        if (!level || !thresholds_breaches(level, current.point))
            continue;
        const run = breachRun(level, measured);
        const heldS = (now - run.since) / 1000;
        const text = levelText(levelName, level, spec.unit);
        let sustained;
        let how;
        let forS;
        if (level.for !== undefined) {
            forS = level.for;
            sustained = heldS >= level.for - 1e-6;
            how = `held ${(0,src_config/* formatDuration */.a3)(Math.round(heldS))} since ${iso(run.since)}`;
        }
        else if (against) {
            forS = window.intervalS;
            sustained = run.length >= BASELINE_CONFIRMATIONS;
            how = `on ${run.length} consecutive sample${run.length === 1 ? '' : 's'} (${BASELINE_CONFIRMATIONS} confirm a baseline breach with test: none)`;
        }
        else {
            forS = 0;
            sustained = true;
            how = `at ${iso(now)}`;
        }
        if (sustained) {
            return { ...base, status: levelName, reason: `${spec.name}: ${shown} breaches ${text}, ${how}` };
        }
        pending ??= { level: levelName, since: iso(run.since), held_s: heldS, for_s: forS };
    }
    if (pending) {
        const level = g[pending.level];
        return {
            ...base,
            status: 'within',
            pending,
            reason: `${spec.name}: ${shown} is beyond ${levelText(pending.level, level, spec.unit)} but not yet confirmed (held ${(0,src_config/* formatDuration */.a3)(Math.round(pending.held_s))} of ${(0,src_config/* formatDuration */.a3)(pending.for_s)}${against && level.for === undefined ? `, ${BASELINE_CONFIRMATIONS} consecutive samples needed` : ''})`,
        };
    }
    const trend = trendSample(spec, measured, window, base, shown, true);
    if (trend)
        return trend;
    if (g.pass) {
        const pass = passByPoints(g.pass, measured, window, spec.unit);
        if (pass.met)
            return { ...base, status: 'pass', reason: `${spec.name}: ${shown}; ${pass.tally}` };
        return {
            ...base,
            status: 'within',
            reason: `${spec.name}: ${shown}; not a pass yet, ${pass.why}: ${pass.tally}`,
        };
    }
    return {
        ...base,
        status: 'pass',
        reason: `${spec.name}: ${shown}, no breach of ${base.thresholds.join(', ')}${against ? ' (test: none, point comparison)' : ''}`,
    };
}
function stagePolicy(stage) {
    const plannedSamples = Math.max(1, Math.ceil(stage.duration / stage.interval - 1e-9));
    return {
        durationS: stage.duration,
        intervalS: stage.interval,
        holdS: stage.hold ?? DEFAULT_HOLD_S,
        maxHolds: stage.max_holds ?? DEFAULT_MAX_HOLDS,
        onSoft: stage.on_soft ?? 'hold',
        onNoData: stage.on_no_data ?? 'hold',
        maxNoData: stage.max_no_data ?? DEFAULT_MAX_NO_DATA,
        plannedSamples,
        minSamples: stage.min_samples ?? plannedSamples,
    };
}
/** What the guardrail rules and the judge know of the stage's window (the same in a run and in a backtest). */
function windowContext(policy, startedAt) {
    return {
        startedAt,
        durationS: policy.durationS,
        intervalS: policy.intervalS,
        holdS: policy.holdS,
        plannedSamples: policy.plannedSamples,
        maxHolds: policy.maxHolds,
    };
}
function initialProgress(policy, startedAt) {
    return {
        startedAt,
        endsAt: startedAt + policy.durationS * 1000,
        holds: 0,
        holdUntil: null,
        consecutiveNoData: 0,
        noDataExtensions: 0,
        samples: 0,
        measuredSamples: 0,
    };
}
/** The time of the next sample: one interval on, but never past the end of the window (which gets a sample). */
function nextSampleAt(policy, progress, lastAt) {
    const from = lastAt ?? progress.startedAt;
    return Math.min(from + policy.intervalS * 1000, Math.max(progress.endsAt, from + 1));
}
/** The reason a window ends without PROCEED when it could not see the regression its plan asks it to see. */
const TOO_LITTLE_TRAFFIC = 'too little traffic to judge';
/** "could detect >= +63% at 98% (min_detectable 40%)". */
function powerText(power) {
    const conf = `${Number((power.confidence * 100).toPrecision(4))}%`;
    const seen = power.min_detectable_pct === null
        ? `could not detect any change yet at ${conf}`
        : `could detect ${power.min_detectable_pct >= 0 ? '≥ +' : '≤ '}${Number(power.min_detectable_pct.toPrecision(3))}% at ${conf}`;
    return power.required_pct === undefined ? seen : `${seen} (min_detectable ${power.required_pct}%)`;
}
/** "leans toward a hard breach", with the judge's p-value as it is shown: the same words in a hold and a PROCEED. */
function leanWords(leaning) {
    return { lean: `leans toward a ${leaning.level} breach`, p: Number(leaning.p_value.toPrecision(2)) };
}
/** "leans toward a hard breach (judge p=0.041 <= 0.2, not yet at the confidence asked): held for more evidence". */
function leaningText(leaning) {
    const { lean, p } = leanWords(leaning);
    return `${lean} (judge p=${p} <= ${LEANING_P}, not yet at the confidence asked): held for more evidence`;
}
/** Leans left when the holds are used up: said in the PROCEED reason, since they were the reason for the holds. */
function stillLeaning(guardrails) {
    const leaning = guardrails.filter((g) => g.leaning);
    if (!leaning.length)
        return '';
    const each = leaning.map((g) => {
        const { lean, p } = leanWords(g.leaning);
        return `${g.name} still ${lean} at judge p=${p}`;
    });
    return ` (with every hold used, ${each.join(', ')}; the judge finds no breach at the confidence asked)`;
}
const ACTION_DECISION = {
    hold: 'HOLD',
    review: 'REVIEW',
    rollback: 'ROLLBACK',
};
/**
 * Combines one sample's guardrail statuses with the stage state. Order of severity, worst wins:
 * ROLLBACK (hard breach; soft with on_soft rollback; max_no_data consecutive unmeasurable samples; on_no_data
 * rollback) > REVIEW (soft with on_soft review; on_no_data review; holds exhausted) > HOLD (soft with on_soft
 * hold; trend; an unmeasurable sample; window complete without every pass) > PROCEED. PROCEED is returned from
 * exactly one place, after the window is complete and every condition for it has been checked.
 */
function decide(policy, before, input) {
    const p = { ...before, samples: before.samples + 1 };
    const { at, guardrails } = input;
    const noData = guardrails.filter((g) => g.status === 'no-data');
    p.consecutiveNoData = noData.length ? p.consecutiveNoData + 1 : 0;
    if (!noData.length)
        p.measuredSamples++;
    const finals = [];
    const holds = [];
    for (const g of guardrails) {
        if (g.status === 'hard')
            finals.push({ decision: 'ROLLBACK', reason: `hard breach: ${g.reason}`, guardrails: [g.name] });
        if (g.status === 'soft') {
            const action = input.onSoft[g.name] ?? policy.onSoft;
            const call = {
                decision: ACTION_DECISION[action],
                reason: `soft breach (on_soft: ${action}): ${g.reason}`,
                guardrails: [g.name],
            };
            (action === 'hold' ? holds : finals).push(call);
        }
        if (g.status === 'trend')
            holds.push({ decision: 'HOLD', reason: `trend: ${g.reason}`, guardrails: [g.name] });
    }
    if (noData.length) {
        const names = noData.map((g) => g.name);
        const detail = noData.map((g) => g.reason).join('; ');
        if (p.consecutiveNoData >= policy.maxNoData) {
            finals.push({
                decision: 'ROLLBACK',
                reason: `${p.consecutiveNoData} consecutive unmeasurable samples (max_no_data ${policy.maxNoData}): ${detail}`,
                guardrails: names,
            });
        }
        else if (policy.onNoData !== 'hold') {
            finals.push({
                decision: ACTION_DECISION[policy.onNoData],
                reason: `unmeasurable sample (on_no_data: ${policy.onNoData}): ${detail}`,
                guardrails: names,
            });
        }
    }
    const final = (0,types/* worstOf */.hm)(finals.map((c) => c.decision));
    if (final) {
        const worst = finals.filter((c) => c.decision === final);
        return {
            progress: p,
            state: 'decided',
            decision: final,
            reason: worst.map((c) => c.reason).join(' | '),
            triggeredBy: [...new Set(worst.flatMap((c) => c.guardrails))],
        };
    }
    const notes = [];
    const triggered = [];
    if (noData.length) {
        // The lost sample is replaced: the window grows by one interval (at most plannedSamples times in all).
        if (p.noDataExtensions < policy.plannedSamples) {
            p.noDataExtensions++;
            p.endsAt += policy.intervalS * 1000;
        }
        notes.push(`unmeasurable sample ${p.consecutiveNoData}/${policy.maxNoData} in a row (on_no_data: hold; ROLLBACK at ${policy.maxNoData}): ${noData.map((g) => g.reason).join('; ')}`);
        triggered.push(...noData.map((g) => g.name));
    }
    const applyHold = (why, names) => {
        if (p.holdUntil !== null && at < p.holdUntil) {
            notes.push(`on hold ${p.holds}/${policy.maxHolds} until ${iso(p.holdUntil)}: ${why}`);
            triggered.push(...names);
            return undefined;
        }
        if (p.holds >= policy.maxHolds) {
            return {
                progress: p,
                state: 'decided',
                decision: 'REVIEW',
                reason: `hold limit reached (${p.holds} of max_holds ${policy.maxHolds} used), a human must decide: ${why}`,
                triggeredBy: [...new Set([...triggered, ...names])],
            };
        }
        p.holds++;
        p.holdUntil = at + policy.holdS * 1000;
        p.endsAt = Math.max(p.endsAt, p.holdUntil);
        notes.push(`HOLD ${p.holds}/${policy.maxHolds} for ${(0,src_config/* formatDuration */.a3)(policy.holdS)} (window now ends ${iso(p.endsAt)}): ${why}`);
        triggered.push(...names);
        return undefined;
    };
    if (holds.length) {
        const review = applyHold(holds.map((h) => h.reason).join(' | '), holds.flatMap((h) => h.guardrails));
        if (review)
            return review;
    }
    if (at >= p.endsAt) {
        // A lean toward a breach holds the window for more evidence while holds remain; with none left the stage
        // goes on the judge's verdict, which found no breach (a lean is not evidence at the stage's confidence).
        const canHold = p.holds < policy.maxHolds;
        const blockers = guardrails.filter((g) => !types/* PROCEEDING_STATUSES */.Yq.includes(g.status) ||
            g.power?.enough === false ||
            (canHold && g.leaning !== undefined));
        const problems = blockers.map((g) => !types/* PROCEEDING_STATUSES */.Yq.includes(g.status)
            ? `${g.name} ${g.status}: ${g.reason}`
            : g.power?.enough === false
                ? `${g.name}: ${TOO_LITTLE_TRAFFIC}: ${powerText(g.power)}`
                : `${g.name}: ${leaningText(g.leaning)}`);
        if (p.measuredSamples < policy.minSamples) {
            problems.push(`only ${p.measuredSamples} fully measured samples (min_samples ${policy.minSamples})`);
        }
        if (problems.length === 0 && holds.length === 0 && noData.length === 0) {
            return {
                progress: p,
                state: 'decided',
                decision: 'PROCEED',
                reason: `stage window complete (${(0,src_config/* formatDuration */.a3)(Math.round((at - p.startedAt) / 1000))}, ${p.measuredSamples} measured samples, ${p.holds} hold${p.holds === 1 ? '' : 's'}): every guardrail passes: ${guardrails.map((g) => g.reason).join('; ')}${stillLeaning(guardrails)}`,
                triggeredBy: [],
            };
        }
        const review = applyHold(`window complete without every pass criterion met: ${problems.join('; ')}`, blockers.map((g) => g.name));
        if (review)
            return review;
    }
    const holding = (p.holdUntil !== null && at < p.holdUntil) || noData.length > 0;
    const passing = guardrails.filter((g) => g.status === 'pass').length;
    return {
        progress: p,
        state: holding ? 'holding' : 'sampling',
        decision: holding ? 'HOLD' : null,
        reason: notes.length
            ? notes.join(' | ')
            : `sampling: ${passing}/${guardrails.length} guardrails pass; window ends ${iso(p.endsAt)}${guardrails.some((g) => g.status !== 'pass')
                ? `; ${guardrails
                    .filter((g) => g.status !== 'pass')
                    .map((g) => `${g.name} ${g.status}`)
                    .join(', ')}`
                : ''}`,
        triggeredBy: [...new Set(triggered)],
    };
}
/** Severity of a per-sample outcome, for sorting and for tests of the order. */
function severityOf(decision) {
    return decision === null ? -1 : SEVERITY[decision];
}

// EXTERNAL MODULE: ./src/gate/query.ts
var gate_query = __webpack_require__(93875);
;// CONCATENATED MODULE: ./src/gate/ratio-counts.ts
/**
 * The counters behind a ratio query, derived from the query itself.
 *
 * A ratio of two counter rates, `sum(rate(failures[1m])) / sum(rate(requests[1m]))`, is a rate of events per
 * request; judged as a series of per-interval ratios it loses the traffic each ratio rests on (0/3 and 0/3000
 * weigh the same). When the query has exactly that shape, the events and the totals are the same selectors under
 * `sum(increase(...[interval]))`, with the range set to the stage interval so consecutive samples neither overlap
 * nor leave gaps, and the exact counts test can judge them. Shapes recognised (whitespace free):
 *
 *   [k *] sum [by|without (labels)] ( rate|increase ( selector[range] ) ) [by|without (labels)]
 *       / sum ...same... [* k]
 *
 * where selector is `name{matchers}`, `name` or `{matchers}` (an `offset` after the range is kept), and either side
 * may be wrapped in parentheses.
 * Anything else (a quantile, a gauge, an extra binary operator, or a stage interval shorter than the query's own
 * range) is not decomposed: the guardrail keeps its series test, the record says why, and `validate` advises
 * declaring `counts:`.
 */

class Scanner {
    text;
    pos = 0;
    constructor(text) {
        this.text = text;
    }
    skipSpace() {
        while (this.pos < this.text.length && /\s/.test(this.text[this.pos]))
            this.pos++;
    }
    peek() {
        this.skipSpace();
        return this.text[this.pos] ?? '';
    }
    eat(token) {
        this.skipSpace();
        if (this.text.startsWith(token, this.pos)) {
            this.pos += token.length;
            return true;
        }
        return false;
    }
    /** An identifier, metric name or keyword ([a-zA-Z_:][a-zA-Z0-9_:]*). */
    word() {
        this.skipSpace();
        const m = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(this.text.slice(this.pos));
        if (!m)
            return undefined;
        this.pos += m[0].length;
        return m[0];
    }
    keyword(word) {
        const start = this.pos;
        if (this.word()?.toLowerCase() === word)
            return true;
        this.pos = start;
        return false;
    }
    number() {
        this.skipSpace();
        const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos));
        if (!m)
            return undefined;
        this.pos += m[0].length;
        return Number(m[0]);
    }
    /** The text up to the matching close bracket, skipping quoted strings (label values may hold brackets). */
    balanced(open, close) {
        if (!this.eat(open))
            return undefined;
        const start = this.pos;
        let depth = 1;
        while (this.pos < this.text.length) {
            const c = this.text[this.pos];
            if (c === '"' || c === "'" || c === '`') {
                const quote = c;
                this.pos++;
                while (this.pos < this.text.length && this.text[this.pos] !== quote) {
                    if (this.text[this.pos] === '\\' && quote !== '`')
                        this.pos++;
                    this.pos++;
                }
            }
            else if (c === open)
                depth++;
            else if (c === close && --depth === 0) {
                const inner = this.text.slice(start, this.pos);
                this.pos++;
                return inner;
            }
            this.pos++;
        }
        return undefined;
    }
    done() {
        this.skipSpace();
        return this.pos >= this.text.length;
    }
}
function grouping(s) {
    const start = s.pos;
    for (const kw of ['by', 'without']) {
        if (s.keyword(kw)) {
            const labels = s.balanced('(', ')');
            if (labels === undefined) {
                s.pos = start;
                return undefined;
            }
            return `${kw} (${labels.trim()})`;
        }
    }
    return '';
}
/** `sum [by (..)] (rate|increase(selector[range])) [by (..)]`, optionally in parentheses. */
function sumOfRate(s) {
    if (s.peek() === '(') {
        const inner = s.balanced('(', ')');
        if (inner === undefined)
            return undefined;
        const nested = new Scanner(inner);
        const r = sumOfRate(nested);
        return r && nested.done() ? r : undefined;
    }
    if (!s.keyword('sum'))
        return undefined;
    const before = grouping(s);
    if (before === undefined)
        return undefined;
    const body = s.balanced('(', ')');
    if (body === undefined)
        return undefined;
    const after = grouping(s);
    if (after === undefined || (before && after))
        return undefined;
    const inner = new Scanner(body);
    const fn = inner.word();
    if (fn !== 'rate' && fn !== 'increase')
        return undefined;
    const args = inner.balanced('(', ')');
    if (args === undefined || !inner.done())
        return undefined;
    const sel = new Scanner(args);
    const name = sel.peek() === '{' ? '' : sel.word();
    if (name === undefined)
        return undefined;
    let matchers = '';
    if (sel.peek() === '{') {
        const m = sel.balanced('{', '}');
        if (m === undefined)
            return undefined;
        matchers = `{${m}}`;
    }
    if (!name && !matchers)
        return undefined;
    const range = sel.balanced('[', ']');
    if (range === undefined)
        return undefined;
    let offset = '';
    if (sel.keyword('offset')) {
        sel.skipSpace();
        const m = /^-?[0-9a-z]+/.exec(sel.text.slice(sel.pos));
        if (!m)
            return undefined;
        sel.pos += m[0].length;
        offset = ` offset ${m[0]}`;
    }
    if (!sel.done())
        return undefined;
    return { grouping: before || after, selector: `${name}${matchers}`, offset, range: range.trim() };
}
function countsQuery(side, intervalS) {
    const by = side.grouping ? ` ${side.grouping}` : '';
    return `sum${by}(increase(${side.selector}[${(0,src_config/* formatDuration */.a3)(intervalS)}]${side.offset}))`;
}
/** Whether the query divides at its top level (outside brackets and strings). */
function hasTopLevelDivision(text) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"' || c === "'" || c === '`') {
            const quote = c;
            i++;
            while (i < text.length && text[i] !== quote) {
                if (text[i] === '\\' && quote !== '`')
                    i++;
                i++;
            }
        }
        else if (c === '(' || c === '{' || c === '[')
            depth++;
        else if (c === ')' || c === '}' || c === ']')
            depth--;
        else if (c === '/' && depth === 0)
            return true;
    }
    return false;
}
/**
 * The shape of a (rendered) query: counts derived for a ratio of sums of counter rates, with the stage interval
 * as their range; an opaque ratio; or not a ratio at all.
 */
function ratioShape(promql, intervalS) {
    const s = new Scanner(promql);
    let scale = 1;
    const lead = s.pos;
    const k = s.number();
    if (k !== undefined) {
        if (s.eat('*'))
            scale = k;
        else
            s.pos = lead;
    }
    const events = sumOfRate(s);
    if (events && s.eat('/')) {
        const total = sumOfRate(s);
        if (total) {
            if (s.eat('*')) {
                const k2 = s.number();
                if (k2 !== undefined)
                    scale *= k2;
                else
                    return opaque(promql);
            }
            if (s.done() && scale > 0) {
                const longest = Math.max((0,src_config/* parseDuration */.E9)(events.range) ?? Infinity, (0,src_config/* parseDuration */.E9)(total.range) ?? Infinity);
                // Counts are read over one stage interval so that looks neither overlap nor leave gaps; an interval
                // shorter than the query's own range may hold fewer than two scrapes, and its increase() is then empty.
                if (intervalS < longest) {
                    return {
                        kind: 'opaque-ratio',
                        reason: `the stage interval (${(0,src_config/* formatDuration */.a3)(intervalS)}) is shorter than the query's range [${events.range}], so counts over one interval may not hold two scrapes`,
                    };
                }
                return {
                    kind: 'counts',
                    counts: {
                        events: countsQuery(events, intervalS),
                        total: countsQuery(total, intervalS),
                        scale,
                    },
                };
            }
        }
    }
    return opaque(promql);
}
function opaque(promql) {
    if (!hasTopLevelDivision(promql))
        return { kind: 'not-a-ratio' };
    return {
        kind: 'opaque-ratio',
        reason: 'the query divides, but not as sum(rate(events[w])) / sum(rate(total[w])) (or increase, with by/matchers), so its counts cannot be derived',
    };
}
/**
 * `validate` advisories: a baseline guardrail on a ratio query that cannot be decomposed is judged as a series of
 * per-interval ratios, which weighs 0/3 like 0/3000. Each advisory names the guardrail and shows the `counts:`
 * block that would let the exact counts test judge it. Placeholders stay as written: the template is inspected.
 */
function countsAdvisories(plan) {
    const advisories = [];
    const interval = plan.stages.length ? Math.min(...plan.stages.map((s) => s.interval)) : 120;
    for (const [name, g] of Object.entries(plan.guardrails)) {
        if (g.against !== 'baseline' || g.test === 'none' || g.test === 'mann-whitney')
            continue;
        const def = plan.metrics.queries[g.metric];
        if (!def || def.counts)
            continue;
        const shape = ratioShape(def.query, interval);
        if (shape.kind !== 'opaque-ratio')
            continue;
        const range = formatDuration(interval);
        advisories.push(`guardrails.${name}: metric ${g.metric} is a ratio, but ${shape.reason}; it is judged as a series of per-interval ratios. ` +
            `To judge it on the events and the traffic behind them, add to metrics.queries.${g.metric}:\n` +
            `      counts:\n` +
            `        events: 'sum(increase(<failures counter>{${plan.metrics.tracks.label}="{{track}}"}[${range}]))'\n` +
            `        total: 'sum(increase(<requests counter>{${plan.metrics.tracks.label}="{{track}}"}[${range}]))'`);
    }
    return advisories;
}
/**
 * Whether the engine can derive counts from this query for some stage (its shape allows it; the interval is
 * checked per stage). For stand-in sources that must answer the counts queries the engine will ask.
 */
function queryDerivesCounts(query) {
    return ratioShape(query, Number.MAX_SAFE_INTEGER).kind === 'counts';
}

;// CONCATENATED MODULE: ./src/gate/stage-run.ts
/**
 * Drives one stage: sample every interval, evaluate, decide, stop as soon as a decision is made.
 * The only I/O is the metric source and the clock, both passed in, so the same loop is the live gate
 * (realClock + Prometheus), the replay of a past window (replayClock + Prometheus instant queries at time=t)
 * and the simulation (virtualClock + a synthetic or recorded source).
 */







function findStage(plan, stage) {
    if (typeof stage !== 'string') {
        const index = plan.stages.indexOf(stage);
        return { config: stage, index: index >= 0 ? index : plan.stages.findIndex((s) => s.name === stage.name) };
    }
    const index = plan.stages.findIndex((s) => s.name === stage);
    if (index < 0) {
        throw new src_config/* ConfigurationError */.j1(`--stage: "${stage}" is not a stage of the plan (one of: ${plan.stages.map((s) => s.name).join(', ')})`);
    }
    return { config: plan.stages[index], index };
}
/** Renders every query of the stage's guardrails once, up front: a bad placeholder fails before any sampling. */
function prepareGuardrails(plan, stage, version) {
    const ctx = (0,gate_query/* stageContext */.U1)(plan, stage, version);
    return stage.guardrails.map((name) => {
        const config = plan.guardrails[name];
        if (!config)
            throw new src_config/* ConfigurationError */.j1(`stages.${stage.name}.guardrails: "${name}" is not a guardrail of the plan`);
        const def = plan.metrics.queries[config.metric];
        if (!def)
            throw new src_config/* ConfigurationError */.j1(`guardrails.${name}.metric: "${config.metric}" is not a metric of metrics.queries`);
        const against = config.against === 'baseline';
        const q = (track) => ({
            metric: config.metric,
            track,
            query: (0,gate_query/* renderQuery */.no)(plan, config.metric, track, ctx),
        });
        const canary = q('canary');
        const baseline = against ? q('baseline') : undefined;
        const judged = against && config.test !== 'none' && config.test !== 'mann-whitney';
        const plannedCounts = judged
            ? countsFor(plan, stage, config.metric, ctx, canary.query, baseline.query)
            : undefined;
        const counts = plannedCounts && 'canary' in plannedCounts ? plannedCounts : undefined;
        return {
            spec: {
                name,
                config,
                metric: config.metric,
                unit: (0,metric_names/* unitOf */.u)(config.metric, def),
                query: { canary: canary.query, ...(baseline ? { baseline: baseline.query } : {}) },
                ...(counts
                    ? {
                        counts: {
                            source: counts.source,
                            scale: counts.scale,
                            events: counts.canary.events.query,
                            total: counts.canary.total.query,
                        },
                    }
                    : {}),
                ...(plannedCounts && 'seriesBecause' in plannedCounts
                    ? { seriesBecause: plannedCounts.seriesBecause }
                    : {}),
            },
            onSoft: config.on_soft ?? stage.on_soft ?? 'hold',
            canary,
            ...(baseline ? { baseline } : {}),
            ...(counts ? { counts: { canary: counts.canary, baseline: counts.baseline } } : {}),
        };
    });
}
/**
 * The counters a baseline ratio is judged on: declared with `counts:`, or derived from a query shaped
 * sum(rate(events)) / sum(rate(total)) (ratio-counts.ts). A ratio that cannot be decomposed is judged as a series,
 * and the record says why.
 */
function countsFor(plan, stage, metric, ctx, canaryPromql, baselinePromql) {
    const query = (track, part, promql) => ({
        metric: `${metric}.${part}`,
        track,
        query: promql,
    });
    if (plan.metrics.queries[metric].counts) {
        const side = (track) => {
            const r = (0,gate_query/* renderCountsQueries */.f6)(plan, metric, track, ctx);
            return { events: query(track, 'events', r.events), total: query(track, 'total', r.total) };
        };
        return { source: 'declared', scale: 1, canary: side('canary'), baseline: side('baseline') };
    }
    const canary = ratioShape(canaryPromql, stage.interval);
    const baseline = ratioShape(baselinePromql, stage.interval);
    if (canary.kind === 'counts' && baseline.kind === 'counts') {
        return {
            source: 'derived',
            scale: canary.counts.scale,
            canary: {
                events: query('canary', 'events', canary.counts.events),
                total: query('canary', 'total', canary.counts.total),
            },
            baseline: {
                events: query('baseline', 'events', baseline.counts.events),
                total: query('baseline', 'total', baseline.counts.total),
            },
        };
    }
    if (canary.kind === 'opaque-ratio') {
        return {
            seriesBecause: `${canary.reason}: declare metrics.queries.${metric}.counts to judge it on counts`,
        };
    }
    return undefined;
}
function toReading(m) {
    return m.ok ? { ok: true, value: m.value } : { ok: false, reason: m.reason, message: m.message };
}
/** Reads every query of one sample at time `at`, each distinct query once, all in parallel. */
async function observe(source, prepared, at) {
    const cache = new Map();
    const read = (q) => {
        const key = `${q.metric}\u0000${q.track}\u0000${q.query}`;
        let pending = cache.get(key);
        if (!pending) {
            // A source must not throw for data problems; if one does anyway, that is still an unmeasurable sample.
            pending = source.instant(q, at).catch((e) => ({
                ok: false,
                reason: 'query-error',
                message: `${source.describe()}: ${e.message}`,
                at,
                query: q.query,
            }));
            cache.set(key, pending);
        }
        return pending;
    };
    return Promise.all(prepared.map(async (g) => {
        const [canary, baseline, counts] = await Promise.all([
            read(g.canary),
            g.baseline ? read(g.baseline) : undefined,
            g.counts
                ? Promise.all([
                    read(g.counts.canary.events),
                    read(g.counts.canary.total),
                    read(g.counts.baseline.events),
                    read(g.counts.baseline.total),
                ])
                : undefined,
        ]);
        const o = { at: at.getTime(), canary: toReading(canary) };
        if (baseline)
            o.baseline = toReading(baseline);
        if (counts)
            o.counts = toCounts(counts);
        return o;
    }));
}
function toCounts([ce, ct, be, bt]) {
    const all = [ce, ct, be, bt];
    const bad = all.findIndex((m) => !m.ok);
    if (bad >= 0) {
        const m = all[bad];
        return { ok: false, track: bad < 2 ? 'canary' : 'baseline', reason: m.reason, message: m.message };
    }
    const v = all.map((m) => m.value);
    return { ok: true, canaryEvents: v[0], canaryTotal: v[1], baselineEvents: v[2], baselineTotal: v[3] };
}
function maxSamples(policy) {
    // Every extension is bounded: holds by max_holds (+1 for the window-end hold), no-data by plannedSamples.
    return (policy.plannedSamples * 2 + Math.ceil(((policy.maxHolds + 1) * policy.holdS) / policy.intervalS) + 10);
}
function stage_run_summarize(prepared, samples) {
    const last = samples[samples.length - 1];
    return prepared.map((g) => {
        const counts = {};
        for (const s of samples) {
            const gs = s.guardrails.find((x) => x.name === g.spec.name);
            if (gs)
                counts[gs.status] = (counts[gs.status] ?? 0) + 1;
        }
        const latest = last?.guardrails.find((x) => x.name === g.spec.name);
        return {
            name: g.spec.name,
            metric: g.spec.metric,
            against: g.spec.config.against === 'baseline' ? 'baseline' : null,
            status: latest?.status ?? 'no-data',
            reason: latest?.reason ?? `${g.spec.name}: not sampled before the run stopped`,
            values: latest?.values ?? { canary: null, baseline: null },
            thresholds: latest?.thresholds ?? [],
            query: g.spec.query,
            counts,
            ...(latest?.judge?.[0]?.test_reason ? { test: latest.judge[0].test_reason } : {}),
            ...(latest?.power ? { power: latest.power } : {}),
        };
    });
}
async function runStage(options) {
    const { plan, source, clock } = options;
    const { config: stage, index: stageIndex } = findStage(plan, options.stage);
    const policy = stagePolicy(stage);
    const prepared = prepareGuardrails(plan, stage, options.version);
    const startedAt = (options.startAt ?? clock.now()).getTime();
    const t0 = (options.releaseStartedAt ?? new Date(startedAt)).getTime();
    const window = windowContext(policy, startedAt);
    const histories = prepared.map(() => []);
    const samples = [];
    let progress = initialProgress(policy, startedAt);
    let lastAt;
    const limit = maxSamples(policy);
    const finish = (decision, reason, decidedAt, triggeredBy) => ({
        decision,
        decided_at: new Date(decidedAt).toISOString(),
        reason,
        stage: {
            name: stage.name,
            index: stageIndex,
            traffic: stage.traffic,
            duration_s: stage.duration,
            interval_s: stage.interval,
        },
        source: source.describe(),
        mode: options.mode ?? 'live',
        samples,
        guardrails: stage_run_summarize(prepared, samples),
        holds: progress.holds,
        started_at: new Date(startedAt).toISOString(),
        ended_at: new Date(lastAt ?? startedAt).toISOString(),
        triggered_by: triggeredBy,
    });
    // The last sample's outcome, so a run stopped while holding still says what it was holding for.
    let lastOutcome;
    const stopped = (why, at) => {
        const holding = lastOutcome?.state === 'holding' ? `; it was holding: ${lastOutcome.reason}` : '';
        return finish('HOLD', `${why} before the stage window completed (it ends ${new Date(progress.endsAt).toISOString()}, ${progress.measuredSamples} measured samples so far): a run stopped early is not a pass${holding}`, at, holding ? lastOutcome.triggeredBy : []);
    };
    for (let n = 0; n < limit; n++) {
        const at = nextSampleAt(policy, progress, lastAt);
        if (options.until && at > options.until.getTime())
            return stopped(`stopped at --to ${options.until.toISOString()}`, lastAt ?? startedAt);
        try {
            await clock.sleepUntil(new Date(at), options.signal);
        }
        catch (e) {
            if (e instanceof platform_clock/* AbortedError */.oM)
                return stopped(`stopped (${e.message})`, clock.now().getTime());
            throw e;
        }
        const observations = await observe(source, prepared, new Date(at));
        observations.forEach((o, i) => histories[i].push(o));
        const statuses = prepared.map((g, i) => evaluateGuardrail(g.spec, histories[i], window));
        const outcome = decide(policy, progress, {
            at,
            guardrails: statuses,
            onSoft: Object.fromEntries(prepared.map((g) => [g.spec.name, g.onSoft])),
        });
        progress = outcome.progress;
        lastOutcome = outcome;
        lastAt = at;
        const record = {
            index: samples.length + 1,
            at: new Date(at).toISOString(),
            elapsed_s: (at - startedAt) / 1000,
            state: outcome.state,
            decision: outcome.decision,
            reason: outcome.reason,
            measured: statuses.every((s) => s.status !== 'no-data'),
            holds: progress.holds,
            window_ends_at: new Date(progress.endsAt).toISOString(),
            guardrails: statuses,
            warroom: (0,warroom/* warroomLine */.Yj)({
                elapsedS: (at - t0) / 1000,
                stageIndex,
                traffic: stage.traffic,
                guardrails: statuses,
                queries: plan.metrics.queries,
                state: outcome.state,
                decision: outcome.decision,
                seconds: policy.intervalS < 60,
            }),
        };
        samples.push(record);
        await options.onSample?.(record);
        if (outcome.state === 'decided' && outcome.decision)
            return finish(outcome.decision, outcome.reason, at, outcome.triggeredBy);
    }
    throw new Error(`runStage(${stage.name}): no decision after ${limit} samples (the engine's own bound; this is a bug)`);
}

// EXTERNAL MODULE: ./src/notify/index.ts + 8 modules
var notify = __webpack_require__(72599);
// EXTERNAL MODULE: ./src/evidence/release-evidence.ts + 2 modules
var release_evidence = __webpack_require__(27622);
// EXTERNAL MODULE: ./src/evidence/stage-results.ts
var stage_results = __webpack_require__(42116);
;// CONCATENATED MODULE: ./src/traffic/types.ts
/** A stage's `traffic` (a weight or per-flow shares) as a Share. */
function types_shareOf(traffic) {
    if (typeof traffic === 'number')
        return { weight: traffic };
    return { weight: Math.max(0, ...Object.values(traffic)), flows: { ...traffic } };
}
function types_formatShare(share) {
    if (!share.flows)
        return `${share.weight}%`;
    return Object.entries(share.flows)
        .map(([flow, w]) => `${flow} ${w}%`)
        .join(', ');
}
class TrafficError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TrafficError';
    }
}
/** Read-backs are compared with a tolerance for providers that store weights as text or floats. */
function sameWeight(a, b) {
    return Math.abs(a - b) < 1e-9;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/git/git-command-manager.ts + 1 modules
var git_command_manager = __webpack_require__(23800);
// EXTERNAL MODULE: ./src/git/push-loop.ts
var push_loop = __webpack_require__(37993);
// EXTERNAL MODULE: ./src/git/remote.ts
var remote = __webpack_require__(60668);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/traffic/yaml-field.ts
/**
 * Setting one scalar in a YAML file without touching anything else: the new value is spliced into the source
 * text at the scalar's own range (found with the `yaml` package's Document API), so comments, key order, quoting
 * and indentation stay byte for byte as the author wrote them, and the Git diff is one line.
 */


/**
 * `spec.traffic.canary`, `spec.routes[0].weight` or `spec.routes.0.weight`, and keys with dots in brackets:
 * `metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"]`.
 */
function parseFieldPath(field, name = 'traffic.gitops.field') {
    const out = [];
    const pattern = /([^.[\]]+)|\[(\d+)\]|\["([^"]+)"\]|\['([^']+)'\]/gy;
    let expectSegment = true;
    let i = 0;
    while (i < field.length) {
        if (field[i] === '.' && !expectSegment) {
            i++;
            expectSegment = true;
            continue;
        }
        pattern.lastIndex = i;
        const m = pattern.exec(field);
        if (!m)
            break;
        if (m[1] !== undefined) {
            if (!expectSegment)
                break;
            out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
        }
        else if (m[2] !== undefined)
            out.push(Number(m[2]));
        else
            out.push((m[3] ?? m[4]));
        expectSegment = false;
        i = pattern.lastIndex;
    }
    if (i !== field.length || out.length === 0 || expectSegment) {
        throw new src_config/* ConfigurationError */.j1(`${name}: "${field}" is not a field path (expected dotted keys such as spec.traffic.canary, [0] for list items, ["a.b"] for keys with dots)`);
    }
    return out;
}
function locate(text, pathSegments, field, file) {
    const docs = (0,dist.parseAllDocuments)(text);
    const hits = [];
    for (const [i, doc] of docs.entries()) {
        if (!('errors' in doc) || doc.errors.length > 0)
            throw new src_config/* ConfigurationError */.j1(`traffic.gitops.file: ${file} document ${i + 1} is not valid YAML`);
        if (!doc.hasIn(pathSegments))
            continue;
        const node = doc.getIn(pathSegments, true);
        if (!(0,dist.isScalar)(node) || !node.range) {
            throw new src_config/* ConfigurationError */.j1(`traffic.gitops.field: ${field} in ${file} is not a scalar value (expected a number such as 25)`);
        }
        hits.push(node);
    }
    if (hits.length !== 1) {
        throw new src_config/* ConfigurationError */.j1(hits.length === 0
            ? `traffic.gitops.field: ${file} has no ${field} (the field must exist; a misspelt path must not add a new key)`
            : `traffic.gitops.field: ${field} occurs in ${hits.length} documents of ${file} (expected exactly one)`);
    }
    return hits[0];
}
function readYamlField(text, field, file) {
    return locate(text, parseFieldPath(field), field, file).value;
}
function setYamlField(text, field, value, file) {
    const node = locate(text, parseFieldPath(field), field, file);
    const [start, end] = node.range;
    let written;
    switch (node.type) {
        case dist.Scalar.QUOTE_DOUBLE:
            written = `"${value}"`;
            break;
        case dist.Scalar.QUOTE_SINGLE:
            written = `'${value}'`;
            break;
        case dist.Scalar.PLAIN:
        case undefined:
            written = String(value);
            break;
        default:
            throw new src_config/* ConfigurationError */.j1(`traffic.gitops.field: ${field} in ${file} is a block scalar (expected a plain or quoted number)`);
    }
    return text.slice(0, start) + written + text.slice(end);
}

;// CONCATENATED MODULE: ./src/traffic/gitops.ts
/**
 * The GitOps provider (canary routing with immutable manifests checked into Git): the weight is a
 * field of a YAML manifest in a repository; it is set in a fresh clone of the branch (comments and formatting kept,
 * see yaml-field.ts), committed and pushed with real git. The same weight again makes no commit. A push rejected
 * because someone else pushed first is never forced: the branch is fetched again and the edit re-applied, a
 * bounded number of times.
 */









const FLOW = /\{\{\s*flow\s*\}\}/;
function createGitopsProvider(settings, deps = {}) {
    const cwd = deps.cwd ?? process.cwd();
    const factory = deps.git ?? git_command_manager/* createGitCommandManager */.xX;
    const log = deps.log ?? (() => undefined);
    const maxAttempts = deps.maxAttempts ?? 4;
    const file = settings.file.replace(/^\.\//, '');
    if (external_node_path_default().posix.isAbsolute(file) || file.split('/').includes('..')) {
        throw new src_config/* ConfigurationError */.j1(`traffic.gitops.file: "${settings.file}" must be a path inside the repository (relative, no "..")`);
    }
    const resolveRemote = async () => {
        if (settings.remote)
            return (0,remote/* normalizeRemote */.e$)(settings.remote, cwd);
        const probe = factory({ workingDirectory: cwd, remote: '', log });
        const result = await probe.exec(['remote', 'get-url', 'origin'], { allowFailure: true });
        const url = result.stdout.trim();
        if (result.exitCode !== 0 || !url) {
            throw new src_config/* ConfigurationError */.j1(`traffic.gitops.remote: not given and ${cwd} has no "origin" remote (expected a git URL or path)`);
        }
        return (0,remote/* normalizeRemote */.e$)(url, cwd);
    };
    /** A clone of the branch in a temp dir; `work` gets it, the dir is removed afterwards. */
    const withClone = async (work) => {
        const remote = await resolveRemote();
        const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'canary-gitops-'));
        try {
            const git = factory({
                workingDirectory: dir,
                remote,
                ...(deps.token ? { token: deps.token } : {}),
                log,
            });
            await git.init();
            let branch = settings.branch;
            if (!branch) {
                const head = await git.exec(['ls-remote', '--symref', 'origin', 'HEAD'], { network: true });
                branch = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(head.stdout)?.[1];
                if (!branch)
                    throw new src_config/* ConfigurationError */.j1('traffic.gitops.branch: not given and the remote has no default branch (HEAD)');
            }
            return await work(git, branch, dir);
        }
        finally {
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
    };
    const fieldsFor = (share, ctx) => {
        const context = (weight, flow) => ({
            version: ctx.version,
            weight,
            ...(ctx.stage ? { stage: ctx.stage } : {}),
            ...(flow ? { flow } : {}),
        });
        if (!FLOW.test(settings.field))
            return [
                {
                    field: (0,src_config/* renderTemplate */.Xm)(settings.field, context(share.weight), 'traffic.gitops.field'),
                    weight: share.weight,
                },
            ];
        const flows = Object.entries(share.flows ?? {});
        if (flows.length === 0)
            throw new src_config/* ConfigurationError */.j1('traffic.gitops.field mentions {{flow}} but this share has no per-flow values');
        return flows.map(([flow, weight]) => ({
            field: (0,src_config/* renderTemplate */.Xm)(settings.field, context(weight, flow), 'traffic.gitops.field'),
            weight,
            flow,
        }));
    };
    const checkout = async (git, branch) => {
        const tip = await git.fetchBranchIfExists(branch, 1);
        if (!tip)
            throw new src_config/* ConfigurationError */.j1(`traffic.gitops.branch: the remote has no branch "${branch}"`);
        await git.resetBranchTo(branch, `refs/remotes/origin/${branch}`);
        return tip;
    };
    const readFileAt = async (dir) => {
        try {
            return await (0,promises_.readFile)(external_node_path_default().join(dir, ...file.split('/')), 'utf8');
        }
        catch (e) {
            if (e.code === 'ENOENT')
                throw new src_config/* ConfigurationError */.j1(`traffic.gitops.file: ${file} does not exist on the branch`);
            throw e;
        }
    };
    const readBackOf = (text, fields) => {
        const values = fields.map((f) => ({ ...f, value: Number(readYamlField(text, f.field, file)) }));
        if (values.length === 1 && !values[0].flow)
            return values[0].value;
        return Object.fromEntries(values.map((v) => [v.flow, v.value]));
    };
    return {
        describe: () => `gitops ${file} ${settings.field}${settings.branch ? ` on ${settings.branch}` : ''}`,
        async read(ctx) {
            return withClone(async (git, branch, dir) => {
                await checkout(git, branch);
                const text = await readFileAt(dir);
                if (FLOW.test(settings.field))
                    throw new TrafficError('traffic.gitops: a per-flow field is read back by set(), which knows the flows');
                return Number(readYamlField(text, (0,src_config/* renderTemplate */.Xm)(settings.field, { version: ctx.version }, 'traffic.gitops.field'), file));
            });
        },
        async set(share, ctx) {
            const fields = fieldsFor(share, ctx);
            const what = fields.map((f) => `${f.field}=${f.weight}`).join(', ');
            if (ctx.dryRun)
                return { applied: false, detail: `dry-run: would commit ${file} ${what}` };
            return withClone(async (git, branch, dir) => {
                const pushed = await (0,push_loop/* pushWithRetries */.bZ)({
                    git,
                    branch,
                    maxAttempts,
                    onRejected: (reason, attempt) => log(`gitops: push to ${branch} rejected (${reason}); fetching and re-applying (attempt ${attempt}/${maxAttempts})`),
                    round: async () => {
                        const tip = await checkout(git, branch);
                        const before = await readFileAt(dir);
                        let after = before;
                        for (const f of fields)
                            after = setYamlField(after, f.field, f.weight, file);
                        if (after === before) {
                            return {
                                kind: 'unchanged',
                                result: {
                                    applied: true,
                                    changed: false,
                                    readBack: readBackOf(before, fields),
                                    detail: `${file} already has ${what} at ${tip.slice(0, 12)} on ${branch}; no commit`,
                                },
                            };
                        }
                        await (0,promises_.writeFile)(external_node_path_default().join(dir, ...file.split('/')), after, 'utf8');
                        await git.stagePaths([file]);
                        const release = ctx.service ? `${ctx.service} v${ctx.version}` : `v${ctx.version}`;
                        const message = `traffic(${release}): ${what}${ctx.stage ? ` (stage ${ctx.stage})` : ''}\n\nSet by canary-conductor in ${file}.\n`;
                        const commit = await git.commit(message, deps.identity ?? push_loop/* DEFAULT_IDENTITY */.FK, deps.clock?.now());
                        return {
                            kind: 'commit',
                            onPushed: async () => {
                                const readBack = readBackOf(await readFileAt(dir), fields);
                                for (const f of fields) {
                                    const value = typeof readBack === 'number' ? readBack : readBack[f.flow];
                                    if (!sameWeight(value ?? NaN, f.weight))
                                        throw new TrafficError(`traffic.gitops: ${f.field} reads ${value} after setting ${f.weight}`);
                                }
                                return {
                                    applied: true,
                                    changed: true,
                                    readBack,
                                    detail: `committed ${file} ${what} as ${commit.slice(0, 12)} and pushed to ${branch}`,
                                };
                            },
                        };
                    },
                });
                if (pushed.status === 'done')
                    return pushed.result;
                throw new TrafficError(`traffic.gitops: push to ${branch} was rejected ${maxAttempts} times (last: ${pushed.lastReason}); nothing was forced`);
            });
        },
    };
}

;// CONCATENATED MODULE: ./src/traffic/http.ts
/**
 * The feature-flag provider (as one would call it by hand: `curl -X POST .../api/features/rollout -d '{"feature":"v1.4.0","percentage":1}'`).
 * The body, URL and headers are templates (`{{weight}}`, `{{version}}`, `{{stage}}`, `{{flow}}`); the token comes
 * from an environment variable as a bearer header and is never part of a detail, log line or error.
 *
 * Per-flow shares: when the URL or body mentions `{{flow}}`, one request per flow is sent with that flow's share as
 * `{{weight}}`; otherwise one request carries the whole-canary weight.
 */


const DEFAULT_HTTP_BODY = '{"version":"{{version}}","weight":{{weight}}}';
const WEIGHT_KEYS = ['weight', 'percentage', 'percent', 'canary_weight', 'rollout'];
/** The weight in a read-back answer: a bare number, or the first of weight/percentage/percent/canary_weight/rollout. */
function weightFromAnswer(answer) {
    if (typeof answer === 'number' && Number.isFinite(answer))
        return answer;
    if (typeof answer === 'string' && Number.isFinite((0,src_config/* parseDecimal */.$Q)(answer)))
        return (0,src_config/* parseDecimal */.$Q)(answer);
    if (answer && typeof answer === 'object') {
        for (const key of WEIGHT_KEYS) {
            const value = weightFromAnswer(answer[key]);
            if (value !== undefined)
                return value;
        }
    }
    return undefined;
}
function createHttpProvider(settings, deps = {}) {
    const doFetch = deps.fetch ?? fetch;
    const env = deps.env ?? process.env;
    const timeoutMs = deps.timeoutMs ?? 10_000;
    const bodyTemplate = settings.body ?? DEFAULT_HTTP_BODY;
    const perFlow = /\{\{\s*flow\s*\}\}/.test(settings.url + bodyTemplate);
    const authHeaders = () => {
        if (!settings.token_env)
            return {};
        const token = env[settings.token_env];
        if (!token)
            throw new src_config/* ConfigurationError */.j1(`traffic.http.token_env: environment variable ${settings.token_env} is not set (expected the feature-flag API token)`);
        return { authorization: `Bearer ${token}` };
    };
    const contextFor = (ctx, weight, flow) => ({
        version: ctx.version,
        weight,
        ...(ctx.stage ? { stage: ctx.stage } : {}),
        ...(ctx.service ? { service: ctx.service } : {}),
        ...(flow ? { flow } : {}),
    });
    const targets = (share) => perFlow
        ? Object.entries(share.flows ?? {}).map(([flow, weight]) => ({ flow, weight }))
        : [{ weight: share.weight }];
    const readOne = async (url, label) => {
        const headers = { accept: 'application/json', ...authHeaders() };
        let response;
        try {
            response = await doFetch(url, { method: 'GET', headers, signal: AbortSignal.timeout(timeoutMs) });
        }
        catch (e) {
            throw new TrafficError(`traffic.http.read_back: GET ${url} failed${label}: ${e.message}`);
        }
        const text = await response.text();
        if (!response.ok)
            throw new TrafficError(`traffic.http.read_back: GET ${url} answered HTTP ${response.status}${label}`);
        let answer = text;
        try {
            answer = JSON.parse(text);
        }
        catch {
            // A bare number as text is accepted below.
        }
        const weight = weightFromAnswer(answer);
        if (weight === undefined) {
            throw new TrafficError(`traffic.http.read_back: GET ${url} returned no weight${label} (expected a number or JSON with one of ${WEIGHT_KEYS.join(', ')}): ${text.slice(0, 120)}`);
        }
        return weight;
    };
    const read = async (ctx, share) => {
        if (!settings.read_back)
            throw new TrafficError('traffic.http: no read_back URL is configured, so the weight cannot be read');
        if (/\{\{\s*flow\s*\}\}/.test(settings.read_back)) {
            const flows = Object.keys(share?.flows ?? {});
            if (flows.length === 0)
                throw new TrafficError('traffic.http.read_back mentions {{flow}} but no flows are known for this read');
            const out = {};
            for (const flow of flows) {
                out[flow] = await readOne((0,src_config/* renderTemplate */.Xm)(settings.read_back, contextFor(ctx, 0, flow), 'traffic.http.read_back'), ` (flow ${flow})`);
            }
            return out;
        }
        return readOne((0,src_config/* renderTemplate */.Xm)(settings.read_back, contextFor(ctx, share?.weight ?? 0), 'traffic.http.read_back'), '');
    };
    return {
        describe: () => `feature flag ${settings.method} ${settings.url}`,
        read: (ctx) => read(ctx),
        async set(share, ctx) {
            const list = targets(share);
            if (perFlow && list.length === 0) {
                throw new src_config/* ConfigurationError */.j1('traffic.http: the URL or body mentions {{flow}} but this share has no per-flow values');
            }
            const sent = [];
            for (const target of list) {
                const context = contextFor(ctx, target.weight, target.flow);
                const url = (0,src_config/* renderTemplate */.Xm)(settings.url, context, 'traffic.http.url');
                const body = (0,src_config/* renderTemplate */.Xm)(bodyTemplate, context, 'traffic.http.body');
                const headers = { 'content-type': 'application/json' };
                for (const [name, value] of Object.entries(settings.headers ?? {}))
                    headers[name] = (0,src_config/* renderTemplate */.Xm)(value, context, `traffic.http.headers.${name}`);
                const label = target.flow ? ` (flow ${target.flow})` : '';
                if (ctx.dryRun) {
                    sent.push(`would ${settings.method} ${url} ${body}${label}`);
                    continue;
                }
                Object.assign(headers, authHeaders());
                let response;
                try {
                    response = await doFetch(url, {
                        method: settings.method,
                        headers,
                        body,
                        signal: AbortSignal.timeout(timeoutMs),
                    });
                }
                catch (e) {
                    const cause = e.cause?.code;
                    throw new TrafficError(`traffic.http: ${settings.method} ${url}${label} failed: ${cause ?? e.message}`);
                }
                const answer = await response.text();
                if (!response.ok) {
                    throw new TrafficError(`traffic.http: ${settings.method} ${url}${label} answered HTTP ${response.status}: ${answer.trim().slice(0, 200)}`);
                }
                sent.push(`${settings.method} ${url} -> ${response.status}${label}`);
            }
            if (ctx.dryRun)
                return { applied: false, detail: `dry-run: ${sent.join('; ')}` };
            if (!settings.read_back)
                return { applied: true, changed: true, detail: sent.join('; ') };
            const readBack = await read(ctx, share);
            if (typeof readBack === 'number') {
                if (!sameWeight(readBack, perFlow ? Math.max(0, ...list.map((t) => t.weight)) : share.weight)) {
                    throw new TrafficError(`traffic.http.read_back: the flag reads ${readBack}% after setting ${share.weight}%`);
                }
            }
            else {
                for (const t of list) {
                    if (t.flow && !sameWeight(readBack[t.flow] ?? NaN, t.weight)) {
                        throw new TrafficError(`traffic.http.read_back: flow ${t.flow} reads ${readBack[t.flow]}% after setting ${t.weight}%`);
                    }
                }
            }
            return {
                applied: true,
                changed: true,
                readBack,
                detail: `${sent.join('; ')}; read back ${JSON.stringify(readBack)}`,
            };
        },
    };
}

// EXTERNAL MODULE: ./src/platform/command.ts
var platform_command = __webpack_require__(47498);
;// CONCATENATED MODULE: ./src/traffic/kubectl.ts
/**
 * The nginx-ingress provider (as by hand: `kubectl annotate ingress spark-trading nginx.ingress.kubernetes.io/canary-weight="25"`
 * and `kubectl scale deployment/...-canary --replicas=0`), by running the real kubectl.
 *
 * Two modes:
 *  - cluster (no `manifest`): the same commands a release engineer types, against the current or given context;
 *  - local (`manifest` given): kubectl's `--local` mode rewrites the Ingress (and Deployment) documents of the
 *    manifest file without a cluster; the other documents of the file are left byte for byte as they were.
 *
 * Replicas: weight 0 scales the canary deployment to 0; a positive weight scales it to 1 only when it has none,
 * so the canary can serve the share it is given; otherwise the replica count is left to the deploy.
 */






const CANARY_WEIGHT_ANNOTATION = 'nginx.ingress.kubernetes.io/canary-weight';
function scopeArgs(settings) {
    return [
        ...(settings.context ? ['--context', settings.context] : []),
        ...(settings.namespace ? ['--namespace', settings.namespace] : []),
    ];
}
/** The argv of each cluster-mode command (exported so the construction is testable without a cluster). */
const clusterArgv = {
    annotate: (s, weight) => [
        ...scopeArgs(s),
        'annotate',
        'ingress',
        s.ingress,
        `${CANARY_WEIGHT_ANNOTATION}=${weight}`,
        '--overwrite',
    ],
    readWeight: (s) => [
        ...scopeArgs(s),
        'get',
        'ingress',
        s.ingress,
        '-o',
        `jsonpath={.metadata.annotations.${CANARY_WEIGHT_ANNOTATION.replace(/\./g, '\\.')}}`,
    ],
    readReplicas: (s) => [
        ...scopeArgs(s),
        'get',
        'deployment',
        s.deployment,
        '-o',
        'jsonpath={.spec.replicas}',
    ],
    scale: (s, replicas) => [
        ...scopeArgs(s),
        'scale',
        `deployment/${s.deployment}`,
        `--replicas=${replicas}`,
    ],
};
const localArgv = {
    annotate: (weight) => [
        'annotate',
        '--local',
        '-f',
        '-',
        `${CANARY_WEIGHT_ANNOTATION}=${weight}`,
        '--overwrite',
        '-o',
        'yaml',
    ],
    // `kubectl scale` has no --local; a merge patch of spec.replicas is the same change.
    scale: (replicas) => [
        'patch',
        '--local',
        '-f',
        '-',
        '--type',
        'merge',
        '-p',
        JSON.stringify({ spec: { replicas } }),
        '-o',
        'yaml',
    ],
};
function replicasFor(weight, current) {
    if (weight === 0)
        return 0;
    return current > 0 ? current : 1;
}
function checkWeight(weight) {
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
        throw new src_config/* ConfigurationError */.j1(`traffic.kubectl: the nginx canary-weight annotation takes a whole percent 0..100, got ${weight}`);
    }
}
function manifestDocs(text, file) {
    return (0,dist.parseAllDocuments)(text).map((doc, i) => {
        if (!('errors' in doc) || doc.errors.length > 0) {
            throw new src_config/* ConfigurationError */.j1(`traffic.kubectl.manifest: ${file} document ${i + 1} is not valid YAML`);
        }
        const value = doc.toJS();
        const meta = (value?.metadata ?? {});
        return { start: doc.range[0], end: doc.range[2], kind: value?.kind, name: meta.name, value };
    });
}
/** The one document of `kind` named `name` in the manifest's text; `field` is the setting that named it. */
function findDoc(text, file, kind, name, field) {
    const found = manifestDocs(text, file).filter((d) => d.kind === kind && d.name === name);
    if (found.length !== 1) {
        throw new src_config/* ConfigurationError */.j1(`traffic.kubectl.${field}: ${file} has ${found.length === 0 ? 'no' : found.length} ${kind} named "${name}" (expected exactly one)`);
    }
    return found[0];
}
/** A document's own text, without the `---` that separates it from the one before (what kubectl --local reads). */
function docBody(text, doc) {
    return text.slice(doc.start, doc.end).replace(/^---[^\n]*\n/, '');
}
/** The ingress document's canary-weight annotation as written; undefined when it has none. */
function weightAnnotation(ingress) {
    const metadata = ingress.value?.metadata;
    return metadata?.annotations?.[CANARY_WEIGHT_ANNOTATION];
}
function replaceDoc(text, doc, replacement) {
    const original = text.slice(doc.start, doc.end);
    const marker = /^---[^\n]*\n/.exec(original)?.[0] ?? '';
    const body = replacement.endsWith('\n') ? replacement : `${replacement}\n`;
    return text.slice(0, doc.start) + marker + body + text.slice(doc.end);
}
function createKubectlProvider(settings, deps = {}) {
    const runner = deps.runner ?? (0,platform_command/* createCommandRunner */._m)();
    const kubectl = deps.kubectlPath ?? 'kubectl';
    const timeoutMs = deps.timeoutMs ?? 60_000;
    const manifest = settings.manifest ? external_node_path_default().resolve(deps.cwd ?? process.cwd(), settings.manifest) : undefined;
    const kube = async (args, input) => {
        const result = await runner.run([kubectl, ...args], {
            timeoutMs,
            ...(input !== undefined ? { input } : {}),
        });
        if (result.exitCode !== 0) {
            throw new TrafficError(`traffic.kubectl: kubectl ${args.join(' ')} failed (exit ${result.exitCode}): ${(0,platform_command/* tail */.RT)(result.stderr || result.stdout)}`);
        }
        return result.stdout;
    };
    const readLocal = async () => {
        const text = await (0,promises_.readFile)(manifest, 'utf8');
        return Number(weightAnnotation(findDoc(text, settings.manifest, 'Ingress', settings.ingress, 'ingress')));
    };
    const readCluster = async () => Number((await kube(clusterArgv.readWeight(settings))).trim());
    const setLocal = async (weight) => {
        let text = await (0,promises_.readFile)(manifest, 'utf8');
        const before = text;
        const notes = [];
        const ingress = findDoc(text, settings.manifest, 'Ingress', settings.ingress, 'ingress');
        const annotated = await kube(localArgv.annotate(weight), docBody(text, ingress));
        const check = (0,dist.parse)(annotated);
        if (check?.metadata?.annotations?.[CANARY_WEIGHT_ANNOTATION] !== String(weight)) {
            throw new TrafficError(`traffic.kubectl: kubectl annotate --local did not produce ${CANARY_WEIGHT_ANNOTATION}=${weight}`);
        }
        const currentAnnotation = weightAnnotation(ingress);
        // An ingress already at this weight is left as written, so a re-run does not reformat the file.
        if (currentAnnotation === undefined || Number(currentAnnotation) !== weight)
            text = replaceDoc(text, ingress, annotated);
        notes.push(`ingress/${settings.ingress} ${CANARY_WEIGHT_ANNOTATION}=${weight}`);
        if (settings.deployment) {
            const deployment = findDoc(text, settings.manifest, 'Deployment', settings.deployment, 'deployment');
            const current = Number(deployment.value?.spec?.replicas ?? 1);
            const replicas = replicasFor(weight, current);
            if (replicas !== current) {
                const scaled = await kube(localArgv.scale(replicas), docBody(text, deployment));
                text = replaceDoc(text, deployment, scaled);
            }
            notes.push(`deployment/${settings.deployment} replicas=${replicas}`);
        }
        if (text !== before)
            await (0,promises_.writeFile)(manifest, text, 'utf8');
        return { changed: text !== before, notes };
    };
    const setCluster = async (weight) => {
        await kube(clusterArgv.annotate(settings, weight));
        const notes = [`ingress/${settings.ingress} ${CANARY_WEIGHT_ANNOTATION}=${weight}`];
        if (settings.deployment) {
            const currentText = (await kube(clusterArgv.readReplicas(settings))).trim();
            const current = currentText === '' ? 0 : Number(currentText);
            const replicas = replicasFor(weight, current);
            if (replicas !== current)
                await kube(clusterArgv.scale(settings, replicas));
            notes.push(`deployment/${settings.deployment} replicas=${replicas}`);
        }
        return { changed: true, notes };
    };
    return {
        describe: () => `kubectl ingress/${settings.ingress}${manifest ? ` in ${settings.manifest} (--local)` : settings.context ? ` (context ${settings.context})` : ''}`,
        read: async () => (manifest ? readLocal() : readCluster()),
        async set(share, ctx) {
            checkWeight(share.weight);
            const flowsNote = share.flows
                ? ` (per-flow shares ${JSON.stringify(share.flows)} collapse to one ingress weight)`
                : '';
            if (ctx.dryRun) {
                return {
                    applied: false,
                    detail: `dry-run: would set ${CANARY_WEIGHT_ANNOTATION}=${share.weight} on ingress/${settings.ingress}${flowsNote}`,
                };
            }
            const { changed, notes } = manifest ? await setLocal(share.weight) : await setCluster(share.weight);
            const readBack = manifest ? await readLocal() : await readCluster();
            if (!sameWeight(readBack, share.weight)) {
                throw new TrafficError(`traffic.kubectl: ingress/${settings.ingress} reads canary-weight ${readBack} after setting ${share.weight}`);
            }
            return {
                applied: true,
                changed,
                readBack,
                detail: `${notes.join(', ')}${manifest ? ` in ${settings.manifest}` : ''}${changed ? '' : ' (already so)'}${flowsNote}`,
            };
        },
    };
}

// EXTERNAL MODULE: ./src/commands/plan-command.ts + 2 modules
var plan_command = __webpack_require__(59636);
// EXTERNAL MODULE: ./src/secrets/masker.ts
var masker = __webpack_require__(22490);
;// CONCATENATED MODULE: ./src/traffic/run.ts
/**
 * The command provider: any tool the team already uses (`./scripts/set-weight.sh {{weight}}`, an Argo or Flagger
 * CLI). A string runs through `sh -c`; an argv list runs without a shell. Placeholders reach the command as
 * `CANARY_*` variables (quoted references in a shell string, rendered items in an argv list), and the command
 * gets a minimal environment plus `traffic.env` (commands/plan-command.ts). With `{{flow}}` in the command it runs
 * once per flow with that flow's share as `{{weight}}`.
 */





const run_FLOW = /\{\{\s*flow\s*\}\}/;
function createRunProvider(command, deps = {}) {
    const runner = deps.runner ?? (0,platform_command/* createCommandRunner */._m)();
    const timeoutMs = deps.timeoutMs ?? 120_000;
    const text = typeof command === 'string' ? command : command.join(' ');
    const perFlow = run_FLOW.test(text);
    const prepare = (context) => (0,plan_command/* preparePlanCommand */.O)(command, {
        context,
        field: 'traffic.run',
        envSpec: deps.envSpec,
        envField: 'traffic.env',
        parentEnv: deps.env ?? process.env,
    });
    return {
        describe: () => `command ${text}`,
        async set(share, ctx) {
            const base = {
                version: ctx.version,
                ...(ctx.stage ? { stage: ctx.stage } : {}),
                ...(ctx.service ? { service: ctx.service } : {}),
            };
            const runs = perFlow
                ? Object.entries(share.flows ?? {}).map(([flow, weight]) => ({ flow, weight }))
                : [{ weight: share.weight }];
            if (perFlow && runs.length === 0)
                throw new src_config/* ConfigurationError */.j1('traffic.run mentions {{flow}} but this share has no per-flow values');
            const done = [];
            for (const r of runs) {
                const prepared = prepare({ ...base, weight: r.weight, ...(r.flow ? { flow: r.flow } : {}) });
                const shown = (0,masker/* maskSecrets */.QU)(prepared.shown);
                if (ctx.dryRun) {
                    done.push(`would run: ${shown}`);
                    continue;
                }
                const result = await runner.run(prepared.command, {
                    timeoutMs,
                    env: prepared.env,
                    ...(deps.cwd ? { cwd: deps.cwd } : {}),
                });
                if (result.exitCode !== 0) {
                    throw new TrafficError((0,masker/* maskSecrets */.QU)(`traffic.run: \`${shown}\` exited ${result.exitCode}: ${(0,platform_command/* tail */.RT)(result.stderr || result.stdout)}`));
                }
                done.push(`ran: ${shown}`);
            }
            return ctx.dryRun
                ? { applied: false, detail: `dry-run: ${done.join('; ')}` }
                : { applied: true, changed: true, detail: done.join('; ') };
        },
    };
}

;// CONCATENATED MODULE: ./src/traffic/registry.ts
/**
 * `createTrafficProvider(plan.traffic, deps)`: the one provider the plan configures, built by the factory its key
 * names (two systems each believing they own the weight would fight over it, so a plan sets exactly one; the
 * rule is `chosenKind`'s, shared with validation).
 *
 * TRAFFIC_PROVIDERS is a Record over every key of TRAFFIC_PROVIDER_CONFIGS (config/schema.ts), so a provider added
 * to the plan language does not compile until it has a factory here, and says how a rehearsal runs it; see
 * docs/extending.md.
 */





const TRAFFIC_PROVIDERS = {
    http: {
        create: (config, _traffic, deps) => createHttpProvider(config, {
            ...(deps.fetch ? { fetch: deps.fetch } : {}),
            ...(deps.env ? { env: deps.env } : {}),
        }),
        rehearsal: 'live',
    },
    kubectl: {
        create: (config, _traffic, deps) => createKubectlProvider(config, {
            ...(deps.runner ? { runner: deps.runner } : {}),
            ...(deps.cwd ? { cwd: deps.cwd } : {}),
        }),
        rehearsal: 'dry-run',
    },
    gitops: {
        create: (config, _traffic, deps) => createGitopsProvider(config, {
            ...(deps.cwd ? { cwd: deps.cwd } : {}),
            ...(deps.gitToken ? { token: deps.gitToken } : {}),
            ...(deps.git ? { git: deps.git } : {}),
            ...(deps.log ? { log: deps.log } : {}),
            ...(deps.clock ? { clock: deps.clock } : {}),
        }),
        rehearsal: 'dry-run',
    },
    run: {
        create: (config, traffic, deps) => createRunProvider(config, {
            ...(deps.runner ? { runner: deps.runner } : {}),
            ...(deps.cwd ? { cwd: deps.cwd } : {}),
            ...(deps.env ? { env: deps.env } : {}),
            ...(traffic.env ? { envSpec: traffic.env } : {}),
        }),
        rehearsal: 'dry-run',
    },
};
/** The kind of provider `traffic:` declares; a ConfigurationError when there is no section, no provider or two. */
function trafficKind(traffic) {
    if (!traffic)
        throw new src_config/* ConfigurationError */.j1(`traffic: no provider is configured (expected one of ${src_config/* TRAFFIC_KINDS */.gk.map((k) => `traffic.${k}`).join(', ')})`);
    const choice = (0,src_config/* chosenKind */.FA)(traffic, src_config/* TRAFFIC_KINDS */.gk, 'provider');
    if (!choice.ok)
        throw new src_config/* ConfigurationError */.j1(`traffic: ${choice.problem}`);
    return choice.kind;
}
function registry_createTrafficProvider(traffic, deps = {}) {
    return build(trafficKind(traffic), traffic, deps);
}
/** How a rehearsal runs the plan's provider (see TrafficProviderFactory.rehearsal). */
function trafficRehearsal(traffic) {
    return TRAFFIC_PROVIDERS[trafficKind(traffic)].rehearsal;
}
function build(kind, traffic, deps) {
    return TRAFFIC_PROVIDERS[kind].create(traffic[kind], traffic, deps);
}

;// CONCATENATED MODULE: ./src/traffic/index.ts
/** Traffic providers: the one interface (types.ts), the registry that builds the plan's provider, and the providers. */








;// CONCATENATED MODULE: ./src/stage-gate/signoff-gate.ts
/**
 * Whether a stage may move traffic given its sign-off. A stage that names an environment needs an approval of that
 * environment in this run attempt unless it says `signoff: optional`. GitHub itself holds a job only when the
 * environment has required reviewers; without them (not configured, or a plan that offers none on private
 * repositories) the job runs unreviewed, so the gate checks the approval instead of trusting that the job ran.
 *
 * Pure: takes what was read (see readSignoff) and returns a verdict. Fail closed: an approval that could not be
 * read is missing, and a latest review that rejected is never a sign-off, whatever the policy.
 */

/** A stage refused for its sign-off, before any traffic moved: the job fails and the rollback job runs. */
class SignoffRefused extends src_config/* ConfigurationError */.j1 {
    constructor(message) {
        super(message);
        this.name = 'SignoffRefused';
    }
}
function judgeSignoff(stage, reading) {
    const environment = stage.environment;
    const policy = stage.config.signoff ?? 'required';
    const where = `stage ${stage.number} ${stage.config.name}`;
    if (!environment)
        return { allowed: true, signoff: null, note: reading.note };
    const signoff = reading.signoff;
    if (signoff?.state === 'rejected') {
        return {
            allowed: false,
            signoff,
            note: `${where}: the latest review of environment ${environment} in this run is a rejection by ${signoff.approver}${signoff.approval_comment ? ` ("${signoff.approval_comment}")` : ''}; no traffic was moved`,
        };
    }
    if (signoff?.state === 'approved') {
        const simulated = signoff.simulated ? ' (a rehearsal: simulated approval, not a real sign-off)' : '';
        return { allowed: true, signoff, note: simulated ? `sign-off${simulated}` : '' };
    }
    if (policy === 'optional')
        return {
            allowed: true,
            signoff: null,
            note: `${reading.note}; the stage proceeds without one (signoff: optional)`,
        };
    const why = reading.read
        ? `${reading.note}, so nobody signed this stage off (GitHub runs the job unreviewed when the environment has no required reviewers)`
        : `${reading.note}; an approval that cannot be read is missing`;
    return {
        allowed: false,
        signoff: null,
        note: `${where}: environment ${environment} requires an approval in this run attempt before traffic moves (signoff: required): ${why}; no traffic was moved. Give ${environment} required reviewers (see setup-environments and the preflight signoff check), or set stages[${stage.index}].signoff: optional`,
    };
}

;// CONCATENATED MODULE: ./src/traffic/set-traffic.ts
/**
 * The core of the `set-traffic` action and CLI command: resolve the share (a stage's, or a weight) and apply it;
 * and the confirmed, idempotent write the stage gate's cut and the rollback job share (applyShare).
 */



/** Parses the `weight` input: a percent 0..100, `25` or `25%`. */
function parseWeightInput(raw, name = 'weight') {
    const text = raw.trim().replace(/%$/, '');
    const n = parseDecimal(text);
    if (!Number.isFinite(n) || n < 0 || n > 100) {
        throw new ConfigurationError(`${name}: ${JSON.stringify(raw)} is not a traffic weight (expected a percent 0..100, e.g. 25)`);
    }
    return n;
}
function resolveShare(plan, stage, weight) {
    if (stage && weight !== undefined)
        throw new ConfigurationError('stage, weight: give one of them, not both (a stage name of the plan, or a weight 0..100)');
    if (stage) {
        const found = plan.stages.find((s) => s.name === stage);
        if (!found)
            throw new ConfigurationError(`stage: "${stage}" is not a stage of the plan (expected one of ${plan.stages.map((s) => s.name).join(', ')})`);
        return shareOf(found.traffic);
    }
    if (weight === undefined)
        throw new ConfigurationError('stage, weight: one is required (a stage name of the plan, or a weight 0..100)');
    return { weight };
}
async function setTraffic(request) {
    const share = resolveShare(request.plan, request.stage, request.weight);
    const provider = createTrafficProvider(request.plan.traffic, request.deps);
    const result = await provider.set(share, {
        version: request.version,
        service: request.plan.release.service,
        ...(request.stage ? { stage: request.stage } : {}),
        ...(request.dryRun ? { dryRun: true } : {}),
    });
    request.deps?.log?.(`traffic ${formatShare(share)} via ${provider.describe()}: ${result.detail}`);
    return { ...result, share, provider: provider.describe() };
}
/**
 * The share a rollback returns to: `rollback.traffic` (default 0) for the whole canary, and for every flow the plan
 * ever routes when its stages use per-flow shares (a per-flow provider writes each flow).
 */
function baselineShare(plan) {
    const weight = plan.rollback.traffic;
    const flows = [
        ...new Set(plan.stages.flatMap((s) => (typeof s.traffic === 'number' ? [] : Object.keys(s.traffic)))),
    ];
    return flows.length > 0 ? { weight, flows: Object.fromEntries(flows.map((f) => [f, weight])) } : { weight };
}
/** True when a read-back shows exactly this share (a whole-canary read is compared with the largest flow). */
function readBackMatches(readBack, share) {
    if (typeof readBack === 'number')
        return sameWeight(readBack, share.weight);
    const flows = share.flows ?? {};
    const names = Object.keys(flows);
    return names.length > 0 && names.every((f) => sameWeight(readBack[f] ?? NaN, flows[f]));
}
/**
 * Applies a share idempotently and confirms it: a provider that can read is read first, and a share already in
 * place is left alone (skipWhenInPlace: false writes at once, for a cut where one round trip matters); after a write the share is read back (the provider's own read-back, or a read), and a
 * read-back that differs is an error. A provider that cannot read says so in the detail: set, but unconfirmed.
 */
async function applyShare(provider, share, ctx, options = { skipWhenInPlace: true }) {
    if (options.skipWhenInPlace && provider.read && !ctx.dryRun) {
        const before = await provider.read(ctx).catch(() => null);
        if (before !== null && readBackMatches(before, share))
            return {
                changed: false,
                readBack: before,
                detail: `already at ${types_formatShare(share)} (read back ${JSON.stringify(before)}); nothing written`,
            };
    }
    const result = await provider.set(share, ctx);
    if (ctx.dryRun)
        return { changed: false, readBack: null, detail: result.detail };
    if (result.readBack !== undefined)
        return { changed: true, readBack: result.readBack, detail: result.detail };
    if (!provider.read)
        return {
            changed: true,
            readBack: null,
            detail: `${result.detail}; not read back (${provider.describe()} cannot read its weight)`,
        };
    let readBack;
    try {
        readBack = await provider.read(ctx);
    }
    catch (e) {
        // The write went through; only its confirmation is missing, and the record must say which.
        return {
            changed: true,
            readBack: null,
            detail: `${result.detail}; not read back (${e.message})`,
        };
    }
    if (!readBackMatches(readBack, share))
        throw new TrafficError(`${provider.describe()}: reads ${JSON.stringify(readBack)} after setting ${types_formatShare(share)}`);
    return { changed: true, readBack, detail: `${result.detail}; read back ${JSON.stringify(readBack)}` };
}

;// CONCATENATED MODULE: ./src/stage-gate/traffic-cut.ts
/**
 * The stage gate's own cut: once a stage will not PROCEED (ROLLBACK, REVIEW, a cancelled job, an internal error
 * after its traffic moved), the canary goes back to the baseline share through the plan's provider before anything
 * else happens: before the evidence push (seconds) and long before the workflow's rollback job is scheduled
 * (tens of seconds to minutes). The rollback job still runs for silences, incident, notifications and its
 * evidence, and finds the share already in place (applyShare is idempotent).
 *
 * Never throws: a cut that fails is reported in the decision record and the job fails as it would anyway, so the
 * rollback job tries again.
 */



async function cutTraffic(plan, provider, ctx, trigger, 
/** monotonicMs() at the decision: wall clocks can be simulated, a latency must not be. */
decidedAtMs, clock, 
/** The latency clock: performance.now, or a simulation's virtual time (so its evidence repeats). */
monotonicMs = () => performance.now()) {
    const share = baselineShare(plan);
    const shareText = types_formatShare(share);
    try {
        const confirmed = await applyShare(provider, share, ctx, { skipWhenInPlace: false });
        const latencyMs = monotonicMs() - decidedAtMs;
        const readBack = confirmed.readBack;
        return {
            trigger,
            ok: true,
            share: shareText,
            readBack,
            at: clock.now().toISOString(),
            latencyMs,
            detail: ctx.dryRun
                ? `dry-run: would be cut to ${shareText} by the stage gate on its ${trigger}, before any evidence (${provider.describe()}: ${confirmed.detail})`
                : `cut to ${shareText} by the stage gate on its ${trigger}, ${Math.round(latencyMs)} ms after it, before any evidence was written (${provider.describe()}: ${confirmed.detail})`,
        };
    }
    catch (e) {
        const latencyMs = monotonicMs() - decidedAtMs;
        return {
            trigger,
            ok: false,
            share: shareText,
            readBack: null,
            at: clock.now().toISOString(),
            latencyMs,
            detail: `cut to ${shareText} on the ${trigger} FAILED (${provider.describe()}: ${(0,src_config/* getErrorMessage */.u1)(e)}); the rollback job sets it`,
        };
    }
}

// EXTERNAL MODULE: ./src/stage-gate/evidence-target.ts + 3 modules
var evidence_target = __webpack_require__(57462);
// EXTERNAL MODULE: ./src/stage-gate/github-side.ts + 1 modules
var github_side = __webpack_require__(37589);
// EXTERNAL MODULE: ./src/stage-gate/stage-ref.ts
var stage_ref = __webpack_require__(71608);
;// CONCATENATED MODULE: ./src/stage-gate/run-stage-gate.ts
/**
 * One stage, live, inside a job: sign-off (refused without one, see signoff-gate.ts) -> deployment in_progress ->
 * traffic -> runStage (the engine samples at the stage's interval and decides) -> when it did not PROCEED, traffic
 * back to the baseline share, read back (traffic-cut.ts) -> evidence (rollout_stage_<w>.txt, summary_stage_<n>.txt,
 * the war-room lines, the timeline, stage_<n>.json, the decision record with the stage's sign-off and the cut) in
 * one push -> deployment status. Every piece of I/O is passed in. The caller fails the job unless the decision is
 * PROCEED (fail closed: a ROLLBACK, a REVIEW, and a run stopped before its window ended all send the workflow to
 * its rollback job); an error after traffic moved cuts it too, then rethrows (StageGateError).
 */















const NO_PRIOR_EVIDENCE = { releaseStartedAt: null, priorAttempts: 0, sealedBy: null };
async function readPriorEvidence(request, stage, deps) {
    try {
        const prior = await (0,release_evidence/* readRemoteEvidence */.Im)({
            plan: request.plan,
            version: request.version,
            remote: deps.evidence.remote,
            branch: request.plan.evidence.branch,
            dir: (0,paths/* evidenceDir */.XG)(request.plan, request.version),
            deploymentId: request.deploymentId,
            ...(deps.evidence.token ? { token: deps.evidence.token } : {}),
            ...(deps.evidence.cwd ? { cwd: deps.evidence.cwd } : {}),
            ...(deps.evidence.git ? { git: deps.evidence.git } : {}),
        });
        // No evidence branch yet: the first stage of a first release.
        if (!prior)
            return NO_PRIOR_EVIDENCE;
        const attempts = prior.evidenceFiles.filter((f) => stage_results/* STAGE_RESULT_FILE */.CH.exec(f)?.[1] === String(stage.number)).length;
        const ga = prior.decisions.find((d) => d.phase === decision_log/* SEALING_PHASE */.IP);
        return {
            releaseStartedAt: (0,release_clock/* releaseT0 */.U)({ freezeStartedAt: prior.freezeStartedAt, decisions: prior.decisions }),
            priorAttempts: attempts,
            sealedBy: ga ? `${ga.phase} record of ${ga.recorded_at}` : null,
        };
    }
    catch (e) {
        deps.log.warn(`evidence: earlier evidence not read (${(0,src_config/* getErrorMessage */.u1)(e)}); minutes count from this stage`);
        return NO_PRIOR_EVIDENCE;
    }
}
async function runStageGate(request, deps) {
    const { plan, version } = request;
    const stage = (0,stage_ref/* resolveStage */.rQ)(plan, request.stage);
    const name = stage.config.name;
    const label = `Stage ${stage.number} ${name} (${types_formatShare(types_shareOf(stage.config.traffic))})`;
    const log = deps.log;
    const monotonicMs = deps.monotonicMs ?? (() => performance.now());
    const prior = await readPriorEvidence(request, stage, deps);
    if (prior.sealedBy) {
        // Refused before any traffic moves: after GA the release is done, and its log takes no more records.
        throw new src_config/* ConfigurationError */.j1(`stage ${stage.number} ${name}: the decision log of ${request.deploymentId} is sealed by its ${prior.sealedBy}; ${version} is already promoted, so no stage runs (traffic, deployment and evidence untouched)`);
    }
    // The sign-off comes before the deployment and the traffic: a stage nobody signed off moves nothing.
    const verdict = judgeSignoff(stage, await (0,github_side/* readSignoff */.b3)(deps.github, stage.environment, log));
    if (!verdict.allowed)
        throw new SignoffRefused(verdict.note);
    const { signoff, note: signoffNote } = verdict;
    const deployment = await (0,github_side/* startDeployment */.i4)(deps.github, {
        environment: stage.environment ?? name,
        sha: request.sha,
        description: `${plan.release.service} v${version} ${label}`,
        payload: {
            service: plan.release.service,
            version,
            stage: name,
            stage_number: stage.number,
            weight: stage.weight,
            traffic: stage.config.traffic,
            deployment_id: request.deploymentId,
        },
        production: stage.weight >= 100,
        ...(request.runUrl ? { logUrl: request.runUrl } : {}),
    }, log);
    const trafficContext = {
        version,
        stage: name,
        service: plan.release.service,
        ...(request.dryRun ? { dryRun: true } : {}),
    };
    if (request.setTraffic && !deps.traffic)
        throw new Error('set-traffic is true but no traffic provider was given');
    // Only a step that moves traffic cuts it: with set-traffic false another step owns the weight.
    const provider = request.setTraffic ? deps.traffic : null;
    let traffic = 'not set by this step (set-traffic: false)';
    const cuts = [];
    const cutNow = async (trigger, decidedAtMs) => {
        if (!provider)
            return null;
        if (cuts[0])
            return cuts[0];
        const cut = await cutTraffic(plan, provider, trafficContext, trigger, decidedAtMs, deps.clock, monotonicMs);
        (cut.ok ? log.info : log.warn)(`traffic: ${cut.detail}`);
        cuts.push(cut);
        return cut;
    };
    try {
        if (provider) {
            const r = await provider.set(types_shareOf(stage.config.traffic), trafficContext);
            traffic = `${types_formatShare(types_shareOf(stage.config.traffic))} via ${provider.describe()}: ${r.detail}`;
            log.info(`traffic: ${traffic}`);
        }
        const pendingPosts = [];
        const post = (message) => {
            if (request.dryRun || !plan.notify)
                return Promise.resolve([]);
            const posted = (0,notify/* notify */.me)(plan.notify, message, { ...deps.notify, log: log.warn });
            pendingPosts.push(posted);
            return posted;
        };
        const notifyFacts = {
            plan,
            version,
            stage: { name, number: stage.number, traffic: types_formatShare(types_shareOf(stage.config.traffic)) },
            ...(request.runUrl ? { runUrl: request.runUrl } : {}),
        };
        const startAt = deps.clock.now();
        const result = await runStage({
            plan,
            stage: stage.config,
            version,
            source: deps.source,
            clock: deps.clock,
            mode: 'live',
            startAt,
            releaseStartedAt: prior.releaseStartedAt ?? startAt,
            ...(deps.signal ? { signal: deps.signal } : {}),
            onSample: (sample) => {
                deps.onSample?.(sample, stage);
                void post((0,notify/* warroomMessage */.HZ)(notifyFacts, sample.warroom, sample.at));
            },
        });
        const decidedAtMs = monotonicMs();
        const passed = result.decision === 'PROCEED';
        // Exposure ends here, before the decision is posted, written or pushed.
        const cut = passed ? null : await cutNow(cutTrigger(result, deps.signal), decidedAtMs);
        const decisionPosted = post((0,notify/* stageDecisionMessage */.uB)(notifyFacts, result, `${plan.release.service} v${version} ${label}: ${result.decision}: ${result.reason}`));
        const { changes, decisionLog: logPath } = buildStepEvidence({
            kind: 'stage',
            plan,
            version,
            deploymentId: request.deploymentId,
            stage,
            result,
            signoff,
            signoffNote,
            trafficDetail: traffic,
            ...(cut ? { trafficCut: cut.detail } : {}),
            ...(request.runUrl ? { runUrl: request.runUrl } : {}),
            attempt: prior.priorAttempts + 1,
        }, { templates: deps.evidence.templates, now: deps.clock.now() });
        const evidence = await (0,evidence_target/* pushStageEvidence */.c)(plan, deps.evidence, changes, {
            version,
            step: `stage ${stage.number} ${name}`,
            summary: `${result.decision}: ${result.reason}`,
            ...(request.runUrl ? { runUrl: request.runUrl } : {}),
        }, { dryRun: request.dryRun, clock: deps.clock, log: log.info });
        const deploymentDetail = await (0,github_side/* finishDeployment */.jl)(deps.github, deployment, {
            success: passed,
            description: `${result.decision}: ${result.reason}`,
            ...(request.runUrl ? { logUrl: request.runUrl } : {}),
        }, log);
        await Promise.all(pendingPosts);
        const notifications = await decisionPosted;
        // Cancelled after a PROCEED: the job ends cancelled and the workflow's rollback job runs, so the share goes
        // back now rather than after that job is scheduled (the evidence already pushed says PROCEED, the log says why).
        const lateCut = cut ?? (deps.signal?.aborted ? await cutNow(cutTrigger(result, deps.signal), monotonicMs()) : null);
        return {
            stage,
            result,
            signoff,
            signoffNote,
            traffic,
            trafficCut: lateCut,
            deployment: deploymentDetail,
            evidence,
            decisionLog: logPath,
            passed,
            notifications,
        };
    }
    catch (e) {
        // The job fails on any error, which sends the workflow to its rollback job; the traffic this step moved (or
        // may have moved: a write can fail after the provider applied it) goes back first, as after a ROLLBACK.
        const failed = await cutNow(`error (${(0,src_config/* getErrorMessage */.u1)(e)})`, monotonicMs());
        if (!failed)
            throw e;
        // A user's mistake stays one (reported plainly, exit 2), with the cut it caused appended.
        if (e instanceof src_config/* ConfigurationError */.j1)
            throw new src_config/* ConfigurationError */.j1(`${e.message}; traffic ${failed.detail}`);
        throw new StageGateError((0,src_config/* getErrorMessage */.u1)(e), failed, e);
    }
}
/** What the cut answers to: the decision, or the stop (a cancelled job's run ends as a HOLD that is not a pass). */
function cutTrigger(result, signal) {
    if (signal?.aborted)
        return `stop (${(0,src_config/* getErrorMessage */.u1)(signal.reason)})`;
    return `${result.decision} decision`;
}
/** An error after this step moved traffic, with the cut it made before failing. */
class StageGateError extends Error {
    trafficCut;
    constructor(message, trafficCut, cause) {
        super(`${message}; traffic ${trafficCut.detail}`, { cause });
        this.name = 'StageGateError';
        this.trafficCut = trafficCut;
    }
}

// EXTERNAL MODULE: ./src/action/inputs.ts
var action_inputs = __webpack_require__(81729);
// EXTERNAL MODULE: ./src/action/stage-summary.ts + 2 modules
var stage_summary = __webpack_require__(57162);
;// CONCATENATED MODULE: ./src/action/stage-gate/stage-mode.ts
/**
 * Mode stage: one stage live (runStageGate) with the job's cancellation wired to the engine, the breaches as
 * annotations, and the stage's summary. The step fails unless the decision is PROCEED (fail closed).
 */









/** A cancelled job stops sampling; the engine reports the stop, which is never a pass. */
function abortOnSignals() {
    const abort = new AbortController();
    const stop = (signal) => abort.abort(new Error(`job received ${signal}`));
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    return abort.signal;
}
async function runStageMode(job) {
    const { plan, inputs, run } = job;
    const stageInput = (0,action_inputs/* requireInput */.oN)('stage', 'a stage number such as "3" or a stage name');
    const setTraffic = (0,action_inputs/* readBoolean */.Vf)('set-traffic', true);
    let out;
    try {
        out = await runStageGate({
            plan,
            version: inputs.version,
            stage: stageInput,
            deploymentId: job.deploymentId,
            dryRun: inputs.dryRun,
            setTraffic,
            sha: run.sha,
            ...(job.runUrl ? { runUrl: job.runUrl } : {}),
        }, {
            source: (0,registry/* createMetricSource */.QB)(plan.metrics, { url: core/* getInput */.V4('prometheus-url').trim() }),
            clock: platform_clock/* realClock */.dQ,
            traffic: setTraffic
                ? registry_createTrafficProvider(plan.traffic, { cwd: run.workspace, log: core/* info */.pq })
                : null,
            github: job.github,
            evidence: job.evidence,
            log: job.log,
            signal: abortOnSignals(),
            onSample: (sample) => core/* info */.pq(sample.warroom),
        });
    }
    catch (e) {
        // The rollback job reads this output: say what stopped the stage even when no decision was made.
        core/* setOutput */.uH('reason', `stage ${stageInput} stopped before a decision: ${(0,src_config/* getErrorMessage */.u1)(e)}`);
        throw e;
    }
    const { result, stage } = out;
    for (const g of breaches(result)) {
        core/* error */.z3(`${g.name}: ${g.reason}`, {
            title: `Stage ${stage.number} ${stage.config.name}: ${g.status.toUpperCase()} ${g.name}`,
        });
    }
    const { samples: _samples, ...compact } = result;
    return {
        outputs: {
            decision: result.decision,
            reason: result.reason,
            'summary-json': JSON.stringify({
                ...compact,
                samples: result.samples.length,
                deployment_id: job.deploymentId,
                decision_log: out.decisionLog,
                evidence: out.evidence.paths,
                traffic_cut: out.trafficCut,
                notifications: out.notifications,
            }),
        },
        summaryHtml: (0,stage_summary/* stageSummaryHtml */.mj)({
            plan,
            version: inputs.version,
            stageNumber: stage.number,
            result,
            dryRun: inputs.dryRun,
            // Linked on the branch's web view when the evidence is kept in this repository.
            evidence: {
                paths: out.evidence.paths,
                web: inputs.evidenceRemote || inputs.dryRun
                    ? null
                    : { serverUrl: run.serverUrl, repository: run.repository, branch: plan.evidence.branch },
            },
            facts: [
                [
                    'Sign-off',
                    out.signoff
                        ? `${out.signoff.approver} (${out.signoff.state})${out.signoff.approval_comment ? `: ${out.signoff.approval_comment}` : ''}`
                        : out.signoffNote,
                ],
                ['Traffic', out.traffic],
                ...(out.trafficCut ? [['Traffic cut', out.trafficCut.detail]] : []),
                ['Deployment', out.deployment],
                ['Metrics', result.source],
                ['Decision log', `${out.decisionLog} (${job.deploymentId})`],
                ['Evidence', out.evidence.detail],
            ],
        }),
        failure: out.passed
            ? null
            : `Stage ${stage.number} ${stage.config.name}: ${result.decision}: ${result.reason}`,
    };
}


/***/ })

};
