export const id = 493;
export const ids = [493];
export const modules = {

/***/ 6261:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $t: () => (/* binding */ needsFiles),
/* harmony export */   RX: () => (/* binding */ hasLabel),
/* harmony export */   Sw: () => (/* binding */ classifyPull),
/* harmony export */   Zh: () => (/* binding */ MAX_LISTED_FILES)
/* harmony export */ });
/* unused harmony export pathsOnlyMatcher */
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Which open pull requests a release freeze holds. Pure: the pull request and its changed files come in,
 * a verdict with its reason comes out. Precedence, worst wins:
 *   1. a block label (schema-migration, dependencies...) holds the PR even when it also carries an allow label;
 *   2. an allow label (hotfix, rollback...) lets it through;
 *   3. when `allow.paths_only` is set and every changed path matches it, the PR is allowed (docs-only);
 *   4. everything else is held. No files (an empty PR, or a listing that may be cut at GitHub's 3,000) never
 *      proves "docs only": fail closed.
 */

/** GitHub's pull-request file listing stops at 3,000 entries; a listing that long may be incomplete. */
const MAX_LISTED_FILES = 3000;
function sameLabel(a, b) {
    // GitHub label names are case-insensitive (adding "Hotfix" to a repo with "hotfix" reuses it).
    return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}
function hasLabel(labels, name) {
    return labels.some((l) => sameLabel(l, name));
}
function matching(labels, wanted) {
    return wanted.filter((w) => hasLabel(labels, w));
}
/** Whether the verdict needs the changed files: only when no label decides and `paths_only` is set. */
function needsFiles(pull, freeze) {
    if (freeze.allow.paths_only.length === 0)
        return false;
    return (matching(pull.labels, freeze.block.labels).length === 0 &&
        matching(pull.labels, freeze.allow.labels).length === 0);
}
function pathsOnlyMatcher(patterns) {
    return picomatch__WEBPACK_IMPORTED_MODULE_0___default()([...patterns], { dot: true });
}
/**
 * @param files the changed files, or null when they were not fetched (only allowed when `needsFiles` is false).
 */
function classifyPull(pull, files, freeze) {
    const blocking = matching(pull.labels, freeze.block.labels);
    if (blocking.length > 0) {
        return {
            class: 'held',
            blocked: true,
            reason: `label${blocking.length > 1 ? 's' : ''} ${blocking.join(', ')} ${blocking.length > 1 ? 'block' : 'blocks'} changes during the freeze`,
            labels: blocking,
        };
    }
    const allowing = matching(pull.labels, freeze.allow.labels);
    if (allowing.length > 0) {
        return {
            class: 'allowed',
            blocked: false,
            reason: `label ${allowing[0]} is allowed during the freeze`,
            labels: allowing.slice(0, 1),
        };
    }
    if (freeze.allow.paths_only.length === 0) {
        return { class: 'held', blocked: false, reason: 'no allow label', labels: [] };
    }
    if (files === null) {
        throw new Error('classifyPull: the changed files are needed (allow.paths_only is set and no label decides)');
    }
    if (files.length === 0) {
        return {
            class: 'held',
            blocked: false,
            reason: 'no allow label and no changed files to prove a docs-only change',
            labels: [],
        };
    }
    if (files.length >= MAX_LISTED_FILES) {
        return {
            class: 'held',
            blocked: false,
            reason: `no allow label and ${MAX_LISTED_FILES}+ changed files (GitHub lists at most ${MAX_LISTED_FILES})`,
            labels: [],
        };
    }
    const isAllowedPath = pathsOnlyMatcher(freeze.allow.paths_only);
    const outside = files
        .flatMap((f) => [f.filename, ...(f.previousFilename ? [f.previousFilename] : [])])
        .find((p) => !isAllowedPath(p));
    if (outside !== undefined) {
        return {
            class: 'held',
            blocked: false,
            reason: `no allow label and ${outside} is outside allow.paths_only`,
            labels: [],
        };
    }
    return {
        class: 'allowed',
        blocked: false,
        reason: `every changed file matches allow.paths_only (${files.length} file${files.length === 1 ? '' : 's'})`,
        labels: [],
    };
}


/***/ }),

/***/ 6055:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D8: () => (/* binding */ NO_FREEZE_STATUS),
/* harmony export */   EP: () => (/* binding */ allowedChanges),
/* harmony export */   I2: () => (/* binding */ commentBody),
/* harmony export */   ZY: () => (/* binding */ allowedStatus),
/* harmony export */   nu: () => (/* binding */ liftedStatus),
/* harmony export */   tZ: () => (/* binding */ unfrozenBaseStatus),
/* harmony export */   yu: () => (/* binding */ heldStatus)
/* harmony export */ });
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6294);
/** The words a freeze writes on pull requests and commits, in one place so they stay consistent. */

