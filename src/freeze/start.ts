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
import { ConfigurationError } from '../config/index.js';
import { classifyPull, hasLabel, needsFiles, type FreezePull, type FreezeVerdict } from './classify.js';
import {
  freezeStartEvidence,
  stateFile,
  type FreezeEvidenceContext,
  type FreezeEvidenceWriter,
  type EvidenceFile,
} from './evidence.js';
import {
  ensureMergeBlock,
  mergeBlockScope,
  removeMergeBlock,
  type MergeBlockSettings,
} from './merge-block.js';
import { allowedChanges, allowedStatus, commentBody, heldStatus } from './messages.js';
import { holdProgress, progressLine, progressPublisher, sameProgress } from './progress.js';
import {
  currentStatuses,
  fetchFreezePull,
  hasFreezeComment,
  postFreezeComment,
  type CurrentStatus,
  ensureLabel,
  ensureNoLabel,
  ensureStatus,
  fetchChangedFiles,
  isFrozenBase,
  listOpenFreezePulls,
} from './pull-ops.js';
import { mostMergeableFirst } from './readiness.js';
import { statusDescription, type FreezeRunContext, type FreezeWrite } from './run-context.js';
import {
  FREEZE_STATE_SCHEMA,
  isFreezeActive,
  type FreezeState,
  type HoldProgress,
  type MergeBlock,
} from './state.js';
import type { FreezeStateReader } from './state-store.js';
import { evidenceCommitMessage } from '../evidence/push.js';
import { chunks, mapWithLimit } from './pool.js';

export interface ClassifiedPull {
  number: number;
  title: string;
  base: string;
  headSha: string;
  draft: boolean;
  class: FreezeVerdict['class'];
  blocked: boolean;
  reason: string;
}

export interface FreezeReleaseOptions {
  version: string;
  /** The release tag (plan `release.tag` rendered), e.g. v1.4.0. */
  release: string;
  service: string;
  stateReader: FreezeStateReader;
  evidence: FreezeEvidenceWriter;
  evidenceContext: FreezeEvidenceContext;
  batching?: Partial<FreezeBatching>;
  /** Given (an admin or App token): start installs the ruleset first, end removes it first. */
  mergeBlock?: MergeBlockSettings;
}

/** How start and end walk many PRs. Reads run a few at a time; writes are always one at a time. */
export interface FreezeBatching {
  batchSize: number;
  readConcurrency: number;
  /** Older PR data is fetched again before it decides a write. */
  snapshotMaxAgeMs: number;
  /** Progress (mergeable count, ETA) is committed to the state at most this often, in the background. */
  progressEveryMs: number;
}

export const DEFAULT_BATCHING: FreezeBatching = {
  batchSize: 25,
  readConcurrency: 8,
  snapshotMaxAgeMs: 10 * 60_000,
  progressEveryMs: 5 * 60_000,
};

export interface FreezeStartOptions extends FreezeReleaseOptions {
  /** Text for "Next deployment window" in the evidence, from the freeze's start (kept on a re-run). */
  nextWindow: (startedAt: Date) => string;
}

export interface FreezeStartResult {
  state: FreezeState;
  pulls: ClassifiedPull[];
  /** Labels added by this run. */
  labelledNow: number;
  writes: FreezeWrite[];
  evidenceFiles: EvidenceFile[];
  /** False in dry-run, or when the branch already held this evidence. */
  evidenceCommitted: boolean;
  resumed: boolean;
  /** The ruleset that blocks merges, or null on the status path. */
  mergeBlock: MergeBlock | null;
  /** Clock ms from the start of the run until no held PR could merge (the ruleset, or the last blocking status). */
  heldAfterMs: number;
}

export async function classifyWithFiles(ctx: FreezeRunContext, pull: FreezePull): Promise<FreezeVerdict> {
  const files = needsFiles(pull, ctx.freeze) ? await fetchChangedFiles(ctx, pull.number) : null;
  return classifyPull(pull, files, ctx.freeze);
}

/** What the run knows of one open PR into a frozen base; refreshed when older than `snapshotMaxAgeMs`. */
interface Prepared {
  pull: FreezePull;
  verdict: FreezeVerdict;
  /** The freeze status on the head (null: none, or not read because this freeze cannot have written one). */
  status: CurrentStatus | null;
  /** The merge block's context on the head (null: none or no merge block). */
  gate: CurrentStatus | null;
  readAt: number;
}

