/**
 * `verify-evidence --github`: a sign-off record names its approver, and GitHub keeps the run's environment
 * approvals. Each record with an approver is checked against the approvals of the run its `run_url` names, so a
 * record someone appended by hand (an approver nobody asked, a run that never had that review) is named.
 */
import { fileProblem, type EvidenceProblem } from './evidence-problem.js';

export interface RunRef {
  owner: string;
  repo: string;
  runId: number;
}

/**
 * The logins that reviewed (approved or rejected) environments of a run, or null when GitHub does not know
 * the run. Passed in, so this module does not depend on the GitHub client.
 */
export type RunReviewersReader = (run: RunRef) => Promise<Set<string> | null>;

const RUN_URL = /^https?:\/\/[^/]+\/([^/\s]+)\/([^/\s]+)\/actions\/runs\/(\d+)(?:\/|$)/;

export function runOfUrl(url: unknown): RunRef | null {
  const match = typeof url === 'string' ? RUN_URL.exec(url) : null;
  return match ? { owner: match[1]!, repo: match[2]!, runId: Number(match[3]) } : null;
}

export async function checkApprovers(
  logs: { file: string; records: unknown[] }[],
  readReviewers: RunReviewersReader,
): Promise<EvidenceProblem[]> {
  const problems: EvidenceProblem[] = [];
  const cache = new Map<string, Promise<Set<string> | null>>();
  for (const { file, records } of logs) {
    for (const [index, raw] of records.entries()) {
      const record = (raw ?? {}) as Record<string, unknown>;
      if (typeof record.approver !== 'string' || record.approver.trim() === '') continue;
      const at = {
        recordIndex: index,
        phase: typeof record.phase === 'string' ? record.phase : null,
        field: 'approver',
      };
      const run = runOfUrl(record.run_url);
      if (!run) {
        problems.push(
          fileProblem(
            file,
            `${record.approver} cannot be checked with GitHub: the record names no workflow run (run_url ${JSON.stringify(record.run_url)})`,
            at,
          ),
        );
        continue;
      }
      const key = `${run.owner}/${run.repo}#${run.runId}`;
      if (!cache.has(key)) cache.set(key, readReviewers(run));
      const reviewers = await cache.get(key)!;
      if (reviewers === null) {
        problems.push(fileProblem(file, `names run ${key}, which GitHub does not know`, at));
        continue;
      }
      const unknown = record.approver
        .split(',')
        .map((l) => l.trim())
        .filter((login) => login !== '' && !reviewers.has(login.toLowerCase()));
      if (unknown.length > 0) {
        problems.push(
          fileProblem(
            file,
            `${unknown.join(', ')}: GitHub's environment approvals of run ${key} name no such reviewer (${reviewers.size ? `it knows ${[...reviewers].sort().join(', ')}` : 'it has none'})`,
            at,
          ),
        );
      }
    }
  }
  return problems;
}
