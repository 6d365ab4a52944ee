/**
 * The deep (layered) gradient-descent model for every objective: W = W_N⋯W₁ ∈ ℝ^{m×n} with
 * W_j ∈ ℝ^{d_j×d_{j−1}}, d₀ = n (columns of the target), d_N = m (rows), hidden widths d₁ … d_{N−1};
 * N = 1 is plain gradient descent on W. Objectives, with E = ∂L/∂W:
 *
 * | objective  | loss                                  | E                         | cost of L and E       |
 * | full       | ½‖W − Y‖²_F                           | W − Y                     | mn                    |
 * | sensing    | (1/2m')·Σᵢ(⟨Aᵢ, W⟩ − yᵢ)²             | (1/m')·Σᵢ rᵢAᵢ            | 4m'·mn                |
 * | completion | (1/2|Ω|)·Σ_{(a,b)∈Ω}(W_ab − Y_ab)²    | (1/|Ω|)·P_Ω(W − Y), sparse | |Ω|·d_{N−1}          |
 *
 * Gradient: ∇_{W_j}L = S_jᵀ E P_{j−1}ᵀ with prefix P_j = W_j⋯W₁ and suffix S_j = W_N⋯W_{j+1}; all
 * factors are updated simultaneously from iterate k. Cost per step: the dense prefix and suffix
 * products, Σ 2·m·d·d' or 2·d·d'·n flops each, plus the objective column above; completion never
 * forms W (only its |Ω| observed entries, and S_jᵀE in O(|Ω|·d_j)), so its loss and gradient
 * assembly cost is independent of mn. `evaluate().product` is the dense W, formed on demand.
 * No allocation in `evaluate` or `step`.
 */
import { axpy, difference, gemmNN, gemmNT, gemmTN, productArrays, releaseArrays } from '../linalg/gemm.js';
import type { Matrix } from '../linalg/matrix.js';
import type { Measurements } from './measurements.js';
import { DenseEvaluation, type GdEvaluation, type GdModel, type GdModelKind, symmetricNorm } from './modelTypes.js';

/** Observed entries of a completion problem: flat indices a·n + b (increasing) and Y's values there. */
export interface ObservedEntries {
  readonly rows: number;
  readonly cols: number;
  readonly index: Int32Array;
  readonly values: Float64Array;
}

export type LayeredObjective =
  | { kind: 'full' }
  | { kind: 'sensing'; measurements: Measurements }
  | { kind: 'completion'; observed: ObservedEntries };

class LazyEvaluation implements GdEvaluation {
  loss = 0;
  constructor(private readonly form: () => Float64Array) {}
  get product(): Float64Array {
    return this.form();
  }
}

export class LayeredGd implements GdModel {
  readonly kind: GdModelKind;
  readonly depth: number;
  readonly rows: number;
  readonly cols: number;
  /** d₀ = cols, d₁ … d_{N−1}, d_N = rows. */
  readonly dims: readonly number[];
  protected readonly y: Float64Array;
  protected readonly w: Float64Array[];
  /** prefix[j] = W_{j+1}⋯W₁ (0-based w[j]⋯w[0]); prefix[0] aliases w[0]. */
  private readonly prefix: Float64Array[];
  /** suffix[j] = w[N−1]⋯w[j+1] (rows × d_{j+1}), j ≤ N − 2; suffix[N−2] aliases w[N−1]. */
  private readonly suffix: Float64Array[];
  private readonly e: Float64Array;
  private readonly tmp: Float64Array;
  /** Gradients; for completion with 0 < j < N − 1 and for j = 0 < N − 1 they are stored transposed. */
  private readonly grads: Float64Array[];
  private readonly objective: LayeredObjective;
  private readonly resid: Float64Array;
  /** Completion: prefix[N−2]ᵀ (n × d_{N−1}), rows contiguous for the observed entries. */
  private readonly prefT: Float64Array;
  private readonly dense: Float64Array;
  private readonly result: GdEvaluation;
  private fresh = false;
  /** The buffers from productArrays, for dispose(). */
  private readonly arrays: Float64Array[];
  // Stryker disable next-line BooleanLiteral: evaluate() resets it before any read
  private gradsFresh = false;
  // Stryker disable next-line BooleanLiteral: evaluate() resets it before any read
  private denseFresh = false;

