/**
 * A decided stage's evidence as changes for one push: rollout_stage_<w>.txt, summary_stage_<n>.txt, the war-room
 * lines, stage_<n>.json, the timeline entry and the decision record with the stage's sign-off. Pure (the decision
 * record is stamped by the clock passed in when the push applies it). The stage-gate action and `simulate` both
 * write a stage through this one function, so a simulated stage leaves the same files a stage job does.
 */
import type { ReleasePlan } from '../config/index.js';
import type { EnvironmentSignoff } from '../evidence/approvals.js';
import type { EvidenceChange } from '../evidence/push.js';
import { decisionLogChange } from '../evidence/record-decision.js';
import { renderEvidence, type TemplateSource } from '../evidence/render.js';
import type { StageResult } from '../gate/types.js';
import { stageResultFileName } from '../evidence/stage-results.js';
import { decisionLogPath, evidenceDir } from './evidence-target.js';
import type { StageRef } from './stage-ref.js';
import { timelineChange } from './timeline.js';
import { rolloutStageView, stageDecisionInput, summaryStageView, warroomView } from './views.js';
import type { Clock } from '../platform/clock.js';

export interface StageEvidenceParts {
  plan: ReleasePlan;
  version: string;
  deploymentId: string;
  stage: StageRef;
  result: StageResult;
  signoff: EnvironmentSignoff | null;
  signoffNote?: string;
  trafficDetail?: string;
  /** The stage gate's cut back to the baseline share (traffic-cut.ts), when it made one. */
  trafficCut?: string;
  runUrl?: string;
  /** 1 for the stage's first result on the branch; a re-run of the stage is 2, 3... (stage_<n>_<k>.json). */
  attempt: number;
  /** When the stage opened: the timeline entry's time. */
  startedAt: Date;
  templates: TemplateSource;
  /** Stamps the decision record (recorded_at) when the push applies it. */
  clock: Pick<Clock, 'now'>;
}

export interface StageEvidence {
  changes: EvidenceChange[];
  /** The files the decision record names. */
  files: string[];
  decisionLog: string;
}

export function stageEvidenceChanges(p: StageEvidenceParts): StageEvidence {
  const { plan, version, stage, result } = p;
  const dir = evidenceDir(plan, version);
  const renderOptions = {
    clock: { now: () => new Date(result.decided_at) },
    templates: p.templates,
    dir,
  };
  const rollout = renderEvidence(
    'rollout_stage',
    rolloutStageView(plan, version, stage, result, p.runUrl),
    renderOptions,
  );
  const summary = renderEvidence(
    'summary_stage',
    summaryStageView(version, stage, result, p.signoff, p.runUrl),
    renderOptions,
  );
  const warroomLines = result.samples.map((s) =>
    renderEvidence('warroom_log', warroomView(version, stage, s.warroom), renderOptions),
  );
  const stageJson = `${dir}/${stageResultFileName(result, p.attempt)}`;
  const logPath = decisionLogPath(plan, version, p.deploymentId);
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
        at: p.startedAt,
        lines: [`Stage: ${stage.number} (${stage.weight}%) ${stage.config.name}: ${result.decision}`],
        ...(p.runUrl ? { runUrl: p.runUrl } : {}),
      },
      { templates: p.templates, dir },
    ),
  );
  changes.push(
    decisionLogChange(
      logPath,
      stageDecisionInput({
        version,
        deploymentId: p.deploymentId,
        stage,
        result,
        signoff: p.signoff,
        ...(p.signoffNote !== undefined ? { signoffNote: p.signoffNote } : {}),
        ...(p.runUrl ? { runUrl: p.runUrl } : {}),
        evidenceFiles: files,
        ...(p.trafficDetail !== undefined ? { trafficDetail: p.trafficDetail } : {}),
        ...(p.trafficCut !== undefined ? { trafficCut: p.trafficCut } : {}),
      }),
      p.clock,
    ),
  );
  return { changes, files, decisionLog: logPath };
}
