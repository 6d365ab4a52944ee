import { describe, expect, it } from 'vitest';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { fromRows } from '../linalg/matrix.js';
import { targetSpectrum } from '../spectrum/targetSpectrum.js';
import { layerDims } from './inits.js';
import { balancedHessianTop } from './sharpness.js';

describe('balancedHessianTop', () => {
  it('full objective: λ_max = Nσ₁^{2−2/N} in closed form (depth 1: 1), square and rectangular', () => {
    const sq = withSpectrum(haarOrthogonal(4, 3), [2.5, 1, 0.5, 0]);
    const rect = fromRows([[3, 0, 1], [0, 1, 0]]);
    for (const y of [sq, rect]) {
      const sp = targetSpectrum(y, 'singular');
      for (const N of [1, 2, 3, 5]) {
        const r = balancedHessianTop(sp, layerDims(y, N), { kind: 'full' });
        const want = N === 1 ? 1 : N * sp.top ** (2 - 2 / N);
        expect(r.converged).toBe(true);
        expect(Math.abs(r.lambdaMax - want)).toBeLessThan(1e-6 * want);
        // the start direction is the top pair's, whose curvature is already λ_max for the full loss
        expect(Math.abs(r.topPairCurvature - want)).toBeLessThan(1e-12 * want);
      }
    }
  });
  it('zero target at depth ≥ 2: H = 0 (threshold ∞); completion at depth 1: λ_max = 1/|Ω|', () => {
    const z = fromRows([[0, 0], [0, 0]]);
    const sp = targetSpectrum(z, 'singular');
    expect(balancedHessianTop(sp, layerDims(z, 3), { kind: 'full' }).lambdaMax).toBe(0);
    const observed = { rows: 2, cols: 2, index: Int32Array.of(0, 3), values: Float64Array.of(0, 0) };
    expect(balancedHessianTop(sp, layerDims(z, 1), { kind: 'completion', observed }).lambdaMax).toBeCloseTo(0.5, 12);
  });
});
