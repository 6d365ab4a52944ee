/** [MV] Theorem 3 (theorems/mv/theorem3.ts): the claim on random instances, and its negative controls. */
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { theorem3 } from '../theorems/mv/theorem3.js';
import { itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

describe('[MV] Theorem 3', () => {
  itHolds(theorem3, 31);
  itRefutesControls(theorem3, 32);
  itRefutesNearMisses(theorem3, 31);
  itExploresBoundary(theorem3, 33);
  it('is nearly tight: at the left end of I₁ the error is ε/(1 + ε/σ₁) exactly (derived from the logistic at e^{2σ₁t} = C_ε/α)', () => {
    for (const [s1, eps] of [[3, 0.5], [3, 0.05], [2, 1]]) {
      const r = checkTheorem(theorem3, { kind: 'spectral', eigenvalues: [s1, 1], basisSeed: 1, shape: [1, 1], alpha: 1e-8, epsilon: eps });
      expect(r.status).toBe('holds');
      expect(r.verdict!.details.tightness as number).toBeCloseTo(1 / (1 + eps / s1), 8);
      expect(r.verdict!.details.monotonicityExcess as number).toBeLessThanOrEqual(1e-12);
    }
  });
  it('names the failing hypothesis with the quantity and the bound', () => {
    const r = checkTheorem(theorem3, { kind: 'spectral', eigenvalues: [3, 1], basisSeed: 1, shape: [1, 1], alpha: 0.9, epsilon: 0.5 });
    expect(r.status).toBe('outside-hypotheses');
    expect(r.failures[0]).toMatchObject({ name: 'α ≤ c_ε = ε/max σ_{i,0}', quantity: 0.9, relation: '≤', bound: 0.5 });
  });
});
