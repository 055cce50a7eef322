/**
 * Which held pull request to block first. Without a merge block, a held PR stays mergeable until its failing
 * status is written, and writing 750 of them takes over an hour under GitHub's limits; the PRs most likely to be
 * merged in that hour go first. Known from what the run has read anyway, at no extra request: drafts cannot merge
 * (last); a PR whose head shows a green freeze status from before the freeze passes the required check now
 * (first). Approval is not known without one more request per PR against the token's hourly budget, so it does
 * not rank. Ties keep the oldest PR first.
 */
export interface PullReadiness {
  number: number;
  draft: boolean;
  /** The freeze status on the head is success now (null: not read). */
  freezeGreen: boolean | null;
}

function rank(p: PullReadiness): number {
  if (p.draft) return 2;
  return p.freezeGreen === true ? 0 : 1;
}

export function mostMergeableFirst<T extends PullReadiness>(pulls: readonly T[]): T[] {
  return [...pulls].sort((a, b) => rank(a) - rank(b) || a.number - b.number);
}
