/**
 * Simulated releases of the embedded reference plan, one per scenario and seed for the whole test run. Several test
 * files read the same rehearsal (its outcome, its evidence, its report), and a rehearsal is seconds of real git, so
 * the first file to ask runs it and the others read its result: a folder claimed with an atomic mkdir, and the
 * result written beside it when the run ends. A file that finds the folder claimed waits for that result, bounded.
 * Readers only read: a test that changes a run's repository makes a run of its own with simulateRelease.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { parsePlan } from '../../src/config/index.js';
import { embeddedPlanPath } from '../../src/simulate/default-plan.js';
import type { ScenarioName } from '../../src/simulate/scenarios.js';
import { simulateRelease, type SimulationResult } from '../../src/simulate/simulate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run-wide folder of shared simulations (test/global-setup.ts makes and removes it). */
    sharedSimulations: string;
  }
}

const WAIT_LIMIT_MS = 300_000;
const POLL_MS = 200;

const inThisProcess = new Map<string, Promise<SimulationResult>>();

/** The reference plan's release under `scenario` with `seed`, simulated once per test run. */
export function referenceRelease(scenario: ScenarioName, seed = 42): Promise<SimulationResult> {
  const key = `${scenario}-seed${seed}`;
  let run = inThisProcess.get(key);
  if (!run) {
    run = runOrWait(key, scenario, seed);
    inThisProcess.set(key, run);
  }
  return run;
}

/** The reference plan's text and plan, as the simulate command reads them. */
export function referencePlan() {
  const planText = readFileSync(embeddedPlanPath(), 'utf8');
  return { planText, plan: parsePlan(planText, '.github/canary.yml') };
}

async function runOrWait(key: string, scenario: ScenarioName, seed: number): Promise<SimulationResult> {
  const root = inject('sharedSimulations');
  const resultFile = path.join(root, `${key}.json`);
  const errorFile = path.join(root, `${key}.error`);
  try {
    mkdirSync(path.join(root, key));
  } catch {
    return waitForResult(key, resultFile, errorFile);
  }
  try {
    const { plan, planText } = referencePlan();
    const result = await simulateRelease({
      plan,
      planText,
      scenario,
      seed,
      outDir: path.join(root, key, 'out'),
    });
    writeFileSync(`${resultFile}.partial`, JSON.stringify(result, keepNonFinite));
    renameSync(`${resultFile}.partial`, resultFile);
    return result;
  } catch (error) {
    writeFileSync(errorFile, error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  }
}

async function waitForResult(key: string, resultFile: string, errorFile: string): Promise<SimulationResult> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (Date.now() < deadline) {
    if (existsSync(resultFile))
      return JSON.parse(readFileSync(resultFile, 'utf8'), restoreNonFinite) as SimulationResult;
    if (existsSync(errorFile))
      throw new Error(
        `the shared simulation ${key} failed in another test file:\n${readFileSync(errorFile, 'utf8')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the shared simulation ${key} did not finish within ${WAIT_LIMIT_MS / 1000} s`);
}

// JSON has no NaN or Infinity; a measurement's gap is NaN and must come back as NaN.
const NON_FINITE = '__non_finite__';
function keepNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { [NON_FINITE]: String(value) } : value;
}
function restoreNonFinite(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && NON_FINITE in value)
    return Number((value as Record<string, string>)[NON_FINITE]);
  return value;
}
