/** Mode first-night: the SLO burn-rate check after the first night, with the first-night environment's sign-off. */
import * as core from '@actions/core';
import { realClock } from '../../platform/clock.js';
import { createMetricSource } from '../../metrics/registry.js';
import { evaluateFirstNight } from '../../stage-gate/first-night.js';
import { readSignoff } from '../../stage-gate/github-side.js';
import { htmlFacts } from '../stage-summary.js';
import { escapeHtml } from '../summary.js';
import type { StageGateJob, StageGateReport } from './job.js';

export async function runFirstNightMode(job: StageGateJob): Promise<StageGateReport> {
  const { plan, inputs } = job;
  const source = createMetricSource(plan.metrics, { url: core.getInput('prometheus-url').trim() });
  const environment = plan.signoff.first_night?.environment ?? null;
  const { signoff, note } = await readSignoff(job.github, environment, job.log);
  const out = await evaluateFirstNight(
    {
      plan,
      version: inputs.version,
      deploymentId: job.deploymentId,
      dryRun: inputs.dryRun,
      signoff,
      signoffNote: note,
      ...(job.runUrl ? { runUrl: job.runUrl } : {}),
    },
    { source, evidence: job.evidence, clock: realClock, log: core.info },
  );
  if (!out.passed) core.error(out.reason, { title: 'First night: SLO burn rate' });
  return {
    outputs: { decision: out.decision, reason: out.reason, 'summary-json': JSON.stringify(out) },
    summaryHtml: [
      `<h2>${out.passed ? '✅' : '🛑'} First night: ${escapeHtml(out.decision)}${inputs.dryRun ? ' (dry-run)' : ''}</h2>`,
      `<p>${escapeHtml(out.reason)}</p>`,
      htmlFacts([
        ['Query', out.query.query],
        ['Origin', out.query.origin],
        [
          'Sign-off',
          signoff
            ? `${signoff.approver}${signoff.approval_comment ? `: ${signoff.approval_comment}` : ''}`
            : note,
        ],
        ['Evidence', `${out.decisionLog}: ${out.evidence.detail}`],
      ]),
    ].join('\n'),
    failure: out.passed ? null : `first night: ${out.reason}`,
  };
}
