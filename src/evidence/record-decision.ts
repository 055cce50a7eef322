import { appendDecision, type Clock, type DecisionInput } from './decision-log.js';
import { checkEvidencePath } from './paths.js';
import type { EvidenceChange } from './push.js';

/**
 * The decision log as a change for pushEvidence: the record is appended to whatever the branch holds when the
 * push is (re)tried, so concurrent jobs extend one chain instead of overwriting each other. After GA the update
 * throws EvidenceSealedError and pushEvidence pushes nothing.
 */
export function decisionLogChange(file: string, input: DecisionInput, clock: Clock): EvidenceChange {
  const checked = checkEvidencePath(file, 'evidence.decisions');
  return { path: checked, update: (current) => appendDecision(current, input, clock, checked) };
}
