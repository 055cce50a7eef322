/** Argument parsing shared by the commands: node:util parseArgs, with mistakes reported as ConfigurationErrors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkVersion, ConfigurationError } from '../config/index.js';
import { closest } from './did-you-mean.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * One line naming the mistake and what the command accepts, instead of the parser's own paragraph (which tells a
 * user to put a mistyped option after `--`).
 */
export function describeArgsError(command: string, options: Options, error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const help = `see canary-conductor ${command.split(' ')[0]} --help`;
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const known = Object.entries(options).flatMap(([name, o]) => [
        `--${name}`,
        ...(o.short ? [`-${o.short}`] : []),
      ]);
      const given = quoted.split('=')[0]!;
      const hint = closest(given, known);
      return `canary-conductor ${command}: unknown option ${given}${hint ? ` (did you mean ${hint}?)` : ''}; ${help}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
      // Node gives one code to both mistakes; the option's own declaration tells which one it was.
      return options[option.replace(/^--/, '')]?.type === 'boolean'
        ? `canary-conductor ${command}: option ${option} is a switch and takes no value; ${help}`
        : `canary-conductor ${command}: option ${option} needs a value (${option} <value>); ${help}`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `canary-conductor ${command}: unexpected argument ${JSON.stringify(quoted)} (this command takes options only); ${help}`;
    default:
      return `canary-conductor ${command}: ${message.split('\n')[0]}`;
  }
}

export function parseCommandArgs<T extends Options>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new ConfigurationError(describeArgsError(command, options, e));
  }
}

/** Whether the user asked for help: `--help` or `-h` before any `--`. */
export function wantsHelp(argv: string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** Parses an ISO-8601 instant named by an option, e.g. --from. */
export function parseInstant(option: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new ConfigurationError(
      `--${option}: ${JSON.stringify(value)} is not a time (an ISO-8601 instant such as 2026-11-20T09:30:00Z)`,
    );
  return new Date(ms);
}

/**
 * `--metrics-url`, or its old name `--prometheus`: the metric source's URL for this run. Giving both with
 * different values is a mistake, not a choice to make silently.
 */
export function metricsUrlFlag(values: { 'metrics-url'?: string; prometheus?: string }): string | undefined {
  const url = values['metrics-url'];
  const old = values.prometheus;
  if (url !== undefined && old !== undefined && url !== old)
    throw new ConfigurationError(
      `--prometheus: the old name of --metrics-url, given as well with another value (${JSON.stringify(old)} and ${JSON.stringify(url)}); give one`,
    );
  const chosen = url ?? old;
  if (chosen !== undefined && !/^https?:\/\/\S+$/.test(chosen))
    throw new ConfigurationError(
      `--${url !== undefined ? 'metrics-url' : 'prometheus'}: ${JSON.stringify(chosen)} is not an http:// or https:// URL`,
    );
  return chosen;
}

/** The release version a command's --version names; a ConfigurationError says what is wrong with it. */
export function versionOption(value: string | undefined): string {
  const version = value ?? '';
  const bad = checkVersion(version);
  if (bad) throw new ConfigurationError(`--version ${bad}`);
  return version;
}
