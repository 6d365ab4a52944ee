/**
 * Generated initialisations of the gradient flows, in [MV]'s convention W(0) = α·Ū₀Ū₀ᵀ: the scale α
 * multiplies W (the factor gets √α).
 *
 * - aligned (spectral): Ū₀ = Φ·diag(√shape) so that Ū₀Ū₀ᵀ = Φ diag(shape) Φᵀ shares Y's eigenvectors
 *   (shape in the order of Y's decreasing eigenvalues). Asymmetric: A₀ = √α·U diag(√shape),
 *   B₀ = √α·V diag(√shape) from Y's singular pairs, so A₀B₀ᵀ = α·U diag(shape) Vᵀ and A₀ᵀA₀ = B₀ᵀB₀.
 * - gaussian: Ū₀ with i.i.d. N(0, 1) entries from the seeded generator ({@link Rng}), width r.
 *   Asymmetric: Ā, B̄ Gaussian (unbalanced), or with `balanced` the balanced factors of ĀB̄ᵀ:
 *   A₀ = √α·U_r S_r^{1/2}, B₀ = √α·V_r S_r^{1/2}.
 */
import { InputError } from '../errors.js';
import type { SymmetricEigen } from '../linalg/eigh.js';
import { type Matrix, matmulABt, zeros } from '../linalg/matrix.js';
import { type SingularPairs, singularPairs } from '../spectrum/singularPairs.js';
import { Rng } from './rng.js';

export function checkScale(alpha: unknown, field = 'init.scale'): number {
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) {
    throw new InputError(field, 'must be a finite number ≥ 0');
  }
  return alpha;
}

function checkShape(shape: unknown, length: number, field = 'init.shape'): number[] {
  if (!Array.isArray(shape) || shape.length !== length) {
    throw new InputError(field, `must be an array of ${length} numbers (one per target ${length === 1 ? 'value' : 'eigen/singular value'})`);
  }
  return shape.map((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new InputError(`${field}[${i}]`, 'must be a finite number ≥ 0');
    return v;
  });
}

export function checkWidth(width: unknown, field = 'init.width'): number {
  if (typeof width !== 'number' || !Number.isInteger(width) || width < 1 || width > 4096) {
    throw new InputError(field, 'must be an integer from 1 to 4096');
  }
  return width;
}

/** U₀ = √α·Φ diag(√shape) (n × n). */
export function alignedSymmetricFactor(eigen: SymmetricEigen, alpha: number, shape: unknown): Matrix {
  const n = eigen.values.length;
  const s = checkShape(shape, n);
  const u = zeros(n, n);
  const ra = Math.sqrt(checkScale(alpha));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) u.data[i * n + j] = ra * eigen.vectors.data[i * n + j] * Math.sqrt(s[j]);
  return u;
}

/** U₀ = √α·Ḡ, Ḡ ∈ ℝ^{n×r} with i.i.d. N(0, 1) entries. */
export function gaussianFactor(n: number, width: number, alpha: number, seed: number): Matrix {
  const r = checkWidth(width);
  const rng = new Rng(seed, 'init.seed');
  const u = zeros(n, r);
  u.data.set(rng.normalArray(n * r, Math.sqrt(checkScale(alpha))));
  return u;
}

/** A₀ = √α·U diag(√shape), B₀ = √α·V diag(√shape), width min(m, n). */
export function alignedAsymmetricFactors(pairs: SingularPairs, alpha: number, shape: unknown): [Matrix, Matrix] {
  const k = pairs.values.length;
  const s = checkShape(shape, k);
  const ra = Math.sqrt(checkScale(alpha));
  const m = pairs.left.rows, n = pairs.right.rows;
  const a = zeros(m, k), b = zeros(n, k);
  for (let j = 0; j < k; j++) {
    const f = ra * Math.sqrt(s[j]);
    for (let i = 0; i < m; i++) a.data[i * k + j] = f * pairs.left.data[i * k + j];
    for (let i = 0; i < n; i++) b.data[i * k + j] = f * pairs.right.data[i * k + j];
  }
  return [a, b];
}

/** Gaussian factors (m × r, n × r), optionally replaced by the balanced factors of their product. */
export function gaussianAsymmetricFactors(m: number, n: number, width: number, alpha: number, seed: number, balanced: boolean): [Matrix, Matrix] {
  const r = checkWidth(width);
  const rng = new Rng(seed, 'init.seed');
  const ra = Math.sqrt(checkScale(alpha));
  const a = zeros(m, r), b = zeros(n, r);
  a.data.set(rng.normalArray(m * r));
  b.data.set(rng.normalArray(n * r));
  if (!balanced) {
    for (let i = 0; i < a.data.length; i++) a.data[i] *= ra;
    for (let i = 0; i < b.data.length; i++) b.data[i] *= ra;
    return [a, b];
  }
  const pairs = singularPairs(matmulABt(a, b));
  const k = Math.min(r, pairs.values.length);
  const a2 = zeros(m, r), b2 = zeros(n, r);
  const K = pairs.values.length;
  for (let j = 0; j < k; j++) {
    const f = ra * Math.sqrt(pairs.values[j]);
    for (let i = 0; i < m; i++) a2.data[i * r + j] = f * pairs.left.data[i * K + j];
    for (let i = 0; i < n; i++) b2.data[i * r + j] = f * pairs.right.data[i * K + j];
  }
  return [a2, b2];
}
