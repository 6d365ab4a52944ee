/** The [CGMR] engine wrapper (engine.ts) on fixed instances: basis, target, the run loop, the off-diagonal measure, the scalar step. */
import { describe, expect, it } from 'vitest';
import { basis, offDiagonal, pairsOf, runDeep, scalarStep, target } from './engine.js';

const inst = { eigenvalues: [2, 0.5, -0.3], depth: 3, alpha: 0.2, stepSize: 0.05, basisSeed: 7 };

describe('[CGMR] engine', () => {
  it('basis is orthogonal and seeded (default seed 1); target = Q diag(λ) Qᵀ', () => {
    const q = basis(inst), n = 3;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += q.data[k * n + i] * q.data[k * n + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 14);
      }
    }
    expect(basis({ ...inst, basisSeed: undefined }).data).toEqual(basis({ ...inst, basisSeed: 1 }).data);
    expect(basis({ ...inst, basisSeed: 8 }).data).not.toEqual(q.data);
    const y = target(inst);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) s += q.data[a * n + i] * y.data[a * n + b] * q.data[b * n + i];
      expect(s).toBeCloseTo(inst.eigenvalues[i], 14);
    }
    const pairs = pairsOf(q, inst.eigenvalues);
    expect(Array.from(pairs.values)).toEqual(inst.eigenvalues);
    expect(pairs.left).toBe(q);
    expect(pairs.right).toBe(q);
  });

  it('runDeep visits k = 0 … steps, starts at p = α^N, follows the scalar recursion, and stops when asked', () => {
    const ks: number[] = [];
    const w = Float64Array.from(inst.eigenvalues, () => inst.alpha);
    let maxDev = 0, off = 0;
    const last = runDeep(inst, 5, (k, p, W) => {
      ks.push(k);
      for (let i = 0; i < 3; i++) maxDev = Math.max(maxDev, Math.abs(p[i] - w[i] ** 3));
      off = Math.max(off, offDiagonal(W, basis(inst), p));
      scalarStep(w, inst.eigenvalues, inst.stepSize, inst.depth);
    });
    expect(last).toBe(5);
    expect(ks).toEqual([0, 1, 2, 3, 4, 5]);
    expect(maxDev).toBeLessThan(1e-14);
    expect(off).toBeLessThan(1e-14);
    let first = NaN;
    runDeep(inst, 0, (_k, p) => {
      first = p[0];
    });
    expect(first).toBeCloseTo(0.008, 16);
    expect(runDeep(inst, 100, (k) => k === 3)).toBe(3);
  });

  it('offDiagonal is the largest |W − Q diag(p) Qᵀ| entry', () => {
    const q = basis(inst), p = Float64Array.from([1, 0.25, -0.5]);
    const y = target({ ...inst, eigenvalues: [1, 0.25, -0.5] });
    const w = Float64Array.from(y.data);
    expect(offDiagonal(w, q, p)).toBeLessThan(1e-15);
    w[5] += 0.125;
    w[1] -= 0.0625;
    expect(offDiagonal(w, q, p)).toBeCloseTo(0.125, 14);
  });

  it('scalarStep: w ← w − ηw^{N−1}(w^N − λ), hand-computed', () => {
    const w = Float64Array.from([0.5, 0.5, 2]);
    scalarStep(w, [1, 0, 4], 0.1, 2);
    // 0.5 − 0.1·0.5·(0.25 − 1) = 0.5375; 0.5 − 0.1·0.5·0.25 = 0.4875; 2 − 0.1·2·(4 − 4) = 2
    expect(Array.from(w)).toEqual([0.5375, 0.4875, 2]);
    const v = Float64Array.from([0.5]);
    scalarStep(v, [1], 0.1, 3);
    expect(v[0]).toBeCloseTo(0.521875, 15); // 0.5 − 0.1·0.25·(0.125 − 1)
  });
});
