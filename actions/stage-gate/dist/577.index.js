export const id = 577;
export const ids = [577];
export const modules = {

/***/ 15577:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runFirstNightMode: () => (/* binding */ runFirstNightMode)
});

// EXTERNAL MODULE: ../main/node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(53891);
// EXTERNAL MODULE: ./src/platform/clock.ts
var clock = __webpack_require__(3067);
// EXTERNAL MODULE: ./src/metrics/registry.ts + 3 modules
var registry = __webpack_require__(12546);
// EXTERNAL MODULE: ./src/config/index.ts + 11 modules
var config = __webpack_require__(96612);
// EXTERNAL MODULE: ./src/evidence/decision-log.ts
var decision_log = __webpack_require__(83386);
// EXTERNAL MODULE: ./src/gate/query.ts
var query = __webpack_require__(91301);
// EXTERNAL MODULE: ./src/evidence/release-evidence.ts + 2 modules
var release_evidence = __webpack_require__(86499);
// EXTERNAL MODULE: ./src/stage-gate/evidence-target.ts + 3 modules
var evidence_target = __webpack_require__(41194);
// EXTERNAL MODULE: ./src/stage-gate/stage-ref.ts
var stage_ref = __webpack_require__(65574);
;// CONCATENATED MODULE: ./src/stage-gate/first-night.ts
/**
 * The first-night sign-off (first night monitoring, 24h): after the environment's wait timer, one
 * instant query at "now" measures the SLO burn rate over `signoff.first_night.window`, and the release passes
 * when it is at most `slo_burn_rate_max`. No value (no data, NaN, an error, an unreachable Prometheus) fails:
 * a night nobody could measure is not a good night.
 *
 * The burn-rate query is `slo_burn_rate_query` when the plan sets it ({{track}} is the canary's label value;
 * {{service}}, {{version}} also render; validation refuses other placeholders). Otherwise, for a Prometheus
 * source only (validation requires the query for any other source), it is derived from the first guardrail that compares an
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
        throw new config/* ConfigurationError */.j1('signoff.first_night: not in the plan (expected { environment, window, slo_burn_rate_max })');
    if (fn.window === undefined)
        throw new config/* ConfigurationError */.j1('signoff.first_night.window: missing (expected the observation window, e.g. 24h)');
    if (fn.slo_burn_rate_max === undefined)
        throw new config/* ConfigurationError */.j1('signoff.first_night.slo_burn_rate_max: missing (expected the highest acceptable burn rate, e.g. 1.5)');
    const base = { windowS: fn.window, max: fn.slo_burn_rate_max, environment: fn.environment };
    const context = { track: (0,query/* trackLabelValue */.TY)(plan, 'canary'), service: plan.release.service, version };
    if (fn.slo_burn_rate_query) {
        return {
            ...base,
            query: (0,config/* renderTemplate */.Xm)(fn.slo_burn_rate_query, context, 'signoff.first_night.slo_burn_rate_query'),
            origin: 'signoff.first_night.slo_burn_rate_query',
        };
    }
    // The derivation rewrites PromQL range selectors: it means nothing for a source whose queries are not PromQL.
    if (!plan.metrics.prometheus)
        throw new config/* ConfigurationError */.j1(`signoff.first_night.slo_burn_rate_query: not set (expected the burn-rate query in the language of the plan's metric source; it is derived from a guardrail only for metrics.prometheus)`);
    for (const [name, g] of Object.entries(plan.guardrails)) {
        if (g.against === 'baseline' || !ERROR_METRIC.test(g.metric))
            continue;
        const budget = g.pass?.below ?? g.soft?.above;
        if (budget === undefined || !(budget > 0))
            continue;
        const rendered = (0,query/* renderQuery */.no)(plan, g.metric, 'canary', context);
        if (!HAS_RANGE_SELECTOR.test(rendered))
            continue;
        const widened = rendered.replace(RANGE_SELECTOR, `[${fn.window}s]`);
        return {
            ...base,
            query: `(${widened}) / ${budget}`,
            origin: `derived from guardrail ${name} (${g.metric} over ${(0,config/* formatDuration */.a3)(fn.window)} / error budget ${budget} = its ${g.pass?.below !== undefined ? 'pass.below' : 'soft.above'})`,
        };
    }
    throw new config/* ConfigurationError */.j1('signoff.first_night.slo_burn_rate_query: not set, and no guardrail to derive it from (expected a guardrail on an error-rate metric, key containing error, 5xx or fail, compared absolutely with pass.below or soft.above as the error budget, whose query uses a range selector such as [1m])');
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
    return `its ${(0,config/* formatDuration */.a3)(windowS)} window has not elapsed since the GA record of ${gaAt.toISOString()} (${(0,config/* formatDuration */.a3)(elapsedS)} so far); the SLO burn rate is judged from ${new Date(due).toISOString()} on, so that it measures only traffic after the release (give the first-night environment a wait timer of at least the window, or run the job again then)`;
}
/** When the release's GA record was written; a release that was not promoted has no first night. */
async function readGaTime(plan, version, deploymentId, target) {
    const where = { branch: plan.evidence.branch, version, dir: (0,evidence_target/* evidenceDir */.XG)(plan, version) };
    const evidence = await (0,release_evidence/* readRemoteEvidence */.Im)({
        plan,
        version,
        remote: target.remote,
        branch: where.branch,
        dir: where.dir,
        deploymentId,
        ...(target.token ? { token: target.token } : {}),
        ...(target.cwd ? { cwd: target.cwd } : {}),
        ...(target.git ? { git: target.git } : {}),
    });
    if (!evidence)
        throw (0,release_evidence/* noEvidenceBranch */.Xm)(where);
    const ga = evidence.decisions.find((d) => d.phase === decision_log/* SEALING_PHASE */.IP);
    if (!ga)
        throw new config/* ConfigurationError */.j1(`first-night: the decision log of ${deploymentId} has no ga record, so ${version} was not promoted; the first night follows a promotion`);
    return new Date(ga.recorded_at);
}
async function evaluateFirstNight(request, deps) {
    const { plan, version } = request;
    const query = burnRateQuery(plan, version);
    const now = deps.clock.now();
    const gaAt = await readGaTime(plan, version, request.deploymentId, deps.evidence);
    const early = firstNightTooEarly(gaAt, query.windowS, now);
    if (early)
        throw new config/* ConfigurationError */.j1(`first night of ${version}: ${early}`);
    const measurement = await deps.source.instant({ metric: 'slo_burn_rate', track: 'canary', query: query.query }, now);
    const windowText = (0,config/* formatDuration */.a3)(query.windowS);
    const passed = measurement.ok && measurement.value <= query.max;
    const reason = measurement.ok
        ? `SLO burn rate over ${windowText} = ${Number(measurement.value.toPrecision(4))} ${passed ? '<=' : '>'} max ${query.max}`
        : `SLO burn rate over ${windowText} could not be measured (${measurement.reason}: ${measurement.message}); an unmeasured night is not a pass`;
    const decision = passed ? 'PASS' : 'FAIL';
    deps.log(`first night: ${decision}: ${reason}`);
    const releaseLog = (0,evidence_target/* decisionLogPath */.UL)(plan, version, request.deploymentId);
    const ownLog = (0,evidence_target/* decisionLogPath */.UL)(plan, version, (0,stage_ref/* firstNightDeploymentId */.Dg)(request.deploymentId));
    let gaSha256 = null;
    // Read-only: returns the release log unchanged, so nothing is committed to it; it anchors this record.
    const anchor = {
        path: releaseLog,
        update: (current) => {
            const ga = (0,decision_log/* readDecisionLog */.zi)(current, releaseLog).find((r) => r.phase === decision_log/* SEALING_PHASE */.IP);
            if (!ga)
                throw new config/* ConfigurationError */.j1(`first-night: ${releaseLog} has no ga record, so ${version} was not promoted; the first night follows a promotion`);
            gaSha256 = ga.sha256;
            return current;
        },
    };
    const record = {
        path: ownLog,
        kind: 'decision-log',
        update: (current) => (0,decision_log/* appendDecision */.rc)(current, {
            version,
            deployment_id: (0,stage_ref/* firstNightDeploymentId */.Dg)(request.deploymentId),
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
                    query: query.query,
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
    const evidence = await (0,evidence_target/* pushStageEvidence */.cV)(plan, deps.evidence, [anchor, record], {
        version,
        step: 'first night',
        summary: `${decision}: ${reason}`,
        ...(request.runUrl ? { runUrl: request.runUrl } : {}),
    }, { dryRun: request.dryRun, clock: deps.clock, log: deps.log });
    return { decision, reason, query, measurement, decisionLog: ownLog, evidence, passed };
}

// EXTERNAL MODULE: ./src/stage-gate/github-side.ts + 1 modules
var github_side = __webpack_require__(55182);
// EXTERNAL MODULE: ./src/action/stage-summary.ts + 2 modules
var stage_summary = __webpack_require__(12425);
// EXTERNAL MODULE: ./src/platform/html.ts
var html = __webpack_require__(96712);
;// CONCATENATED MODULE: ./src/action/stage-gate/first-night-mode.ts
/** Mode first-night: the SLO burn-rate check after the first night, with the first-night environment's sign-off. */







async function runFirstNightMode(job) {
    const { plan, inputs } = job;
    const source = (0,registry/* createMetricSource */.QB)(plan.metrics, { url: core/* getInput */.V4('prometheus-url').trim() });
    const environment = plan.signoff.first_night?.environment ?? null;
    const { signoff, note } = await (0,github_side/* readSignoff */.b3)(job.github, environment, job.log);
    const out = await evaluateFirstNight({
        plan,
        version: inputs.version,
        deploymentId: job.deploymentId,
        dryRun: inputs.dryRun,
        signoff,
        signoffNote: note,
        ...(job.runUrl ? { runUrl: job.runUrl } : {}),
    }, { source, evidence: job.evidence, clock: clock/* realClock */.dQ, log: core/* info */.pq });
    if (!out.passed)
        core/* error */.z3(out.reason, { title: 'First night: SLO burn rate' });
    return {
        outputs: { decision: out.decision, reason: out.reason, 'summary-json': JSON.stringify(out) },
        summaryHtml: [
            `<h2>${out.passed ? '✅' : '🛑'} First night: ${(0,html/* escapeHtml */.Z)(out.decision)}${inputs.dryRun ? ' (dry-run)' : ''}</h2>`,
            `<p>${(0,html/* escapeHtml */.Z)(out.reason)}</p>`,
            (0,stage_summary/* htmlFacts */.Zt)([
                ['Query', out.query.query],
                ['Origin', out.query.origin],
                [
                    'Sign-off',
                    signoff
                        ? `${signoff.approver}${signoff.approval_comment ? `: ${signoff.approval_comment}` : ''}`
                        : note,
                ],
                ['Evidence', `${out.decisionLog}: ${out.evidence.detail}`],
            ]),
        ].join('\n'),
        failure: out.passed ? null : `first night: ${out.reason}`,
    };
}


/***/ }),

/***/ 91301:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TY: () => (/* binding */ trackLabelValue),
/* harmony export */   U1: () => (/* binding */ stageContext),
/* harmony export */   f6: () => (/* binding */ renderCountsQueries),
/* harmony export */   no: () => (/* binding */ renderQuery)
/* harmony export */ });
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96612);
/* harmony import */ var _metrics_source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(11090);
/**
 * Rendering a metric's PromQL for one track: `{{track}}` becomes the plan's label value for that track
 * (canary -> metrics.tracks.canary, baseline -> metrics.tracks.baseline); the other placeholders come from the
 * run (version, stage, weight, service, ...); `{{time}}` stays for the source to render at each read. A placeholder
 * without a value is a ConfigurationError naming it.
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
    return (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderTemplate */ .Xm)(definition(plan, metric).query, { ...context, track: trackLabelValue(plan, track), time: _metrics_source_js__WEBPACK_IMPORTED_MODULE_1__/* .TIME_PLACEHOLDER */ .Ek }, `metrics.queries.${metric}.query`);
}
/** The counts behind a ratio (`counts: { events, total }`), rendered for one track; undefined if not declared. */
function renderCountsQueries(plan, metric, track, context = {}) {
    const counts = definition(plan, metric).counts;
    if (!counts)
        return undefined;
    const ctx = { ...context, track: trackLabelValue(plan, track), time: _metrics_source_js__WEBPACK_IMPORTED_MODULE_1__/* .TIME_PLACEHOLDER */ .Ek };
    return {
        events: (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderTemplate */ .Xm)(counts.events, ctx, `metrics.queries.${metric}.counts.events`),
        total: (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderTemplate */ .Xm)(counts.total, ctx, `metrics.queries.${metric}.counts.total`),
    };
}


