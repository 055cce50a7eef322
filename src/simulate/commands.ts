/**
 * Commands in the simulation (the plan's `rollback.run`): a command whose executable exists on this machine
 * runs for real in the simulated repository; one that does not exist is not run and comes back as exit 127
 * with a message saying it was simulated and what would have run. It is never reported as having succeeded.
 */
import { createCommandRunner as createProbe, executableOf } from '../preflight/exec.js';
import { createCommandRunner, type CommandRunner } from '../traffic/exec.js';

export const NOT_RUN_EXIT = 127;

export interface SimulatedCommand {
  command: string;
  ran: boolean;
  exitCode: number;
}

export function simulationCommandRunner(env: NodeJS.ProcessEnv, record: SimulatedCommand[]): CommandRunner {
  const real = createCommandRunner({ env });
  const probe = createProbe();
  return {
    async run(command, options = {}) {
      const shown = Array.isArray(command) ? command.join(' ') : command;
      const cwd = options.cwd ?? process.cwd();
      const exists = await probe.exists(command, cwd, options.env ?? env);
      if (exists === false) {
        record.push({ command: shown, ran: false, exitCode: NOT_RUN_EXIT });
        const exe = executableOf(command) ?? shown;
        return {
          exitCode: NOT_RUN_EXIT,
          simulated: true,
          stdout: '',
          stderr: `SIMULATED, not run: ${exe} does not exist on this machine; would run \`${shown}\``,
        };
      }
      const result = await real.run(command, options);
      record.push({ command: shown, ran: true, exitCode: result.exitCode });
      return result;
    },
  };
}
