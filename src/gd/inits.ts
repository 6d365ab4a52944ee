/**
 * Initialisations of the deep factorization W = W_N⋯W₁ (n×n factors), THEORY.md §2:
 * - identity:  W_j(0) = αI;
 * - aligned:   from Y = UΣVᵀ, W₁ = αVᵀ, W_j = αI (1 < j < N), W_N = αU: the scalar recursion then holds
 *              for non-symmetric Y with λ → σᵢ (plain αI does not decouple a non-symmetric Y);
 * - gaussian:  W_j(0) = α·G_j/√n, G_j with i.i.d. N(0, 1) entries from the seeded generator, j = 1 … N;
 * - balanced:  the product P = α^N·G/√n is drawn, P = USVᵀ, and W₁ = S^{1/N}Vᵀ, W_j = S^{1/N},
 *              W_N = US^{1/N}, so W_{j+1}ᵀW_{j+1} = W_jW_jᵀ = S^{2/N} (Arora et al.'s balanced init).
 */
import { InputError } from '../errors.js';
import { singularPairs } from '../flows/asymmetric.js';
import { Rng } from '../init/rng.js';
import { type Matrix, identity, scale, transpose, zeros } from '../linalg/matrix.js';

export type DeepInitKind = 'identity' | 'aligned' | 'gaussian' | 'balanced';

export function deepInit(kind: DeepInitKind, y: Matrix, depth: number, alpha: number, seed?: number): Matrix[] {
  const n = y.rows;
  if (kind === 'identity') return Array.from({ length: depth }, () => scale(identity(n), alpha));
  if (kind === 'aligned') {
    const p = singularPairs(y);
    const u = p.left, v = p.right; // n×n orthogonal (square target)
    return Array.from({ length: depth }, (_, j) => {
      if (j === 0) return scale(transpose(v), alpha);
      if (j === depth - 1) return scale(u, alpha);
      return scale(identity(n), alpha);
    });
  }
  if (seed === undefined) throw new InputError('init.seed', `is required for the ${kind} init`);
  const rng = new Rng(seed, 'init.seed');
  if (kind === 'gaussian') {
    return Array.from({ length: depth }, () => {
      const m = zeros(n, n);
      m.data.set(rng.normalArray(n * n, alpha / Math.sqrt(n)));
      return m;
    });
  }
  const prod = zeros(n, n);
  prod.data.set(rng.normalArray(n * n, alpha ** depth / Math.sqrt(n)));
  const p = singularPairs(prod);
  const s = Array.from(p.values, (x) => x ** (1 / depth));
  return Array.from({ length: depth }, (_, j) => {
    const w = zeros(n, n);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
      if (j === 0) w.data[a * n + b] = s[a] * p.right.data[b * n + a]; // S^{1/N}Vᵀ
      else if (j === depth - 1) w.data[a * n + b] = p.left.data[a * n + b] * s[b]; // US^{1/N}
      else w.data[a * n + b] = a === b ? s[a] : 0;
    }
    return w;
  });
}
