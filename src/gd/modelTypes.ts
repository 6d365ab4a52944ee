/** The interface every gradient-descent model implements (see models.ts and layered.ts). */
import { eigh } from '../linalg/eigh.js';
import { sumSquares } from '../linalg/gemm.js';
import type { Matrix } from '../linalg/matrix.js';

export type GdModelKind = 'symmetric' | 'asymmetric' | 'deep' | 'sensing' | 'completion';

/** Product and loss of the current iterate; models update one such object in place. */
export interface GdEvaluation {
  product: Float64Array;
  loss: number;
}

/**
 * The evaluation of a dense model: `product` in place and loss = Σ residual²/divisor, summed in increasing
 * index on the first read after each evaluation ({@link DenseEvaluation.invalidate}), so that a step whose
 * loss nobody reads skips the sum: a chain of dependent adds, ≈ 10 % of a symmetric step at n = 32.
 */
export class DenseEvaluation implements GdEvaluation {
  private value = 0;
  private stale = true;
  constructor(readonly product: Float64Array, private readonly residual: Float64Array, private readonly len: number, private readonly divisor: number) {}
  /** The residual has changed: the next read of `loss` sums it again. */
  invalidate(): void {
    this.stale = true;
  }
  get loss(): number {
    // Stryker disable next-line ConditionalExpression: the cache only saves work; summing the same residual again gives the same value
    if (this.stale) {
      this.value = sumSquares(this.residual, this.len) / this.divisor;
      // Stryker disable next-line BooleanLiteral: the cache only saves work; summing the same residual again gives the same value
      this.stale = false;
    }
    return this.value;
  }
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

