#!/usr/bin/env node
// The CLI entry: the compiled core lives in lib/ (built by `npm install` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../lib/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(
    'canary-conductor: lib/ is missing; run `npm install` (or `npm run prepare`) first.\n',
  );
  process.exit(1);
}
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2));
