import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { readCommonInputs, runContext } from '../../src/action/inputs.js';
import { escapeHtml } from '../../src/action/summary.js';
import { loadPlan } from '../../src/config/index.js';
import { parseWeightInput, setTraffic } from '../../src/traffic/set-traffic.js';
import { formatShare } from '../../src/traffic/types.js';

async function act(): Promise<void> {
  const inputs = readCommonInputs();
  const stage = core.getInput('stage').trim();
  const rawWeight = core.getInput('weight').trim();
  const run = runContext();
  const plan = await loadPlan(inputs.config);
  const result = await setTraffic({
    plan,
    version: inputs.version,
    ...(stage ? { stage } : {}),
    ...(rawWeight ? { weight: parseWeightInput(rawWeight, 'input weight') } : {}),
    dryRun: inputs.dryRun,
    deps: { cwd: run.workspace, ...(inputs.token ? { gitToken: inputs.token } : {}), log: core.info },
  });
  core.setOutput('weight', String(result.share.weight));
  core.setOutput('flows', result.share.flows ? JSON.stringify(result.share.flows) : '');
  core.setOutput(
    'read-back',
    result.readBack === undefined
      ? ''
      : typeof result.readBack === 'number'
        ? String(result.readBack)
        : JSON.stringify(result.readBack),
  );
  core.setOutput('changed', String(result.changed ?? result.applied));
  await core.summary
    .addHeading(
      `Traffic: ${escapeHtml(plan.release.service)} v${escapeHtml(inputs.version)} → ${escapeHtml(formatShare(result.share))}${inputs.dryRun ? ' (dry-run)' : ''}`,
      2,
    )
    .addRaw(
      `<p>${stage ? `Stage <code>${escapeHtml(stage)}</code> via ` : 'Via '}${escapeHtml(result.provider)}</p><p>${escapeHtml(result.detail)}</p>`,
    )
    .write();
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('set-traffic', act);
}
