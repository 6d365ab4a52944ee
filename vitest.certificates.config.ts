/**
 * The tests that exercise the certificates on their own (src/flows/certify.ts, hitting.ts): used by
 * stryker.certificates.json, so that mutating a certificate runs these fast tests rather than every
 * claim property that happens to call it.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['properties/certificates.test.ts', 'src/flows/hitting.test.ts', 'src/flows/spectral.test.ts'],
    testTimeout: 120_000,
    pool: 'forks',
  },
});
