/**
 * `canary-conductor setup-environments --config F --repo owner/name [--token-env GITHUB_TOKEN] [--api-url URL]
 * [--dry-run] [--json]`: creates or updates the plan's GitHub environments (reviewers, wait timers, prevent
 * self-review). Idempotent; --dry-run reads GitHub and prints the exact PUT requests without sending them.
 * The token needs repository administration (write) and, for team reviewers, read:org.
 * Exit codes: 0 done (or nothing to change), 2 bad input (plan, reviewer, token), 1 internal error.
 */
import { ConfigurationError, DEFAULT_PLAN_PATH, loadPlan } from '../../config/index.js';
import { parseRepository } from '../../github/api/index.js';
import { formatResults, setupEnvironments } from '../../setup/setup-environments.js';
import { parseCommandArgs } from '../args.js';
import { commandGitHubClient, processIo, type CommandIo } from './cli-io.js';

export const USAGE = `Usage: canary-conductor setup-environments --repo owner/name [--config ${DEFAULT_PLAN_PATH}]
  [--token-env GITHUB_TOKEN] [--api-url https://api.github.com] [--dry-run] [--json]
`;

export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const { values } = parseCommandArgs('setup-environments', argv, {
    config: { type: 'string', short: 'c', default: DEFAULT_PLAN_PATH },
    repo: { type: 'string' },
    'token-env': { type: 'string', default: 'GITHUB_TOKEN' },
    'api-url': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const repository = values.repo ?? io.env.GITHUB_REPOSITORY ?? '';
  if (!repository)
    throw new ConfigurationError(
      '--repo is missing (the repository whose environments to set up, as owner/name)',
    );
  const repo = parseRepository(repository, '--repo');
  const tokenEnv = values['token-env']!;
  const token = io.env[tokenEnv] ?? '';
  if (!token) {
    throw new ConfigurationError(
      `--token-env: environment variable ${tokenEnv} is not set (a token with repository administration: write, and read:org for team reviewers)`,
    );
  }
  const plan = await loadPlan(values.config);
  const dryRun = values['dry-run']!;
  const client = commandGitHubClient(io, { token, dryRun, apiUrl: values['api-url'] });
  const results = await setupEnvironments(plan, { client, repo });
  io.stdout(values.json ? `${JSON.stringify(results, null, 2)}\n` : formatResults(results, dryRun));
  return 0;
}
