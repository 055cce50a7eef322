import { ConfigurationError } from '../config/index.js';
import { appendDecision, type DecisionInput } from './decision-log.js';
import { checkEvidencePath } from './paths.js';
import type { EvidenceChange, PushWorkspace } from './push.js';
import type { Clock } from '../platform/clock.js';

/**
 * The decision log as a change for pushEvidence: the record is appended to whatever the branch holds when the
 * push is (re)tried, so concurrent jobs extend one chain instead of overwriting each other. After GA the update
 * throws EvidenceSealedError and pushEvidence pushes nothing.
 *
 * Each file the record names gets its sha256 as the push commits it, so list this change after the changes
 * that write those files.
 */
export function decisionLogChange(
  file: string,
  input: DecisionInput,
  clock: Pick<Clock, 'now'>,
): EvidenceChange {
  const checked = checkEvidencePath(file, 'evidence.decisions');
  return {
    path: checked,
    kind: 'decision-log',
    update: (current, workspace) =>
      appendDecision(current, workspace ? withDigests(input, workspace) : input, clock, checked),
  };
}

/** The input with every named evidence file as `{path, sha256}`; a file that is not there is an error. */
export function withDigests(input: DecisionInput, workspace: PushWorkspace): DecisionInput {
  const files = (input.evidence_files ?? []).map((named, i) => {
    const file = typeof named === 'string' ? named : named.path;
    const sha256 = workspace.digestOf(file);
    if (sha256 === null)
      throw new ConfigurationError(
        `decision.evidence_files[${i}]: ${file} is neither written by this push nor on the evidence branch; a record names only files it can vouch for`,
      );
    if (typeof named !== 'string' && named.sha256 !== sha256)
      throw new ConfigurationError(
        `decision.evidence_files[${i}]: ${file} has sha256 ${sha256}, not the ${named.sha256} given`,
      );
    return { path: file, sha256 };
  });
  return { ...input, evidence_files: files };
}
