/**
 * Initialisations of the deep factorization W = W_N⋯W₁ of Y ∈ ℝ^{m×n}, W_j ∈ ℝ^{d_j×d_{j−1}},
 * d₀ = n, d_N = m, hidden widths d₁ … d_{N−1} (default min(m, n); n for a square target). α is the
 * per-layer scale; the end-to-end scale of the product is α^N. I_{p×q} is the p×q partial identity.
 * - identity:   W_j = α·I_{d_j×d_{j−1}};
 * - aligned:    from Y = U_kΣV_kᵀ (thin), W₁ = α·I_{d₁×k}V_kᵀ, W_j = α·I (1 < j < N), W_N = α·U_kI_{k×d_{N−1}}
 *               (N = 1: W = α·U_kV_kᵀ); the product is α^N·U_{k'}V_{k'}ᵀ, k' = min(k, d_min), and each
 *               mode follows the scalar recursion (a plain αI does not decouple a non-symmetric Y);
 * - gaussian:   W_j = α·G_j/√d_{j−1}, G_j with i.i.d. N(0, 1) entries from the seeded generator, j = 1 … N;
 * - orthogonal: W_j = α·Q_j, Q_j the leading d_j×d_{j−1} block of a Haar-random orthogonal matrix
 *               (orthonormal rows or columns), j = 1 … N, from the seeded generator;
 * - balanced:   P = G/√n (m×n) is drawn, P = U_kSV_kᵀ, and with s = α·S^{1/N}: W₁ = I s V_kᵀ,
 *               W_j = I s I, W_N = U_k s I, so W_{j+1}ᵀW_{j+1} = W_jW_jᵀ and the product is α^N·P
 *               (truncated to rank d_min when a width is below k). s is formed as α·σ^{1/N}, never
 *               α^N, so no scale that fits in float64 per layer overflows.
 */
import { InputError } from '../errors.js';
import { Rng } from '../init/rng.js';
import { haarBlock } from '../init/orthogonalInit.js';
import { type Matrix, zeros } from '../linalg/matrix.js';
import { type SpectralPairs } from '../spectrum/targetSpectrum.js';
import { singularPairs } from '../spectrum/singularPairs.js';

export type DeepInitKind = 'identity' | 'aligned' | 'gaussian' | 'balanced' | 'orthogonal';

/** [d₀ = n, d₁ … d_{N−1}, d_N = m] from hidden widths (default min(m, n) each). */
export function layerDims(y: Matrix, depth: number, widths?: readonly number[]): number[] {
  const k = Math.min(y.rows, y.cols);
  const hidden = widths ?? Array.from({ length: depth - 1 }, () => k);
  return [y.cols, ...hidden, y.rows];
}

/** Factor j (0-based) of d_{j+1}×d_j whose entries are s[i] at (i, i) for i < min, else 0. */
function diagFactor(rows: number, cols: number, s: ArrayLike<number>): Matrix {
  const w = zeros(rows, cols);
  for (let i = 0; i < Math.min(rows, cols, s.length); i++) w.data[i * cols + i] = s[i];
  return w;
}

export function deepInit(kind: DeepInitKind, y: Matrix, depth: number, alpha: number, seed?: number, widths?: readonly number[], pairs?: SpectralPairs): Matrix[] {
  const d = layerDims(y, depth, widths);
  const N = depth;
  const k = Math.min(y.rows, y.cols);
  const ones = (len: number, v: number) => new Float64Array(len).fill(v);
  if (kind === 'identity') return Array.from({ length: N }, (_, j) => diagFactor(d[j + 1], d[j], ones(d[j + 1], alpha))); // diagFactor clips to min(rows, cols)
  if (kind === 'aligned') {
    const p = pairs ?? singularPairs(y);
    return spectralFactors(d, p.left, p.right, ones(k, alpha), ones(k, alpha ** N));
  }
  if (seed === undefined) throw new InputError('init.seed', `is required for the ${kind} init`);
  const rng = new Rng(seed, 'init.seed');
  if (kind === 'gaussian') {
    return Array.from({ length: N }, (_, j) => {
      const m = zeros(d[j + 1], d[j]);
      m.data.set(rng.normalArray(d[j + 1] * d[j], alpha / Math.sqrt(d[j])));
      return m;
    });
  }
  if (kind === 'orthogonal') {
    return Array.from({ length: N }, (_, j) => {
      const q = haarBlock(rng, d[j + 1], d[j]);
      // Stryker disable next-line EqualityOperator: i = length multiplies q.data[length], past the typed array: discarded
      for (let i = 0; i < q.data.length; i++) q.data[i] *= alpha;
      return q;
    });
  }
  const prod = zeros(y.rows, y.cols);
  prod.data.set(rng.normalArray(y.rows * y.cols, 1 / Math.sqrt(y.cols)));
  const p = singularPairs(prod);
  const s = Array.from(p.values, (x) => alpha * x ** (1 / N));
  return spectralFactors(d, p.left, p.right, s, Array.from(p.values, (x) => alpha ** N * x));
}

/**
 * Factors with W₁ = I s Vᵀ, W_j = I s I, W_N = U s I (s per mode); for N = 1, W = U diag(sN) Vᵀ with
 * sN the end-to-end values (so the single factor never forms s^N by repeated rounding).
 */
export function spectralFactors(d: number[], U: Matrix, V: Matrix, s: ArrayLike<number>, sN: ArrayLike<number>): Matrix[] {
  const N = d.length - 1, k = U.cols, m = d[N], n = d[0];
  if (N === 1) {
    const w = zeros(m, n);
    // Stryker disable next-line EqualityOperator: a = m writes past the array (discarded); b = n writes entry (a + 1, 0), which the next row overwrites
    for (let a = 0; a < m; a++) for (let b = 0; b < n; b++) {
      let t = 0;
      for (let c = 0; c < k; c++) t += U.data[a * k + c] * sN[c] * V.data[b * k + c];
      w.data[a * n + b] = t;
    }
    return [w];
  }
  return Array.from({ length: N }, (_, j) => {
    const rows = d[j + 1], cols = d[j];
    if (j === 0) {
      const w = zeros(rows, cols);
      for (let a = 0; a < Math.min(rows, k); a++) for (let b = 0; b < cols; b++) w.data[a * cols + b] = s[a] * V.data[b * k + a];
      return w;
    }
    if (j === N - 1) {
      const w = zeros(rows, cols);
      // Stryker disable next-line EqualityOperator: a = rows writes past the array: discarded
      for (let a = 0; a < rows; a++) {
        for (let b = 0; b < Math.min(cols, k); b++) w.data[a * cols + b] = U.data[a * k + b] * s[b];
      }
      return w;
    }
    return diagFactor(rows, cols, s);
  });
}
