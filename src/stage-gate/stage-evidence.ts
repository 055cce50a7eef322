/**
 * A decided stage's evidence in the shape callers outside the stage gate still use. The evidence itself is built by
 * buildStepEvidence (src/evidence/step-evidence.ts); this only maps the old argument names onto a StepResult and
 * reads the clock once.
 */
import type { Clock } from '../platform/clock.js';
import { buildStepEvidence, type StageStepResult, type StepEvidence } from '../evidence/step-evidence.js';
import type { TemplateSource } from '../evidence/render.js';

export interface StageEvidenceParts extends Omit<StageStepResult, 'kind'> {
  /** Unused: the timeline entry's time is the result's started_at. */
  startedAt?: Date;
  templates: TemplateSource;
  /** Read once: the step's `now`. */
  clock: Pick<Clock, 'now'>;
}

export type StageEvidence = StepEvidence;

export function stageEvidenceChanges(p: StageEvidenceParts): StageEvidence {
  const { startedAt: _startedAt, templates, clock, ...step } = p;
  return buildStepEvidence({ kind: 'stage', ...step }, { templates, now: clock.now() });
}
