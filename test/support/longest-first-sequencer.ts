/**
 * Runs the longest test files first, so that no long file starts near the end and leaves the other workers idle.
 * Vitest orders by the durations of the previous run when it has them, but a fresh clone (CI) has none and falls
 * back to file size, which puts e.g. the live-gate drill (a small file that waits on real scrapes) among the last.
 * The list holds the files that took 9 s or more in `npm test` (three files at a time, as measured) on this 2-core machine,
 * longest first; every other file keeps vitest's own order after them.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const LONGEST_FILES: readonly string[] = [
  'test/chain/release-chain.test.ts', // 80 s
  'test/simulate/simulate.test.ts', // 66 s
  'test/freeze/start-end.test.ts', // 52 s
  'test/simulate/one-flow.test.ts', // 51 s
  'test/simulate/examples.test.ts', // 39 s
  'test/gate/cli.test.ts', // 32 s
  'test/install/install.test.ts', // 30 s
  'test/cli/manners.test.ts', // 30 s
  'test/stage-gate/signoff-and-cut.test.ts', // 24 s
  'test/workflow/local-action.test.ts', // 24 s
  'test/gate/live.test.ts', // 22 s
  'test/metrics/prometheus-live.test.ts', // 21 s
  'test/freeze/freeze-100.test.ts', // 19 s
  'test/freeze/guard.test.ts', // 19 s
  'test/freeze/merge-block.test.ts', // 18 s
  'test/stage-gate/stage-gate-action.test.ts', // 17 s
  'test/evidence/attacks.test.ts', // 17 s
  'test/rollback/secrets-and-injection.test.ts', // 16 s
  'test/cli/validate-cli.test.ts', // 16 s
  'test/rca/report-layout.test.ts', // 15 s
  'test/freeze/hold-first.test.ts', // 15 s
  'test/workflow/stage-job-limit.test.ts', // 12 s
  'test/workflow/workflow-checks.test.ts', // 11 s
  'test/gate/replay.test.ts', // 11 s
  'test/evidence/push.test.ts', // 10 s
  'test/github/secondary-limits.test.ts', // 10 s
];

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = LONGEST_FILES.indexOf(relative(spec.project.config.root, spec.moduleId));
      return index === -1 ? LONGEST_FILES.length : index;
    };
    // Array.prototype.sort is stable: files off the list keep the order vitest gave them.
    return ordered.sort((a, b) => rank(a) - rank(b));
  }
}
