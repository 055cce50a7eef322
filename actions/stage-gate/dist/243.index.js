export const id = 243;
export const ids = [243];
export const modules = {

/***/ 93875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TY: () => (/* binding */ trackLabelValue),
/* harmony export */   U1: () => (/* binding */ stageContext),
/* harmony export */   f6: () => (/* binding */ renderCountsQueries),
/* harmony export */   no: () => (/* binding */ renderQuery)
/* harmony export */ });
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96319);
/* harmony import */ var _metrics_source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7612);
/**
 * Rendering a metric's PromQL for one track: `{{track}}` becomes the plan's label value for that track
 * (canary -> metrics.tracks.canary, baseline -> metrics.tracks.baseline); the other placeholders come from the
 * run (version, stage, weight, service, ...); `{{time}}` stays for the source to render at each read. A placeholder
 * without a value is a ConfigurationError naming it.
 */


function trackLabelValue(plan, track) {
    return track === 'canary' ? plan.metrics.tracks.canary : plan.metrics.tracks.baseline;
}
function stageContext(plan, stage, version) {
    return {
        service: plan.release.service,
        stage: stage.name,
        weight: (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .stageWeight */ .B8)(stage.traffic),
        ...(stage.environment ? { environment: stage.environment } : {}),
        ...(version ? { version } : {}),
    };
}
function definition(plan, metric) {
    const def = plan.metrics.queries[metric];
    if (!def) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`metrics.queries: no query named "${metric}" (one of: ${Object.keys(plan.metrics.queries).join(', ')})`);
    }
    return def;
}
function renderQuery(plan, metric, track, context = {}) {
    return (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderTemplate */ .Xm)(definition(plan, metric).query, { ...context, track: trackLabelValue(plan, track), time: _metrics_source_js__WEBPACK_IMPORTED_MODULE_1__/* .TIME_PLACEHOLDER */ .Ek }, `metrics.queries.${metric}.query`);
}
/** The counts behind a ratio (`counts: { events, total }`), rendered for one track; undefined if not declared. */
function renderCountsQueries(plan, metric, track, context = {}) {
    const counts = definition(plan, metric).counts;
    if (!counts)
        return undefined;
    const ctx = { ...context, track: trackLabelValue(plan, track), time: _metrics_source_js__WEBPACK_IMPORTED_MODULE_1__/* .TIME_PLACEHOLDER */ .Ek };
    return {
        events: (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderTemplate */ .Xm)(counts.events, ctx, `metrics.queries.${metric}.counts.events`),
        total: (0,_config_index_js__WEBPACK_IMPORTED_MODULE_0__/* .renderTemplate */ .Xm)(counts.total, ctx, `metrics.queries.${metric}.counts.total`),
    };
}


/***/ }),

/***/ 25581:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  QB: () => (/* binding */ createMetricSource)
});

// UNUSED EXPORTS: METRICS_URL_ENV, metricSourceKind

// EXTERNAL MODULE: ./src/config/index.ts + 8 modules
var config = __webpack_require__(96319);
// EXTERNAL MODULE: ./src/metrics/secret-refs.ts
var secret_refs = __webpack_require__(41908);
// EXTERNAL MODULE: ./src/config/errors.ts
var errors = __webpack_require__(37827);
// EXTERNAL MODULE: ./src/config/schema.ts
var schema = __webpack_require__(90131);
// EXTERNAL MODULE: ./src/secrets/masker.ts
var masker = __webpack_require__(22490);
;// CONCATENATED MODULE: ./src/metrics/http-read.ts
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/**
 * One GET, or a POST of `form` (for a request too long for a URL). Never throws: a timeout is 'timeout', a
 * connection problem 'unreachable' (worth asking again).
 */
