/** [CGMR] monotone effective rank (theorems/cgmr/monotoneErank.ts): the qualified claim, its controls, and the known counterexample to the unqualified reading. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import {
  REGIME,
  erankTrajectory,
  erankTrajectoryWithEngine,
  monotoneErank,
  monotoneErankKnownCounterexample,
  monotoneErankUnqualified,
  observeMonotone,
} from '../theorems/cgmr/monotoneErank.js';
import { itRefutesOnStatedFraction } from './support/cgmrControls.js';
import { itExploresBoundary, itHolds, itRefutesControls } from './support/claims.js';

describe('[CGMR] monotone effective rank (paper claim, derived regime and tolerance)', () => {
  itHolds(monotoneErank, 171);
  itRefutesControls(monotoneErank, 172);
  itRefutesOnStatedFraction(monotoneErank, 172, 100);
  itExploresBoundary(monotoneErank, 173, 40);
  itRefutesControls(monotoneErankUnqualified, 172);
  itRefutesOnStatedFraction(monotoneErankUnqualified, 172, 100);
  it('the boundary arbitrary finds instances outside the small-α regime where the unqualified reading fails', () => {
    const found = fc.sample(monotoneErank.boundary(), { seed: 173, numRuns: 40 }).filter((i) => {
      const lmin = Math.min(...i.eigenvalues.filter((l) => l > 0));
      return i.alpha ** i.depth > REGIME * lmin && checkTheorem(monotoneErankUnqualified, i).status === 'refuted';
    });
    expect(found.length).toBeGreaterThan(0);
  });
  it('known counterexample to the unqualified reading: N = 2, α = 0.1, decreases of 7.5e−5 per step after the minimum (matrix engine agrees)', () => {
    const { instance, explanation } = monotoneErankKnownCounterexample;
    expect(explanation).toMatch(/zero-eigenvalue modes/);
    const r = checkTheorem(monotoneErankUnqualified, instance);
    expect(r.status).toBe('refuted');
    expect(r.verdict!.details.maxDecrease as number).toBeCloseTo(7.537e-5, 7);
    expect(checkTheorem(monotoneErank, instance).failures[0].name).toMatch(/small-α regime/);
    const eng = observeMonotone(erankTrajectoryWithEngine(instance), 'after-minimum');
    expect(eng.kMin).toBe(10);
    expect(Math.abs(eng.maxDecrease - (r.verdict!.details.maxDecrease as number))).toBeLessThan(1e-12);
  });
  it('the scalar stand-in and the matrix engine give the same erank trajectory on a sample of claim instances', () => {
    for (const inst of fc.sample(monotoneErank.arbitrary(), { seed: 171, numRuns: 6 })) {
      const a = erankTrajectory(inst), b = erankTrajectoryWithEngine(inst);
      let d = 0;
      for (let k = 0; k < a.length; k++) d = Math.max(d, Math.abs(a[k] - b[k]));
      expect(d).toBeLessThan(1e-9);
    }
  });
  it('hypotheses pinned: α^N just inside the regime holds, just outside is outside', () => {
    const base = { eigenvalues: [2, 0.5, 0], depth: 2, stepSize: 0.2, basisSeed: 1, steps: 600 };
    expect(checkTheorem(monotoneErank, { ...base, alpha: Math.sqrt(0.99 * REGIME * 0.5) }).status).toBe('holds');
    expect(checkTheorem(monotoneErank, { ...base, alpha: Math.sqrt(1.01 * REGIME * 0.5) }).status).toBe('outside-hypotheses');
  });
});
