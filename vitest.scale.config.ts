import { defineConfig } from 'vitest/config';

// `npm run test:scale`: the long runs at production sizes (e.g. a freeze over 1,000 PRs), kept out of `npm test`.
export default defineConfig({
  test: {
    include: ['test/**/*.scale.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
