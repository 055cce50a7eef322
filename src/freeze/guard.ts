/**
 * `guard`: one pull-request or merge-queue event, decided against the freeze state as it is now.
 *   - no active freeze, or a base branch that is not frozen: the freeze status is success;
 *   - frozen and held: the PR gets the label, a failing status on its head commit, and the one comment;
 *   - frozen and allowed (an allow label, docs-only): success, and a label the freeze gave it comes off.
 * In the merge queue the status goes on the merge group's commit (the one the queue tests and merges),
 * decided from the PRs the group was built for, so an exemption such as `hotfix` works there too.
 * While a merge block (ruleset) stands, an allowed commit also gets the release's own context (success), which the
 * ruleset requires; a held commit that carries it (allowed before, held now) has it turned to failure.
 */
import { classifyWithFiles } from './start.js';
import { hasLabel } from './classify.js';
import type { GuardEvent } from './events.js';
import { GUARDED_PULL_ACTIONS } from './events.js';
import { allowedStatus, commentBody, heldStatus, NO_FREEZE_STATUS, unfrozenBaseStatus } from './messages.js';
import {
  ensureComment,
  ensureLabel,
  ensureNoLabel,
  ensureStatus,
  fetchFreezePull,
  isFrozenBase,
} from './pull-ops.js';
import { mergeBlockScope } from './merge-block.js';
import type { CurrentStatus, WantedStatus } from './pull-ops.js';
import { currentFreezeStatus } from './pull-ops.js';
import type { FreezeRunContext, FreezeWrite } from './run-context.js';
import { isFreezeActive, type FreezeState } from './state.js';
import type { FreezeStateReader } from './state-store.js';

export type GuardDecision = 'held' | 'allowed' | 'no-freeze' | 'unfrozen-base' | 'skipped';

export interface GuardPullVerdict {
  number: number;
  decision: GuardDecision;
  reason: string;
}

export interface GuardResult {
  event: GuardEvent;
  state: FreezeState | null;
  active: boolean;
  /** The decision for the commit the status went on (the PR head, or the merge group). */
  decision: GuardDecision;
  reason: string;
  sha: string | null;
  pulls: GuardPullVerdict[];
  writes: FreezeWrite[];
}

export interface GuardOptions {
  stateReader: FreezeStateReader;
  service: string;
}

