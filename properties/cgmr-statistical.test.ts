/**
 * [CGMR] the empirical claims for Gaussian sensing and Gaussian init (theorems/cgmr/statistical.ts):
 * statistical, so one (sensing, 40 seeds) or two (randomInit, 20 seeds) instances at a fixed seed,
 * each a Wilson 95 % lower bound against the stated rate; gross controls within 2 instances, near
 * misses on their stated fraction of 3 (sensing) or 5 (randomInit) instances.
 */
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { DEFAULTS, PLAN, type StatisticalInstance, randomInit, sensing } from '../theorems/cgmr/statistical.js';
import { monotoneStep, wilsonLower } from '../theorems/cgmr/bounds.js';
import fc from 'fast-check';
import { controlProperty } from '../theorems/check.js';
import type { Theorem } from '../theorems/types.js';
import { itRefutesOnStatedFraction } from './support/cgmrControls.js';
import { itHolds } from './support/claims.js';

/** The gross controls within a budget of 2 instances (the near misses have their stated fraction). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function itRefutesGross(t: Theorem<StatisticalInstance, any, any>, seed: number, budget: number): void {
  for (const c of t.negativeControls.filter((x) => x.kind === 'gross')) {
    it(`${t.id}: gross control "${c.name}" is refuted within ${budget} instances`, () => {
      const r = fc.check(controlProperty(c.theorem), { seed, numRuns: budget, endOnFailure: true });
      expect(r.failed).toBe(true);
    });
  }
}

describe('[CGMR] matrix sensing and random initialisation (statistical)', () => {
  itHolds(sensing, 201, 1);
  itRefutesGross(sensing, 202, 2);
  itRefutesOnStatedFraction(sensing, 202, 3);
  itHolds(randomInit, 211, 2);
  itRefutesGross(randomInit, 212, 2);
  itRefutesOnStatedFraction(randomInit, 212, 5);
  it('Wilson one-sided 95 % lower bounds: 20/20 → 0.881, 19/20 → 0.804, 0/20 → 0', () => {
    expect(wilsonLower(20, 20)).toBeCloseTo(0.8808, 4);
    expect(wilsonLower(19, 20)).toBeCloseTo(0.804, 3);
    expect(wilsonLower(18, 20)).toBeLessThan(0.75);
    expect(wilsonLower(0, 20)).toBe(0);
  });
  it('hypotheses pinned: sensing needs m ≥ 2·dof = 18 and m < n² (17 and 25 are outside), small init α^N ≤ 10⁻²σ_r', () => {
    const inst: StatisticalInstance = { kind: 'sensing', firstSeed: 1, seeds: 5, n: DEFAULTS.n, signal: DEFAULTS.signal, m: 18, depth: 3, alpha: 0.05, stepSize: 0.5 * monotoneStep(2, 3), steps: 50, every: 10, rate: PLAN.sensing.rate };
    expect(sensing.hypotheses(inst)).toEqual([]);
    expect(sensing.hypotheses({ ...inst, m: 17 }).length).toBe(1);
    expect(sensing.hypotheses({ ...inst, m: 25 }).length).toBe(1);
    expect(sensing.hypotheses({ ...inst, alpha: 0.99 * 0.01 ** (1 / 3) })).toEqual([]);
    expect(checkTheorem(sensing, { ...inst, alpha: 1.01 * 0.01 ** (1 / 3) }).status).toBe('outside-hypotheses');
  });
});
