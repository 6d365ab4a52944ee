/**
 * The [CGMR] claims' own tests (theorems/cgmr/*.test.ts, properties/cgmr*.test.ts) and the GD
 * engine's (src/gd/*.test.ts): the test set of `stryker.cgmr.json`, so that a mutant in a CGMR
 * module must be killed by a test of the CGMR claims, not by the whole-registry CLI runs.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['theorems/cgmr/**/*.test.ts', 'properties/cgmr*.test.ts', 'src/gd/**/*.test.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
