import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { readCommonInputs, runContext } from '../../src/action/inputs.js';
import { releaseTagSummaryHtml } from '../../src/action/step-summaries.js';
import { ConfigurationError } from '../../src/config/index.js';
import { defaultEvidenceRemote, isGitUrl } from '../../src/git/remote.js';
import { parseRepository } from '../../src/github/api/index.js';
import { createGitHubClient } from '../../src/github/client.js';
import { releaseTag } from '../../src/release/release-tag.js';
import { workspaceGit } from '../../src/release/workspace-git.js';

async function act(): Promise<void> {
  const inputs = readCommonInputs();
  const run = runContext();
  const sha = core.getInput('sha').trim() || run.sha;
  if (!sha)
    throw new ConfigurationError(
      'input sha: not given and GITHUB_SHA is not set (expected the commit to tag)',
    );
  if (!inputs.token)
    throw new ConfigurationError(
      'input token: empty (expected a token with contents: write, default the workflow token)',
    );
  const log = { info: core.info, warn: core.warning, debug: core.debug };
  const client = createGitHubClient({ token: inputs.token, baseUrl: run.apiUrl, dryRun: inputs.dryRun, log });
  const remote = inputs.evidenceRemote || defaultEvidenceRemote();
  const deploymentId = core.getInput('deployment-id').trim();
  const result = await releaseTag({
    configPath: inputs.config,
    version: inputs.version,
    sha,
    workspaceGit: await workspaceGit({ workspace: run.workspace, token: inputs.token, log: core.debug }),
    evidenceRemote: remote,
    evidenceWeb: inputs.evidenceRemote ? null : { serverUrl: run.serverUrl, repository: run.repository },
    ...(deploymentId ? { deploymentId } : {}),
    github: { client, repo: parseRepository(run.repository) },
    ...(isGitUrl(remote) ? { token: inputs.token } : {}),
    dryRun: inputs.dryRun,
    generateReleaseNotes: core.getBooleanInput('generate-release-notes'),
    ...(run.runUrl ? { runUrl: run.runUrl } : {}),
    log: core.info,
    cwd: run.workspace,
  });
  const created = result.tag.status === 'created' || result.release.action === 'created';
  core.setOutput('tag', result.tag.tag);
  core.setOutput('sha', result.tag.sha);
  core.setOutput('release-url', result.release.url ?? '');
  core.setOutput('created', String(created));
  await core.summary.addRaw(releaseTagSummaryHtml(result, inputs.dryRun), true).write();
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('release-tag', act);
}
