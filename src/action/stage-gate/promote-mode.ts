/** Mode promote: the promote job (precondition, silence and promote commands, GA record) and its report. */
import * as core from '@actions/core';
import { realClock } from '../../platform/clock.js';
import { promote } from '../../stage-gate/promote.js';
import { htmlFacts } from '../stage-summary.js';
import { escapeHtml } from '../summary.js';
import type { StageGateJob, StageGateReport } from './job.js';

export async function runPromoteMode(job: StageGateJob): Promise<StageGateReport> {
  const { plan, inputs } = job;
  const out = await promote(
    {
      plan,
      version: inputs.version,
      deploymentId: job.deploymentId,
      dryRun: inputs.dryRun,
      ...(job.runUrl ? { runUrl: job.runUrl } : {}),
    },
    { evidence: job.evidence, clock: realClock, log: core.info, steps: { cwd: job.run.workspace } },
  );
  const { steps, ...outcome } = out;
  return {
    outputs: { decision: out.decision, reason: out.reason, 'summary-json': JSON.stringify(outcome) },
    summaryHtml: [
      `<h2>✅ ${escapeHtml(plan.release.service)} v${escapeHtml(inputs.version)}: PROMOTED${inputs.dryRun ? ' (dry-run)' : ''}</h2>`,
      `<p>${escapeHtml(out.reason)}</p>`,
      htmlFacts([
        ['Decision log', out.decisionLog],
        ['GA record sha256', out.gaSha256 ?? '—'],
        ['Evidence', out.evidence.detail],
        ...steps.map((st): [string, string] => [`Promote ${st.name}`, st.detail]),
      ]),
    ].join('\n'),
    failure: null,
  };
}