/***/ }),

/***/ 55182:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jl: () => (/* binding */ finishDeployment),
  b3: () => (/* binding */ readSignoff),
  i4: () => (/* binding */ startDeployment)
});

// UNUSED EXPORTS: statusDescription

// EXTERNAL MODULE: ./src/config/index.ts + 11 modules
var config = __webpack_require__(96612);
// EXTERNAL MODULE: ../main/node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(20233);
;// CONCATENATED MODULE: ./src/evidence/approvals.ts
/**
 * Environment approvals as sign-offs: maps the response of
 * `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals` (taken as data, so this module does not depend on
 * the GitHub client) to the approver and comment written into the decision log.
 *
 * Attribution is per environment and by the latest review only:
 * - GitHub compares environment names case-insensitively (`Canary-1` and `canary-1` are one environment), so do we.
 * - The endpoint returns the run's whole review history, oldest first, across re-runs; it carries neither a time
 *   nor an attempt number. A job that waits on an environment starts only after a review of that environment,
 *   so the latest review of it is the one that let the current attempt's job run. Earlier ones belong to an
 *   earlier stage sharing the environment, or to an earlier attempt (a rejection followed by an approval on the
 *   re-run is an approval).
 * - `pending` entries are comments without a decision and never count.
 */


const ApprovalSchema = schemas/* looseObject */._H3({
    environments: schemas/* array */.YOg(schemas/* looseObject */._H3({ name: schemas/* string */.YjP() })),
    state: schemas/* enum */.k5n(['approved', 'rejected', 'pending']),
    comment: schemas/* string */.YjP().nullable().optional(),
    user: schemas/* looseObject */._H3({ login: schemas/* string */.YjP().min(1) }),
});
const ApprovalsResponseSchema = schemas/* array */.YOg(ApprovalSchema);
/** GitHub's rule for environment names: one environment whatever the case. */
function sameEnvironment(a, b) {
    return a.toLowerCase() === b.toLowerCase();
}
/**
 * The sign-off for one environment, or null when nobody reviewed it. Null is not an approval, and neither is a
 * latest review that rejected: a caller that needs a sign-off must check `state` (fail closed).
 */