export async function guardEvent(
  ctx: FreezeRunContext,
  event: GuardEvent,
  options: GuardOptions,
): Promise<GuardResult> {
  const state = await options.stateReader.read();
  const active = isFreezeActive(state);
  const writes: FreezeWrite[] = [];
  // While a freeze is active its recorded label and check names win over a plan edited mid-freeze.
  const scoped: FreezeRunContext = active
    ? {
        ...ctx,
        freeze: {
          ...ctx.freeze,
          label: state.label,
          status_check: state.status_check,
          base_branches: state.base_branches,
        },
      }
    : ctx;
  const base = { event, state, active, writes };

  if (event.kind === 'pull_request') {
    const pull = await fetchFreezePull(scoped, event.number);
    if (pull.state !== 'open') {
      return {
        ...base,
        decision: 'skipped',
        reason: `#${pull.number} is closed`,
        sha: null,
        pulls: [{ number: pull.number, decision: 'skipped', reason: 'closed' }],
      };
    }
    if (!(GUARDED_PULL_ACTIONS as readonly string[]).includes(event.action)) {
      scoped.log(
        `freeze guard: pull_request action "${event.action}" is not one the guard acts on; deciding anyway from the current state`,
      );
    }
    // The one pull request's decision, which its head commit carries.
    const decidedOnHead = (decision: GuardDecision, reason: string): GuardResult => ({
      ...base,
      decision,
      reason,
      sha: pull.headSha,
      pulls: [{ number: pull.number, decision, reason }],
    });
    if (!active || !isFrozenBase(scoped, pull.base)) {
      const { decision, status } = notFrozenVerdict(active, pull.base);
      await ensureStatus(scoped, pull.number, pull.headSha, status, writes);
      return decidedOnHead(decision, status.description);
    }
    const verdict = await classifyWithFiles(scoped, pull);
    if (verdict.class === 'held') {
      const wanted = heldStatus(state.release, verdict);
      await ensureMergeBlockStatus(scoped, state, pull.number, pull.headSha, wanted, writes);
      await ensureLabel(scoped, pull, writes);
      await ensureStatus(scoped, pull.number, pull.headSha, wanted, writes);
      if (scoped.freeze.comment) {
        const body = commentBody(scoped.freeze, {
          release: state.release,
          version: state.version,
          service: options.service,
          runUrl: scoped.runUrl,
        });
        await ensureComment(scoped, pull, state.release, body, writes);
      }
    } else {
      if (!state.pre_labelled.includes(pull.number) && hasLabel(pull.labels, scoped.freeze.label))
        await ensureNoLabel(scoped, pull, writes);
      const wanted = allowedStatus(state.release, verdict);
      await ensureStatus(scoped, pull.number, pull.headSha, wanted, writes);
      await ensureMergeBlockStatus(scoped, state, pull.number, pull.headSha, wanted, writes);
    }
    return decidedOnHead(verdict.class, verdict.reason);
  }

  // merge_group
  if (!active || !isFrozenBase(scoped, event.base)) {
    const { decision, status } = notFrozenVerdict(active, event.base);
    await ensureStatus(scoped, null, event.headSha, status, writes);
    return {
      ...base,
      decision,
      reason: status.description,
      sha: event.headSha,
      pulls: event.pulls.map((number) => ({ number, decision, reason: status.description })),
    };
  }
  const pulls: GuardPullVerdict[] = [];
  for (const number of event.pulls) {
    const pull = await fetchFreezePull(scoped, number);
    const verdict = await classifyWithFiles(scoped, pull);
    pulls.push({ number, decision: verdict.class, reason: verdict.reason });
  }
  const held = pulls.filter((p) => p.decision === 'held');
  const wanted =
    held.length > 0
      ? heldStatus(state.release, {
          class: 'held',
          blocked: false,
          reason: held.map((p) => `#${p.number}: ${p.reason}`).join('; '),
          labels: [],
        })
      : allowedStatus(state.release, {
          class: 'allowed',
          blocked: false,
          reason: pulls.map((p) => `#${p.number}: ${p.reason}`).join('; '),
          labels: [],
        });
  await ensureStatus(scoped, null, event.headSha, wanted, writes);
  await ensureMergeBlockStatus(scoped, state, null, event.headSha, wanted, writes);
  const decision: GuardDecision = held.length > 0 ? 'held' : 'allowed';
  return { ...base, decision, reason: wanted.description, sha: event.headSha, pulls };
}

/** The verdict on a commit the freeze leaves alone: no freeze is active, or its base branch is not a frozen one. */
function notFrozenVerdict(
  active: boolean,
  baseBranch: string,
): { decision: 'no-freeze' | 'unfrozen-base'; status: WantedStatus } {
  return active
    ? { decision: 'unfrozen-base', status: unfrozenBaseStatus(baseBranch) }
    : { decision: 'no-freeze', status: NO_FREEZE_STATUS };
}

/**
 * The merge block's context on `sha`: success where the freeze allows the commit, and a success withdrawn where it
 * holds it (a commit without the context is blocked already, so a held one is only written when it has success).
 */
async function ensureMergeBlockStatus(
  ctx: FreezeRunContext,
  state: FreezeState,
  pull: number | null,
  sha: string,
  wanted: WantedStatus,
  writes: FreezeWrite[],
): Promise<void> {
  if (!state.merge_block) return;
  const gateCtx = mergeBlockScope(ctx, state.merge_block);
  const current: CurrentStatus | null = await currentFreezeStatus(gateCtx, sha);
  if (wanted.state === 'failure' && current?.state !== 'success') return;
  await ensureStatus(gateCtx, pull, sha, wanted, writes, current);
}
