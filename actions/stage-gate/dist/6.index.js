export const id = 6;
export const ids = [6];
export const modules = {

/***/ 81006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPromoteMode: () => (/* binding */ runPromoteMode)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(88179);
// EXTERNAL MODULE: ./src/platform/clock.ts
var clock = __webpack_require__(53037);
// EXTERNAL MODULE: ./src/config/index.ts + 8 modules
var config = __webpack_require__(96319);
// EXTERNAL MODULE: ./src/evidence/decision-log.ts
var decision_log = __webpack_require__(73624);
// EXTERNAL MODULE: ./src/evidence/canonical.ts
var canonical = __webpack_require__(90071);
// EXTERNAL MODULE: ./src/stage-gate/evidence-target.ts + 3 modules
var evidence_target = __webpack_require__(57462);
// EXTERNAL MODULE: ./src/evidence/paths.ts
var paths = __webpack_require__(80161);
// EXTERNAL MODULE: ./src/notify/index.ts + 8 modules
var notify = __webpack_require__(72599);
// EXTERNAL MODULE: ./src/evidence/release-evidence.ts + 2 modules
var release_evidence = __webpack_require__(27622);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(37827);
;// CONCATENATED MODULE: ./src/alertmanager/client.ts
/**
 * A thin client of the Alertmanager v2 API (the calls `amtool silence add|query|expire` make): list silences
 * with a matcher filter, create or update one, expire one. Every request has a time limit, and a failure names
 * the Alertmanager, the call and what came back.
 */

class AlertmanagerError extends Error {
    constructor(message) {
        super(message);
        this.name = 'AlertmanagerError';
    }
}
function createAlertmanagerClient(options) {
    let base;
    try {
        base = new URL(options.url);
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`silence.alertmanager: expected an http(s) URL such as http://127.0.0.1:9093, got "${options.url}"`);
    }
    const url = base.toString().replace(/\/+$/, '');
    const doFetch = options.fetch ?? fetch;
    const timeoutMs = options.timeoutMs ?? 10_000;
    const call = async (method, path, body) => {
        let response;
        try {
            response = await doFetch(`${url}${path}`, {
                method,
                headers: body === undefined
                    ? { accept: 'application/json' }
                    : { accept: 'application/json', 'content-type': 'application/json' },
                body: body === undefined ? undefined : JSON.stringify(body),
                signal: AbortSignal.timeout(timeoutMs),
            });
        }
        catch (e) {
            throw new AlertmanagerError(`alertmanager ${url}: ${method} ${path.split('?')[0]} failed: ${e.message}`);
        }
        const text = await response.text();
        if (!response.ok) {
            throw new AlertmanagerError(`alertmanager ${url}: ${method} ${path.split('?')[0]} answered HTTP ${response.status}: ${text.trim().slice(0, 300)}`);
        }
        if (text.trim() === '')
            return null;
        try {
            return JSON.parse(text);
        }
        catch {
            throw new AlertmanagerError(`alertmanager ${url}: ${method} ${path.split('?')[0]} answered non-JSON: ${text.slice(0, 200)}`);
        }
    };
    return {
        url,
        async listSilences(filter = {}) {
            const params = new URLSearchParams();
            for (const [name, value] of Object.entries(filter))
                params.append('filter', `${name}=${JSON.stringify(value)}`);
            const query = params.toString();
            const answer = await call('GET', `/api/v2/silences${query ? `?${query}` : ''}`);
            if (!Array.isArray(answer))
                throw new AlertmanagerError(`alertmanager ${url}: GET /api/v2/silences did not return a list`);
            return answer;
        },
        async postSilence(silence) {
            const answer = (await call('POST', '/api/v2/silences', silence));
            if (!answer || typeof answer.silenceID !== 'string') {
                throw new AlertmanagerError(`alertmanager ${url}: POST /api/v2/silences returned no silenceID`);
            }
            return answer.silenceID;
        },
        async expireSilence(id) {
            await call('DELETE', `/api/v2/silence/${encodeURIComponent(id)}`);
        },
    };
}

;// CONCATENATED MODULE: ./src/alertmanager/index.ts



