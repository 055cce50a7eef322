/**
 * What every stage-gate mode starts from: the action's inputs, the plan, the run's decision-log id, where the
 * evidence goes and the GitHub side. Read once here, so each mode is only its step call and its report.
 */
import path from 'node:path';
import * as core from '@actions/core';
import { ConfigurationError, loadPlan, type ReleasePlan } from '../../config/index.js';
import { createTemplateSource } from '../../evidence/render.js';
import { defaultEvidenceRemote, isGitUrl } from '../../git/remote.js';
import type { EvidenceTarget } from '../../stage-gate/evidence-target.js';
import type { GateGitHub } from '../../stage-gate/github-side.js';
import { releaseDeploymentId } from '../../stage-gate/stage-ref.js';
import { runGitHub } from '../github.js';
import { readCommonInputs, runContext, type CommonInputs } from '../inputs.js';

export const STAGE_GATE_MODES = ['stage', 'promote', 'first-night'] as const;
export type StageGateMode = (typeof STAGE_GATE_MODES)[number];

export interface StageGateJob {
  inputs: CommonInputs;
  run: ReturnType<typeof runContext>;
  plan: ReleasePlan;
  deploymentId: string;
  evidence: EvidenceTarget;
  github: GateGitHub | null;
  runUrl: string | undefined;
  log: { info: (line: string) => void; warn: (line: string) => void };
}

/** What a mode reports: the step's outputs, its job summary (HTML, every string escaped) and a failure, if any. */
export interface StageGateReport {
  outputs: Record<string, string>;
  summaryHtml: string;
  /** Set when the step must fail (fail closed: anything but PROCEED, PROMOTED or PASS). */
  failure: string | null;
}

export function readStageGateMode(): StageGateMode {
  const raw = core.getInput('mode').trim() || 'stage';
  if (!(STAGE_GATE_MODES as readonly string[]).includes(raw))
    throw new ConfigurationError(`input mode: "${raw}" is not one of ${STAGE_GATE_MODES.join(', ')}`);
  return raw as StageGateMode;
}

export async function readStageGateJob(): Promise<StageGateJob> {
  const inputs = readCommonInputs();
  const run = runContext();
  const plan = await loadPlan(inputs.config);
  const log = { info: core.info, warn: core.warning };
  const remote = inputs.evidenceRemote || defaultEvidenceRemote();
  const github = runGitHub(inputs, run);
  return {
    inputs,
    run,
    plan,
    deploymentId:
      core.getInput('deployment-id').trim() || releaseDeploymentId(plan, inputs.version, run.runId),
    evidence: {
      remote,
      templates: createTemplateSource(
        plan.evidence.templates ? { overrideDir: path.resolve(run.workspace, plan.evidence.templates) } : {},
      ),
      cwd: run.workspace,
      ...(inputs.token && isGitUrl(remote) ? { token: inputs.token } : {}),
    },
    github: github ? { ...github, runId: /^\d+$/.test(run.runId) ? Number(run.runId) : null } : null,
    runUrl: run.runUrl || undefined,
    log,
  };
}