export async function startFreeze(
  ctx: FreezeRunContext,
  options: FreezeStartOptions,
): Promise<FreezeStartResult> {
  const dryRun = ctx.github.dryRun;
  const runStartedAt = ctx.clock.now().getTime();
  const writes: FreezeWrite[] = [];
  // 1. The very first write, made while the state is read: from this request on, nothing merges without the
  //    release's context.
  let blockedAt = runStartedAt;
  const [previous, installed] = await Promise.all([
    options.stateReader.read(),
    options.mergeBlock
      ? ensureMergeBlock(ctx, options.mergeBlock, options.release, writes).then((r) => {
          blockedAt = ctx.clock.now().getTime();
          return r;
        })
      : null,
  ]);
  if (isFreezeActive(previous) && previous.release !== options.release) {
    // Another release's freeze holds the branches already; take back only what this call installed.
    if (installed?.created) await removeMergeBlock(ctx, options.mergeBlock!.client, installed.block, writes);
    throw new ConfigurationError(
      `freeze start: a freeze for ${previous.release} is active since ${previous.started_at} (${options.stateReader.source}); end it before starting one for ${options.release}`,
    );
  }
  const resumed = isFreezeActive(previous);
  const mergeBlock = installed?.block ?? (resumed ? (previous.merge_block ?? null) : null);
  let heldAfterMs = mergeBlock ? blockedAt - runStartedAt : 0;
  const method: HoldProgress['method'] = mergeBlock ? 'ruleset' : 'status';

  const everyOpen = await listOpenFreezePulls(ctx);
  const open = everyOpen.filter((p) => isFrozenBase(ctx, p.base));
  ctx.log(
    `freeze start ${options.release}: ${open.length} open PR(s) into ${ctx.freeze.base_branches.join(', ')}${resumed ? ' (resuming an active freeze)' : ''}`,
  );

  let state: FreezeState = resumed
    ? { ...previous, merge_block: mergeBlock }
    : {
        schema: FREEZE_STATE_SCHEMA,
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
        pre_labelled: everyOpen.filter((p) => hasLabel(p.labels, ctx.freeze.label)).map((p) => p.number),
        held: [],
        ended_at: null,
        ended_by: null,
        released: null,
        merge_block: mergeBlock,
        progress: holdProgress(method, null, mergeBlock ? 0 : null, null, ctx.clock.now()),
      };
  const message = (summary: string) =>
    evidenceCommitMessage({
      release: options.release,
      stage: 'freeze-start',
      runUrl: ctx.runUrl || null,
      summary,
    });

  // The push runs while the PRs are classified (reads only) and is awaited before the first PR is written.
  const recordState = !resumed || (previous.merge_block ?? null)?.ruleset_id !== mergeBlock?.ruleset_id;
  let stateRecorded: Promise<unknown> = Promise.resolve();
  if (recordState) {
    if (dryRun) {
      writes.push({
        pull: null,
        kind: 'evidence',
        detail: `record the freeze as active (${stateFile(state).path})`,
        performed: false,
      });
    } else {
      stateRecorded = options.evidence.write(
        [stateFile(state)],
        message('freeze in force, labelling open pull requests'),
      );
      // Awaited below; a rejection meanwhile must not count as unhandled.
      stateRecorded.catch(() => undefined);
    }
  }

  const preLabelled = new Set(state.pre_labelled);
  const previouslyHeld = new Set(state.held);
  const comment = ctx.freeze.comment
    ? commentBody(ctx.freeze, {
        release: options.release,
        version: options.version,
        service: options.service,
        runUrl: ctx.runUrl,
      })
    : null;
  const tuning = { ...DEFAULT_BATCHING, ...options.batching };
  const gateCtx = mergeBlock ? mergeBlockScope(ctx, mergeBlock) : null;
  // What this run set on each PR's head: a re-read after the snapshot aged must read it, not assume none; in
  // dry-run, where nothing was written, it stands in for what GitHub would show.
  const statusWritten = new Map<
    number,
    { sha: string; status: CurrentStatus | null; gate: CurrentStatus | null }
  >();

  // 3. Classify (reads only). Status reads are skipped where this freeze cannot have written one yet.
  const prepare = async (pull: FreezePull): Promise<Prepared | null> => {
    if (pull.state !== 'open' || !isFrozenBase(ctx, pull.base)) return null; // closed or retargeted meanwhile
    const verdict = await classifyWithFiles(ctx, pull);
    const touched =
      hasLabel(pull.labels, ctx.freeze.label) ||
      previouslyHeld.has(pull.number) ||
      statusWritten.has(pull.number);
    // The merge block's context is the release's own: before this freeze resumed, no commit carries it.
    const gateMayExist = mergeBlock !== null && resumed;
    let status: CurrentStatus | null = null;
    let gate: CurrentStatus | null = null;
    if (touched || gateMayExist) {
      [status = null, gate = null] = await currentStatuses(ctx, pull.headSha, [
        ctx.freeze.status_check,
        ...(mergeBlock ? [mergeBlock.context] : []),
      ]);
    }
    return { pull, verdict, status, gate, readAt: ctx.clock.now().getTime() };
  };
  const classify = async (pulls: readonly FreezePull[]): Promise<Prepared[]> =>
    (await mapWithLimit(pulls, tuning.readConcurrency, prepare)).filter((p): p is Prepared => p !== null);
  const readiness = <T extends Prepared>(items: readonly T[]) =>
    mostMergeableFirst(
      items.map((p) => ({
        number: p.pull.number,
        draft: p.pull.draft,
        freezeGreen: p.status === null ? null : p.status.state === 'success',
        item: p,
      })),
    ).map((r) => r.item);
  const prepared: Prepared[] = [];

  // Progress: on the status path a PR can merge until it is classified and, if held, its failing status is
  // written (an upper bound while classifying: some of the unclassified are allowed); none once a ruleset stands.
  let unclassified = open.length;
  const heldCount = () =>
    unclassified > 0 ? null : prepared.filter((p) => p.verdict.class === 'held').length;
  const publisher = dryRun ? null : progressPublisher(options.evidence, message('freeze progress'), ctx.log);
  let lastPublished = state.progress ?? null;
  let lastPublishedAt = 0;
  const report = (force: boolean) => {
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
      publisher.publish(stateFile(state));
      lastPublished = progress;
      lastPublishedAt = now.getTime();
    }
  };

  // Walks items in batches, waiting for a batch's write budget BEFORE refreshing what it read, so the reads
  // that decide the writes are minutes old at most, never an hour.
  // `refresh: false` for the blocking pass: a failing status written from an aged snapshot errs on the closed
  // side (a PR allowed meanwhile is released by the visibility pass, a new head gets guard's status), and three
  // reads per PR would spend the primary budget in the window where held PRs can still merge.
  const walk = async (
    items: Prepared[],
    writesEach: number,
    refresh: boolean,
    act: (item: Prepared) => Promise<void>,
  ): Promise<void> => {
    for (const batch of chunks(items, tuning.batchSize)) {
      await ctx.pacer.ready(batch.length * writesEach);
      const now = ctx.clock.now().getTime();
      const fresh = await mapWithLimit(batch, tuning.readConcurrency, async (item) => {
        if (!refresh || now - item.readAt <= tuning.snapshotMaxAgeMs) return item;
        const current = await fetchFreezePull(ctx, item.pull.number);
        if (current.headSha === item.pull.headSha && sameLabels(current.labels, item.pull.labels)) {
          // Same head, same labels: the verdict and the statuses stand (guard only acts on such changes).
          if (current.state !== 'open' || !isFrozenBase(ctx, current.base)) return null;
          item.readAt = ctx.clock.now().getTime();
          return item;
        }
        const again = await prepare(current);
        if (again === null) return null;
        const wrote = statusWritten.get(again.pull.number);
        if (dryRun && wrote?.sha === again.pull.headSha) Object.assign(again, wrote);
        Object.assign(item, again);
        return item;
      });
      for (const item of fresh) if (item !== null) await act(item);
    }
  };

  // 4. The blocking pass.
  if (mergeBlock === null) {
    // Classify a batch, then block its held PRs, batch after batch: the token's hourly budget goes to blocking
    // as it goes instead of to classifying all PRs first (1,000 PRs' reads alone nearly spend GITHUB_TOKEN's hour).
    await stateRecorded;
    report(true);
    const order = mostMergeableFirst(
      open.map((p) => ({ number: p.number, draft: p.draft, freezeGreen: null, pull: p })),
    );
    let sinceReport = 0;
    for (const batch of chunks(order, tuning.batchSize)) {
      await ctx.pacer.ready(batch.length);
      const items = readiness(await classify(batch.map((r) => r.pull)));
      for (const item of items) {
        prepared.push(item);
        if (item.verdict.class !== 'held') continue;
        await ensureStatus(
          ctx,
          item.pull.number,
          item.pull.headSha,
          heldStatus(options.release, item.verdict),
          writes,
          item.status,
        );
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
  } else {
    prepared.push(...(await classify(open)));
    unclassified = 0;
    await stateRecorded;
    report(true);
    await walk(readiness(prepared.filter((p) => p.verdict.class === 'allowed')), 1, true, async (item) => {
      const wanted =
        item.verdict.class === 'allowed'
          ? allowedStatus(options.release, item.verdict)
          : heldStatus(options.release, item.verdict);
      // A held PR without the context is already blocked; only a success on it would need undoing.
      if (item.verdict.class === 'held' && item.gate?.state !== 'success') return;
      await ensureStatus(gateCtx!, item.pull.number, item.pull.headSha, wanted, writes, item.gate);
      item.gate = { state: wanted.state, description: statusDescription(wanted.description) };
      statusWritten.set(item.pull.number, { sha: item.pull.headSha, status: item.status, gate: item.gate });
    });
  }
  unclassified = 0;
  report(true);
  const byReadiness = readiness(prepared);
  const heldItems = byReadiness.filter((p) => p.verdict.class === 'held');
  const allowedItems = byReadiness.filter((p) => p.verdict.class === 'allowed');

  // 5. The visibility pass.
  const pulls: ClassifiedPull[] = [];
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
    const wanted =
      verdict.class === 'held'
        ? heldStatus(options.release, verdict)
        : allowedStatus(options.release, verdict);
    // The verdict's status on the head, under the freeze's context or the merge block's.
    const writeOnHead = (scope: FreezeRunContext, known: CurrentStatus | null) =>
      ensureStatus(scope, pull.number, pull.headSha, wanted, writes, known);
    if (verdict.class === 'held') {
      await writeOnHead(ctx, item.status);
      if (gateCtx && item.gate?.state === 'success') await writeOnHead(gateCtx, item.gate);
      if (await ensureLabel(ctx, pull, writes)) labelledNow += 1;
      if (comment !== null && !(await hasFreezeComment(ctx, pull.number, options.release)))
        await postFreezeComment(ctx, pull.number, options.release, comment, writes);
    } else {
      if (!preLabelled.has(pull.number)) await ensureNoLabel(ctx, pull, writes);
      if (item.status && item.status.state !== 'success') await writeOnHead(ctx, item.status);
      if (gateCtx && item.gate?.state !== 'success') await writeOnHead(gateCtx, item.gate);
    }
  });
  await publisher?.flush();
  // Reported in listing order, whatever order they were written in.
  const listed = new Map(open.map((p, i) => [p.number, i]));
  pulls.sort((a, b) => listed.get(a.number)! - listed.get(b.number)!);

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
    progress: sameProgress(previous?.progress, state.progress) ? previous!.progress! : state.progress!,
  };
  const evidenceFiles = [
    freezeStartEvidence(
      state,
      held.map((p) => ({ number: p.number, title: p.title })),
      allowedChanges(ctx.freeze),
      options.nextWindow(new Date(state.started_at)),
      options.evidenceContext,
    ),
    stateFile(state),
  ];
  let evidenceCommitted = false;
  if (dryRun) {
    for (const f of evidenceFiles)
      writes.push({ pull: null, kind: 'evidence', detail: `write ${f.path}`, performed: false });
  } else {
    const pushed = await options.evidence.write(evidenceFiles, message(`${held.length} PR(s) on hold`));
    evidenceCommitted = pushed.changed;
  }
  ctx.log(
    `freeze start ${options.release}: ${held.length} held (${state.counts!.blocked} blocked), ${pulls.length - held.length} allowed, ${labelledNow} labelled by this run; no held PR could merge after ${Math.round(heldAfterMs / 1000)} s`,
  );
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

function heldDescription(release: string, verdict: FreezeVerdict): string {
  return statusDescription(heldStatus(release, verdict).description);
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l) => hasLabel(b, l));
}
