export const id = 546;
export const ids = [546];
export const modules = {

/***/ 9636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  O: () => (/* binding */ preparePlanCommand)
});

// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(7827);
// EXTERNAL MODULE: ./src/secrets/masker.ts
var masker = __webpack_require__(2490);
;// CONCATENATED MODULE: ./src/commands/environment.ts
/**
 * The environment a plan command runs with. Commands are the plan author's code (or a runbook's), and on a
 * runner the job's environment holds the workflow token, the Prometheus token and chat webhook URLs; a command
 * that prints `env` on failure would put them in the evidence. So a command gets a minimal environment, the
 * run's context as `CANARY_*` variables, and only the variables its plan entry names in `env:`.
 */


/** Passed through from the job when set: what a shell and ordinary tools need to work. */
const BASE_VARIABLES = [
    'PATH',
    'HOME',
    'LANG',
    'LC_ALL',
    'TZ',
    'TMPDIR',
    'CI',
    'RUNNER_OS',
    'RUNNER_ARCH',
    'RUNNER_TEMP',
];
/**
 * The runner's file commands: a command writing to them would set outputs, environment or PATH of later steps
 * behind the masker's back, so they are never passed (a plan may still name them explicitly).
 */
const FILE_COMMAND_VARIABLES = new Set([
    'GITHUB_ENV',
    'GITHUB_OUTPUT',
    'GITHUB_PATH',
    'GITHUB_STATE',
    'GITHUB_STEP_SUMMARY',
]);
/** Each placeholder's variable: `{{previous_tag}}` reaches a shell as "$CANARY_PREVIOUS_TAG". */
function contextVariableName(placeholder) {
    return `CANARY_${placeholder.toUpperCase()}`;
}
function contextVariables(context) {
    const vars = {};
    for (const [name, value] of Object.entries(context)) {
        if (value !== undefined && value !== null && value !== '')
            vars[contextVariableName(name)] = String(value);
    }
    return vars;
}
/** The minimal environment: base variables and the runner's non-secret GITHUB_* values. */
function minimalEnvironment(parent) {
    const env = {};
    for (const name of BASE_VARIABLES) {
        const value = parent[name];
        if (value !== undefined)
            env[name] = value;
    }
    for (const [name, value] of Object.entries(parent)) {
        if (value === undefined || !name.startsWith('GITHUB_'))
            continue;
        if (FILE_COMMAND_VARIABLES.has(name) || masker/* SECRET_NAME */.J4.test(name))
            continue;
        env[name] = value;
    }
    return env;
}
/**
 * The environment of one plan command: the minimal environment, the context variables, then what the plan's
 * `env:` names (a named variable that is not set is an error naming the field: a command that silently runs
 * without its KUBECONFIG acts on the wrong cluster).
 */
function commandEnvironment(options) {
    const env = { ...minimalEnvironment(options.parent), ...contextVariables(options.context) };
    const spec = options.spec;
    if (!spec)
        return env;
    if (Array.isArray(spec)) {
        for (const [i, name] of spec.entries()) {
            const value = options.parent[name];
            if (value === undefined)
                throw new errors/* ConfigurationError */.j1(`${options.field}[${i}]: environment variable ${name} is not set in this job (set it on the step, or remove it from ${options.field})`);
            env[name] = value;
        }
    }
    else {
        for (const [name, value] of Object.entries(spec))
            env[name] = value;
    }
    return env;
}

// EXTERNAL MODULE: ./src/config/template.ts
var template = __webpack_require__(9030);
;// CONCATENATED MODULE: ./src/commands/shell-placeholders.ts
/**
 * Placeholders in a shell command are data, not shell. `./scale.sh {{weight}}` runs as `./scale.sh
 * "${CANARY_WEIGHT}"` with CANARY_WEIGHT in the environment, so a value such as a tag `v1.0.0;touch${IFS}x;#`
 * (legal in git) or a stage input `pilot; rm -rf /` is one argument, never code. The reference is written to
 * suit where the placeholder stands: bare -> "${VAR}", inside double quotes -> ${VAR}, inside single quotes ->
 * '"${VAR}"' (close, expand quoted, reopen). The shell expands a variable's value once and never re-parses it.
 */


const PLACEHOLDER = /^\{\{\s*([^{}]*?)\s*\}\}/;
/**
 * Renders a shell command template. Every placeholder must have a value (same errors as renderTemplate); the
 * values themselves go in the environment (see contextVariables), not in the script.
 */
function renderShellCommand(text, context, field) {
    const shown = (0,template/* renderTemplate */.Xm)(text, context, field);
    let script = '';
    let quote = 'none';
    for (let i = 0; i < text.length;) {
        const ch = text[i];
        const placeholder = ch === '{' ? PLACEHOLDER.exec(text.slice(i)) : null;
        if (placeholder) {
            const variable = contextVariableName(placeholder[1]);
            script +=
                quote === 'double'
                    ? `\${${variable}}`
                    : quote === 'single'
                        ? `'"\${${variable}}"'`
                        : `"\${${variable}}"`;
            i += placeholder[0].length;
            continue;
        }
        if (ch === '\\' && quote !== 'single') {
            // An escaped character is literal, including an escaped quote.
            script += text.slice(i, i + 2);
            i += 2;
            continue;
        }
        if (ch === "'" && quote !== 'double')
            quote = quote === 'single' ? 'none' : 'single';
        else if (ch === '"' && quote !== 'single')
            quote = quote === 'double' ? 'none' : 'double';
        script += ch;
        i++;
    }
    return { script, shown };
}
/** An argv command needs no quoting (no shell parses it): each item is rendered as is. */
function renderArgvCommand(parts, context, field) {
    return parts.map((part, i) => (0,template/* renderTemplate */.Xm)(part, context, `${field}[${i}]`));
}

