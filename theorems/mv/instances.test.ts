/** The arbitraries of the incremental regimes (theorems/mv/instances.ts): their stated distribution at fixed seeds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxRatio, ratioConditionAlpha, theorem4Constants, theorem4M, unscaledInit } from './common.js';
import type { GeneralInstance, SpectralInstance } from './common.js';
import { boundaryAt, boundaryKnobs, generalAt, generalInRegime, incrementalBoundary, spectralInRegime } from './instances.js';
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
  it('generalAt: a nearly singular square draw (initSeed 29910: M ≈ 2.2e8) is not drawn; the same spectrum with another seed is, at the stated α', () => {
    const ev = [2, 1];
    expect(theorem4M(unscaledInit({ kind: 'general', eigenvalues: ev, basisSeed: 1, initSeed: 29910, width: 2, alpha: 1 })).M).toBeGreaterThan(1e8);
    expect(generalAt(ev, 2, { basisSeed: 1, initSeed: 29910, extra: 0, v: 1 })).toBeNull();
    const x = generalAt(ev, 2, { basisSeed: 1, initSeed: 3, extra: 1, v: 1 });
    expect(x).not.toBeNull();
    const { M } = theorem4M(unscaledInit(x as GeneralInstance));
    const { c, C } = theorem4Constants(1 / 2.002, M, 2);
    expect(x).toEqual({ kind: 'general', eigenvalues: ev, basisSeed: 1, initSeed: 3, width: 3, alpha: Math.min(c / M, ratioConditionAlpha(c, C, 0.5)) * 10 ** -1 });
  });
  it('generalAt: α = min(c_ε/M, ratio bound)·10^−v also where c_ε/M is the smaller (σ₂/σ₁ = 0.01)', () => {
    const x = generalAt([2, 0.02], 2, { basisSeed: 1, initSeed: 3, extra: 0, v: 0.5 }) as GeneralInstance;
    const { M } = theorem4M(unscaledInit(x));
    const { c, C } = theorem4Constants(0.02 / 2.002, M, 2);
    expect(c / M).toBeLessThan(ratioConditionAlpha(c, C, 0.01));
    expect(x.alpha).toBe((c / M) * 10 ** -0.5);
  });
  it('generalInRegime drops the draws generalAt rejects (seed 12241: its first raw draw has M > 1e8)', () => {
    const [x] = fc.sample(generalInRegime(), { seed: 12241, numRuns: 1 });
    expect(x).not.toBeNull();
    expect(theorem4M(unscaledInit(x)).M).toBeLessThanOrEqual(1e8);
  });
  it('boundaryKnobs: up sweeps [−1, 3] (both ends, a quarter below 0), squeeze 0 or in [0.9, 1], narrow both ways', () => {
    const k = fc.sample(fc.record(boundaryKnobs()), { seed: 84, numRuns: 200 });
    const up = k.map((x) => x.up);
    expect(Math.min(...up)).toBe(-1);
    expect(Math.max(...up)).toBe(3);
    expect(up.filter((u) => u < 0).length).toBeGreaterThan(20);
    expect(up.filter((u) => u > 0.5 && u < 2.5).length).toBeGreaterThan(60);
    expect(k.every((x) => x.squeeze === 0 || (x.squeeze >= 0.9 && x.squeeze <= 1))).toBe(true);
    expect(k.some((x) => x.squeeze === 0) && k.some((x) => x.squeeze > 0)).toBe(true);
    expect(new Set(k.map((x) => x.narrow)).size).toBe(2);
  });
  it('boundaryAt: α·10^up capped at 1/2, σ₂ := squeeze·σ₁ (n > 1), width n − 1 for a narrow general init only', () => {
    const sp: SpectralInstance = { kind: 'spectral', eigenvalues: [2, 1, 0], basisSeed: 1, shape: [1, 1, 1], alpha: 1e-3 };
    expect(boundaryAt(sp, { up: 1, narrow: true, squeeze: 0 })).toStrictEqual({ ...sp, alpha: 1e-3 * 10 ** 1 });
    expect(boundaryAt(sp, { up: -1, narrow: false, squeeze: 0 }).alpha).toBe(1e-3 * 10 ** -1);
    expect(boundaryAt(sp, { up: 3, narrow: false, squeeze: 0 }).alpha).toBe(0.5);
    expect(boundaryAt(sp, { up: 0, narrow: false, squeeze: 0.95 }).eigenvalues).toEqual([2, 1.9, 0]);
    expect(boundaryAt({ ...sp, eigenvalues: [2], shape: [1] }, { up: 0, narrow: false, squeeze: 0.95 }).eigenvalues).toEqual([2]);
    const g: GeneralInstance = { kind: 'general', eigenvalues: [2, 1, 0.5], basisSeed: 1, initSeed: 2, width: 4, alpha: 1e-3 };
    expect(boundaryAt(g, { up: 0, narrow: true, squeeze: 0 })).toStrictEqual({ ...g, width: 2 });
    expect(boundaryAt(g, { up: 0, narrow: false, squeeze: 0 })).toStrictEqual(g);
    expect(boundaryAt({ ...g, eigenvalues: [2], width: 1 }, { up: 0, narrow: true, squeeze: 0 })).toMatchObject({ width: 1 });
  });
});
