/**
 * How the release workflow ended, as the workflow's job results tell it. The evidence alone cannot tell a rollback
 * job that never finished from one that never started, so the workflow passes the outcome to the mini-RCA, which
 * states it at the top of its observations.
 */
import { ConfigurationError } from '../config/index.js';

const RUN_OUTCOMES = {
  promoted: 'promoted: GA recorded, the release tagged, and the first night passed or was not required',
  'rolled-back': 'rolled back: a stage or promote failed, and the rollback job completed',
  'rollback-failed':
    'rollback FAILED: the rollback job failed or was cancelled; check traffic and silences by hand',
  'first-night-failed': 'first night FAILED: GA was recorded and tagged, then the first-night check failed',
  'release-tag-failed':
    'release tag FAILED: GA was recorded, but the tag or the GitHub release was not written',
} as const;

export type RunOutcome = keyof typeof RUN_OUTCOMES;

/** The `run-outcome` input: empty means not told (a local run); anything else must be one of the outcomes. */
export function parseRunOutcome(input: string, field = 'input run-outcome'): RunOutcome | null {
  const text = input.trim();
  if (!text) return null;
  if (text in RUN_OUTCOMES) return text as RunOutcome;
  throw new ConfigurationError(
    `${field}: ${JSON.stringify(text)} is not an outcome (one of ${Object.keys(RUN_OUTCOMES).join(', ')})`,
  );
}

export function describeRunOutcome(outcome: RunOutcome): string {
  return `Workflow outcome: ${RUN_OUTCOMES[outcome]}`;
}
