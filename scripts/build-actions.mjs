#!/usr/bin/env node
// Bundles every action present under actions/*/ into its dist/ with ncc (ESM output), from its entry index.ts
// (two lines that call run() from main.ts, so importing main.ts performs nothing: local-action imports it).
// Usage: node scripts/build-actions.mjs [name ...]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const wanted = process.argv.slice(2);
const actions = readdirSync(join(root, 'actions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'actions', d.name, 'index.ts')))
  .map((d) => d.name)
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

function build(name) {
  const out = join(root, 'actions', name, 'dist');
  rmSync(out, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
        'build',
        join('actions', name, 'index.ts'),
        '-o',
        out,
        '--quiet',
        '--minify',
        '--target',
        'es2022',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ncc failed for actions/${name} (exit ${code})`)),
    );
  });
}

// Two at a time: ncc is CPU-bound and the machines here have two cores.
const queue = [...actions];
const started = Date.now();
await Promise.all(
  [0, 1].map(async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      await build(name);
      console.log(`built actions/${name}/dist`);
    }
  }),
);
console.log(`${actions.length} action(s) bundled in ${((Date.now() - started) / 1000).toFixed(1)}s`);