;// CONCATENATED MODULE: ./src/commands/plan-command.ts


function preparePlanCommand(raw, options) {
    const env = commandEnvironment({
        parent: options.parentEnv,
        context: options.context,
        spec: options.envSpec,
        field: options.envField,
    });
    if (typeof raw === 'string') {
        const shell = renderShellCommand(raw, options.context, options.field);
        return { command: shell.script, shown: shell.shown, env };
    }
    const argv = renderArgvCommand(raw, options.context, options.field);
    return { command: argv, shown: argv.join(' '), env };
}


/***/ }),

/***/ 5664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ tail),
/* harmony export */   _: () => (/* binding */ createCommandRunner)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Commands (kubectl, the plan's `run` entries) behind a small interface: argv lists go to execFile (no shell);
 * a plain string is a shell command run by `sh -c`, as a user would type it in a runbook. Every command has a
 * time limit and bounded output.
 */

function createCommandRunner(defaults = {}) {
    return {
        run(command, options = {}) {
            const [file, args] = typeof command === 'string' ? ['sh', ['-c', command]] : [command[0], command.slice(1)];
            const timeout = options.timeoutMs ?? defaults.timeoutMs ?? 120_000;
            return new Promise((resolve) => {
                const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(file, args, {
                    cwd: options.cwd ?? defaults.cwd,
                    env: options.env ?? defaults.env ?? process.env,
                    timeout,
                    killSignal: 'SIGKILL',
                    maxBuffer: 16 * 1024 * 1024,
                    windowsHide: true,
                }, (error, stdout, stderr) => {
                    const err = error;
                    const timedOut = Boolean(err?.killed);
                    resolve({
                        exitCode: err ? (typeof err.code === 'number' ? err.code : timedOut ? 124 : 127) : 0,
                        stdout: String(stdout),
                        stderr: String(stderr) +
                            (timedOut
                                ? `\n(killed after ${timeout} ms)`
                                : err && typeof err.code === 'string'
                                    ? `\n${err.message}`
                                    : ''),
                        ...(timedOut ? { timedOut } : {}),
                    });
                });
                if (options.input !== undefined)
                    child.stdin?.end(options.input);
                else
                    child.stdin?.end();
            });
        },
    };
}
/** The last lines of a command's output, for an error message. */
function tail(text, lines = 5) {
    return text.trim().split('\n').slice(-lines).join(' | ').slice(0, 600);
}


/***/ }),

/***/ 4546:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TrafficError: () => (/* reexport */ types/* TrafficError */._s),
  clusterArgv: () => (/* reexport */ clusterArgv),
  createCommandRunner: () => (/* reexport */ exec/* createCommandRunner */._),
  createGitopsProvider: () => (/* reexport */ createGitopsProvider),
  createHttpProvider: () => (/* reexport */ createHttpProvider),
  createKubectlProvider: () => (/* reexport */ createKubectlProvider),
  createRunProvider: () => (/* reexport */ createRunProvider),
  createTrafficProvider: () => (/* binding */ createTrafficProvider),
  formatShare: () => (/* reexport */ types/* formatShare */.T1),
  localArgv: () => (/* reexport */ localArgv),
  sameWeight: () => (/* reexport */ types/* sameWeight */.DC),
  shareOf: () => (/* reexport */ types/* shareOf */.tC)
});

// EXTERNAL MODULE: ./src/config/index.ts + 11 modules
var config = __webpack_require__(8270);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/evidence/push.ts + 2 modules
var push = __webpack_require__(3508);
// EXTERNAL MODULE: ./src/git/git-command-manager.ts + 1 modules
var git_command_manager = __webpack_require__(3800);
// EXTERNAL MODULE: ./src/git/remote.ts
var remote = __webpack_require__(668);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/traffic/yaml-field.ts
/**
 * Setting one scalar in a YAML file without touching anything else: the new value is spliced into the source
 * text at the scalar's own range (found with the `yaml` package's Document API), so comments, key order, quoting
 * and indentation stay byte for byte as the author wrote them, and the Git diff is one line.
 */


/**
 * `spec.traffic.canary`, `spec.routes[0].weight` or `spec.routes.0.weight`, and keys with dots in brackets:
 * `metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"]`.
 */
