export const id = 730;
export const ids = [730,78];
export const modules = {

/***/ 78:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GUARDED_PULL_ACTIONS: () => (/* binding */ GUARDED_PULL_ACTIONS),
/* harmony export */   parseGuardEvent: () => (/* binding */ parseGuardEvent),
/* harmony export */   pullsFromMergeGroupRef: () => (/* binding */ pullsFromMergeGroupRef)
/* harmony export */ });
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6294);
/**
 * The events guard answers, read from the webhook payload. Only identifiers are taken from it (PR number,
 * merge-group SHA and ref): labels, head SHA and base are fetched fresh, because a queued or re-run job's
 * payload can be minutes old and a label added since must count.
 */

const GUARDED_PULL_ACTIONS = ['opened', 'reopened', 'synchronize', 'labeled', 'unlabeled'];
function obj(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}
/**
 * The pull requests a merge-queue ref names: `gh-readonly-queue/main/pr-123-<sha>` (GitHub's form; the ref of
 * a group names the PR the group was built for, and earlier entries have groups of their own).
 */
function pullsFromMergeGroupRef(ref) {
    const numbers = [...ref.matchAll(/(?:^|\/)pr-(\d+)-[0-9a-f]{7,40}(?=$|\/)/g)].map((m) => Number(m[1]));
    return [...new Set(numbers)];
}
function parseGuardEvent(eventName, payload) {
    const body = obj(payload);
    if (!body)
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`event payload: expected a JSON object for ${eventName || 'the event'}`);
    const action = typeof body.action === 'string' ? body.action : '';
    if (eventName === 'pull_request' || eventName === 'pull_request_target') {
        const number = obj(body.pull_request)?.number ?? body.number;
        if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
            throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`event payload: ${eventName} without pull_request.number`);
        }
        return { kind: 'pull_request', action, number };
    }
    if (eventName === 'merge_group') {
        const group = obj(body.merge_group);
        const headSha = group?.head_sha;
        const headRef = group?.head_ref;
        const baseRef = group?.base_ref;
        if (typeof headSha !== 'string' || !/^[0-9a-f]{40}$/.test(headSha))
            throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('event payload: merge_group.head_sha is missing or not a 40-hex SHA');
        if (typeof headRef !== 'string' || headRef === '')
            throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('event payload: merge_group.head_ref is missing');
        if (typeof baseRef !== 'string' || baseRef === '')
            throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('event payload: merge_group.base_ref is missing');
        const pulls = pullsFromMergeGroupRef(headRef);
        if (pulls.length === 0) {
            throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`event payload: merge_group.head_ref ${JSON.stringify(headRef)} names no pull request (expected gh-readonly-queue/<base>/pr-<number>-<sha>)`);
        }
        return {
            kind: 'merge_group',
            action,
            headSha,
            headRef,
            base: baseRef.replace(/^refs\/heads\//, ''),
            pulls,
        };
    }
    throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`freeze guard: event ${JSON.stringify(eventName)} is not guarded (expected pull_request, pull_request_target or merge_group)`);
}


/***/ }),

/***/ 1730:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   guardEvent: () => (/* binding */ guardEvent)
/* harmony export */ });
/* harmony import */ var _start_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1493);
/* harmony import */ var _classify_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6261);
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(78);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6055);
/* harmony import */ var _pull_ops_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6596);
/* harmony import */ var _merge_block_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7278);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7150);
/**
 * `guard`: one pull-request or merge-queue event, decided against the freeze state as it is now.
 *   - no active freeze, or a base branch that is not frozen: the freeze status is success;
 *   - frozen and held: the PR gets the label, a failing status on its head commit, and the one comment;
 *   - frozen and allowed (an allow label, docs-only): success, and a label the freeze gave it comes off.
 * In the merge queue the status goes on the merge group's commit (the one the queue tests and merges),
 * decided from the PRs the group was built for, so an exemption such as `hotfix` works there too.
 * While a merge block (ruleset) stands, an allowed commit also gets the release's own context (success), which the
 * ruleset requires; a held commit that carries it (allowed before, held now) has it turned to failure.
 */








