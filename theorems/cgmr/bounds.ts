/**
 * Hitting-time bounds of deep-factorization gradient descent (docs/theory.md §2, [derived]).
 *
 * Scalar recursion of one eigenvalue λ (identical init αI, symmetric target):
 *     w_{k+1} = w_k − η w_k^{N−1}(w_k^N − λ),  w₀ = α,  p_k = w_k^N,  T(q) = min{k : p_k ≥ q}.
 * With λ > 0, α^N < q ≤ λ, η ≤ 1/(Nλ^{2−2/N}) (p rises monotonically to λ) and m = N − 2:
 * - lower, N = 2:  T(q) ≥ ln(q/α²) / (2 ln(1 + ηλ))  (p_{k+1} = p_k(1 + η(λ − p_k))² ≤ p_k(1 + ηλ)²);
 * - lower, N ≥ 3:  T(q) ≥ (α^{−m} − q^{−m/N}) / (mηλ)  (u = w^{−m} falls by at most mηλ per step,
 *   from (1 + x)^{−m} ≥ 1 − mx);
 * - upper, N = 2:  T(cλ) ≤ ⌈ln(cλ/α²) / (2 ln(1 + η(1−c)λ))⌉, c ∈ (0, 1), α² < cλ
 *   (below cλ, p grows by at least (1 + η(1−c)λ)² per step);
 * - upper, N ≥ 3:  T(cλ) ≤ 1 + (α^{−m} − (cλ)^{−m/N})·(1/(mη(1−c)λ) + (cλ)^{m/N})
 *   (below cλ, u = w^{−m} falls per step by u·(1 − (1 + x)^{−m}) ≥ mη(λ − p)/(1 + mx), x = ηw^m(λ − p),
 *   hence by ≥ 1/(1/(mη(1−c)λ) + (cλ)^{m/N}); the leading 1 is the step that crosses cλ);
 * - phase 2, from cλ to (1−ε)λ: at most ⌈ln[(1 − c^{1/N})/(1 − (1−ε)^{1/N})] / (−ln(1 − ηN(cλ)^{2−2/N}))⌉
 *   further steps (the gap λ^{1/N} − w contracts by the factor 1 − ηN(cλ)^{2−2/N} or better once p ≥ cλ).
 * Measured slack is reported by cgmr.hittingBounds; the bounds are checked there against the
 * matrix GD engine.
 *
 * The rank-interval theorem (docs/theory.md §2) and Wilson's score bound are here too, being the
 * shared arithmetic of several claims.
 */

/** Lower bound on T(q) (real number; T(q) ≥ it, so p_k < q for every integer k < it). */
export function hittingLower(q: number, lambda: number, alpha: number, eta: number, depth: number): number {
  if (depth === 2) return Math.log(q / (alpha * alpha)) / (2 * Math.log1p(eta * lambda));
  const m = depth - 2;
  return (alpha ** -m - q ** (-m / depth)) / (m * eta * lambda);
}

/** Phase-1 upper bound on T(cλ) (an integer or a real: T(cλ) ≤ it). */
export function hittingUpper(c: number, lambda: number, alpha: number, eta: number, depth: number): number {
  if (depth === 2) return Math.ceil(Math.log((c * lambda) / (alpha * alpha)) / (2 * Math.log1p(eta * (1 - c) * lambda)));
  const m = depth - 2;
  const cl = c * lambda;
  return 1 + (alpha ** -m - cl ** (-m / depth)) * (1 / (m * eta * (1 - c) * lambda) + cl ** (m / depth));
}

/** Phase-2 bound: steps from cλ to (1 − ε)λ. */
export function phase2Steps(c: number, epsilon: number, lambda: number, eta: number, depth: number): number {
  const num = Math.log((1 - c ** (1 / depth)) / (1 - (1 - epsilon) ** (1 / depth)));
  const rate = -Math.log1p(-eta * depth * (c * lambda) ** (2 - 2 / depth));
  return Math.max(0, Math.ceil(num / rate));
}

/** Two-phase bound on T((1 − ε)λ) through the level cλ. */
export function twoPhaseUpper(c: number, epsilon: number, lambda: number, alpha: number, eta: number, depth: number): number {
  const p1 = alpha ** depth >= c * lambda ? 0 : Math.floor(hittingUpper(c, lambda, alpha, eta, depth));
  return p1 + phase2Steps(c, epsilon, lambda, eta, depth);
}

/** Monotone step bound 1/(Nλ^{2−2/N}). */
export function monotoneStep(lambda: number, depth: number): number {
  return 1 / (depth * lambda ** (2 - 2 / depth));
}

/** −Σ πᵢ ln πᵢ of a non-negative vector normalised to sum 1. */
export function entropy(values: ArrayLike<number>): number {
  const a = Array.from(values, Math.abs);
  const s = a.reduce((x, y) => x + y, 0);
  let h = 0;
  for (const v of a) if (v > 0) h -= (v / s) * Math.log(v / s);
  return h;
}

/** Binary entropy h(τ) = −τ ln τ − (1−τ) ln(1−τ). */
export function binaryEntropy(t: number): number {
  if (t <= 0 || t >= 1) return 0;
  return -t * Math.log(t) - (1 - t) * Math.log1p(-t);
}

/**
 * One-sided 95 % Wilson score lower bound on a binomial proportion (z = 1.6449): the true rate
 * exceeds it with confidence ≥ 95 % (approximately; Wilson's interval is close to nominal for
 * small samples, unlike the Wald interval).
 */
export function wilsonLower(successes: number, trials: number, z = 1.6448536269514722): number {
  if (trials === 0) return 0;
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const half = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return Math.max(0, (centre - half) / (1 + z2 / trials));
}
