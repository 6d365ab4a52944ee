/**
 * Gradient-descent models (README, "Gradient descent"). All factors are updated simultaneously from iterate k.
 * Each model keeps its buffers; `evaluate` and `step` allocate nothing.
 *
 * | model      | iterate            | product | loss                       | cost per step        |
 * | symmetric  | U ∈ ℝ^{n×r}        | UUᵀ     | ¼‖Y − UUᵀ‖²_F              | 4n²r flops           |
 * | asymmetric | A ∈ ℝ^{m×r}, B     | ABᵀ     | ½‖Y − ABᵀ‖²_F              | 6mnr flops           |
 * | deep       | W₁ … W_N ∈ ℝ^{n×n} | W_N⋯W₁  | ½‖W − Y‖²_F                | (4N − 5)·2n³ flops   |
 * | sensing    | W₁ … W_N           | W_N⋯W₁  | (1/2m)Σᵢ(⟨Aᵢ, W⟩ − yᵢ)²    | deep + 4mn² flops    |
 *
 * Deep gradient: ∇_{W_j}L = (W_N⋯W_{j+1})ᵀ E (W_{j−1}⋯W₁)ᵀ with E = ∂L/∂W (W − Y, or the sensing
 * gradient (1/m)Σ rᵢAᵢ), from prefix products P_j = W_j⋯W₁ and suffix products S_j = W_N⋯W_{j+1}.
 */
import { axpy, difference, gemmNN, gemmNT, gemmTN, productArrays, releaseArrays } from '../linalg/gemm.js';
import type { Matrix } from '../linalg/matrix.js';
import type { Measurements } from './measurements.js';
import { LayeredGd } from './layered.js';
import type { GdEvaluation, GdModel } from './modelTypes.js';
import { DenseEvaluation, symmetricNorm } from './modelTypes.js';

export { type GdEvaluation, type GdModel, type GdModelKind, symmetricNorm } from './modelTypes.js';

export class SymmetricGd implements GdModel {
  readonly kind = 'symmetric' as const;
  readonly depth = 2;
  readonly rows: number;
  readonly cols: number;
  private readonly r: number;
  private readonly y: Float64Array;
  private readonly u: Float64Array;
  private readonly w: Float64Array;
  private readonly res: Float64Array;
  private readonly ru: Float64Array;
  private readonly result: DenseEvaluation;
  private fresh = false;
  /** The buffers from productArrays, for dispose(). */
  private readonly arrays: Float64Array[];

  constructor(y: Matrix, u0: Matrix) {
    this.rows = this.cols = y.rows;
    this.r = u0.cols;
    // In one WebAssembly memory (when large enough for the SIMD kernel): products run in place.
    // Not zero-filled (a reused block holds a disposed model's numbers): u and y are set here, the rest written by each evaluation and step before it is read.
    // Stryker disable next-line MethodExpression,BooleanLiteral: maxDim only sizes the workspace (a product that does not fit takes the copying path through the same kernel: same numbers); zero-filling only costs time
    this.arrays = productArrays([y.rows * u0.cols, y.rows * y.rows, y.rows * y.rows, y.rows * u0.cols, y.rows * y.rows], Math.max(y.rows, u0.cols), false);
    [this.u, this.w, this.res, this.ru, this.y] = this.arrays;
    this.u.set(u0.data.subarray(0, y.rows * u0.cols));
    this.y.set(y.data.subarray(0, y.rows * y.rows));
    this.result = new DenseEvaluation(this.w, this.res, y.rows * y.rows, 4);
  }

  evaluate() {
  // Stryker disable next-line ConditionalExpression: the cache only saves work; recomputing from the same factors gives the same values
    if (!this.fresh) {
      const n = this.rows;
      gemmNT(this.u, this.u, this.w, n, this.r, n);
      difference(this.y, this.w, this.res, n * n); // the loss ¼‖Y − UUᵀ‖² summed when read
      this.result.invalidate();
      // Stryker disable next-line BooleanLiteral: the cache only saves work; recomputing from the same factors gives the same values
      this.fresh = true;
    }
    return this.result;
  }

  step(eta: number): void {
    this.evaluate();
    const n = this.rows, r = this.r;
    gemmNN(this.res, this.u, this.ru, n, n, r); // (Y − UUᵀ)U
    axpy(this.u, this.ru, eta, n * r);
    this.fresh = false;
  }

  balancedness(): number {
    return 0;
  }