function parseFieldPath(field, name = 'traffic.gitops.field') {
    const out = [];
    const pattern = /([^.[\]]+)|\[(\d+)\]|\["([^"]+)"\]|\['([^']+)'\]/gy;
    let expectSegment = true;
    let i = 0;
    while (i < field.length) {
        if (field[i] === '.' && !expectSegment) {
            i++;
            expectSegment = true;
            continue;
        }
        pattern.lastIndex = i;
        const m = pattern.exec(field);
        if (!m)
            break;
        if (m[1] !== undefined) {
            if (!expectSegment)
                break;
            out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
        }
        else if (m[2] !== undefined)
            out.push(Number(m[2]));
        else
            out.push((m[3] ?? m[4]));
        expectSegment = false;
        i = pattern.lastIndex;
    }
    if (i !== field.length || out.length === 0 || expectSegment) {
        throw new config/* ConfigurationError */.j1(`${name}: "${field}" is not a field path (expected dotted keys such as spec.traffic.canary, [0] for list items, ["a.b"] for keys with dots)`);
    }
    return out;
}
function locate(text, pathSegments, field, file) {
    const docs = (0,dist.parseAllDocuments)(text);
    const hits = [];
    for (const [i, doc] of docs.entries()) {
        if (!('errors' in doc) || doc.errors.length > 0)
            throw new config/* ConfigurationError */.j1(`traffic.gitops.file: ${file} document ${i + 1} is not valid YAML`);
        if (!doc.hasIn(pathSegments))
            continue;
        const node = doc.getIn(pathSegments, true);
        if (!(0,dist.isScalar)(node) || !node.range) {
            throw new config/* ConfigurationError */.j1(`traffic.gitops.field: ${field} in ${file} is not a scalar value (expected a number such as 25)`);
        }
        hits.push(node);
    }
    if (hits.length !== 1) {
        throw new config/* ConfigurationError */.j1(hits.length === 0
            ? `traffic.gitops.field: ${file} has no ${field} (the field must exist; a misspelt path must not add a new key)`
            : `traffic.gitops.field: ${field} occurs in ${hits.length} documents of ${file} (expected exactly one)`);
    }
    return hits[0];
}
function readYamlField(text, field, file) {
    return locate(text, parseFieldPath(field), field, file).value;
}
function setYamlField(text, field, value, file) {
    const node = locate(text, parseFieldPath(field), field, file);
    const [start, end] = node.range;
    let written;
    switch (node.type) {
        case dist.Scalar.QUOTE_DOUBLE:
            written = `"${value}"`;
            break;
        case dist.Scalar.QUOTE_SINGLE:
            written = `'${value}'`;
            break;
        case dist.Scalar.PLAIN:
        case undefined:
            written = String(value);
            break;
        default:
            throw new config/* ConfigurationError */.j1(`traffic.gitops.field: ${field} in ${file} is a block scalar (expected a plain or quoted number)`);
    }
    return text.slice(0, start) + written + text.slice(end);
}

// EXTERNAL MODULE: ./src/traffic/types.ts
var types = __webpack_require__(3736);
;// CONCATENATED MODULE: ./src/traffic/gitops.ts
/**
 * The GitOps provider (canary routing with immutable manifests checked into Git): the weight is a
 * field of a YAML manifest in a repository; it is set in a fresh clone of the branch (comments and formatting kept,
 * see yaml-field.ts), committed and pushed with real git. The same weight again makes no commit. A push rejected
 * because someone else pushed first is never forced: the branch is fetched again and the edit re-applied, a
 * bounded number of times.
 */