;// CONCATENATED MODULE: ./src/alertmanager/silence.ts
const SILENCE_AUTHOR = 'canary-conductor';
/** The marker searched for; it names the release and the purpose, so a promote silence never matches a rollback one. */
function silenceMarker(release, purpose) {
    return `[canary-conductor ${purpose} ${release}]`;
}
function toMatchers(matchers) {
    return Object.entries(matchers)
        .map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }))
        .sort((a, b) => a.name.localeCompare(b.name));
}
function sameMatchers(a, b) {
    const key = (m) => `${m.name}\u0000${m.value}\u0000${m.isRegex}\u0000${m.isEqual !== false}`;
    const left = a.map(key).sort();
    const right = b.map(key).sort();
    return left.length === right.length && left.every((k, i) => k === right[i]);
}
/** Active or pending silences of this release and purpose on exactly these matchers. */
function findReleaseSilences(silences, request) {
    const marker = silenceMarker(request.release, request.purpose);
    const wanted = toMatchers(request.matchers);
    return silences.filter((s) => (s.status.state === 'active' || s.status.state === 'pending') &&
        s.comment.includes(marker) &&
        sameMatchers(s.matchers, wanted));
}
async function ensureReleaseSilence(client, request) {
    if (Object.keys(request.matchers).length === 0) {
        throw new Error('silence.matchers: at least one matcher is needed (a silence without matchers would mute every alert)');
    }
    const createdBy = request.createdBy ?? SILENCE_AUTHOR;
    const comment = [request.comment?.trim(), silenceMarker(request.release, request.purpose)]
        .filter(Boolean)
        .join(' ');
    const wantedEnd = new Date(request.now.getTime() + request.durationSeconds * 1000);
    // The server filters by matcher; the marker and exact matcher set are checked here.
    const existing = findReleaseSilences(await client.listSilences(request.matchers), request).sort((a, b) => b.endsAt.localeCompare(a.endsAt));
    const [keep, ...duplicates] = existing;
    const expiredDuplicates = [];
    for (const d of duplicates) {
        await client.expireSilence(d.id);
        expiredDuplicates.push(d.id);
    }
    if (!keep) {
        const id = await client.postSilence({
            matchers: toMatchers(request.matchers),
            startsAt: request.now.toISOString(),
            endsAt: wantedEnd.toISOString(),
            createdBy,
            comment,
        });
        return { id, action: 'created', endsAt: wantedEnd.toISOString(), expiredDuplicates };
    }
    if (Date.parse(keep.endsAt) >= wantedEnd.getTime()) {
        return { id: keep.id, action: 'unchanged', endsAt: keep.endsAt, expiredDuplicates };
    }
    // Same id, same startsAt and matchers: Alertmanager updates the silence in place instead of replacing it.
    const id = await client.postSilence({
        id: keep.id,
        matchers: keep.matchers,
        startsAt: keep.startsAt,
        endsAt: wantedEnd.toISOString(),
        createdBy: keep.createdBy,
        comment,
    });
    return { id, action: 'extended', endsAt: wantedEnd.toISOString(), expiredDuplicates };
}
/** Expires this release's silences for the purpose (after a promote, or when the plan lifts them early). */
async function expireReleaseSilences(client, request) {
    const found = findReleaseSilences(await client.listSilences(request.matchers), request);
    for (const s of found)
        await client.expireSilence(s.id);
    return found.map((s) => s.id);
}

// EXTERNAL MODULE: ./src/commands/plan-command.ts + 2 modules
var plan_command = __webpack_require__(59636);
// EXTERNAL MODULE: ./src/secrets/masker.ts
var masker = __webpack_require__(22490);
// EXTERNAL MODULE: ./src/platform/command.ts
var platform_command = __webpack_require__(47498);
;// CONCATENATED MODULE: ./src/stage-gate/promote-steps.ts
/**
 * What promotion does before the GA record (promote canary -> live): silence the alerts the plan names
 * for the cut-over (`amtool silence add ... alertname=CanaryGate --expires 10m`), then the plan's `promote.run`
 * commands in order (`python -m tools.edge_audit --dry-run`). Any failure stops the promotion before GA is written,
 * so a sealed log always means these steps were done.
 */






