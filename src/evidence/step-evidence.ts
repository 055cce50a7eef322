/**
 * The evidence of one step, built in one place from the step's result: its files, its decision record and its
 * timeline entry, as changes for one push. Pure and one-way: the step hands its result down, gets the changes back
 * and pushes them; nothing here reaches back up into the step that decided.
 *
 * One `now` per step, passed in: it stamps the files and the decision record's recorded_at. Times that are facts of
 * the result (when the stage opened, when it decided) come from the result itself, so a re-built step gives the
 * same bytes for the same result and the same `now`.
 *
 * Only stage steps are built here today; rollback, promote and the mini-RCA add their kind to StepResult.
 */
import type { ReleasePlan } from '../config/index.js';
import type { EvidenceChange } from './push.js';
import { decisionLogChange } from './record-decision.js';
import { renderEvidence, type TemplateSource } from './render.js';
import { decisionLogPath, evidenceDir } from './paths.js';
import { stageResultFileName } from './stage-files.js';
import {
  rolloutStageView,
  stageDecisionInput,
  summaryStageView,
  warroomView,
  type DecidedStage,
} from './stage-views.js';
import { timelineChange } from './timeline.js';

/** A decided stage: rollout_stage_<w>.txt, summary_stage_<n>.txt, war-room lines, stage_<n>.json, timeline, record. */
export interface StageStepResult extends DecidedStage {
  kind: 'stage';
  plan: ReleasePlan;
  /** 1 for the stage's first result on the branch; a re-run of the stage is 2, 3... (stage_<n>_<k>.json). */
  attempt: number;
}

export type StepResult = StageStepResult;

export interface StepEvidence {
  /** In push order: the files first, the decision record (which names them with their digests) last. */
  changes: EvidenceChange[];
  /** The files the decision record names. */
  files: string[];
  /** The decision log the record is appended to. */
  decisionLog: string;
}

export interface StepEvidenceOptions {
  templates: TemplateSource;
  /** The step's one reading of its clock. */
  now: Date;
}

export function buildStepEvidence(step: StepResult, options: StepEvidenceOptions): StepEvidence {
  switch (step.kind) {
    case 'stage':
      return stageStepEvidence(step, options);
  }
}

function stageStepEvidence(step: StageStepResult, options: StepEvidenceOptions): StepEvidence {
  const { plan, version, stage, result } = step;
  const dir = evidenceDir(plan, version);
  const clock = { now: () => options.now };
  const renderOptions = { clock, templates: options.templates, dir };
  const rollout = renderEvidence(
    'rollout_stage',
    rolloutStageView(plan, version, stage, result, step.runUrl),
    renderOptions,
  );
  const summary = renderEvidence(
    'summary_stage',
    summaryStageView(version, stage, result, step.signoff, step.runUrl),
    renderOptions,
  );
  const warroomLines = result.samples.map((s) =>
    renderEvidence('warroom_log', warroomView(version, stage, s.warroom), renderOptions),
  );
  const stageJson = `${dir}/${stageResultFileName(result, step.attempt)}`;
  const files = [
    rollout.path,
    summary.path,
    stageJson,
    ...(warroomLines.length ? [warroomLines[0]!.path] : []),
  ];
  const changes: EvidenceChange[] = [
    { path: rollout.path, content: rollout.content },
    { path: summary.path, content: summary.content },
    { path: stageJson, content: `${JSON.stringify(result, null, 2)}\n` },
  ];
  if (warroomLines.length)
    changes.push({
      path: warroomLines[0]!.path,
      content: warroomLines.map((w) => w.content).join(''),
      mode: 'append',
    });
  changes.push(
    timelineChange(
      {
        version,
        at: new Date(result.started_at),
        lines: [`Stage: ${stage.number} (${stage.weight}%) ${stage.config.name}: ${result.decision}`],
        ...(step.runUrl ? { runUrl: step.runUrl } : {}),
      },
      { templates: options.templates, dir },
    ),
  );
  const decisionLog = decisionLogPath(plan, version, step.deploymentId);
  changes.push(
    decisionLogChange(
      decisionLog,
      stageDecisionInput({
        version,
        deploymentId: step.deploymentId,
        stage,
        result,
        signoff: step.signoff,
        ...(step.signoffNote !== undefined ? { signoffNote: step.signoffNote } : {}),
        ...(step.runUrl ? { runUrl: step.runUrl } : {}),
        evidenceFiles: files,
        ...(step.trafficDetail !== undefined ? { trafficDetail: step.trafficDetail } : {}),
        ...(step.trafficCut !== undefined ? { trafficCut: step.trafficCut } : {}),
      }),
      clock,
    ),
  );
  return { changes, files, decisionLog };
}