function heldStatus(release, verdict) {
    return { state: 'failure', description: `Release freeze for ${release}: held (${verdict.reason})` };
}
function allowedStatus(release, verdict) {
    return { state: 'success', description: `Allowed during the ${release} freeze: ${verdict.reason}` };
}
const NO_FREEZE_STATUS = { state: 'success', description: 'No release freeze active' };
function liftedStatus(release) {
    return { state: 'success', description: `Release freeze for ${release} lifted` };
}
function unfrozenBaseStatus(base) {
    return { state: 'success', description: `Base branch ${base} is not frozen` };
}
/** What the freeze lets through, as lines for the evidence file and the comment. */
function allowedChanges(freeze) {
    const lines = freeze.allow.labels.map((l) => `PRs labelled ${l}`);
    if (freeze.allow.paths_only.length > 0)
        lines.push(`PRs that only change ${freeze.allow.paths_only.join(', ')}`);
    return lines;
}
function commentBody(freeze, context) {
    if (typeof freeze.comment === 'string') {
        return (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderTemplate */ .Xm)(freeze.comment, {
            version: context.version,
            tag: context.release,
            service: context.service,
            ...(context.runUrl ? { run_url: context.runUrl } : {}),
        }, 'freeze.comment');
    }
    const allowed = allowedChanges(freeze);
    return [
        `🔒 **Release freeze for ${context.release}.** This pull request is on hold and cannot merge until the freeze lifts.`,
        '',
        `The \`${freeze.label}\` label and the failing \`${freeze.status_check}\` check clear on their own when it does.`,
        allowed.length > 0
            ? `Allowed during the freeze: ${allowed.join('; ')}.`
            : 'Nothing is allowed to merge during the freeze.',
    ].join('\n');
}


/***/ }),

/***/ 5313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ chunks),
/* harmony export */   c: () => (/* binding */ mapWithLimit)
/* harmony export */ });
/** Runs `work` over `items` with at most `limit` in flight, results in input order. Reads only: writes stay serial. */
async function mapWithLimit(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        for (let i = next++; i < items.length; i = next++)
            results[i] = await work(items[i]);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}
function chunks(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}


/***/ }),

/***/ 6596:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  tb: () => (/* binding */ currentFreezeStatus),
  m2: () => (/* binding */ currentStatuses),
  IT: () => (/* binding */ ensureComment),
  zU: () => (/* binding */ ensureLabel),
  ux: () => (/* binding */ ensureNoLabel),
  JW: () => (/* binding */ ensureStatus),
  i_: () => (/* binding */ fetchChangedFiles),
  vY: () => (/* binding */ fetchFreezePull),
  Ji: () => (/* binding */ hasFreezeComment),
  ap: () => (/* binding */ isFrozenBase),
  A8: () => (/* binding */ listOpenFreezePulls),
  P9: () => (/* binding */ postFreezeComment)
});

// UNUSED EXPORTS: commentMarker, toFreezePull

;// CONCATENATED MODULE: ./src/github/api/comments.ts
async function createComment(client, repo, issueNumber, body) {
    return client.writer.write({
        operation: 'issues.createComment',
        request: `POST /repos/${repo.owner}/${repo.repo}/issues/${issueNumber}/comments`,
        summary: `comment on #${issueNumber} (${body.length} characters)`,
    }, async () => (await client.octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body })).data);
}
/** Streams an issue's or pull request's comments, oldest first. */
async function* listComments(client, repo, issueNumber) {
    const pages = client.octokit.paginate.iterator(client.octokit.rest.issues.listComments, {
        ...repo,
        issue_number: issueNumber,
        per_page: 100,
    });
    for await (const page of pages)
        yield* page.data;
}

// EXTERNAL MODULE: ./src/github/api/repo.ts
var api_repo = __webpack_require__(5706);
;// CONCATENATED MODULE: ./src/github/api/labels.ts

/** Adds labels to an issue or pull request; GitHub answers with every label now on it. */
async function addLabels(client, repo, issueNumber, labels) {
    return client.writer.write({
        operation: 'issues.addLabels',
        request: `POST /repos/${repo.owner}/${repo.repo}/issues/${issueNumber}/labels`,
        summary: `add labels [${labels.join(', ')}] to #${issueNumber}`,
    }, async () => (await client.octokit.rest.issues.addLabels({ ...repo, issue_number: issueNumber, labels })).data);
}
/**
 * Removes one label. A label that is not there (404) counts as removed, so re-running converges.
 * Returns the labels left, or null when GitHub reported the label absent.
 */
async function removeLabel(client, repo, issueNumber, name) {
    return client.writer.write({
        operation: 'issues.removeLabel',
        request: `DELETE /repos/${repo.owner}/${repo.repo}/issues/${issueNumber}/labels/${encodeURIComponent(name)}`,
        summary: `remove label ${name} from #${issueNumber}`,
    }, async () => {
        try {
            return (await client.octokit.rest.issues.removeLabel({ ...repo, issue_number: issueNumber, name }))
                .data;
        }
        catch (error) {
            if ((0,api_repo/* isNotFound */.c)(error))
                return null;
            throw error;
        }
    });
}
async function listLabels(client, repo, issueNumber) {
    return client.octokit.paginate(client.octokit.rest.issues.listLabelsOnIssue, {
        ...repo,
        issue_number: issueNumber,
        per_page: 100,
    });
}