async function guardEvent(ctx, event, options) {
    const state = await options.stateReader.read();
    const active = (0,_state_js__WEBPACK_IMPORTED_MODULE_5__/* .isFreezeActive */ .GY)(state);
    const writes = [];
    // While a freeze is active its recorded label and check names win over a plan edited mid-freeze.
    const scoped = active
        ? {
            ...ctx,
            freeze: {
                ...ctx.freeze,
                label: state.label,
                status_check: state.status_check,
                base_branches: state.base_branches,
            },
        }
        : ctx;
    const base = { event, state, active, writes };
    if (event.kind === 'pull_request') {
        const pull = await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .fetchFreezePull */ .vY)(scoped, event.number);
        if (pull.state !== 'open') {
            return {
                ...base,
                decision: 'skipped',
                reason: `#${pull.number} is closed`,
                sha: null,
                pulls: [{ number: pull.number, decision: 'skipped', reason: 'closed' }],
            };
        }
        if (!_events_js__WEBPACK_IMPORTED_MODULE_1__.GUARDED_PULL_ACTIONS.includes(event.action)) {
            scoped.log(`freeze guard: pull_request action "${event.action}" is not one the guard acts on; deciding anyway from the current state`);
        }
        // The one pull request's decision, which its head commit carries.
        const decidedOnHead = (decision, reason) => ({
            ...base,
            decision,
            reason,
            sha: pull.headSha,
            pulls: [{ number: pull.number, decision, reason }],
        });
        if (!active || !(0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .isFrozenBase */ .ap)(scoped, pull.base)) {
            const { decision, status } = notFrozenVerdict(active, pull.base);
            await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .ensureStatus */ .JW)(scoped, pull.number, pull.headSha, status, writes);
            return decidedOnHead(decision, status.description);
        }
        const verdict = await (0,_start_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyWithFiles */ .Y)(scoped, pull);
        if (verdict.class === 'held') {
            const wanted = (0,_messages_js__WEBPACK_IMPORTED_MODULE_2__/* .heldStatus */ .yu)(state.release, verdict);
            await ensureMergeBlockStatus(scoped, state, pull.number, pull.headSha, wanted, writes);
            await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .ensureLabel */ .zU)(scoped, pull, writes);
            await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .ensureStatus */ .JW)(scoped, pull.number, pull.headSha, wanted, writes);
            if (scoped.freeze.comment) {
                const body = (0,_messages_js__WEBPACK_IMPORTED_MODULE_2__/* .commentBody */ .I2)(scoped.freeze, {
                    release: state.release,
                    version: state.version,
                    service: options.service,
                    runUrl: scoped.runUrl,
                });
                await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .ensureComment */ .IT)(scoped, pull, state.release, body, writes);
            }
        }
        else {
            if (!state.pre_labelled.includes(pull.number) && (0,_classify_js__WEBPACK_IMPORTED_MODULE_6__/* .hasLabel */ .RX)(pull.labels, scoped.freeze.label))
                await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .ensureNoLabel */ .ux)(scoped, pull, writes);
            const wanted = (0,_messages_js__WEBPACK_IMPORTED_MODULE_2__/* .allowedStatus */ .ZY)(state.release, verdict);
            await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .ensureStatus */ .JW)(scoped, pull.number, pull.headSha, wanted, writes);
            await ensureMergeBlockStatus(scoped, state, pull.number, pull.headSha, wanted, writes);
        }
        return decidedOnHead(verdict.class, verdict.reason);
    }
    // merge_group
    if (!active || !(0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .isFrozenBase */ .ap)(scoped, event.base)) {
        const { decision, status } = notFrozenVerdict(active, event.base);
        await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .ensureStatus */ .JW)(scoped, null, event.headSha, status, writes);
        return {
            ...base,
            decision,
            reason: status.description,
            sha: event.headSha,
            pulls: event.pulls.map((number) => ({ number, decision, reason: status.description })),
        };
    }
    const pulls = [];
    for (const number of event.pulls) {
        const pull = await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .fetchFreezePull */ .vY)(scoped, number);
        const verdict = await (0,_start_js__WEBPACK_IMPORTED_MODULE_0__/* .classifyWithFiles */ .Y)(scoped, pull);
        pulls.push({ number, decision: verdict.class, reason: verdict.reason });
    }
    const held = pulls.filter((p) => p.decision === 'held');
    const wanted = held.length > 0
        ? (0,_messages_js__WEBPACK_IMPORTED_MODULE_2__/* .heldStatus */ .yu)(state.release, {
            class: 'held',
            blocked: false,
            reason: held.map((p) => `#${p.number}: ${p.reason}`).join('; '),
            labels: [],
        })
        : (0,_messages_js__WEBPACK_IMPORTED_MODULE_2__/* .allowedStatus */ .ZY)(state.release, {
            class: 'allowed',
            blocked: false,
            reason: pulls.map((p) => `#${p.number}: ${p.reason}`).join('; '),
            labels: [],
        });
    await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .ensureStatus */ .JW)(scoped, null, event.headSha, wanted, writes);
    await ensureMergeBlockStatus(scoped, state, null, event.headSha, wanted, writes);
    const decision = held.length > 0 ? 'held' : 'allowed';
    return { ...base, decision, reason: wanted.description, sha: event.headSha, pulls };
}
/** The verdict on a commit the freeze leaves alone: no freeze is active, or its base branch is not a frozen one. */
function notFrozenVerdict(active, baseBranch) {
    return active
        ? { decision: 'unfrozen-base', status: (0,_messages_js__WEBPACK_IMPORTED_MODULE_2__/* .unfrozenBaseStatus */ .tZ)(baseBranch) }
        : { decision: 'no-freeze', status: _messages_js__WEBPACK_IMPORTED_MODULE_2__/* .NO_FREEZE_STATUS */ .D8 };
}
/**
 * The merge block's context on `sha`: success where the freeze allows the commit, and a success withdrawn where it
 * holds it (a commit without the context is blocked already, so a held one is only written when it has success).
 */
async function ensureMergeBlockStatus(ctx, state, pull, sha, wanted, writes) {
    if (!state.merge_block)
        return;
    const gateCtx = (0,_merge_block_js__WEBPACK_IMPORTED_MODULE_4__/* .mergeBlockScope */ .uO)(ctx, state.merge_block);
    const current = await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .currentFreezeStatus */ .tb)(gateCtx, sha);
    if (wanted.state === 'failure' && current?.state !== 'success')
        return;
    await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .ensureStatus */ .JW)(gateCtx, pull, sha, wanted, writes, current);
}


/***/ })

};
