/**
 * Singular pairs of a rectangular Y ∈ ℝ^{m×n} (thin: k = min(m, n)) from the eigendecomposition of
 * its symmetric embedding Ȳ = [[0, Y], [Yᵀ, 0]], whose eigenvalues are ±σᵢ with eigenvectors
 * [uᵢ; ±vᵢ]/√2. Cost: one symmetric eigendecomposition of size m + n.
 */
import { eigh } from '../linalg/eigh.js';
import { type Matrix, zeros } from '../linalg/matrix.js';

export interface SingularPairs {
  /** Singular values σ₁ ≥ … ≥ σ_k of Y, k = min(m, n). */
  values: Float64Array;
  /** m × k, columns uᵢ. */
  left: Matrix;
  /** n × k, columns vᵢ. */
  right: Matrix;
}

/** Ȳ = [[0, Y], [Yᵀ, 0]]. */
export function embedding(y: Matrix): Matrix {
  const m = y.rows, n = y.cols, N = m + n;
  const out = zeros(N, N);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    const v = y.data[i * n + j];
    out.data[i * N + m + j] = v;
    out.data[(m + j) * N + i] = v;
  }
  return out;
}

/** Singular pairs of Y from the eigendecomposition of its embedding. */
export function singularPairsFromEmbedding(values: Float64Array, vectors: Matrix, m: number, n: number): SingularPairs {
  const k = Math.min(m, n), N = m + n;
  const left = zeros(m, k), right = zeros(n, k);
  const vals = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    vals[c] = Math.max(0, values[c]);
    for (let i = 0; i < m; i++) left.data[i * k + c] = Math.SQRT2 * vectors.data[i * N + c];
    for (let j = 0; j < n; j++) right.data[j * k + c] = Math.SQRT2 * vectors.data[(m + j) * N + c];
  }
  return { values: vals, left, right };
}

export function singularPairs(y: Matrix): SingularPairs {
  const e = eigh(embedding(y));
  return singularPairsFromEmbedding(e.values, e.vectors, y.rows, y.cols);
}

/** uᵢᵀ X vᵢ for each pair. */
