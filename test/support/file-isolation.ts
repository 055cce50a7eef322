/**
 * Test files share their worker's loaded modules (vitest `isolate: false`: loading the module graph again for each
 * of 120 files costs more CPU than most files' tests). What one file leaves in process-wide state must then not
 * reach the next: the run's secret masker, the environment, the working directory and the toolkit's cached job
 * summary path are put back as they were when the file started.
 */
import * as core from '@actions/core';
import { afterAll } from 'vitest';
import { runSecrets } from '../../src/secrets/masker.js';

const env = { ...process.env };
const cwd = process.cwd();
runSecrets.clear();

afterAll(() => {
  runSecrets.clear();
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
  if (process.cwd() !== cwd) process.chdir(cwd);
  // The toolkit reads GITHUB_STEP_SUMMARY once and keeps the path; the next file's step has its own.
  core.summary.emptyBuffer();
  (core.summary as unknown as { _filePath?: string })._filePath = undefined;
});
