/**
 * `canary-conductor freeze start|end|status|guard --repo owner/name [options]`
 * The same core as the freeze-window action, from a laptop. The token comes from the environment variable
 * named by --token-env (default GITHUB_TOKEN), never from the command line.
 */
import { readFile } from 'node:fs/promises';
import { ConfigurationError, DEFAULT_PLAN_PATH, loadPlan } from '../../config/index.js';
import {
  guardPlanRef,
  loadPlanFromBranch,
  parseFreezeMode,
  runFreezeWindow,
  type FreezeWindowResult,
} from '../../freeze/run.js';
import { freezeOutputs } from '../../freeze/report.js';
import { realClock } from '../../platform/clock.js';
import { parseRepository } from '../../github/api/repo.js';
import { createGitHubClient } from '../../github/client.js';
import { parseCommandArgs } from '../args.js';
import { processIo, type CommandIo } from './cli-io.js';

export const USAGE = `usage: canary-conductor freeze <start|end|status|guard> --repo owner/name [options]
  --config FILE          release plan (default ${DEFAULT_PLAN_PATH}); guard reads it from the base branch via the API
  --version V            release the freeze is for (start, end)
  --evidence-remote R    git URL or path holding the evidence branch (default: the repository on GitHub)
  --dry-run              classify and print what would be written; write nothing
  --event FILE           guard: the webhook payload (JSON)
  --event-name NAME      guard: pull_request, pull_request_target or merge_group
  --api-url URL          GitHub API (default GITHUB_API_URL or https://api.github.com)
  --token-env NAME       environment variable holding the token (default GITHUB_TOKEN)
  --actor NAME           recorded as the freeze's actor (default $GITHUB_ACTOR or $USER)
  --json                 print the full result as JSON
`;

export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(USAGE);
    return sub === undefined ? 2 : 0;
  }
  const mode = parseFreezeMode(sub, 'freeze <mode>');
  const { values } = parseCommandArgs(`freeze ${mode}`, rest, {
    repo: { type: 'string' },
    config: { type: 'string', short: 'c', default: DEFAULT_PLAN_PATH },
    version: { type: 'string', default: '' },
    'evidence-remote': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    event: { type: 'string' },
    'event-name': { type: 'string' },
    'api-url': { type: 'string' },
    'token-env': { type: 'string', default: 'GITHUB_TOKEN' },
    actor: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (!values.repo) throw new ConfigurationError(`--repo is required (owner/name)\n${USAGE}`);
  const repo = parseRepository(values.repo, '--repo');
  const token = io.env[values['token-env']!] ?? '';
  if (!token)
    throw new ConfigurationError(
      `--token-env: environment variable ${values['token-env']} is empty (a GitHub token is needed to read pull requests)`,
    );
  const log = (line: string) => io.stderr(`${line}\n`);
  const github = createGitHubClient({
    token,
    dryRun: values['dry-run']!,
    log: { info: log, warn: log },
    ...(values['api-url'] ? { baseUrl: values['api-url'] } : {}),
    maskSecret: () => undefined,
  });

  let event: { name: string; payload: unknown } | undefined;
  let plan;
  if (mode === 'guard') {
    if (!values.event || !values['event-name'])
      throw new ConfigurationError('freeze guard: --event FILE and --event-name NAME are required');
    let payload: unknown;
    try {
      payload = JSON.parse(await readFile(values.event, 'utf8'));
    } catch (e) {
      throw new ConfigurationError(
        `--event: ${values.event} is not a readable JSON file (${(e as Error).message})`,
      );
    }
    event = { name: values['event-name'], payload };
    plan = await loadPlanFromBranch(github, repo, values.config!, guardPlanRef(event.name, payload));
  } else {
    plan = await loadPlan(values.config);
  }
  const server = (io.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const outcome = await runFreezeWindow(
    {
      mode,
      plan,
      version: values.version!,
      repo,
      evidenceRemote: values['evidence-remote'] ?? null,
      defaultRemote: `${server}/${repo.owner}/${repo.repo}.git`,
      token,
      actor: values.actor ?? io.env.GITHUB_ACTOR ?? io.env.USER ?? 'unknown',
      runUrl: '',
      cwd: io.cwd,
      ...(event ? { event } : {}),
    },
    { github, clock: realClock, log },
  );
  io.stdout(
    values.json ? `${JSON.stringify(outcome.result, null, 2)}\n` : describe(outcome, values['dry-run']!),
  );
  return 0;
}

function describe(outcome: FreezeWindowResult, dryRun: boolean): string {
  const out = freezeOutputs(outcome);
  const lines: string[] = [];
  switch (outcome.mode) {
    case 'status':
      lines.push(outcome.result.summary);
      break;
    case 'guard':
      lines.push(`${outcome.result.decision}: ${outcome.result.reason}`);
      break;
    default:
      lines.push(
        `freeze ${outcome.mode}: active=${out.active} held=${out.held} allowed=${out.allowed} ${outcome.mode === 'end' ? 'unlabelled' : 'labelled'}=${out.labelled}`,
      );
  }
  if (outcome.mode !== 'status') {
    const writes = outcome.result.writes;
    if (dryRun)
      for (const w of writes)
        lines.push(`would ${w.kind}${w.pull === null ? '' : ` #${w.pull}`}: ${w.detail}`);
    else lines.push(`${writes.length} write(s)`);
  }
  return `${lines.join('\n')}\n`;
}
