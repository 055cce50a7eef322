/**
 * GitHub's `@github/local-action` runs our action entries as documented in docs/testing-github.md:
 * `npx @github/local-action run actions/<name> main.ts .env`. The real CLI, in a child process, with inputs as
 * INPUT_* lines of a temporary .env. The tool swaps `@actions/core` for its own stand-in: outputs are printed as
 * `::set-output name=…::…` lines and listed at the end, never written to GITHUB_OUTPUT, and the job summary goes
 * to GITHUB_STEP_SUMMARY. An empty GITHUB_OUTPUT file therefore proves the stand-in was in place, not the real
 * toolkit writing runner files behind the tool's back.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startFlagServer, type FlagServer } from '../traffic/flag-server.js';

const execFileAsync = promisify(execFile);

/** npx, then npm exec tsx, then npm ls and the TypeScript sources: slow on two shared cores, never unbounded. */
const CLI_TIMEOUT_MS = 150_000;

interface LocalActionRun {
  stdout: string;
  /** The outputs the action set, as the tool's stand-in for `@actions/core` printed them. */
  outputs: Record<string, string>;
  errors: string[];
  summary: string;
  /** What reached the runner's GITHUB_OUTPUT file (the tool's stand-in writes nothing there). */
  runnerOutputFile: string;
}

/** The environment of the test process, less anything a runner or vitest would have set for itself. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|VITEST|NODE_OPTIONS$|FORCE_COLOR$)/.test(k)) continue;
    env[k] = v;
  }
  return env;
}

/** A dotenv value taken literally: dotenv keeps single-quoted text as it is (double quotes would expand escapes). */
function dotenvValue(name: string, value: string): string {
  if (/['\n]/.test(value)) throw new Error(`.env ${name}: ${JSON.stringify(value)} cannot be single-quoted`);
  return `${name}='${value}'`;
}

async function runLocalAction(action: string, inputs: Record<string, string>): Promise<LocalActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), `local-action-${action}-`));
  const output = path.join(dir, 'output');
  const summary = path.join(dir, 'summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const dotenv = path.join(dir, '.env');
  const lines = [
    ...Object.entries(inputs).map(([k, v]) => dotenvValue(`INPUT_${k.toUpperCase()}`, v)),
    dotenvValue('GITHUB_OUTPUT', output),
    dotenvValue('GITHUB_STEP_SUMMARY', summary),
    dotenvValue('GITHUB_WORKSPACE', dir),
  ];
  writeFileSync(dotenv, `${lines.join('\n')}\n`);
  const { stdout } = await execFileAsync(
    'npx',
    ['--no', '@github/local-action', 'run', `actions/${action}`, 'main.ts', dotenv],
    {
      cwd: process.cwd(),
      timeout: CLI_TIMEOUT_MS,
      maxBuffer: 16 << 20,
      env: {
        ...cleanEnv(),
        // The tool locates @actions/core with `npm ls` (the path under ./node_modules) and swaps that module by
        // URL; Node resolves imports to real paths. Where node_modules is a symlink (a worktree sharing one
        // install) the two differ and the swap would silently miss, so keep symlinked paths as they are.
        NODE_OPTIONS: '--preserve-symlinks',
        NO_COLOR: '1',
      },
    },
  );
  const outputs: Record<string, string> = {};
  const errors: string[] = [];
  for (const line of stdout.split('\n')) {
    const set = /^::set-output name=([^:]+)::(.*)$/.exec(line);
    if (set) outputs[set[1]!] = set[2]!;
    if (line.startsWith('::error')) errors.push(line);
  }
  return {
    stdout,
    outputs,
    errors,
    summary: readFileSync(summary, 'utf8'),
    runnerOutputFile: readFileSync(output, 'utf8'),
  };
}

describe('npx @github/local-action run actions/<name> main.ts .env', () => {
  it(
    'plan: reads its inputs from .env, sets every output and writes the job summary',
    async () => {
      const run = await runLocalAction('plan', {
        config: path.resolve('test/fixtures/reference-plan.yml'),
        version: '1.4.0',
        'runs-on': '["self-hosted","prod"]',
      });
      expect(run.errors).toEqual([]);
      expect(run.stdout).toContain('Running Action');
      expect(run.runnerOutputFile).toBe('');
      expect(run.outputs).toMatchObject({
        'stage-count': '5',
        tag: 'v1.4.0',
        'evidence-dir': 'evidence/1.4.0',
        runner: '["self-hosted","prod"]',
        'first-night-environment': 'first-night',
      });
      const stages = JSON.parse(run.outputs['stages']!) as { name: string; traffic: number }[];
      expect(stages.map((s) => [s.name, s.traffic])).toEqual([
        ['pilot', 1],
        ['confidence', 5],
        ['quarter', 25],
        ['half', 50],
        ['full', 100],
      ]);
      expect(JSON.parse(run.outputs['slots']!)).toHaveLength(8);
      expect(run.summary).toContain('<h2>Release plan: spark-trading-api 1.4.0</h2>');
      expect(run.summary).toContain('<td>quarter</td><td>25%</td>');
    },
    CLI_TIMEOUT_MS + 10_000,
  );

  describe('set-traffic through the http provider', () => {
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
      config = path.join(mkdtempSync(path.join(tmpdir(), 'local-action-plan-')), 'canary.yml');
      writeFileSync(config, stringify(plan));
    });
    afterAll(async () => {
      await flags.stop();
    });

    it(
      'moves the canary to the stage weight on the local flag service and reports the read-back',
      async () => {
        const run = await runLocalAction('set-traffic', {
          config,
          version: '1.4.0',
          stage: 'half',
          'dry-run': 'false',
        });
        expect(run.errors).toEqual([]);
        expect(run.runnerOutputFile).toBe('');
        expect(run.outputs).toMatchObject({ weight: '50', 'read-back': '50', flows: '', changed: 'true' });
        const posts = flags.requests.filter((r) => r.method === 'POST');
        expect(posts).toHaveLength(1);
        expect(JSON.parse(posts[0]!.body)).toEqual({ feature: 'v1.4.0', percentage: 50 });
        expect(flags.percentage.get('v1.4.0')).toBe(50);
        expect(run.summary).toContain('<code>half</code>');
      },
      CLI_TIMEOUT_MS + 10_000,
    );
  });
});
