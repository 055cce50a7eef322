/**
 * `end`: the freeze lifts. A merge block (the ruleset start installed) is removed first of all, so PRs can merge
 * again from the first request on. The state is marked ended next, so guard runs from then on let PRs through and
 * never re-label one that end just released. Then, for every open PR:
 *   - the freeze label comes off unless the PR carried it before the freeze started (recorded in the state);
 *     a label already gone (404) counts as removed;
 *   - a failing freeze status on its head commit turns to success. A commit status is per commit, so a
 *     status set during the freeze would stay failing forever if end did not rewrite it.
 * Finally `freeze_window_end.txt` and the ended state are committed together. Re-running end converges.
 */
import { ConfigurationError } from '../config/index.js';
import { evidenceCommitMessage } from '../evidence/push.js';
import { hasLabel } from './classify.js';
import { freezeEndEvidence, stateFile, type EvidenceFile } from './evidence.js';
import { removeMergeBlock } from './merge-block.js';
import { liftedStatus } from './messages.js';
import {
  currentFreezeStatus,
  ensureNoLabel,
  ensureStatus,
  fetchFreezePull,
  listOpenFreezePulls,
} from './pull-ops.js';
import { chunks, mapWithLimit } from './pool.js';
import type { FreezeRunContext, FreezeWrite } from './run-context.js';
import { DEFAULT_BATCHING, type FreezeReleaseOptions } from './start.js';
import type { FreezeState } from './state.js';

export interface FreezeEndResult {
  /** Null when no freeze was ever recorded: nothing to lift, nothing written. */
  state: FreezeState | null;
  /** Labels removed by this run. */
  unlabelledNow: number;
  /** Statuses turned to success by this run. */
  clearedNow: number;
  /** PRs left labelled because they carried the label before the freeze. */
  keptLabels: number[];
  writes: FreezeWrite[];
  evidenceFiles: EvidenceFile[];
  evidenceCommitted: boolean;
  durationMs: number | null;
}

export async function endFreeze(
  ctx: FreezeRunContext,
  options: FreezeReleaseOptions,
): Promise<FreezeEndResult> {
  const dryRun = ctx.github.dryRun;
  const previous = await options.stateReader.read();
  if (previous === null) {
    ctx.log(`freeze end: no freeze recorded in ${options.stateReader.source}; nothing to lift`);
    return {
      state: null,
      unlabelledNow: 0,
      clearedNow: 0,
      keptLabels: [],
      writes: [],
      evidenceFiles: [],
      evidenceCommitted: false,
      durationMs: null,
    };
  }
  if (previous.release !== options.release) {
    throw new ConfigurationError(
      `freeze end: the ${previous.active ? 'active' : 'last'} freeze is for ${previous.release} (since ${previous.started_at}), not ${options.release}`,
    );
  }
  const writes: FreezeWrite[] = [];
  const block = previous.merge_block ?? null;
  if (block !== null) {
    if (!options.mergeBlock) {
      throw new ConfigurationError(
        `freeze end: the freeze installed ruleset ${block.ruleset_id} ("${block.name}"), which only an admin or GitHub App token can remove; give end the same merge-block token start had`,
      );
    }
    await removeMergeBlock(ctx, options.mergeBlock.client, block, writes);
  }
  const message = (summary: string) =>
    evidenceCommitMessage({
      release: options.release,
      stage: 'freeze-end',
      runUrl: ctx.runUrl || null,
      summary,
    });
  let state: FreezeState = previous.active
    ? {
        ...previous,
        active: false,
        ended_at: ctx.clock.now().toISOString(),
        ended_by: ctx.actor,
        released: null,
        // Removed above; an ended state names no ruleset, so re-running end needs no admin token.
        merge_block: null,
        progress: null,
      }
    : block !== null
      ? { ...previous, merge_block: null }
      : previous;
  if (previous.active || block !== null) {
    if (dryRun)
      writes.push({
        pull: null,
        kind: 'evidence',
        detail: `record the freeze as ended (${stateFile(state).path})`,
        performed: false,
      });
    else await options.evidence.write([stateFile(state)], message('freeze lifted, releasing pull requests'));
  }

  // The freeze's own label and status use the names recorded when it started, even if the plan changed since.
  const scoped: FreezeRunContext = {
    ...ctx,
    freeze: { ...ctx.freeze, label: state.label, status_check: state.status_check },
  };
  const preLabelled = new Set(state.pre_labelled);
  const held = new Set(state.held);
  const keptLabels: number[] = [];
  let unlabelledNow = 0;
  let clearedNow = 0;
  const tuning = { ...DEFAULT_BATCHING, ...options.batching };
  const candidates = (await listOpenFreezePulls(scoped)).filter(
    (p) => hasLabel(p.labels, state.label) || held.has(p.number),
  );
  let snapshotAt = ctx.clock.now().getTime();
  for (const batch of chunks(candidates, tuning.batchSize)) {
    await ctx.pacer.ready(batch.length * 2);
    const stale = ctx.clock.now().getTime() - snapshotAt > tuning.snapshotMaxAgeMs;
    const prepared = await mapWithLimit(batch, tuning.readConcurrency, async (listed) => {
      const pull = stale ? await fetchFreezePull(scoped, listed.number) : listed;
      return { pull, status: pull.state === 'open' ? await currentFreezeStatus(scoped, pull.headSha) : null };
    });
    if (stale) snapshotAt = ctx.clock.now().getTime();
    for (const { pull, status } of prepared) {
      if (pull.state !== 'open') continue;
      const labelled = hasLabel(pull.labels, state.label);
      if (labelled && preLabelled.has(pull.number)) keptLabels.push(pull.number);
      else if (labelled && (await ensureNoLabel(scoped, pull, writes))) unlabelledNow += 1;
      if (
        status &&
        status.state !== 'success' &&
        (await ensureStatus(scoped, pull.number, pull.headSha, liftedStatus(state.release), writes, status))
      ) {
        clearedNow += 1;
      }
    }
  }

  state = { ...state, released: (state.released ?? 0) + unlabelledNow };
  const durationMs = Date.parse(state.ended_at!) - Date.parse(state.started_at);
  const evidenceFiles = [freezeEndEvidence(state, options.evidenceContext), stateFile(state)];
  let evidenceCommitted = false;
  if (dryRun) {
    for (const f of evidenceFiles)
      writes.push({ pull: null, kind: 'evidence', detail: `write ${f.path}`, performed: false });
  } else {
    evidenceCommitted = (
      await options.evidence.write(evidenceFiles, message(`${state.released} PR(s) released`))
    ).changed;
  }
  ctx.log(
    `freeze end ${options.release}: ${unlabelledNow} label(s) removed, ${clearedNow} status(es) cleared, ${keptLabels.length} pre-existing label(s) kept`,
  );
  return {
    state,
    unlabelledNow,
    clearedNow,
    keptLabels,
    writes,
    evidenceFiles,
    evidenceCommitted,
    durationMs,
  };
}
