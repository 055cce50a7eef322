export const id = 589;
export const ids = [589];
export const modules = {

/***/ 7589:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  finishDeployment: () => (/* binding */ finishDeployment),
  readSignoff: () => (/* binding */ readSignoff),
  startDeployment: () => (/* binding */ startDeployment),
  statusDescription: () => (/* binding */ statusDescription)
});

// EXTERNAL MODULE: ./src/config/index.ts + 11 modules
var config = __webpack_require__(8270);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
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
var api = __webpack_require__(3608);
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
