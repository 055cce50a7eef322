/**
 * The evidence a freeze leaves: `freeze_window_start.txt` / `freeze_window_end.txt` rendered from the
 * templates, and the state file, committed together so the branch never shows one without the other.
 */
import type { EvidenceChange } from '../evidence/push.js';
import { pushEvidence, evidenceCommitMessage } from '../evidence/push.js';
import { renderEvidence, type TemplateSource } from '../evidence/render.js';
import { FREEZE_STATE_PATH, serializeFreezeState, type FreezeState } from './state.js';

export interface EvidenceFile {
  path: string;
  content: string;
}

export interface FreezeEvidenceWriter {
  /** Commits the files in one commit; `changed` is false when the branch already held exactly them. */
  write(files: EvidenceFile[], message: string): Promise<{ changed: boolean; commit: string }>;
  readonly target: string;
}

/** Pushes with real git to the evidence remote (see src/evidence/push.ts). */
export function gitEvidenceWriter(options: {
  remote: string;
  branch: string;
  token?: string;
  cwd?: string;
  log?: (line: string) => void;
}): FreezeEvidenceWriter {
  return {
    target: `${options.branch} on ${options.remote.replace(/\/\/[^@/]*@/, '//')}`,
    async write(files, message) {
      const changes: EvidenceChange[] = files.map((f) => ({ path: f.path, content: f.content }));
      const result = await pushEvidence({
        remote: options.remote,
        branch: options.branch,
        files: changes,
        message,
        ...(options.token ? { token: options.token } : {}),
        ...(options.cwd ? { cwd: options.cwd } : {}),
        ...(options.log ? { log: options.log } : {}),
      });
      return { changed: result.changed, commit: result.commit };
    },
  };
}

export function stateFile(state: FreezeState): EvidenceFile {
  return { path: FREEZE_STATE_PATH, content: serializeFreezeState(state) };
}

export interface FreezeEvidenceContext {
  templates: TemplateSource;
  evidenceDir: string;
  service: string;
  runUrl: string;
}

export function freezeStartEvidence(
  state: FreezeState,
  held: { number: number; title: string }[],
  allowedChanges: string[],
  nextWindow: string,
  ctx: FreezeEvidenceContext,
): EvidenceFile {
  const rendered = renderEvidence(
    'freeze_window_start',
    {
      version: state.version,
      release: state.release,
      service: ctx.service,
      // The freeze's own start time: a re-run renders the same bytes and commits nothing.
      timestamp: state.started_at.replace(/\.\d+Z$/, 'Z'),
      prs_on_hold: held.length,
      pull_requests: held,
      next_window: nextWindow,
      allowed: allowedChanges,
      ...(ctx.runUrl ? { run_url: ctx.runUrl } : {}),
    },
    { clock: { now: () => new Date(state.started_at) }, templates: ctx.templates, dir: ctx.evidenceDir },
  );
  return { path: rendered.path, content: rendered.content };
}

export function freezeEndEvidence(state: FreezeState, ctx: FreezeEvidenceContext): EvidenceFile {
  if (!state.ended_at || state.released === null)
    throw new Error('freezeEndEvidence: the state has not ended');
  const rendered = renderEvidence(
    'freeze_window_end',
    {
      version: state.version,
      release: state.release,
      timestamp: state.ended_at.replace(/\.\d+Z$/, 'Z'),
      duration: formatDuration(Date.parse(state.ended_at) - Date.parse(state.started_at)),
      prs_released: state.released,
      status: 'Normal operations resumed',
      ...(ctx.runUrl ? { run_url: ctx.runUrl } : {}),
    },
    { clock: { now: () => new Date(state.ended_at!) }, templates: ctx.templates, dir: ctx.evidenceDir },
  );
  return { path: rendered.path, content: rendered.content };
}

/** `26h 4m`, `45m`, `12s`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

export { evidenceCommitMessage };