async function runPromoteSteps(plan, version, deps) {
    const steps = [];
    const release = `${plan.release.service} v${version}`;
    const silence = plan.promote?.silence;
    if (silence) {
        const matchers = Object.entries(silence.matchers)
            .map(([k, v]) => `${k}="${v}"`)
            .join(', ');
        if (deps.dryRun) {
            steps.push({
                name: 'silence',
                detail: `would silence {${matchers}} for ${silence.duration}s at ${silence.alertmanager}`,
            });
        }
        else {
            const client = (deps.alertmanager ?? ((url) => createAlertmanagerClient({ url })))(silence.alertmanager);
            const comment = silence.comment
                ? (0,config/* renderTemplate */.Xm)(silence.comment, { version, service: plan.release.service }, 'promote.silence.comment')
                : undefined;
            const r = await ensureReleaseSilence(client, {
                matchers: silence.matchers,
                durationSeconds: silence.duration,
                release,
                purpose: 'promote',
                ...(comment ? { comment } : {}),
                now: deps.now,
            });
            steps.push({ name: 'silence', detail: `${r.action} silence ${r.id} {${matchers}} until ${r.endsAt}` });
        }
        deps.log(`promote silence: ${steps.at(-1).detail}`);
    }
    const runner = deps.runner ?? (0,platform_command/* createCommandRunner */._m)();
    for (const [i, raw] of (plan.promote?.run ?? []).entries()) {
        // A minimal environment plus promote.env; placeholders as CANARY_* variables (commands/plan-command.ts).
        const prepared = (0,plan_command/* preparePlanCommand */.O)(raw, {
            context: { version, service: plan.release.service },
            field: `promote.run[${i}]`,
            envSpec: plan.promote?.env,
            envField: 'promote.env',
            parentEnv: deps.env ?? process.env,
        });
        const command = (0,masker/* maskSecrets */.QU)(prepared.shown);
        if (deps.dryRun) {
            steps.push({ name: `run[${i}]`, detail: `would run \`${command}\`` });
            continue;
        }
        const r = await runner.run(prepared.command, { cwd: deps.cwd, env: prepared.env, timeoutMs: 300_000 });
        if (r.simulated) {
            // A rehearsal's runner (simulate) shows the command instead of running it: recorded as such, never as done.
            steps.push({ name: `run[${i}]`, detail: `SIMULATED, not run (rehearsal): \`${command}\`` });
            deps.log(`promote run: ${command} SIMULATED (rehearsal, not run)`);
            continue;
        }
        if (r.exitCode !== 0) {
            throw new Error((0,masker/* maskSecrets */.QU)(`promote.run[${i}]: \`${command}\` exited ${r.exitCode}: ${(0,platform_command/* tail */.RT)(r.stderr || r.stdout, 3)} (GA was not recorded)`));
        }
        steps.push({ name: `run[${i}]`, detail: `\`${command}\` ok` });
        deps.log(`promote run: ${command} ok`);
    }
    return steps;
}

// EXTERNAL MODULE: ./src/evidence/timeline.ts
var evidence_timeline = __webpack_require__(83678);
;// CONCATENATED MODULE: ./src/stage-gate/promote.ts
/**
 * Promotion (GA): the decision record with phase `ga`, which seals the release's decision log, and the timeline's
 * completion entry (`T90=... Stage: 5 (100%) Status: Complete Rollbacks: 0`).
 *
 * The record is computed from the log as the branch holds it when the push is (re)tried, and it is refused
 * (nothing is pushed) unless the log shows every stage of the plan with PROCEED as its latest decision and no
 * rollback: the workflow only runs this job after every stage job succeeded, and this check keeps the GA record
 * honest even when someone runs the action by hand. A log that is already sealed by GA is a re-run: nothing is
 * written and the outcome is PROMOTED again.
 *
 * `promote` is the promote job: it reads the log first and refuses before any side effect (no silence, no
 * `promote.run` command, no record) unless every stage proceeded; then the promote steps, then the GA record.
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
    const logPath = (0,paths/* decisionLogPath */.UL)(plan, version, request.deploymentId);
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
            const records = (0,decision_log/* readDecisionLog */.zi)(current, logPath);
            const sealed = records.find((r) => r.phase === decision_log/* SEALING_PHASE */.IP);
            if (sealed) {
                recorded = false;
                gaSha256 = sealed.sha256;
                decisionLogSha256 = (0,canonical/* sha256Bytes */.LP)(Buffer.from(current ?? ''));
                return current ?? '';
            }
            const blocker = promotionBlocker(plan, records);
            if (blocker)
                throw new config/* ConfigurationError */.j1(`promote: ${version} cannot be recorded as GA in ${logPath}: ${blocker}; nothing was written`);
            const lastStage = records.filter((r) => r.phase === `stage:${last.name}`).at(-1);
            const text = (0,decision_log/* appendDecision */.rc)(current, {
                version,
                deployment_id: request.deploymentId,
                phase: decision_log/* SEALING_PHASE */.IP,
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
            gaSha256 = (0,decision_log/* readDecisionLog */.zi)(text, logPath).at(-1).sha256;
            decisionLogSha256 = (0,canonical/* sha256Bytes */.LP)(Buffer.from(text));
            return text;
        },
    };
    const lines = [
        `Stage: ${plan.stages.length} (${typeof last.traffic === 'number' ? `${last.traffic}%` : ramp})`,
        'Status: Complete',
        'Rollbacks: 0',
        ...(plan.signoff.first_night
            ? [
                `Next: First Night Monitoring (${plan.signoff.first_night.window ? (0,config/* formatDuration */.a3)(plan.signoff.first_night.window) : 'see signoff.first_night'})`,
            ]
            : []),
    ];
    const timeline = (0,evidence_timeline/* timelineChange */.W)({ version, at: now, lines, ...(request.runUrl ? { runUrl: request.runUrl } : {}) }, { templates: deps.evidence.templates, dir: (0,paths/* evidenceDir */.XG)(plan, version) });
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
            notifications: [],
        };
    }
    const evidence = await (0,evidence_target/* pushStageEvidence */.c)(plan, deps.evidence, [logChange, guardedTimeline], { version, step: 'promote (ga)', summary: reason, ...(request.runUrl ? { runUrl: request.runUrl } : {}) }, { dryRun: false, clock: deps.clock, log: deps.log });
    // Posted once, when this run recorded GA (a re-run found the seal and says nothing new).
    const notifications = recorded
        ? await (0,notify/* notify */.me)(plan.notify, (0,notify/* promoteMessage */.AA)(plan, version, reason, now, request.runUrl), {
            ...deps.notify,
            log: deps.log,
        })
        : [];
    return {
        decision: 'PROMOTED',
        reason: recorded ? reason : `already promoted: ${logPath} is sealed by its ga record`,
        recorded,
        gaSha256,
        decisionLog: logPath,
        decisionLogSha256,
        evidence,
        notifications,
    };
}
/**
 * The promote job: precondition (every stage proceeded, per the evidence) -> silence and promote commands -> GA
 * record. A refusal happens before any side effect; a re-run of a sealed release does nothing again.
 */
