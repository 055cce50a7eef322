/**
 * Where a release's evidence goes and how it is pushed, shared by the three stage-gate modes: one push per job,
 * every file in one commit, nothing pushed in dry-run (the would-be paths are reported instead).
 */
import type { ReleasePlan } from '../config/index.js';
import { evidenceCommitMessage, pushEvidence, type EvidenceChange } from '../evidence/push.js';
import type { TemplateSource } from '../evidence/render.js';
import type { GitCommandManagerFactory } from '../git/git-command-manager.js';
import type { Clock } from '../platform/clock.js';

export interface EvidenceTarget {
  /** Git URL or local path of the evidence repository. */
  remote: string;
  token?: string;
  templates: TemplateSource;
  /** Relative remotes resolve here. */
  cwd?: string;
  git?: GitCommandManagerFactory;
}

export interface EvidencePushOutcome {
  paths: string[];
  /** Null in dry-run. */
  commit: string | null;
  changed: boolean;
  detail: string;
}

export async function pushStageEvidence(
  plan: ReleasePlan,
  target: EvidenceTarget,
  changes: EvidenceChange[],
  message: { version: string; step: string; summary: string; runUrl?: string },
  options: { dryRun: boolean; clock: Pick<Clock, 'now'>; log: (line: string) => void },
): Promise<EvidencePushOutcome> {
  const paths = changes.map((c) => c.path);
  if (options.dryRun) {
    return {
      paths,
      commit: null,
      changed: false,
      detail: `dry-run: would push ${paths.join(', ')} to ${plan.evidence.branch}`,
    };
  }
  const pushed = await pushEvidence({
    remote: target.remote,
    branch: plan.evidence.branch,
    files: changes,
    message: evidenceCommitMessage({
      release: `v${message.version}`,
      stage: message.step,
      runUrl: message.runUrl ?? null,
      summary: message.summary.slice(0, 72),
    }),
    clock: options.clock,
    log: options.log,
    ...(target.token ? { token: target.token } : {}),
    ...(target.cwd ? { cwd: target.cwd } : {}),
    ...(target.git ? { git: target.git } : {}),
  });
  return {
    paths,
    commit: pushed.commit,
    changed: pushed.changed,
    detail: pushed.changed
      ? `pushed ${paths.length} file(s) to ${plan.evidence.branch} as ${pushed.commit.slice(0, 12)}`
      : `${plan.evidence.branch} already held this evidence (${pushed.commit.slice(0, 12)})`,
  };
}
