import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { readCommonInputs, runContext } from '../../src/action/inputs.js';
import { miniRcaSummaryHtml } from '../../src/action/step-summaries.js';
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
  await core.summary.addRaw(miniRcaSummaryHtml(result, { runOutcome, dryRun: inputs.dryRun }), true).write();
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('mini-rca', act);
}
