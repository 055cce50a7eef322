/**
 * Builds lib/ once before any test file runs: the CLI tests run `bin/canary-conductor.js`, which loads the compiled
 * core, and one build up front avoids test files rebuilding it under each other's feet.
 *
 * A lib/ that already matches src/ (a module for every source, compiled after the source last changed, and nothing
 * else, as `npm install` leaves it) is used as it is: compiling src/ again costs half a minute of a core. The compile
 * is the package's own (tsconfig.build.json, no source maps), so lib/ is what `npm pack` ships.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/** Files below `dir`, relative to it. */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** The modules of src/ (`config/schema` for src/config/schema.ts). */
function sourceModules(root: string): string[] {
  return filesBelow(path.join(root, 'src'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -'.ts'.length));
}

/** Files in lib/ that no module of src/ compiles to (a deleted module's output, an old source map). */
function strayLibFiles(root: string, modules = sourceModules(root)): string[] {
  const wanted = new Set(modules.map((m) => `${m}.js`));
  return filesBelow(path.join(root, 'lib')).filter((f) => !wanted.has(f) && f !== '.tsbuildinfo');
}

export function libMatchesSrc(root = '.'): boolean {
  const modules = sourceModules(root);
  if (modules.length === 0 || strayLibFiles(root, modules).length > 0) return false;
  return modules.every((m) => {
    const compiled = path.join(root, 'lib', `${m}.js`);
    return (
      existsSync(compiled) &&
      statSync(compiled).mtimeMs >= statSync(path.join(root, 'src', `${m}.ts`)).mtimeMs
    );
  });
}

export default function setup(project: TestProject): () => void {
  // The run-wide folder of test/support/shared-simulations.ts.
  const shared = mkdtempSync(path.join(os.tmpdir(), 'shared-simulations-'));
  project.provide('sharedSimulations', shared);
  const teardown = () => rmSync(shared, { recursive: true, force: true });
  if (libMatchesSrc()) return teardown;
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  // tsc leaves the output of a source that is gone; a test must not pass on a module src/ no longer has.
  for (const file of strayLibFiles('.')) rmSync(path.join('lib', file), { force: true });
  return teardown;
}
