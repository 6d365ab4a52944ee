/**
 * The [MV] claims' own tests (properties/mv-*.test.ts and the unit tests next to theorems/mv/): used
 * by stryker.mv.json, so that mutating an [MV] claim runs these (a few seconds per file) rather than
 * every CLI and search test that reaches it through the registry. A subset of the suite can only
 * under-count the mutants killed.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['properties/mv-*.test.ts', 'theorems/mv/*.test.ts', 'theorems/*.test.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
