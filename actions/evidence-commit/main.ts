import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { readCommonInputs, runContext } from '../../src/action/inputs.js';
import { escapeHtml } from '../../src/action/summary.js';
import { commitEvidenceFiles } from '../../src/evidence/commit-files.js';

async function act(): Promise<void> {
  const inputs = readCommonInputs();
  const run = runContext();
  const result = await commitEvidenceFiles({
    configPath: inputs.config,
    version: inputs.version,
    files: core
      .getMultilineInput('files')
      .map((f) => f.trim())
      .filter(Boolean),
    folder: core.getInput('folder').trim(),
    destination: core.getInput('path').trim(),
    message: core.getInput('message').trim() || 'evidence',
    remote: inputs.evidenceRemote,
    token: inputs.token,
    runUrl: run.runUrl,
    workspace: run.workspace,
    dryRun: inputs.dryRun,
    log: (l) => core.debug(l),
  });
  core.setOutput('files', JSON.stringify(result.files));
  if (result.dryRun) {
    core.setOutput('commit', '');
    core.setOutput('attempts', '0');
    await core.summary.addHeading('Evidence (dry run)', 3).addList(result.files.map(escapeHtml)).write();
    return;
  }
  core.setOutput('commit', result.commit);
  core.setOutput('attempts', String(result.attempts));
  core.info(
    `${result.changed ? 'committed' : 'unchanged'} ${result.files.length} file(s) at ${result.commit} after ${result.attempts} attempt(s)`,
  );
  await core.summary
    .addHeading('Evidence committed', 3)
    .addRaw(
      `<p>Commit <code>${escapeHtml(result.commit)}</code> (${result.changed ? 'new' : 'already present'}), ${result.attempts} attempt(s)</p>`,
    )
    .addList(result.files.map(escapeHtml))
    .write();
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('evidence-commit', act);
}
