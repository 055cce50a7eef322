#!/usr/bin/env node
// Rebuilds every action and fails, printing the diff, when the committed dist/ differs from the fresh build.
// Bundles are minified (one very long line per file) and split into lazily loaded chunks, so the diff is shown
// with every line cut short, and chunk files that are new or gone are named (git diff shows no untracked file).
import { execFileSync, spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const build = spawnSync(process.execPath, ['scripts/build-actions.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const status = execFileSync('git', ['status', '--porcelain', '--', 'actions/'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((l) => /\/dist\//.test(l));
if (status.length) {
  console.error('dist/ is stale: these bundled files differ from a fresh `npm run build`:');
  console.error(status.join('\n'));
  const diff = spawnSync('git', ['diff', '--stat', '--', 'actions/'], { cwd: root, encoding: 'utf8' });
  console.error(diff.stdout);
  const full = spawnSync('git', ['diff', '--', 'actions/*/dist/*'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const cut = (line) => (line.length > 240 ? `${line.slice(0, 240)}… (${line.length} chars)` : line);
  console.error(full.stdout.split('\n').slice(0, 200).map(cut).join('\n'));
  const untracked = status.filter((l) => l.startsWith('??'));
  if (untracked.length)
    console.error(`New files, not in git (commit them with the bundle):\n${untracked.join('\n')}`);
  console.error('Run `npm run build` and commit actions/*/dist.');
  process.exit(1);
}
console.log('check-dist: every actions/*/dist matches a fresh build.');
