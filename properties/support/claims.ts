/** Running a theorem's claim and its negative controls under vitest with fixed seeds. */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checkTheorem, claimProperty, controlProperty } from '../../theorems/check.js';
import type { NegativeControl, Theorem } from '../../theorems/types.js';

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

/** Each gross negative control is refuted *by a verdict* within the budget (an exception never counts). */
export function itRefutesControls<I>(theorem: AnyTheorem<I>, seed: number, budget = CONTROL_BUDGET): void {
  expect(theorem.negativeControls.filter((c) => c.kind === 'gross').length).toBeGreaterThan(0);
  for (const control of theorem.negativeControls.filter((c) => c.kind === 'gross')) {
    it(`${theorem.id}: negative control "${control.name}" (${control.description}) is refuted within ${budget} instances`, () => {
      const r = fc.check(controlProperty(control.theorem), { seed, numRuns: budget, endOnFailure: true }) as unknown as fc.RunDetails<unknown[]>;
      expect(r.failed).toBe(true);
    });
  }
}

/**
 * Statuses of a control on `numRuns` instances of its arbitrary at `seed` (deterministic): the
 * refuted fraction is what a near-miss control's `refutedFraction` states.
 */
export function controlStatuses<I>(control: NegativeControl<I>, seed: number, numRuns = CLAIM_RUNS): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const inst of fc.sample(control.theorem.arbitrary(), { seed, numRuns })) {
    const s = checkTheorem(control.theorem, inst).status;
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}

/**
 * Every near-miss control of the theorem (at least one) is refuted *by a verdict* on some but not
 * all of `numRuns` instances, with the measured fraction inside its stated `refutedFraction`.
 */
export function itRefutesNearMisses<I>(theorem: AnyTheorem<I>, seed: number, numRuns = CLAIM_RUNS): void {
  const nearMisses = theorem.negativeControls.filter((c) => c.kind === 'near-miss');
  it(`${theorem.id}: has at least one near-miss control with a stated refuted fraction`, () => {
    expect(nearMisses.length).toBeGreaterThan(0);
    for (const c of nearMisses) expect(c.refutedFraction).toBeDefined();
  });
  for (const control of nearMisses) {
    const [lo, hi] = control.refutedFraction ?? [0, 1];
    it(`${theorem.id}: near-miss control "${control.name}" (${control.description}) is refuted on ${lo}–${hi} of ${numRuns} instances`, () => {
      const counts = controlStatuses(control, seed, numRuns);
      const refuted = counts.refuted ?? 0;
      expect(counts.error ?? 0, JSON.stringify(counts)).toBe(0);
      expect(refuted, JSON.stringify(counts)).toBeGreaterThan(0);
      expect(refuted, JSON.stringify(counts)).toBeLessThan(numRuns);
      expect(refuted / numRuns, JSON.stringify(counts)).toBeGreaterThanOrEqual(lo);
      expect(refuted / numRuns, JSON.stringify(counts)).toBeLessThanOrEqual(hi);
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
    expect(statuses.has('error')).toBe(false);
    expect(statuses.size).toBeGreaterThan(1);
  });
}

/**
 * A hypothesis pinned at its boundary: `outside` fails exactly the hypothesis named (by a prefix
 * of its name), `inside` does not fail it (and, with `insideHolds`, is checked and holds).
 */
export function expectPinned<I>(theorem: AnyTheorem<I>, name: string, inside: I, outside: I, insideHolds = false): void {
  const o = checkTheorem(theorem, outside);
  expect(o.status, `${name}: just outside`).toBe('outside-hypotheses');
  const hit = o.failures.find((f) => f.name.startsWith(name));
  expect(hit, `${name} outside: ${JSON.stringify(o.failures)}`).toBeDefined();
  expect(['<', '≤', '>', '≥', '=']).toContain(hit!.relation);
  expect(typeof hit!.quantity === 'number' && typeof hit!.bound === 'number').toBe(true);
  const i = checkTheorem(theorem, inside);
  expect(i.failures.map((f) => f.name).some((n) => n.startsWith(name)), `${name} inside: ${JSON.stringify(i.failures)}`).toBe(false);
  if (insideHolds) expect(i.status, `${name} inside: ${JSON.stringify(i.failures)} ${i.error ?? ''}`).toBe('holds');
}
