/**
 * A rehearsal's sign-off for one stage: one of the plan's reviewers of the stage's environment approves it on the
 * simulated GitHub, and the stage then reads and judges it with the live stage gate's own functions (readSignoff,
 * judgeSignoff), so a rehearsal meets the same enforcement a release does.
 *
 * What it records is marked as simulated everywhere it lands (`<login> (simulated)`, `simulated: true`, the
 * comment): a rehearsal's approval is never a real sign-off. The reviewer is the first of
 * `environments.<name>.reviewers` (names compare case-insensitively, as on GitHub); a plan that names none there
 * leaves the reviewers to GitHub's settings, and the rehearsal approves as `reviewer-of-<environment>`.
 */
import type { ReleasePlan } from '../config/index.js';
import { sameEnvironment } from '../evidence/approvals.js';
import { readSignoff, type GateGitHub, type GateLog } from '../stage-gate/github-side.js';
import { judgeSignoff, type SignoffVerdict } from '../stage-gate/signoff-gate.js';
import type { StageRef } from '../stage-gate/stage-ref.js';
import type { LocalGithub } from './local-github.js';

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

export async function rehearseSignoff(
  plan: ReleasePlan,
  stage: StageRef,
  github: LocalGithub,
  gate: GateGitHub & { runId: number },
  rehearsal: string,
  log: GateLog,
): Promise<SignoffVerdict> {
  if (stage.environment) {
    const reviewer = rehearsalReviewer(plan, stage.environment);
    github.approve(
      gate.runId,
      stage.environment,
      reviewer,
      `simulated approval (${rehearsal}): not a real sign-off`,
    );
  }
  const reading = await readSignoff(gate, stage.environment, log);
  const marked = reading.signoff
    ? {
        ...reading,
        signoff: {
          ...reading.signoff,
          approver: `${reading.signoff.approver} (simulated)`,
          simulated: true as const,
        },
      }
    : reading;
  return judgeSignoff(stage, marked);
}
