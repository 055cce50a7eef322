/**
 * The shared entry for every action: run the core once, report a failure exactly once.
 * A ConfigurationError (bad input or plan) is reported plainly; anything else is an internal error, reported
 * with its stack when debug output is asked for (config/errors.ts has the taxonomy). Compare codeql-action's runWrapper.
 * Every log line, output and the job summary pass through the run's one masker (output-guard.ts).
 */
import * as core from '@actions/core';
import { debugRequested, failureReport } from '../config/errors.js';
import { guardActionOutput } from './output-guard.js';

export async function runActionMain(name: string, main: () => Promise<void>): Promise<void> {
  const sealOutput = guardActionOutput();
  try {
    await main();
  } catch (e) {
    // One report: a user's mistake as its message; an internal error with its stack when the run asks for debug
    // output (the runner sets RUNNER_DEBUG / ACTIONS_STEP_DEBUG on a re-run with debug logging). The step exits 1
    // either way (setFailed): the runner knows failed or not, and the message says which kind it was.
    core.setFailed(failureReport(e, name, debugRequested(process.env)));
  } finally {
    await sealOutput();
  }
}