const FLOW = /\{\{\s*flow\s*\}\}/;
function createGitopsProvider(settings, deps = {}) {
    const cwd = deps.cwd ?? process.cwd();
    const factory = deps.git ?? git_command_manager/* createGitCommandManager */.x;
    const log = deps.log ?? (() => undefined);
    const maxAttempts = deps.maxAttempts ?? 4;
    const file = settings.file.replace(/^\.\//, '');
    if (external_node_path_default().posix.isAbsolute(file) || file.split('/').includes('..')) {
        throw new config/* ConfigurationError */.j1(`traffic.gitops.file: "${settings.file}" must be a path inside the repository (relative, no "..")`);
    }
    const resolveRemote = async () => {
        if (settings.remote)
            return (0,remote/* normalizeRemote */.e$)(settings.remote, cwd);
        const probe = factory({ workingDirectory: cwd, remote: '', log });
        const result = await probe.exec(['remote', 'get-url', 'origin'], { allowFailure: true });
        const url = result.stdout.trim();
        if (result.exitCode !== 0 || !url) {
            throw new config/* ConfigurationError */.j1(`traffic.gitops.remote: not given and ${cwd} has no "origin" remote (expected a git URL or path)`);
        }
        return (0,remote/* normalizeRemote */.e$)(url, cwd);
    };
    /** A clone of the branch in a temp dir; `work` gets it, the dir is removed afterwards. */
    const withClone = async (work) => {
        const remote = await resolveRemote();
        const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'canary-gitops-'));
        try {
            const git = factory({
                workingDirectory: dir,
                remote,
                ...(deps.token ? { token: deps.token } : {}),
                log,
            });
            await git.init();
            let branch = settings.branch;
            if (!branch) {
                const head = await git.exec(['ls-remote', '--symref', 'origin', 'HEAD'], { network: true });
                branch = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(head.stdout)?.[1];
                if (!branch)
                    throw new config/* ConfigurationError */.j1('traffic.gitops.branch: not given and the remote has no default branch (HEAD)');
            }
            return await work(git, branch, dir);
        }
        finally {
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
    };
    const fieldsFor = (share, ctx) => {
        const context = (weight, flow) => ({
            version: ctx.version,
            weight,
            ...(ctx.stage ? { stage: ctx.stage } : {}),
            ...(flow ? { flow } : {}),
        });
        if (!FLOW.test(settings.field))
            return [
                {
                    field: (0,config/* renderTemplate */.Xm)(settings.field, context(share.weight), 'traffic.gitops.field'),
                    weight: share.weight,
                },
            ];
        const flows = Object.entries(share.flows ?? {});
        if (flows.length === 0)
            throw new config/* ConfigurationError */.j1('traffic.gitops.field mentions {{flow}} but this share has no per-flow values');
        return flows.map(([flow, weight]) => ({
            field: (0,config/* renderTemplate */.Xm)(settings.field, context(weight, flow), 'traffic.gitops.field'),
            weight,
            flow,
        }));
    };
    const checkout = async (git, branch) => {
        const tip = await git.remoteBranchSha(branch);
        if (!tip)
            throw new config/* ConfigurationError */.j1(`traffic.gitops.branch: the remote has no branch "${branch}"`);
        await git.fetchBranch(branch, 1);
        await git.resetBranchTo(branch, `refs/remotes/origin/${branch}`);
        return tip;
    };
    const readFileAt = async (dir) => {
        try {
            return await (0,promises_.readFile)(external_node_path_default().join(dir, ...file.split('/')), 'utf8');
        }
        catch (e) {
            if (e.code === 'ENOENT')
                throw new config/* ConfigurationError */.j1(`traffic.gitops.file: ${file} does not exist on the branch`);
            throw e;
        }
    };
    const readBackOf = (text, fields) => {
        const values = fields.map((f) => ({ ...f, value: Number(readYamlField(text, f.field, file)) }));
        if (values.length === 1 && !values[0].flow)
            return values[0].value;
        return Object.fromEntries(values.map((v) => [v.flow, v.value]));
    };
    return {
        describe: () => `gitops ${file} ${settings.field}${settings.branch ? ` on ${settings.branch}` : ''}`,
        async read(ctx) {
            return withClone(async (git, branch, dir) => {
                await checkout(git, branch);
                const text = await readFileAt(dir);
                if (FLOW.test(settings.field))
                    throw new types/* TrafficError */._s('traffic.gitops: a per-flow field is read back by set(), which knows the flows');
                return Number(readYamlField(text, (0,config/* renderTemplate */.Xm)(settings.field, { version: ctx.version }, 'traffic.gitops.field'), file));
            });
        },
        async set(share, ctx) {
            const fields = fieldsFor(share, ctx);
            const what = fields.map((f) => `${f.field}=${f.weight}`).join(', ');
            if (ctx.dryRun)
                return { applied: false, detail: `dry-run: would commit ${file} ${what}` };
            return withClone(async (git, branch, dir) => {
                let lastReason = '';
                for (let attempt = 1; attempt <= maxAttempts; attempt++) {
                    const tip = await checkout(git, branch);
                    const before = await readFileAt(dir);
                    let after = before;
                    for (const f of fields)
                        after = setYamlField(after, f.field, f.weight, file);
                    if (after === before) {
                        return {
                            applied: true,
                            changed: false,
                            readBack: readBackOf(before, fields),
                            detail: `${file} already has ${what} at ${tip.slice(0, 12)} on ${branch}; no commit`,
                        };
                    }
                    await (0,promises_.writeFile)(external_node_path_default().join(dir, ...file.split('/')), after, 'utf8');
                    await git.stagePaths([file]);
                    const release = ctx.service ? `${ctx.service} v${ctx.version}` : `v${ctx.version}`;
                    const message = `traffic(${release}): ${what}${ctx.stage ? ` (stage ${ctx.stage})` : ''}\n\nSet by canary-conductor in ${file}.\n`;
                    const commit = await git.commit(message, deps.identity ?? push/* DEFAULT_IDENTITY */.FK, deps.clock?.now());
                    const outcome = await git.push(branch);
                    if (outcome.status === 'pushed') {
                        const readBack = readBackOf(await readFileAt(dir), fields);
                        for (const f of fields) {
                            const value = typeof readBack === 'number' ? readBack : readBack[f.flow];
                            if (!(0,types/* sameWeight */.DC)(value ?? NaN, f.weight))
                                throw new types/* TrafficError */._s(`traffic.gitops: ${f.field} reads ${value} after setting ${f.weight}`);
                        }
                        return {
                            applied: true,
                            changed: true,
                            readBack,
                            detail: `committed ${file} ${what} as ${commit.slice(0, 12)} and pushed to ${branch}`,
                        };
                    }
                    lastReason = outcome.reason;
                    log(`gitops: push to ${branch} rejected (${outcome.reason}); fetching and re-applying (attempt ${attempt}/${maxAttempts})`);
                }
                throw new types/* TrafficError */._s(`traffic.gitops: push to ${branch} was rejected ${maxAttempts} times (last: ${lastReason}); nothing was forced`);
            });
        },
    };
}

;// CONCATENATED MODULE: ./src/traffic/http.ts
/**
 * The feature-flag provider (as one would call it by hand: `curl -X POST .../api/features/rollout -d '{"feature":"v1.4.0","percentage":1}'`).
 * The body, URL and headers are templates (`{{weight}}`, `{{version}}`, `{{stage}}`, `{{flow}}`); the token comes
 * from an environment variable as a bearer header and is never part of a detail, log line or error.
 *
 * Per-flow shares: when the URL or body mentions `{{flow}}`, one request per flow is sent with that flow's share as
 * `{{weight}}`; otherwise one request carries the whole-canary weight.
 */