;// CONCATENATED MODULE: ./src/github/api/pulls.ts
/** Streams open pull requests page by page (100 a page), optionally only those into `base`. */
async function* listOpenPulls(client, repo, options = {}) {
    const pages = client.octokit.paginate.iterator(client.octokit.rest.pulls.list, {
        ...repo,
        state: 'open',
        per_page: 100,
        ...(options.base === undefined ? {} : { base: options.base }),
    });
    for await (const page of pages)
        yield* page.data;
}
async function getPull(client, repo, pullNumber) {
    const { data } = await client.octokit.rest.pulls.get({ ...repo, pull_number: pullNumber });
    return data;
}
/** Streams the files a pull request changes (GitHub lists at most 3,000). */
async function* listPullFiles(client, repo, pullNumber) {
    const pages = client.octokit.paginate.iterator(client.octokit.rest.pulls.listFiles, {
        ...repo,
        pull_number: pullNumber,
        per_page: 100,
    });
    for await (const page of pages)
        yield* page.data;
}

;// CONCATENATED MODULE: ./src/github/api/statuses.ts
async function createCommitStatus(client, repo, status) {
    return client.writer.write({
        operation: 'repos.createCommitStatus',
        request: `POST /repos/${repo.owner}/${repo.repo}/statuses/${status.sha}`,
        summary: `set status ${status.context}=${status.state} on ${status.sha.slice(0, 7)}`,
    }, async () => (await client.octokit.rest.repos.createCommitStatus({
        ...repo,
        sha: status.sha,
        state: status.state,
        context: status.context,
        ...(status.description === undefined ? {} : { description: status.description }),
        ...(status.targetUrl === undefined ? {} : { target_url: status.targetUrl }),
    })).data);
}
/** The combined state of a SHA, branch or tag: the latest status of every context. */
async function getCombinedStatus(client, repo, ref) {
    const { data } = await client.octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref, per_page: 100 });
    return data;
}

// EXTERNAL MODULE: ./src/freeze/classify.ts
var classify = __webpack_require__(6261);
// EXTERNAL MODULE: ./src/freeze/run-context.ts
var run_context = __webpack_require__(7820);
;// CONCATENATED MODULE: ./src/freeze/pull-ops.ts
/**
 * The converging operations on one pull request: make sure it carries (or does not carry) the freeze label,
 * make sure its head commit shows the wanted freeze status, comment once. Each reads before it writes, so a
 * re-run writes nothing, and each write goes through the client's write gate and the pacer.
 */






function toFreezePull(pull) {
    return {
        number: pull.number,
        title: pull.title,
        base: pull.base.ref,
        headSha: pull.head.sha,
        labels: pull.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
        draft: pull.draft ?? false,
        state: pull.state === 'closed' ? 'closed' : 'open',
    };
}
/** Every open pull request, one paginated listing (cheaper than one listing per base branch). */
async function listOpenFreezePulls(ctx) {
    const pulls = [];
    for await (const pull of listOpenPulls(ctx.github, ctx.repo))
        pulls.push(toFreezePull(pull));
    return pulls;
}
async function fetchFreezePull(ctx, number) {
    return toFreezePull(await getPull(ctx.github, ctx.repo, number));
}
async function fetchChangedFiles(ctx, number) {
    const files = [];
    for await (const f of listPullFiles(ctx.github, ctx.repo, number)) {
        files.push({
            filename: f.filename,
            ...(f.previous_filename ? { previousFilename: f.previous_filename } : {}),
        });
        if (files.length >= classify/* MAX_LISTED_FILES */.Zh)
            break;
    }
    return files;
}
function isFrozenBase(ctx, base) {
    return ctx.freeze.base_branches.includes(base);
}
function record(writes, entry, result) {
    writes.push({
        ...entry,
        performed: result.performed,
        ...(result.performed ? {} : { request: result.wouldWrite.request }),
    });
}
async function ensureLabel(ctx, pull, writes) {
    if ((0,classify/* hasLabel */.RX)(pull.labels, ctx.freeze.label))
        return false;
    const result = await ctx.pacer.run(() => addLabels(ctx.github, ctx.repo, pull.number, [ctx.freeze.label]));
    record(writes, { pull: pull.number, kind: 'label', detail: `add label ${ctx.freeze.label}` }, result);
    pull.labels = [...pull.labels, ctx.freeze.label];
    return true;
}
async function ensureNoLabel(ctx, pull, writes) {
    if (!(0,classify/* hasLabel */.RX)(pull.labels, ctx.freeze.label))
        return false;
    // A 404 (someone removed it meanwhile) is success: the API function reports it as removed.
    const result = await ctx.pacer.run(() => removeLabel(ctx.github, ctx.repo, pull.number, ctx.freeze.label));
    record(writes, { pull: pull.number, kind: 'unlabel', detail: `remove label ${ctx.freeze.label}` }, result);
    pull.labels = pull.labels.filter((l) => !(0,classify/* hasLabel */.RX)([l], ctx.freeze.label));
    return true;
}
/** The latest status of the freeze context on a commit, or null when it has none. */
async function currentFreezeStatus(ctx, sha) {
    return (await currentStatuses(ctx, sha, [ctx.freeze.status_check]))[0];
}
/** The latest status of each of `contexts` on a commit (null where it has none), from one read. */
async function currentStatuses(ctx, sha, contexts) {
    const combined = await getCombinedStatus(ctx.github, ctx.repo, sha);
    return contexts.map((context) => {
        const found = combined.statuses.find((s) => s.context === context);
        return found
            ? { state: found.state, description: found.description ?? null }
            : null;
    });
}
/**
 * Sets the freeze status on `sha` unless it already shows exactly that. `known` skips the read when the
 * caller already knows the current status (null: known to have none).
 */
