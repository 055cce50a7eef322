export const id = 78;
export const ids = [78];
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


/***/ })

};
