/** The stated refuted fraction of each near-miss control, measured at a fixed seed and run count. */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checkTheorem } from '../../theorems/check.js';
import type { Theorem } from '../../theorems/types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function itRefutesOnStatedFraction<I>(theorem: Theorem<I, any, any>, seed: number, runs: number): void {
  for (const c of theorem.negativeControls.filter((x) => x.refutedFraction)) {
    it(`${theorem.id}: near miss "${c.name}" is refuted on its stated fraction [${c.refutedFraction!.join(', ')}] of ${runs} instances (seed ${seed})`, () => {
      const sample = fc.sample(c.theorem.arbitrary(), { seed, numRuns: runs });
      const refuted = sample.filter((inst) => checkTheorem(c.theorem, inst).status === 'refuted').length / runs;
      expect(refuted).toBeGreaterThanOrEqual(c.refutedFraction![0]);
      expect(refuted).toBeLessThanOrEqual(c.refutedFraction![1]);
    });
  }
}
