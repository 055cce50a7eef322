/** Reading a plan from disk (I/O), kept apart from validating it (validate.ts, pure). */
import { readFile } from 'node:fs/promises';
import { ConfigurationError } from './errors.js';
import { parsePlan } from './validate.js';
import type { ReleasePlan } from './schema.js';
import { registerPlanSecrets } from '../secrets/plan-secrets.js';

export const DEFAULT_PLAN_PATH = '.github/canary.yml';

export async function readPlanText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigurationError(
      code === 'ENOENT'
        ? `config: ${path} does not exist (a release plan file, default ${DEFAULT_PLAN_PATH})`
        : `config: ${path} cannot be read (${code ?? String(e)})`,
    );
  }
}

/**
 * Every entry loads its plan here, so the secrets the plan points at (bearer token, webhook URLs, auth headers)
 * are registered with the run's masker before any step runs or writes.
 */
export async function loadPlan(
  path: string = DEFAULT_PLAN_PATH,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ReleasePlan> {
  const plan = parsePlan(await readPlanText(path), path);
  registerPlanSecrets(plan, env);
  return plan;
}