async function ensureStatus(ctx, pull, sha, wanted, writes, known) {
    const description = (0,run_context/* statusDescription */.$)(wanted.description);
    const current = known === undefined ? await currentFreezeStatus(ctx, sha) : known;
    if (current && current.state === wanted.state && current.description === description)
        return false;
    const result = await ctx.pacer.run(() => createCommitStatus(ctx.github, ctx.repo, {
        sha,
        state: wanted.state,
        context: ctx.freeze.status_check,
        description,
        ...(ctx.runUrl ? { targetUrl: ctx.runUrl } : {}),
    }));
    record(writes, { pull, sha, kind: 'status', detail: `${ctx.freeze.status_check}=${wanted.state}: ${description}` }, result);
    return true;
}
/** The hidden marker that makes the comment findable, so a re-run or a second guard event never repeats it. */
function commentMarker(release) {
    return `<!-- canary-conductor:freeze ${release} -->`;
}
async function hasFreezeComment(ctx, pull, release) {
    const marker = commentMarker(release);
    for await (const comment of listComments(ctx.github, ctx.repo, pull)) {
        if (comment.body?.includes(marker))
            return true;
    }
    return false;
}
async function postFreezeComment(ctx, pull, release, body, writes) {
    const result = await ctx.pacer.run(() => createComment(ctx.github, ctx.repo, pull, `${body}\n\n${commentMarker(release)}`));
    record(writes, { pull, kind: 'comment', detail: 'comment once on the freeze' }, result);
}
async function ensureComment(ctx, pull, release, body, writes) {
    if (await hasFreezeComment(ctx, pull.number, release))
        return false;
    await postFreezeComment(ctx, pull.number, release, body, writes);
    return true;
}


/***/ }),

/***/ 7820:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ statusDescription)
/* harmony export */ });
/* unused harmony export STATUS_DESCRIPTION_MAX */
/** GitHub truncates nothing itself: a status description over 140 characters is refused with a 422. */
const STATUS_DESCRIPTION_MAX = 140;
function statusDescription(text) {
    return text.length <= STATUS_DESCRIPTION_MAX ? text : `${text.slice(0, STATUS_DESCRIPTION_MAX - 1)}…`;
}


/***/ }),

/***/ 1493:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  d: () => (/* binding */ DEFAULT_BATCHING),
  Y: () => (/* binding */ classifyWithFiles),
  startFreeze: () => (/* binding */ startFreeze)
});

// EXTERNAL MODULE: ./src/config/index.ts + 13 modules
var config = __webpack_require__(6294);
// EXTERNAL MODULE: ./src/freeze/classify.ts
var freeze_classify = __webpack_require__(6261);
// EXTERNAL MODULE: ./src/freeze/evidence.ts
var evidence = __webpack_require__(1050);
// EXTERNAL MODULE: ./src/freeze/merge-block.ts + 1 modules
var merge_block = __webpack_require__(7278);
// EXTERNAL MODULE: ./src/freeze/messages.ts
var messages = __webpack_require__(6055);
;// CONCATENATED MODULE: ./src/freeze/progress.ts
function holdProgress(method, held, mergeable, etaMs, now) {
    return {
        method,
        held,
        mergeable,
        eta: etaMs === null || mergeable === 0 ? null : new Date(now.getTime() + etaMs).toISOString(),
        updated_at: now.toISOString(),
    };
}
/** Equal but for the time it was taken: a re-run that finds nothing left to block commits nothing new. */
function sameProgress(a, b) {
    if (!a || !b)
        return a === b;
    return a.method === b.method && a.held === b.held && a.mergeable === b.mergeable && a.eta === b.eta;
}
function progressLine(release, p, baseBranches) {
    const into = baseBranches.join(', ');
    if (p.method === 'ruleset')
        return `freeze ${release}: a ruleset blocks every merge into ${into} except the plan's exemptions; 0 held PR(s) can merge`;
    if (p.mergeable === null)
        return `freeze ${release}: classifying open PRs into ${into}`;
    if (p.mergeable === 0)
        return `freeze ${release}: all ${p.held ?? 0} held PR(s) carry the failing status; none can merge`;
    if (p.held === null)
        return `freeze ${release}: up to ${p.mergeable} PR(s) into ${into} can still merge (classified and blocked as it goes); ETA ${p.eta ?? 'unknown'} for the last blocking status`;
    return `freeze ${release}: ${p.mergeable} of ${p.held ?? '?'} held PR(s) can still merge; ETA ${p.eta ?? 'unknown'} for the last blocking status`;
}
/**
 * Commits the state with its progress in the background, at most one push at a time and the newest state winning,
 * so the status writes never wait for git. `flush` waits for the last push; a failed push is logged, and the final
 * evidence commit carries the state anyway.
 */