const DEFAULT_HTTP_BODY = '{"version":"{{version}}","weight":{{weight}}}';
const WEIGHT_KEYS = ['weight', 'percentage', 'percent', 'canary_weight', 'rollout'];
/** The weight in a read-back answer: a bare number, or the first of weight/percentage/percent/canary_weight/rollout. */
function weightFromAnswer(answer) {
    if (typeof answer === 'number' && Number.isFinite(answer))
        return answer;
    if (typeof answer === 'string' && Number.isFinite((0,config/* parseDecimal */.$Q)(answer)))
        return (0,config/* parseDecimal */.$Q)(answer);
    if (answer && typeof answer === 'object') {
        for (const key of WEIGHT_KEYS) {
            const value = weightFromAnswer(answer[key]);
            if (value !== undefined)
                return value;
        }
    }
    return undefined;
}
function createHttpProvider(settings, deps = {}) {
    const doFetch = deps.fetch ?? fetch;
    const env = deps.env ?? process.env;
    const timeoutMs = deps.timeoutMs ?? 10_000;
    const bodyTemplate = settings.body ?? DEFAULT_HTTP_BODY;
    const perFlow = /\{\{\s*flow\s*\}\}/.test(settings.url + bodyTemplate);
    const authHeaders = () => {
        if (!settings.token_env)
            return {};
        const token = env[settings.token_env];
        if (!token)
            throw new config/* ConfigurationError */.j1(`traffic.http.token_env: environment variable ${settings.token_env} is not set (expected the feature-flag API token)`);
        return { authorization: `Bearer ${token}` };
    };
    const contextFor = (ctx, weight, flow) => ({
        version: ctx.version,
        weight,
        ...(ctx.stage ? { stage: ctx.stage } : {}),
        ...(ctx.service ? { service: ctx.service } : {}),
        ...(flow ? { flow } : {}),
    });
    const targets = (share) => perFlow
        ? Object.entries(share.flows ?? {}).map(([flow, weight]) => ({ flow, weight }))
        : [{ weight: share.weight }];
    const readOne = async (url, label) => {
        const headers = { accept: 'application/json', ...authHeaders() };
        let response;
        try {
            response = await doFetch(url, { method: 'GET', headers, signal: AbortSignal.timeout(timeoutMs) });
        }
        catch (e) {
            throw new types/* TrafficError */._s(`traffic.http.read_back: GET ${url} failed${label}: ${e.message}`);
        }
        const text = await response.text();
        if (!response.ok)
            throw new types/* TrafficError */._s(`traffic.http.read_back: GET ${url} answered HTTP ${response.status}${label}`);
        let answer = text;
        try {
            answer = JSON.parse(text);
        }
        catch {
            // A bare number as text is accepted below.
        }
        const weight = weightFromAnswer(answer);
        if (weight === undefined) {
            throw new types/* TrafficError */._s(`traffic.http.read_back: GET ${url} returned no weight${label} (expected a number or JSON with one of ${WEIGHT_KEYS.join(', ')}): ${text.slice(0, 120)}`);
        }
        return weight;
    };
    const read = async (ctx, share) => {
        if (!settings.read_back)
            throw new types/* TrafficError */._s('traffic.http: no read_back URL is configured, so the weight cannot be read');
        if (/\{\{\s*flow\s*\}\}/.test(settings.read_back)) {
            const flows = Object.keys(share?.flows ?? {});
            if (flows.length === 0)
                throw new types/* TrafficError */._s('traffic.http.read_back mentions {{flow}} but no flows are known for this read');
            const out = {};
            for (const flow of flows) {
                out[flow] = await readOne((0,config/* renderTemplate */.Xm)(settings.read_back, contextFor(ctx, 0, flow), 'traffic.http.read_back'), ` (flow ${flow})`);
            }
            return out;
        }
        return readOne((0,config/* renderTemplate */.Xm)(settings.read_back, contextFor(ctx, share?.weight ?? 0), 'traffic.http.read_back'), '');
    };
    return {
        describe: () => `feature flag ${settings.method} ${settings.url}`,
        read: (ctx) => read(ctx),
        async set(share, ctx) {
            const list = targets(share);
            if (perFlow && list.length === 0) {
                throw new config/* ConfigurationError */.j1('traffic.http: the URL or body mentions {{flow}} but this share has no per-flow values');
            }
            const sent = [];
            for (const target of list) {
                const context = contextFor(ctx, target.weight, target.flow);
                const url = (0,config/* renderTemplate */.Xm)(settings.url, context, 'traffic.http.url');
                const body = (0,config/* renderTemplate */.Xm)(bodyTemplate, context, 'traffic.http.body');
                const headers = { 'content-type': 'application/json' };
                for (const [name, value] of Object.entries(settings.headers ?? {}))
                    headers[name] = (0,config/* renderTemplate */.Xm)(value, context, `traffic.http.headers.${name}`);
                const label = target.flow ? ` (flow ${target.flow})` : '';
                if (ctx.dryRun) {
                    sent.push(`would ${settings.method} ${url} ${body}${label}`);
                    continue;
                }
                Object.assign(headers, authHeaders());
                let response;
                try {
                    response = await doFetch(url, {
                        method: settings.method,
                        headers,
                        body,
                        signal: AbortSignal.timeout(timeoutMs),
                    });
                }
                catch (e) {
                    const cause = e.cause?.code;
                    throw new types/* TrafficError */._s(`traffic.http: ${settings.method} ${url}${label} failed: ${cause ?? e.message}`);
                }
                const answer = await response.text();
                if (!response.ok) {
                    throw new types/* TrafficError */._s(`traffic.http: ${settings.method} ${url}${label} answered HTTP ${response.status}: ${answer.trim().slice(0, 200)}`);
                }
                sent.push(`${settings.method} ${url} -> ${response.status}${label}`);
            }
            if (ctx.dryRun)
                return { applied: false, detail: `dry-run: ${sent.join('; ')}` };
            if (!settings.read_back)
                return { applied: true, changed: true, detail: sent.join('; ') };
            const readBack = await read(ctx, share);
            if (typeof readBack === 'number') {
                if (!(0,types/* sameWeight */.DC)(readBack, perFlow ? Math.max(0, ...list.map((t) => t.weight)) : share.weight)) {
                    throw new types/* TrafficError */._s(`traffic.http.read_back: the flag reads ${readBack}% after setting ${share.weight}%`);
                }
            }
            else {
                for (const t of list) {
                    if (t.flow && !(0,types/* sameWeight */.DC)(readBack[t.flow] ?? NaN, t.weight)) {
                        throw new types/* TrafficError */._s(`traffic.http.read_back: flow ${t.flow} reads ${readBack[t.flow]}% after setting ${t.weight}%`);
                    }
                }
            }
            return {
                applied: true,
                changed: true,
                readBack,
                detail: `${sent.join('; ')}; read back ${JSON.stringify(readBack)}`,
            };
        },
    };
}

