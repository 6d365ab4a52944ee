/** [CGMR] depth separation (theorems/cgmr/depthSeparation.ts): G_N = p_j(T_i)/α^N at depth N against N = 2, on the matrix GD engine. */
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { monotoneStep } from '../theorems/cgmr/bounds.js';
import { type DepthSeparationInstance, depthSeparation } from '../theorems/cgmr/depthSeparation.js';
import { itRefutesOnStatedFraction } from './support/cgmrControls.js';
import { itExploresBoundary, itHolds, itRefutesControls } from './support/claims.js';

const base: DepthSeparationInstance = { eigenvalues: [2, 0.8], depth: 3, alpha: 0.01, stepSize: monotoneStep(2, 3), basisSeed: 2 };

describe('[CGMR] depth separation (paper claim, derived bound)', () => {
  itHolds(depthSeparation, 181);
  itRefutesControls(depthSeparation, 182);
  itRefutesOnStatedFraction(depthSeparation, 182, 40);
  itExploresBoundary(depthSeparation, 183, 20);
  it('G_N stays O(1) (p_j = O(α^N)) while G₂ grows polynomially in 1/α: halving α raises G₂, barely moves G₃', () => {
    const a = checkTheorem(depthSeparation, base), b = checkTheorem(depthSeparation, { ...base, alpha: 0.005 });
    expect(a.status).toBe('holds');
    expect(b.status).toBe('holds');
    const g = (r: typeof a, k: string) => (r.verdict!.details[k] as number[])[0];
    expect(g(b, 'G2') / g(a, 'G2')).toBeGreaterThan(1.5); // ≈ 2^{2ρ} = 2^{0.8}
    expect(Math.abs(g(b, 'GN') / g(a, 'GN') - 1)).toBeLessThan(0.05);
    expect(g(a, 'GN')).toBeLessThanOrEqual((a.verdict!.details.boundGN as number[])[0]);
  });
  it('hypotheses pinned: N = 2 is not a depth comparison; α in the regime holds, far above it is outside', () => {
    expect(checkTheorem(depthSeparation, { ...base, depth: 2, stepSize: monotoneStep(2, 2) }).status).toBe('outside-hypotheses');
    expect(checkTheorem(depthSeparation, { ...base, alpha: 0.3 }).failures.some((f) => /regime/.test(f.name))).toBe(true);
  });
});
