import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    // Builds the renderer once for every e2e file (served by the real `serve` in each).
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores here: run files in forks, one model-heavy file at a time per fork.
    pool: 'forks',
    maxWorkers: 2,
  },
});
