/** The arbitraries of the incremental regimes (theorems/mv/instances.ts): their stated distribution at fixed seeds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxRatio, ratioConditionAlpha, theorem4Constants, theorem4M, unscaledInit } from './common.js';
import { generalInRegime, incrementalBoundary, spectralInRegime } from './instances.js';
import { incrementalRegime, spectralOrderAlpha } from './regimes.js';

describe('[MV] regime arbitraries', () => {
  it('spectral: n ≤ 5, K ≥ 2, shapes in [0.1, 2], α = (the small-init bound)·10^−v with v ∈ [0.01, 4]', () => {
    const s = fc.sample(spectralInRegime(), { seed: 81, numRuns: 200 });
    for (const x of s) {
      const K = x.eigenvalues.filter((e) => e > 0).length;
      expect(K).toBeGreaterThanOrEqual(2);
      expect(x.eigenvalues.length).toBeLessThanOrEqual(5);
      expect(x.shape.length).toBe(x.eigenvalues.length);
      for (const v of x.shape) expect(v >= 0.1 && v <= 2).toBe(true);
      const v = -Math.log10(x.alpha / spectralOrderAlpha(x.eigenvalues, K, x.shape));
      expect(v).toBeGreaterThanOrEqual(0.01 - 1e-9);
      expect(v).toBeLessThanOrEqual(4 + 1e-9);
      expect(incrementalRegime(x).failures).toEqual([]);
    }
    expect(Math.max(...s.map((x) => x.eigenvalues.length))).toBe(5);
  });
  it('general: width n … n + 2, M ≤ 1e8, α = min(c_ε*/M, ratio bound)·10^−v with v ∈ [0.01, 2], ε* = min{σ_K, 1}/2.002', () => {
    const s = fc.sample(generalInRegime(), { seed: 82, numRuns: 100 });
    const extras = new Set<number>();
    for (const x of s) {
      const n = x.eigenvalues.length, K = x.eigenvalues.filter((e) => e > 0).length;
      extras.add(x.width - n);
      const { M } = theorem4M(unscaledInit(x));
      expect(M).toBeLessThanOrEqual(1e8);
      const { c, C } = theorem4Constants(Math.min(x.eigenvalues[K - 1], 1) / 2.002, M, x.eigenvalues[0]);
      const v = -Math.log10(x.alpha / Math.min(c / M, ratioConditionAlpha(c, C, maxRatio(x.eigenvalues, K))));
      expect(v).toBeGreaterThanOrEqual(0.01 - 1e-9);
      expect(v).toBeLessThanOrEqual(2 + 1e-9);
      expect(incrementalRegime(x).failures).toEqual([]);
    }
    expect([...extras].sort()).toEqual([0, 1, 2]);
  });
  it('boundary: α up to 10³ × the bound (capped at 0.5), narrower widths, squeezed eigenvalues; both sides of the hypotheses', () => {
    const s = fc.sample(incrementalBoundary(), { seed: 83, numRuns: 300 });
    expect(s.every((x) => x.alpha > 0 && x.alpha <= 0.5)).toBe(true);
    expect(s.some((x) => x.alpha === 0.5)).toBe(true);
    expect(s.some((x) => x.kind === 'general' && x.width === x.eigenvalues.length - 1)).toBe(true);
    expect(s.some((x) => x.kind === 'general' && x.width >= x.eigenvalues.length)).toBe(true);
    const squeezed = s.filter((x) => x.eigenvalues.length > 1 && x.eigenvalues[1] >= 0.9 * x.eigenvalues[0]);
    expect(squeezed.length).toBeGreaterThan(0);
    // squeezing keeps the spectrum sorted: a later eigenvalue above the squeezed σ₂ is halved below it
    for (const x of s) for (let i = 1; i < x.eigenvalues.length; i++) expect(x.eigenvalues[i]).toBeLessThanOrEqual(x.eigenvalues[i - 1]);
    const statuses = s.map((x) => incrementalRegime(x).failures.length === 0);
    expect(statuses.some((b) => b)).toBe(true);
    expect(statuses.some((b) => !b)).toBe(true);
  });
});