  gradientNorm(): number {
    this.evaluate();
    gemmNN(this.res, this.u, this.ru, this.rows, this.rows, this.r);
    let s = 0;
    for (const v of this.ru) s += v * v;
    return Math.sqrt(s);
  }

  factors(): Matrix[] {
    return [{ rows: this.rows, cols: this.r, data: this.u.slice() }];
  }

  /** Returns the buffers for reuse (see GdModel.dispose); the model must not be used afterwards. */
  dispose(): void {
    releaseArrays(this.arrays);
  }
}

export class AsymmetricGd implements GdModel {
  readonly kind = 'asymmetric' as const;
  readonly depth = 2;
  readonly rows: number;
  readonly cols: number;
  private readonly r: number;
  private readonly y: Float64Array;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly w: Float64Array;
  private readonly res: Float64Array;
  private readonly rb: Float64Array;
  private readonly rta: Float64Array;
  private readonly result: GdEvaluation;
  private fresh = false;

  constructor(y: Matrix, a0: Matrix, b0: Matrix) {
    this.rows = y.rows;
    this.cols = y.cols;
    this.r = a0.cols;
    this.y = y.data;
    this.a = a0.data.slice();
    this.b = b0.data.slice();
    this.w = new Float64Array(y.rows * y.cols);
    this.res = new Float64Array(y.rows * y.cols);
    this.rb = new Float64Array(y.rows * a0.cols);
    this.rta = new Float64Array(y.cols * a0.cols);
    this.result = { product: this.w, loss: 0 };
  }

  evaluate() {
  // Stryker disable next-line ConditionalExpression: the cache only saves work; recomputing from the same factors gives the same values
    if (!this.fresh) {
      const { rows: m, cols: n, r } = this;
      gemmNT(this.a, this.b, this.w, m, r, n);
      let s = 0;
      for (let i = 0; i < m * n; i++) {
        const d = this.y[i] - this.w[i];
        this.res[i] = d;
        s += d * d;
      }
      this.result.loss = s / 2;
      // Stryker disable next-line BooleanLiteral: the cache only saves work; recomputing from the same factors gives the same values
      this.fresh = true;
    }
    return this.result;
  }

  step(eta: number): void {
    this.evaluate();
    const { rows: m, cols: n, r } = this;
    gemmNN(this.res, this.b, this.rb, m, n, r); // (Y − ABᵀ)B
    gemmTN(this.res, this.a, this.rta, n, m, r); // (Y − ABᵀ)ᵀA
    // Stryker disable next-line EqualityOperator: i = length writes past the typed array: discarded
    for (let i = 0; i < m * r; i++) this.a[i] += eta * this.rb[i];
    // Stryker disable next-line EqualityOperator: i = length writes past the typed array: discarded
    for (let i = 0; i < n * r; i++) this.b[i] += eta * this.rta[i];
    this.fresh = false;
  }

  gradientNorm(): number {
    this.evaluate();
    const { rows: m, cols: n, r } = this;
    gemmNN(this.res, this.b, this.rb, m, n, r);
    gemmTN(this.res, this.a, this.rta, n, m, r);
    let s = 0;
    for (const v of this.rb) s += v * v;
    for (const v of this.rta) s += v * v;
    return Math.sqrt(s);
  }

  balancedness(): number {
    const { rows: m, cols: n, r } = this;
    const d = new Float64Array(r * r), bb = new Float64Array(r * r);
    gemmTN(this.a, this.a, d, r, m, r);
    gemmTN(this.b, this.b, bb, r, n, r);
    // Stryker disable next-line EqualityOperator: i = length writes past the typed array: discarded
    for (let i = 0; i < r * r; i++) d[i] -= bb[i];
    return symmetricNorm(d, r);
  }

  factors(): Matrix[] {
    return [
      { rows: this.rows, cols: this.r, data: this.a.slice() },
      { rows: this.cols, cols: this.r, data: this.b.slice() },
    ];
  }
}

/**
 * Deep factorization W = W_N⋯W₁ of a target, loss ½‖W − Y‖²_F (or the sensing loss): the
 * {@link LayeredGd} model with the full or sensing objective (square n×n factors in the original form;
 * any shapes the factors chain to).
 */
export class DeepGd extends LayeredGd {
  declare readonly kind: 'deep' | 'sensing';
  constructor(y: Matrix, factors: Matrix[], measurements: Measurements | null = null) {
    super(y, factors, measurements ? { kind: 'sensing', measurements } : { kind: 'full' });
  }
}
