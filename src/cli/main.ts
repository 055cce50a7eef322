/**
 * The canary-conductor CLI. Each command lives in commands/<name>.ts and exports
 * `run(argv: string[]): Promise<number>` returning the exit code. Exit codes are shared:
 * 0 success / proceed / promoted, 1 internal error or verification failure, 2 bad input (ConfigurationError),
 * 10 rollback, 11 hold or review. `--debug` (anywhere) or ACTIONS_STEP_DEBUG / RUNNER_DEBUG prints the stack of
 * an internal error.
 */
import { debugRequested, exitCodeFor, failureReport } from '../config/errors.js';
import { runSecrets } from '../secrets/masker.js';
import { guardStream } from '../secrets/stream-guard.js';
import { wantsHelp } from './args.js';
import { closest } from './did-you-mean.js';

/** A command module: its usage text (what `--help` prints, never data) and its run function. */
type CommandModule = { USAGE: string; run: (argv: string[]) => Promise<number> };
type Command = { summary: string; load: () => Promise<CommandModule> };

const COMMANDS: Record<string, Command> = {
  validate: { summary: 'Validate a release plan', load: () => import('./commands/validate.js') },
  schema: {
    summary: 'Print the JSON Schema of the release plan',
    load: () => import('./commands/schema.js'),
  },
  plan: {
    summary: 'Render a plan for a version (stages, tag, evidence dir)',
    load: () => import('./commands/plan.js'),
  },
  // Commands registered by the capability that owns them (one line each):
  freeze: {
    summary: 'Release freeze on open pull requests: start|end|status|guard',
    load: () => import('./commands/freeze.js'),
  },
  'setup-environments': {
    summary: "Create or update the plan's GitHub environments (reviewers, wait timers)",
    load: () => import('./commands/setup-environments.js'),
  },
  report: {
    summary: 'Render the mini-RCA and the HTML release report from local evidence',
    load: () => import('./commands/report.js'),
  },
  preflight: {
    summary: "Run the plan's preflight checks (N/N PASS)",
    load: () => import('./commands/preflight.js'),
  },
  rollback: {
    summary: 'Roll back a release: traffic, commands, silence, incident, evidence',
    load: () => import('./commands/rollback.js'),
  },
  'set-traffic': {
    summary: 'Set the canary traffic share (a stage or a weight)',
    load: () => import('./commands/set-traffic.js'),
  },
  evidence: {
    summary: 'Push evidence files to the evidence branch (evidence push ...)',
    load: () => import('./commands/evidence.js'),
  },
  'verify-evidence': {
    summary: 'Verify decision logs and evidence (hash chain, append-only history, files exist)',
    load: () => import('./commands/verify-evidence.js'),
  },
  gate: {
    summary: 'Run a stage gate against Prometheus, live or as a replay (--from/--to)',
    load: () => import('./commands/gate.js'),
  },
  backtest: {
    summary: 'Backtest the guardrails over history: how often soft/hard would have fired',
    load: () => import('./commands/backtest.js'),
  },
  simulate: {
    summary: 'Simulate a whole release end to end on local counterparts and a virtual clock (npm run demo)',
    load: () => import('./commands/simulate.js'),
  },
};

/** The command names, as `--help` lists them. */
export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}

export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'Usage: canary-conductor <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`),
    '',
    'Run `canary-conductor <command> --help` for the options of a command.',
  ].join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  // `--debug` anywhere asks for the stack of an internal error; it is the CLI's flag, not a command's option.
  const debug = argv.includes('--debug') || debugRequested(process.env);
  const [name, ...rest] = argv.filter((a) => a !== '--debug');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    const hint = closest(name, Object.keys(COMMANDS));
    process.stderr.write(
      `canary-conductor: unknown command "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; run canary-conductor --help for the commands\n`,
    );
    return 2;
  }
  // What the CLI prints passes the run's one masker, as an action's log does (secrets/stream-guard.ts).
  runSecrets.addFromEnv(process.env);
  const restore = [guardStream(process.stdout, runSecrets), guardStream(process.stderr, runSecrets)];
  try {
    const mod = await command.load();
    // Help is answered here for every command alike, before a command could read a plan or print data.
    if (wantsHelp(rest)) {
      process.stdout.write(mod.USAGE.endsWith('\n') ? mod.USAGE : `${mod.USAGE}\n`);
      return 0;
    }
    return await mod.run(rest);
  } catch (e) {
    process.stderr.write(`${failureReport(e, `canary-conductor ${name}`, debug)}\n`);
    return exitCodeFor(e);
  } finally {
    for (const undo of restore) undo();
  }
}
