/** Running a theorem's claim and its negative controls under vitest with fixed seeds. */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checkTheorem, claimProperty, controlProperty } from '../../theorems/check.js';
import type { Theorem } from '../../theorems/types.js';

export const CLAIM_RUNS = 100;
/** Budget within which fast-check must refute a negative control. */
export const CONTROL_BUDGET = 100;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTheorem<I> = Theorem<I, any, any>;

/** The claim holds on CLAIM_RUNS instances drawn from its arbitrary (fixed seed). */
export function itHolds<I>(theorem: AnyTheorem<I>, seed: number, numRuns = CLAIM_RUNS): void {
  it(`${theorem.id}: holds on ${numRuns} random instances satisfying its hypotheses`, () => {
    fc.assert(claimProperty(theorem), { seed, numRuns });
  });
}

/** Each negative control is refuted *by a verdict* within the budget (an exception never counts). */
export function itRefutesControls<I>(theorem: AnyTheorem<I>, seed: number, budget = CONTROL_BUDGET): void {
  expect(theorem.negativeControls.length).toBeGreaterThan(0);
  for (const control of theorem.negativeControls) {
    it(`${theorem.id}: negative control "${control.name}" (${control.description}) is refuted within ${budget} instances`, () => {
      const r = fc.check(controlProperty(control.theorem), { seed, numRuns: budget, endOnFailure: true }) as unknown as fc.RunDetails<unknown[]>;
      expect(r.failed).toBe(true);
    });
  }
}

/** The boundary arbitrary yields instances on both sides of the hypotheses, and checking never throws. */
export function itExploresBoundary<I>(theorem: AnyTheorem<I>, seed: number, numRuns = 40): void {
  it(`${theorem.id}: its boundary arbitrary straddles the hypotheses`, () => {
    const statuses = new Set<string>();
    fc.assert(
      fc.property(theorem.boundary(), (inst) => {
        statuses.add(checkTheorem(theorem, JSON.parse(JSON.stringify(inst))).status);
        return true;
      }),
      { seed, numRuns },
    );
    expect(statuses.has('outside-hypotheses')).toBe(true);
    expect(statuses.size).toBeGreaterThan(1);
  });
}