function signoffForEnvironment(response, environment) {
    const parsed = ApprovalsResponseSchema.safeParse(response);
    if (!parsed.success) {
        throw new config/* ConfigurationError */.j1('approvals: the response of GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals is not in the documented shape', parsed.error.issues.map((i) => ({
            path: ['approvals', ...i.path.map(String)].join('.'),
            message: i.message,
        })));
    }
    const reviews = parsed.data
        .filter((a) => a.state !== 'pending' && a.environments.some((e) => sameEnvironment(e.name, environment)))
        .map((a) => ({
        login: a.user.login,
        state: a.state,
        comment: a.comment?.trim() ? a.comment.trim() : null,
    }));
    const latest = reviews.at(-1);
    if (!latest)
        return null;
    return {
        environment,
        state: latest.state,
        approver: latest.login,
        approval_comment: latest.comment,
        reviews,
    };
}
/** Lower-cased logins of everyone who approved or rejected any environment of the run (logins ignore case). */
function reviewersOfRun(response) {
    const parsed = ApprovalsResponseSchema.safeParse(response);
    if (!parsed.success) {
        throw new ConfigurationError('approvals: the response of GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals is not in the documented shape');
    }
    return new Set(parsed.data.filter((a) => a.state !== 'pending').map((a) => a.user.login.toLowerCase()));
}

