/**
 * `start`: the freeze comes into force. Order matters for correctness:
 *   1. read the state and every open PR (reads only);
 *   2. record the freeze as active on the evidence branch BEFORE any PR is touched, so a guard run for a PR
 *      pushed meanwhile already sees the freeze (labelling 1,000 PRs takes hours under GitHub's write limits);
 *   3. classify each PR into a frozen base; held ones get the label, a failing status on their head commit and
 *      (optionally) one comment; allowed ones lose a label the freeze gave them and any failing freeze status;
 *   4. commit `freeze_window_start.txt` and the final state (counts) together.
 * Re-running start for the same release converges and writes nothing new.
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
import { allowedChanges, allowedStatus, commentBody, heldStatus } from './messages.js';
import {
  currentFreezeStatus,
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
import type { FreezeRunContext, FreezeWrite } from './run-context.js';
import { FREEZE_STATE_SCHEMA, isFreezeActive, type FreezeState } from './state.js';
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
}

/** How start and end walk many PRs. Reads run a few at a time; writes are always one at a time. */
export interface FreezeBatching {
  batchSize: number;
  readConcurrency: number;
  /** Older PR data is fetched again before it decides a write. */
  snapshotMaxAgeMs: number;
}

export const DEFAULT_BATCHING: FreezeBatching = {
  batchSize: 25,
  readConcurrency: 8,
  snapshotMaxAgeMs: 10 * 60_000,
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
}

export async function classifyWithFiles(ctx: FreezeRunContext, pull: FreezePull): Promise<FreezeVerdict> {
  const files = needsFiles(pull, ctx.freeze) ? await fetchChangedFiles(ctx, pull.number) : null;
  return classifyPull(pull, files, ctx.freeze);
}

export async function startFreeze(
  ctx: FreezeRunContext,
  options: FreezeStartOptions,
): Promise<FreezeStartResult> {
  const dryRun = ctx.github.dryRun;
  const previous = await options.stateReader.read();
  if (isFreezeActive(previous) && previous.release !== options.release) {
    throw new ConfigurationError(
      `freeze start: a freeze for ${previous.release} is active since ${previous.started_at} (${options.stateReader.source}); end it before starting one for ${options.release}`,
    );
  }
  const resumed = isFreezeActive(previous);
  const everyOpen = await listOpenFreezePulls(ctx);
  const open = everyOpen.filter((p) => isFrozenBase(ctx, p.base));
  ctx.log(
    `freeze start ${options.release}: ${open.length} open PR(s) into ${ctx.freeze.base_branches.join(', ')}${resumed ? ' (resuming an active freeze)' : ''}`,
  );

  let state: FreezeState = resumed
    ? previous
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
      };
  const writes: FreezeWrite[] = [];
  const message = (summary: string) =>
    evidenceCommitMessage({
      release: options.release,
      stage: 'freeze-start',
      runUrl: ctx.runUrl || null,
      summary,
    });

  if (!resumed) {
    if (dryRun) {
      writes.push({
        pull: null,
        kind: 'evidence',
        detail: `record the freeze as active (${stateFile(state).path})`,
        performed: false,
      });
    } else {
      await options.evidence.write(
        [stateFile(state)],
        message('freeze in force, labelling open pull requests'),
      );
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
  const pulls: ClassifiedPull[] = [];
  let labelledNow = 0;

  const tuning = { ...DEFAULT_BATCHING, ...options.batching };
  let snapshotAt = ctx.clock.now().getTime();
  for (const batch of chunks(open, tuning.batchSize)) {
    // Each held PR costs up to 3 writes (label, status, comment); wait for that budget BEFORE reading, so the
    // reads that decide the writes are minutes old at most, never an hour.
    await ctx.pacer.ready(batch.length * (comment === null ? 2 : 3));
    const stale = ctx.clock.now().getTime() - snapshotAt > tuning.snapshotMaxAgeMs;
    const prepared = await mapWithLimit(batch, tuning.readConcurrency, async (listed) => {
      // A long run (hours under the write limits) must not act on labels listed at its start.
      const pull = stale ? await fetchFreezePull(ctx, listed.number) : listed;
      const verdict =
        pull.state === 'open' && isFrozenBase(ctx, pull.base) ? await classifyWithFiles(ctx, pull) : null;
      const labelled = hasLabel(pull.labels, ctx.freeze.label);
      let status: CurrentStatus | null | undefined;
      if (verdict?.class === 'held') {
        // A PR that neither carries the label nor was held by this freeze has no status from it: write without reading.
        status =
          !labelled && !previouslyHeld.has(pull.number) ? null : await currentFreezeStatus(ctx, pull.headSha);
      } else if (verdict && (previouslyHeld.has(pull.number) || labelled)) {
        status = await currentFreezeStatus(ctx, pull.headSha);
      }
      const commented =
        verdict?.class === 'held' && comment !== null
          ? await hasFreezeComment(ctx, pull.number, options.release)
          : true;
      return { pull, verdict, status, commented };
    });
    if (stale) snapshotAt = ctx.clock.now().getTime();
    for (const { pull, verdict, status, commented } of prepared) {
      if (verdict === null) continue; // closed or retargeted since the listing
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
      if (verdict.class === 'held') {
        // Status before label: the label is what people see, the status is what blocks the merge.
        await ensureStatus(
          ctx,
          pull.number,
          pull.headSha,
          heldStatus(options.release, verdict),
          writes,
          status ?? null,
        );
        if (await ensureLabel(ctx, pull, writes)) labelledNow += 1;
        if (comment !== null && !commented)
          await postFreezeComment(ctx, pull.number, options.release, comment, writes);
      } else {
        if (!preLabelled.has(pull.number)) await ensureNoLabel(ctx, pull, writes);
        if (status && status.state !== 'success')
          await ensureStatus(
            ctx,
            pull.number,
            pull.headSha,
            allowedStatus(options.release, verdict),
            writes,
            status,
          );
      }
    }
  }

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
    `freeze start ${options.release}: ${held.length} held (${state.counts!.blocked} blocked), ${pulls.length - held.length} allowed, ${labelledNow} labelled by this run`,
  );
  return { state, pulls, labelledNow, writes, evidenceFiles, evidenceCommitted, resumed };
}
