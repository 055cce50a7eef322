import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Production-size runs take minutes: `npm run test:scale` (vitest.scale.config.ts).
    exclude: [...configDefaults.exclude, 'test/**/*.scale.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
