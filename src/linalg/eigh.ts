/**
 * Symmetric eigendecomposition A = Φ diag(λ) Φᵀ with eigenvalues in decreasing order.
 *
 * Uses ml-matrix's Householder tridiagonalisation + implicit QL (the JAMA `tred2`/`tql2` pair,
 * backward stable: ‖AΦ − ΦΛ‖ ≈ n·ε·‖A‖). ml-matrix takes the symmetric path only for exactly
 * symmetric input (a matrix symmetric only up to rounding takes the general path and loses the
 * orthogonality of its eigenvectors), so the input is symmetrised first and `assumeSymmetric` is
 * passed. The input goes in as a flat array (no `number[][]` copy). Cost O(n³).
 */
import { EigenvalueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { type Matrix, symmetrize, zeros } from './matrix.js';

export interface SymmetricEigen {
  /** Eigenvalues, decreasing. */
  readonly values: Float64Array;
  /** Orthogonal Φ, column i is the eigenvector of `values[i]`. */
  readonly vectors: Matrix;
}

export function eigh(a: Matrix): SymmetricEigen {
  const n = a.rows;
  if (n === 1) {
    return { values: Float64Array.of(a.data[0]), vectors: { rows: 1, cols: 1, data: Float64Array.of(1) } };
  }
  // ml-matrix's tql2 can index out of range on subnormal entries. Scale by a power of two (exact) to
  // max|a| ≈ 1 (so that symmetrising cannot overflow) and flush entries below 2⁻¹⁰⁰⁰ of it: a change
  // far below the backward error nε‖A‖.
  let mx = 0;
  for (const v of a.data) mx = Math.max(mx, Math.abs(v));
  const k = mx > 0 ? Math.floor(Math.log2(mx)) : 0;
  const up = 2 ** -Math.max(-1000, Math.min(1000, k));
  const scaled = { rows: a.rows, cols: a.cols, data: a.data.map((v) => v * up) };
  const sym = symmetrize(scaled);
  for (let i = 0; i < sym.data.length; i++) if (Math.abs(sym.data[i]) < 2 ** -1000) sym.data[i] = 0;
  const evd = new EigenvalueDecomposition(MlMatrix.from1DArray(n, n, sym.data), { assumeSymmetric: true });
  const lam = evd.realEigenvalues.map((v) => v / up);
  const vec = evd.eigenvectorMatrix;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => lam[j] - lam[i]);
  const values = new Float64Array(n);
  const vectors = zeros(n, n);
  for (let k = 0; k < n; k++) {
    const src = order[k];
    values[k] = lam[src];
    for (let i = 0; i < n; i++) vectors.data[i * n + k] = vec.get(i, src);
  }
  return { values, vectors };
}
