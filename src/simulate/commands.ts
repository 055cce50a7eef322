/**
 * Commands in the simulation (the plan's `rollback.run`). By default a simulation is a rehearsal: no plan command
 * is started, each comes back as not run, marked simulated, with the exact command that a release would run; so a
 * rehearsal ends the same on every host, whatever it has installed. With `runCommands` (`--run-commands`) every
 * command runs for real in the simulated repository, and one that cannot run is a failure, as in a release.
 * A simulated command is never reported as having succeeded.
 */
import { createCommandRunner, type CommandRunner } from '../platform/command.js';

export const NOT_RUN_EXIT = 127;

export interface SimulatedCommand {
  command: string;
  ran: boolean;
  exitCode: number;
}

export interface SimulationCommandOptions {
  /** Run the commands for real (`--run-commands`); default false: rehearse them. */
  runCommands?: boolean;
}

export function simulationCommandRunner(
  env: NodeJS.ProcessEnv,
  record: SimulatedCommand[],
  options: SimulationCommandOptions = {},
): CommandRunner {
  const real = createCommandRunner({ env });
  return {
    async run(command, runOptions = {}) {
      const shown = Array.isArray(command) ? command.join(' ') : command;
      if (!options.runCommands) {
        record.push({ command: shown, ran: false, exitCode: NOT_RUN_EXIT });
        return {
          exitCode: NOT_RUN_EXIT,
          simulated: true,
          stdout: '',
          stderr: `SIMULATED, not run (rehearsal): would run \`${shown}\``,
        };
      }
      const result = await real.run(command, runOptions);
      record.push({ command: shown, ran: true, exitCode: result.exitCode });
      return result;
    },
  };
}
