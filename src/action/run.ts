/**
 * The shared entry for every action: run the core once, report a failure exactly once.
 * A ConfigurationError (bad input or plan) is reported plainly; anything else is an internal error with its
 * stack in the debug log. Compare codeql-action's runWrapper.
 * Every log line, output and the job summary pass through the run's one masker (output-guard.ts).
 */
import * as core from '@actions/core';
import { ConfigurationError, getErrorMessage } from '../config/index.js';
import { guardActionOutput } from './output-guard.js';

export async function runActionMain(name: string, main: () => Promise<void>): Promise<void> {
  const sealOutput = guardActionOutput();
  try {
    await main();
  } catch (e) {
    if (e instanceof ConfigurationError) {
      core.setFailed(e.message);
    } else {
      core.debug((e as Error)?.stack ?? String(e));
      core.setFailed(`${name}: internal error: ${getErrorMessage(e)}`);
    }
  } finally {
    await sealOutput();
  }
}
