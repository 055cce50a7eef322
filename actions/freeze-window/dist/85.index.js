export const id = 85;
export const ids = [85];
export const modules = {

/***/ 1085:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   freezeStatus: () => (/* binding */ freezeStatus)
/* harmony export */ });
function holdText(state) {
    const block = state.merge_block;
    if (block)
        return `ruleset ${block.ruleset_id} blocks every merge into ${state.base_branches.join(', ')} without ${block.context}: no held PR can merge`;
    const p = state.progress;
    if (!p || p.mergeable === null)
        return 'start is still classifying pull requests: how many can merge is not known yet';
    if (p.mergeable === 0)
        return `no held PR can merge (all ${p.held ?? 0} carry the failing status)`;
    if (p.held === null)
        return `up to ${p.mergeable} PR(s) can still merge as of ${p.updated_at} (start classifies and blocks as it goes); ETA ${p.eta ?? 'unknown'} for the last blocking status`;
    return `${p.mergeable} of ${p.held ?? '?'} held PR(s) can still merge as of ${p.updated_at}; ETA ${p.eta ?? 'unknown'} for the last blocking status`;
}
async function freezeStatus(reader, now) {
    const state = await reader.read();
    if (state === null) {
        return {
            active: false,
            release: null,
            since: null,
            endedAt: null,
            state,
            source: reader.source,
            mergeable: null,
            eta: null,
            summary: 'No release freeze has been recorded',
        };
    }
    if (state.active) {
        const hours = ((now.getTime() - Date.parse(state.started_at)) / 3_600_000).toFixed(1);
        const counts = state.counts
            ? `${state.counts.held} PR(s) held, ${state.counts.allowed} allowed`
            : 'start is still labelling pull requests';
        const mergeable = state.merge_block ? 0 : (state.progress?.mergeable ?? null);
        return {
            active: true,
            release: state.release,
            since: state.started_at,
            endedAt: null,
            state,
            source: reader.source,
            mergeable,
            eta: mergeable === 0 ? null : (state.progress?.eta ?? null),
            summary: `Release freeze for ${state.release} active since ${state.started_at} (${hours} h, started by ${state.actor || 'unknown'}): ${counts}; ${holdText(state)}`,
        };
    }
    return {
        active: false,
        release: state.release,
        since: state.started_at,
        endedAt: state.ended_at,
        state,
        source: reader.source,
        mergeable: null,
        eta: null,
        summary: `No release freeze active (the last one, for ${state.release}, ran ${state.started_at} to ${state.ended_at ?? 'unknown'})`,
    };
}


/***/ })

};
