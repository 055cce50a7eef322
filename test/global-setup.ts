/**
 * Builds lib/ once before any test file runs: the CLI tests run `bin/canary-conductor.js`, which loads the compiled
 * core, and one build up front avoids test files rebuilding it under each other's feet.
 *
 * A lib/ that already matches src/ (every module compiled after its source last changed, and no module without a
 * source, as `npm install` leaves it) is used as it is: compiling src/ again costs half a minute of a core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

function modules(dir: string, extension: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(extension) && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -extension.length));
}

export function libMatchesSrc(root = '.'): boolean {
  const src = modules(path.join(root, 'src'), '.ts');
  const lib = new Set(modules(path.join(root, 'lib'), '.js'));
  if (src.length === 0 || lib.size !== src.length) return false;
  return src.every(
    (m) =>
      lib.has(m) &&
      statSync(path.join(root, 'lib', `${m}.js`)).mtimeMs >=
        statSync(path.join(root, 'src', `${m}.ts`)).mtimeMs,
  );
}

export default function setup(): void {
  if (libMatchesSrc()) return;
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  // tsc leaves the output of a source that is gone; a test must not pass on a module src/ no longer has.
  const sources = new Set(modules('src', '.ts'));
  for (const m of modules('lib', '.js'))
    if (!sources.has(m))
      for (const file of [`${m}.js`, `${m}.js.map`]) rmSync(path.join('lib', file), { force: true });
}
