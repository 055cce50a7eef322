/**
 * Each bundled action's size and cold start, beside `node -e 0` and a minimal ncc bundle of `@actions/core` alone
 * (built here, in the same run, with the same ncc flags as the actions), all on the same machine at the same time.
 *
 * Size is every .js file of the action's dist/: the entry and the chunks it loads lazily.
 *
 * Cold start is the median time from spawning `node actions/<name>/dist/index.js` to the first line the action
 * writes (not counting `::add-mask::`, which only registers the token), two ways:
 * - "no inputs": the action fails on its first required input, so this is the bundle's eager part (module loading
 *   and evaluation) up to the point where real work would begin;
 * - "with plan": config (the reference plan) and version given, so the action loads and validates the plan and goes
 *   on into its default mode, loading that mode's lazy chunks, until its first line (a result, or the first missing
 *   mode input or unreachable service). This is the honest figure for lazy loading: a chunk a run needs is counted.
 * The first line each action wrote in the "with plan" runs is printed under the table, so what was timed is visible.
 *
 * Goal (issue 18): each bundle at most 1 MB, and cold start at most 1.5x `node -e 0`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from 'simple-statistics';

const RUNS = 9;
const MB = 1_000_000;
const GOAL_BYTES = 1 * MB;
const GOAL_FACTOR = 1.5;

/** Inputs beyond config and version that an action needs before its default mode does anything. */
const MODE_INPUTS: Record<string, Record<string, string>> = {
  'freeze-window': { mode: 'start' },
};

/** Actions whose default mode reaches out at once, so their first line with a plan times the network, not start-up. */
const NOT_STARTUP_WITH_PLAN: Record<string, string> = {
  preflight: 'runs its checks (HTTP, commands, GitHub) at once; the first line is a check result',
};

interface FirstLine {
  ms: number;
  line: string;
}

/** A runner command that only registers a secret: bookkeeping, not a line of the action's work. */
const MASK = '::add-mask::';

function timeToFirstLine(args: string[], env: NodeJS.ProcessEnv): Promise<FirstLine> {
  return new Promise((resolvePromise, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let done = false;
    const finish = (line: string) => {
      if (done) return;
      done = true;
      resolvePromise({ ms: Number(process.hrtime.bigint() - start) / 1e6, line });
      // The first line is all that is timed; the rest of the run (retries against closed ports) is not waited for.
      child.kill('SIGKILL');
    };
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        const first = lines.find((l) => l !== '' && !l.startsWith(MASK));
        if (first !== undefined) finish(first);
      });
    }
    child.on('exit', () => finish('(exited without a line)'));
    child.on('error', reject);
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}

async function medianOf(args: string[], env: NodeJS.ProcessEnv): Promise<FirstLine> {
  const runs: FirstLine[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timeToFirstLine(args, env));
  return { ms: median(runs.map((r) => r.ms)), line: runs[runs.length - 1]!.line };
}

function jsBytes(dir: string): { bytes: number; files: number } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  return { bytes: files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0), files: files.length };
}

