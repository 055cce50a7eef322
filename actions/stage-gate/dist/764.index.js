export const id = 764;
export const ids = [764];
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

/***/ 6764:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPromoteSteps: () => (/* binding */ runPromoteSteps)
});

// EXTERNAL MODULE: ./src/config/index.ts + 11 modules
var config = __webpack_require__(8270);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(7827);
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
var plan_command = __webpack_require__(9636);
// EXTERNAL MODULE: ./src/secrets/masker.ts
var masker = __webpack_require__(2490);
// EXTERNAL MODULE: ./src/traffic/exec.ts
var exec = __webpack_require__(5664);
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
    const runner = deps.runner ?? (0,exec/* createCommandRunner */._)();
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
        if (r.exitCode !== 0) {
            throw new Error((0,masker/* maskSecrets */.QU)(`promote.run[${i}]: \`${command}\` exited ${r.exitCode}: ${(0,exec/* tail */.R)(r.stderr || r.stdout, 3)} (GA was not recorded)`));
        }
        steps.push({ name: `run[${i}]`, detail: `\`${command}\` ok` });
        deps.log(`promote run: ${command} ok`);
    }
    return steps;
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


/***/ })

};
