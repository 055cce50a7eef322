/** Builds the project's real GitHub client (src/github/client.ts) pointed at an emulator. */
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from '../../src/github/client.js';
import type { RepoRef } from '../../src/github/api/repo.js';
import type { GitHubEmulator } from './index.js';

export const TEST_TOKEN = 'fake-token-emulatorTestToken0000000000000000000';

export interface CapturedLog {
  info: string[];
  warn: string[];
}

export function clientForEmulator(
  emulator: GitHubEmulator,
  overrides: Partial<GitHubClientOptions> = {},
): { client: GitHubClient; repo: RepoRef; log: CapturedLog } {
  const log: CapturedLog = { info: [], warn: [] };
  const client = createGitHubClient({
    token: TEST_TOKEN,
    baseUrl: emulator.url,
    dryRun: false,
    clockScale: emulator.clock.scale,
    maskSecret: () => {},
    log: { info: (m) => log.info.push(m), warn: (m) => log.warn.push(m) },
    ...overrides,
  });
  return { client, repo: { owner: emulator.state.owner, repo: emulator.state.repo }, log };
}
