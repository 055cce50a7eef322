/**
 * The error taxonomy as a user meets it: a mistake they can fix exits 2 with its message alone, never a stack,
 * even under --debug; an internal error exits 1, named as one, and shows its stack only when debug output is asked
 * for (--debug, or a workflow re-run with debug logging).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, debugRequested, exitCodeFor, failureReport } from '../../src/config/errors.js';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/canary-conductor.js', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });

describe('a user mistake', () => {
  it('exits 2 with the message alone, also under --debug', () => {
    const e = new ConfigurationError('stages[2].traffic: 150 is above 100 (a percentage 0..100)');
    expect(exitCodeFor(e)).toBe(2);
    expect(failureReport(e, 'canary-conductor gate', true)).toBe(e.message);
  });

  it('from the CLI: --debug is taken anywhere, and a missing plan is still exit 2 without a stack', () => {
    for (const args of [
      ['--debug', 'validate', '--config', 'no-such-plan.yml'],
      ['validate', '--config', 'no-such-plan.yml', '--debug'],
    ]) {
      const r = cli(...args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/no-such-plan\.yml/);
      expect(r.stderr).not.toMatch(/unknown option|internal error|\n\s+at /);
    }
  });
});

describe('an internal error', () => {
  const bug = new TypeError("Cannot read properties of undefined (reading 'traffic')");

  it('exits 1, is named an internal error, and keeps its stack out of the output unless asked', () => {
    expect(exitCodeFor(bug)).toBe(1);
    const plain = failureReport(bug, 'canary-conductor gate', false);
    expect(plain).toBe(
      "canary-conductor gate: internal error: Cannot read properties of undefined (reading 'traffic')",
    );
    const debug = failureReport(bug, 'canary-conductor gate', true);
    expect(debug.startsWith(plain)).toBe(true);
    expect(debug).toMatch(/\n\s+at .*error-taxonomy\.test\.ts/);
  });

  it('asks for debug output the way a workflow re-run with debug logging does', () => {
    expect(debugRequested({})).toBe(false);
    expect(debugRequested({ RUNNER_DEBUG: '1' })).toBe(true);
    expect(debugRequested({ ACTIONS_STEP_DEBUG: 'true' })).toBe(true);
    expect(debugRequested({ ACTIONS_STEP_DEBUG: 'false', RUNNER_DEBUG: '0' })).toBe(false);
  });
});
