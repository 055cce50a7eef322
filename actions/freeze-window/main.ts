import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { readCommonInputs, requireInput, runContext } from '../../src/action/inputs.js';
import { runActionMain } from '../../src/action/run.js';
import { ConfigurationError, loadPlan } from '../../src/config/index.js';
import { guardPlanRef, loadPlanFromBranch, parseFreezeMode, runFreezeWindow } from '../../src/freeze/run.js';
import { parseBypassActors } from '../../src/freeze/merge-block.js';
import { freezeSummary, freezeOutputs } from '../../src/freeze/report.js';
import { realClock } from '../../src/platform/clock.js';
import { parseRepository } from '../../src/github/api/repo.js';
import { createGitHubClient } from '../../src/github/client.js';
import { defaultEvidenceRemote } from '../../src/git/remote.js';

async function act(): Promise<void> {
  const mode = parseFreezeMode(requireInput('mode', 'start, end, guard or status'), 'input mode');
  const inputs = readCommonInputs({ versionRequired: mode === 'start' || mode === 'end' });
  const run = runContext();
  const repo = parseRepository(run.repository);
  const log = (line: string) => core.info(line);
  const clientLog = { info: log, warn: (m: string) => core.warning(m), debug: (m: string) => core.debug(m) };
  const github = createGitHubClient({ token: inputs.token, dryRun: inputs.dryRun, log: clientLog });
  // Only start and end touch the ruleset; guard and status never get the admin token.
  const mergeBlockToken = mode === 'start' || mode === 'end' ? core.getInput('merge-block-token') : '';
  const mergeBlockClient = mergeBlockToken
    ? createGitHubClient({ token: mergeBlockToken, dryRun: inputs.dryRun, log: clientLog })
    : undefined;
  const mergeBlockBypass = parseBypassActors(core.getInput('merge-block-bypass'), 'input merge-block-bypass');

  let event: { name: string; payload: unknown } | undefined;
  let plan;
  if (mode === 'guard') {
    if (!run.eventPath)
      throw new ConfigurationError(
        'freeze guard: GITHUB_EVENT_PATH is not set (guard runs on pull_request, pull_request_target or merge_group)',
      );
    event = { name: run.eventName, payload: JSON.parse(await readFile(run.eventPath, 'utf8')) as unknown };
    plan = await loadPlanFromBranch(github, repo, inputs.config, guardPlanRef(event.name, event.payload));
  } else {
    plan = await loadPlan(inputs.config);
  }

  const outcome = await runFreezeWindow(
    {
      mode,
      plan,
      version: inputs.version,
      repo,
      evidenceRemote: inputs.evidenceRemote || null,
      defaultRemote: mode === 'start' || mode === 'end' ? defaultEvidenceRemote(process.env) : '',
      token: inputs.token,
      actor: run.actor,
      runUrl: run.runUrl,
      cwd: run.workspace,
      mergeBlockBypass,
      ...(event ? { event } : {}),
    },
    { github, clock: realClock, log, ...(mergeBlockClient ? { mergeBlockClient } : {}) },
  );
  for (const [name, value] of Object.entries(freezeOutputs(outcome))) core.setOutput(name, value);
  await freezeSummary(outcome, inputs.dryRun, core.summary).write();
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('freeze-window', act);
}