  constructor(y: Matrix, factors: Matrix[], objective: LayeredObjective = { kind: 'full' }) {
    const N = factors.length;
    this.objective = objective;
    this.kind = objective.kind === 'full' ? 'deep' : objective.kind;
    this.depth = N;
    this.rows = y.rows;
    this.cols = y.cols;
    this.dims = [y.cols, ...factors.map((f) => f.rows)];
    const d = this.dims, m = this.rows, n = this.cols;
    const sparse = objective.kind === 'completion';
    const maxD = Math.max(...d);
    // Every matrix a product reads or writes is allocated once, in one WebAssembly memory when the
    // products are large enough for the SIMD kernel, so that no step copies matrices in or out of it.
    const sizes = {
      w: factors.map((f) => f.rows * f.cols),
      // The dense product is prefix[N−1] for dense objectives; completion keeps it separately, on demand.
      // Stryker disable next-line ConditionalExpression,LogicalOperator,ArithmeticOperator: an extra or missing allocation of an array that is aliased or never read
      prefix: factors.map((_, j) => (j === 0 || (sparse && j === N - 1) ? 0 : d[j + 1] * n)),
      // Stryker disable next-line ConditionalExpression,ArithmeticOperator: an extra or missing allocation of an array that is aliased or never read
      suffix: factors.slice(1).map((_, j) => (j === N - 2 ? 0 : m * d[j + 1])),
      e: sparse ? 0 : m * n,
      tmp: maxD * n,
      grads: factors.map((f) => f.rows * f.cols),
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: an extra or missing allocation of an array that is aliased or never read
      prefT: sparse && N > 1 ? n * d[N - 1] : 0,
      dense: sparse ? m * n : 0,
      // Stryker disable next-line ConditionalExpression: an extra or missing allocation of an array that is aliased or never read
      y: objective.kind === 'full' ? m * n : 0,
    };
    // Not zero-filled (a reused block holds a disposed model's numbers): every array is set or written
    // by a product, a difference or a fill before it is read.
    const arrays = (this.arrays = productArrays(
      [...sizes.w, ...sizes.prefix, ...sizes.suffix, sizes.e, sizes.tmp, ...sizes.grads, sizes.prefT, sizes.dense, sizes.y],
      maxD,
      // Stryker disable next-line BooleanLiteral: zero-filling only costs time
      false,
    ));
    let at = 0;
    const take = (count: number) => arrays.slice(at, (at += count));
    this.w = take(N);
    factors.forEach((f, j) => this.w[j].set(f.data.subarray(0, f.rows * f.cols)));
    this.prefix = take(N).map((p, j) => (j === 0 ? this.w[0] : p));
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: it only drops the slot prefix[N−1], which completion never reads
    if (sparse && N > 1) this.prefix.length = N - 1;
    this.suffix = take(N - 1).map((s, j) => (j === N - 2 ? this.w[N - 1] : s));
    [this.e, this.tmp] = take(2);
    this.grads = take(N);
    [this.prefT, this.dense, this.y] = take(3);
    // Stryker disable next-line ConditionalExpression,StringLiteral: either branch gives this.y Y's entries (a copy in the workspace, or the caller's array)
    if (objective.kind === 'full') this.y.set(y.data.subarray(0, m * n));
    else this.y = y.data;
    this.resid = new Float64Array(objective.kind === 'sensing' ? objective.measurements.count : objective.kind === 'completion' ? objective.observed.index.length : 0);
    this.result = sparse
      ? new LazyEvaluation(() => this.denseProduct())
      : objective.kind === 'full'
        ? new DenseEvaluation(this.prefix[N - 1], this.e, m * n, 2)
        : { product: this.prefix[N - 1], loss: 0 };
  }

  /** The dense product W of a completion problem, formed on demand (2·m·d·n flops); dense objectives hand out prefix[N−1]. */
  private denseProduct(): Float64Array {
    this.evaluate();
    // Stryker disable next-line ConditionalExpression: the cache only saves work; recomputing from the same factors gives the same values
    if (!this.denseFresh) {
      const N = this.depth;
      if (N === 1) this.dense.set(this.w[0]);
      else gemmNN(this.w[N - 1], this.prefix[N - 2], this.dense, this.rows, this.dims[N - 1], this.cols);
      // Stryker disable next-line BooleanLiteral: the cache only saves work; recomputing from the same factors gives the same values
      this.denseFresh = true;
    }
    return this.dense;
  }

