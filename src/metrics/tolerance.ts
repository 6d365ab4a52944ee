/**
 * Tolerances derived from conditioning and precision, shared by properties/ and theorems/ (one
 * table, as in JAX's numerics tests).
 *
 * Agreement of a backward-stable evaluation of the symmetric flow with the exact W(t). Each
 * evaluation is exact for data perturbed by O(nε) relative (Y through the eigendecomposition, U₀
 * row-wise through the QR). A relative perturbation δ of U₀ moves W(t) by O(δ)·‖W‖ (growing modes
 * keep their relative error), and a perturbation δY moves the growth rates, so W(t) by
 * O(2t‖δY‖)·‖W‖; the Riccati nonlinearity adds 2t‖δW‖. Hence, with a safety factor 64 for the
 * constants of the backward error bounds,
 *     τ_flow = 64·n·ε·(1 + 2(‖Y‖₂ + M)·t)·max|W|,   M = max(‖W₀‖, λ₁⁺) ≥ sup‖W(t)‖.
 */
export const EPS = 2 ** -52;

export function flowTolerance(n: number, normY: number, M: number, t: number, maxW: number): number {
  return 64 * n * EPS * (1 + 2 * (normY + M) * t) * maxW;
}

/**
 * An ODE solution's global error is not its tolerance; it is estimated by re-integrating with
 * tolerances 100× tighter: err(tight) ≲ |W(loose) − W(tight)| / 10 for a 5th-order method with
 * error ∝ tol. Comparisons allow 10× this estimate (≈ the loose run's error).
 */
export function odeTolerance(looseVsTight: number): number {
  return 10 * looseVsTight;
}
