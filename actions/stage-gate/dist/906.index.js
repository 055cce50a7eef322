export const id = 906;
export const ids = [906];
export const modules = {

/***/ 59636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  O: () => (/* binding */ preparePlanCommand)
});

// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(37827);
// EXTERNAL MODULE: ./src/secrets/masker.ts
var masker = __webpack_require__(22490);
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
var template = __webpack_require__(69030);
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

/***/ 83678:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ timelineChange)
/* harmony export */ });
/* unused harmony export timelineLabel */
/* harmony import */ var _render_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(13605);

function timelineLabel(current, at) {
    const t0 = /^T0=(\S+)$/m.exec(current ?? '')?.[1];
    const start = t0 ? Date.parse(t0) : Number.NaN;
    return Number.isFinite(start) ? `T${Math.max(0, Math.round((at.getTime() - start) / 60_000))}` : 'T0';
}
function timelineChange(entry, options) {
    const render = (label) => (0,_render_js__WEBPACK_IMPORTED_MODULE_0__/* .renderEvidence */ .oP)('canary_timeline', {
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

/***/ 72599:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  me: () => (/* reexport */ notify),
  AA: () => (/* reexport */ promoteMessage),
  uB: () => (/* reexport */ stageDecisionMessage),
  HZ: () => (/* reexport */ warroomMessage)
});

// UNUSED EXPORTS: ADAPTIVE_CARD_CONTENT_TYPE, NOTIFY_EVENTS, TEAMS_DEFAULT_EVENTS, grafanaAnnotation, pagerDutyDedupKey, pagerDutyEvent, readSecretEnv, releaseName, renderWebhookBody, rollbackMessage, sendGrafana, sendPagerDuty, sendTeams, sendWebhooks, slackPayload, subscribed, teamsCard, templateView

// EXTERNAL MODULE: ./src/secrets/masker.ts
var masker = __webpack_require__(22490);
;// CONCATENATED MODULE: ./src/notify/channel.ts
/** What every channel gets and gives back: the shared context of one notification, and one result per target. */

/**
 * A credential the plan names by its env variable: registered with the run's masker before anything can print it.
 * An unset variable is a result (the channel is skipped, naming the field), not an error: a missing chat URL must
 * not fail a release.
 */
function readSecretEnv(ctx, variable, field) {
    const value = ctx.env[variable];
    (0,masker/* registerSecret */.cl)(value);
    if (!value)
        return { skipped: `skipped: environment variable ${variable} is not set (${field})` };
    return { value };
}
function subscribed(events, message, byDefault) {
    return (events ?? byDefault).includes(message.event);
}

;// CONCATENATED MODULE: ./src/notify/message.ts
const NOTIFY_EVENTS = ['decision', 'warroom', 'rollback', 'promote'];
/** Statuses that are no breach: a guardrail that passes, is within its lines, or was suspect once. */
const NOT_A_BREACH = ['pass', 'suspect', 'within'];
/** A war-room line, posted at each sample. */
function warroomMessage(facts, line, at) {
    return {
        event: 'warroom',
        text: line,
        at,
        service: facts.plan.release.service,
        version: facts.version,
        stage: facts.stage,
        ...(facts.runUrl ? { runUrl: facts.runUrl } : {}),
    };
}
/** A stage's decision, with the guardrails that did not pass and the stage's window. */
function stageDecisionMessage(facts, result, text) {
    const breaches = result.guardrails
        .filter((g) => !NOT_A_BREACH.includes(g.status))
        .map((g) => ({ guardrail: g.name, status: g.status.toUpperCase(), reason: g.reason }));
    return {
        event: 'decision',
        text,
        at: result.decided_at,
        service: facts.plan.release.service,
        version: facts.version,
        stage: facts.stage,
        decision: result.decision,
        reason: result.reason,
        breaches,
        startedAt: result.started_at,
        endedAt: result.ended_at,
        ...(facts.runUrl ? { runUrl: facts.runUrl } : {}),
    };
}
function rollbackMessage(f) {
    const number = f.plan.stages.findIndex((s) => s.name === f.stage) + 1;
    return {
        event: 'rollback',
        text: f.text,
        at: f.at.toISOString(),
        service: f.plan.release.service,
        version: f.version,
        stage: { name: f.stage, ...(number > 0 ? { number } : {}) },
        decision: 'ROLLBACK',
        reason: f.reason,
        ...(f.triggeredBy ? { triggeredBy: f.triggeredBy } : {}),
        ...(f.runUrl ? { runUrl: f.runUrl } : {}),
        ...(f.incidentUrl ? { incidentUrl: f.incidentUrl } : {}),
        details: {
            rollback_steps: Object.fromEntries(f.steps.map((s) => [s.name, s.status])),
            ...(f.metricsSnapshot ? { metrics_snapshot: f.metricsSnapshot } : {}),
        },
    };
}
function promoteMessage(plan, version, reason, at, runUrl) {
    return {
        event: 'promote',
        text: `:white_check_mark: ${plan.release.service} v${version} PROMOTED: ${reason}`,
        at: at.toISOString(),
        service: plan.release.service,
        version,
        decision: 'PROMOTED',
        reason,
        ...(runUrl ? { runUrl } : {}),
    };
}
/** The release as people name it in texts and tags: `spark-trading-api v1.4.1`. */
function releaseName(message) {
    return `${message.service} v${message.version}`;
}
/** The fields a webhook template sees (snake_case, as in the plan's own placeholders). */
function templateView(message) {
    return {
        event: message.event,
        text: message.text,
        at: message.at,
        service: message.service,
        version: message.version,
        release: releaseName(message),
        stage: message.stage?.name ?? '',
        stage_number: message.stage?.number ?? '',
        traffic: message.stage?.traffic ?? '',
        decision: message.decision ?? '',
        reason: message.reason ?? '',
        breaches: message.breaches ?? [],
        started_at: message.startedAt ?? '',
        ended_at: message.endedAt ?? '',
        run_url: message.runUrl ?? '',
        incident_url: message.incidentUrl ?? '',
        triggered_by: message.triggeredBy ?? '',
    };
}

// EXTERNAL MODULE: ./src/config/index.ts + 8 modules
var config = __webpack_require__(96319);
// EXTERNAL MODULE: ./src/secrets/plan-secrets.ts
var plan_secrets = __webpack_require__(8006);
;// CONCATENATED MODULE: ./src/notify/http.ts
/**
 * One bounded POST for every channel: a time limit per attempt, a fixed number of attempts, retries only where the
 * receiver asks for them (429, 5xx, no answer) and a capped wait between them (Retry-After when given). The URL
 * never appears in what it returns: for chat webhooks the URL is the credential.
 */

const BASE_DELAY_MS = 250;
const DEFAULT_MAX_DELAY_MS = 2_000;
async function postBounded(url, body, headers, options) {
    const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const maxDelay = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
    let last = { ok: false, status: null, text: '', reason: 'not sent', attempts: 0 };
    for (let attempt = 1; attempt <= Math.max(1, options.attempts); attempt++) {
        let retryAfterMs = null;
        try {
            const response = await options.fetch(url, {
                method: 'POST',
                headers,
                body,
                signal: AbortSignal.timeout(options.timeoutMs),
            });
            const text = await response.text().catch(() => '');
            if (response.ok)
                return { ok: true, status: response.status, text, attempts: attempt };
            last = {
                ok: false,
                status: response.status,
                text,
                reason: `HTTP ${response.status}`,
                attempts: attempt,
            };
            if (!retryable(response.status))
                return last;
            retryAfterMs = retryAfter(response.headers.get('retry-after'));
        }
        catch (e) {
            const err = e;
            const reason = err.name === 'TimeoutError'
                ? `no answer within ${options.timeoutMs} ms`
                : (err.cause?.code ?? err.cause?.message ?? (0,config/* getErrorMessage */.u1)(e));
            // Some fetch errors quote the URL.
            last = {
                ok: false,
                status: null,
                text: '',
                reason: reason.split(url).join('<url>'),
                attempts: attempt,
            };
        }
        if (attempt < options.attempts)
            await sleep(Math.min(maxDelay, retryAfterMs ?? BASE_DELAY_MS * 2 ** (attempt - 1)));
    }
    return last;
}
function retryable(status) {
    return status === 429 || status >= 500;
}
/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
function retryAfter(header) {
    if (!header)
        return null;
    const seconds = Number(header);
    if (Number.isFinite(seconds))
        return Math.max(0, seconds * 1000);
    const at = Date.parse(header);
    return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

;// CONCATENATED MODULE: ./src/notify/grafana.ts
/**
 * Grafana annotations (`notify.grafana`): when a stage's decision is made, one region annotation spanning the
 * stage (its start to its decision) through the HTTP API (POST /api/annotations, Bearer service-account token),
 * tagged `canary`, the release and the decision, so the dashboard people watch during a release shows each stage
 * and its verdict. Bounded (two attempts) and never fatal: a failed annotation is logged and returned as a result.
 */



/** The region annotation of a stage decision; null for any other event (or one without a window). */
function grafanaAnnotation(settings, message) {
    if (message.event !== 'decision' || !message.startedAt || !message.endedAt || !message.decision)
        return null;
    const time = Date.parse(message.startedAt);
    const timeEnd = Date.parse(message.endedAt);
    if (!Number.isFinite(time) || !Number.isFinite(timeEnd))
        return null;
    return {
        ...(settings.dashboard_uid ? { dashboardUID: settings.dashboard_uid } : {}),
        ...(settings.panel_id !== undefined ? { panelId: settings.panel_id } : {}),
        time,
        timeEnd: Math.max(time, timeEnd),
        tags: ['canary', releaseName(message), message.decision],
        text: message.text,
    };
}
async function sendGrafana(settings, message, ctx) {
    const grafana = settings.grafana;
    if (!grafana)
        return [];
    const annotation = grafanaAnnotation(grafana, message);
    if (!annotation)
        return [];
    const target = 'grafana';
    const token = readSecretEnv(ctx, grafana.token_env, 'notify.grafana.token_env');
    if ('skipped' in token) {
        ctx.log(`notify ${target}: ${token.skipped}`);
        return [{ channel: 'grafana', target, ok: false, detail: token.skipped }];
    }
    const out = await postBounded(`${grafana.url.replace(/\/+$/, '')}/api/annotations`, JSON.stringify(annotation), { 'content-type': 'application/json', authorization: `Bearer ${token.value}` }, { fetch: ctx.fetch, timeoutMs: ctx.timeoutMs, attempts: 2, ...(ctx.sleep ? { sleep: ctx.sleep } : {}) });
    let id = null;
    try {
        id = JSON.parse(out.text).id ?? null;
    }
    catch {
        // A body that is not JSON leaves the id unknown; the status still says whether it was added.
    }
    const detail = out.ok
        ? `HTTP ${out.status} region annotation${id !== null ? ` ${String(id)}` : ''} (${annotation.tags.join(', ')})`
        : `${out.status === null ? `failed: ${out.reason}` : out.reason} after ${out.attempts} attempt(s)`;
    if (!out.ok)
        ctx.log(`notify ${target}: annotation not added (${detail}); the release goes on`);
    return [{ channel: 'grafana', target, ok: out.ok, detail }];
}

;// CONCATENATED MODULE: ./src/notify/pagerduty.ts
/**
 * PagerDuty Events API v2 (`notify.pagerduty`): a rollback triggers an alert, a later promote of the same release
 * resolves it. Both carry one dedup key per release (service and version), so a re-run of the rollback job updates
 * the open incident instead of opening a second one. Shapes follow the API: POST /v2/enqueue with routing_key,
 * event_action, dedup_key and, for a trigger, payload {summary, source, severity, timestamp, component, group,
 * class, custom_details}; it answers 202 {status, message, dedup_key}, 400 for an invalid event (not retried) and
 * 429 when throttled (retried, bounded, as are 5xx and no answer).
 */



/** The API's limits: summary up to 1024 characters, dedup_key up to 255. */
const SUMMARY_MAX = 1024;
const DEDUP_KEY_MAX = 255;
const ATTEMPTS = 3;
function pagerDutyDedupKey(service, version) {
    return `canary-conductor/${service}/${version}`.slice(0, DEDUP_KEY_MAX);
}
/** The event a message maps to, or null when PagerDuty has nothing to do with it. */
function pagerDutyEvent(settings, routingKey, message) {
    if (!settings.events.includes(message.event))
        return null;
    const dedup_key = pagerDutyDedupKey(message.service, message.version);
    if (message.event === 'promote')
        return { routing_key: routingKey, event_action: 'resolve', dedup_key };
    if (message.event !== 'rollback')
        return null;
    const summary = `Canary rollback: ${releaseName(message)}${message.stage ? ` at stage ${message.stage.name}` : ''}: ${message.reason ?? message.text}`;
    return {
        routing_key: routingKey,
        event_action: 'trigger',
        dedup_key,
        payload: {
            summary: summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary,
            source: message.service,
            severity: settings.severity,
            timestamp: message.at,
            ...(message.stage ? { component: message.stage.name } : {}),
            group: message.service,
            class: 'canary-rollback',
            custom_details: {
                release: releaseName(message),
                service: message.service,
                version: message.version,
                stage: message.stage?.name ?? null,
                decision: message.decision ?? null,
                reason: message.reason ?? null,
                guardrail_breaches: message.breaches ?? [],
                triggered_by: message.triggeredBy ?? null,
                run_url: message.runUrl ?? null,
                incident_url: message.incidentUrl ?? null,
                ...(message.details ?? {}),
            },
        },
        client: 'canary-conductor',
        ...(message.runUrl ? { client_url: message.runUrl } : {}),
        links: [
            ...(message.runUrl ? [{ href: message.runUrl, text: 'Workflow run' }] : []),
            ...(message.incidentUrl ? [{ href: message.incidentUrl, text: 'Incident issue' }] : []),
        ],
    };
}
function parseAnswer(text) {
    try {
        const value = JSON.parse(text);
        return value && typeof value === 'object' ? value : {};
    }
    catch {
        return {};
    }
}
async function sendPagerDuty(settings, message, ctx) {
    const pd = settings.pagerduty;
    if (!pd || !pd.events.includes(message.event))
        return [];
    const target = 'pagerduty';
    const key = readSecretEnv(ctx, pd.routing_key_env, 'notify.pagerduty.routing_key_env');
    if ('skipped' in key) {
        ctx.log(`notify ${target}: ${key.skipped}`);
        return [{ channel: 'pagerduty', target, ok: false, detail: key.skipped }];
    }
    const event = pagerDutyEvent(pd, key.value, message);
    const out = await postBounded(pd.url, JSON.stringify(event), { 'content-type': 'application/json' }, {
        fetch: ctx.fetch,
        timeoutMs: ctx.timeoutMs,
        attempts: ATTEMPTS,
        ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
    });
    const answer = parseAnswer(out.text);
    const action = event.event_action;
    let detail;
    if (out.ok) {
        detail = `HTTP ${out.status} ${action} dedup_key ${answer.dedup_key ?? event.dedup_key}`;
        if (answer.dedup_key && answer.dedup_key !== event.dedup_key)
            detail += ` (sent ${String(event.dedup_key)})`;
    }
    else if (out.status === 400) {
        detail = `HTTP 400 ${answer.status ?? 'invalid event'}: ${answer.message ?? ''}${answer.errors?.length ? ` (${answer.errors.join('; ')})` : ''}`;
    }
    else {
        detail = `${out.status === null ? `failed: ${out.reason}` : out.reason} after ${out.attempts} attempt(s)`;
    }
    if (out.attempts > 1 && out.ok)
        detail += ` after ${out.attempts} attempts`;
    if (!out.ok)
        ctx.log(`notify ${target}: ${action} not accepted (${detail}); the release goes on`);
    return [{ channel: 'pagerduty', target, ok: out.ok, detail }];
}

;// CONCATENATED MODULE: ./src/notify/teams.ts
/**
 * Microsoft Teams (`notify.teams[]`): an Adaptive Card (schema 1.4) in the message envelope Teams workflows and
 * incoming webhooks accept: `{type: "message", attachments: [{contentType:
 * "application/vnd.microsoft.card.adaptive", content: AdaptiveCard}]}`. The card leads with the verdict, then the
 * facts (release, stage, decision, reason, breaches) and a button to the run. War-room lines are opt-in: a card per
 * sample buries the decisions.
 */



const TEAMS_DEFAULT_EVENTS = ['decision', 'rollback', 'promote'];
const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Adaptive Card text colours by verdict (Good green, Attention red, Warning amber). */
function verdictColor(decision) {
    if (decision === 'PROCEED' || decision === 'PROMOTED')
        return 'Good';
    if (decision === 'ROLLBACK')
        return 'Attention';
    if (decision === 'HOLD' || decision === 'REVIEW')
        return 'Warning';
    return 'Default';
}
function teamsCard(message) {
    const stage = message.stage
        ? `${message.stage.number ? `Stage ${message.stage.number} ` : ''}${message.stage.name}${message.stage.traffic ? ` (${message.stage.traffic})` : ''}`
        : null;
    const title = message.decision
        ? `${message.decision}: ${releaseName(message)}${stage ? ` at ${stage}` : ''}`
        : `${releaseName(message)}${stage ? ` ${stage}` : ''}`;
    const facts = [
        { title: 'Release', value: releaseName(message) },
        ...(stage ? [{ title: 'Stage', value: stage }] : []),
        ...(message.decision ? [{ title: 'Decision', value: message.decision }] : []),
        ...(message.reason ? [{ title: 'Reason', value: message.reason }] : []),
        ...(message.breaches?.length
            ? [{ title: 'Breaches', value: message.breaches.map((b) => `${b.guardrail} ${b.status}`).join(', ') }]
            : []),
        ...(message.triggeredBy ? [{ title: 'Triggered by', value: message.triggeredBy }] : []),
        { title: 'At', value: message.at },
    ];
    const actions = [
        ...(message.runUrl ? [{ type: 'Action.OpenUrl', title: 'Workflow run', url: message.runUrl }] : []),
        ...(message.incidentUrl ? [{ type: 'Action.OpenUrl', title: 'Incident', url: message.incidentUrl }] : []),
    ];
    return {
        type: 'message',
        attachments: [
            {
                contentType: ADAPTIVE_CARD_CONTENT_TYPE,
                contentUrl: null,
                content: {
                    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                    type: 'AdaptiveCard',
                    version: '1.4',
                    body: [
                        {
                            type: 'TextBlock',
                            text: title,
                            size: 'Medium',
                            weight: 'Bolder',
                            color: verdictColor(message.decision),
                            wrap: true,
                        },
                        { type: 'TextBlock', text: message.text, wrap: true },
                        { type: 'FactSet', facts },
                    ],
                    ...(actions.length ? { actions } : {}),
                    msteams: { width: 'Full' },
                },
            },
        ],
    };
}
async function sendTeams(settings, message, ctx) {
    const results = [];
    for (const [i, channel] of settings.teams.entries()) {
        if (!subscribed(channel.events, message, TEAMS_DEFAULT_EVENTS))
            continue;
        const target = channel.name ?? channel.url_env;
        const url = readSecretEnv(ctx, channel.url_env, `notify.teams[${i}].url_env`);
        if ('skipped' in url) {
            ctx.log(`notify ${target}: ${url.skipped}`);
            results.push({ channel: 'teams', target, ok: false, detail: url.skipped });
            continue;
        }
        // Teams answers 429 when a channel is posted to too fast; one more try after the wait it asks for.
        const out = await postBounded(url.value, JSON.stringify(teamsCard(message)), { 'content-type': 'application/json' }, {
            fetch: ctx.fetch,
            timeoutMs: ctx.timeoutMs,
            attempts: 2,
            ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
        });
        const detail = out.ok ? `HTTP ${out.status}` : out.status === null ? `failed: ${out.reason}` : out.reason;
        if (!out.ok)
            ctx.log(`notify ${target}: Teams card not delivered (${detail}); the release goes on`);
        results.push({ channel: 'teams', target, ok: out.ok, detail });
    }
    return results;
}

// EXTERNAL MODULE: ./node_modules/mustache/mustache.mjs
var mustache = __webpack_require__(40562);
;// CONCATENATED MODULE: ./src/notify/webhook.ts
/**
 * Chat and generic webhooks (`notify.webhooks[]`). Without a template the body is Slack-compatible `{"text": ...}`
 * (the default, as before); with one it is the mustache template rendered with the event's fields. A JSON body
 * (content_type containing "json") escapes every value for a JSON string and must parse before it is sent; any
 * other content type gets the values as they are. Headers come from env variables and are masked.
 */




function slackPayload(text) {
    return { text };
}
/** Escapes a value for the inside of a JSON string (the template supplies the quotes). */
function jsonStringEscape(value) {
    return JSON.stringify(String(value)).slice(1, -1);
}
/** The template rendered with the message's fields; a JSON body that does not parse is an error naming the field. */
function renderWebhookBody(template, contentType, message, field) {
    const json = /json/i.test(contentType);
    const body = mustache/* default */.A.render(template, templateView(message), {}, {
        escape: json ? jsonStringEscape : (v) => String(v),
    });
    if (json) {
        try {
            JSON.parse(body);
        }
        catch (e) {
            return {
                error: `${field}: the rendered body is not JSON (${e.message}); expected a JSON template with {{field}} inside strings`,
            };
        }
    }
    return { body };
}
async function sendWebhooks(settings, message, ctx) {
    const results = [];
    for (const [i, hook] of settings.webhooks.entries()) {
        if (!subscribed(hook.events, message, NOTIFY_EVENTS))
            continue;
        const target = hook.name ?? hook.url_env;
        const result = (ok, detail) => {
            if (!ok)
                ctx.log(`notify ${target}: ${detail}; the release goes on`);
            return { channel: 'webhooks', target, ok, detail };
        };
        const url = readSecretEnv(ctx, hook.url_env, `notify.webhooks[${i}].url_env`);
        if ('skipped' in url) {
            results.push(result(false, url.skipped));
            continue;
        }
        const headers = { 'content-type': hook.content_type };
        let missing = null;
        for (const [name, variable] of Object.entries(hook.headers_env ?? {})) {
            const value = readSecretEnv(ctx, variable, `notify.webhooks[${i}].headers_env.${name}`);
            if ('skipped' in value)
                missing ??= value.skipped;
            else
                headers[name] = value.value;
        }
        if (missing) {
            results.push(result(false, missing));
            continue;
        }
        const rendered = hook.template
            ? renderWebhookBody(hook.template, hook.content_type, message, `notify.webhooks[${i}].template`)
            : { body: JSON.stringify(slackPayload(message.text)) };
        if ('error' in rendered) {
            results.push(result(false, `not sent: ${rendered.error}`));
            continue;
        }
        // A chat post is not retried: a second copy of a war-room line is worse than a missing one.
        const out = await postBounded(url.value, rendered.body, headers, {
            fetch: ctx.fetch,
            timeoutMs: ctx.timeoutMs,
            attempts: 1,
        });
        results.push(out.ok
            ? result(true, `HTTP ${out.status}`)
            : result(false, out.status === null ? `failed: ${out.reason}` : out.reason));
    }
    return results;
}

;// CONCATENATED MODULE: ./src/notify/notify.ts
/**
 * Notifications of release events through every channel the plan configures. The registry below has one sender
 * per key of `notify` (the compiler makes it complete), each of which shapes its own payload from the same
 * message. Every message passes the run's masker before any channel sees it; every channel is bounded in time and
 * attempts, and none throws: a notification outage must not fail or stall a release.
 */







const CHANNELS = {
    webhooks: sendWebhooks,
    teams: sendTeams,
    pagerduty: sendPagerDuty,
    grafana: sendGrafana,
};
const DEFAULT_TIMEOUT_MS = 5_000;
async function notify(settings, message, deps = {}) {
    if (!settings)
        return [];
    const ctx = {
        env: deps.env ?? process.env,
        fetch: deps.fetch ?? fetch,
        timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        log: deps.log ?? (() => undefined),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
    };
    // Every channel's credentials are known to the masker before any text is shaped: a URL that reached a reason or
    // a snapshot is masked there too.
    for (const value of (0,plan_secrets/* notifySecretValues */.c)(settings, ctx.env))
        masker/* runSecrets */.To.add(value);
    const masked = masker/* runSecrets */.To.maskValue(message);
    const kinds = Object.keys(CHANNELS);
    const perChannel = await Promise.all(kinds.map(async (kind) => {
        try {
            return await CHANNELS[kind](settings, masked, ctx);
        }
        catch (e) {
            const detail = `failed: ${masker/* runSecrets */.To.mask((0,config/* getErrorMessage */.u1)(e))}`;
            ctx.log(`notify ${kind}: ${detail}; the release goes on`);
            return [{ channel: kind, target: kind, ok: false, detail }];
        }
    }));
    return perChannel.flat().map((r) => ({ ...r, detail: masker/* runSecrets */.To.mask(r.detail) }));
}

;// CONCATENATED MODULE: ./src/notify/index.ts









/***/ }),

