import { createGitHubClient, type GitHubClient } from '../../github/client.js';

/** What a command needs from its process; tests pass their own to read the output. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): CommandIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * A command's GitHub client: the API at --api-url, else at the command's own GITHUB_API_URL (tests give their own
 * environment); warnings go to stderr, and nothing is masked (no runner log to mask in).
 */
export function commandGitHubClient(
  io: CommandIo,
  options: { token: string; dryRun: boolean; apiUrl: string | undefined },
): GitHubClient {
  const baseUrl = options.apiUrl || io.env.GITHUB_API_URL;
  return createGitHubClient({
    token: options.token,
    dryRun: options.dryRun,
    ...(baseUrl ? { baseUrl } : {}),
    log: { info: () => undefined, warn: (m) => io.stderr(`${m}\n`) },
    maskSecret: () => undefined,
  });
}
