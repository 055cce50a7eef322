/**
 * The one command runner: kubectl, git-adjacent tools, the plan's `run` entries (traffic, rollback, promote,
 * preflight checks). An argv list is executed directly (no shell); a plain string is a shell command run by
 * `sh -c`, as a user would type it in a runbook: plan commands reach it already prepared by src/commands (values
 * as quoted variable references, a minimal environment), and the caller masks what it shows.
 *
 * Every command is bounded: a time limit, an abort signal, and output kept to its tail (the verdict of a tool is
 * usually at the end). Each runs in its own process group, so a time limit kills the shell and everything it
 * started (a `sh -c` whose child sleeps would otherwise keep the pipes open past the kill).
 */
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';

export interface CommandResult {
  /**
   * The exit code. A command killed at its time limit reports 124 (as `timeout` does), one killed otherwise
   * 128 + the signal's number (as a shell does), one whose executable does not exist 127.
   */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when the time limit killed the command. */
  timedOut?: boolean;
  /** Set when the caller's abort signal killed the command. */
  aborted?: boolean;
  /** The signal that ended the command, when one did. */
  signal?: NodeJS.Signals;
  /** Set when either stream was cut to its tail. */
  truncated?: boolean;
  /** Set when the executable itself does not exist (spawn ENOENT/EACCES, or a shell's exit 127). */
  notFound?: boolean;
  /**
   * Set by the simulation's runner when it rehearses a command instead of running it: reported as SIMULATED,
   * never as success, never as a failure of the release being rehearsed.
   */
  simulated?: boolean;
}

export interface CommandOptions {
  cwd?: string;
  /** The whole environment of the command (plan commands: the minimal one from src/commands). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Kills the command when it aborts (a preflight check's own time limit). */
  signal?: AbortSignal;
  /** Written to the command's stdin (closed otherwise). */
  input?: string;
  /** Characters kept of each stream, from the end. */
  maxOutput?: number;
}

export interface CommandRunner {
  run(command: string | string[], options?: CommandOptions): Promise<CommandResult>;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_OUTPUT = 1024 * 1024;
export const TIMED_OUT_EXIT = 124;
export const NOT_FOUND_EXIT = 127;

/** A runner with defaults for every command it starts (a call's own options win). */
export function createCommandRunner(defaults: CommandOptions = {}): CommandRunner {
  const given = (o: CommandOptions) => Object.entries(o).filter(([, v]) => v !== undefined);
  return {
    run: (command, options = {}) =>
      runCommand(command, Object.fromEntries([...given(defaults), ...given(options)]) as CommandOptions),
  };
}

export function runCommand(command: string | string[], options: CommandOptions = {}): Promise<CommandResult> {
  const [file, args] = Array.isArray(command)
    ? [command[0]!, command.slice(1)]
    : ['/bin/sh', ['-c', command]];
  const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const maxOutput = options.maxOutput ?? DEFAULT_MAX_OUTPUT;
  return new Promise<CommandResult>((resolve) => {
    let stdout = '';
    let stderr = '';
    let truncated = false;
    let timedOut = false;
    let aborted = false;
    const keep = (acc: string, chunk: Buffer): string => {
      const next = acc + chunk.toString('utf8');
      if (next.length <= maxOutput * 2) return next;
      truncated = true;
      return next.slice(-maxOutput * 2);
    };
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const onAbort = () => {
      aborted = true;
      killGroup();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.input !== undefined) {
      child.stdin?.on('error', () => undefined); // a command that exits without reading its input
      child.stdin?.end(options.input);
    }
    child.stdout?.on('data', (c: Buffer) => (stdout = keep(stdout, c)));
    child.stderr?.on('data', (c: Buffer) => (stderr = keep(stderr, c)));

    let done = false;
    const finish = (
      exitCode: number | null,
      signal: NodeJS.Signals | null,
      spawnError?: NodeJS.ErrnoException,
    ) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const cut = (s: string) => {
        if (s.length <= maxOutput) return s;
        truncated = true;
        return s.slice(-maxOutput);
      };
      const notFound =
        spawnError !== undefined
          ? spawnError.code === 'ENOENT' || spawnError.code === 'EACCES'
          : !Array.isArray(command) && exitCode === NOT_FOUND_EXIT;
      let note = '';
      if (timedOut) note = `\n(killed after ${timeoutMs} ms)`;
      else if (spawnError && !notFound) note = `\n${spawnError.message}`;
      const code =
        exitCode ??
        (timedOut
          ? TIMED_OUT_EXIT
          : spawnError
            ? notFound
              ? NOT_FOUND_EXIT
              : 1
            : 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0));
      resolve({
        exitCode: code,
        stdout: cut(stdout),
        stderr: cut(stderr) + note,
        ...(timedOut ? { timedOut } : {}),
        ...(aborted ? { aborted } : {}),
        ...(signal ? { signal } : {}),
        ...(truncated ? { truncated } : {}),
        ...(notFound ? { notFound } : {}),
      });
    };
    child.once('error', (e: NodeJS.ErrnoException) => finish(null, null, e));
    child.once('close', (code, signal) => finish(code, signal));
  });
}

/** "exit 3", "killed after 120000 ms", "killed by SIGTERM": how a command ended, for messages. */
export function describeExit(result: CommandResult): string {
  if (result.timedOut) return 'killed at its time limit';
  if (result.signal) return `killed by ${result.signal}`;
  return `exit ${result.exitCode}`;
}

/** The last lines of a command's output, for an error message. */
export function tail(text: string, lines = 5): string {
  return text.trim().split('\n').slice(-lines).join(' | ').slice(0, 600);
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

/** Whether a command's executable exists (PATH lookup, or a path relative to cwd); undefined when it cannot tell. */
export async function commandExists(
  command: string | string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<boolean | undefined> {
  const exe = executableOf(command);
  if (exe === undefined) return undefined;
  if (exe.includes('/')) return isExecutable(path.resolve(cwd, exe));
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && (await isExecutable(path.join(dir, exe)))) return true;
  }
  return false;
}
