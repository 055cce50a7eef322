/**
 * Mode stage: one stage live (runStageGate) with the job's cancellation wired to the engine, the breaches as
 * annotations, and the stage's summary. The step fails unless the decision is PROCEED (fail closed).
 */
import * as core from '@actions/core';
import { getErrorMessage } from '../../config/index.js';
import { realClock } from '../../platform/clock.js';
import { createMetricSource } from '../../metrics/registry.js';
import { runStageGate, type StageGateOutcome } from '../../stage-gate/run-stage-gate.js';
import { breaches } from '../../evidence/stage-views.js';
import { createTrafficProvider } from '../../traffic/index.js';
import { readBoolean, requireInput } from '../inputs.js';
import { stageSummaryHtml } from '../stage-summary.js';
import type { StageGateJob, StageGateReport } from './job.js';

/** A cancelled job stops sampling; the engine reports the stop, which is never a pass. */
function abortOnSignals(): AbortSignal {
  const abort = new AbortController();
  const stop = (signal: string) => abort.abort(new Error(`job received ${signal}`));
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return abort.signal;
}

export async function runStageMode(job: StageGateJob): Promise<StageGateReport> {
  const { plan, inputs, run } = job;
  const stageInput = requireInput('stage', 'a stage number such as "3" or a stage name');
  const setTraffic = readBoolean('set-traffic', true);
  let out: StageGateOutcome;
  try {
    out = await runStageGate(
      {
        plan,
        version: inputs.version,
        stage: stageInput,
        deploymentId: job.deploymentId,
        dryRun: inputs.dryRun,
        setTraffic,
        sha: run.sha,
        ...(job.runUrl ? { runUrl: job.runUrl } : {}),
      },
      {
        source: createMetricSource(plan.metrics, { url: core.getInput('prometheus-url').trim() }),
        clock: realClock,
        traffic: setTraffic
          ? createTrafficProvider(plan.traffic, { cwd: run.workspace, log: core.info })
          : null,
        github: job.github,
        evidence: job.evidence,
        log: job.log,
        signal: abortOnSignals(),
        onSample: (sample) => core.info(sample.warroom),
      },
    );
  } catch (e) {
    // The rollback job reads this output: say what stopped the stage even when no decision was made.
    core.setOutput('reason', `stage ${stageInput} stopped before a decision: ${getErrorMessage(e)}`);
    throw e;
  }
  const { result, stage } = out;
  for (const g of breaches(result)) {
    core.error(`${g.name}: ${g.reason}`, {
      title: `Stage ${stage.number} ${stage.config.name}: ${g.status.toUpperCase()} ${g.name}`,
    });
  }
  const { samples: _samples, ...compact } = result;
  return {
    outputs: {
      decision: result.decision,
      reason: result.reason,
      'summary-json': JSON.stringify({
        ...compact,
        samples: result.samples.length,
        deployment_id: job.deploymentId,
        decision_log: out.decisionLog,
        evidence: out.evidence.paths,
        traffic_cut: out.trafficCut,
        notifications: out.notifications,
      }),
    },
    summaryHtml: stageSummaryHtml({
      plan,
      version: inputs.version,
      stageNumber: stage.number,
      result,
      dryRun: inputs.dryRun,
      // Linked on the branch's web view when the evidence is kept in this repository.
      evidence: {
        paths: out.evidence.paths,
        web:
          inputs.evidenceRemote || inputs.dryRun
            ? null
            : { serverUrl: run.serverUrl, repository: run.repository, branch: plan.evidence.branch },
      },
      facts: [
        [
          'Sign-off',
          out.signoff
            ? `${out.signoff.approver} (${out.signoff.state})${out.signoff.approval_comment ? `: ${out.signoff.approval_comment}` : ''}`
            : out.signoffNote,
        ],
        ['Traffic', out.traffic],
        ...(out.trafficCut ? [['Traffic cut', out.trafficCut.detail] as [string, string]] : []),
        ['Deployment', out.deployment],
        ['Metrics', result.source],
        ['Decision log', `${out.decisionLog} (${job.deploymentId})`],
        ['Evidence', out.evidence.detail],
      ],
    }),
    failure: out.passed
      ? null
      : `Stage ${stage.number} ${stage.config.name}: ${result.decision}: ${result.reason}`,
  };
}
