/** Shared set-up for the freeze tests: the reference plan, a seeded emulator, a bare evidence repo, a run context. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePlan, type ReleasePlan } from '../../src/config/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { SeedPull } from '../github-emulator/index.js';
import type { GitHubEmulator } from '../github-emulator/index.js';
import { execGit } from '../support/git.js';

export const PLAN_TEXT = readFileSync(new URL('../fixtures/reference-plan.yml', import.meta.url), 'utf8');
export const PLAN: ReleasePlan = parsePlan(PLAN_TEXT, 'reference-plan.yml');
export const FREEZE = PLAN.freeze!;

/** A bare git repository standing in for the evidence remote. */
export function bareRepo(): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'freeze-evidence-'));
  const dir = path.join(root, 'evidence.git');
  execGit(['init', '--quiet', '--bare', dir]);
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function showOnBranch(bare: string, branch: string, file: string): string | null {
  try {
    return execGit(['--git-dir', bare, 'show', `${branch}:${file}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

export function commitCount(bare: string, branch: string): number {
  try {
    return Number(
      execGit(['--git-dir', bare, 'rev-list', '--count', branch], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim(),
    );
  } catch {
    return 0;
  }
}

/** The emulator's own clock: the pacer must count GitHub's windows on the clock the server enforces them on. */
export function emulatorClock(emulator: GitHubEmulator): Clock {
  const scale = emulator.clock.scale;
  return {
    now: () => new Date(emulator.clock.now()),
    sleepUntil: (t) =>
      new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, Math.ceil((t.getTime() - emulator.clock.now()) / scale))),
      ),
  };
}

export type Expected = 'held' | 'allowed' | 'out-of-scope';

export interface MixedPull extends SeedPull {
  number: number;
  expected: Expected;
  blocked: boolean;
  preLabelled: boolean;
}

/**
 * `count` open PRs with every case the freeze must tell apart, decided here by the rules as the runbook states them
 * (independently of classifyPull): other base branches are out of scope; a block label holds even with an allow
 * label; an allow label lets through; docs-only changes (docs/**, *.md) let through; docs plus one schema file is
 * not docs-only; drafts are held like any PR; some PRs carried the freeze label by hand before the freeze.
 */
export function mixedPulls(count: number): MixedPull[] {
  const pulls: MixedPull[] = [];
  for (let n = 1; n <= count; n++) {
    const otherBase = n % 10 === 0;
    const allowLabel = n % 11 === 0 ? 'hotfix' : n % 29 === 0 ? 'Documentation' : null; // label case differs from the plan
    const blockLabel = n % 13 === 0 ? 'schema-migration' : n % 31 === 0 ? 'dependencies' : null;
    const preLabelled = n % 17 === 0;
    const docsOnly = n % 5 === 0 && n % 15 !== 0;
    // Mostly docs, but one schema file: not docs-only. (Renames are covered by the classify unit tests: the
    // emulator's file listing carries no previous_filename.)
    const docsPlusSchema = n % 23 === 0;
    const files: SeedPull['files'] = docsPlusSchema
      ? [`docs/schema-${n}.md`, `schemas/orders-${n}.json`]
      : docsOnly
        ? [`docs/guide-${n}.md`, 'README.md']
        : [`src/orders/handler-${n}.ts`, `docs/notes-${n}.md`];
    const labels = [
      allowLabel,
      blockLabel,
      preLabelled ? 'hold-for-canary' : null,
      n % 3 === 0 ? 'needs-review' : null,
    ].filter((l): l is string => l !== null);
    let expected: Expected;
    if (otherBase) expected = 'out-of-scope';
    else if (blockLabel) expected = 'held';
    else if (allowLabel) expected = 'allowed';
    else if (docsOnly && !docsPlusSchema) expected = 'allowed';
    else expected = 'held';
    pulls.push({
      number: n,
      title: `Change ${n}`,
      base: otherBase ? 'release/1.3' : 'main',
      draft: n % 7 === 0,
      labels,
      files,
      expected,
      blocked: !otherBase && blockLabel !== null,
      preLabelled,
    });
  }
  return pulls;
}

export function seedOf(pulls: MixedPull[]): SeedPull[] {
  return pulls.map(({ expected: _e, blocked: _b, preLabelled: _p, ...seed }) => seed);
}
