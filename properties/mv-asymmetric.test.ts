/** The balanced asymmetric extension of [MV] (theorems/mv/asymmetric.ts, derived). */
import { describe, it } from 'vitest';
import { asymmetricBalanced } from '../theorems/mv/asymmetric.js';
import { expectPinned, itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

const BASE = { m: 3, n: 2, singularValues: [2, 1], leftSeed: 1, rightSeed: 2, shape: [1, 1], alpha: 1e-6, epsilon: 0.5, imbalance: 1 };

describe('[MV] balanced asymmetric extension (derived)', () => {
  itHolds(asymmetricBalanced, 71);
  itRefutesControls(asymmetricBalanced, 72);
  itRefutesNearMisses(asymmetricBalanced, 71);
  itExploresBoundary(asymmetricBalanced, 73, 20);
  describe('hypotheses pinned at their boundary (just inside / just outside)', () => {
    it('balanced init: imbalance 1 holds, 1 + 1e−12 is outside', () => expectPinned(asymmetricBalanced, 'balanced init', BASE, { ...BASE, imbalance: 1 + 1e-12 }, true));
    it('0 < ε ≤ σ_K', () => expectPinned(asymmetricBalanced, '0 < ε ≤ σ_K', { ...BASE, epsilon: 1, alpha: 1e-8 }, { ...BASE, epsilon: 1 + 1e-12, alpha: 1e-8 }, true));
    it('α ≤ c_ε (K = 1: c_ε = ε/max s = 0.5)', () => {
      const k1 = { ...BASE, singularValues: [2, 0] };
      expectPinned(asymmetricBalanced, 'α ≤ c_ε', { ...k1, alpha: 0.5 }, { ...k1, alpha: 0.5 * (1 + 1e-12) }, true);
    });
    it('the ratio condition (c = 0.5, C = 8: α < 2^−5)', () => {
      expectPinned(asymmetricBalanced, 'log(c_ε/α)/log(C_ε/α) >', { ...BASE, alpha: 2 ** -5 * (1 - 1e-9) }, { ...BASE, alpha: 2 ** -5 * (1 + 1e-9) }, true);
    });
    it('s_i > 0', () => expectPinned(asymmetricBalanced, 's2 > 0', { ...BASE, shape: [1, 1e-300] }, { ...BASE, shape: [1, 0] }));
  });
});
