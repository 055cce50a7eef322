import * as core from '@actions/core';
import { runGitHub } from '../../src/action/github.js';
import { runActionMain } from '../../src/action/run.js';
import { readCommonInputs, requireInput, runContext } from '../../src/action/inputs.js';
import { rollbackFailure, rollbackSummaryHtml } from '../../src/action/step-summaries.js';
import { loadPlan, renderDecisionLogPath } from '../../src/config/index.js';
import { defaultEvidenceRemote, isGitUrl } from '../../src/git/remote.js';
import { parseMetricsSnapshot } from '../../src/rollback/action-inputs.js';
import { checkRollbackStage, runRollback } from '../../src/rollback/run-rollback.js';
import { releaseDeploymentId } from '../../src/stage-gate/stage-ref.js';

async function act(): Promise<void> {
  const inputs = readCommonInputs();
  const stage = requireInput('stage', 'the stage being rolled back, a stage name of the plan');
  const reason = requireInput('reason', 'why the release is rolled back, e.g. "api_p95 hard breach"');
  const metricsSnapshot = parseMetricsSnapshot(core.getInput('metrics-snapshot'));
  const run = runContext();
  const plan = await loadPlan(inputs.config);
  // The stage reaches commands and evidence: an unknown name is a typo or an injection, refused before any step.
  checkRollbackStage(plan, stage, 'input stage');
  const github = runGitHub(inputs, run);
  const remote = inputs.evidenceRemote || defaultEvidenceRemote();
  // The same log the stage jobs of this run write (stage-gate's deployment id), unless one is given.
  const deploymentId =
    core.getInput('deployment-id').trim() || releaseDeploymentId(plan, inputs.version, run.runId);
  const decisionLog = {
    path: renderDecisionLogPath(plan, { version: inputs.version, deployment_id: deploymentId }),
    deploymentId,
  };
  const result = await runRollback({
    plan,
    version: inputs.version,
    stage,
    reason,
    triggeredBy: core.getInput('triggered-by').trim() || `manual (${run.actor || 'unknown actor'})`,
    ...(metricsSnapshot ? { metricsSnapshot } : {}),
    dryRun: inputs.dryRun,
    clock: { now: () => new Date() },
    deps: {
      cwd: run.workspace,
      traffic: { cwd: run.workspace, ...(inputs.token ? { gitToken: inputs.token } : {}), log: core.info },
      ...(github ? { github } : {}),
      evidence: { remote, decisionLog, ...(inputs.token && isGitUrl(remote) ? { token: inputs.token } : {}) },
      ...(run.runUrl ? { runUrl: run.runUrl } : {}),
      log: core.info,
    },
  });

  core.setOutput('ok', String(result.ok));
  core.setOutput('silence-id', result.silenceId ?? '');
  core.setOutput('incident', result.incidentNumber ? String(result.incidentNumber) : '');
  core.setOutput('evidence-file', result.evidenceFile ?? '');
  core.setOutput(
    'failed-steps',
    result.steps
      .filter((s) => !s.ok)
      .map((s) => s.name)
      .join(','),
  );
  const summaryInput = {
    service: plan.release.service,
    version: inputs.version,
    stage,
    reason,
    dryRun: inputs.dryRun,
  };
  await core.summary.addRaw(rollbackSummaryHtml(summaryInput, result), true).write();
  const failure = rollbackFailure(result);
  if (failure) core.setFailed(failure);
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('rollback', act);
}