// EXTERNAL MODULE: ./src/github/api/index.ts + 9 modules
var api = __webpack_require__(46301);
;// CONCATENATED MODULE: ./src/stage-gate/github-side.ts
/**
 * The GitHub side of a stage: the sign-off (the run's environment approvals) and a deployment with statuses, so
 * the repository's Environments page shows each stage. Sign-offs are only read here; whether a stage may run
 * without one is decided in signoff-gate.ts (GitHub holds a job only when the environment has required
 * reviewers, which some plans and repositories do not offer, so a running job proves nothing by itself).
 * Deployment writes go through the client's write gate (dry-run records them instead).
 */



async function readSignoff(github, environment, log) {
    if (!environment)
        return { signoff: null, read: true, note: 'no environment: this step has no sign-off' };
    if (!github || github.runId === null)
        return {
            signoff: null,
            read: false,
            note: `sign-off for ${environment} not read (no GitHub workflow run to read approvals from)`,
        };
    try {
        const approvals = await (0,api/* listRunApprovals */.Ch)(github.client, github.repo, github.runId);
        const signoff = signoffForEnvironment(approvals, environment);
        if (!signoff)
            return {
                signoff: null,
                read: true,
                note: `no reviewer approved ${environment} in run ${github.runId}`,
            };
        log.info(`sign-off ${environment}: ${signoff.state} by ${signoff.approver}${signoff.approval_comment ? ` ("${signoff.approval_comment}")` : ''}`);
        return { signoff, read: true, note: '' };
    }
    catch (e) {
        const message = (0,config/* getErrorMessage */.u1)(e);
        log.warn(`sign-off for ${environment} could not be read from run ${github.runId}: ${message}`);
        return { signoff: null, read: false, note: `sign-off for ${environment} could not be read: ${message}` };
    }
}
/** GitHub limits a deployment status description to 140 characters. */
function statusDescription(text) {
    return text.length <= 140 ? text : `${text.slice(0, 139)}…`;
}
/**
 * A deployment of exactly `sha` to the stage's environment, marked in_progress. A failure here is reported and the
 * stage still runs: the deployment is a view of the release, the gate is the metrics.
 */
