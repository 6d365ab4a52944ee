/**
 * The scalar dynamics of deep-factorization gradient descent ([derived] from [CGMR]'s deep model).
 *
 * For symmetric Y = V diag(λ) Vᵀ and identical init W_j(0) = αI, every factor stays V diag(w) Vᵀ and
 * each eigenvalue follows the scalar recursion
 *     w_{k+1} = w_k − η w_k^{N−1}(w_k^N − λ),   w₀ = α,   p_k = w_k^N,
 * the same for the aligned init of a non-symmetric Y with λ → σᵢ. Gradient-flow limit (t = ηk):
 * ṗ = N p^{2−2/N}(λ − p). The symmetric model U ← U + η(Y − UUᵀ)U and the balanced aligned
 * asymmetric model are the case N = 2 of this recursion (u² = p).
 */

/** p_k = w_k^N of the scalar recursion after k steps (k ≥ 0). Cost O(k). */
export function scalarProduct(lambda: number, alpha: number, eta: number, depth: number, k: number): number {
  let w = alpha;
  for (let s = 0; s < k; s++) w -= eta * w ** (depth - 1) * (w ** depth - lambda);
  return w ** depth;
}

/** Stability threshold of the fixed point p = λ > 0: GD is locally stable iff η < 2/(Nλ^{2−2/N}). */
export function stabilityThreshold(lambda: number, depth: number): number {
  if (depth === 1) return 2; // w ← w − η(w − λ): curvature 1 for every λ
  // Stryker disable next-line EqualityOperator: at λ = 0 (N ≥ 2) λ^{2−2/N} = 0 and the formula gives +∞ as well
  return lambda > 0 ? 2 / (depth * lambda ** (2 - 2 / depth)) : Infinity;
}

/** Monotone (no overshoot) step bound η ≤ 1/(Nλ^{2−2/N}) for 0 < α < λ^{1/N}. */
export function monotoneStepBound(lambda: number, depth: number): number {
  if (depth === 1) return 1;
  // Stryker disable next-line EqualityOperator: at λ = 0 (N ≥ 2) λ^{2−2/N} = 0 and the formula gives +∞ as well
  return lambda > 0 ? 1 / (depth * lambda ** (2 - 2 / depth)) : Infinity;
}

/** Order-preserving step bound η ≤ 1/((2N − 1)λ₁^{2−2/N}): λᵢ ≥ λⱼ ⇒ wᵢ(k) ≥ wⱼ(k) for all k. */
export function orderStepBound(lambda1: number, depth: number): number {
  if (depth === 1) return 1;
  // Stryker disable next-line EqualityOperator: at λ = 0 (N ≥ 2) λ^{2−2/N} = 0 and the formula gives +∞ as well
  return lambda1 > 0 ? 1 / ((2 * depth - 1) * lambda1 ** (2 - 2 / depth)) : Infinity;
}
