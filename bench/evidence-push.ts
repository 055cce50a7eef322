/**
 * Concurrent evidence pushes to a local bare repository: wall time and push attempts per job count.
 * Run: npx tsx bench/evidence-push.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pushEvidence } from '../src/evidence/push.js';

const rows: string[][] = [['jobs', 'wall ms', 'attempts total', 'attempts max', 'commits on branch']];
for (const jobs of [1, 4, 8, 16]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-evidence-'));
  const remote = path.join(dir, 'r.git');
  execFileSync('git', ['init', '--quiet', '--bare', remote]);
  const start = performance.now();
  const results = await Promise.all(
    Array.from({ length: jobs }, (_, i) =>
      pushEvidence({
        remote,
        branch: 'canary-evidence',
        files: [
          { path: `evidence/1.0.0/file_${i}.txt`, content: `${i}\n` },
          { path: 'evidence/1.0.0/warroom_log.txt', content: `:${i} | job ${i}\n`, mode: 'append' },
        ],
        message: `job ${i}`,
        maxAttempts: 30,
      }),
    ),
  );
  const wall = performance.now() - start;
  const commits = execFileSync('git', ['rev-list', '--count', 'canary-evidence'], {
    cwd: remote,
    encoding: 'utf8',
  }).trim();
  const attempts = results.map((r) => r.attempts);
  rows.push([
    String(jobs),
    wall.toFixed(0),
    String(attempts.reduce((a, b) => a + b, 0)),
    String(Math.max(...attempts)),
    commits,
  ]);
  rmSync(dir, { recursive: true, force: true });
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
