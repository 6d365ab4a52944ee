/**
 * Shared pieces of the [MV] claims (docs/theory.md §1): instance builders, the constants and intervals
 * of Theorems 3 and 4, and the error ‖W(t) − Ŷ_k‖₂.
 */
import { eigh } from '../../src/linalg/eigh.js';
import { type Matrix, matmul, sub, zeros } from '../../src/linalg/matrix.js';
import { haarOrthogonal, withSpectrum } from '../../src/generate/orthogonal.js';
import { Rng } from '../../src/init/rng.js';
import type { HypothesisFailure } from '../types.js';

/** Spectral (aligned) init: W(0) = α·Φ diag(shape) Φᵀ with Y = Φ diag(eigenvalues) Φᵀ. */
export interface SpectralInstance {
  kind: 'spectral';
  eigenvalues: number[];
  basisSeed: number;
  shape: number[];
  alpha: number;
}

/** General init: W(0) = α·Ū₀Ū₀ᵀ, Ū₀ ∈ ℝ^{n×width} with i.i.d. N(0, 1) entries from `initSeed`. */
export interface GeneralInstance {
  kind: 'general';
  eigenvalues: number[];
  basisSeed: number;
  initSeed: number;
  width: number;
  alpha: number;
}

export type FlowInstance = SpectralInstance | GeneralInstance;

export function basisOf(inst: { eigenvalues: number[]; basisSeed: number }): Matrix {
  return haarOrthogonal(inst.eigenvalues.length, inst.basisSeed);
}

export function targetOf(inst: { eigenvalues: number[]; basisSeed: number }): Matrix {
  return withSpectrum(basisOf(inst), inst.eigenvalues);
}

/** Ū₀ (unscaled): Φ diag(√shape) or the Gaussian draw. */
export function unscaledInit(inst: FlowInstance): Matrix {
  const n = inst.eigenvalues.length;
  if (inst.kind === 'spectral') {
    const q = basisOf(inst);
    const u = zeros(n, n);
    // Stryker disable next-line EqualityOperator: one index past a bound writes either past the typed array's end (dropped) or into (i + 1, 0), which the next row overwrites
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) u.data[i * n + j] = q.data[i * n + j] * Math.sqrt(inst.shape[j]);
    return u;
  }
  const u = zeros(n, inst.width);
  u.data.set(new Rng(inst.initSeed).normalArray(n * inst.width));
  return u;
}

/** U₀ = √α·Ū₀. */
export function initFactor(inst: FlowInstance): Matrix {
  const u = unscaledInit(inst);
  const s = Math.sqrt(inst.alpha);
  return { ...u, data: u.data.map((v) => s * v) };
}

/** Best rank-k approximation Ŷ_k = Φ diag(σ₁, …, σ_k, 0, …) Φᵀ of Y ⪰ 0. */
export function bestRankK(inst: { eigenvalues: number[]; basisSeed: number }, k: number): Matrix {
  return withSpectrum(basisOf(inst), inst.eigenvalues.map((s, i) => (i < k ? s : 0)));
}

/** ‖A‖₂ of a symmetric matrix. */
export function symmetricNorm(a: Matrix): number {
  const e = eigh(a).values;
  return Math.max(Math.abs(e[0]), Math.abs(e[e.length - 1]));
}

export function errorToRankK(w: Matrix, yk: Matrix): number {
  return symmetricNorm(sub(w, yk));
}

/** Number of positive eigenvalues K, and hypothesis failures for "σ₁ > … > σ_K > 0 distinct, rest 0". */
export function positiveSpectrum(eigenvalues: number[], allowZeroTail = true): { K: number; failures: HypothesisFailure[] } {
  const failures: HypothesisFailure[] = [];
  const K = eigenvalues.filter((s) => s > 0).length;
  for (let i = 0; i + 1 < eigenvalues.length; i++) {
    if (!(eigenvalues[i] >= eigenvalues[i + 1])) failures.push({ name: 'eigenvalues sorted decreasing', quantity: eigenvalues[i + 1] - eigenvalues[i], relation: '≤', bound: 0 });
  }
  for (let i = 0; i + 1 < K; i++) {
    if (!(eigenvalues[i] > eigenvalues[i + 1])) failures.push({ name: `σ${i + 1} > σ${i + 2} (distinct positive eigenvalues)`, quantity: eigenvalues[i] - eigenvalues[i + 1], relation: '>', bound: 0 });
  }
  if (K === 0) failures.push({ name: 'at least one positive eigenvalue (K ≥ 1)', quantity: 0, relation: '≥', bound: 1 });
  // Stryker disable next-line EqualityOperator: eigenvalues[length] is undefined, which fails both tests below
  for (let i = K; i < eigenvalues.length; i++) {
    if (eigenvalues[i] < 0 || (!allowZeroTail && eigenvalues[i] === 0)) {
      failures.push({ name: `Y ⪰ 0: σ${i + 1} ≥ 0`, quantity: eigenvalues[i], relation: '≥', bound: 0 });
    }
  }
  return { K, failures };
}

