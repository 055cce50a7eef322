/** Argument parsing shared by the commands: node:util parseArgs, with mistakes reported as ConfigurationErrors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigurationError } from '../config/index.js';

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new ConfigurationError(`canary-conductor ${command}: ${(e as Error).message.split('\n')[0]}`);
  }
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
