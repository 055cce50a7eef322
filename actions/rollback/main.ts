import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { readCommonInputs, requireInput, runContext } from '../../src/action/inputs.js';
import { escapeHtml } from '../../src/action/summary.js';
import { loadPlan, renderDecisionLogPath } from '../../src/config/index.js';
import { defaultEvidenceRemote, isGitUrl } from '../../src/git/remote.js';
import { parseRepository } from '../../src/github/api/index.js';
import { createGitHubClient } from '../../src/github/client.js';
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
  const log = { info: core.info, warn: core.warning, debug: core.debug };
  const github =
    inputs.token && run.repository
      ? {
          client: createGitHubClient({
            token: inputs.token,
            baseUrl: run.apiUrl,
            dryRun: inputs.dryRun,
            log,
          }),
          repo: parseRepository(run.repository),
        }
      : undefined;
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

  const failed = result.steps.filter((s) => !s.ok).map((s) => s.name);
  core.setOutput('ok', String(result.ok));
  core.setOutput('silence-id', result.silenceId ?? '');
  core.setOutput('incident', result.incidentNumber ? String(result.incidentNumber) : '');
  core.setOutput('evidence-file', result.evidenceFile ?? '');
  core.setOutput('failed-steps', failed.join(','));
  await core.summary
    .addHeading(
      `Rollback: ${escapeHtml(plan.release.service)} v${escapeHtml(inputs.version)}${inputs.dryRun ? ' (dry-run)' : ''}`,
      2,
    )
    .addRaw(
      `<p>Stage <code>${escapeHtml(stage)}</code>, reason: ${escapeHtml(reason)}. ${
        result.ok
          ? 'Every step done.'
          : `<strong>Failed: ${escapeHtml(failed.join(', '))}</strong> (the other steps still ran).`
      }</p>`,
    )
    .addTable([
      [
        { data: 'Step', header: true },
        { data: 'Result', header: true },
        { data: 'What happened', header: true },
      ],
      ...result.steps.map((s) => [
        escapeHtml(s.name),
        s.skipped ? 'skipped' : s.ok ? 'OK' : 'FAILED',
        escapeHtml(s.detail),
      ]),
    ])
    .write();
  if (!result.ok) {
    core.setFailed(
      `rollback: ${failed.length} of ${result.steps.length} steps failed (${failed.join(', ')}); done: ${
        result.steps
          .filter((s) => s.ok)
          .map((s) => s.name)
          .join(', ') || 'none'
      }. ${result.steps
        .filter((s) => !s.ok)
        .map((s) => `${s.name}: ${s.error}`)
        .join(' | ')}`,
    );
  }
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('rollback', act);
}