/** I_k = [log(C/α)/(2σ_k), log(c/α)/(2σ_{k+1})], k = 1 … K, σ_{K+1} := 0 (right end +∞). */
export function theoremIntervals(sigma: number[], K: number, c: number, C: number, alpha: number): [number, number][] {
  return Array.from({ length: K }, (_, k) => {
    const left = Math.log(C / alpha) / (2 * sigma[k]);
    const right = k + 1 < K ? Math.log(c / alpha) / (2 * sigma[k + 1]) : Infinity;
    return [left, right];
  });
}

/** max_{k<K} σ_{k+1}/σ_k (0 if K = 1). */
export function maxRatio(sigma: number[], K: number): number {
  let r = 0;
  for (let k = 0; k + 1 < K; k++) r = Math.max(r, sigma[k + 1] / sigma[k]);
  return r;
}

/**
 * Largest α with log(c/α)/log(C/α) > ρ (and α < c): (1 − ρ)·log(1/α) > ρ·log C − log c.
 * Returns the bound α* (the condition holds for α < α*).
 */
export function ratioConditionAlpha(c: number, C: number, rho: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: for ρ ≤ 0 and C ≥ c (both theorems' constants) the formula below also gives c
  if (rho <= 0) return c;
  return Math.min(c, Math.exp(-(rho * Math.log(C) - Math.log(c)) / (1 - rho)));
}

/** The ratio condition log(c/α)/log(C/α) > ρ as a hypothesis check. */
export function ratioHypothesis(c: number, C: number, alpha: number, rho: number): HypothesisFailure[] {
  if (rho === 0) return [];
  const q = Math.log(c / alpha) / Math.log(C / alpha);
  return q > rho ? [] : [{ name: 'log(c_ε/α)/log(C_ε/α) > max σ_{k+1}/σ_k', quantity: q, relation: '>', bound: rho }];
}

/** Theorem 4's M = max{‖V‖, ‖V⁻¹‖}, V = W̃₀⁻¹ (W̃₀ = ΦᵀŪ₀Ū₀ᵀΦ): max(λ_max(Ū₀Ū₀ᵀ), 1/λ_min(Ū₀Ū₀ᵀ)). */
export function theorem4M(u: Matrix): { M: number; lambdaMin: number; lambdaMax: number } {
  const g = matmul(u, { rows: u.cols, cols: u.rows, data: transposeData(u) });
  const e = eigh(g).values;
  const lambdaMax = e[0], lambdaMin = e[e.length - 1];
  // Stryker disable next-line EqualityOperator: at λ_min = 0 exactly, 1/λ_min is +∞ as well
  return { M: Math.max(lambdaMax, lambdaMin > 0 ? 1 / lambdaMin : Infinity), lambdaMin, lambdaMax };
}

function transposeData(u: Matrix): Float64Array {
  const out = new Float64Array(u.rows * u.cols);
  // Stryker disable next-line EqualityOperator: j = cols writes past the typed array's end (dropped)
  for (let i = 0; i < u.rows; i++) for (let j = 0; j < u.cols; j++) out[j * u.rows + i] = u.data[i * u.cols + j];
  return out;
}

/**
 * The arbitraries draw general inits with M ≤ DRAW_MAX_M only: M ≈ 1/λ_min(Ū₀Ū₀ᵀ) is huge for a
 * nearly singular Gaussian draw (about 1 in 10⁴ square ones), and α ≤ c_ε/M = ε/(16M³) then leaves
 * nothing but underflow-scale α. Rejected draws are outside what the properties check, not a finding.
 */
export const DRAW_MAX_M = 1e8;

/** Whether a general init with this M is drawn: finite and ≤ DRAW_MAX_M. */
export function drawableM(M: number): boolean {
  return Number.isFinite(M) && M <= DRAW_MAX_M;
}

/** Theorem 4's constants for an ε: c_ε = ε/(16M²), C_ε = 16σ₁²M²/ε. */
export function theorem4Constants(eps: number, M: number, sigma1: number): { c: number; C: number } {
  return { c: eps / (16 * M * M), C: (16 * sigma1 * sigma1 * M * M) / eps };
}

/** Theorem 3's constants: c_ε = ε/max_i σ_{i,0}, C_ε = σ₁²/(ε·min_{i≤K} σ_{i,0}). */
export function theorem3Constants(eps: number, shape: number[], sigma1: number, K: number): { c: number; C: number } {
  return { c: eps / Math.max(...shape), C: (sigma1 * sigma1) / (eps * Math.min(...shape.slice(0, K))) };
}
