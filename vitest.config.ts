import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'theorems/**/*.test.ts', 'properties/**/*.test.ts', 'scripts/**/*.test.mjs'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['./vitest.build.ts'],
    // Every core (vitest's default is cores − 1: a single worker on two cores).
    maxWorkers: availableParallelism(),
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/**/testSupport.ts', 'src/cli/bench*.ts'],
      // The gate (≥ 90 % of lines of src/, spawned CLI processes included) is applied by
      // scripts/coverage.mjs (`npm run coverage`), which merges in the spawned processes' coverage.
      reporter: ['text-summary', 'json'],
    },
  },
});
