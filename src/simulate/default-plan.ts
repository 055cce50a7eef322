/**
 * The plan `simulate` runs when no `--config` is given and the working directory has no `.github/canary.yml`:
 * the reference plan shipped with the package, found from this module's own location (source tree or lib/),
 * never from the working directory, so `npx canary-conductor simulate` works anywhere.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function embeddedPlanPath(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, '.github', 'canary.yml');
    if (existsSync(candidate) && existsSync(path.join(dir, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `the reference plan .github/canary.yml was not found above ${from} (a broken installation of canary-conductor)`,
  );
}
