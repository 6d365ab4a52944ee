/**
 * The regimes in which the incremental-learning claims are stated ([derived], docs/theory.md §1):
 *
 * Spectral init: t½_k = ln((σ_k − w_k)/w_k)/(2σ_k), w_k = ασ_{k,0}. With s₋ = min_{k≤K} σ_{k,0} and
 * s₊ = max_{k≤K} σ_{k,0}, t½_k ≤ ln(σ_k/(αs₋))/(2σ_k) and, for αs₊ ≤ σ_K/2, t½_{k+1} ≥
 * ln(σ_{k+1}/(2αs₊))/(2σ_{k+1}); so the order holds when, for every k < K,
 *     ln(1/α)·(1/σ_{k+1} − 1/σ_k) > ln(σ_k/s₋)/σ_k − ln(σ_{k+1}/(2s₊))/σ_{k+1}     ("small init").
 *
 * General init (r ≥ n): the hypotheses of [MV] Theorem 4 at ε* = min{σ_K, 1}/2.002 < σ_K/2. Then
 * (a) t½_k ≤ ln(C_{ε*}/α)/(2σ_k): at the left end of I_k, p_k ≥ σ_k − ε* > σ_k/2;
 * (b) t½_k ≥ [ln(1/α) + ln(σ_k/M − α)]/(2σ_k) > ln(c_{ε*}/α)/(2σ_k) for any init: with p_k = φ_kᵀWφ_k,
 *     ṗ_k = 2σ_kp_k − 2‖Wφ_k‖² ≤ 2p_k(σ_k − p_k), so p_k stays below its own logistic from
 *     p_k(0) ≤ αM;
 * and the ratio condition (I_k ≠ ∅) gives ln(C/α)/(2σ_k) ≤ ln(c/α)/(2σ_{k+1}): the order follows.
 */
import type { HypothesisFailure } from '../types.js';
import { type FlowInstance, maxRatio, positiveSpectrum, ratioHypothesis, theorem4Constants, theorem4M, unscaledInit } from './common.js';

export interface Regime {
  K: number;
  failures: HypothesisFailure[];
  /** General init: M, and the Theorem 4 constants at ε*. */
  M?: number;
  c?: number;
  C?: number;
}

export function spectralOrderAlpha(sigma: number[], K: number, shape: number[]): number {
  const sMin = Math.min(...shape.slice(0, K)), sMax = Math.max(...shape.slice(0, K));
  let a = Math.min(1, sigma[K - 1] / (2 * sMax));
  for (let k = 0; k + 1 < K; k++) {
    const rhs = Math.log(sigma[k] / sMin) / sigma[k] - Math.log(sigma[k + 1] / (2 * sMax)) / sigma[k + 1];
    const coef = 1 / sigma[k + 1] - 1 / sigma[k];
    a = Math.min(a, Math.exp(-rhs / coef));
  }
  return a;
}

export function incrementalRegime(inst: FlowInstance): Regime {
  const { K, failures } = positiveSpectrum(inst.eigenvalues);
  if (!(inst.alpha > 0)) failures.push({ name: 'α > 0', quantity: inst.alpha, relation: '>', bound: 0 });
  if (failures.length > 0) return { K, failures }; // (K = 0 is among them)
  if (inst.kind === 'spectral') {
    inst.shape.forEach((s, i) => {
      if (i < K && !(s > 0)) failures.push({ name: `σ_{${i + 1},0} > 0`, quantity: s, relation: '>', bound: 0 });
    });
    if (failures.length > 0) return { K, failures };
    const a = spectralOrderAlpha(inst.eigenvalues, K, inst.shape);
    if (!(inst.alpha < a)) failures.push({ name: 'small init: α below the spectral order bound', quantity: inst.alpha, relation: '<', bound: a });
    return { K, failures };
  }
  const n = inst.eigenvalues.length;
  if (!(inst.width >= n)) failures.push({ name: 'r ≥ n (Theorem 4)', quantity: inst.width, relation: '≥', bound: n });
  if (failures.length > 0) return { K, failures };
  const { M, lambdaMin } = theorem4M(unscaledInit(inst));
  if (!(lambdaMin > 0)) return { K, failures: [{ name: 'W̃₀ invertible', quantity: lambdaMin, relation: '>', bound: 0 }] };
  const eps = Math.min(inst.eigenvalues[K - 1], 1) / 2.002;
  const { c, C } = theorem4Constants(eps, M, inst.eigenvalues[0]);
  if (!(inst.alpha <= c / M)) failures.push({ name: 'α ≤ c_ε*/M (Theorem 4 at ε* = min{σ_K, 1}/2.002)', quantity: inst.alpha, relation: '≤', bound: c / M });
  failures.push(...ratioHypothesis(c, C, inst.alpha, maxRatio(inst.eigenvalues, K)));
  return { K, failures, M, c, C };
}
