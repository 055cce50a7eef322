/**
 * The converging operations on one pull request: make sure it carries (or does not carry) the freeze label,
 * make sure its head commit shows the wanted freeze status, comment once. Each reads before it writes, so a
 * re-run writes nothing, and each write goes through the client's write gate and the pacer.
 */
import { createComment, listComments } from '../github/api/comments.js';
import { addLabels, removeLabel } from '../github/api/labels.js';
import { getPull, listOpenPulls, listPullFiles, type Pull, type PullSummary } from '../github/api/pulls.js';
import { createCommitStatus, getCombinedStatus } from '../github/api/statuses.js';
import type { WriteResult } from '../github/write-gate.js';
import { hasLabel, MAX_LISTED_FILES, type ChangedFile, type FreezePull } from './classify.js';
import { statusDescription, type FreezeRunContext, type FreezeWrite } from './run-context.js';

export function toFreezePull(pull: PullSummary | Pull): FreezePull {
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
export async function listOpenFreezePulls(ctx: FreezeRunContext): Promise<FreezePull[]> {
  const pulls: FreezePull[] = [];
  for await (const pull of listOpenPulls(ctx.github, ctx.repo)) pulls.push(toFreezePull(pull));
  return pulls;
}

export async function fetchFreezePull(ctx: FreezeRunContext, number: number): Promise<FreezePull> {
  return toFreezePull(await getPull(ctx.github, ctx.repo, number));
}

export async function fetchChangedFiles(ctx: FreezeRunContext, number: number): Promise<ChangedFile[]> {
  const files: ChangedFile[] = [];
  for await (const f of listPullFiles(ctx.github, ctx.repo, number)) {
    files.push({
      filename: f.filename,
      ...(f.previous_filename ? { previousFilename: f.previous_filename } : {}),
    });
    if (files.length >= MAX_LISTED_FILES) break;
  }
  return files;
}

export function isFrozenBase(ctx: FreezeRunContext, base: string): boolean {
  return ctx.freeze.base_branches.includes(base);
}

function record<T>(
  writes: FreezeWrite[],
  entry: Omit<FreezeWrite, 'performed' | 'request'>,
  result: WriteResult<T>,
): void {
  writes.push({
    ...entry,
    performed: result.performed,
    ...(result.performed ? {} : { request: result.wouldWrite.request }),
  });
}

export async function ensureLabel(
  ctx: FreezeRunContext,
  pull: FreezePull,
  writes: FreezeWrite[],
): Promise<boolean> {
  if (hasLabel(pull.labels, ctx.freeze.label)) return false;
  const result = await ctx.pacer.run(() => addLabels(ctx.github, ctx.repo, pull.number, [ctx.freeze.label]));
  record(writes, { pull: pull.number, kind: 'label', detail: `add label ${ctx.freeze.label}` }, result);
  pull.labels = [...pull.labels, ctx.freeze.label];
  return true;
}

export async function ensureNoLabel(
  ctx: FreezeRunContext,
  pull: FreezePull,
  writes: FreezeWrite[],
): Promise<boolean> {
  if (!hasLabel(pull.labels, ctx.freeze.label)) return false;
  // A 404 (someone removed it meanwhile) is success: the API function reports it as removed.
  const result = await ctx.pacer.run(() => removeLabel(ctx.github, ctx.repo, pull.number, ctx.freeze.label));
  record(writes, { pull: pull.number, kind: 'unlabel', detail: `remove label ${ctx.freeze.label}` }, result);
  pull.labels = pull.labels.filter((l) => !hasLabel([l], ctx.freeze.label));
  return true;
}

export interface CurrentStatus {
  state: 'error' | 'failure' | 'pending' | 'success';
  description: string | null;
}

/** The latest status of the freeze context on a commit, or null when it has none. */
export async function currentFreezeStatus(ctx: FreezeRunContext, sha: string): Promise<CurrentStatus | null> {
  return (await currentStatuses(ctx, sha, [ctx.freeze.status_check]))[0]!;
}

/** The latest status of each of `contexts` on a commit (null where it has none), from one read. */
export async function currentStatuses(
  ctx: FreezeRunContext,
  sha: string,
  contexts: readonly string[],
): Promise<(CurrentStatus | null)[]> {
  const combined = await getCombinedStatus(ctx.github, ctx.repo, sha);
  return contexts.map((context) => {
    const found = combined.statuses.find((s) => s.context === context);
    return found
      ? { state: found.state as CurrentStatus['state'], description: found.description ?? null }
      : null;
  });
}

export interface WantedStatus {
  state: 'failure' | 'success';
  description: string;
}

/**
 * Sets the freeze status on `sha` unless it already shows exactly that. `known` skips the read when the
 * caller already knows the current status (null: known to have none).
 */
export async function ensureStatus(
  ctx: FreezeRunContext,
  pull: number | null,
  sha: string,
  wanted: WantedStatus,
  writes: FreezeWrite[],
  known?: CurrentStatus | null,
): Promise<boolean> {
  const description = statusDescription(wanted.description);
  const current = known === undefined ? await currentFreezeStatus(ctx, sha) : known;
  if (current && current.state === wanted.state && current.description === description) return false;
  const result = await ctx.pacer.run(() =>
    createCommitStatus(ctx.github, ctx.repo, {
      sha,
      state: wanted.state,
      context: ctx.freeze.status_check,
      description,
      ...(ctx.runUrl ? { targetUrl: ctx.runUrl } : {}),
    }),
  );
  record(
    writes,
    { pull, sha, kind: 'status', detail: `${ctx.freeze.status_check}=${wanted.state}: ${description}` },
    result,
  );
  return true;
}

/** The hidden marker that makes the comment findable, so a re-run or a second guard event never repeats it. */
export function commentMarker(release: string): string {
  return `<!-- canary-conductor:freeze ${release} -->`;
}

export async function hasFreezeComment(
  ctx: FreezeRunContext,
  pull: number,
  release: string,
): Promise<boolean> {
  const marker = commentMarker(release);
  for await (const comment of listComments(ctx.github, ctx.repo, pull)) {
    if (comment.body?.includes(marker)) return true;
  }
  return false;
}

export async function postFreezeComment(
  ctx: FreezeRunContext,
  pull: number,
  release: string,
  body: string,
  writes: FreezeWrite[],
): Promise<void> {
  const result = await ctx.pacer.run(() =>
    createComment(ctx.github, ctx.repo, pull, `${body}\n\n${commentMarker(release)}`),
  );
  record(writes, { pull, kind: 'comment', detail: 'comment once on the freeze' }, result);
}

export async function ensureComment(
  ctx: FreezeRunContext,
  pull: FreezePull,
  release: string,
  body: string,
  writes: FreezeWrite[],
): Promise<boolean> {
  if (await hasFreezeComment(ctx, pull.number, release)) return false;
  await postFreezeComment(ctx, pull.number, release, body, writes);
  return true;
}