// EXTERNAL MODULE: ./src/traffic/exec.ts
var exec = __webpack_require__(5664);
;// CONCATENATED MODULE: ./src/traffic/kubectl.ts
/**
 * The nginx-ingress provider (as by hand: `kubectl annotate ingress spark-trading nginx.ingress.kubernetes.io/canary-weight="25"`
 * and `kubectl scale deployment/...-canary --replicas=0`), by running the real kubectl.
 *
 * Two modes:
 *  - cluster (no `manifest`): the same commands a release engineer types, against the current or given context;
 *  - local (`manifest` given): kubectl's `--local` mode rewrites the Ingress (and Deployment) documents of the
 *    manifest file without a cluster; the other documents of the file are left byte for byte as they were.
 *
 * Replicas: weight 0 scales the canary deployment to 0; a positive weight scales it to 1 only when it has none,
 * so the canary can serve the share it is given; otherwise the replica count is left to the deploy.
 */






const CANARY_WEIGHT_ANNOTATION = 'nginx.ingress.kubernetes.io/canary-weight';
function scopeArgs(settings) {
    return [
        ...(settings.context ? ['--context', settings.context] : []),
        ...(settings.namespace ? ['--namespace', settings.namespace] : []),
    ];
}
/** The argv of each cluster-mode command (exported so the construction is testable without a cluster). */
const clusterArgv = {
    annotate: (s, weight) => [
        ...scopeArgs(s),
        'annotate',
        'ingress',
        s.ingress,
        `${CANARY_WEIGHT_ANNOTATION}=${weight}`,
        '--overwrite',
    ],
    readWeight: (s) => [
        ...scopeArgs(s),
        'get',
        'ingress',
        s.ingress,
        '-o',
        `jsonpath={.metadata.annotations.${CANARY_WEIGHT_ANNOTATION.replace(/\./g, '\\.')}}`,
    ],
    readReplicas: (s) => [
        ...scopeArgs(s),
        'get',
        'deployment',
        s.deployment,
        '-o',
        'jsonpath={.spec.replicas}',
    ],
    scale: (s, replicas) => [
        ...scopeArgs(s),
        'scale',
        `deployment/${s.deployment}`,
        `--replicas=${replicas}`,
    ],
};
const localArgv = {
    annotate: (weight) => [
        'annotate',
        '--local',
        '-f',
        '-',
        `${CANARY_WEIGHT_ANNOTATION}=${weight}`,
        '--overwrite',
        '-o',
        'yaml',
    ],
    // `kubectl scale` has no --local; a merge patch of spec.replicas is the same change.
    scale: (replicas) => [
        'patch',
        '--local',
        '-f',
        '-',
        '--type',
        'merge',
        '-p',
        JSON.stringify({ spec: { replicas } }),
        '-o',
        'yaml',
    ],
};
function replicasFor(weight, current) {
    if (weight === 0)
        return 0;
    return current > 0 ? current : 1;
}
function checkWeight(weight) {
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
        throw new config/* ConfigurationError */.j1(`traffic.kubectl: the nginx canary-weight annotation takes a whole percent 0..100, got ${weight}`);
    }
}
function manifestDocs(text, file) {
    return (0,dist.parseAllDocuments)(text).map((doc, i) => {
        if (!('errors' in doc) || doc.errors.length > 0) {
            throw new config/* ConfigurationError */.j1(`traffic.kubectl.manifest: ${file} document ${i + 1} is not valid YAML`);
        }
        const value = doc.toJS();
        const meta = (value?.metadata ?? {});
        return { start: doc.range[0], end: doc.range[2], kind: value?.kind, name: meta.name, value };
    });
}
function findDoc(docs, kind, name, file, field) {
    const found = docs.filter((d) => d.kind === kind && d.name === name);
    if (found.length !== 1) {
        throw new config/* ConfigurationError */.j1(`traffic.kubectl.${field}: ${file} has ${found.length === 0 ? 'no' : found.length} ${kind} named "${name}" (expected exactly one)`);
    }
    return found[0];
}
function replaceDoc(text, doc, replacement) {
    const original = text.slice(doc.start, doc.end);
    const marker = /^---[^\n]*\n/.exec(original)?.[0] ?? '';
    const body = replacement.endsWith('\n') ? replacement : `${replacement}\n`;
    return text.slice(0, doc.start) + marker + body + text.slice(doc.end);
}
function createKubectlProvider(settings, deps = {}) {
    const runner = deps.runner ?? (0,exec/* createCommandRunner */._)();
    const kubectl = deps.kubectlPath ?? 'kubectl';
    const timeoutMs = deps.timeoutMs ?? 60_000;
    const manifest = settings.manifest ? external_node_path_default().resolve(deps.cwd ?? process.cwd(), settings.manifest) : undefined;
    const kube = async (args, input) => {
        const result = await runner.run([kubectl, ...args], {
            timeoutMs,
            ...(input !== undefined ? { input } : {}),
        });
        if (result.exitCode !== 0) {
            throw new types/* TrafficError */._s(`traffic.kubectl: kubectl ${args.join(' ')} failed (exit ${result.exitCode}): ${(0,exec/* tail */.R)(result.stderr || result.stdout)}`);
        }
        return result.stdout;
    };
    const readLocal = async () => {
        const text = await (0,promises_.readFile)(manifest, 'utf8');
        const doc = findDoc(manifestDocs(text, settings.manifest), 'Ingress', settings.ingress, settings.manifest, 'ingress');
        const annotations = (doc.value?.metadata?.annotations ?? {});
        return Number(annotations[CANARY_WEIGHT_ANNOTATION]);
    };
    const readCluster = async () => Number((await kube(clusterArgv.readWeight(settings))).trim());
    const setLocal = async (weight) => {
        let text = await (0,promises_.readFile)(manifest, 'utf8');
        const before = text;
        const notes = [];
        const ingress = findDoc(manifestDocs(text, settings.manifest), 'Ingress', settings.ingress, settings.manifest, 'ingress');
        const annotated = await kube(localArgv.annotate(weight), text.slice(ingress.start, ingress.end).replace(/^---[^\n]*\n/, ''));
        const check = (0,dist.parse)(annotated);
        if (check?.metadata?.annotations?.[CANARY_WEIGHT_ANNOTATION] !== String(weight)) {
            throw new types/* TrafficError */._s(`traffic.kubectl: kubectl annotate --local did not produce ${CANARY_WEIGHT_ANNOTATION}=${weight}`);
        }
        const currentAnnotation = ingress.value?.metadata?.annotations?.[CANARY_WEIGHT_ANNOTATION];
        // An ingress already at this weight is left as written, so a re-run does not reformat the file.
        if (currentAnnotation === undefined || Number(currentAnnotation) !== weight)
            text = replaceDoc(text, ingress, annotated);
        notes.push(`ingress/${settings.ingress} ${CANARY_WEIGHT_ANNOTATION}=${weight}`);
        if (settings.deployment) {
            const deployment = findDoc(manifestDocs(text, settings.manifest), 'Deployment', settings.deployment, settings.manifest, 'deployment');
            const current = Number(deployment.value?.spec?.replicas ?? 1);
            const replicas = replicasFor(weight, current);
            if (replicas !== current) {
                const scaled = await kube(localArgv.scale(replicas), text.slice(deployment.start, deployment.end).replace(/^---[^\n]*\n/, ''));
                text = replaceDoc(text, deployment, scaled);
            }
            notes.push(`deployment/${settings.deployment} replicas=${replicas}`);
        }
        if (text !== before)
            await (0,promises_.writeFile)(manifest, text, 'utf8');
        return { changed: text !== before, notes };
    };
    const setCluster = async (weight) => {
        await kube(clusterArgv.annotate(settings, weight));
        const notes = [`ingress/${settings.ingress} ${CANARY_WEIGHT_ANNOTATION}=${weight}`];
        if (settings.deployment) {
            const currentText = (await kube(clusterArgv.readReplicas(settings))).trim();
            const current = currentText === '' ? 0 : Number(currentText);
            const replicas = replicasFor(weight, current);
            if (replicas !== current)
                await kube(clusterArgv.scale(settings, replicas));
            notes.push(`deployment/${settings.deployment} replicas=${replicas}`);
        }
        return { changed: true, notes };
    };
    return {
        describe: () => `kubectl ingress/${settings.ingress}${manifest ? ` in ${settings.manifest} (--local)` : settings.context ? ` (context ${settings.context})` : ''}`,
        read: async () => (manifest ? readLocal() : readCluster()),
        async set(share, ctx) {
            checkWeight(share.weight);
            const flowsNote = share.flows
                ? ` (per-flow shares ${JSON.stringify(share.flows)} collapse to one ingress weight)`
                : '';
            if (ctx.dryRun) {
                return {
                    applied: false,
                    detail: `dry-run: would set ${CANARY_WEIGHT_ANNOTATION}=${share.weight} on ingress/${settings.ingress}${flowsNote}`,
                };
            }
            const { changed, notes } = manifest ? await setLocal(share.weight) : await setCluster(share.weight);
            const readBack = manifest ? await readLocal() : await readCluster();
            if (!(0,types/* sameWeight */.DC)(readBack, share.weight)) {
                throw new types/* TrafficError */._s(`traffic.kubectl: ingress/${settings.ingress} reads canary-weight ${readBack} after setting ${share.weight}`);
            }
            return {
                applied: true,
                changed,
                readBack,
                detail: `${notes.join(', ')}${manifest ? ` in ${settings.manifest}` : ''}${changed ? '' : ' (already so)'}${flowsNote}`,
            };
        },
    };
}