/***/ 47498:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RT: () => (/* binding */ tail),
/* harmony export */   _m: () => (/* binding */ createCommandRunner)
/* harmony export */ });
/* unused harmony exports DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_MAX_OUTPUT, TIMED_OUT_EXIT, NOT_FOUND_EXIT, runCommand, describeExit, executableOf, commandExists */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/**
 * The one command runner: kubectl, git-adjacent tools, the plan's `run` entries (traffic, rollback, promote,
 * preflight checks). An argv list is executed directly (no shell); a plain string is a shell command run by
 * `sh -c`, as a user would type it in a runbook: plan commands reach it already prepared by src/commands (values
 * as quoted variable references, a minimal environment), and the caller masks what it shows.
 *
 * Every command is bounded: a time limit, an abort signal, and output kept to its tail (the verdict of a tool is
 * usually at the end). Each runs in its own process group, so a time limit kills the shell and everything it
 * started (a `sh -c` whose child sleeps would otherwise keep the pipes open past the kill).
 */




const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_OUTPUT = 1024 * 1024;
const TIMED_OUT_EXIT = 124;
const NOT_FOUND_EXIT = 127;
/** A runner with defaults for every command it starts (a call's own options win). */
function createCommandRunner(defaults = {}) {
    const given = (o) => Object.entries(o).filter(([, v]) => v !== undefined);
    return {
        run: (command, options = {}) => runCommand(command, Object.fromEntries([...given(defaults), ...given(options)])),
    };
}
function runCommand(command, options = {}) {
    const [file, args] = Array.isArray(command)
        ? [command[0], command.slice(1)]
        : ['/bin/sh', ['-c', command]];
    const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    const maxOutput = options.maxOutput ?? DEFAULT_MAX_OUTPUT;
    return new Promise((resolve) => {
        let stdout = '';
        let stderr = '';
        let truncated = false;
        let timedOut = false;
        let aborted = false;
        const keep = (acc, chunk) => {
            const next = acc + chunk.toString('utf8');
            if (next.length <= maxOutput * 2)
                return next;
            truncated = true;
            return next.slice(-maxOutput * 2);
        };
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
            detached: true,
            stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
            windowsHide: true,
        });
        const killGroup = () => {
            try {
                if (child.pid)
                    process.kill(-child.pid, 'SIGKILL');
            }
            catch {
                child.kill('SIGKILL');
            }
        };
        const onAbort = () => {
            aborted = true;
            killGroup();
        };
        const timer = setTimeout(() => {
            timedOut = true;
            killGroup();
        }, timeoutMs);
        if (options.signal?.aborted)
            onAbort();
        options.signal?.addEventListener('abort', onAbort, { once: true });
        if (options.input !== undefined) {
            child.stdin?.on('error', () => undefined); // a command that exits without reading its input
            child.stdin?.end(options.input);
        }
        child.stdout?.on('data', (c) => (stdout = keep(stdout, c)));
        child.stderr?.on('data', (c) => (stderr = keep(stderr, c)));
        let done = false;
        const finish = (exitCode, signal, spawnError) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            const cut = (s) => {
                if (s.length <= maxOutput)
                    return s;
                truncated = true;
                return s.slice(-maxOutput);
            };
            const notFound = spawnError !== undefined
                ? spawnError.code === 'ENOENT' || spawnError.code === 'EACCES'
                : !Array.isArray(command) && exitCode === NOT_FOUND_EXIT;
            let note = '';
            if (timedOut)
                note = `\n(killed after ${timeoutMs} ms)`;
            else if (spawnError && !notFound)
                note = `\n${spawnError.message}`;
            const code = exitCode ??
                (timedOut
                    ? TIMED_OUT_EXIT
                    : spawnError
                        ? notFound
                            ? NOT_FOUND_EXIT
                            : 1
                        : 128 + (signal ? (node_os__WEBPACK_IMPORTED_MODULE_1__.constants.signals[signal] ?? 0) : 0));
            resolve({
                exitCode: code,
                stdout: cut(stdout),
                stderr: cut(stderr) + note,
                ...(timedOut ? { timedOut } : {}),
                ...(aborted ? { aborted } : {}),
                ...(signal ? { signal } : {}),
                ...(truncated ? { truncated } : {}),
                ...(notFound ? { notFound } : {}),
            });
        };
        child.once('error', (e) => finish(null, null, e));
        child.once('close', (code, signal) => finish(code, signal));
    });
}
/** "exit 3", "killed after 120000 ms", "killed by SIGTERM": how a command ended, for messages. */
function describeExit(result) {
    if (result.timedOut)
        return 'killed at its time limit';
    if (result.signal)
        return `killed by ${result.signal}`;
    return `exit ${result.exitCode}`;
}
/** The last lines of a command's output, for an error message. */
function tail(text, lines = 5) {
    return text.trim().split('\n').slice(-lines).join(' | ').slice(0, 600);
}
const SHELL_WORDS = new Set([
    'if',
    'then',
    'for',
    'while',
    'until',
    'case',
    'do',
    '{',
    '(',
    '!',
    '[',
    '[[',
    'test',
    'cd',
    'export',
    'set',
    'eval',
    'exec',
    'true',
    'false',
    'echo',
    'printf',
    'exit',
    'source',
    '.',
    ':',
    'command',
    'type',
    'read',
    'time',
    'unset',
]);
/**
 * The executable of a command as the plan wrote it: argv[0], or the first word of a simple shell string after
 * `NAME=value` assignments. Undefined for shell strings that start with a keyword or builtin (the shell decides).
 */
function executableOf(command) {
    if (Array.isArray(command))
        return command[0];
    const words = command.trim().split(/\s+/);
    let i = 0;
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]))
        i++;
    const word = words[i];
    if (!word || SHELL_WORDS.has(word) || /[|&;<>()$`'"\\*?]/.test(word))
        return undefined;
    return word;
}
async function isExecutable(file) {
    try {
        await access(file, constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/** Whether a command's executable exists (PATH lookup, or a path relative to cwd); undefined when it cannot tell. */
async function commandExists(command, cwd, env) {
    const exe = executableOf(command);
    if (exe === undefined)
        return undefined;
    if (exe.includes('/'))
        return isExecutable(path.resolve(cwd, exe));
    for (const dir of (env.PATH ?? '').split(path.delimiter)) {
        if (dir && (await isExecutable(path.join(dir, exe))))
            return true;
    }
    return false;
}


/***/ })

};
