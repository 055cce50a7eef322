export const id = 499;
export const ids = [499];
export const modules = {

/***/ 46499:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runFirstNightMode: () => (/* binding */ runFirstNightMode)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(88179);
// EXTERNAL MODULE: ./src/platform/clock.ts
var clock = __webpack_require__(53037);
// EXTERNAL MODULE: ./src/metrics/registry.ts + 7 modules
var registry = __webpack_require__(25581);
// EXTERNAL MODULE: ./src/config/index.ts + 8 modules
var config = __webpack_require__(96319);
// EXTERNAL MODULE: ./src/evidence/decision-log.ts
var decision_log = __webpack_require__(73624);
// EXTERNAL MODULE: ./src/gate/query.ts
var query = __webpack_require__(93875);
// EXTERNAL MODULE: ./src/evidence/release-evidence.ts + 2 modules
var release_evidence = __webpack_require__(27622);
// EXTERNAL MODULE: ./src/stage-gate/evidence-target.ts + 3 modules
var evidence_target = __webpack_require__(57462);
// EXTERNAL MODULE: ./src/evidence/paths.ts
var paths = __webpack_require__(80161);
// EXTERNAL MODULE: ./src/stage-gate/stage-ref.ts
var stage_ref = __webpack_require__(71608);
;// CONCATENATED MODULE: ./src/stage-gate/first-night.ts
/**
 * The first-night sign-off (first night monitoring, 24h): after the environment's wait timer, one
 * instant query at "now" measures the SLO burn rate over `signoff.first_night.window`, and the release passes
 * when it is at most `slo_burn_rate_max`. No value (no data, NaN, an error, an unreachable Prometheus) fails:
 * a night nobody could measure is not a good night.
 *
 * The burn-rate query is `slo_burn_rate_query` ({{track}} is the canary's label value; {{service}}, {{version}} also
 * render; validation refuses other placeholders, and requires the query with `slo_burn_rate_max`), e.g. for
 * Prometheus the night's error rate in units of the error budget:
 *
 *     (100 * sum(rate(..5xx..[24h])) / sum(rate(..[24h]))) / 1
 *
 * so 1 means the budget was spent exactly at the allowed pace.
 *
 * It refuses to judge before the window has elapsed since the GA record (firstNightTooEarly).
 *
 * The GA record seals the release's decision log, so this record goes to a log of its own,
 * `<deployment_id>-first-night`, whose notes name the GA record's sha256 it follows.
 */







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
    if (!fn.slo_burn_rate_query)
        throw new config/* ConfigurationError */.j1("signoff.first_night.slo_burn_rate_query: not set (expected the burn-rate query in the metric source's language)");
    return {
        ...base,
        query: (0,config/* renderTemplate */.Xm)(fn.slo_burn_rate_query, context, 'signoff.first_night.slo_burn_rate_query'),
        origin: 'signoff.first_night.slo_burn_rate_query',
    };
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
    const where = { branch: plan.evidence.branch, version, dir: (0,paths/* evidenceDir */.XG)(plan, version) };
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
    const releaseLog = (0,paths/* decisionLogPath */.UL)(plan, version, request.deploymentId);
    const ownLog = (0,paths/* decisionLogPath */.UL)(plan, version, (0,stage_ref/* firstNightDeploymentId */.Dg)(request.deploymentId));
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
    const evidence = await (0,evidence_target/* pushStageEvidence */.c)(plan, deps.evidence, [anchor, record], {
        version,
        step: 'first night',
        summary: `${decision}: ${reason}`,
        ...(request.runUrl ? { runUrl: request.runUrl } : {}),
    }, { dryRun: request.dryRun, clock: deps.clock, log: deps.log });
    return { decision, reason, query, measurement, decisionLog: ownLog, evidence, passed };
}

// EXTERNAL MODULE: ./src/stage-gate/github-side.ts + 1 modules
var github_side = __webpack_require__(37589);
// EXTERNAL MODULE: ./src/action/stage-summary.ts + 2 modules
var stage_summary = __webpack_require__(57162);
// EXTERNAL MODULE: ./src/platform/html.ts
var html = __webpack_require__(3046);
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


/***/ })

};
