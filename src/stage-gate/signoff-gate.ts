/**
 * Whether a stage may move traffic given its sign-off. A stage that names an environment needs an approval of that
 * environment in this run attempt unless it says `signoff: optional`. GitHub itself holds a job only when the
 * environment has required reviewers; without them (not configured, or a plan that offers none on private
 * repositories) the job runs unreviewed, so the gate checks the approval instead of trusting that the job ran.
 *
 * Pure: takes what was read (see readSignoff) and returns a verdict. Fail closed: an approval that could not be
 * read is missing, and a latest review that rejected is never a sign-off, whatever the policy.
 */
import { ConfigurationError } from '../config/index.js';
import type { EnvironmentSignoff } from '../evidence/approvals.js';
import type { SignoffReading } from './github-side.js';
import type { StageRef } from './stage-ref.js';

export type SignoffPolicy = 'required' | 'optional';

export interface SignoffVerdict {
  allowed: boolean;
  signoff: EnvironmentSignoff | null;
  /** For the decision record's notes and the job summary; the refusal's reason when not allowed. */
  note: string;
}

/** A stage refused for its sign-off, before any traffic moved: the job fails and the rollback job runs. */
export class SignoffRefused extends ConfigurationError {
  constructor(message: string) {
    super(message);
    this.name = 'SignoffRefused';
  }
}

export function judgeSignoff(stage: StageRef, reading: SignoffReading): SignoffVerdict {
  const environment = stage.environment;
  const policy: SignoffPolicy = stage.config.signoff ?? 'required';
  const where = `stage ${stage.number} ${stage.config.name}`;
  if (!environment) return { allowed: true, signoff: null, note: reading.note };
  const signoff = reading.signoff;
  if (signoff?.state === 'rejected') {
    return {
      allowed: false,
      signoff,
      note: `${where}: the latest review of environment ${environment} in this run is a rejection by ${signoff.approver}${signoff.approval_comment ? ` ("${signoff.approval_comment}")` : ''}; no traffic was moved`,
    };
  }
  if (signoff?.state === 'approved') {
    const simulated = signoff.simulated ? ' (a rehearsal: simulated approval, not a real sign-off)' : '';
    return { allowed: true, signoff, note: simulated ? `sign-off${simulated}` : '' };
  }
  if (policy === 'optional')
    return {
      allowed: true,
      signoff: null,
      note: `${reading.note}; the stage proceeds without one (signoff: optional)`,
    };
  const why = reading.read
    ? `${reading.note}, so nobody signed this stage off (GitHub runs the job unreviewed when the environment has no required reviewers)`
    : `${reading.note}; an approval that cannot be read is missing`;
  return {
    allowed: false,
    signoff: null,
    note: `${where}: environment ${environment} requires an approval in this run attempt before traffic moves (signoff: required): ${why}; no traffic was moved. Give ${environment} required reviewers (see setup-environments and the preflight signoff check), or set stages[${stage.index}].signoff: optional`,
  };
}
