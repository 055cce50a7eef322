import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { readCommonInputs, runContext } from '../../src/action/inputs.js';
import { escapeHtml } from '../../src/action/summary.js';
import { ConfigurationError } from '../../src/config/index.js';
import { defaultEvidenceRemote, isGitUrl } from '../../src/git/remote.js';
import { parseRepository } from '../../src/github/api/index.js';
import { createGitHubClient } from '../../src/github/client.js';
import { humanDuration } from '../../src/rca/facts.js';
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
  const f = result.facts;
  await core.summary
    .addHeading(`Release ${escapeHtml(result.tag.tag)}${inputs.dryRun ? ' (dry-run)' : ''}`, 2)
    .addRaw(`<p><code>${escapeHtml(result.oneliner.trim())}</code></p>`)
    .addTable([
      [
        { data: 'What', header: true },
        { data: 'Result', header: true },
      ],
      ['Tag', escapeHtml(`${result.tag.tag} at ${result.tag.sha}: ${result.tag.status}`)],
      [
        'GitHub release',
        escapeHtml(`${result.release.action}${result.release.url ? ` (${result.release.url})` : ''}`),
      ],
      [
        'Evidence',
        escapeHtml(
          `${result.evidence.files.join(', ')}: ${result.evidence.pushed ? (result.evidence.changed ? 'committed' : 'already recorded') : 'not pushed (dry-run)'}`,
        ),
      ],
    ])
    .addTable([
      [
        { data: '#', header: true },
        { data: 'Stage', header: true },
        { data: 'Traffic', header: true },
        { data: 'Decision', header: true },
        { data: 'Duration', header: true },
        { data: 'Holds', header: true },
      ],
      ...f.stages.map((r) => [
        String(r.number),
        escapeHtml(r.name),
        escapeHtml(r.traffic),
        escapeHtml(r.decision),
        escapeHtml(humanDuration(r.duration_s)),
        String(r.holds),
      ]),
    ])
    .write();
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('release-tag', act);
}
