/**
 * The shape every gradient-flow solver presents to the rest of the package (snapshots, hitting
 * times, theorems): the product matrix, its projections on the target's spectral pairs, the loss,
 * and the constants needed to certify hitting times.
 */
import type { Matrix } from '../linalg/matrix.js';

export type FlowModel = 'symmetric' | 'asymmetric';

export interface FlowEvaluator {
  readonly model: FlowModel;
  /**
   * The target's spectral values the projections refer to: eigenvalues of Y (symmetric, all n,
   * decreasing) or singular values of Y (asymmetric, min(m, n), decreasing).
   */
  readonly targetValues: Float64Array;
  /** The product W(t): UUᵀ (symmetric) or ABᵀ (asymmetric). */
  matrix(t: number): Matrix;
  /** pᵢ(t) = φᵢᵀW(t)φᵢ (symmetric) or uᵢᵀW(t)vᵢ (asymmetric), one per target value. */
  projections(t: number): Float64Array;
  /** The loss whose gradient flow this is: ¼‖Y − UUᵀ‖²_F or ½‖Y − ABᵀ‖²_F. */
  loss(t: number): number;
  /**
   * C(τ) with |ṗᵢ| ≤ C(τ)·‖θ̇‖ while pᵢ ≤ τ (θ all parameters, ‖θ̇‖² = −dL/dt). By Cauchy–Schwarz,
   * a stretch [t, t+h] with pᵢ ≤ τ then has |pᵢ(s) − pᵢ(t)| ≤ C(τ)·sqrt(h·(L(t) − L(t+h))); see hitting.ts.
   */
  variationBound(level: number): number;
  /** Absolute error allowance of `loss` (rounding and solver error). */
  readonly lossError: number;
  /**
   * Optional second-order data for hitting times: ṗᵢ(t) exactly, and K₂ ≥ sup|p̈ᵢ| along the flow,
   * so that pᵢ(s) ≤ pᵢ(a) + ṗᵢ(a)(s − a) + ½K₂(s − a)².
   */
  projectionRates?(t: number): Float64Array;
  readonly rateBound?: number;
  /** Largest time accepted; a larger one is rejected with an InputError (never clamped). */
  readonly maxTime: number;
  /** Solver facts for the `diagnostics` of a result. */
  diagnostics(): Record<string, unknown>;
}
