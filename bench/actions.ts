/**
 * Each bundled action's size and cold start: the median time of repeated `node actions/<name>/dist/index.js`
 * runs until the action's first line of real work, beside `node -e 0` on the same machine.
 *
 * "First line of real work" is the first line an action writes after its inputs are read. With no inputs the
 * actions fail fast on the first required input, which is exactly the point where real work would begin, so the
 * time to that first output line is the start-up cost (module loading and evaluation) of the bundle.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from 'simple-statistics';

const RUNS = 9;

function timeToFirstLine(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(Number(process.hrtime.bigint() - start) / 1e6);
    };
    child.stdout.once('data', finish);
    child.stderr.once('data', finish);
    child.on('exit', finish);
    child.on('error', reject);
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}

export async function run(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-actions-'));
  const out = join(dir, 'out');
  const summary = join(dir, 'summary');
  writeFileSync(out, '');
  writeFileSync(summary, '');
  const env = { PATH: process.env.PATH, GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: dir };

  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) baseline.push(await timeToFirstLine(['-e', 'console.log(0)'], env));
  const base = median(baseline);

  const rows: string[][] = [['action', 'dist size', 'cold start (median ms)', 'vs node -e 0']];
  rows.push(['node -e 0', '-', base.toFixed(1), '1.0x']);
  const actions = readdirSync('actions')
    .filter((a) => existsSync(join('actions', a, 'dist', 'index.js')))
    .sort();
  for (const a of actions) {
    const file = join('actions', a, 'dist', 'index.js');
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await timeToFirstLine([file], env));
    const m = median(times);
    rows.push([
      a,
      `${(statSync(file).size / 1024).toFixed(0)} KiB`,
      m.toFixed(1),
      `${(m / base).toFixed(1)}x`,
    ]);
  }
  return formatTable(rows, `Bundled actions: size and cold start (median of ${RUNS} runs each)`);
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
