import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['framework/**/*.test.ts', 'generators/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['framework/test-support/build-dist.ts'],
  },
});
