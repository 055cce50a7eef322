import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { runStageGateMode } from '../../src/action/stage-gate/index.js';
import { readStageGateJob, readStageGateMode } from '../../src/action/stage-gate/job.js';

async function act(): Promise<void> {
  const mode = readStageGateMode();
  const report = await runStageGateMode(mode, await readStageGateJob());
  for (const [name, value] of Object.entries(report.outputs)) core.setOutput(name, value);
  await core.summary.addRaw(report.summaryHtml, true).write();
  if (report.failure) core.setFailed(report.failure);
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('stage-gate', act);
}
