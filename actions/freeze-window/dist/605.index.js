export const id = 605;
export const ids = [605];
export const modules = {

/***/ 3605:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EVIDENCE_KINDS: () => (/* binding */ EVIDENCE_KINDS),
/* harmony export */   EVIDENCE_KIND_NAMES: () => (/* binding */ EVIDENCE_KIND_NAMES),
/* harmony export */   compactTimestamp: () => (/* binding */ compactTimestamp),
/* harmony export */   createTemplateSource: () => (/* binding */ createTemplateSource),
/* harmony export */   findBuiltInTemplatesDir: () => (/* binding */ findBuiltInTemplatesDir),
/* harmony export */   isoSeconds: () => (/* binding */ isoSeconds),
/* harmony export */   renderEvidence: () => (/* binding */ renderEvidence)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var mustache__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(562);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6294);
/* harmony import */ var _secrets_masker_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2490);
/**
 * Evidence files rendered from logic-less mustache templates. Built-in templates live in `evidence-templates/`;
 * a plan's `evidence.templates` folder overrides any of them by file name. Rendering is pure: the same view and
 * the same clock give the same bytes, and every timestamp comes from the clock passed in.
 */






const EVIDENCE_KINDS = {
    freeze_window_start: {
        template: 'freeze_window_start.txt.mustache',
        mode: 'write',
        required: ['prs_on_hold', 'next_window'],
        fileName: () => 'freeze_window_start.txt',
    },
    preflight: {
        template: 'preflight.txt.mustache',
        mode: 'write',
        required: ['checks', 'passed', 'total', 'verdict'],
        fileName: () => 'preflight.txt',
    },
    rollout_stage: {
        template: 'rollout_stage.txt.mustache',
        mode: 'write',
        required: ['stage_number', 'stage_name', 'weight', 'decision', 'reason', 'guardrails'],
        fileName: (v) => `rollout_stage_${String(v.weight)}.txt`,
    },
    summary_stage: {
        template: 'summary_stage.txt.mustache',
        mode: 'write',
        required: [
            'stage_number',
            'stage_name',
            'weight',
            'started',
            'ended',
            'evaluations',
            'passed',
            'total',
            'decision',
            'reason',
        ],
        fileName: (v) => `summary_stage_${String(v.stage_number)}.txt`,
    },
    warroom_log: {
        template: 'warroom_log.txt.mustache',
        mode: 'append',
        required: ['minute', 'stage_number', 'weight', 'metrics', 'passed', 'total', 'verdict', 'ic'],
        fileName: () => 'warroom_log.txt',
    },
    canary_timeline: {
        template: 'canary_timeline.txt.mustache',
        mode: 'append',
        required: ['label'],
        fileName: () => 'canary_timeline.txt',
    },
    rollback: {
        template: 'rollback.txt.mustache',
        mode: 'write',
        required: ['stage', 'reason', 'triggered_by', 'traffic'],
        fileName: (v) => `rollback_${String(v.timestamp_compact)}.txt`,
    },
    canary_success: {
        template: 'canary_success.txt.mustache',
        mode: 'write',
        required: ['started', 'duration', 'stages_passed', 'stages_total', 'rollbacks', 'evidence_dir'],
        fileName: (v) => `canary_success_${String(v.timestamp_compact)}.txt`,
    },
    mini_rca: {
        template: 'mini_rca.md.mustache',
        mode: 'write',
        required: [
            'outcome',
            'owners',
            'went_well',
            'improvements',
            'observations',
            'risks',
            'timeline',
            'stages_table',
        ],
        fileName: (v) => `mini_rca_${String(v.version)}.md`,
    },
    release_oneliner: {
        template: 'release_oneliner.txt.mustache',
        mode: 'write',
        required: ['service', 'outcome', 'stages', 'duration', 'rollbacks'],
        fileName: () => 'release_oneliner.txt',
    },
    freeze_window_end: {
        template: 'freeze_window_end.txt.mustache',
        mode: 'write',
        required: ['duration', 'prs_released', 'status'],
        fileName: () => 'freeze_window_end.txt',
    },
};
const EVIDENCE_KIND_NAMES = Object.keys(EVIDENCE_KINDS);
const TEMPLATE_MARKER = 'warroom_log.txt.mustache';
/**
 * The built-in `evidence-templates/` folder, found by walking up from this module (source tree, compiled lib or
 * an action's bundled dist/ all sit below the package root).
 */