function progressPublisher(evidence, message, log) {
    let pending = null;
    let running = null;
    const drain = async () => {
        while (pending !== null) {
            const file = pending;
            pending = null;
            try {
                await evidence.write([file], message);
            }
            catch (error) {
                log(`freeze progress not published to ${evidence.target}: ${error.message}`);
            }
        }
        running = null;
    };
    return {
        publish(file) {
            pending = file;
            running ??= drain();
        },
        async flush() {
            while (running !== null)
                await running;
        },
    };
}

// EXTERNAL MODULE: ./src/freeze/pull-ops.ts + 4 modules
var pull_ops = __webpack_require__(6596);
;// CONCATENATED MODULE: ./src/freeze/readiness.ts
function rank(p) {
    if (p.draft)
        return 2;
    return p.freezeGreen === true ? 0 : 1;
}
function mostMergeableFirst(pulls) {
    return [...pulls].sort((a, b) => rank(a) - rank(b) || a.number - b.number);
}

// EXTERNAL MODULE: ./src/freeze/run-context.ts
var run_context = __webpack_require__(7820);
// EXTERNAL MODULE: ./src/freeze/state.ts
var freeze_state = __webpack_require__(7150);
// EXTERNAL MODULE: ./src/evidence/push.ts + 8 modules
var push = __webpack_require__(8315);
// EXTERNAL MODULE: ./src/freeze/pool.ts
var pool = __webpack_require__(5313);
;// CONCATENATED MODULE: ./src/freeze/start.ts
/**
 * `start`: the freeze comes into force. Order matters for correctness:
 *   1. with a merge block (an admin or App token): install the ruleset first, before anything else is written, so
 *      from that request on no PR can merge without the release's own status context;
 *   2. read the state and every open PR; record the freeze as active on the evidence branch BEFORE any PR is
 *      touched, so a guard run for a PR pushed meanwhile already sees the freeze;
 *   3. classify every open PR into a frozen base (reads only);
 *   4. the blocking pass, most-mergeable PR first: without a merge block, the failing status on every held PR's
 *      head, before any label or comment (until its status is written a held PR can still merge); with one, the
 *      release's context (success) on every allowed PR, so the plan's exemptions can merge;
 *   5. the visibility pass at the paced rate: labels, the failing status (merge-block path), one comment; allowed
 *      PRs lose a label the freeze gave them and any failing freeze status;
 *   6. commit `freeze_window_start.txt` and the final state (counts) together.
 * While it runs it prints, and records in the state for `freeze status`, how many held PRs can still merge and
 * when the last will not. Re-running start for the same release converges and writes nothing new.
 */












