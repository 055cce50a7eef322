/**
 * A rehearsal's sign-off for one stage: one of the plan's reviewers of the stage's environment approves it on the
 * GitHub emulator, as a human would on the run's page. The stage gate then reads and judges it exactly as a live
 * stage does (runStageGate: readSignoff, judgeSignoff), so a rehearsal meets the same enforcement a release does.
 *
 * The approval's comment says it is simulated, and that comment is what the decision record carries beside the
 * approver: a rehearsal's approval is never a real sign-off. The reviewer is the first of
 * `environments.<name>.reviewers` (names compare case-insensitively, as on GitHub); a plan that names none there
 * leaves the reviewers to GitHub's settings, and the rehearsal approves as `reviewer-of-<environment>`.
 */
import type { ReleasePlan } from '../config/index.js';
import { sameEnvironment } from '../evidence/approvals.js';
import type { GitHubEmulator } from '../github-emulator/index.js';

/** The reviewer a rehearsal approves as: the plan's first reviewer of the environment, or a named stand-in. */
export function rehearsalReviewer(plan: ReleasePlan, environment: string): string {
  const settings = Object.entries(plan.environments).find(([name]) =>
    sameEnvironment(name, environment),
  )?.[1];
  const first = settings?.reviewers[0];
  if (!first) return `reviewer-of-${environment}`;
  // A team reviewer is written org/team; an approval is always given by one user, so the stand-in names the team.
  return first.includes('/') ? `member-of-${first.replace('/', '-')}` : first;
}

/** Approves `environment` for the run on the emulator; returns the approving login. */
export function rehearseSignoff(
  plan: ReleasePlan,
  environment: string,
  github: GitHubEmulator,
  runId: number,
  rehearsal: string,
): string {
  const reviewer = rehearsalReviewer(plan, environment);
  github.state.addRunApproval(runId, {
    environments: [environment],
    state: 'approved',
    user: reviewer,
    comment: `simulated approval (${rehearsal}): not a real sign-off`,
  });
  return reviewer;
}
