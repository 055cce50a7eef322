// Builds lib/, the compiled core the CLI runs: a clean compile of src/, so a module deleted from src/ can never
// ship from an old lib/, and without source maps, which would point at a src/ a package tarball does not carry.
// Runs as `prepack` (npm pack, npm publish) and as `prepare` (npm install in a clone, npm install github:...).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

// npm pack runs prepack and then prepare: the second build would only repeat the first.
const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '');
if (process.env.npm_lifecycle_event === 'prepare' && packing) process.exit(0);

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync(new URL('../lib', import.meta.url), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [tsc, '-p', 'tsconfig.build.json', '--sourceMap', 'false', '--incremental', 'false'],
  { stdio: 'inherit', cwd: new URL('..', import.meta.url) },
);
