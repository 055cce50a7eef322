/**
 * Every action in the actions/typescript-action layout: `main.ts` exports `run()`, importing it performs nothing,
 * and a two-line `index.ts` (the bundle's entry) calls it. That is what GitHub's `@github/local-action` loads: it
 * imports the entry module with its own stand-in for the runner's environment and calls `run()`. Done here the same
 * way, in-process, for plan and set-traffic.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseFileCommand } from '../support/run-action.js';
import { startFlagServer, type FlagServer } from '../traffic/flag-server.js';

const ACTIONS = readdirSync('actions', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** The runner's environment for one in-process call: inputs as INPUT_*, file commands in a fresh folder. */
function runnerEnv(inputs: Record<string, string>): { output: string; summary: string; restore: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'action-entry-'));
  const output = path.join(dir, 'output');
  const summary = path.join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const vars: Record<string, string> = {
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: dir,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return {
    output,
    summary,
    restore: () => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}

afterEach(() => {
  // A failed run() sets the exit code through core.setFailed; each test checks it, then clears it.
  process.exitCode = undefined;
});

describe('action entries in the typescript-action layout', () => {
  it('every index.ts is the two lines that call run(), and importing main.ts performs nothing', async () => {
    expect(ACTIONS).toHaveLength(9);
    const env = runnerEnv({});
    try {
      for (const name of ACTIONS) {
        expect(readFileSync(`actions/${name}/index.ts`, 'utf8'), name).toBe(
          "import { run } from './main.js';\nawait run();\n",
        );
        const mod = (await import(/* @vite-ignore */ path.resolve('actions', name, 'main.ts'))) as {
          run?: unknown;
        };
        expect(typeof mod.run, name).toBe('function');
      }
      expect(readFileSync(env.output, 'utf8')).toBe('');
      expect(readFileSync(env.summary, 'utf8')).toBe('');
      expect(process.exitCode).toBeUndefined();
    } finally {
      env.restore();
    }
  });

  it('plan: run() reads its inputs from the environment and writes its outputs and summary', async () => {
    const { run } = (await import('../../actions/plan/main.js')) as { run: () => Promise<void> };
    const env = runnerEnv({
      config: path.resolve('test/fixtures/reference-plan.yml'),
      version: '1.4.0',
      'runs-on': '["self-hosted","prod"]',
    });
    try {
      await run();
      expect(process.exitCode).toBeUndefined();
      const outputs = parseFileCommand(readFileSync(env.output, 'utf8'));
      expect(outputs).toMatchObject({ 'stage-count': '5', tag: 'v1.4.0', runner: '["self-hosted","prod"]' });
      expect(JSON.parse(outputs['slots']!)).toHaveLength(8);
      expect(readFileSync(env.summary, 'utf8')).toContain('Release plan: spark-trading-api 1.4.0');
    } finally {
      env.restore();
    }
  });

  describe('set-traffic against a local flag server', () => {
    let flags: FlagServer;
    let config: string;
    beforeAll(async () => {
      flags = await startFlagServer();
      const plan = parse(readFileSync('test/fixtures/reference-plan.yml', 'utf8')) as {
        traffic: { http: Record<string, unknown> };
      };
      plan.traffic.http = {
        ...plan.traffic.http,
        url: `${flags.url}/api/features/rollout`,
        read_back: `${flags.url}/api/features/rollout?feature=v{{version}}`,
      };
      config = path.join(mkdtempSync(path.join(tmpdir(), 'action-entry-plan-')), 'canary.yml');
      writeFileSync(config, stringify(plan));
    });
    afterAll(async () => {
      await flags.stop();
    });

    it('run() moves the traffic and reports the read-back; a bad input fails the step once, naming it', async () => {
      const { run } = (await import('../../actions/set-traffic/main.js')) as { run: () => Promise<void> };
      const env = runnerEnv({ config, version: '1.4.0', stage: 'quarter', 'dry-run': 'false' });
      try {
        await run();
        expect(process.exitCode).toBeUndefined();
        expect(parseFileCommand(readFileSync(env.output, 'utf8'))).toMatchObject({
          weight: '25',
          'read-back': '25',
        });
        expect(flags.percentage.get('v1.4.0')).toBe(25);
      } finally {
        env.restore();
      }
      const bad = runnerEnv({ config, version: '1.4.0', weight: '150', 'dry-run': 'false' });
      const printed: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string | Uint8Array) => {
        printed.push(String(chunk));
        return true;
      }) as typeof process.stdout.write;
      try {
        await run();
        process.stdout.write = write;
        expect(process.exitCode).toBe(1);
        expect(printed.filter((l) => l.startsWith('::error::'))).toEqual([
          '::error::input weight: "150" is not a traffic weight (expected a percent 0..100, e.g. 25)\n',
        ]);
        expect(flags.percentage.get('v1.4.0')).toBe(25);
      } finally {
        process.stdout.write = write;
        bad.restore();
      }
    });
  });
});
