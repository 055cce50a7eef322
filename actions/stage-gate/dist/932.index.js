export const id = 932;
export const ids = [932,377];
export const modules = {

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

/***/ 5918:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   promoteRelease: () => (/* binding */ promoteRelease),
/* harmony export */   promotionBlocker: () => (/* binding */ promotionBlocker)
/* harmony export */ });
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8270);
/* harmony import */ var _evidence_decision_log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3624);
/* harmony import */ var _evidence_canonical_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71);
/* harmony import */ var _evidence_target_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6131);
/* harmony import */ var _timeline_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5867);
/**
 * Promotion (GA): the decision record with phase `ga`, which seals the release's decision log, and the timeline's
 * completion entry (`T90=... Stage: 5 (100%) Status: Complete Rollbacks: 0`).
 *
 * The record is computed from the log as the branch holds it when the push is (re)tried, and it is refused
 * (nothing is pushed) unless the log shows every stage of the plan with PROCEED as its latest decision and no
 * rollback: the workflow only runs this job after every stage job succeeded, and this check keeps the GA record
 * honest even when someone runs the action by hand. A log that is already sealed by GA is a re-run: nothing is
 * written and the outcome is PROMOTED again.
 */





/** Why the log does not show a completed canary, or null when it does. */
function promotionBlocker(plan, records) {
    if (records.length === 0)
        return 'the decision log has no records: no stage of this release was recorded';
    const rollback = records.find((r) => r.phase === 'rollback' || r.decision === 'ROLLBACK');
    if (rollback)
        return `the decision log records a rollback (${rollback.phase}: ${rollback.reason})`;
    for (const [i, stage] of plan.stages.entries()) {
        const latest = records.filter((r) => r.phase === `stage:${stage.name}`).at(-1);
        if (!latest)
            return `stage ${i + 1} ${stage.name} has no decision record`;
        if (latest.decision !== 'PROCEED')
            return `stage ${i + 1} ${stage.name} ended with ${latest.decision} (${latest.reason})`;
    }
    return null;
}
async function promoteRelease(request, deps) {
    const { plan, version } = request;
    const logPath = (0,_evidence_target_js__WEBPACK_IMPORTED_MODULE_3__/* .decisionLogPath */ .UL)(plan, version, request.deploymentId);
    const now = deps.clock.now();
    const last = plan.stages.at(-1);
    const ramp = plan.stages
        .map((s) => (typeof s.traffic === 'number' ? String(s.traffic) : Object.values(s.traffic).join('/')))
        .join('->');
    const reason = `${plan.stages.length}/${plan.stages.length} stages proceeded (${ramp}), 0 rollbacks`;
    let recorded = true;
    let gaSha256 = null;
    let decisionLogSha256 = null;
    const logChange = {
        path: logPath,
        kind: 'decision-log',
        update: (current) => {
            const records = (0,_evidence_decision_log_js__WEBPACK_IMPORTED_MODULE_1__/* .readDecisionLog */ .zi)(current, logPath);
            const sealed = records.find((r) => r.phase === _evidence_decision_log_js__WEBPACK_IMPORTED_MODULE_1__/* .SEALING_PHASE */ .IP);
            if (sealed) {
                recorded = false;
                gaSha256 = sealed.sha256;
                decisionLogSha256 = (0,_evidence_canonical_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256Bytes */ .LP)(Buffer.from(current ?? ''));
                return current ?? '';
            }
            const blocker = promotionBlocker(plan, records);
            if (blocker)
                throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`promote: ${version} cannot be recorded as GA in ${logPath}: ${blocker}; nothing was written`);
            const lastStage = records.filter((r) => r.phase === `stage:${last.name}`).at(-1);
            const text = (0,_evidence_decision_log_js__WEBPACK_IMPORTED_MODULE_1__/* .appendDecision */ .rc)(current, {
                version,
                deployment_id: request.deploymentId,
                phase: _evidence_decision_log_js__WEBPACK_IMPORTED_MODULE_1__/* .SEALING_PHASE */ .IP,
                decision: 'PROMOTED',
                reason,
                approver: request.signoff?.approver ?? null,
                approval_comment: request.signoff?.approval_comment ?? null,
                start_timestamp: now.toISOString(),
                traffic_share: last.traffic,
                metrics_snapshot: lastStage.metrics_snapshot,
                notes: `release started ${records[0].start_timestamp}; the log is sealed from this record on`,
                run_url: request.runUrl ?? null,
                evidence_files: [],
            }, deps.clock, logPath);
            gaSha256 = (0,_evidence_decision_log_js__WEBPACK_IMPORTED_MODULE_1__/* .readDecisionLog */ .zi)(text, logPath).at(-1).sha256;
            decisionLogSha256 = (0,_evidence_canonical_js__WEBPACK_IMPORTED_MODULE_2__/* .sha256Bytes */ .LP)(Buffer.from(text));
            return text;
        },
    };
    const lines = [
        `Stage: ${plan.stages.length} (${typeof last.traffic === 'number' ? `${last.traffic}%` : ramp})`,
        'Status: Complete',
        'Rollbacks: 0',
        ...(plan.signoff.first_night
            ? [
                `Next: First Night Monitoring (${plan.signoff.first_night.window ? (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(plan.signoff.first_night.window) : 'see signoff.first_night'})`,
            ]
            : []),
    ];
    const timeline = (0,_timeline_js__WEBPACK_IMPORTED_MODULE_4__/* .timelineChange */ .W)({ version, at: now, lines, ...(request.runUrl ? { runUrl: request.runUrl } : {}) }, { templates: deps.evidence.templates, dir: (0,_evidence_target_js__WEBPACK_IMPORTED_MODULE_3__/* .evidenceDir */ .XG)(plan, version) });
    const guardedTimeline = {
        path: timeline.path,
        // The log's update runs first; on a re-run it found the seal, and the timeline already has its entry.
        update: (current) => recorded ? timeline.update(current) : (current ?? ''),
    };
    if (request.dryRun) {
        return {
            decision: 'PROMOTED',
            reason: `dry-run: ${reason}`,
            recorded: false,
            gaSha256: null,
            decisionLog: logPath,
            decisionLogSha256: null,
            evidence: {
                paths: [logPath, timeline.path],
                commit: null,
                changed: false,
                detail: `dry-run: would append the ga record to ${logPath} and the completion to ${timeline.path}`,
            },
        };
    }
    const evidence = await (0,_evidence_target_js__WEBPACK_IMPORTED_MODULE_3__/* .pushStageEvidence */ .cV)(plan, deps.evidence, [logChange, guardedTimeline], { version, step: 'promote (ga)', summary: reason, ...(request.runUrl ? { runUrl: request.runUrl } : {}) }, { dryRun: false, clock: deps.clock, log: deps.log });
    return {
        decision: 'PROMOTED',
        reason: recorded ? reason : `already promoted: ${logPath} is sealed by its ga record`,
        recorded,
        gaSha256,
        decisionLog: logPath,
        decisionLogSha256,
        evidence,
    };
}


