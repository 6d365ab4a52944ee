/**
 * Gradient-descent models (THEORY.md §2–3). All factors are updated simultaneously from iterate k.
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
import { eigh } from '../linalg/eigh.js';
import { gemmNN, gemmNT, gemmTN } from '../linalg/gemm.js';
import type { Matrix } from '../linalg/matrix.js';
import type { Measurements } from './measurements.js';

export type GdModelKind = 'symmetric' | 'asymmetric' | 'deep' | 'sensing';

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
  /** Copies of the current factors (W₁ … W_N; U; A, B). */
  factors(): Matrix[];
}

/** Spectral norm of a symmetric matrix (max |eigenvalue|). */
export function symmetricNorm(s: Float64Array, n: number): number {
  const e = eigh({ rows: n, cols: n, data: s }).values;
  return Math.max(Math.abs(e[0]), Math.abs(e[n - 1]));
}

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
  private readonly result: GdEvaluation;
  private fresh = false;

  constructor(y: Matrix, u0: Matrix) {
    this.rows = this.cols = y.rows;
    this.r = u0.cols;
    this.y = y.data;
    this.u = u0.data.slice();
    this.w = new Float64Array(y.rows * y.rows);
    this.res = new Float64Array(y.rows * y.rows);
    this.ru = new Float64Array(y.rows * u0.cols);
    this.result = { product: this.w, loss: 0 };
  }

  evaluate() {
    if (!this.fresh) {
      const n = this.rows;
      gemmNT(this.u, this.u, this.w, n, this.r, n);
      let s = 0;
      for (let i = 0; i < n * n; i++) {
        const d = this.y[i] - this.w[i];
        this.res[i] = d;
        s += d * d;
      }
      this.result.loss = s / 4;
      this.fresh = true;
    }
    return this.result;
  }

  step(eta: number): void {
    this.evaluate();
    const n = this.rows, r = this.r;
    gemmNN(this.res, this.u, this.ru, n, n, r); // (Y − UUᵀ)U
    for (let i = 0; i < n * r; i++) this.u[i] += eta * this.ru[i];
    this.fresh = false;
  }

  balancedness(): number {
    return 0;
  }

  factors(): Matrix[] {
    return [{ rows: this.rows, cols: this.r, data: this.u.slice() }];
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
      this.fresh = true;
    }
    return this.result;
  }

  step(eta: number): void {
    this.evaluate();
    const { rows: m, cols: n, r } = this;
    gemmNN(this.res, this.b, this.rb, m, n, r); // (Y − ABᵀ)B
    gemmTN(this.res, this.a, this.rta, n, m, r); // (Y − ABᵀ)ᵀA
    for (let i = 0; i < m * r; i++) this.a[i] += eta * this.rb[i];
    for (let i = 0; i < n * r; i++) this.b[i] += eta * this.rta[i];
    this.fresh = false;
  }

  balancedness(): number {
    const { rows: m, cols: n, r } = this;
    const d = new Float64Array(r * r), bb = new Float64Array(r * r);
    gemmTN(this.a, this.a, d, r, m, r);
    gemmTN(this.b, this.b, bb, r, n, r);
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

/** Deep factorization W = W_N⋯W₁ of an n×n target, loss ½‖W − Y‖²_F (or the sensing loss). */
export class DeepGd implements GdModel {
  readonly kind: 'deep' | 'sensing';
  readonly depth: number;
  readonly rows: number;
  readonly cols: number;
  private readonly n: number;
  private readonly y: Float64Array;
  private readonly w: Float64Array[];
  /** prefix[j] = W_{j+1}⋯W₁ (prefix[0] = W₁ itself, prefix[N−1] = product). */
  private readonly prefix: Float64Array[];
  /** suffix[j] = W_N⋯W_{j+2} for j = 0 … N−2 (suffix[N−2] = W_N itself). */
  private readonly suffix: Float64Array[];
  private readonly e: Float64Array;
  private readonly tmp: Float64Array;
  private readonly grads: Float64Array[];
  private readonly meas: Measurements | null;
  private readonly resid: Float64Array;
  private readonly result: GdEvaluation;
  private fresh = false;

  constructor(y: Matrix, factors: Matrix[], measurements: Measurements | null = null) {
    const n = y.rows;
    this.kind = measurements ? 'sensing' : 'deep';
    this.n = this.rows = this.cols = n;
    this.depth = factors.length;
    this.y = y.data;
    this.w = factors.map((f) => f.data.slice());
    this.prefix = factors.map((_, j) => (j === 0 ? this.w[0] : new Float64Array(n * n)));
    this.suffix = factors.slice(1).map((_, j) => (j === factors.length - 2 ? this.w[factors.length - 1] : new Float64Array(n * n)));
    this.e = new Float64Array(n * n);
    this.tmp = new Float64Array(n * n);
    this.grads = factors.map(() => new Float64Array(n * n));
    this.meas = measurements;
    this.resid = new Float64Array(measurements ? measurements.count : 0);
    this.result = { product: this.prefix[factors.length - 1], loss: 0 };
  }

  evaluate() {
    if (!this.fresh) {
      const n = this.n, N = this.depth;
      for (let j = 1; j < N; j++) gemmNN(this.w[j], this.prefix[j - 1], this.prefix[j], n, n, n);
      const W = this.prefix[N - 1];
      if (!this.meas) {
        let s = 0;
        for (let i = 0; i < n * n; i++) {
          const d = W[i] - this.y[i];
          this.e[i] = d;
          s += d * d;
        }
        this.result.loss = s / 2;
      } else {
        const { count: m, matrices: A, observations: obs } = this.meas;
        const nn = n * n;
        let s = 0;
        for (let i = 0; i < m; i++) {
          let ip = 0;
          const off = i * nn;
          for (let q = 0; q < nn; q++) ip += A[off + q] * W[q];
          const ri = ip - obs[i];
          this.resid[i] = ri;
          s += ri * ri;
        }
        this.result.loss = s / (2 * m);
        this.e.fill(0);
        for (let i = 0; i < m; i++) {
          const f = this.resid[i] / m;
          if (f === 0) continue;
          const off = i * nn;
          for (let q = 0; q < nn; q++) this.e[q] += f * A[off + q];
        }
      }
      this.fresh = true;
    }
    return this.result;
  }

  step(eta: number): void {
    this.evaluate();
    const n = this.n, N = this.depth;
    // suffix[j] = W_N⋯W_{j+2} (1-based factors) = w[N−1]⋯w[j+1] (0-based): suffix[N−2] = w[N−1],
    // suffix[j] = suffix[j+1]·w[j+1].
    for (let j = N - 3; j >= 0; j--) gemmNN(this.suffix[j + 1], this.w[j + 1], this.suffix[j], n, n, n);
    // ∇_{W_{j+1}} (0-based j) = S_jᵀ E P_{j−1}ᵀ with S = suffix[j] (identity for j = N−1), P = prefix[j−1]
    // (identity for j = 0). prefix[0] and suffix[N−2] are W₁ and W_N themselves, so all gradients are
    // computed before any factor changes (simultaneous update).
    for (let j = 0; j < N; j++) {
      const g = this.grads[j];
      const left = j === N - 1 ? this.e : j === 0 ? g : this.tmp;
      if (j < N - 1) gemmTN(this.suffix[j], this.e, left, n, n, n);
      if (j > 0) gemmNT(left, this.prefix[j - 1], g, n, n, n);
      else if (left !== g) g.set(left);
    }
    for (let j = 0; j < N; j++) {
      const wj = this.w[j], g = this.grads[j];
      for (let i = 0; i < n * n; i++) wj[i] -= eta * g[i];
    }
    this.fresh = false;
  }

  balancedness(): number {
    const n = this.n;
    const a = new Float64Array(n * n), b = new Float64Array(n * n);
    let mx = 0;
    for (let j = 0; j + 1 < this.depth; j++) {
      gemmTN(this.w[j + 1], this.w[j + 1], a, n, n, n);
      gemmNT(this.w[j], this.w[j], b, n, n, n);
      for (let i = 0; i < n * n; i++) a[i] -= b[i];
      mx = Math.max(mx, symmetricNorm(a, n));
    }
    return mx;
  }

  factors(): Matrix[] {
    return this.w.map((d) => ({ rows: this.n, cols: this.n, data: d.slice() }));
  }
}