  evaluate(): GdEvaluation {
    // Stryker disable next-line ConditionalExpression: the cache only saves work; recomputing from the same factors gives the same values
    if (this.fresh) return this.result;
    const n = this.cols, m = this.rows, N = this.depth, d = this.dims, obj = this.objective;
    const last = obj.kind === 'completion' ? N - 1 : N;
    for (let j = 1; j < last; j++) gemmNN(this.w[j], this.prefix[j - 1], this.prefix[j], d[j + 1], d[j], n);
    if (obj.kind === 'full') {
      difference(this.prefix[N - 1], this.y, this.e, m * n); // the loss ½‖W − Y‖² summed when read
      (this.result as DenseEvaluation).invalidate();
    } else if (obj.kind === 'sensing') {
      const W = this.prefix[N - 1];
      const { count: mm, matrices: A, observations: obs } = obj.measurements;
      const nn = m * n;
      let s = 0;
      for (let i = 0; i < mm; i++) {
        let ip = 0;
        const off = i * nn;
        for (let q = 0; q < nn; q++) ip += A[off + q] * W[q];
        const ri = ip - obs[i];
        this.resid[i] = ri;
        s += ri * ri;
      }
      this.result.loss = s / (2 * mm);
      this.e.fill(0);
      for (let i = 0; i < mm; i++) {
        const f = this.resid[i] / mm;
        // Stryker disable next-line ConditionalExpression: a shortcut; f = 0 adds 0·Aᵢ = 0
        if (f === 0) continue;
        const off = i * nn;
        // Stryker disable next-line EqualityOperator: q = nn writes past the typed array: discarded
        for (let q = 0; q < nn; q++) this.e[q] += f * A[off + q];
      }
    } else {
      const { index, values } = obj.observed;
      const cnt = index.length;
      let s = 0;
      if (N === 1) {
        const W = this.w[0];
        for (let o = 0; o < cnt; o++) {
          const r = W[index[o]] - values[o];
          this.resid[o] = r;
          s += r * r;
        }
      } else {
        const dl = d[N - 1], P = this.prefix[N - 2], PT = this.prefT, WN = this.w[N - 1];
        // Stryker disable next-line EqualityOperator: b = n writes past the typed array: discarded
        for (let c = 0; c < dl; c++) for (let b = 0; b < n; b++) PT[b * dl + c] = P[c * n + b];
        for (let o = 0; o < cnt; o++) {
          const a = (index[o] / n) | 0, b = index[o] - a * n;
          let ip = 0;
          const ra = a * dl, rb = b * dl;
          for (let c = 0; c < dl; c++) ip += WN[ra + c] * PT[rb + c];
          const r = ip - values[o];
          this.resid[o] = r;
          s += r * r;
        }
      }
      this.result.loss = s / (2 * cnt);
      // Stryker disable next-line EqualityOperator: o = cnt writes past the typed array: discarded
      for (let o = 0; o < cnt; o++) this.resid[o] /= cnt; // E's non-zero entries
    }
    // Stryker disable next-line BooleanLiteral: the cache only saves work; recomputing from the same factors gives the same values
    this.fresh = true;
    this.gradsFresh = false;
    this.denseFresh = false;
    return this.result;
  }

