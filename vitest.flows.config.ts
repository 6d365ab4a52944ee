/**
 * The gradient-flow solvers' own tests: used by stryker.flows.json, so that mutating a solver in
 * src/flows runs the tests that check it against an independent reference (the unit tests next to
 * it, the symmetric/asymmetric flow properties, the golden 60-digit references at their fast tier,
 * the decimal-digit properties, the certificates, and the decimal rechecks that use the decimal
 * asymmetric closed form) rather than every claim and CLI test that reaches it. A subset of the
 * suite can only under-count the mutants killed.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/flows/*.test.ts',
      'properties/symmetric-flow.test.ts',
      'properties/asymmetric-flow.test.ts',
      'properties/golden.test.ts',
      'properties/precise-digits.test.ts',
      'properties/certificates.test.ts',
      'properties/gradient-descent.test.ts',
      'src/search/preciseFlows.test.ts',
    ],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
