/**
 * `run` checks: a command and its exit code (`make go-nogo`, `promtool check rules ...`, `amtool check-config
 * ...`), optionally with `expect_json` assertions on the JSON it prints (the failover drill's takeover_ms,
 * dual_leadership, duplicates). Output is kept for the evidence: the tail, truncated, secrets masked.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  assertAll,
  describeExpectation,
  parseJsonOutput,
  renderExpectations,
  type JsonExpectation,
} from '../expectations.js';
import { commandEnvironment } from '../../commands/environment.js';
import { renderArgvCommand, renderShellCommand } from '../../commands/shell-placeholders.js';
import { commandExists, describeExit, executableOf } from '../../platform/command.js';
import type { CheckContext, CheckOutput, CheckVerdict } from '../types.js';

function commandText(command: string | string[]): string {
  return Array.isArray(command)
    ? command.map((a) => (/[\s"'$]/.test(a) ? JSON.stringify(a) : a)).join(' ')
    : command;
}

export async function runCheck(ctx: CheckContext): Promise<CheckVerdict> {
  const raw = ctx.check.run!;
  // Placeholders reach the shell as "$CANARY_*" variables, never spliced into the script (shell-placeholders.ts).
  const shell = Array.isArray(raw) ? undefined : renderShellCommand(raw, ctx.context, ctx.fieldOf('run'));
  const command = shell ? shell.script : renderArgvCommand(raw as string[], ctx.context, ctx.fieldOf('run'));
  const shown = ctx.mask(shell ? shell.shown : commandText(command));
  const env = commandEnvironment({
    parent: ctx.deps.env,
    context: ctx.context,
    spec: ctx.check.env,
    field: ctx.fieldOf('env'),
  });
  const cwd = path.resolve(ctx.options.cwd, ctx.check.cwd ?? '.');
  const expectExit = ctx.check.expect_exit ?? 0;
  const jsonExpect = ctx.check.expect_json
    ? renderExpectations(ctx.check.expect_json as Record<string, JsonExpectation>, ctx.render, 'expect_json')
    : undefined;
  const expected = [
    `\`${shown}\` exits ${expectExit}`,
    ...Object.entries(jsonExpect ?? {}).map(([p, e]) => describeExpectation(p, e)),
  ].join(', ');

  // Checked before the working directory: a rehearsed command is never started, so where it would start is moot.
  if (ctx.options.rehearseCommands) {
    return {
      status: 'simulated',
      expected,
      observed: 'not run (rehearsal)',
      message: `simulated: would run \`${shown}\` (rehearsal; plan commands are not run)`,
      output: { command: shown },
    };
  }

  const dir = await stat(cwd).catch(() => null);
  if (!dir?.isDirectory()) {
    return {
      status: 'error',
      expected,
      observed: `directory ${cwd} does not exist`,
      message: `cannot run \`${shown}\`: working directory ${cwd} does not exist`,
    };
  }

  const exe = executableOf(command);
  const missing = (await commandExists(command, cwd, env)) === false;
  if (missing) return notFound(ctx, exe ?? shown, shown, expected);

  const outcome = await ctx.deps.exec.run(command, {
    cwd,
    env,
    signal: ctx.signal,
    timeoutMs: ctx.timeoutMs,
    maxOutput: ctx.options.outputLimit,
  });
  const output: CheckOutput = {
    command: shown,
    exit_code: outcome.signal ? null : outcome.exitCode,
    stdout: ctx.mask(outcome.stdout),
    stderr: ctx.mask(outcome.stderr),
  };
  if (outcome.notFound) return { ...notFound(ctx, exe ?? shown, shown, expected), output };
  if (outcome.aborted || outcome.timedOut) {
    return {
      status: 'fail',
      expected,
      observed: `still running after ${ctx.timeoutMs} ms (killed)`,
      message: `\`${shown}\` did not finish within ${ctx.timeoutMs} ms and was killed`,
      output,
    };
  }
  if (outcome.exitCode !== expectExit) {
    const observed = describeExit(outcome);
    const lastLine = lastMeaningfulLine(output.stderr || output.stdout || '');
    return {
      status: 'fail',
      expected,
      observed,
      message: `\`${shown}\` ${observed}, expected exit ${expectExit}${lastLine ? `: ${lastLine}` : ''}`,
      output,
    };
  }
  if (!jsonExpect)
    return {
      status: 'pass',
      expected,
      observed: `exit ${outcome.exitCode}`,
      message: `\`${shown}\` exited ${outcome.exitCode}`,
      output,
    };

  const parsed = parseJsonOutput(outcome.stdout);
  if (!parsed.ok) {
    return {
      status: 'fail',
      expected,
      observed: `exit ${outcome.exitCode}, ${parsed.error}`,
      message: `\`${shown}\`: ${parsed.error}; expected JSON with ${Object.keys(jsonExpect).join(', ')}`,
      output,
    };
  }
  const assertions = assertAll(parsed.value, jsonExpect);
  const failed = assertions.filter((a) => !a.ok);
  const observed = [`exit ${outcome.exitCode}`, ...assertions.map((a) => a.observed)].join(', ');
  if (failed.length) {
    return {
      status: 'fail',
      expected,
      observed,
      message: `\`${shown}\`: ${failed.map((a) => `${a.observed}, expected ${a.expected}`).join('; ')}`,
      output,
      details: { assertions },
    };
  }
  return {
    status: 'pass',
    expected,
    observed,
    message: `\`${shown}\`: ${assertions.map((a) => a.observed).join(', ')}`,
    output,
    details: { assertions },
  };
}

function notFound(ctx: CheckContext, exe: string, shown: string, expected: string): CheckVerdict {
  if (ctx.options.missingCommand === 'simulate') {
    return {
      status: 'simulated',
      expected,
      observed: `not run: ${exe} does not exist on this machine`,
      message: `simulated: would run \`${shown}\` (command not found here: ${exe})`,
      output: { command: shown },
    };
  }
  return {
    status: 'error',
    expected,
    observed: `command not found: ${exe}`,
    message: `command not found: ${exe} (while running \`${shown}\`)`,
    output: { command: shown },
  };
}

function lastMeaningfulLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines[lines.length - 1] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}
