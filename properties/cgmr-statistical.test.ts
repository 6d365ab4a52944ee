/**
 * [CGMR] the empirical claims for Gaussian sensing and Gaussian init (theorems/cgmr/statistical.ts):
 * statistical, so one (sensing, 40 seeds) or two (randomInit, 20 seeds) instances at a fixed seed,
 * each a Wilson 95 % lower bound against the stated rate; gross controls within 2 instances, near
 * misses on their stated fraction of 3 (sensing) or 5 (randomInit) instances.
 */
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { DEFAULTS, MIN_POWER, PILOT_RATE, PLAN, type StatisticalInstance, randomInit, sensing, wilsonPower } from '../theorems/cgmr/statistical.js';
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
    const inst: StatisticalInstance = { kind: 'sensing', firstSeed: 1, seeds: 40, n: DEFAULTS.n, signal: DEFAULTS.signal, m: 18, depth: 3, alpha: 0.05, stepSize: 0.5 * monotoneStep(2, 3), steps: 50, every: 10, rate: PLAN.sensing.rate };
    expect(sensing.hypotheses(inst)).toEqual([]);
    expect(sensing.hypotheses({ ...inst, m: 17 }).length).toBe(1);
    expect(sensing.hypotheses({ ...inst, m: 25 }).length).toBe(1);
    expect(sensing.hypotheses({ ...inst, alpha: 0.99 * 0.01 ** (1 / 3) })).toEqual([]);
    expect(checkTheorem(sensing, { ...inst, alpha: 1.01 * 0.01 ** (1 / 3) }).status).toBe('outside-hypotheses');
  });
  it('power of the Wilson test, against scipy-free exact sums (Python, math.comb): randomInit S = 15 → 0.821783, 16 → 0.982031, 20 → 0.972506; sensing S = 16 → 0.949608, 18 → 0.961376, 40 → 0.999718', () => {
    expect(wilsonPower(15, 0.75, 0.987)).toBeCloseTo(0.821783, 5);
    expect(wilsonPower(16, 0.75, 0.987)).toBeCloseTo(0.982031, 5);
    expect(wilsonPower(20, 0.75, 0.987)).toBeCloseTo(0.972506, 5);
    expect(wilsonPower(8, 0.75, 0.987)).toBe(0);
    expect(wilsonPower(16, 0.35, 0.721)).toBeCloseTo(0.949608, 5);
    expect(wilsonPower(18, 0.35, 0.721)).toBeCloseTo(0.961376, 5);
    expect(wilsonPower(40, 0.35, 0.721)).toBeCloseTo(0.999718, 5);
    expect(wilsonPower(20, 0.75, 1)).toBe(1);
    expect(wilsonPower(8, 0.75, 1)).toBe(0);
    expect(wilsonPower(1000, 0.75, 0.987)).toBeCloseTo(1, 12);
  });
  it('power hypothesis pinned: S seeds must certify the stated rate with probability ≥ 0.95 at the pilot rate (randomInit 15 outside, 16 inside; sensing 16 outside, 18 inside; the hunt\'s 8 seeds outside both)', () => {
    const ri: StatisticalInstance = { kind: 'randomInit', firstSeed: 1, seeds: 20, n: DEFAULTS.n, signal: DEFAULTS.signal, m: 18, depth: 3, alpha: 0.05, stepSize: 0.5 * monotoneStep(2, 3), steps: 50, every: 10, rate: PLAN.randomInit.rate };
    const power = (i: StatisticalInstance) => randomInit.hypotheses(i).filter((f) => f.name.startsWith('power'));
    expect(MIN_POWER).toBe(0.95);
    expect(PILOT_RATE).toEqual({ sensing: 0.721, randomInit: 0.987 });
    expect(power(ri)).toEqual([]);
    expect(power({ ...ri, seeds: 16 })).toEqual([]);
    expect(power({ ...ri, seeds: 15 })).toMatchObject([{ quantity: expect.closeTo(0.821783, 5), relation: '≥', bound: 0.95 }]);
    expect(checkTheorem(randomInit, { ...ri, seeds: 8 }).status).toBe('outside-hypotheses');
    const se: StatisticalInstance = { ...ri, kind: 'sensing', seeds: 40, rate: PLAN.sensing.rate };
    expect(sensing.hypotheses({ ...se, seeds: 18 })).toEqual([]);
    expect(sensing.hypotheses({ ...se, seeds: 16 }).map((f) => f.name)).toEqual([expect.stringMatching(/^power/)]);
    expect(checkTheorem(sensing, { ...se, seeds: 8 }).status).toBe('outside-hypotheses');
  });
  it('the boundary arbitraries draw the plan\'s seed count (the power hypothesis holds on them)', () => {
    for (const t of [sensing, randomInit]) {
      fc.assert(fc.property(t.boundary!(), (i) => i.seeds === PLAN[i.kind].seeds && t.hypotheses(i).every((f) => !f.name.startsWith('power'))), { seed: 5, numRuns: 50 });
    }
  });
});