/** `@actions/core` alone, bundled as the actions are (ESM, minified): the floor any action bundle starts from. */
function buildCoreOnlyBundle(dir: string): string {
  const core = fileURLToPath(import.meta.resolve('@actions/core'));
  const src = join(dir, 'core-only');
  mkdirSync(src);
  writeFileSync(join(src, 'package.json'), '{"type":"module"}\n');
  // What every action does first when an input is missing: one failure line through core.
  writeFileSync(
    join(src, 'index.js'),
    `import * as core from ${JSON.stringify(core)};\ncore.setFailed('Input required and not supplied: version');\n`,
  );
  const ncc = createRequire(import.meta.url).resolve('@vercel/ncc/dist/ncc/cli.js');
  const out = join(dir, 'core-only-dist');
  const built = spawnSync(
    process.execPath,
    [ncc, 'build', join(src, 'index.js'), '-o', out, '--quiet', '--minify', '--target', 'es2022'],
    { stdio: 'inherit' },
  );
  if (built.status !== 0)
    throw new Error(`ncc failed for the @actions/core-only bundle (exit ${built.status})`);
  const entry = readdirSync(out).find((f) => /^index\.m?js$/.test(f));
  if (!entry) throw new Error(`ncc wrote no index.js for the @actions/core-only bundle in ${out}`);
  return join(out, entry);
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

export async function run(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-actions-'));
  const out = join(dir, 'out');
  const summary = join(dir, 'summary');
  writeFileSync(out, '');
  writeFileSync(summary, '');
  // GitHub URLs at a closed local port: an action that reaches for GitHub fails here, never at GitHub.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_OUTPUT: out,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: dir,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: dir,
  };
  const plan = resolve('test/fixtures/reference-plan.yml');
  // The run's context as the runner gives it, so an action does not stop at a missing GITHUB_* before its mode.
  const withPlan = (action: string): NodeJS.ProcessEnv => ({
    ...env,
    GITHUB_REPOSITORY: 'acme/spark-trading-api',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '4242',
    GITHUB_ACTOR: 'release-engineer',
    // Tokens only have to be present (nothing they open is reachable): the plan's Prometheus token, the job's token.
    PROM_TOKEN: 'bench-prometheus-token',
    INPUT_TOKEN: 'bench-github-token',
    INPUT_CONFIG: plan,
    INPUT_VERSION: '1.4.0',
    ...Object.fromEntries(
      Object.entries(MODE_INPUTS[action] ?? {}).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]),
    ),
  });

  const base = (await medianOf(['-e', 'console.log(0)'], env)).ms;
  const coreOnly = buildCoreOnlyBundle(dir);
  const coreOnlyStart = (await medianOf([coreOnly], env)).ms;
  const factor = (ms: number) => `${(ms / base).toFixed(2)}x`;

  const header = [
    'bundle',
    'size (.js files)',
    'no inputs ms',
    'vs node -e 0',
    'with plan ms',
    'vs node -e 0',
  ];
  const rows: string[][] = [header];
  rows.push(['node -e 0', '-', base.toFixed(1), '1.00x', '-', '-']);
  rows.push([
    '@actions/core alone',
    `${kib(statSync(coreOnly).size)} (1)`,
    coreOnlyStart.toFixed(1),
    factor(coreOnlyStart),
    '-',
    '-',
  ]);
  const firstLines: string[] = [];
  const misses: string[] = [];
  const actions = readdirSync('actions')
    .filter((a) => existsSync(join('actions', a, 'dist', 'index.js')))
    .sort();
  for (const a of actions) {
    const file = join('actions', a, 'dist', 'index.js');
    const size = jsBytes(join('actions', a, 'dist'));
    const bare = await medianOf([file], env);
    const notStartup = NOT_STARTUP_WITH_PLAN[a];
    const loaded = notStartup ? null : await medianOf([file], withPlan(a));
    rows.push([
      a,
      `${kib(size.bytes)} (${size.files})`,
      bare.ms.toFixed(1),
      factor(bare.ms),
      loaded ? loaded.ms.toFixed(1) : '-',
      loaded ? factor(loaded.ms) : '-',
    ]);
    firstLines.push(`  ${a}: ${loaded ? loaded.line.slice(0, 110) : `not timed: ${notStartup}`}`);
    if (size.bytes > GOAL_BYTES) misses.push(`${a}: ${kib(size.bytes)} > 1 MB`);
    const worst = Math.max(bare.ms, loaded?.ms ?? 0);
    if (worst > GOAL_FACTOR * base) misses.push(`${a}: ${factor(worst)} > ${GOAL_FACTOR}x`);
  }
  return [
    formatTable(rows, `Bundled actions: size and cold start (median of ${RUNS} runs each, in one run)`),
    'First line of each "with plan" run:',
    ...firstLines,
    misses.length
      ? `Over the goal (1 MB, ${GOAL_FACTOR}x node -e 0):\n  ${misses.join('\n  ')}`
      : 'Every bundle meets the goal.',
  ].join('\n');
}

export function formatTable(rows: string[][], title: string): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    title,
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await run());
}