// EXTERNAL MODULE: ./src/commands/plan-command.ts + 2 modules
var plan_command = __webpack_require__(9636);
// EXTERNAL MODULE: ./src/secrets/masker.ts
var masker = __webpack_require__(2490);
;// CONCATENATED MODULE: ./src/traffic/run.ts
/**
 * The command provider: any tool the team already uses (`./scripts/set-weight.sh {{weight}}`, an Argo or Flagger
 * CLI). A string runs through `sh -c`; an argv list runs without a shell. Placeholders reach the command as
 * `CANARY_*` variables (quoted references in a shell string, rendered items in an argv list), and the command
 * gets a minimal environment plus `traffic.env` (commands/plan-command.ts). With `{{flow}}` in the command it runs
 * once per flow with that flow's share as `{{weight}}`.
 */





const run_FLOW = /\{\{\s*flow\s*\}\}/;
function createRunProvider(command, deps = {}) {
    const runner = deps.runner ?? (0,exec/* createCommandRunner */._)();
    const timeoutMs = deps.timeoutMs ?? 120_000;
    const text = typeof command === 'string' ? command : command.join(' ');
    const perFlow = run_FLOW.test(text);
    const prepare = (context) => (0,plan_command/* preparePlanCommand */.O)(command, {
        context,
        field: 'traffic.run',
        envSpec: deps.envSpec,
        envField: 'traffic.env',
        parentEnv: deps.env ?? process.env,
    });
    return {
        describe: () => `command ${text}`,
        async set(share, ctx) {
            const base = {
                version: ctx.version,
                ...(ctx.stage ? { stage: ctx.stage } : {}),
                ...(ctx.service ? { service: ctx.service } : {}),
            };
            const runs = perFlow
                ? Object.entries(share.flows ?? {}).map(([flow, weight]) => ({ flow, weight }))
                : [{ weight: share.weight }];
            if (perFlow && runs.length === 0)
                throw new config/* ConfigurationError */.j1('traffic.run mentions {{flow}} but this share has no per-flow values');
            const done = [];
            for (const r of runs) {
                const prepared = prepare({ ...base, weight: r.weight, ...(r.flow ? { flow: r.flow } : {}) });
                const shown = (0,masker/* maskSecrets */.QU)(prepared.shown);
                if (ctx.dryRun) {
                    done.push(`would run: ${shown}`);
                    continue;
                }
                const result = await runner.run(prepared.command, {
                    timeoutMs,
                    env: prepared.env,
                    ...(deps.cwd ? { cwd: deps.cwd } : {}),
                });
                if (result.exitCode !== 0) {
                    throw new types/* TrafficError */._s((0,masker/* maskSecrets */.QU)(`traffic.run: \`${shown}\` exited ${result.exitCode}: ${(0,exec/* tail */.R)(result.stderr || result.stdout)}`));
                }
                done.push(`ran: ${shown}`);
            }
            return ctx.dryRun
                ? { applied: false, detail: `dry-run: ${done.join('; ')}` }
                : { applied: true, changed: true, detail: done.join('; ') };
        },
    };
}

