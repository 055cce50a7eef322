export const id = 358;
export const ids = [358];
export const modules = {

/***/ 6358:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   endFreeze: () => (/* binding */ endFreeze)
/* harmony export */ });
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6294);
/* harmony import */ var _evidence_push_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8315);
/* harmony import */ var _classify_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6261);
/* harmony import */ var _evidence_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1050);
/* harmony import */ var _merge_block_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7278);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6055);
/* harmony import */ var _pull_ops_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6596);
/* harmony import */ var _pool_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5313);
/* harmony import */ var _start_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1493);
/**
 * `end`: the freeze lifts. A merge block (the ruleset start installed) is removed first of all, so PRs can merge
 * again from the first request on. The state is marked ended next, so guard runs from then on let PRs through and
 * never re-label one that end just released. Then, for every open PR:
 *   - the freeze label comes off unless the PR carried it before the freeze started (recorded in the state);
 *     a label already gone (404) counts as removed;
 *   - a failing freeze status on its head commit turns to success. A commit status is per commit, so a
 *     status set during the freeze would stay failing forever if end did not rewrite it.
 * Finally `freeze_window_end.txt` and the ended state are committed together. Re-running end converges.
 */









async function endFreeze(ctx, options) {
    const dryRun = ctx.github.dryRun;
    const previous = await options.stateReader.read();
    if (previous === null) {
        ctx.log(`freeze end: no freeze recorded in ${options.stateReader.source}; nothing to lift`);
        return {
            state: null,
            unlabelledNow: 0,
            clearedNow: 0,
            keptLabels: [],
            writes: [],
            evidenceFiles: [],
            evidenceCommitted: false,
            durationMs: null,
        };
    }
    if (previous.release !== options.release) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`freeze end: the ${previous.active ? 'active' : 'last'} freeze is for ${previous.release} (since ${previous.started_at}), not ${options.release}`);
    }
    const writes = [];
    const block = previous.merge_block ?? null;
    if (block !== null) {
        if (!options.mergeBlock) {
            throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`freeze end: the freeze installed ruleset ${block.ruleset_id} ("${block.name}"), which only an admin or GitHub App token can remove; give end the same merge-block token start had`);
        }
        await (0,_merge_block_js__WEBPACK_IMPORTED_MODULE_3__/* .removeMergeBlock */ .sf)(ctx, options.mergeBlock.client, block, writes);
    }
    const message = (summary) => (0,_evidence_push_js__WEBPACK_IMPORTED_MODULE_1__/* .evidenceCommitMessage */ .M)({
        release: options.release,
        stage: 'freeze-end',
        runUrl: ctx.runUrl || null,
        summary,
    });
    let state = previous.active
        ? {
            ...previous,
            active: false,
            ended_at: ctx.clock.now().toISOString(),
            ended_by: ctx.actor,
            released: null,
            // Removed above; an ended state names no ruleset, so re-running end needs no admin token.
            merge_block: null,
            progress: null,
        }
        : block !== null
            ? { ...previous, merge_block: null }
            : previous;
    if (previous.active || block !== null) {
        if (dryRun)
            writes.push({
                pull: null,
                kind: 'evidence',
                detail: `record the freeze as ended (${(0,_evidence_js__WEBPACK_IMPORTED_MODULE_2__.stateFile)(state).path})`,
                performed: false,
            });
        else
            await options.evidence.write([(0,_evidence_js__WEBPACK_IMPORTED_MODULE_2__.stateFile)(state)], message('freeze lifted, releasing pull requests'));
    }
    // The freeze's own label and status use the names recorded when it started, even if the plan changed since.
    const scoped = {
        ...ctx,
        freeze: { ...ctx.freeze, label: state.label, status_check: state.status_check },
    };
    const preLabelled = new Set(state.pre_labelled);
    const held = new Set(state.held);
    const keptLabels = [];
    let unlabelledNow = 0;
    let clearedNow = 0;
    const tuning = { ..._start_js__WEBPACK_IMPORTED_MODULE_6__/* .DEFAULT_BATCHING */ .d, ...options.batching };
    const candidates = (await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_5__/* .listOpenFreezePulls */ .A8)(scoped)).filter((p) => (0,_classify_js__WEBPACK_IMPORTED_MODULE_7__/* .hasLabel */ .RX)(p.labels, state.label) || held.has(p.number));
    let snapshotAt = ctx.clock.now().getTime();
    for (const batch of (0,_pool_js__WEBPACK_IMPORTED_MODULE_8__/* .chunks */ .V)(candidates, tuning.batchSize)) {
        await ctx.pacer.ready(batch.length * 2);
        const stale = ctx.clock.now().getTime() - snapshotAt > tuning.snapshotMaxAgeMs;
        const prepared = await (0,_pool_js__WEBPACK_IMPORTED_MODULE_8__/* .mapWithLimit */ .c)(batch, tuning.readConcurrency, async (listed) => {
            const pull = stale ? await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_5__/* .fetchFreezePull */ .vY)(scoped, listed.number) : listed;
            return { pull, status: pull.state === 'open' ? await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_5__/* .currentFreezeStatus */ .tb)(scoped, pull.headSha) : null };
        });
        if (stale)
            snapshotAt = ctx.clock.now().getTime();
        for (const { pull, status } of prepared) {
            if (pull.state !== 'open')
                continue;
            const labelled = (0,_classify_js__WEBPACK_IMPORTED_MODULE_7__/* .hasLabel */ .RX)(pull.labels, state.label);
            if (labelled && preLabelled.has(pull.number))
                keptLabels.push(pull.number);
            else if (labelled && (await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_5__/* .ensureNoLabel */ .ux)(scoped, pull, writes)))
                unlabelledNow += 1;
            if (status &&
                status.state !== 'success' &&
                (await (0,_pull_ops_js__WEBPACK_IMPORTED_MODULE_5__/* .ensureStatus */ .JW)(scoped, pull.number, pull.headSha, (0,_messages_js__WEBPACK_IMPORTED_MODULE_4__/* .liftedStatus */ .nu)(state.release), writes, status))) {
                clearedNow += 1;
            }
        }
    }
    state = { ...state, released: (state.released ?? 0) + unlabelledNow };
    const durationMs = Date.parse(state.ended_at) - Date.parse(state.started_at);
    const evidenceFiles = [(0,_evidence_js__WEBPACK_IMPORTED_MODULE_2__.freezeEndEvidence)(state, options.evidenceContext), (0,_evidence_js__WEBPACK_IMPORTED_MODULE_2__.stateFile)(state)];
    let evidenceCommitted = false;
    if (dryRun) {
        for (const f of evidenceFiles)
            writes.push({ pull: null, kind: 'evidence', detail: `write ${f.path}`, performed: false });
    }
    else {
        evidenceCommitted = (await options.evidence.write(evidenceFiles, message(`${state.released} PR(s) released`))).changed;
    }
    ctx.log(`freeze end ${options.release}: ${unlabelledNow} label(s) removed, ${clearedNow} status(es) cleared, ${keptLabels.length} pre-existing label(s) kept`);
    return {
        state,
        unlabelledNow,
        clearedNow,
        keptLabels,
        writes,
        evidenceFiles,
        evidenceCommitted,
        durationMs,
    };
}


/***/ })

};