function findBuiltInTemplatesDir(from = (0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(import.meta.url)) {
    let dir = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(from);
    for (let i = 0; i < 8; i++) {
        const candidate = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'evidence-templates');
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(candidate, TEMPLATE_MARKER)))
            return candidate;
        const parent = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(dir);
        if (parent === dir)
            break;
        dir = parent;
    }
    throw new Error(`evidence-templates/ not found above ${from}; pass builtInDir explicitly`);
}
/**
 * Reads a template from the override folder when it has one by that name, else from the built-in folder.
 * An override folder that does not exist is a configuration error, not a silent fallback.
 */
function createTemplateSource(options = {}) {
    const builtInDir = options.builtInDir ?? findBuiltInTemplatesDir();
    const overrideDir = options.overrideDir;
    if (overrideDir !== undefined && !((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(overrideDir) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(overrideDir).isDirectory())) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`evidence.templates: ${overrideDir} is not a directory (expected a folder of *.mustache templates)`);
    }
    return (templateFile) => {
        if (overrideDir) {
            const override = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(overrideDir, templateFile);
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(override))
                return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(override, 'utf8');
        }
        const builtIn = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(builtInDir, templateFile);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(builtIn))
            throw new Error(`evidence template ${templateFile} not found in ${builtInDir}`);
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(builtIn, 'utf8');
    };
}
function pad(n, width = 2) {
    return String(n).padStart(width, '0');
}
/** `2026-05-16T21:15:00Z` (UTC, whole seconds, like `date -u +%FT%TZ` in the runbooks). */
function isoSeconds(date) {
    return `${date.toISOString().slice(0, 19)}Z`;
}
/** `20260516_211500` (UTC), the runbooks' `date +%Y%m%d_%H%M%S` suffix. */
function compactTimestamp(date) {
    return (`${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}_` +
        `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`);
}
function lookup(view, dotted) {
    if (dotted === '.')
        return view;
    let value = view;
    for (const part of dotted.split('.')) {
        if (value === null || value === undefined)
            return undefined;
        value = value[part];
    }
    return value;
}
/**
 * Mustache renders a missing variable as an empty string; in evidence that is a silently wrong file. Every
 * variable at the top level of a template (outside sections, where the context is the view itself) must exist.
 */
function missingTopLevelNames(template, view) {
    const missing = [];
    for (const token of mustache__WEBPACK_IMPORTED_MODULE_3__/* ["default"] */ .A.parse(template)) {
        const [type, name] = token;
        if ((type === 'name' || type === '&') &&
            (lookup(view, name) === undefined || lookup(view, name) === null)) {
            missing.push(name);
        }
    }
    return missing;
}
/**
 * Renders one evidence file. The view gets `timestamp` (ISO, seconds), `timestamp_compact`, `release`
 * (`v<version>` unless given) and `run_url` (a "local run" note when absent) on top of what the caller passes.
 */
function renderEvidence(kind, input, options) {
    const spec = EVIDENCE_KINDS[kind];
    if (!spec) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`evidence kind "${String(kind)}" is unknown (expected one of ${EVIDENCE_KIND_NAMES.join(', ')})`);
    }
    const now = options.clock.now();
    const version = input.version;
    if (typeof version !== 'string' && typeof version !== 'number') {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`evidence ${kind}: view.version is required (the release version)`);
    }
    const view = {
        timestamp: isoSeconds(now),
        timestamp_compact: compactTimestamp(now),
        release: `v${String(version).replace(/^v/, '')}`,
        run_url: 'local run (no GitHub run URL)',
        ...input,
    };
    const missingRequired = spec.required.filter((key) => view[key] === undefined || view[key] === null);
    if (missingRequired.length > 0) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`evidence ${kind}: missing ${missingRequired.map((k) => `view.${k}`).join(', ')}`, missingRequired.map((k) => ({ path: `view.${k}`, message: 'required' })));
    }
    const template = options.templates(spec.template);
    const missing = missingTopLevelNames(template, view);
    if (missing.length > 0) {
        throw new _config_index_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`evidence ${kind}: template ${spec.template} uses ${missing.map((m) => `{{${m}}}`).join(', ')} but the view has no value for it`);
    }
    // Evidence is plain text and markdown: HTML escaping would turn `p95<200ms` into `p95&lt;200ms`.
    const content = mustache__WEBPACK_IMPORTED_MODULE_3__/* ["default"] */ .A.render(template, view, {}, { escape: (value) => String(value) });
    const dir = options.dir.replace(/\/+$/, '');
    // Masked where it is made, so any digest taken of it later is the digest of what lands on the branch.
    return { kind, path: `${dir}/${spec.fileName(view)}`, content: (0,_secrets_masker_js__WEBPACK_IMPORTED_MODULE_5__/* .maskSecrets */ .QU)(content), mode: spec.mode };
}


/***/ })

};
