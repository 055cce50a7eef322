#!/usr/bin/env node
// Rebuilds every action and fails, printing the diff, when the committed dist/ differs from the fresh build.
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
  console.error(full.stdout.split('\n').slice(0, 200).join('\n'));
  console.error('Run `npm run build` and commit actions/*/dist.');
  process.exit(1);
}
console.log('check-dist: every actions/*/dist matches a fresh build.');