;// CONCATENATED MODULE: ./src/traffic/index.ts
/**
 * `createTrafficProvider(plan.traffic, deps)`: the one provider the plan configures (the plan's cross-checks
 * refuse two, because two systems each believing they own the weight would fight over it).
 */











function createTrafficProvider(settings, deps = {}) {
    const providers = [];
    if (settings?.http)
        providers.push(createHttpProvider(settings.http, {
            ...(deps.fetch ? { fetch: deps.fetch } : {}),
            ...(deps.env ? { env: deps.env } : {}),
        }));
    if (settings?.kubectl) {
        providers.push(createKubectlProvider(settings.kubectl, {
            ...(deps.runner ? { runner: deps.runner } : {}),
            ...(deps.cwd ? { cwd: deps.cwd } : {}),
        }));
    }
    if (settings?.gitops) {
        providers.push(createGitopsProvider(settings.gitops, {
            ...(deps.cwd ? { cwd: deps.cwd } : {}),
            ...(deps.gitToken ? { token: deps.gitToken } : {}),
            ...(deps.git ? { git: deps.git } : {}),
            ...(deps.log ? { log: deps.log } : {}),
            ...(deps.clock ? { clock: deps.clock } : {}),
        }));
    }
    if (settings?.run) {
        providers.push(createRunProvider(settings.run, {
            ...(deps.runner ? { runner: deps.runner } : {}),
            ...(deps.cwd ? { cwd: deps.cwd } : {}),
            ...(deps.env ? { env: deps.env } : {}),
            ...(settings.env ? { envSpec: settings.env } : {}),
        }));
    }
    if (providers.length !== 1) {
        throw new config/* ConfigurationError */.j1(providers.length === 0
            ? 'traffic: no provider is configured (expected one of traffic.http, traffic.kubectl, traffic.gitops, traffic.run)'
            : 'traffic: more than one provider is configured (expected exactly one of http, kubectl, gitops, run)');
    }
    return providers[0];
}


/***/ }),

/***/ 3736:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DC: () => (/* binding */ sameWeight),
/* harmony export */   T1: () => (/* binding */ formatShare),
/* harmony export */   _s: () => (/* binding */ TrafficError),
/* harmony export */   tC: () => (/* binding */ shareOf)
/* harmony export */ });
/** A stage's `traffic` (a weight or per-flow shares) as a Share. */
function shareOf(traffic) {
    if (typeof traffic === 'number')
        return { weight: traffic };
    return { weight: Math.max(0, ...Object.values(traffic)), flows: { ...traffic } };
}
function formatShare(share) {
    if (!share.flows)
        return `${share.weight}%`;
    return Object.entries(share.flows)
        .map(([flow, w]) => `${flow} ${w}%`)
        .join(', ');
}
class TrafficError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TrafficError';
    }
}
/** Read-backs are compared with a tolerance for providers that store weights as text or floats. */
function sameWeight(a, b) {
    return Math.abs(a - b) < 1e-9;
}


/***/ })

};