/***/ }),

/***/ 5867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ timelineChange)
/* harmony export */ });
/* unused harmony export timelineLabel */
/* harmony import */ var _evidence_render_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5812);

function timelineLabel(current, at) {
    const t0 = /^T0=(\S+)$/m.exec(current ?? '')?.[1];
    const start = t0 ? Date.parse(t0) : Number.NaN;
    return Number.isFinite(start) ? `T${Math.max(0, Math.round((at.getTime() - start) / 60_000))}` : 'T0';
}
function timelineChange(entry, options) {
    const render = (label) => (0,_evidence_render_js__WEBPACK_IMPORTED_MODULE_0__/* .renderEvidence */ .oP)('canary_timeline', {
        version: entry.version,
        label,
        lines: entry.lines,
        ...(entry.runUrl ? { run_url: entry.runUrl } : {}),
    }, { clock: { now: () => entry.at }, templates: options.templates, dir: options.dir });
    return {
        path: render('T0').path,
        update: (current) => {
            const content = render(timelineLabel(current, entry.at)).content;
            const before = current ?? '';
            // A re-run job stamps the same entry again: converge instead of duplicating it.
            if (before.endsWith(content))
                return before;
            return before + (before === '' || before.endsWith('\n') ? '' : '\n') + content;
        },
    };
}


/***/ }),

/***/ 4377:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w$: () => (/* binding */ datetime)
/* harmony export */ });
/* unused harmony exports date, time, duration */
/* harmony import */ var _core_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3759);
/* harmony import */ var _schemas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);



function datetime(params) {
    return _core_index_js__WEBPACK_IMPORTED_MODULE_0__/* ._isoDateTime */ .G1(_schemas_js__WEBPACK_IMPORTED_MODULE_1__/* .ZodISODateTime */ .You, params);
}
function date(params) {
    return core._isoDate(ZodISODate, params);
}
function time(params) {
    return core._isoTime(ZodISOTime, params);
}
function duration(params) {
    return core._isoDuration(ZodISODuration, params);
}


/***/ })

};
