/**
 * The one fetch-and-reapply push loop, for every writer of a branch that other jobs write too (the evidence
 * branch, a GitOps repository). Each round brings the worktree to the branch tip, re-applies the change and
 * pushes; a rejected push (someone moved the branch) is never forced, but waited out with a jittered backoff and
 * tried again, a bounded number of times.
 */
import type { GitCommandManager, GitIdentity } from './git-command-manager.js';

export const DEFAULT_IDENTITY: GitIdentity = {
  name: 'canary-conductor[bot]',
  email: 'canary-conductor@users.noreply.github.com',
};

/** What one round ends with: nothing to push (the branch already holds the change), or a commit to push. */
export type PushRound<T> = { kind: 'unchanged'; result: T } | { kind: 'commit'; onPushed: () => Promise<T> };

export type PushLoopResult<T> =
  | { status: 'done'; result: T; attempts: number }
  | { status: 'rejected'; attempts: number; lastReason: string };

export interface PushLoopOptions<T> {
  git: Pick<GitCommandManager, 'push'>;
  branch: string;
  maxAttempts: number;
  /** Brings the worktree to the branch tip, applies the change, commits it (or finds nothing to commit). */
  round: (attempt: number) => Promise<PushRound<T>>;
  /** Told of each rejection that is followed by another round. */
  onRejected?: (reason: string, attempt: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Delay before round `attempt + 1`: exponential from 100 ms, capped at 2 s, times a jitter in [0.5, 1.5). */
export function pushRetryDelayMs(attempt: number, random: () => number): number {
  return Math.min(2000, 100 * 2 ** (attempt - 1)) * (0.5 + random());
}

export async function pushWithRetries<T>(options: PushLoopOptions<T>): Promise<PushLoopResult<T>> {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  let lastReason = '';
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    const round = await options.round(attempt);
    if (round.kind === 'unchanged') return { status: 'done', result: round.result, attempts: attempt };
    const outcome = await options.git.push(options.branch);
    if (outcome.status === 'pushed')
      return { status: 'done', result: await round.onPushed(), attempts: attempt };
    lastReason = outcome.reason;
    if (attempt < options.maxAttempts) {
      // Jitter spreads jobs that collided so they do not collide again on the next round.
      const delay = pushRetryDelayMs(attempt, random);
      options.onRejected?.(outcome.reason, attempt, delay);
      await sleep(delay);
    }
  }
  return { status: 'rejected', attempts: options.maxAttempts, lastReason };
}
