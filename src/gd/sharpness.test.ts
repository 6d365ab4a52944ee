import { describe, expect, it } from 'vitest';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { eigh } from '../linalg/eigh.js';
import { fromRows, type Matrix, matmul, maxAbsDiff, zeros } from '../linalg/matrix.js';
import { targetSpectrum } from '../spectrum/targetSpectrum.js';
import { listedEntries } from './completion.js';
import { layerDims, spectralFactors } from './inits.js';
import type { LayeredObjective } from './layered.js';
import { gaussianMeasurements } from './measurements.js';
import { applyCurvature, balancedHessianTop } from './sharpness.js';

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
    expect(balancedHessianTop(sp, layerDims(z, 3), { kind: 'full' })).toMatchObject({ lambdaMax: 0, converged: true, iterations: 0 });
    // an empty spectrum (k = 0): zero factors, H = 0, no start direction read
    const empty = { values: new Float64Array(0), left: zeros(2, 0), right: zeros(2, 0) };
    expect(balancedHessianTop(empty, [2, 2, 2], { kind: 'full' })).toMatchObject({ lambdaMax: 0, topPairCurvature: 0, converged: true });
    const observed = { rows: 2, cols: 2, index: Int32Array.of(0, 3), values: Float64Array.of(0, 0) };
    expect(balancedHessianTop(sp, layerDims(z, 1), { kind: 'completion', observed }).lambdaMax).toBeCloseTo(0.5, 12);
  });
});

/** W_N⋯W₁. */
const productOf = (w: Matrix[]): Matrix => w.slice(1).reduce((acc, f) => matmul(f, acc), w[0]);

/**
 * λ_max of the Gauss–Newton Hessian H = Jᵀ𝒬J formed densely: J column by column (the product map is
 * linear in each factor, so W(W_j + E_ab) − W(W) is the exact derivative along E_ab), 𝒬 as an mn×mn
 * matrix, H's eigenvalues by the symmetric eigensolver. Independent of the power iteration.
 */
function denseTop(w: Matrix[], q: Matrix): number {
  const w0 = productOf(w);
  const cols: Float64Array[] = [];
  w.forEach((f, j) => {
    for (let e = 0; e < f.data.length; e++) {
      const moved = w.map((g, i) => (i === j ? { ...g, data: g.data.map((v, t) => (t === e ? v + 1 : v)) } : g));
      cols.push(Float64Array.from(productOf(moved).data, (v, t) => v - w0.data[t]));
    }
  });
  const P = cols.length, mn = w0.data.length;
  const qj = cols.map((c) => Float64Array.from({ length: mn }, (_, r) => c.reduce((s, v, t) => s + q.data[r * mn + t] * v, 0)));
  const h = zeros(P, P);
  for (let a = 0; a < P; a++) for (let b = 0; b < P; b++) h.data[a * P + b] = cols[a].reduce((s, v, t) => s + v * qj[b][t], 0);
  return Math.max(...eigh(h).values);
}

/** 𝒬 of an objective on a 3×2 target as a 6×6 matrix, column t = 𝒬(e_t). */
function qOfSmall(obj: LayeredObjective): Matrix {
  const q = zeros(6, 6);
  for (let t = 0; t < 6; t++) {
    const z = new Float64Array(6);
    z[t] = 1;
    const out = new Float64Array(6);
    applyCurvature(obj, z, out);
    for (let r = 0; r < 6; r++) q.data[r * 6 + t] = out[r];
  }
  return q;
}

