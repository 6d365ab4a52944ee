/** [CGMR] step-size conditions (theorems/cgmr/stepSize.ts, derived) on the matrix GD engine. */
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { monotoneStep } from '../theorems/cgmr/bounds.js';
import { negativeEigenvalueDeparture, scalarReduction } from '../theorems/cgmr/scalarReduction.js';
import { type StepSizeInstance, orderStep, stepSize } from '../theorems/cgmr/stepSize.js';
import { runDeep } from '../theorems/cgmr/engine.js';
import { itRefutesOnStatedFraction } from './support/cgmrControls.js';
import { itExploresBoundary, itHolds, itRefutesControls } from './support/claims.js';

const base: StepSizeInstance = { eigenvalues: [2, 1.9, 0.5, 0], depth: 3, alpha: 0.2, stepSize: orderStep(2, 3), basisSeed: 3, steps: 800 };

describe('[CGMR] step-size conditions (derived)', () => {
  itHolds(stepSize, 141);
  itRefutesControls(stepSize, 142);
  itRefutesOnStatedFraction(stepSize, 142, 40);
  itExploresBoundary(stepSize, 143, 20);
  it('hypotheses pinned: η at 1/(Nλ₁^{2−2/N}) holds, 1 % above is outside (and there the top mode overshoots)', () => {
    expect(checkTheorem(stepSize, { ...base, stepSize: monotoneStep(2, 3) }).status).toBe('holds');
    const out = { ...base, stepSize: 1.01 * monotoneStep(2, 3) };
    expect(checkTheorem(stepSize, out).status).toBe('outside-hypotheses');
    expect(checkTheorem(stepSize.negativeControls[0].theorem, { ...out, stepSize: 1.2 * monotoneStep(2, 3) }).status).toBe('refuted');
  });
  it('the order is claimed only under η ≤ 1/((2N−1)λ₁^{2−2/N}); the zero mode follows its sandwich', () => {
    const r = checkTheorem(stepSize, base);
    expect(r.status).toBe('holds');
    expect(r.verdict!.details.order as number).toBeLessThanOrEqual(0);
    expect(r.verdict!.details.zeroDecay as number).toBeLessThanOrEqual(0);
  });
  it('finding: at a negative eigenvalue the reduction is transversally unstable; matrix GD learns λ < 0 (W → Y, not Y₊) past the certified horizon', () => {
    const { instance } = negativeEigenvalueDeparture;
    const r = checkTheorem(scalarReduction, instance);
    expect(r.status).toBe('outside-hypotheses');
    let last = 0;
    runDeep(instance, instance.steps, (_k, p) => {
      last = p[2];
    });
    expect(last).toBeLessThan(-0.99); // the scalar recursion stays in (0, α^N]
  });
});
