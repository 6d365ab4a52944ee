/**
 * "W̃₀ invertible" (Theorem 4, and the general regime of mv.order/mv.timeScale): a Gaussian Ū₀ with
 * r ≥ n is invertible with probability 1, so the hypothesis is reached here with a generator stubbed
 * to draw zeros (Ū₀ = 0, λ_min(Ū₀Ū₀ᵀ) = 0).
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/init/rng.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/init/rng.js')>();
  class ZeroRng extends original.Rng {
    override normalArray(n: number): Float64Array {
      return new Float64Array(n);
    }
  }
  return { ...original, Rng: ZeroRng };
});

const { theorem4 } = await import('./theorem4.js');
const { incrementalRegime } = await import('./regimes.js');

describe('W̃₀ invertible', () => {
  it('a singular Ū₀Ū₀ᵀ is reported alone, by its own hypothesis', () => {
    const inst = { kind: 'general' as const, eigenvalues: [2, 1, 0], basisSeed: 2, initSeed: 5, width: 5, alpha: 1e-13 };
    expect(theorem4.hypotheses({ ...inst, epsilon: 0.5 })).toEqual([{ name: 'W̃₀ invertible (λ_min(Ū₀Ū₀ᵀ) > 0)', quantity: 0, relation: '>', bound: 0 }]);
    expect(incrementalRegime(inst)).toEqual({ K: 2, failures: [{ name: 'W̃₀ invertible', quantity: 0, relation: '>', bound: 0 }] });
  });
});
