/**
 * verify-evidence at scale: an evidence branch of N releases (10 commits each, as the product writes them:
 * freeze start, preflight, five stages, GA, release-tag, freeze end) is generated with `git fast-import`,
 * then the whole branch and one release (`--version`) are verified from the bare repository, for N from 100
 * to 1,000 (about 10,000 commits). Targets: whole branch < 30 s, one release < 2 s at 1,000 releases, for the
 * first, the middle and the last release alike.
 * Run: npx tsx bench/verify-evidence.ts [maxReleases]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyEvidence } from '../src/evidence/verify.js';
import { generateEvidenceBranch, releaseVersion } from './_evidence-branch.js';

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

const max = Number(process.argv[2] ?? 1000);
const sizes = [100, 300, 1000].filter((s) => s <= max);
const rows: string[][] = [
  [
    'releases',
    'commits',
    'files',
    'generate s',
    'whole branch s',
    'one release s (first / middle / last)',
    'whole ok',
    'one ok',
  ],
];
console.log(rows[0]!.join('  '));
for (const releases of sizes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-verify-'));
  try {
    const bare = path.join(dir, 'evidence.git');
    execFileSync('git', ['init', '--quiet', '--bare', bare]);
    const [commits, genMs] = await timed(async () => generateEvidenceBranch(bare, releases, dir));
    const [whole, wholeMs] = await timed(() => verifyEvidence(bare, { tempDir: dir }));
    // The first, middle and last release: one release's check must not depend on where it sits in history.
    const ones: [Awaited<ReturnType<typeof verifyEvidence>>, number][] = [];
    for (const n of [0, Math.floor(releases / 2), releases - 1])
      ones.push(await timed(() => verifyEvidence(bare, { version: releaseVersion(n), tempDir: dir })));
    const oneOk = ones.every(([r]) => r.ok);
    if (!whole.ok || !oneOk)
      console.error([...whole.problems, ...ones.flatMap(([r]) => r.problems)].slice(0, 5));
    rows.push([
      String(releases),
      String(commits),
      String(whole.files),
      (genMs / 1000).toFixed(1),
      (wholeMs / 1000).toFixed(2),
      ones.map(([, ms]) => (ms / 1000).toFixed(2)).join(' / '),
      String(whole.ok),
      String(oneOk),
    ]);
    // Each size as it is measured: the largest takes minutes to generate.
    console.log(rows.at(-1)!.join('  '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log('');
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
// For the one-release column, the slowest of the three.
const seconds = (cell: string): number => Math.max(...cell.split(' / ').map(Number));
const growth = (col: number): string =>
  rows.length > 2 ? (seconds(rows.at(-1)![col]!) / seconds(rows[1]![col]!)).toFixed(1) : '-';
console.log(
  `growth ${rows[1]?.[0]} -> ${rows.at(-1)?.[0]} releases: whole branch x${growth(4)}, one release x${growth(5)}`,
);
