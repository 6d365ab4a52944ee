/** [CGMR] scalar reduction (theorems/cgmr/scalarReduction.ts, derived): matrix GD against the scalar recursion. */
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { monotoneStep } from '../theorems/cgmr/bounds.js';
import { type ScalarReductionInstance, scalarReduction } from '../theorems/cgmr/scalarReduction.js';
import { itRefutesOnStatedFraction } from './support/cgmrControls.js';
import { itExploresBoundary, itHolds, itRefutesControls } from './support/claims.js';

const base: ScalarReductionInstance = { kind: 'identity', eigenvalues: [2, 0.5, 0], depth: 3, alpha: 0.3, stepSize: 0.1, basisSeed: 4, rightSeed: 5, steps: 120 };

describe('[CGMR] scalar reduction (derived)', () => {
  itHolds(scalarReduction, 111);
  itRefutesControls(scalarReduction, 112);
  itExploresBoundary(scalarReduction, 113, 20);
  itRefutesOnStatedFraction(scalarReduction, 112, 40);
  it('hypotheses pinned: η just below the stability threshold 2/(Nλ₁^{2−2/N}) holds, just above is outside', () => {
    const thr = 2 * monotoneStep(2, 3);
    expect(checkTheorem(scalarReduction, { ...base, stepSize: thr * 0.999 }).status).toBe('holds');
    const out = checkTheorem(scalarReduction, { ...base, stepSize: thr * 1.001 });
    expect(out.status).toBe('outside-hypotheses');
    expect(out.failures[0].name).toMatch(/stability/);
  });
  it('hypotheses pinned: aligned init needs distinct singular values (σ₁ > σ₂ holds, σ₁ = σ₂ is outside)', () => {
    const al = { ...base, kind: 'aligned' as const, eigenvalues: [2, 1.999, 0.4] };
    expect(checkTheorem(scalarReduction, al).status).toBe('holds');
    expect(checkTheorem(scalarReduction, { ...al, eigenvalues: [2, 2, 0.4] }).status).toBe('outside-hypotheses');
  });
});