async function startDeployment(github, options, log) {
    const environment = options.environment;
    if (!github)
        return { id: null, environment, detail: 'no GitHub token or repository: no deployment recorded' };
    if (!options.sha)
        return { id: null, environment, detail: 'GITHUB_SHA is not set: no deployment recorded' };
    try {
        const created = await (0,api/* createDeployment */.Yy)(github.client, github.repo, {
            ref: options.sha,
            environment,
            description: options.description,
            payload: options.payload,
            // The stage's own gate decides; other status checks on the commit must not block recording it.
            requiredContexts: [],
            transientEnvironment: false,
            productionEnvironment: options.production,
        });
        if (!created.performed)
            return { id: null, environment, detail: `dry-run: would ${created.wouldWrite.summary}` };
        const id = created.data.id;
        await (0,api/* createDeploymentStatus */.gt)(github.client, github.repo, id, {
            state: 'in_progress',
            description: statusDescription(`${options.description}: sampling`),
            ...(options.logUrl ? { logUrl: options.logUrl } : {}),
        });
        return { id, environment, detail: `deployment ${id} to ${environment} in_progress` };
    }
    catch (e) {
        const message = (0,config/* getErrorMessage */.u1)(e);
        log.warn(`deployment to ${environment} could not be recorded: ${message}`);
        return { id: null, environment, detail: `deployment not recorded: ${message}` };
    }
}
async function finishDeployment(github, deployment, options, log) {
    if (!github || deployment.id === null)
        return deployment.detail;
    const state = options.success ? 'success' : 'failure';
    try {
        await (0,api/* createDeploymentStatus */.gt)(github.client, github.repo, deployment.id, {
            state,
            description: statusDescription(options.description),
            ...(options.logUrl ? { logUrl: options.logUrl } : {}),
        });
        return `deployment ${deployment.id} to ${deployment.environment}: ${state}`;
    }
    catch (e) {
        const message = (0,config/* getErrorMessage */.u1)(e);
        log.warn(`deployment ${deployment.id} status ${state} could not be recorded: ${message}`);
        return `deployment ${deployment.id}: status ${state} not recorded (${message})`;
    }
}


/***/ })

};
