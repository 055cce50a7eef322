/**
 * Evidence files rendered from logic-less mustache templates. Built-in templates live in `evidence-templates/`;
 * a plan's `evidence.templates` folder overrides any of them by file name. Rendering is pure: the same view and
 * the same clock give the same bytes, and every timestamp comes from the clock passed in.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';
import { ConfigurationError } from '../config/index.js';
import { maskSecrets } from '../secrets/masker.js';
import type { Clock } from '../platform/clock.js';

export type EvidenceMode = 'write' | 'append';

export type EvidenceView = Record<string, unknown>;

interface KindSpec {
  template: string;
  mode: EvidenceMode;
  /** Keys the caller must supply (beyond the ones render adds). */
  required: string[];
  fileName(view: EvidenceView): string;
}

export const EVIDENCE_KINDS = {
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
} satisfies Record<string, KindSpec>;

export type EvidenceKind = keyof typeof EVIDENCE_KINDS;
export const EVIDENCE_KIND_NAMES = Object.keys(EVIDENCE_KINDS) as EvidenceKind[];

/** Returns a template's text by file name (e.g. `warroom_log.txt.mustache`). */
export type TemplateSource = (templateFile: string) => string;

export interface RenderedEvidence {
  kind: EvidenceKind;
  /** Path from the repository root, e.g. `evidence/1.4.0/rollout_stage_5.txt`. */
  path: string;
  content: string;
  /** `append` files (war-room log, timeline) are added to, never overwritten. */
  mode: EvidenceMode;
}

const TEMPLATE_MARKER = 'warroom_log.txt.mustache';

/**
 * The built-in `evidence-templates/` folder, found by walking up from this module (source tree, compiled lib or
 * an action's bundled dist/ all sit below the package root).
 */
export function findBuiltInTemplatesDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'evidence-templates');
    if (existsSync(path.join(candidate, TEMPLATE_MARKER))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`evidence-templates/ not found above ${from}; pass builtInDir explicitly`);
}

/**
 * Reads a template from the override folder when it has one by that name, else from the built-in folder.
 * An override folder that does not exist is a configuration error, not a silent fallback.
 */
export function createTemplateSource(
  options: { overrideDir?: string; builtInDir?: string } = {},
): TemplateSource {
  const builtInDir = options.builtInDir ?? findBuiltInTemplatesDir();
  const overrideDir = options.overrideDir;
  if (overrideDir !== undefined && !(existsSync(overrideDir) && statSync(overrideDir).isDirectory())) {
    throw new ConfigurationError(
      `evidence.templates: ${overrideDir} is not a directory (expected a folder of *.mustache templates)`,
    );
  }
  return (templateFile) => {
    if (overrideDir) {
      const override = path.join(overrideDir, templateFile);
      if (existsSync(override)) return readFileSync(override, 'utf8');
    }
    const builtIn = path.join(builtInDir, templateFile);
    if (!existsSync(builtIn)) throw new Error(`evidence template ${templateFile} not found in ${builtInDir}`);
    return readFileSync(builtIn, 'utf8');
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2026-05-16T21:15:00Z` (UTC, whole seconds, like `date -u +%FT%TZ` in the runbooks). */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** `20260516_211500` (UTC), the runbooks' `date +%Y%m%d_%H%M%S` suffix. */
export function compactTimestamp(date: Date): string {
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}_` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}

function lookup(view: EvidenceView, dotted: string): unknown {
  if (dotted === '.') return view;
  let value: unknown = view;
  for (const part of dotted.split('.')) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * Mustache renders a missing variable as an empty string; in evidence that is a silently wrong file. Every
 * variable at the top level of a template (outside sections, where the context is the view itself) must exist.
 */
function missingTopLevelNames(template: string, view: EvidenceView): string[] {
  const missing: string[] = [];
  for (const token of Mustache.parse(template)) {
    const [type, name] = token as unknown as [string, string];
    if (
      (type === 'name' || type === '&') &&
      (lookup(view, name) === undefined || lookup(view, name) === null)
    ) {
      missing.push(name);
    }
  }
  return missing;
}

export interface RenderOptions {
  clock: Pick<Clock, 'now'>;
  templates: TemplateSource;
  /** The rendered evidence folder, e.g. `evidence/1.4.0`. */
  dir: string;
}

/**
 * Renders one evidence file. The view gets `timestamp` (ISO, seconds), `timestamp_compact`, `release`
 * (`v<version>` unless given) and `run_url` (a "local run" note when absent) on top of what the caller passes.
 */
export function renderEvidence(
  kind: EvidenceKind,
  input: EvidenceView,
  options: RenderOptions,
): RenderedEvidence {
  const spec: KindSpec = EVIDENCE_KINDS[kind];
  if (!spec) {
    throw new ConfigurationError(
      `evidence kind "${String(kind)}" is unknown (expected one of ${EVIDENCE_KIND_NAMES.join(', ')})`,
    );
  }
  const now = options.clock.now();
  const version = input.version;
  if (typeof version !== 'string' && typeof version !== 'number') {
    throw new ConfigurationError(`evidence ${kind}: view.version is required (the release version)`);
  }
  const view: EvidenceView = {
    timestamp: isoSeconds(now),
    timestamp_compact: compactTimestamp(now),
    release: `v${String(version).replace(/^v/, '')}`,
    run_url: 'local run (no GitHub run URL)',
    ...input,
  };
  const missingRequired = spec.required.filter((key) => view[key] === undefined || view[key] === null);
  if (missingRequired.length > 0) {
    throw new ConfigurationError(
      `evidence ${kind}: missing ${missingRequired.map((k) => `view.${k}`).join(', ')}`,
      missingRequired.map((k) => ({ path: `view.${k}`, message: 'required' })),
    );
  }
  const template = options.templates(spec.template);
  const missing = missingTopLevelNames(template, view);
  if (missing.length > 0) {
    throw new ConfigurationError(
      `evidence ${kind}: template ${spec.template} uses ${missing.map((m) => `{{${m}}}`).join(', ')} but the view has no value for it`,
    );
  }
  // Evidence is plain text and markdown: HTML escaping would turn `p95<200ms` into `p95&lt;200ms`.
  const content = Mustache.render(template, view, {}, { escape: (value: unknown) => String(value) });
  const dir = options.dir.replace(/\/+$/, '');
  // Masked where it is made, so any digest taken of it later is the digest of what lands on the branch.
  return { kind, path: `${dir}/${spec.fileName(view)}`, content: maskSecrets(content), mode: spec.mode };
}
