/** The interface every gradient-descent model implements (see models.ts and layered.ts). */
import { eigh } from '../linalg/eigh.js';
import type { Matrix } from '../linalg/matrix.js';

export type GdModelKind = 'symmetric' | 'asymmetric' | 'deep' | 'sensing' | 'completion';

/** Product and loss of the current iterate; models update one such object in place. */
export interface GdEvaluation {
  product: Float64Array;
  loss: number;
}

export interface GdModel {
  readonly kind: GdModelKind;
  /** N of the scalar recursion: the number of factors (2 for the symmetric model, UUᵀ). */
  readonly depth: number;
  readonly rows: number;
  readonly cols: number;
  /** Product and loss at the current iterate (cached until the next step; the same object each call). */
  evaluate(): GdEvaluation;
  /** One gradient step from the current iterate, all factors simultaneously. */
  step(eta: number): void;
  /** max_j ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖₂ (0 for the symmetric model; ‖AᵀA − BᵀB‖₂ for the asymmetric one). */
  balancedness(): number;
  /** (Σ_j‖∇_{W_j}L‖²_F)^{1/2} at the current iterate, when the model computes it. */
  gradientNorm?(): number;
  /** Copies of the current factors (W₁ … W_N; U; A, B). */
  factors(): Matrix[];
  /**
   * Returns the model's WebAssembly buffers for reuse by the next model (no new pages to touch); the
   * model, and every array it handed out (`evaluate().product`), must not be used afterwards.
   */
  dispose?(): void;
}

/** Spectral norm of a symmetric matrix (max |eigenvalue|). */
export function symmetricNorm(s: Float64Array, n: number): number {
  const e = eigh({ rows: n, cols: n, data: s }).values;
  return Math.max(Math.abs(e[0]), Math.abs(e[n - 1]));
}