  /** Gradients at the current iterate (cached until the next step). */
  private computeGradients(): void {
    this.evaluate();
    // Stryker disable next-line ConditionalExpression: the cache only saves work; recomputing from the same factors gives the same values
    if (this.gradsFresh) return;
    const n = this.cols, m = this.rows, N = this.depth, d = this.dims;
    for (let j = N - 3; j >= 0; j--) gemmNN(this.suffix[j + 1], this.w[j + 1], this.suffix[j], m, d[j + 2], d[j + 1]);
    if (this.objective.kind !== 'completion') {
      // ∇ w[j] = suffix[j]ᵀ E prefix[j−1]ᵀ; prefix[0] and suffix[N−2] are w[0] and w[N−1] themselves,
      // so every gradient is formed before any factor changes.
      // Stryker disable next-line EqualityOperator: j = N has d[N + 1] undefined: a product over no rows
      for (let j = 0; j < N; j++) {
        const g = this.grads[j];
        const left = j === N - 1 ? this.e : j === 0 ? g : this.tmp;
        if (j < N - 1) gemmTN(this.suffix[j], this.e, left, d[j + 1], m, n);
        if (j > 0) gemmNT(left, this.prefix[j - 1], g, d[j + 1], n, d[j]);
        else {
          // Stryker disable next-line ConditionalExpression: g.set(g) copies g onto itself
          if (left !== g) g.set(left);
        }
      }
    } else {
      const { index } = this.objective.observed;
      const cnt = index.length, E = this.resid;
      for (let j = 0; j < N; j++) {
        const g = this.grads[j];
        if (j === N - 1) {
          // g = E·prefix[N−2]ᵀ (m × d_{N−1}): row a of g gains e·(row b of prefix[N−2]ᵀ).
          const dl = d[N - 1], PT = this.prefT;
          g.fill(0);
          for (let o = 0; o < cnt; o++) {
            const a = (index[o] / n) | 0, b = index[o] - a * n, e = E[o];
            const ra = a * dl, rb = b * dl;
            for (let c = 0; c < dl; c++) g[ra + c] += e * PT[rb + c];
          }
          continue;
        }
        // leftT = (suffix[j]ᵀE)ᵀ = Eᵀ suffix[j] (n × d_{j+1}), O(|Ω|·d_{j+1}).
        const dj = d[j + 1], S = this.suffix[j];
        const leftT = j === 0 ? g : this.tmp;
        leftT.fill(0, 0, n * dj);
        // Stryker disable next-line EqualityOperator: o = cnt reads index[cnt] = undefined: NaN offsets, writes discarded
        for (let o = 0; o < cnt; o++) {
          const a = (index[o] / n) | 0, b = index[o] - a * n, e = E[o];
          const ra = a * dj, rb = b * dj;
          for (let c = 0; c < dj; c++) leftT[rb + c] += e * S[ra + c];
        }
        // gᵀ = prefix[j−1]·leftT (d_j × d_{j+1}), stored transposed.
        if (j > 0) gemmNN(this.prefix[j - 1], leftT, g, d[j], n, dj);
      }
    }
    // Stryker disable next-line BooleanLiteral: the cache only saves work; recomputing from the same factors gives the same values
    this.gradsFresh = true;
  }

  /** Whether grads[j] is stored transposed (completion, j < N − 1). */
  private transposed(j: number): boolean {
    return this.objective.kind === 'completion' && j < this.depth - 1;
  }

  step(eta: number): void {
    const N = this.depth;
    if (this.objective.kind === 'completion' && N === 1) {
      this.evaluate();
      const { index } = this.objective.observed;
      const W = this.w[0], E = this.resid;
      // Stryker disable next-line EqualityOperator: o = |Ω| writes W[undefined], a property nothing reads
      for (let o = 0; o < index.length; o++) W[index[o]] -= eta * E[o];
      this.fresh = false;
      return;
    }
    this.computeGradients();
    const d = this.dims;
    for (let j = 0; j < N; j++) {
      const wj = this.w[j], g = this.grads[j];
      if (this.transposed(j)) {
        const r = d[j + 1], c = d[j];
        // Stryker disable next-line EqualityOperator: a = r writes past the typed array: discarded
        for (let a = 0; a < r; a++) for (let b = 0; b < c; b++) wj[a * c + b] -= eta * g[b * r + a];
      } else axpy(wj, g, -eta); // wj − η·g, exactly
    }
    this.fresh = false;
  }

  /** ‖∇L‖ = (Σ_j ‖∇_{W_j}L‖²_F)^{1/2} at the current iterate (reused by the next step). */
  gradientNorm(): number {
    let s = 0;
    if (this.objective.kind === 'completion' && this.depth === 1) {
      this.evaluate();
      for (const e of this.resid) s += e * e;
      return Math.sqrt(s);
    }
    this.computeGradients();
    for (const g of this.grads) for (let i = 0; i < g.length; i++) s += g[i] * g[i];
    return Math.sqrt(s);
  }

  balancedness(): number {
    let mx = 0;
    const d = this.dims;
    for (let j = 0; j + 1 < this.depth; j++) {
      const k = d[j + 1];
      const a = new Float64Array(k * k), b = new Float64Array(k * k);
      gemmTN(this.w[j + 1], this.w[j + 1], a, k, d[j + 2], k);
      gemmNT(this.w[j], this.w[j], b, k, d[j], k);
      // Stryker disable next-line EqualityOperator: i = k² writes past the typed array: discarded
      for (let i = 0; i < k * k; i++) a[i] -= b[i];
      mx = Math.max(mx, symmetricNorm(a, k));
    }
    return mx;
  }

  factors(): Matrix[] {
    return this.w.map((data, j) => ({ rows: this.dims[j + 1], cols: this.dims[j], data: data.slice() }));
  }

  /** Returns the buffers for reuse (see GdModel.dispose); the model must not be used afterwards. */
  dispose(): void {
    releaseArrays(this.arrays);
  }
}