async function promote(request, deps) {
    const { plan, version } = request;
    const records = await readDecisionRecords(request, deps.evidence);
    const sealed = records.some((r) => r.phase === decision_log/* SEALING_PHASE */.IP);
    if (!sealed) {
        const blocker = promotionBlocker(plan, records);
        if (blocker)
            throw new config/* ConfigurationError */.j1(`promote: ${version} cannot be promoted: ${blocker}; nothing was written, silenced or run (no GA record, no silence, no promote command)`);
    }
    const steps = sealed
        ? []
        : await runPromoteSteps(plan, version, {
            ...deps.steps,
            now: deps.clock.now(),
            dryRun: request.dryRun,
            log: deps.log,
        });
    const outcome = await promoteRelease(request, {
        evidence: deps.evidence,
        clock: deps.clock,
        log: deps.log,
        ...(deps.notify ? { notify: deps.notify } : {}),
    });
    return { ...outcome, steps };
}
/** The release's decision records as the evidence remote holds them; none when no stage pushed evidence yet. */
async function readDecisionRecords(request, evidence) {
    const prior = await (0,release_evidence/* readRemoteEvidence */.Im)({
        plan: request.plan,
        version: request.version,
        remote: evidence.remote,
        branch: request.plan.evidence.branch,
        dir: (0,paths/* evidenceDir */.XG)(request.plan, request.version),
        deploymentId: request.deploymentId,
        ...(evidence.token ? { token: evidence.token } : {}),
        ...(evidence.cwd ? { cwd: evidence.cwd } : {}),
        ...(evidence.git ? { git: evidence.git } : {}),
    });
    // No evidence branch yet: no stage was recorded, which promotionBlocker reports as such.
    return prior?.decisions ?? [];
}

// EXTERNAL MODULE: ./src/action/stage-summary.ts + 2 modules
var stage_summary = __webpack_require__(57162);
// EXTERNAL MODULE: ./src/platform/html.ts
var html = __webpack_require__(3046);
;// CONCATENATED MODULE: ./src/action/stage-gate/promote-mode.ts
/** Mode promote: the promote job (precondition, silence and promote commands, GA record) and its report. */





async function runPromoteMode(job) {
    const { plan, inputs } = job;
    const out = await promote({
        plan,
        version: inputs.version,
        deploymentId: job.deploymentId,
        dryRun: inputs.dryRun,
        ...(job.runUrl ? { runUrl: job.runUrl } : {}),
    }, { evidence: job.evidence, clock: clock/* realClock */.dQ, log: core/* info */.pq, steps: { cwd: job.run.workspace } });
    const { steps, ...outcome } = out;
    return {
        outputs: { decision: out.decision, reason: out.reason, 'summary-json': JSON.stringify(outcome) },
        summaryHtml: [
            `<h2>✅ ${(0,html/* escapeHtml */.Z)(plan.release.service)} v${(0,html/* escapeHtml */.Z)(inputs.version)}: PROMOTED${inputs.dryRun ? ' (dry-run)' : ''}</h2>`,
            `<p>${(0,html/* escapeHtml */.Z)(out.reason)}</p>`,
            (0,stage_summary/* htmlFacts */.Zt)([
                ['Decision log', out.decisionLog],
                ['GA record sha256', out.gaSha256 ?? '—'],
                ['Evidence', out.evidence.detail],
                ...steps.map((st) => [`Promote ${st.name}`, st.detail]),
            ]),
        ].join('\n'),
        failure: null,
    };
}


/***/ })

};
