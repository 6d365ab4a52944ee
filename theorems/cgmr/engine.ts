/**
 * The matrix gradient-descent engine (src/gd) driven for the [CGMR] claims: target
 * Y = Q diag(λ) Qᵀ with Q Haar-orthogonal from `basisSeed`, identical init W_j(0) = αI, and a
 * callback at every iteration with the projections pᵢ(k) = qᵢᵀW(k)qᵢ on Y's eigenvectors (the
 * modes' identities are kept, never re-sorted by an SVD). A thin wrapper around DeepGd and
 * projectionsOf; it adds nothing to the engine's arithmetic.
 */
import { haarOrthogonal, withSpectrum } from '../../src/generate/orthogonal.js';
import { deepInit } from '../../src/gd/inits.js';
import { DeepGd } from '../../src/gd/models.js';
import { type SpectralPairs, projectionsOf } from '../../src/gd/run.js';
import type { Matrix } from '../../src/linalg/matrix.js';

/** The common part of the [CGMR] instances (plain JSON). */
export interface DeepInstance {
  /** λ₁ ≥ … ≥ λ_n of the symmetric target (any sign). */
  eigenvalues: number[];
  /** N ≥ 2. */
  depth: number;
  alpha: number;
  stepSize: number;
  /** Seed of the eigenbasis Q (default 1). */
  basisSeed?: number;
}

export function basis(inst: DeepInstance): Matrix {
  return haarOrthogonal(inst.eigenvalues.length, inst.basisSeed ?? 1);
}

export function target(inst: DeepInstance): Matrix {
  return withSpectrum(basis(inst), inst.eigenvalues);
}

export function pairsOf(q: Matrix, values: ArrayLike<number>): SpectralPairs {
  return { values: Float64Array.from(values), left: q, right: q };
}

/**
 * Run matrix GD from W_j = αI for `steps` steps; `visit(k, p, W)` sees iterations 0 … steps (p and W
 * are reused buffers) and may return true to stop early. Returns the last iteration visited.
 * Cost: (4N − 5)·2n³ flops per step plus 2n³ for the projections.
 */
export function runDeep(inst: DeepInstance, steps: number, visit: (k: number, p: Float64Array, w: Float64Array) => boolean | void, y: Matrix = target(inst)): number {
  const q = basis(inst);
  const n = inst.eigenvalues.length;
  const model = new DeepGd(y, deepInit('identity', y, inst.depth, inst.alpha));
  const pairs = pairsOf(q, inst.eigenvalues);
  const p = new Float64Array(n);
  for (let k = 0; ; k++) {
    const { product } = model.evaluate();
    projectionsOf(product, n, n, pairs, p);
    if (visit(k, p, product) === true || k >= steps) return k;
    model.step(inst.stepSize);
  }
}

/** Largest |W − Q diag(p) Qᵀ| entry: how far W(k) is from diagonal in Y's eigenbasis. */
export function offDiagonal(w: Float64Array, q: Matrix, p: Float64Array): number {
  const n = q.rows;
  let mx = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += q.data[a * n + i] * p[i] * q.data[b * n + i];
      mx = Math.max(mx, Math.abs(w[a * n + b] - s));
    }
  }
  return mx;
}

/** The scalar recursion, all eigenvalues at once: advance w in place by one step. */
export function scalarStep(w: Float64Array, lambda: ArrayLike<number>, eta: number, depth: number): void {
  // Stryker disable next-line EqualityOperator: i = w.length writes past a Float64Array's end, which is ignored
  for (let i = 0; i < w.length; i++) {
    const wi = w[i];
    w[i] = wi - eta * wi ** (depth - 1) * (wi ** depth - lambda[i]);
  }
}
