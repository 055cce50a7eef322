/**
 * Where an action's output leaves the process: log lines (stdout, stderr), step outputs (GITHUB_OUTPUT) and the
 * job summary (GITHUB_STEP_SUMMARY). Each goes through the run's one masker here, once for every action, so no
 * action can forget it: the runner reads the output and summary files only after the step's process ends, and
 * they are masked in place before that.
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { runSecrets } from '../secrets/masker.js';
import { guardStream } from '../secrets/stream-guard.js';

/** Starts masking an action's output; the returned function masks the step's files and stops the stream guards. */
export function guardActionOutput(env: NodeJS.ProcessEnv = process.env): () => Promise<void> {
  // Every value the masker learns is also registered with the runner, which then masks it in later steps too.
  if (env.GITHUB_ACTIONS === 'true') runSecrets.onAdd((value) => core.setSecret(value));
  runSecrets.addFromEnv(env);
  const restore = [guardStream(process.stdout, runSecrets), guardStream(process.stderr, runSecrets)];
  return async () => {
    for (const file of [env.GITHUB_OUTPUT, env.GITHUB_STEP_SUMMARY]) if (file) await maskFile(file);
    for (const undo of restore) undo();
  };
}

async function maskFile(file: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const masked = runSecrets.mask(text);
  if (masked !== text) await writeFile(file, masked, 'utf8');
}