async function getAnswer(url, request, form) {
    try {
        const signal = AbortSignal.timeout(request.timeoutMs);
        const redirect = request.redirects === 'refuse' ? 'error' : 'manual';
        let target = url;
        let response;
        for (let hop = 0;; hop++) {
            response = await request.fetch(target, {
                method: form ? 'POST' : 'GET',
                ...(form ? { body: form } : {}),
                headers: request.headers,
                signal,
                redirect,
            });
            if (!REDIRECT_STATUSES.has(response.status) || request.redirects === 'refuse')
                break;
            await response.body?.cancel().catch(() => undefined);
            const next = redirectTarget(response, target, hop, request.redirects.within);
            if (typeof next === 'string')
                return { ok: false, reason: 'query-error', detail: next };
            target = next;
        }
        const text = await readCapped(response, request.maxResponseBytes);
        if (text === undefined)
            return {
                ok: false,
                reason: 'query-error',
                detail: `HTTP ${response.status}: the answer is larger than ${formatBytes(request.maxResponseBytes)} and was not read${request.tooLargeHint ? ` ${request.tooLargeHint}` : ''}`,
            };
        return { ok: true, value: { status: response.status, ok: response.ok, text } };
    }
    catch (e) {
        return transportFailure(e, request.timeoutMs);
    }
}
/** A request that threw: no answer within the timeout (not asked again: a slow server gets no more load), or no connection (asked again). */
function transportFailure(e, timeoutMs) {
    if (isTimeout(e))
        return { ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` };
    return {
        ok: false,
        reason: 'unreachable',
        detail: `cannot connect (${connectionError(e)})`,
        retry: 'backoff',
    };
}
/** The next URL of a redirect within `origin`, or why the redirect is refused. */
function redirectTarget(response, from, hop, origin) {
    const location = response.headers.get('location');
    let next;
    try {
        next = location ? new URL(location, from) : undefined;
    }
    catch {
        next = undefined;
    }
    if (!next)
        return `HTTP ${response.status} redirect without a usable Location`;
    if (next.origin !== origin)
        return `HTTP ${response.status} redirect to ${next.origin} refused (only redirects within ${origin} are followed: the answer must come from the configured server, and credentials must not go elsewhere)`;
    if (hop + 1 > MAX_REDIRECTS)
        return `more than ${MAX_REDIRECTS} redirects (a redirect loop?)`;
    return next;
}
function isTimeout(e) {
    return e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
}
function connectionError(e) {
    const cause = e instanceof Error ? e.cause : undefined;
    if (cause && typeof cause === 'object') {
        const c = cause;
        if (typeof c.code === 'string')
            return c.code;
        if (typeof c.message === 'string')
            return c.message;
    }
    return e instanceof Error ? e.message : String(e);
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function truncate(text, max) {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}
/** The body as text, or undefined when it is larger than `max` bytes (reading stops there). */
async function readCapped(response, max) {
    const declared = Number.parseInt(response.headers.get('content-length') ?? '', 10);
    if (Number.isFinite(declared) && declared > max) {
        await response.body?.cancel().catch(() => undefined);
        return undefined;
    }
    if (!response.body) {
        const text = await response.text();
        return Buffer.byteLength(text) > max ? undefined : text;
    }
    const reader = response.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        size += value.byteLength;
        if (size > max) {
            await reader.cancel().catch(() => undefined);
            return undefined;
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
}
function formatBytes(bytes) {
    return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
        ? `${bytes / (1024 * 1024)} MiB`
        : `${bytes} bytes`;
}

;// CONCATENATED MODULE: ./src/metrics/http-settings.ts
/**
 * The checks every HTTP metric source makes of its settings when it is built, so that a setting it cannot use is a
 * ConfigurationError (or a RangeError for a programming mistake) before anything is measured, never later, and
 * says the same thing for every source.
 */

/** The base URL of `metrics.<kind>.url`; `expected` shows its form, e.g. "http(s)://host:port". */
function httpBaseUrl(kind, url, expected) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`metrics.${kind}.url: "${url}" is not a URL (expected ${expected})`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new errors/* ConfigurationError */.j1(`metrics.${kind}.url: expected an http:// or https:// URL, got ${parsed.protocol}`);
    return parsed;
}
/** A URL's user-info would be written wherever the URL is (logs, evidence): credentials come from `instead`. */
function refuseUrlCredentials(kind, url, instead) {
    if (url.username || url.password)
        throw new errors/* ConfigurationError */.j1(`metrics.${kind}.url: credentials in the URL are not accepted (they would be logged with it; name env variables in ${instead})`);
}
/** The value of the variable `metrics.<kind>.<field>` names; a named but unset variable fails closed. */
function requiredEnv(env, kind, field, name, what) {
    const value = env[name];
    if (!value)
        throw new errors/* ConfigurationError */.j1(`metrics.${kind}.${field}: environment variable ${name} is not set or empty (expected ${what})`);
    return value;
}
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_BACKOFF_MS = 250;
/** The options with their defaults, checked; `owner` (e.g. "InfluxDbSource") names who was given a bad one. */
function transportOf(owner, options, defaults) {
    return {
        timeoutMs: positive(owner, 'timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS),
        retries: Math.max(0, Math.floor(options.retries ?? DEFAULT_RETRIES)),
        backoffMs: Math.max(0, options.backoffMs ?? DEFAULT_BACKOFF_MS),
        maxResponseBytes: positive(owner, 'maxResponseBytes', options.maxResponseBytes, defaults.maxResponseBytes),
        fetch: options.fetch ?? globalThis.fetch,
        sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
}
/** `value`, or `fallback` when it is not given; a RangeError when it is given and not > 0. */
function positive(owner, name, value, fallback) {
    if (value === undefined)
        return fallback;
    if (!(value > 0))
        throw new RangeError(`${owner}: ${name} must be > 0, got ${value}`);
    return value;
}

;// CONCATENATED MODULE: ./src/metrics/request-loop.ts
async function withRetries(attempt, policy) {
    let backoffs = 0;
    let rateLimitWaits = 0;
    // Each pass either returns or increments one of the two counters, and both are capped: the loop ends.
    for (;;) {
        const outcome = await attempt();
        if (outcome.ok || !outcome.retry)
            return outcome;
        if (outcome.retry === 'backoff') {
            if (backoffs >= policy.retries)
                return policy.retries > 0
                    ? { ...outcome, detail: `${outcome.detail} (after ${backoffs + 1} attempts)` }
                    : outcome;
            await policy.sleep(policy.backoffMs * 2 ** backoffs);
            backoffs++;
            continue;
        }
        const limit = policy.rateLimit;
        if (!limit || rateLimitWaits >= limit.waits || outcome.retry.afterMs > limit.maxWaitMs)
            return {
                ...outcome,
                detail: limit
                    ? `${outcome.detail}; not waiting (longer than the ${limit.maxWaitMs} ms ${limit.setting}, or ${limit.waits} waits already)`
                    : outcome.detail,
            };
        await policy.sleep(outcome.retry.afterMs);
        rateLimitWaits++;
    }
}
/** The reason of an HTTP error status: 502/503/504 mean the server is not there; 5xx is asked again, 4xx is not. */
function statusFailure(status, detail) {
    if (status >= 500)
        return {
            ok: false,
            reason: [502, 503, 504].includes(status) ? 'unreachable' : 'query-error',
            detail,
            retry: 'backoff',
        };
    return { ok: false, reason: 'query-error', detail };
}

// EXTERNAL MODULE: ./src/metrics/source.ts
var source = __webpack_require__(7612);
;// CONCATENATED MODULE: ./src/metrics/datadog.ts







const DEFAULT_LOOKBACK_MS = 300_000;
const DEFAULT_RATE_LIMIT_WAIT_MS = schema/* DATADOG_RATE_LIMIT_WAIT_DEFAULT_S */.uy * 1000;
const RATE_LIMIT_RETRIES = 2;
const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Thrown by the capped fetch inside the client, caught again in `attempt`. */
class AnswerTooLarge extends Error {
}
const DATADOG_CLIENT_PACKAGE = '@datadog/datadog-api-client';
/** The version the source is tested against (package.json's peer dependency). */
const DATADOG_CLIENT_VERSION = '1.64.0';
let loading;
/**
 * The client's v1 API and common parts, loaded when a Datadog plan first queries rather than whenever the CLI
 * starts; the package root would also load every v2 model (about 10 s more, and 116 MB in a bundle, for an API
 * this source never calls). The paths are literal so that the action bundler follows them.
 * Its logger writes failed requests straight to the console, past the run's masker and logger; every failure
 * reaches the user as this source's reason instead, so it is silenced.
 */
function loadClient() {
    // A CommonJS module arrives as its exports, or as a namespace whose default is its exports.
    const cjs = (m) => m.default ?? m;
    loading ??= Promise.all([
        __webpack_require__.e(/* import() */ 11).then(__webpack_require__.t.bind(__webpack_require__, 6011, 23)),
        Promise.all(/* import() */[__webpack_require__.e(670), __webpack_require__.e(859)]).then(__webpack_require__.t.bind(__webpack_require__, 41859, 23)),
        Promise.all(/* import() */[__webpack_require__.e(670), __webpack_require__.e(7)]).then(__webpack_require__.bind(__webpack_require__, 68007)),
    ]).then(([logger, common, api]) => {
        cjs(logger).logger.setLevel('silent');
        return { client: cjs(common), v1: cjs(api) };
    });
    return loading;
}
/**
 * The client is an optional dependency of the CLI package (it weighs more than the rest of the package together,
 * and only Datadog plans need it; the action bundles carry it). Without it a Datadog read fails closed and says
 * what to install.
 */
function datadogClientMissing(error) {
    const code = error?.code;
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    return {
        ok: false,
        reason: 'query-error',
        detail: missing
            ? `metrics.datadog needs the package ${DATADOG_CLIENT_PACKAGE}, an optional dependency of canary-conductor: npm install ${DATADOG_CLIENT_PACKAGE}@${DATADOG_CLIENT_VERSION}`
            : `the Datadog client could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    };
}
class DatadogSource {
    displayUrl;
    apiKey;
    appKey;
    lookbackMs;
    maxRateLimitWaitMs;
    transport;
    constructor(options) {
        const parsed = httpBaseUrl('datadog', options.url, 'https://host');
        if (parsed.username || parsed.password || parsed.search)
            throw new errors/* ConfigurationError */.j1('metrics.datadog.url: a base URL without credentials or query string (keys come from api_key_env and app_key_env)');
        this.displayUrl = parsed.href.replace(/\/$/, '');
        this.apiKey = options.apiKey;
        this.appKey = options.appKey;
        (0,masker/* registerSecret */.cl)(options.apiKey);
        (0,masker/* registerSecret */.cl)(options.appKey);
        this.lookbackMs = positive('DatadogSource', 'lookbackMs', options.lookbackMs, DEFAULT_LOOKBACK_MS);
        this.maxRateLimitWaitMs = Math.max(0, options.maxRateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
        this.transport = transportOf('DatadogSource', options, { maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES });
    }
    describe() {
        return `datadog ${this.displayUrl}`;
    }
    async instant(q, at) {
        if (Number.isNaN(at.getTime()))
            throw new RangeError('DatadogSource: invalid Date');
        const { from, to } = this.windowOf(at);
        const outcome = await this.call({ from, to, query: (0,source/* renderTime */.sZ)(q.query, at) });
        if (!outcome.ok)
            return (0,source/* unmeasurable */.NB)(q, at, outcome.reason, this.message(outcome.detail, q));
        const series = oneSeries(outcome.value, at.toISOString());
        if (!series.ok)
            return (0,source/* unmeasurable */.NB)(q, at, series.reason, this.message(series.detail, q));
        const newest = newestPoint(series.points, from * 1000, to * 1000);
        if (newest === undefined)
            return (0,source/* unmeasurable */.NB)(q, at, 'empty', this.message(`no point in ${new Date(from * 1000).toISOString()}..${at.toISOString()} (${series.points.length} points, all null or outside the window: Datadog may still be ingesting)`, q));
        if (!Number.isFinite(newest))
            return (0,source/* unmeasurable */.NB)(q, at, 'nan', this.message(`the newest point is ${String(newest)}`, q));
        return (0,source/* measured */.jh)(q, at, newest);
    }
    /**
     * The query over [start - lookback, end] in one request (Datadog answers a series over a window); each step's
     * value is the newest point in its own [t - lookback, t], as `instant` reads it, NaN where there is none. Datadog
     * picks the points' rollup by the window's length, so over a long range they may be coarser than an instant
     * read's unless the query fixes it (`.rollup(avg, 60)`). A query with `{{time}}` names one instant: refused.
     */
    async range(q, start, end, stepSeconds) {
        const steps = (0,source/* rangeSteps */.LP)(start, end, stepSeconds);
        const fail = (reason, detail) => (0,source/* unmeasurableRange */.gJ)(q, reason, this.message(detail, q));
        const span = `${start.toISOString()}..${end.toISOString()}`;
        if ((0,source/* renderTime */.sZ)(q.query, start) !== q.query)
            return fail('query-error', '{{time}} names one instant, and a range is read in one request');
        const outcome = await this.call({
            from: this.windowOf(start).from,
            to: this.windowOf(end).to,
            query: q.query,
        });
        if (!outcome.ok)
            return fail(outcome.reason, outcome.detail);
        const series = oneSeries(outcome.value, span);
        if (!series.ok)
            return fail(series.reason, series.detail);
        const points = steps.map((at) => {
            const { from, to } = this.windowOf(at);
            return [at.getTime() / 1000, newestPoint(series.points, from * 1000, to * 1000) ?? NaN];
        });
        if (points.every(([, v]) => Number.isNaN(v)))
            return fail('empty', `no point in ${span} (${series.points.length} points, all null or outside the window)`);
        return { ok: true, points, query: q.query };
    }
    /** The whole seconds [at - lookback, at] a read as of `at` asks Datadog for. */
    windowOf(at) {
        return { from: Math.floor((at.getTime() - this.lookbackMs) / 1000), to: Math.floor(at.getTime() / 1000) };
    }
    call(params) {
        return withRetries(() => this.attempt(params), {
            ...this.transport,
            rateLimit: {
                waits: RATE_LIMIT_RETRIES,
                maxWaitMs: this.maxRateLimitWaitMs,
                setting: 'rate_limit_wait',
            },
        });
    }
    async attempt(params) {
        // One configuration per request: its fetch sees this response's status and rate-limit headers.
        let status = 0;
        let headers;
        let notAnAnswer;
        const cappedFetch = async (input, init) => {
            const response = await this.transport.fetch(input, {
                ...init,
                signal: AbortSignal.timeout(this.transport.timeoutMs),
                // A redirect could hand the keys to another host; Datadog's query API does not redirect.
                redirect: 'error',
            });
            status = response.status;
            headers = response.headers;
            const text = await readCapped(response, this.transport.maxResponseBytes);
            if (text === undefined)
                throw new AnswerTooLarge();
            // The client reads a body that is not JSON as an empty answer; an empty answer must mean no series.
            if (response.ok)
                notAnAnswer = answerShapeProblem(text);
            return new Response(text, { status: response.status, headers: response.headers });
        };
        let loaded;
        try {
            loaded = await loadClient();
        }
        catch (error) {
            return datadogClientMissing(error);
        }
        const { client, v1: api } = loaded;
        const configuration = client.createConfiguration({
            baseServer: new client.BaseServerConfiguration(this.displayUrl, {}),
            authMethods: { apiKeyAuth: this.apiKey, appKeyAuth: this.appKey },
            fetch: cappedFetch,
            enableRetry: false,
            httpConfig: { compress: false },
        });
        try {
            const answer = await new api.MetricsApi(configuration).queryMetrics(params);
            if (notAnAnswer)
                return {
                    ok: false,
                    reason: 'query-error',
                    detail: `HTTP ${status}: not a Datadog metrics query answer (${notAnAnswer})`,
                };
            if (answer.status === 'error' || answer.error)
                return { ok: false, reason: 'query-error', detail: `Datadog: ${answer.error ?? 'status error'}` };
            return { ok: true, value: answer };
        }
        catch (e) {
            return this.failure(e, e instanceof client.ApiException ? e : undefined, status, headers);
        }
    }
    failure(e, apiError, status, headers) {
        if (e instanceof AnswerTooLarge)
            return {
                ok: false,
                reason: 'query-error',
                detail: `HTTP ${status}: the answer is larger than ${formatBytes(this.transport.maxResponseBytes)} and was not read (narrow the query to one series)`,
            };
        if (apiError) {
            const said = datadogErrors(apiError.body);
            if (apiError.code === 429) {
                const resetS = Number.parseInt(headers?.get('x-ratelimit-reset') ?? '', 10);
                const afterMs = Number.isFinite(resetS) && resetS >= 0 ? resetS * 1000 : this.maxRateLimitWaitMs + 1;
                const limit = headers?.get('x-ratelimit-name') ?? 'query';
                return {
                    ok: false,
                    reason: 'unreachable',
                    detail: `HTTP 429: rate limited (${limit} limit ${headers?.get('x-ratelimit-limit') ?? '?'} per ${headers?.get('x-ratelimit-period') ?? '?'} s, resets in ${Number.isFinite(resetS) ? `${resetS} s` : 'an unknown time'})${said}`,
                    retry: { afterMs },
                };
            }
            const failure = statusFailure(apiError.code, `HTTP ${apiError.code}${said}`);
            if (apiError.code === 401 || apiError.code === 403)
                failure.detail += ' (check the keys named by api_key_env and app_key_env)';
            return failure;
        }
        // No answer at all: the request timed out, or fetch could not connect (it says so with a TypeError).
        if (isTimeout(e) || (e instanceof TypeError && status === 0))
            return transportFailure(e, this.transport.timeoutMs);
        // The client could not read the answer as a MetricsQueryResponse (not JSON, or fields of the wrong type).
        return {
            ok: false,
            reason: 'query-error',
            detail: `HTTP ${status}: not a Datadog metrics query answer (${truncate(e instanceof Error ? e.message : String(e), 200)})`,
        };
    }
    message(detail, q) {
        return (0,masker/* maskSecrets */.QU)(`${this.describe()}: ${detail}; query: ${q.query}`);
    }
}
/** The pointlist of the one series in the answer; `when` (an instant or a span) says what was asked for. */
function oneSeries(answer, when) {
    const series = answer.series ?? [];
    if (series.length === 0)
        return { ok: false, reason: 'empty', detail: `no series for ${when} (nothing matched the query)` };
    if (series.length > 1) {
        const scopes = series.slice(0, 3).map((s) => s.scope ?? s.expression ?? '?');
        return {
            ok: false,
            reason: 'query-error',
            detail: `${series.length} series where one was expected (drop the "by {...}" grouping or aggregate them): ${scopes.join(', ')}${series.length > 3 ? ', ...' : ''}`,
        };
    }
    return { ok: true, points: (series[0].pointlist ?? []) };
}
/**
 * The newest non-null point in [fromMs, toMs]: partial answers (a series that stops early, or ends in nulls while
 * Datadog is still ingesting) give the newest real point, never a zero. Undefined when there is none.
 */
function newestPoint(points, fromMs, toMs) {
    for (let i = points.length - 1; i >= 0; i--) {
        const [t, v] = points[i];
        if (t > toMs || t < fromMs || v === null || v === undefined)
            continue;
        return v;
    }
    return undefined;
}
/** Why a 2xx body is not a metrics query answer (JSON object with `status` or `series`), if it is not. */
function answerShapeProblem(text) {
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        return `the body is not JSON: ${truncate(text.trim(), 200)}`;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body) || !('status' in body || 'series' in body))
        return `no status or series: ${truncate(text.trim(), 200)}`;
    return undefined;
}
/** `: first error; second error` from Datadog's APIErrorResponse, or the body text. */
function datadogErrors(body) {
    const errors = body?.errors;
    if (Array.isArray(errors) && errors.length)
        return `: ${errors.map(String).join('; ')}`;
    if (typeof body === 'string' && body)
        return `: ${truncate(body.replace(/\s+/g, ' '), 200)}`;
    return '';
}
/** The source a plan's `metrics.datadog` block describes; a named but unset env variable is a ConfigurationError. */
function datadogSourceFromSettings(settings, options = {}) {
    const { env = process.env, ...rest } = options;
    return new DatadogSource({
        ...rest,
        url: settings.url ?? `https://api.${settings.site}`,
        apiKey: requiredEnv(env, 'datadog', 'api_key_env', settings.api_key_env, 'the Datadog API key'),
        appKey: requiredEnv(env, 'datadog', 'app_key_env', settings.app_key_env, 'the Datadog application key'),
        ...(settings.lookback !== undefined ? { lookbackMs: settings.lookback * 1000 } : {}),
        ...(settings.timeout !== undefined ? { timeoutMs: settings.timeout * 1000 } : {}),
        ...(settings.retries !== undefined ? { retries: settings.retries } : {}),
        ...(settings.rate_limit_wait !== undefined
            ? { maxRateLimitWaitMs: settings.rate_limit_wait * 1000 }
            : {}),
    });
}
const datadogFactory = {
    create(settings, options) {
        return datadogSourceFromSettings({ ...settings, ...(options.url ? { url: options.url } : {}) }, { env: options.env, ...(options.fetch ? { fetch: options.fetch } : {}) });
    },
};

;// CONCATENATED MODULE: ./src/metrics/influxdb.ts
/**
 * InfluxDB (1.x `/query` API, InfluxQL) behind the MetricSource interface: `metrics.influxdb`.
 *
 * The time a gate asks about reaches the query as the bound parameter `$now` (an RFC 3339 time), so a query
 * written `... WHERE "track" = '{{track}}' AND time > $now - 1m AND time <= $now` reads the same window live and in
 * a replay; InfluxQL's own `now()` is the server's clock and makes a replay read the present. Answers are asked
 * for with `epoch=ms`.
 *
 * Classification (every problem is `ok:false`, never a throw, never a pass):
 *   no series, or a null value (nothing in the window) -> 'empty'; more than one statement, series or value
 *   column -> 'query-error' naming them; a statement `error` or HTTP 4xx -> 'query-error' quoting InfluxDB;
 *   a value that is not a number, or a body that is not InfluxDB's JSON -> 'query-error'; connection refused /
 *   reset -> 'unreachable'; HTTP 502/503/504 -> 'unreachable'; no answer within the timeout -> 'timeout'.
 * Several rows (e.g. `GROUP BY time(30s)`) are allowed: the newest row is the value as of `$now`.
 * Retries: connection errors and 5xx only, bounded, with backoff (the reasons are those of the Prometheus source).
 * Credentials come from env variables only (`token_env` as `Authorization: Token`, or `username_env` and
 * `password_env` as Basic), are registered with the run's masker, and never appear in a URL or a message.
 * Answers are read up to a size cap (default 4 MiB): one instant value never needs more.
 * `range()` sends the query once per step in one request (see there), so a backtest reads what a live gate would.
 */






const influxdb_DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Statements in one range request: as many points as a backtest asks for in one range read (gate/backtest.ts). */
const MAX_RANGE_STEPS = 10_000;
class InfluxDbSource {
    displayUrl;
    queryUrl;
    database;
    retentionPolicy;
    transport;
    request;
    constructor(options) {
        const parsed = httpBaseUrl('influxdb', options.url, 'http(s)://host:port');
        refuseUrlCredentials('influxdb', parsed, 'token_env or username_env/password_env');
        if (options.token && options.basicAuth)
            throw new errors/* ConfigurationError */.j1('metrics.influxdb: give either token_env or username_env/password_env, not both');
        const headers = { accept: 'application/json' };
        if (options.token) {
            (0,masker/* registerSecret */.cl)(options.token);
            headers.authorization = `Token ${options.token}`;
        }
        else if (options.basicAuth) {
            const { username, password } = options.basicAuth;
            (0,masker/* registerSecret */.cl)(password);
            headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
        }
        parsed.search = '';
        parsed.hash = '';
        const base = parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
        this.queryUrl = new URL('query', base);
        this.displayUrl = base.replace(/\/$/, '');
        this.database = options.database;
        this.retentionPolicy = options.retentionPolicy;
        this.transport = transportOf('InfluxDbSource', options, { maxResponseBytes: influxdb_DEFAULT_MAX_RESPONSE_BYTES });
        this.request = {
            ...this.transport,
            headers,
            // A redirect could hand the credentials to another host; InfluxDB's /query never redirects.
            redirects: 'refuse',
            tooLargeHint: '(aggregate the query, or narrow its range)',
        };
    }
    describe() {
        return `influxdb ${this.displayUrl} db=${this.database}`;
    }
    async instant(q, at) {
        if (Number.isNaN(at.getTime()))
            throw new RangeError('InfluxDbSource: invalid Date');
        const url = this.urlFor({
            q: (0,source/* renderTime */.sZ)(q.query, at),
            params: JSON.stringify({ now: at.toISOString() }),
        });
        const answer = await withRetries(() => this.attempt(url), this.transport);
        if (!answer.ok)
            return (0,source/* unmeasurable */.NB)(q, at, answer.reason, this.message(answer.detail, q));
        const results = statementResults(answer.value, 1);
        const read = Array.isArray(results) ? influxdb_valueOf(results[0], at) : results;
        if (!read.ok)
            return (0,source/* unmeasurable */.NB)(q, at, read.reason, this.message(read.detail, q));
        return (0,source/* measured */.jh)(q, at, read.value);
    }
    /**
     * The query at start, start + step, ... <= end, in one request: one statement per step, each with its own bound
     * time (`$now` becomes `$now_<i>`), so that every point is exactly what `instant` reads at that time. (A
     * `GROUP BY time(step)` would not be: its buckets are [t, t + step), a query's window is its own, e.g. (t - 1m, t].)
     * A step with nothing in its window is NaN (a gap); no value at any step is 'empty'.
     */
    async range(q, start, end, stepSeconds) {
        const fail = (reason, detail) => (0,source/* unmeasurableRange */.gJ)(q, reason, this.message(detail, q));
        // Counted before the steps are made: a range of too many is refused, not built.
        if (stepSeconds > 0 &&
            Math.floor((end.getTime() - start.getTime()) / (stepSeconds * 1000)) >= MAX_RANGE_STEPS)
            return fail('query-error', `${start.toISOString()}..${end.toISOString()} at ${stepSeconds} s is more than ${MAX_RANGE_STEPS} steps for one request (a larger step, or a shorter range)`);
        const times = (0,source/* rangeSteps */.LP)(start, end, stepSeconds);
        const statements = times.map((at, i) => (0,source/* renderTime */.sZ)(q.query, at).replace(/\$now\b/g, `$now_${i}`));
        const params = Object.fromEntries(times.map((at, i) => [`now_${i}`, at.toISOString()]));
        // POSTed: thousands of statements do not fit in a URL; InfluxDB reads `q` and `params` from a form as well.
        const form = new URLSearchParams({ q: statements.join(';\n'), params: JSON.stringify(params) });
        const answer = await withRetries(() => this.attempt(this.urlFor({}), form), this.transport);
        if (!answer.ok)
            return fail(answer.reason, answer.detail);
        const results = statementResults(answer.value, times.length);
        if (!Array.isArray(results))
            return fail(results.reason, results.detail);
        const points = [];
        for (const [i, at] of times.entries()) {
            const read = influxdb_valueOf(results[i], at);
            if (!read.ok && read.reason !== 'empty')
                return fail(read.reason, `at ${at.toISOString()}: ${read.detail}`);
            points.push([at.getTime() / 1000, read.ok ? read.value : NaN]);
        }
        if (points.every(([, v]) => Number.isNaN(v)))
            return fail('empty', `no value in ${start.toISOString()}..${end.toISOString()} (nothing matched)`);
        return { ok: true, points, query: q.query };
    }
    /** The /query URL with the database, retention policy, `epoch=ms` and these parameters. */
    urlFor(params) {
        const url = new URL(this.queryUrl);
        url.searchParams.set('db', this.database);
        if (this.retentionPolicy)
            url.searchParams.set('rp', this.retentionPolicy);
        url.searchParams.set('epoch', 'ms');
        for (const [name, value] of Object.entries(params))
            url.searchParams.set(name, value);
        return url;
    }
    /** One request, and what its answer means to InfluxDB: a JSON body, or InfluxDB's `error`. */
    async attempt(url, form) {
        const answer = await getAnswer(url, this.request, form);
        if (!answer.ok)
            return answer;
        const { status, text } = answer.value;
        const body = parseJson(text);
        if (answer.value.ok)
            return body === undefined
                ? {
                    ok: false,
                    reason: 'query-error',
                    detail: `HTTP 200 but the body is not JSON: ${truncate(text, 200)}`,
                }
                : { ok: true, value: body };
        const influxError = body && typeof body === 'object' && typeof body.error === 'string'
            ? body.error
            : truncate(text.trim(), 200);
        const failure = statusFailure(status, `HTTP ${status}${influxError ? `: ${influxError}` : ''}`);
        if (status === 401 || status === 403)
            failure.detail += ' (check the credentials in token_env / username_env, password_env)';
        return failure;
    }
    message(detail, q) {
        return (0,masker/* maskSecrets */.QU)(`${this.describe()}: ${detail}; query: ${q.query}`);
    }
}
/** The statement results of an InfluxDB `/query` answer, `expected` of them, or why the answer is not that. */
function statementResults(body, expected) {
    const results = body && typeof body === 'object' ? body.results : undefined;
    if (!Array.isArray(results))
        return {
            ok: false,
            reason: 'query-error',
            detail: `not an InfluxDB query answer (no results array): ${truncate(JSON.stringify(body), 200)}`,
        };
    if (results.length !== expected) {
        // InfluxDB stops at a statement that fails: quote it rather than only count what came back.
        const failed = results.find((r) => !!r && typeof r === 'object' && typeof r.error === 'string');
        if (failed && expected > 1)
            return { ok: false, reason: 'query-error', detail: `InfluxDB: ${failed.error}` };
        return {
            ok: false,
            reason: 'query-error',
            detail: `${results.length} statement results where ${expected === 1 ? 'one query was' : `${expected} (one a step) were`} expected`,
        };
    }
    return results;
}
/** The one number in one statement's result: one series and one value column; the newest row is the value. */
function influxdb_valueOf(statement, at) {
    const malformed = (what) => ({
        ok: false,
        reason: 'query-error',
        detail: `not an InfluxDB query answer (${what}): ${truncate(JSON.stringify(statement), 200)}`,
    });
    const result = statement;
    if (!result || typeof result !== 'object')
        return malformed('a result that is not an object');
    if (typeof result.error === 'string')
        return { ok: false, reason: 'query-error', detail: `InfluxDB: ${result.error}` };
    if (result.series === undefined)
        return {
            ok: false,
            reason: 'empty',
            detail: `no series in the answer as of ${at.toISOString()} (nothing matched)`,
        };
    if (!Array.isArray(result.series))
        return malformed('series is not an array');
    const series = result.series;
    if (series.length === 0)
        return {
            ok: false,
            reason: 'empty',
            detail: `no series in the answer as of ${at.toISOString()} (nothing matched)`,
        };
    if (series.length > 1) {
        const named = series.slice(0, 3).map(seriesName).join(', ');
        return {
            ok: false,
            reason: 'query-error',
            detail: `${series.length} series where one was expected (drop the GROUP BY tag or aggregate them): ${named}${series.length > 3 ? ', ...' : ''}`,
        };
    }
    const only = series[0];
    if (!Array.isArray(only.columns) || !Array.isArray(only.values))
        return malformed('series without columns or values');
    const valueColumns = only.columns.filter((c) => c !== 'time');
    if (valueColumns.length !== 1)
        return {
            ok: false,
            reason: 'query-error',
            detail: `${valueColumns.length} value columns (${valueColumns.join(', ')}) where one was expected: select one field or expression`,
        };
    const column = only.columns.indexOf(valueColumns[0]);
    const rows = only.values;
    const newest = rows.at(-1);
    if (!Array.isArray(newest))
        return rows.length === 0
            ? { ok: false, reason: 'empty', detail: 'the series has no rows' }
            : malformed('a row that is not an array');
    const value = newest[column];
    if (value === null || value === undefined)
        return {
            ok: false,
            reason: 'empty',
            detail: `${String(valueColumns[0])} is null as of ${at.toISOString()} (no points in the window)`,
        };
    if (typeof value !== 'number')
        return {
            ok: false,
            reason: 'query-error',
            detail: `${String(valueColumns[0])} is ${JSON.stringify(value)}, not a number`,
        };
    return { ok: true, value };
}
function seriesName(s) {
    const tags = s.tags && typeof s.tags === 'object' ? Object.entries(s.tags) : [];
    return `${String(s.name)}{${tags.map(([k, v]) => `${k}=${String(v)}`).join(',')}}`;
}
/** The source a plan's `metrics.influxdb` block describes; a named but unset env variable is a ConfigurationError. */
function influxDbSourceFromSettings(settings, options = {}) {
    const { env = process.env, ...rest } = options;
    if ((settings.username_env === undefined) !== (settings.password_env === undefined))
        throw new errors/* ConfigurationError */.j1('metrics.influxdb: username_env and password_env go together (Basic auth needs both)');
    return new InfluxDbSource({
        ...rest,
        url: settings.url,
        database: settings.database,
        ...(settings.retention_policy ? { retentionPolicy: settings.retention_policy } : {}),
        ...(settings.token_env
            ? { token: requiredEnv(env, 'influxdb', 'token_env', settings.token_env, 'the InfluxDB token') }
            : {}),
        ...(settings.username_env && settings.password_env
            ? {
                basicAuth: {
                    username: requiredEnv(env, 'influxdb', 'username_env', settings.username_env, 'the InfluxDB user name'),
                    password: requiredEnv(env, 'influxdb', 'password_env', settings.password_env, 'the InfluxDB password'),
                },
            }
            : {}),
        ...(settings.timeout !== undefined ? { timeoutMs: settings.timeout * 1000 } : {}),
        ...(settings.retries !== undefined ? { retries: settings.retries } : {}),
    });
}
const influxDbFactory = {
    create(settings, options) {
        return influxDbSourceFromSettings({ ...settings, url: options.url || settings.url }, { env: options.env, ...(options.fetch ? { fetch: options.fetch } : {}) });
    },
};

// EXTERNAL MODULE: ./src/config/decimal.ts
var decimal = __webpack_require__(66009);
;// CONCATENATED MODULE: ./src/metrics/prometheus.ts
/**
 * Prometheus HTTP API client (`/api/v1/query`, `/api/v1/query_range`) behind the MetricSource interface.
 *
 * Classification (every problem is `ok:false`, never a throw, never a pass):
 *   empty vector -> 'empty'; NaN / +Inf / -Inf -> 'nan'; more than one series -> 'query-error' (names them);
 *   a range vector or string result -> 'query-error'; HTTP 4xx or a Prometheus `status: error` -> 'query-error';
 *   connection refused / reset / DNS -> 'unreachable'; HTTP 502/503/504 -> 'unreachable';
 *   per-request timeout or Prometheus `errorType: timeout` -> 'timeout'; other HTTP 5xx -> 'query-error'.
 * Retries: connection errors and 5xx are retried (bounded, exponential backoff) because they are usually a
 * restart or a proxy hiccup; 4xx is not (a bad query stays bad), and neither is a timeout (a slow Prometheus
 * should not get more load, and `retries x timeout` would stretch a gate evaluation far past its interval).
 * Credentials: the bearer token and URL user-info go into the Authorization header only; messages name the
 * URL without user-info and query string, and any accidental echo of the token is masked.
 * Redirects are followed only within the configured origin (bounded): an answer from elsewhere is not our
 * Prometheus's, and following it would hand the token to another host. Answers are read up to a size cap
 * (default 16 MiB); a larger one is a 'query-error' naming the cap, never an unbounded buffer.
 *
 * VictoriaMetrics speaks the same API with one difference that changes a gate's answers: unless a request says
 * `nocache=1`, it answers an instant query near "now" as of 30 s earlier (`-search.latencyOffset`) and rounds a
 * range query of 50 points or more to its step. Every request carries `nocache=1` so both servers answer for exactly
 * the asked time; Prometheus ignores the parameter. VictoriaMetrics drops NaN samples from answers, so a 0/0
 * there is 'empty' where Prometheus gives 'nan': unmeasurable either way (docs/metrics/victoriametrics.md).
 */








const MAX_SERIES_NAMED = 3;
const prometheus_DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** VictoriaMetrics: answer for exactly the asked time (no latency offset, no step alignment). */
const EXACT_TIME = { nocache: '1' };
class PrometheusSource {
    displayUrl;
    apiBase;
    requestHeaders;
    transport;
    request;
    constructor(options) {
        const parsed = httpBaseUrl('prometheus', options.url, 'http(s)://host:port');
        this.requestHeaders = { accept: 'application/json', ...(options.headers ?? {}) };
        const user = decodeURIComponent(parsed.username);
        const password = decodeURIComponent(parsed.password);
        if (options.bearerToken) {
            if (user || password) {
                throw new errors/* ConfigurationError */.j1('metrics.prometheus: give either a bearer token or user:password in the URL, not both');
            }
            this.requestHeaders.authorization = `Bearer ${options.bearerToken}`;
            // Known to the run's masker: an answer or an error quoting it is masked wherever it is written.
            (0,masker/* registerSecret */.cl)(options.bearerToken);
        }
        else if (user || password) {
            // fetch() refuses URLs with credentials, so they move to a Basic header.
            this.requestHeaders.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
            if (password)
                (0,masker/* registerSecret */.cl)(password);
        }
        for (const [name, value] of Object.entries(options.headers ?? {}))
            if (/authorization|cookie|token|key|auth|secret/i.test(name))
                (0,masker/* registerSecret */.cl)(value);
        parsed.username = '';
        parsed.password = '';
        parsed.hash = '';
        this.displayUrl = `${parsed.origin}${parsed.pathname === '/' ? '' : parsed.pathname.replace(/\/$/, '')}`;
        this.apiBase = new URL(parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`);
        this.transport = transportOf('PrometheusSource', options, {
            maxResponseBytes: prometheus_DEFAULT_MAX_RESPONSE_BYTES,
        });
        this.request = {
            ...this.transport,
            headers: this.requestHeaders,
            redirects: { within: this.apiBase.origin },
            tooLargeHint: '(narrow the query or its range; no gate judges a truncated answer)',
        };
    }
    describe() {
        return `prometheus ${this.displayUrl}`;
    }
    async instant(q, at) {
        const outcome = await this.call('api/v1/query', {
            query: q.query,
            time: unixSeconds(at),
            ...EXACT_TIME,
        });
        if (!outcome.ok)
            return (0,source/* unmeasurable */.NB)(q, at, outcome.reason, this.message(outcome.detail, q.query));
        const data = outcome.value;
        if (data.resultType === 'scalar')
            return this.fromSample(q, at, data.result, 'scalar');
        if (data.resultType !== 'vector') {
            const kind = data.resultType === 'matrix' ? 'a range vector (matrix)' : `a ${String(data.resultType)}`;
            return (0,source/* unmeasurable */.NB)(q, at, 'query-error', this.message(`expected a scalar or an instant vector, got ${kind}`, q.query));
        }
        const series = Array.isArray(data.result)
            ? data.result
            : [];
        if (series.length === 0) {
            return (0,source/* unmeasurable */.NB)(q, at, 'empty', this.message(`empty vector at ${at.toISOString()} (no series matched)`, q.query));
        }
        if (series.length > 1) {
            return (0,source/* unmeasurable */.NB)(q, at, 'query-error', this.message(tooManySeries(series), q.query));
        }
        return this.fromSample(q, at, series[0].value, `series ${formatLabels(series[0].metric)}`);
    }
    /** A range query for backtests and recordings. Non-finite points are kept (NaN) so callers can see gaps. */
    async range(q, start, end, stepSeconds) {
        if (!(stepSeconds > 0))
            throw new RangeError(`range(): stepSeconds must be > 0, got ${stepSeconds}`);
        const outcome = await this.call('api/v1/query_range', {
            query: q.query,
            start: unixSeconds(start),
            end: unixSeconds(end),
            step: String(stepSeconds),
            ...EXACT_TIME,
        });
        const fail = (reason, detail) => ({
            ok: false,
            reason,
            message: this.message(detail, q.query),
            query: q.query,
        });
        if (!outcome.ok)
            return fail(outcome.reason, outcome.detail);
        const data = outcome.value;
        if (data.resultType !== 'matrix')
            return fail('query-error', `expected a matrix, got ${String(data.resultType)}`);
        const series = Array.isArray(data.result)
            ? data.result
            : [];
        const window = `${start.toISOString()}..${end.toISOString()}`;
        if (series.length === 0)
            return fail('empty', `empty result for ${window} (no series matched)`);
        if (series.length > 1)
            return fail('query-error', tooManySeries(series));
        const values = series[0].values;
        if (!Array.isArray(values))
            return fail('query-error', 'malformed matrix (no values array)');
        const points = [];
        for (const pair of values) {
            if (!Array.isArray(pair) || typeof pair[0] !== 'number' || typeof pair[1] !== 'string') {
                return fail('query-error', `malformed sample ${JSON.stringify(pair)}`);
            }
            points.push([pair[0], parseSampleValue(pair[1])]);
        }
        return { ok: true, points, query: q.query };
    }
    fromSample(q, at, sample, what) {
        if (!Array.isArray(sample) || typeof sample[1] !== 'string') {
            return (0,source/* unmeasurable */.NB)(q, at, 'query-error', this.message(`malformed ${what}: ${JSON.stringify(sample)}`, q.query));
        }
        const value = parseSampleValue(sample[1]);
        if (!Number.isFinite(value)) {
            return (0,source/* unmeasurable */.NB)(q, at, 'nan', this.message(`${what} is ${(0,source/* describeNonFinite */.ei)(value)} at ${at.toISOString()}`, q.query));
        }
        return (0,source/* measured */.jh)(q, at, value);
    }
    call(path, params) {
        const url = new URL(path, this.apiBase);
        for (const [k, v] of Object.entries(params))
            url.searchParams.set(k, v);
        return withRetries(() => this.attempt(url), this.transport);
    }
    /** One request, and what its answer means in Prometheus's API: `status: success` and its `data`, or why not. */
    async attempt(url) {
        const answer = await getAnswer(url, this.request);
        if (!answer.ok)
            return answer;
        const { status, text } = answer.value;
        const body = parseJson(text);
        if (answer.value.ok && body?.status === 'success')
            return { ok: true, value: body.data ?? {} };
        const promError = body && typeof body.error === 'string' ? `: ${body.errorType ?? 'error'}: ${body.error}` : '';
        const said = `HTTP ${status}${promError || (text ? `: ${truncate(text.trim(), 200)}` : '')}`;
        if (answer.value.ok)
            return {
                ok: false,
                reason: 'query-error',
                detail: body ? said : `HTTP 200 but the body is not JSON: ${truncate(text, 200)}`,
            };
        const failure = statusFailure(status, said);
        // Prometheus says when a query ran out of its own time: that is a timeout, not a broken server.
        if (status >= 500 && body?.errorType === 'timeout')
            return { ...failure, reason: 'timeout' };
        if (status === 401 || status === 403)
            failure.detail += ' (check the bearer token / credentials)';
        return failure;
    }
    message(detail, promql) {
        return (0,masker/* maskSecrets */.QU)(`${this.describe()}: ${detail}; query: ${promql}`);
    }
}
/** Reads the token named by `bearer_token_env`; a named but unset variable is a configuration error (fail closed). */
function bearerTokenFromEnv(envName, env = process.env) {
    if (!envName)
        return undefined;
    return requiredEnv(env, 'prometheus', 'bearer_token_env', envName, 'the Prometheus bearer token');
}
function prometheusSourceFromSettings(settings, options = {}) {
    const { env, ...rest } = options;
    return new PrometheusSource({
        ...rest,
        url: settings.url,
        bearerToken: bearerTokenFromEnv(settings.bearer_token_env, env),
        headers: settings.headers,
    });
}
/** The old name of CANARY_METRICS_URL, still honoured for a Prometheus source. */
/**
 * The registry's entry for `metrics.prometheus`. URL precedence: the run-time override (flag, input, or
 * CANARY_METRICS_URL) > env CANARY_PROMETHEUS_URL > `metrics.prometheus.url`. The bearer token comes from the
 * variable the plan names; a named but unset variable is a ConfigurationError (fail closed).
 */
const prometheusFactory = {
    create(settings, options) {
        return prometheusSourceFromSettings({
            url: options.url || options.env[secret_refs/* PROMETHEUS_URL_ENV */.$c] || settings.url,
            bearer_token_env: settings.bearer_token_env,
            headers: settings.headers,
        }, {
            env: options.env,
            ...(options.fetch ? { fetch: options.fetch } : {}),
            ...(settings.timeout !== undefined ? { timeoutMs: settings.timeout * 1000 } : {}),
            ...(settings.retries !== undefined ? { retries: settings.retries } : {}),
        });
    },
};
/** Prometheus encodes sample values as strings, including `NaN`, `+Inf` and `-Inf` (which Number() misreads). */
function parseSampleValue(text) {
    if (text === '+Inf' || text === 'Inf')
        return Infinity;
    if (text === '-Inf')
        return -Infinity;
    if (text === 'NaN')
        return NaN;
    // Decimal only: `Number('0x10')` is 16, and Prometheus never sends hexadecimal.
    return (0,decimal/* parseDecimal */.$)(text);
}
function tooManySeries(series) {
    const named = series.slice(0, MAX_SERIES_NAMED).map((s) => formatLabels(s.metric));
    const more = series.length > MAX_SERIES_NAMED ? `, and ${series.length - MAX_SERIES_NAMED} more` : '';
    return `${series.length} series where one was expected (aggregate them, e.g. sum/min/max): ${named.join(', ')}${more}`;
}
function formatLabels(labels) {
    const entries = Object.entries(labels ?? {});
    const name = labels?.__name__ ?? '';
    const rest = entries.filter(([k]) => k !== '__name__').map(([k, v]) => `${k}="${v}"`);
    return `${name}{${rest.join(',')}}`;
}
function unixSeconds(d) {
    if (Number.isNaN(d.getTime()))
        throw new RangeError('PrometheusSource: invalid Date');
    return (d.getTime() / 1000).toFixed(3);
}

;// CONCATENATED MODULE: ./src/metrics/web.ts
/**
 * The `web` metric source (as Argo Rollouts' `web` provider): any HTTP(S) endpoint answering JSON. A metric's
 * query is a URL template, relative to `metrics.web.url` (or absolute on its origin), followed by an optional
 * selector: `/api/latency?track={{track}}&at={{time}} $.data.value`. `{{track}}` is rendered by the gate,
 * `{{time}}` here (the instant read, Unix seconds); the selector defaults to `metrics.web.select`.
 *
 * Selectors are a small JSONPath subset: `$`, then `.name`, `['name']` and `[n]` (negative n counts from the end),
 * e.g. `$.series[0].points[-1][1]`. The value must be a finite number, or a decimal number as a string.
 *
 * Never throws for a data problem; each is `ok: false` with a reason: connection refused or HTTP 502/503/504 ->
 * 'unreachable'; no answer within the timeout -> 'timeout'; another HTTP error, a body that is not JSON, an answer
 * over the size cap, a selector that does not parse, a value that is not a number, a redirect off the origin ->
 * 'query-error'; nothing at the selector's path -> 'empty'; `null` there -> 'no-data'; NaN/Inf -> 'nan'.
 * Requests carry the token (from the variable `token_env` names) only to the configured origin: a query URL or a
 * redirect to another origin is refused, never followed.
 */







const DEFAULT_SELECT = '$.value';
const web_DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
class WebSource {
    base;
    displayUrl;
    select;
    request;
    constructor(options) {
        const base = httpBaseUrl('web', options.url, 'http(s)://host/...');
        refuseUrlCredentials('web', base, 'metrics.web.token_env');
        const select = options.select ?? DEFAULT_SELECT;
        if (typeof parseSelector(select) === 'string')
            throw new errors/* ConfigurationError */.j1(`metrics.web.select: ${parseSelector(select)}`);
        this.base = new URL(base.href.endsWith('/') ? base.href : `${base.href}/`);
        this.displayUrl = `${base.origin}${base.pathname === '/' ? '' : base.pathname.replace(/\/$/, '')}`;
        this.select = select;
        const headers = { accept: 'application/json', ...(options.headers ?? {}) };
        if (options.bearerToken) {
            headers.authorization = `Bearer ${options.bearerToken}`;
            (0,masker/* registerSecret */.cl)(options.bearerToken);
        }
        for (const [name, value] of Object.entries(options.headers ?? {}))
            if (/authorization|cookie|token|key|auth|secret/i.test(name))
                (0,masker/* registerSecret */.cl)(value);
        // Not retried (a transport of no retries): an endpoint of unknown kind is not asked again within a read.
        const transport = transportOf('WebSource', { ...options, retries: 0 }, {
            maxResponseBytes: web_DEFAULT_MAX_RESPONSE_BYTES,
        });
        this.request = { ...transport, headers, redirects: { within: this.base.origin }, tooLargeHint: '' };
    }
    describe() {
        return `web ${this.displayUrl}`;
    }
    async instant(q, at) {
        const fail = (reason, detail) => (0,source/* unmeasurable */.NB)(q, at, reason, (0,masker/* maskSecrets */.QU)(`${this.describe()}: ${detail}; query: ${q.query}`));
        const { target, selector } = splitQuery((0,source/* renderTime */.sZ)(q.query, at), this.select);
        const steps = parseSelector(selector);
        if (typeof steps === 'string')
            return fail('query-error', `selector ${selector}: ${steps}`);
        let url;
        try {
            url = new URL(target.replace(/^\//, ''), this.base);
        }
        catch {
            return fail('query-error', `"${target}" is not a URL or a path`);
        }
        if (url.origin !== this.base.origin)
            return fail('query-error', `${url.origin} is not the origin of metrics.web.url (${this.base.origin}); queries are read there only`);
        const outcome = await this.get(url);
        if (!outcome.ok)
            return fail(outcome.reason, outcome.detail);
        const found = pick(outcome.value, steps);
        if (!found.ok)
            return fail('empty', `nothing at ${selector} (${found.missing}) in the answer`);
        const value = found.value;
        if (value === null)
            return fail('no-data', `${selector} is null at ${at.toISOString()}`);
        const number = typeof value === 'number' ? value : typeof value === 'string' ? numberOf(value) : undefined;
        if (number === undefined)
            return fail('query-error', `${selector} is ${truncate(JSON.stringify(value), 80)}, not a number`);
        if (!Number.isFinite(number))
            return fail('nan', `${selector} is ${(0,source/* describeNonFinite */.ei)(number)} at ${at.toISOString()}`);
        return (0,source/* measured */.jh)(q, at, number);
    }
    /** One request, and what its answer means here: any 2xx JSON body. */
    async get(url) {
        const answer = await getAnswer(url, this.request);
        if (!answer.ok)
            return answer;
        const { status, text } = answer.value;
        if (!answer.value.ok) {
            const hint = status === 401 || status === 403 ? ' (check metrics.web.token_env)' : '';
            return statusFailure(status, `HTTP ${status}${hint}: ${truncate(text.trim(), 200)}`);
        }
        const body = parseJson(text);
        if (body === undefined)
            return {
                ok: false,
                reason: 'query-error',
                detail: `HTTP ${status} but the body is not JSON: ${truncate(text, 200)}`,
            };
        return { ok: true, value: body };
    }
}
/** The registry's entry for `metrics.web`; the run-time URL override replaces `metrics.web.url`. */
const webFactory = {
    create(settings, options) {
        const token = settings.token_env
            ? requiredEnv(options.env, 'web', 'token_env', settings.token_env, "the endpoint's bearer token")
            : undefined;
        return new WebSource({
            url: options.url || settings.url,
            ...(settings.select ? { select: settings.select } : {}),
            ...(settings.headers ? { headers: settings.headers } : {}),
            ...(token ? { bearerToken: token } : {}),
            ...(settings.timeout !== undefined ? { timeoutMs: settings.timeout * 1000 } : {}),
            ...(options.fetch ? { fetch: options.fetch } : {}),
        });
    },
};
/** `<url> <selector>`: a URL has no raw whitespace, so the last whitespace-separated `$...` word is the selector. */
function splitQuery(query, defaultSelect) {
    const m = /^(\S+)\s+(\$\S*)\s*$/.exec(query.trim());
    return m ? { target: m[1], selector: m[2] } : { target: query.trim(), selector: defaultSelect };
}
/** `$.a['b'][0][-1]` as steps, or why it does not parse. */
function parseSelector(selector) {
    if (!selector.startsWith('$'))
        return 'expected a selector starting with $, such as $.data.value';
    const steps = [];
    const token = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(-?\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
    token.lastIndex = 1;
    while (token.lastIndex < selector.length) {
        const at = token.lastIndex;
        const m = token.exec(selector);
        if (!m)
            return `cannot read "${selector.slice(at)}" (expected .name, ['name'] or [index])`;
        steps.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3] ?? m[4]));
    }
    return steps;
}
function pick(body, steps) {
    let node = body;
    let path = '$';
    for (const step of steps) {
        if (typeof step === 'number') {
            if (!Array.isArray(node))
                return { ok: false, missing: `${path} is not a list` };
            const index = step < 0 ? node.length + step : step;
            if (index < 0 || index >= node.length)
                return { ok: false, missing: `${path} has ${node.length} items` };
            node = node[index];
            path += `[${step}]`;
        }
        else {
            if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, step))
                return { ok: false, missing: `${path} has no key ${step}` };
            node = node[step];
            path += `.${step}`;
        }
    }
    return { ok: true, value: node };
}
function numberOf(text) {
    const t = text.trim();
    if (t === 'NaN')
        return NaN;
    if (t === '+Inf' || t === 'Inf' || t === 'Infinity')
        return Infinity;
    if (t === '-Inf' || t === '-Infinity')
        return -Infinity;
    const n = (0,decimal/* parseDecimal */.$)(t);
    return Number.isNaN(n) ? undefined : n;
}

;// CONCATENATED MODULE: ./src/metrics/registry.ts
/**
 * `createMetricSource(plan.metrics, options)`: the one metric source the plan configures, built by the factory its
 * key names. Every entry that reads metrics (stage-gate, gate, backtest, preflight) builds its source here.
 *
 * METRIC_SOURCES is a Record over every key of METRIC_SOURCE_CONFIGS (config/schema.ts), so a source added to the
 * plan language does not compile until it has a factory here; see docs/extending.md.
 */






const METRIC_SOURCES = {
    prometheus: prometheusFactory,
    influxdb: influxDbFactory,
    datadog: datadogFactory,
    web: webFactory,
};

/** The kind of source `metrics:` declares; a ConfigurationError when it declares none or several. */
function metricSourceKind(metrics) {
    const choice = (0,config/* chosenKind */.FA)(metrics, config/* METRIC_SOURCE_KINDS */.N3, 'source');
    if (!choice.ok)
        throw new config/* ConfigurationError */.j1(`metrics: ${choice.problem}`);
    return choice.kind;
}
function createMetricSource(metrics, options = {}) {
    const env = options.env ?? process.env;
    const url = options.url || env[secret_refs/* METRICS_URL_ENV */.WK] || undefined;
    return build(metricSourceKind(metrics), metrics, {
        env,
        ...(url ? { url } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
    });
}
function build(kind, metrics, options) {
    return METRIC_SOURCES[kind].create(metrics[kind], options);
}


/***/ }),

/***/ 7612:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ek: () => (/* binding */ TIME_PLACEHOLDER),
/* harmony export */   LP: () => (/* binding */ rangeSteps),
/* harmony export */   NB: () => (/* binding */ unmeasurable),
/* harmony export */   ei: () => (/* binding */ describeNonFinite),
/* harmony export */   gJ: () => (/* binding */ unmeasurableRange),
/* harmony export */   jh: () => (/* binding */ measured),
/* harmony export */   sZ: () => (/* binding */ renderTime)
/* harmony export */ });
function measured(q, at, value) {
    return { ok: true, value, at, query: q.query };
}
function unmeasurable(q, at, reason, message) {
    return { ok: false, reason, message, at, query: q.query };
}
function unmeasurableRange(q, reason, message) {
    return { ok: false, reason, message, query: q.query };
}
/**
 * The instants start, start + step, ... <= end that a range read answers. A step that is not > 0 or an invalid
 * Date is the caller's mistake, not a data problem: a RangeError.
 */
function rangeSteps(start, end, stepSeconds) {
    if (!(stepSeconds > 0))
        throw new RangeError(`range(): stepSeconds must be > 0, got ${stepSeconds}`);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()))
        throw new RangeError('range(): invalid Date');
    const steps = [];
    for (let t = start.getTime(); t <= end.getTime(); t += stepSeconds * 1000)
        steps.push(new Date(t));
    return steps;
}
/**
 * `{{time}}` in a metric query: the instant being read, which only the source knows when it reads. The gate renders
 * every other placeholder and leaves this one in place (as TIME_PLACEHOLDER); a source that reads by URL renders
 * it with renderTime.
 */
const TIME_PLACEHOLDER = '{{time}}';
const TIME = /\{\{\s*time\s*\}\}/g;
/** The query with `{{time}}` as Unix seconds (whole seconds when the instant has no fraction). */
function renderTime(query, at) {
    const seconds = at.getTime() / 1000;
    return query.replace(TIME, Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(3));
}
/** `NaN`, `+Inf`, `-Inf` as a word for messages; a finite number as itself. */
function describeNonFinite(value) {
    if (Number.isNaN(value))
        return 'NaN';
    if (value === Infinity)
        return '+Inf';
    if (value === -Infinity)
        return '-Inf';
    return String(value);
}


/***/ }),

/***/ 37589:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jl: () => (/* binding */ finishDeployment),
  b3: () => (/* binding */ readSignoff),
  i4: () => (/* binding */ startDeployment)
});

// UNUSED EXPORTS: statusDescription

// EXTERNAL MODULE: ./src/config/index.ts + 8 modules
var config = __webpack_require__(96319);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
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
var api = __webpack_require__(43608);
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
