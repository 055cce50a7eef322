/**
 * The GitHub client of an action's run: the workflow token against the run's API, for the run's repository; null
 * when there is no token or no repository (a local run), so each step says what it skipped.
 */
import * as core from '@actions/core';
import { parseRepository } from '../github/api/index.js';
import type { RepoRef } from '../github/api/repo.js';
import { createGitHubClient, type GitHubClient } from '../github/client.js';
import type { CommonInputs, runContext } from './inputs.js';

export function runGitHub(
  inputs: CommonInputs,
  run: ReturnType<typeof runContext>,
): { client: GitHubClient; repo: RepoRef } | null {
  if (!inputs.token || !run.repository) return null;
  return {
    client: createGitHubClient({
      token: inputs.token,
      baseUrl: run.apiUrl,
      dryRun: inputs.dryRun,
      log: { info: core.info, warn: core.warning, debug: core.debug },
    }),
    repo: parseRepository(run.repository),
  };
}
