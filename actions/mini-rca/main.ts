import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { readCommonInputs, runContext } from '../../src/action/inputs.js';
import { escapeHtml } from '../../src/action/summary.js';
import { defaultEvidenceRemote, isGitUrl } from '../../src/git/remote.js';
import { runMiniRca } from '../../src/rca/mini-rca.js';
import { parseRunOutcome } from '../../src/rca/run-outcome.js';

async function act(): Promise<void> {
  const inputs = readCommonInputs();
  const run = runContext();
  const remote = inputs.evidenceRemote || defaultEvidenceRemote();
  const deploymentId = core.getInput('deployment-id').trim();
  const runOutcome = parseRunOutcome(core.getInput('run-outcome'));
  const outDir =
    core.getInput('out-dir').trim() ||
    path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'canary-conductor', inputs.version);
  const result = await runMiniRca({
    configPath: inputs.config,
    version: inputs.version,
    evidenceRemote: remote,
    ...(deploymentId ? { deploymentId } : {}),
    ...(inputs.token && isGitUrl(remote) ? { token: inputs.token } : {}),
    dryRun: inputs.dryRun,
    ...(runOutcome ? { runOutcome } : {}),
    outDir: path.resolve(run.workspace, outDir),
    ...(run.runUrl ? { runUrl: run.runUrl } : {}),
    clock: { now: () => new Date() },
    log: core.info,
    cwd: run.workspace,
  });
  core.setOutput('rca-path', result.rcaPath);
  core.setOutput('report-path', result.reportPath);
  core.setOutput('outcome', result.rca.facts.outcome);
  const { rca } = result;
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  await core.summary
    .addHeading(
      `Mini RCA - ${escapeHtml(rca.tag ?? rca.version)} (${escapeHtml(runOutcome ?? rca.facts.outcome)})${inputs.dryRun ? ' (dry-run)' : ''}`,
      2,
    )
    .addRaw(`<p>${escapeHtml(rca.facts.outcomeReason)}</p>`)
    .addHeading('Timeline', 3)
    .addTable([
      [
        { data: 'T+', header: true },
        { data: 'Time (UTC)', header: true },
        { data: 'Event', header: true },
        { data: 'Detail', header: true },
      ],
      ...rca.timeline.map((e) => [
        escapeHtml(e.minute),
        escapeHtml(e.at),
        escapeHtml(e.label),
        escapeHtml(e.detail),
      ]),
    ])
    .addHeading('What Went Well', 3)
    .addRaw(list(rca.wentWell))
    .addHeading('What Could Be Improved', 3)
    .addRaw(list(rca.improve))
    .addHeading('Observations', 3)
    .addRaw(list(rca.observations))
    .addHeading('Remaining Risks', 3)
    .addRaw(
      `<ol>${rca.risks.map((r) => `<li>${escapeHtml(r.text)} - ${escapeHtml(r.owner)} - ${escapeHtml(r.due)}</li>`).join('')}</ol>`,
    )
    .addRaw(
      `<p>Evidence: ${result.evidencePaths.map((p) => `<code>${escapeHtml(p)}</code>`).join(', ')} ${
        result.pushed ? (result.changed ? '(committed)' : '(unchanged)') : '(not pushed: dry-run)'
      }</p>`,
    )
    .write();
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('mini-rca', act);
}
