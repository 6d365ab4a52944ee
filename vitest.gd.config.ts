/**
 * The GD engine's own tests: its unit tests (src/gd/*.test.ts), the GD properties
 * (properties/gradient-descent*.test.ts), the decimal golden tests of matrix GD
 * (src/precise/matrixGdDecimal.test.ts) and the solver-level GD features (src/solve/gdFeatures.test.ts).
 * The test set of `stryker.gd.json`: a mutant in src/gd must be killed by a test of the engine.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/gd/**/*.test.ts',
      'properties/gradient-descent*.test.ts',
      'src/precise/matrixGdDecimal.test.ts',
      'src/solve/gdFeatures.test.ts',
    ],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
