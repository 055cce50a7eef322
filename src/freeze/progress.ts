/**
 * How many held pull requests can still merge while start runs, and when the last one will not. Recorded in the
 * freeze state (so `freeze status`, from another run, can say it) and printed by start as it goes.
 */
import type { FreezeEvidenceWriter, EvidenceFile } from './evidence.js';
import type { HoldProgress } from './state.js';

export function holdProgress(
  method: HoldProgress['method'],
  held: number | null,
  mergeable: number | null,
  etaMs: number | null,
  now: Date,
): HoldProgress {
  return {
    method,
    held,
    mergeable,
    eta: etaMs === null || mergeable === 0 ? null : new Date(now.getTime() + etaMs).toISOString(),
    updated_at: now.toISOString(),
  };
}

/** Equal but for the time it was taken: a re-run that finds nothing left to block commits nothing new. */
export function sameProgress(
  a: HoldProgress | null | undefined,
  b: HoldProgress | null | undefined,
): boolean {
  if (!a || !b) return a === b;
  return a.method === b.method && a.held === b.held && a.mergeable === b.mergeable && a.eta === b.eta;
}

export function progressLine(release: string, p: HoldProgress, baseBranches: readonly string[]): string {
  const into = baseBranches.join(', ');
  if (p.method === 'ruleset')
    return `freeze ${release}: a ruleset blocks every merge into ${into} except the plan's exemptions; 0 held PR(s) can merge`;
  if (p.mergeable === null) return `freeze ${release}: classifying open PRs into ${into}`;
  if (p.mergeable === 0)
    return `freeze ${release}: all ${p.held ?? 0} held PR(s) carry the failing status; none can merge`;
  if (p.held === null)
    return `freeze ${release}: up to ${p.mergeable} PR(s) into ${into} can still merge (classified and blocked as it goes); ETA ${p.eta ?? 'unknown'} for the last blocking status`;
  return `freeze ${release}: ${p.mergeable} of ${p.held ?? '?'} held PR(s) can still merge; ETA ${p.eta ?? 'unknown'} for the last blocking status`;
}

/**
 * Commits the state with its progress in the background, at most one push at a time and the newest state winning,
 * so the status writes never wait for git. `flush` waits for the last push; a failed push is logged, and the final
 * evidence commit carries the state anyway.
 */
export function progressPublisher(
  evidence: FreezeEvidenceWriter,
  message: string,
  log: (line: string) => void,
): { publish(file: EvidenceFile): void; flush(): Promise<void> } {
  let pending: EvidenceFile | null = null;
  let running: Promise<void> | null = null;
  const drain = async () => {
    while (pending !== null) {
      const file = pending;
      pending = null;
      try {
        await evidence.write([file], message);
      } catch (error) {
        log(`freeze progress not published to ${evidence.target}: ${(error as Error).message}`);
      }
    }
    running = null;
  };
  return {
    publish(file) {
      pending = file;
      running ??= drain();
    },
    async flush() {
      while (running !== null) await running;
    },
  };
}
