/**
 * Commands (kubectl, the plan's `run` entries) behind a small interface: argv lists go to execFile (no shell);
 * a plain string is a shell command run by `sh -c`, as a user would type it in a runbook. Every command has a
 * time limit and bounded output.
 */
import { execFile } from 'node:child_process';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when the time limit killed the command. */
  timedOut?: boolean;
  /**
   * Set by the simulation's runner when the executable does not exist on this machine: the command was not run,
   * which is reported as SIMULATED (never as success, never as a failure of the release being rehearsed).
   */
  simulated?: boolean;
}

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  input?: string;
}

export interface CommandRunner {
  run(command: string | string[], options?: CommandOptions): Promise<CommandResult>;
}

export function createCommandRunner(defaults: CommandOptions = {}): CommandRunner {
  return {
    run(command, options = {}) {
      const [file, args] =
        typeof command === 'string' ? ['sh', ['-c', command]] : [command[0]!, command.slice(1)];
      const timeout = options.timeoutMs ?? defaults.timeoutMs ?? 120_000;
      return new Promise((resolve) => {
        const child = execFile(
          file,
          args,
          {
            cwd: options.cwd ?? defaults.cwd,
            env: options.env ?? defaults.env ?? process.env,
            timeout,
            killSignal: 'SIGKILL',
            maxBuffer: 16 * 1024 * 1024,
            windowsHide: true,
          },
          (error, stdout, stderr) => {
            const err = error as
              (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
            const timedOut = Boolean(err?.killed);
            resolve({
              exitCode: err ? (typeof err.code === 'number' ? err.code : timedOut ? 124 : 127) : 0,
              stdout: String(stdout),
              stderr:
                String(stderr) +
                (timedOut
                  ? `\n(killed after ${timeout} ms)`
                  : err && typeof err.code === 'string'
                    ? `\n${err.message}`
                    : ''),
              ...(timedOut ? { timedOut } : {}),
            });
          },
        );
        if (options.input !== undefined) child.stdin?.end(options.input);
        else child.stdin?.end();
      });
    },
  };
}

/** The last lines of a command's output, for an error message. */
export function tail(text: string, lines = 5): string {
  return text.trim().split('\n').slice(-lines).join(' | ').slice(0, 600);
}
