import { configDefaults, defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/support/longest-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Production-size runs take minutes: `npm run test:scale` (vitest.scale.config.ts).
    exclude: [...configDefaults.exclude, 'test/**/*.scale.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A worker keeps its loaded modules from one test file to the next; test/support/file-isolation.ts puts back
    // the process-wide state a file may leave.
    isolate: false,
    setupFiles: ['test/support/file-isolation.ts'],
    // Vitest's default is one worker fewer than the cores, so one file at a time on a 2-core runner. Many files
    // spend most of their time waiting on real clocks (scrape intervals, stage windows, first-night windows,
    // paced GitHub writes), so four files at a time keep both cores busy: while some wait, others compute.
    maxWorkers: 4,
    sequence: { sequencer: LongestFirstSequencer },
  },
});