describe('balancedHessianTop against the dense Gauss–Newton Hessian (sensing and completion, where the top pair is not the top direction)', () => {
  // m > n, so the hidden width k = n is below m; 𝒬 anisotropic: 3 Gaussian measurements of 6 entries, or 4 observed entries of 6.
  const y = fromRows([[2, 0.3], [-0.4, 1], [0.5, 0.2]]);
  const sp = targetSpectrum(y, 'singular');
  const sensing = gaussianMeasurements(y, 3, 7, 0);
  const observed = listedEntries(y, [[0, 0], [1, 1], [2, 0], [0, 1]]);
  const qOf = qOfSmall;
  it('applyCurvature is (1/m)𝒜*𝒜 and (1/|Ω|)P_Ω, entry by entry', () => {
    const qs = qOf({ kind: 'sensing', measurements: sensing });
    for (let r = 0; r < 6; r++) for (let t = 0; t < 6; t++) {
      let s = 0;
      for (let i = 0; i < 3; i++) s += sensing.matrices[i * 6 + r] * sensing.matrices[i * 6 + t];
      expect(qs.data[r * 6 + t]).toBeCloseTo(s / 3, 13);
    }
    const qc = qOf({ kind: 'completion', observed });
    const on = new Set([0, 3, 4, 1]);
    for (let r = 0; r < 6; r++) for (let t = 0; t < 6; t++) expect(qc.data[r * 6 + t]).toBe(r === t && on.has(r) ? 0.25 : 0);
  });
  for (const [name, obj] of [['sensing', { kind: 'sensing', measurements: sensing }], ['completion', { kind: 'completion', observed }]] as [string, LayeredObjective][]) {
    it(`${name}: λ_max matches the dense Hessian's to 1e−6 (N = 1, 2, 3), the start's curvature is κ·Nσ₁^{2−2/N}`, () => {
      const q = qOf(obj);
      const u1v1 = Float64Array.from({ length: 6 }, (_, t) => sp.left.data[((t / 2) | 0) * 2] * sp.right.data[(t % 2) * 2]);
      const kappa = u1v1.reduce((s, a, r) => s + a * u1v1.reduce((s2, b, t) => s2 + q.data[r * 6 + t] * b, 0), 0);
      for (const N of [1, 2, 3]) {
        const dims = layerDims(y, N);
        const vals = Array.from(sp.values);
        const w = spectralFactors(dims, sp.left, sp.right, vals.map((v) => v ** (1 / N)), vals);
        expect(maxAbsDiff(productOf(w), y)).toBeLessThan(1e-14);
        const want = denseTop(w, q);
        const r = balancedHessianTop(sp, dims, obj);
        expect(r.converged).toBe(true);
        expect(Math.abs(r.lambdaMax - want)).toBeLessThan(1e-6 * want);
        expect(r.lambdaMax).toBeLessThanOrEqual(want * (1 + 1e-12));
        expect(Math.abs(r.topPairCurvature - kappa * N * sp.top ** (2 - 2 / N))).toBeLessThan(1e-12 * want);
        // the top pair alone is not the answer here: the power iteration did the work
        if (N > 1) expect(r.topPairCurvature).toBeLessThan(0.99 * want);
      }
    });
    it(`${name}: hidden widths above k and targets scaled by 10³ and 10⁻³ (the stopping rule is relative)`, () => {
      const q = qOf(obj);
      for (const [c, widths] of [[1, [3, 2]], [1, [2, 3, 4]], [1e3, [2]], [1e-3, [2]]] as [number, number[]][]) {
        const yc = { ...y, data: y.data.map((v) => c * v) };
        const spc = targetSpectrum(yc, 'singular');
        const dims = layerDims(yc, widths.length + 1, widths);
        const vals = Array.from(spc.values);
        const wb = spectralFactors(dims, spc.left, spc.right, vals.map((v) => v ** (1 / (widths.length + 1))), vals);
        const want = denseTop(wb, q);
        const r = balancedHessianTop(spc, dims, obj);
        expect(r.converged).toBe(true);
        expect(Math.abs(r.lambdaMax - want)).toBeLessThan(1e-6 * want);
      }
    });
  }
});

describe('balancedHessianTop: the stopping rule (< 1e−7 relative change over 5 iterations)', () => {
  // A slowly converging instance (79 iterations at N = 2): 3 Gaussian measurements, seed 3.
  const y = fromRows([[2, 0.3], [-0.4, 1], [0.5, 0.2]]);
  const obj: LayeredObjective = { kind: 'sensing', measurements: gaussianMeasurements(y, 3, 3, 0) };
  const sp = targetSpectrum(y, 'singular');
  it('leaves the estimate within 1e−7 of the dense λ_max (4.7e−8 measured; a check of every iteration would leave 6.4e−7)', () => {
    const vals = Array.from(sp.values);
    const dims = layerDims(y, 2);
    const want = denseTop(spectralFactors(dims, sp.left, sp.right, vals.map((v) => Math.sqrt(v)), vals), qOfSmall(obj));
    const r = balancedHessianTop(sp, dims, obj);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(50);
    expect(Math.abs(r.lambdaMax - want)).toBeLessThan(1e-7 * want);
  });
  it('is scale-free: the target × 2⁻¹⁰ (every quantity scaled by a power of 2, exactly) takes the same iterations to λ_max × 2⁻¹⁰ (N = 2)', () => {
    const c = 2 ** -10;
    const yc = { ...y, data: y.data.map((v) => c * v) };
    const objc: LayeredObjective = { kind: 'sensing', measurements: gaussianMeasurements(yc, 3, 3, 0) };
    const a = balancedHessianTop(sp, layerDims(y, 2), obj), b = balancedHessianTop(targetSpectrum(yc, 'singular'), layerDims(yc, 2), objc);
    expect(b.iterations).toBe(a.iterations);
    expect(Math.abs(b.lambdaMax - c * a.lambdaMax)).toBeLessThan(1e-14 * c * a.lambdaMax);
  });
});

describe('balancedHessianTop: the iteration budget', () => {
  it('stops after maxIterations, unconverged, when the estimate is still moving', () => {
    const y = fromRows([[2, 0.3], [-0.4, 1], [0.5, 0.2]]);
    const sp = targetSpectrum(y, 'singular');
    const measurements = gaussianMeasurements(y, 3, 7, 0);
    const r = balancedHessianTop(sp, layerDims(y, 2), { kind: 'sensing', measurements }, 3);
    expect(r).toMatchObject({ iterations: 3, converged: false });
  });
});
