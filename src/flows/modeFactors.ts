/**
 * Per-eigenvalue scalars of the closed form (THEORY.md §1), evaluated without overflow.
 *
 * For an eigenvalue λ of Y and t > 0, with x = 2λt:
 *   g(λ, t)  = ∫₀ᵗ 2e^{2λs} ds = expm1(x)/λ          (= 2t when λ = 0),
 *   d²(λ, t) = e^{2λt}/g = λ / (−expm1(−x))          (= 1/(2t) when λ = 0).
 * g overflows for x ≳ 709 and is returned as ½·log g; d² lies in [0, max(λ, 1/(2t))·(1+x)] and
 * tends to λ (λ > 0), to 0 (λ < 0) and to 1/(2t) (λ → 0); it is never Inf/NaN for t > 0.
 */

/** Returns ½·log g(λ, t) (t > 0). */
export function halfLogG(lambda: number, t: number): number {
  const x = 2 * lambda * t;
  if (lambda === 0 || Math.abs(x) < 1e-10) {
    // expm1(x)/x = 1 + x/2 + O(x²)
    return 0.5 * (Math.log(2 * t) + Math.log1p(x / 2));
  }
  if (x > 0) {
    const logExpm1 = x > 36 ? x + Math.log1p(-Math.exp(-x)) : Math.log(Math.expm1(x));
    return 0.5 * (logExpm1 - Math.log(lambda));
  }
  // x < 0: g = (1 − e^{x})/|λ| ∈ (0, 1/|λ|).
  return 0.5 * (Math.log(-Math.expm1(x)) - Math.log(-lambda));
}

/** Returns d²(λ, t) = λ/(−expm1(−2λt)) (t > 0). */
export function dSquared(lambda: number, t: number): number {
  const x = 2 * lambda * t;
  if (lambda === 0 || Math.abs(x) < 1e-10) return (1 + x / 2) / (2 * t);
  if (x > 0) return lambda / -Math.expm1(-x);
  const e = Math.expm1(-x); // may be +Infinity: then d² = 0
  return -lambda / e;
}