const DEFAULT_BATCHING = {
    batchSize: 25,
    readConcurrency: 8,
    snapshotMaxAgeMs: 10 * 60_000,
    progressEveryMs: 5 * 60_000,
};
async function classifyWithFiles(ctx, pull) {
    const files = (0,freeze_classify/* needsFiles */.$t)(pull, ctx.freeze) ? await (0,pull_ops/* fetchChangedFiles */.i_)(ctx, pull.number) : null;
    return (0,freeze_classify/* classifyPull */.Sw)(pull, files, ctx.freeze);
}
async function startFreeze(ctx, options) {
    const dryRun = ctx.github.dryRun;
    const runStartedAt = ctx.clock.now().getTime();
    const writes = [];
    // 1. The very first write, made while the state is read: from this request on, nothing merges without the
    //    release's context.
    let blockedAt = runStartedAt;
    const [previous, installed] = await Promise.all([
        options.stateReader.read(),
        options.mergeBlock
            ? (0,merge_block/* ensureMergeBlock */.md)(ctx, options.mergeBlock, options.release, writes).then((r) => {
                blockedAt = ctx.clock.now().getTime();
                return r;
            })
            : null,
    ]);
    if ((0,freeze_state/* isFreezeActive */.GY)(previous) && previous.release !== options.release) {
        // Another release's freeze holds the branches already; take back only what this call installed.
        if (installed?.created)
            await (0,merge_block/* removeMergeBlock */.sf)(ctx, options.mergeBlock.client, installed.block, writes);
        throw new config/* ConfigurationError */.j1(`freeze start: a freeze for ${previous.release} is active since ${previous.started_at} (${options.stateReader.source}); end it before starting one for ${options.release}`);
    }
    const resumed = (0,freeze_state/* isFreezeActive */.GY)(previous);
    const mergeBlock = installed?.block ?? (resumed ? (previous.merge_block ?? null) : null);
    let heldAfterMs = mergeBlock ? blockedAt - runStartedAt : 0;
    const method = mergeBlock ? 'ruleset' : 'status';
    const everyOpen = await (0,pull_ops/* listOpenFreezePulls */.A8)(ctx);
    const open = everyOpen.filter((p) => (0,pull_ops/* isFrozenBase */.ap)(ctx, p.base));
    ctx.log(`freeze start ${options.release}: ${open.length} open PR(s) into ${ctx.freeze.base_branches.join(', ')}${resumed ? ' (resuming an active freeze)' : ''}`);
    let state = resumed
        ? { ...previous, merge_block: mergeBlock }
        : {
            schema: freeze_state/* FREEZE_STATE_SCHEMA */.kK,
            active: true,
            release: options.release,
            version: options.version,
            started_at: ctx.clock.now().toISOString(),
            actor: ctx.actor,
            run_url: ctx.runUrl,
            label: ctx.freeze.label,
            status_check: ctx.freeze.status_check,
            base_branches: [...ctx.freeze.base_branches],
            counts: null,
            // Every base branch: end lifts labels from every open PR, so it must know all the hand-set ones.
            pre_labelled: everyOpen.filter((p) => (0,freeze_classify/* hasLabel */.RX)(p.labels, ctx.freeze.label)).map((p) => p.number),
            held: [],
            ended_at: null,
            ended_by: null,
            released: null,
            merge_block: mergeBlock,
            progress: holdProgress(method, null, mergeBlock ? 0 : null, null, ctx.clock.now()),
        };
    const message = (summary) => (0,push/* evidenceCommitMessage */.M)({
        release: options.release,
        stage: 'freeze-start',
        runUrl: ctx.runUrl || null,
        summary,
    });
    // The push runs while the PRs are classified (reads only) and is awaited before the first PR is written.
    const recordState = !resumed || (previous.merge_block ?? null)?.ruleset_id !== mergeBlock?.ruleset_id;
    let stateRecorded = Promise.resolve();
    if (recordState) {
        if (dryRun) {
            writes.push({
                pull: null,
                kind: 'evidence',
                detail: `record the freeze as active (${(0,evidence.stateFile)(state).path})`,
                performed: false,
            });
        }
        else {
            stateRecorded = options.evidence.write([(0,evidence.stateFile)(state)], message('freeze in force, labelling open pull requests'));
            // Awaited below; a rejection meanwhile must not count as unhandled.
            stateRecorded.catch(() => undefined);
        }
    }
    const preLabelled = new Set(state.pre_labelled);
    const previouslyHeld = new Set(state.held);
    const comment = ctx.freeze.comment
        ? (0,messages/* commentBody */.I2)(ctx.freeze, {
            release: options.release,
            version: options.version,
            service: options.service,
            runUrl: ctx.runUrl,
        })
        : null;
    const tuning = { ...DEFAULT_BATCHING, ...options.batching };
    const gateCtx = mergeBlock ? (0,merge_block/* mergeBlockScope */.uO)(ctx, mergeBlock) : null;
    // What this run set on each PR's head: a re-read after the snapshot aged must read it, not assume none; in
    // dry-run, where nothing was written, it stands in for what GitHub would show.
    const statusWritten = new Map();
    // 3. Classify (reads only). Status reads are skipped where this freeze cannot have written one yet.
    const prepare = async (pull) => {
        if (pull.state !== 'open' || !(0,pull_ops/* isFrozenBase */.ap)(ctx, pull.base))
            return null; // closed or retargeted meanwhile
        const verdict = await classifyWithFiles(ctx, pull);
        const touched = (0,freeze_classify/* hasLabel */.RX)(pull.labels, ctx.freeze.label) ||
            previouslyHeld.has(pull.number) ||
            statusWritten.has(pull.number);
        // The merge block's context is the release's own: before this freeze resumed, no commit carries it.
        const gateMayExist = mergeBlock !== null && resumed;
        let status = null;
        let gate = null;
        if (touched || gateMayExist) {
            [status = null, gate = null] = await (0,pull_ops/* currentStatuses */.m2)(ctx, pull.headSha, [
                ctx.freeze.status_check,
                ...(mergeBlock ? [mergeBlock.context] : []),
            ]);
        }
        return { pull, verdict, status, gate, readAt: ctx.clock.now().getTime() };
    };
    const classify = async (pulls) => (await (0,pool/* mapWithLimit */.c)(pulls, tuning.readConcurrency, prepare)).filter((p) => p !== null);
    const readiness = (items) => mostMergeableFirst(items.map((p) => ({
        number: p.pull.number,
        draft: p.pull.draft,
        freezeGreen: p.status === null ? null : p.status.state === 'success',
        item: p,
    }))).map((r) => r.item);
    const prepared = [];
    // Progress: on the status path a PR can merge until it is classified and, if held, its failing status is
    // written (an upper bound while classifying: some of the unclassified are allowed); none once a ruleset stands.
    let unclassified = open.length;
    const heldCount = () => unclassified > 0 ? null : prepared.filter((p) => p.verdict.class === 'held').length;
    const publisher = dryRun ? null : progressPublisher(options.evidence, message('freeze progress'), ctx.log);
    let lastPublished = state.progress ?? null;
    let lastPublishedAt = 0;
    const report = (force) => {
        const now = ctx.clock.now();
        const mergeable = mergeBlock ? 0 : unclassified;
        const progress = holdProgress(method, heldCount(), mergeable, ctx.pacer.estimateMs(mergeable), now);
        ctx.log(progressLine(options.release, progress, ctx.freeze.base_branches));
        if (sameProgress(lastPublished, progress)) {
            state = { ...state, progress: lastPublished };
            return;
        }
        state = { ...state, progress };
        // A re-run that has blocked nothing yet publishes nothing: it may find nothing to do, and then commits nothing.
        const acted = !resumed || writes.some((w) => w.kind === 'status' && w.performed);
        if (publisher && acted && (force || now.getTime() - lastPublishedAt >= tuning.progressEveryMs)) {
            publisher.publish((0,evidence.stateFile)(state));
            lastPublished = progress;
            lastPublishedAt = now.getTime();
        }
    };
    // Walks items in batches, waiting for a batch's write budget BEFORE refreshing what it read, so the reads
    // that decide the writes are minutes old at most, never an hour.
    // `refresh: false` for the blocking pass: a failing status written from an aged snapshot errs on the closed
    // side (a PR allowed meanwhile is released by the visibility pass, a new head gets guard's status), and three
    // reads per PR would spend the primary budget in the window where held PRs can still merge.
    const walk = async (items, writesEach, refresh, act) => {
        for (const batch of (0,pool/* chunks */.V)(items, tuning.batchSize)) {
            await ctx.pacer.ready(batch.length * writesEach);
            const now = ctx.clock.now().getTime();
            const fresh = await (0,pool/* mapWithLimit */.c)(batch, tuning.readConcurrency, async (item) => {
                if (!refresh || now - item.readAt <= tuning.snapshotMaxAgeMs)
                    return item;
                const current = await (0,pull_ops/* fetchFreezePull */.vY)(ctx, item.pull.number);
                if (current.headSha === item.pull.headSha && sameLabels(current.labels, item.pull.labels)) {
                    // Same head, same labels: the verdict and the statuses stand (guard only acts on such changes).
                    if (current.state !== 'open' || !(0,pull_ops/* isFrozenBase */.ap)(ctx, current.base))
                        return null;
                    item.readAt = ctx.clock.now().getTime();
                    return item;
                }
                const again = await prepare(current);
                if (again === null)
                    return null;
                const wrote = statusWritten.get(again.pull.number);
                if (dryRun && wrote?.sha === again.pull.headSha)
                    Object.assign(again, wrote);
                Object.assign(item, again);
                return item;
            });
            for (const item of fresh)
                if (item !== null)
                    await act(item);
        }
    };
    // 4. The blocking pass.
    if (mergeBlock === null) {
        // Classify a batch, then block its held PRs, batch after batch: the token's hourly budget goes to blocking
        // as it goes instead of to classifying all PRs first (1,000 PRs' reads alone nearly spend GITHUB_TOKEN's hour).
        await stateRecorded;
        report(true);
        const order = mostMergeableFirst(open.map((p) => ({ number: p.number, draft: p.draft, freezeGreen: null, pull: p })));
        let sinceReport = 0;
        for (const batch of (0,pool/* chunks */.V)(order, tuning.batchSize)) {
            await ctx.pacer.ready(batch.length);
            const items = readiness(await classify(batch.map((r) => r.pull)));
            for (const item of items) {
                prepared.push(item);
                if (item.verdict.class !== 'held')
                    continue;
                await (0,pull_ops/* ensureStatus */.JW)(ctx, item.pull.number, item.pull.headSha, (0,messages/* heldStatus */.yu)(options.release, item.verdict), writes, item.status);
                item.status = { state: 'failure', description: heldDescription(options.release, item.verdict) };
                statusWritten.set(item.pull.number, { sha: item.pull.headSha, status: item.status, gate: item.gate });
            }
            unclassified -= batch.length;
            sinceReport += batch.length;
            if (sinceReport >= 50 && unclassified > 0) {
                sinceReport = 0;
                report(false);
            }
        }
        heldAfterMs = ctx.clock.now().getTime() - runStartedAt;
    }
    else {
        prepared.push(...(await classify(open)));
        unclassified = 0;
        await stateRecorded;
        report(true);
        await walk(readiness(prepared.filter((p) => p.verdict.class === 'allowed')), 1, true, async (item) => {
            const wanted = item.verdict.class === 'allowed'
                ? (0,messages/* allowedStatus */.ZY)(options.release, item.verdict)
                : (0,messages/* heldStatus */.yu)(options.release, item.verdict);
            // A held PR without the context is already blocked; only a success on it would need undoing.
            if (item.verdict.class === 'held' && item.gate?.state !== 'success')
                return;
            await (0,pull_ops/* ensureStatus */.JW)(gateCtx, item.pull.number, item.pull.headSha, wanted, writes, item.gate);
            item.gate = { state: wanted.state, description: (0,run_context/* statusDescription */.$)(wanted.description) };
            statusWritten.set(item.pull.number, { sha: item.pull.headSha, status: item.status, gate: item.gate });
        });
    }
    unclassified = 0;
    report(true);
    const byReadiness = readiness(prepared);
    const heldItems = byReadiness.filter((p) => p.verdict.class === 'held');
    const allowedItems = byReadiness.filter((p) => p.verdict.class === 'allowed');
    // 5. The visibility pass.
    const pulls = [];
    let labelledNow = 0;
    await walk([...heldItems, ...allowedItems], comment === null ? 2 : 3, true, async (item) => {
        const { pull, verdict } = item;
        pulls.push({
            number: pull.number,
            title: pull.title,
            base: pull.base,
            headSha: pull.headSha,
            draft: pull.draft,
            class: verdict.class,
            blocked: verdict.blocked,
            reason: verdict.reason,
        });
        const wanted = verdict.class === 'held'
            ? (0,messages/* heldStatus */.yu)(options.release, verdict)
            : (0,messages/* allowedStatus */.ZY)(options.release, verdict);
        // The verdict's status on the head, under the freeze's context or the merge block's.
        const writeOnHead = (scope, known) => (0,pull_ops/* ensureStatus */.JW)(scope, pull.number, pull.headSha, wanted, writes, known);
        if (verdict.class === 'held') {
            await writeOnHead(ctx, item.status);
            if (gateCtx && item.gate?.state === 'success')
                await writeOnHead(gateCtx, item.gate);
            if (await (0,pull_ops/* ensureLabel */.zU)(ctx, pull, writes))
                labelledNow += 1;
            if (comment !== null && !(await (0,pull_ops/* hasFreezeComment */.Ji)(ctx, pull.number, options.release)))
                await (0,pull_ops/* postFreezeComment */.P9)(ctx, pull.number, options.release, comment, writes);
        }
        else {
            if (!preLabelled.has(pull.number))
                await (0,pull_ops/* ensureNoLabel */.ux)(ctx, pull, writes);
            if (item.status && item.status.state !== 'success')
                await writeOnHead(ctx, item.status);
            if (gateCtx && item.gate?.state !== 'success')
                await writeOnHead(gateCtx, item.gate);
        }
    });
    await publisher?.flush();
    // Reported in listing order, whatever order they were written in.
    const listed = new Map(open.map((p, i) => [p.number, i]));
    pulls.sort((a, b) => listed.get(a.number) - listed.get(b.number));
    const held = pulls.filter((p) => p.class === 'held');
    state = {
        ...state,
        counts: {
            open: pulls.length,
            held: held.length,
            blocked: held.filter((p) => p.blocked).length,
            allowed: pulls.length - held.length,
            labelled: held.filter((p) => !preLabelled.has(p.number)).length,
        },
        held: [...new Set([...state.held, ...held.map((p) => p.number)])],
        // Nothing left to block: keep the recorded time if the figures are unchanged, so a re-run commits nothing.
        progress: sameProgress(previous?.progress, state.progress) ? previous.progress : state.progress,
    };
    const evidenceFiles = [
        (0,evidence.freezeStartEvidence)(state, held.map((p) => ({ number: p.number, title: p.title })), (0,messages/* allowedChanges */.EP)(ctx.freeze), options.nextWindow(new Date(state.started_at)), options.evidenceContext),
        (0,evidence.stateFile)(state),
    ];
    let evidenceCommitted = false;
    if (dryRun) {
        for (const f of evidenceFiles)
            writes.push({ pull: null, kind: 'evidence', detail: `write ${f.path}`, performed: false });
    }
    else {
        const pushed = await options.evidence.write(evidenceFiles, message(`${held.length} PR(s) on hold`));
        evidenceCommitted = pushed.changed;
    }
    ctx.log(`freeze start ${options.release}: ${held.length} held (${state.counts.blocked} blocked), ${pulls.length - held.length} allowed, ${labelledNow} labelled by this run; no held PR could merge after ${Math.round(heldAfterMs / 1000)} s`);
    return {
        state,
        pulls,
        labelledNow,
        writes,
        evidenceFiles,
        evidenceCommitted,
        resumed,
        mergeBlock,
        heldAfterMs,
    };
}
function heldDescription(release, verdict) {
    return (0,run_context/* statusDescription */.$)((0,messages/* heldStatus */.yu)(release, verdict).description);
}
function sameLabels(a, b) {
    return a.length === b.length && a.every((l) => (0,freeze_classify/* hasLabel */.RX)(b, l));
}


/***/ })

};
