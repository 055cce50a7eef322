/**
 * A plan command (`traffic.run`, `rollback.run`, `promote.run`, a preflight `run` check) made ready to run: the
 * script or argv with placeholders as variable references, the text shown to people, and its environment.
 * Every runner of plan commands goes through here, so none can splice a value or hand over the job's secrets.
 */
import type { TemplateContext } from '../config/template.js';
import { commandEnvironment, type CommandEnvSpec } from './environment.js';
import { renderArgvCommand, renderShellCommand } from './shell-placeholders.js';

export interface PreparedCommand {
  /** What the runner executes: a script for `sh -c`, or an argv list (no shell). */
  command: string | string[];
  /** The command with its values written in, for evidence and logs (mask it like any output). */
  shown: string;
  env: Record<string, string>;
}

export function preparePlanCommand(
  raw: string | readonly string[],
  options: {
    context: TemplateContext;
    /** The plan field of the command, e.g. `rollback.run[0]`. */
    field: string;
    /** The plan's `env:` for this command and its field, e.g. `rollback.env`. */
    envSpec?: CommandEnvSpec | undefined;
    envField: string;
    /** The job's environment, read only for the variables `env:` names and the minimal set. */
    parentEnv: NodeJS.ProcessEnv;
  },
): PreparedCommand {
  const env = commandEnvironment({
    parent: options.parentEnv,
    context: options.context,
    spec: options.envSpec,
    field: options.envField,
  });
  if (typeof raw === 'string') {
    const shell = renderShellCommand(raw, options.context, options.field);
    return { command: shell.script, shown: shell.shown, env };
  }
  const argv = renderArgvCommand(raw, options.context, options.field);
  return { command: argv, shown: argv.join(' '), env };
}
