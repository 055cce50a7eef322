/**
 * The freeze state: one JSON file on the evidence branch (`freeze/state.json`). start and end write it with
 * the evidence; guard and status (other workflow runs, fork PRs included) read it. It is the only place that
 * says whether a freeze is active, so a guard run never has to guess.
 */
import { z } from 'zod';
import { ConfigurationError } from '../config/index.js';

export const FREEZE_STATE_PATH = 'freeze/state.json';
export const FREEZE_STATE_SCHEMA = 'canary-conductor/freeze-state@1';

const PullNumber = z.number().int().positive();

export const FreezeCounts = z.object({
  /** Open PRs into the frozen base branches when start listed them. */
  open: z.number().int().nonnegative(),
  held: z.number().int().nonnegative(),
  /** Held because of a block label (a subset of held). */
  blocked: z.number().int().nonnegative(),
  allowed: z.number().int().nonnegative(),
  /** Held PRs the freeze added its label to (the rest already carried it). */
  labelled: z.number().int().nonnegative(),
});
export type FreezeCounts = z.infer<typeof FreezeCounts>;

/** The repository ruleset that blocks merges while the freeze stands (installed with an admin or App token). */
export const MergeBlock = z.object({
  ruleset_id: z.number().int().positive(),
  name: z.string().min(1),
  /** The status context the ruleset requires: only PRs the plan allows get it, so nothing else can merge. */
  context: z.string().min(1),
});
export type MergeBlock = z.infer<typeof MergeBlock>;

/** How far start has got in making held PRs unmergeable, for `freeze status` while start runs. */
export const HoldProgress = z.object({
  method: z.enum(['ruleset', 'status']),
  /** Held PRs found so far (null before the listing is classified). */
  held: z.number().int().nonnegative().nullable(),
  /** Held PRs that can still merge: their blocking status is not written yet (0 once a ruleset stands). */
  mergeable: z.number().int().nonnegative().nullable(),
  /** When the last blocking status is expected on GitHub's limits; null when nothing is left to block. */
  eta: z.iso.datetime({ offset: true }).nullable(),
  updated_at: z.iso.datetime({ offset: true }),
});
export type HoldProgress = z.infer<typeof HoldProgress>;

export const FreezeState = z.object({
  schema: z.literal(FREEZE_STATE_SCHEMA),
  active: z.boolean(),
  /** The release tag, e.g. v1.4.0. */
  release: z.string().min(1),
  version: z.string().min(1),
  started_at: z.iso.datetime({ offset: true }),
  actor: z.string(),
  run_url: z.string(),
  label: z.string().min(1),
  status_check: z.string().min(1),
  base_branches: z.array(z.string().min(1)).min(1),
  /** Null while start is still labelling (the freeze is already in force then). */
  counts: FreezeCounts.nullable(),
  /** PRs that carried the freeze label before the freeze started: end leaves their label alone. */
  pre_labelled: z.array(PullNumber),
  /** PRs start held; end sets their status back to success even if someone removed the label. */
  held: z.array(PullNumber),
  ended_at: z.iso.datetime({ offset: true }).nullable(),
  ended_by: z.string().nullable(),
  released: z.number().int().nonnegative().nullable(),
  /** Absent in states written before merge blocks existed: read as none. */
  merge_block: MergeBlock.nullable().optional(),
  progress: HoldProgress.nullable().optional(),
});
export type FreezeState = z.infer<typeof FreezeState>;

/** Parses the state file; a file that is not a valid state is an error (never read as "no freeze"). */
export function parseFreezeState(text: string, source = FREEZE_STATE_PATH): FreezeState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigurationError(
      `${source}: not JSON (${(e as Error).message}); fix or remove the file on the evidence branch`,
    );
  }
  const result = FreezeState.safeParse(json);
  if (!result.success) {
    throw new ConfigurationError(
      `${source}: not a freeze state (${FREEZE_STATE_SCHEMA})`,
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}

/** Stable text (sorted lists, fixed key order, trailing newline), so an unchanged state makes no new commit. */
export function serializeFreezeState(state: FreezeState): string {
  const normalized: FreezeState = {
    ...FreezeState.parse(state),
    pre_labelled: [...new Set(state.pre_labelled)].sort((a, b) => a - b),
    held: [...new Set(state.held)].sort((a, b) => a - b),
  };
  return `${JSON.stringify(normalized, null, 2)}\n`;
}

export function isFreezeActive(state: FreezeState | null): state is FreezeState & { active: true } {
  return state !== null && state.active;
}
