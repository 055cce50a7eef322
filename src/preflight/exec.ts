/**
 * Running a command for a `run` check: an argv list is executed directly, a string through `sh -c`.
 * Each command runs in its own process group so a timeout kills the shell and everything it started
 * (a `sh -c` whose child sleeps would otherwise keep the pipes open past the kill).
 */
import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';

export interface CommandSpec {
  /** An argv list, or a shell string run with `sh -c`. */
  command: string | string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Characters kept of each stream (the tail). */
  maxOutput: number;
}

export interface CommandOutcome {
  /** null when the process was killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Whether either stream was cut to maxOutput. */
  truncated: boolean;
  /** True when the executable itself does not exist (spawn ENOENT, or a shell's exit 127). */
  notFound: boolean;
  /** The executable the outcome is about, as written in the plan. */
  executable: string;
  aborted: boolean;
}

export interface CommandRunner {
  run(spec: CommandSpec): Promise<CommandOutcome>;
  /** Whether the command's executable exists (PATH lookup, or a path relative to cwd). Undefined when it cannot tell. */
  exists(command: string | string[], cwd: string, env: NodeJS.ProcessEnv): Promise<boolean | undefined>;
}

const SHELL_WORDS = new Set([
  'if',
  'then',
  'for',
  'while',
  'until',
  'case',
  'do',
  '{',
  '(',
  '!',
  '[',
  '[[',
  'test',
  'cd',
  'export',
  'set',
  'eval',
  'exec',
  'true',
  'false',
  'echo',
  'printf',
  'exit',
  'source',
  '.',
  ':',
  'command',
  'type',
  'read',
  'time',
  'unset',
]);

/**
 * The executable of a command as the plan wrote it: argv[0], or the first word of a simple shell string after
 * `NAME=value` assignments. Undefined for shell strings that start with a keyword or builtin (the shell decides).
 */
export function executableOf(command: string | string[]): string | undefined {
  if (Array.isArray(command)) return command[0];
  const words = command.trim().split(/\s+/);
  let i = 0;
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!)) i++;
  const word = words[i];
  if (!word || SHELL_WORDS.has(word) || /[|&;<>()$`'"\\*?]/.test(word)) return undefined;
  return word;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function createCommandRunner(): CommandRunner {
  return {
    async exists(command, cwd, env) {
      const exe = executableOf(command);
      if (exe === undefined) return undefined;
      if (exe.includes('/')) return isExecutable(path.resolve(cwd, exe));
      for (const dir of (env.PATH ?? '').split(path.delimiter)) {
        if (dir && (await isExecutable(path.join(dir, exe)))) return true;
      }
      return false;
    },

    run(spec) {
      const [file, args] = Array.isArray(spec.command)
        ? [spec.command[0]!, spec.command.slice(1)]
        : ['/bin/sh', ['-c', spec.command]];
      const executable =
        executableOf(spec.command) ?? (Array.isArray(spec.command) ? spec.command[0]! : 'sh');
      return new Promise<CommandOutcome>((resolve) => {
        let stdout = '';
        let stderr = '';
        let truncated = false;
        let aborted = false;
        // Keep the tail: the verdict of a tool is usually at the end of its output.
        const keep = (acc: string, chunk: Buffer): string => {
          const next = acc + chunk.toString('utf8');
          if (next.length > spec.maxOutput * 2) {
            truncated = true;
            return next.slice(-spec.maxOutput * 2);
          }
          return next;
        };
        const child = spawn(file, args, {
          cwd: spec.cwd,
          env: spec.env,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const killGroup = () => {
          aborted = true;
          try {
            if (child.pid) process.kill(-child.pid, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        };
        if (spec.signal.aborted) killGroup();
        spec.signal.addEventListener('abort', killGroup, { once: true });
        child.stdout.on('data', (c: Buffer) => (stdout = keep(stdout, c)));
        child.stderr.on('data', (c: Buffer) => (stderr = keep(stderr, c)));
        let done = false;
        const finish = (
          outcome: Omit<CommandOutcome, 'stdout' | 'stderr' | 'truncated' | 'executable' | 'aborted'>,
        ) => {
          if (done) return;
          done = true;
          spec.signal.removeEventListener('abort', killGroup);
          const cut = (s: string) => {
            if (s.length <= spec.maxOutput) return s;
            truncated = true;
            return s.slice(-spec.maxOutput);
          };
          resolve({ ...outcome, stdout: cut(stdout), stderr: cut(stderr), truncated, executable, aborted });
        };
        child.once('error', (e: NodeJS.ErrnoException) => {
          const notFound = e.code === 'ENOENT' || e.code === 'EACCES';
          if (!notFound) stderr += `\n${e.message}`;
          finish({ exitCode: null, signal: null, notFound });
        });
        child.once('close', (code, signal) => {
          finish({ exitCode: code, signal, notFound: !Array.isArray(spec.command) && code === 127 });
        });
      });
    },
  };
}
