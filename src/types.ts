/**
 * Plain data shared by every part of dmf-check: what `solve` returns, what a trajectory holds.
 * (Matrices inside the numerical kernels are {@link Matrix}; these are their JSON forms.)
 */
export type { Matrix } from './linalg/matrix.js';

/** A number, or a decimal string when the high-precision solver was asked for (`digits`). */
export type Num = number | string;

export interface Snapshot {
  /** Time (gradient flow); gradient descent snapshots carry `iteration` instead. */
  time?: number;
  iteration?: number;
  /** The product: UUᵀ, ABᵀ or W_N⋯W_1, as rows. */
  matrix: Num[][];
  /** Singular values of `matrix`, decreasing. */
  singularValues: Num[];
  /** Roy–Vetterli effective rank of `matrix` (0 for the zero matrix). */
  effectiveRank: number;
  /** The model's loss at this point. */
  loss: Num;
  /** Projections of the product on the target's spectral pairs (φᵢᵀWφᵢ or uᵢᵀWvᵢ). */
  projections: Num[];
  /** Gradient descent only: max_j ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖₂ (‖AᵀA − BᵀB‖₂ asymmetric, 0 symmetric). */
  balancedness?: number;
  /** Matrix sensing only: ‖W − X‖_F against the ground truth X (the `target`). */
  recoveryError?: number;
  /** Gradient descent: Σσᵢ(W), (Σσᵢ^{2/N})^{N/2} (Schatten-(2/N) quasi-norm) and ‖∇L‖ (all factors). */
  nuclearNorm?: number;
  schattenQuasiNorm?: number;
  gradientNorm?: number;
  /** Matrix completion: ‖P_Ω(W − Y)‖_F and ‖P_Ωᶜ(W − Y)‖_F (`recoveryError` is over all entries). */
  observedError?: number;
  unobservedError?: number;
}

export interface Hitting {
  levels: number[];
  /** times[l][i]: first time (or iteration) at which projection i reaches levels[l]·σᵢ; null if never. */
  times: (number | null)[][];
}

export interface SolveResult {
  snapshots: Snapshot[];
  hitting: (Hitting & Record<string, unknown>) | null;
  diagnostics: Record<string, unknown>;
  /** Gradient descent with `lightEvery`: snapshots without the matrix at every k-th iteration. */
  lightSnapshots?: Omit<Snapshot, 'matrix'>[];
  /** Gradient descent with `returnFactors`: the factors at the last iteration run (W₁ … W_N; U; A, B), as rows. */
  factors?: number[][][];
}
