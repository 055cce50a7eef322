/**
 * Builds lib/ once before any test file runs: the CLI tests run `bin/canary-conductor.js`, which loads the compiled
 * core, and one build up front avoids test files rebuilding it under each other's feet.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
