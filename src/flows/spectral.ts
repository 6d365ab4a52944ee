/**
 * Spectral (aligned) initialisation of the symmetric flow ([MV] Cor. 2, eqs. (12)–(13)).
 *
 * If Ū₀Ū₀ᵀ = Φ diag(σ_{i,0}) Φᵀ shares Y's eigenvectors, W(t) = Φ diag(wᵢ(t)) Φᵀ and each mode solves
 * the logistic equation ẇ = 2w(σ − w) from w₀ = α·σ_{i,0}:
 *     w(t) = σ w₀ e^{2σt} / (σ + w₀(e^{2σt} − 1))      (σ ≠ 0, any sign)          (12)
 *     w(t) = w₀ / (1 + 2 w₀ t)                           (σ = 0)                    (13)
 * evaluated here in overflow-free forms. [derived] Time to go from w₀ to w (0 < w₀ < w < σ):
 *     t = ln(w(σ − w₀) / (w₀(σ − w))) / (2σ);   half height t½ = ln((σ − w₀)/w₀) / (2σ).
 */

/** w(t) of eqs. (12)–(13). */
export function logisticMode(sigma: number, w0: number, t: number): number {
  // Stryker disable next-line ConditionalExpression: w₀ = 0 gives 0 through either formula below (a shortcut)
  if (w0 === 0) return 0;
  const x = 2 * sigma * t;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: σ = 0 gives x = 0, and at |x| ≤ 1e−300 both forms agree to rounding
  if (sigma === 0 || Math.abs(x) < 1e-300) return w0 / (1 + 2 * w0 * t);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the two forms are the same function (times e^{x}); the split only avoids overflow
  if (sigma > 0) {
    // σw₀ / (σe^{−x} + w₀(1 − e^{−x}))
    return (sigma * w0) / (sigma * Math.exp(-x) - w0 * Math.expm1(-x));
  }
  // σ < 0: σw₀e^{x} / (σ + w₀ expm1(x)); both denominator terms negative for w₀ > 0.
  return (sigma * w0 * Math.exp(x)) / (sigma + w0 * Math.expm1(x));
}

/** Time for the logistic mode to go from w₀ to w; requires 0 < w₀ < w < σ. NaN outside. */
export function levelTime(sigma: number, w0: number, w: number): number {
  if (!(w0 > 0 && w0 < w && w < sigma)) return Number.NaN;
  // ln(w/w₀) + ln((σ − w₀)/(σ − w)), each term accurate.
  return (Math.log(w / w0) + Math.log1p((w - w0) / (sigma - w))) / (2 * sigma);
}

/** Half-height time t½ = ln((σ − w₀)/w₀)/(2σ) (0 < w₀ < σ/2; 0 if w₀ ≥ σ/2). */
export function halfHeightTime(sigma: number, w0: number): number {
  if (w0 >= sigma / 2) return 0;
  return levelTime(sigma, w0, sigma / 2);
}
