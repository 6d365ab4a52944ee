import { describe, expect, it } from 'vitest';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { alignedSymmetricFactor } from '../init/flowInits.js';
import { eigh } from '../linalg/eigh.js';
import { fromRows } from '../linalg/matrix.js';
import type { FlowEvaluator } from './evaluator.js';
import { hittingTimes } from './hitting.js';
import { levelTime } from './spectral.js';
import { symmetricClosedForm } from './symmetricClosedForm.js';

describe('certified hitting times', () => {
  it('reproduce the logistic level times of the spectral init to 1e−9', () => {
    const q = haarOrthogonal(3, 4);
    const lam = [3, 1.5, 0.4];
    const y = withSpectrum(q, lam);
    const alpha = 1e-6, shape = [1, 0.5, 2];
    const f = symmetricClosedForm(y, alignedSymmetricFactor(eigh(y), alpha, shape));
    const levels = [0.1, 0.5, 0.9];
    const h = hittingTimes(f, levels, 60);
    levels.forEach((q0, l) => lam.forEach((s, i) => {
      const exact = levelTime(s, alpha * shape[i], q0 * s);
      expect(Math.abs((h.times[l][i] as number) - exact)).toBeLessThan(2e-9);
    }));
    expect(h.uncertified).toBe(0);
  });
  it('return 0 when the level holds at t = 0, null when never reached by the horizon', () => {
    const y = fromRows([[2, 0], [0, 1]]);
    const f = symmetricClosedForm(y, fromRows([[1.5, 0], [0, 1e-3]]));
    const h = hittingTimes(f, [0.5, 1], 12);
    expect(h.times[0][0]).toBe(0);
    expect(h.times[0][1]).toBeGreaterThan(0);
    expect(h.times[1][1]).toBeNull();
    expect(h.horizon).toBe(12);
    expect(hittingTimes(f, [0.5], 3).times[0][1]).toBeNull();
  });
  it('find the earliest crossing of a non-monotone projection (general init)', () => {
    const y = fromRows([[3, 0, 0], [0, 2, 0], [0, 0, -1]]);
    // width 1, mode 2 starts far ahead of mode 1: it rises to ≈ 2, then mode 1 displaces it.
    const f = symmetricClosedForm(y, fromRows([[1e-8], [1e-2], [1e-3]]));
    expect(f.projections(4)[1]).toBeGreaterThan(1.99);
    expect(f.projections(25)[1]).toBeLessThan(1e-3);
    const h = hittingTimes(f, [0.5, 0.99], 30);
    const t = h.times[0][1] as number;
    expect(Math.abs(t - Math.log((2 - 1e-4) / 1e-4) / 4)).toBeLessThan(1e-3); // ≈ logistic of mode 2
    expect(f.projections(t + 1e-8)[1]).toBeGreaterThanOrEqual(1 - 1e-7);
    for (let s = 0; s < t - 1e-6; s += t / 5000) expect(f.projections(s)[1]).toBeLessThan(1);
    expect(h.times[1][0]).toBeGreaterThan(t);
    expect(h.uncertified).toBe(0);
  });

  /** A synthetic flow whose projection has a narrow bump between march points; L obeys L' = −ṗ²/C². */
  function bumpFlow(C: number): FlowEvaluator {
    const c = Math.PI, w = 0.002;
    const p = (t: number) => 0.2 + 0.7 * Math.exp(-(((t - c) / w) ** 2));
    const dp = (t: number) => -2 * ((t - c) / w ** 2) * 0.7 * Math.exp(-(((t - c) / w) ** 2));
    // L(t) = 10 − (1/C²)∫₀ᵗ ṗ² (Simpson on a fine grid, cumulative)
    const N = 200000, T = 10, hgrid = T / N;
    const cum = new Float64Array(N + 1);
    for (let k = 0; k < N; k++) {
      const a = k * hgrid, b = a + hgrid, m = a + hgrid / 2;
      cum[k + 1] = cum[k] + (hgrid / 6) * (dp(a) ** 2 + 4 * dp(m) ** 2 + dp(b) ** 2);
    }
    const loss = (t: number) => {
      const x = Math.min(T, t) / hgrid, k = Math.min(N - 1, Math.floor(x));
      return 10 - (cum[k] + (x - k) * (cum[k + 1] - cum[k])) / (C * C);
    };
    return {
      model: 'symmetric', targetValues: Float64Array.of(1), matrix: () => fromRows([[0]]),
      projections: (t) => Float64Array.of(p(t)), loss, variationBound: () => C, lossError: 1e-12, maxTime: 10, diagnostics: () => ({}),
    };
  }
  it('catch a narrow excursion between march points through the certificate', () => {
    const h = hittingTimes(bumpFlow(1), [0.8], 10);
    expect(Math.abs((h.times[0][0] as number) - (Math.PI - 0.002 * Math.sqrt(Math.log(0.7 / 0.6))))).toBeLessThan(1e-8);
  });
  it('… and without a certificate (C = 0) the same search misses it: the certificate is what makes it work', () => {
    const blind = { ...bumpFlow(1), variationBound: () => 0, lossError: 0 };
    expect(hittingTimes(blind, [0.8], 10).times[0][0]).toBeNull();
  });
  it('report exhausted budgets as errors', () => {
    const y = fromRows([[2]]);
    const f = symmetricClosedForm(y, fromRows([[1e-3]]));
    expect(() => hittingTimes(f, [0.5], 100, { maxEvaluations: 5 })).toThrow(/exceeded 5 evaluations/);
  });
});
