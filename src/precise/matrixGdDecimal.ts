/**
 * Deep (layered) matrix gradient descent in decimal arithmetic: the iterations of the float64
 * engine (src/gd/layered.ts, objectives 'full' and 'sensing'; N = 1 included) at D significant
 * digits, for any init (identical, Gaussian, balanced, …) and any target — the cases that do not
 * reduce to the scalar recursion of src/precise/scalarGdDecimal.ts.
 *
 * Iteration (the float64 engine's, in its order). Factors W_j ∈ ℝ^{d_j×d_{j−1}}, j = 1 … N, d₀ = cols,
 * d_N = rows. Prefix products P₁ = W₁, P_j = W_jP_{j−1}; W = P_N. E = ∂L/∂W: W − Y ('full', loss
 * ½‖W − Y‖²_F) or (1/m)Σᵢ rᵢAᵢ with rᵢ = ⟨Aᵢ, W⟩ − yᵢ ('sensing', loss (1/2m)Σrᵢ²). Suffix products
 * S_{N−1} = W_N, S_j = S_{j+1}W_{j+1}. Gradients ∇_{W_j}L = S_jᵀ E P_{j−1}ᵀ (no S for j = N, no P
 * for j = 1), all formed before any factor changes; then W_j ← W_j − η∇_{W_j}L for every j.
 * Each sum is accumulated in decimal and rounded once per multiply-add (the float64 engine's
 * summation order is immaterial at 10^{−D}).
 *
 * Inputs are float64 values converted exactly ({@link exactDecimal}: the binary value rounded once to
 * D digits), so the run is the exact-arithmetic trajectory *of the float64 instance* the engine
 * sees, up to decimal rounding.
 *
 * Certification ({@link certifiedDeepGd}): the iteration is run in lockstep at D and at 2D digits; the
 * 2D run is the observation and the entrywise spread s(k) = max|W_D(k) − W_2D(k)| its error
 * estimate. The D run's error e_D(k) is what the spread measures (|e_D − s| ≤ e_2D), and the same
 * recursion at twice the digits has e_2D ≈ 10^{−D}·e_D; so e_2D ≤ s(k) with a factor 10^{D}·(1 − o(1))
 * to spare as long as s ≪ 1 (an agreement test, not a rigorous interval bound: it assumes the error
 * growth of the recursion is the same at both precisions, which holds to first order since both
 * follow the same linearisation). The caller treats a decision within s(k) (times the norm of its
 * linear functional) of its threshold as undecided.
 *
 * Cost: per step (4N − 3)·n³ decimal multiply-adds for square n×n factors (prefixes N − 1, suffixes
 * N − 2, gradients 2N − 1 products), plus 2m·n² for sensing; the lockstep doubles it (the 2D run is
 * ≈ 1.3× the D run). Measured ≈ 3–5 µs per multiply-add at 40 digits on a loaded 2-core machine: n = 4,
 * N = 3, 1000 steps ≈ 0.6·10⁶ multiply-adds per precision. Callers bound the work by
 * {@link MATRIX_WORK_CAP} (steps·N·n³).
 */
import type { Matrix } from '../linalg/matrix.js';
import type { Measurements } from '../gd/measurements.js';
import type { Dec, DecimalCtor } from './decimal.js';
import { decimalContext } from './decimal.js';

/** Work cap of a decimal matrix GD re-check: Σ over runs of steps·N·n³ (n the largest dimension) ≤ this. */
export const MATRIX_WORK_CAP = 1e6;

/** The work units of a run: steps·N·n³ (plus the sensing operator's m·n²·steps/n, folded in). */
export function matrixWork(steps: number, depth: number, n: number, measurements = 0): number {
  return steps * (depth * n ** 3 + measurements * n * n);
}

/** The exact value of a double as a Decimal (rounded once, to the context's precision). */
export function exactDecimal(D: DecimalCtor, x: number): Dec {
  if (!Number.isFinite(x)) throw new Error(`exactDecimal: ${x} is not finite`);
  if (x === 0) return new D(0);
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0), lo = buf.getUint32(4);
  const sign = hi >>> 31 ? '-' : '';
  const exp = (hi >>> 20) & 0x7ff;
  const mant = (hi & 0xfffff).toString(16).padStart(5, '0') + lo.toString(16).padStart(8, '0');
  // normal: 1.mant × 2^(exp−1023); subnormal: 0.mant × 2^(−1022)
  return new D(`${sign}0x${exp === 0 ? '0' : '1'}.${mant}p${exp === 0 ? -1022 : exp - 1023}`);
}

/** The float64 problem the engine runs, as given to DeepGd / LayeredGd. */
export interface MatrixGdProblem {
  y: Matrix;
  factors: Matrix[];
  stepSize: number;
  measurements?: Measurements | null;
}

/** C (r×c) = A (r×k) · B (k×c), with optional transposes of A (stored k×r) or B (stored c×k). */
function mul(D: DecimalCtor, a: Dec[], b: Dec[], r: number, k: number, c: number, ta: boolean, tb: boolean): Dec[] {
  const out = new Array<Dec>(r * c);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let s = new D(0);
      for (let p = 0; p < k; p++) s = s.plus((ta ? a[p * r + i] : a[i * k + p]).times(tb ? b[j * k + p] : b[p * c + j]));
      out[i * c + j] = s;
    }
  }
  return out;
}

/** One decimal run of the layered iteration at the context D. */
export class DecimalDeepGd {
  readonly D: DecimalCtor;
  readonly depth: number;
  readonly rows: number;
  readonly cols: number;
  readonly dims: number[];
  private readonly y: Dec[];
  private readonly w: Dec[][];
  private readonly eta: Dec;
  private readonly A: Dec[][] | null;
  private readonly obs: Dec[] | null;
  private prefix: Dec[][] = [];
  private e: Dec[] = [];
  private lossValue: Dec | null = null;

  constructor(D: DecimalCtor, p: MatrixGdProblem) {
    this.D = D;
    this.depth = p.factors.length;
    this.rows = p.y.rows;
    this.cols = p.y.cols;
    this.dims = [p.y.cols, ...p.factors.map((f) => f.rows)];
    p.factors.forEach((f, j) => {
      if (f.cols !== this.dims[j]) throw new Error(`factor ${j + 1} has ${f.cols} columns, expected ${this.dims[j]}`);
    });
    if (this.dims[this.depth] !== this.rows) throw new Error('the factors do not chain to the target shape');
    const ex = (x: number) => exactDecimal(D, x);
    this.y = Array.from(p.y.data, ex);
    this.w = p.factors.map((f) => Array.from(f.data, ex));
    this.eta = ex(p.stepSize);
    const m = p.measurements;
    if (m) {
      const nn = this.rows * this.cols;
      this.A = Array.from({ length: m.count }, (_, i) => Array.from(m.matrices.subarray(i * nn, (i + 1) * nn), ex));
      this.obs = Array.from(m.observations, ex);
    } else {
      this.A = null;
      this.obs = null;
    }
    this.evaluate();
  }

  private evaluate(): void {
    const D = this.D, N = this.depth, d = this.dims, n = this.cols, m = this.rows;
    this.prefix = [this.w[0]];
    for (let j = 1; j < N; j++) this.prefix.push(mul(D, this.w[j], this.prefix[j - 1], d[j + 1], d[j], n, false, false));
    const W = this.prefix[N - 1];
    if (!this.A) {
      this.e = W.map((x, i) => x.minus(this.y[i]));
      let s = new D(0);
      for (const r of this.e) s = s.plus(r.times(r));
      this.lossValue = s.div(2);
    } else {
      const mm = this.A.length, nn = m * n;
      const e = Array.from({ length: nn }, () => new D(0));
      let s = new D(0);
      for (let i = 0; i < mm; i++) {
        const Ai = this.A[i];
        let ip = new D(0);
        for (let q = 0; q < nn; q++) ip = ip.plus(Ai[q].times(W[q]));
        const ri = ip.minus(this.obs![i]);
        s = s.plus(ri.times(ri));
        const f = ri.div(mm);
        if (f.isZero()) continue;
        for (let q = 0; q < nn; q++) e[q] = e[q].plus(f.times(Ai[q]));
      }
      this.e = e;
      this.lossValue = s.div(2 * mm);
    }
  }

  /** The product W = W_N⋯W₁ at the current iterate (row-major; do not modify). */
  product(): readonly Dec[] {
    return this.prefix[this.depth - 1];
  }

  loss(): Dec {
    return this.lossValue!;
  }

  /** The current factors (row-major copies). */
  factors(): Dec[][] {
    return this.w.map((f) => f.slice());
  }

  /** One gradient step, all factors simultaneously from the current iterate. */
  step(): void {
    const D = this.D, N = this.depth, d = this.dims, m = this.rows, n = this.cols;
    // suffix[j] = W_N ⋯ W_{j+2} (0-based w[N−1] ⋯ w[j+1]), m × d_{j+1}
    const suffix = new Array<Dec[]>(N);
    if (N >= 2) suffix[N - 2] = this.w[N - 1];
    for (let j = N - 3; j >= 0; j--) suffix[j] = mul(D, suffix[j + 1], this.w[j + 1], m, d[j + 2], d[j + 1], false, false);
    const grads: Dec[][] = [];
    for (let j = 0; j < N; j++) {
      // left = suffix[j]ᵀ E  (d_{j+1} × n), or E for the last factor
      const left = j < N - 1 ? mul(D, suffix[j], this.e, d[j + 1], m, n, true, false) : this.e;
      grads.push(j > 0 ? mul(D, left, this.prefix[j - 1], d[j + 1], n, d[j], false, true) : left);
    }
    for (let j = 0; j < N; j++) {
      const wj = this.w[j], g = grads[j];
      this.w[j] = wj.map((x, i) => x.minus(this.eta.times(g[i])));
    }
    this.evaluate();
  }
}

/** What a certified run hands its visitor at iteration k. */
export interface CertifiedState {
  /** W(k) from the 2D-digit run (row-major). */
  product: readonly Dec[];
  /** max over entries |W_D(k) − W_2D(k)|: the error estimate of `product` (see the module comment). */
  spread: number;
  loss: Dec;
  /** The 2D-digit context (for forming decimal quantities from `product`). */
  D: DecimalCtor;
}

/**
 * Run the float64 problem's iteration at `digits` and 2·`digits` in lockstep for up to `steps` steps;
 * `visit(k, state)` sees iterations 0 … steps and may return true to stop. Returns the last iteration
 * visited. The spread is non-decreasing-safe: the visitor gets the running maximum of the spread so far
 * (a late cancellation of the two runs' difference is not taken as accuracy).
 */
export function certifiedDeepGd(p: MatrixGdProblem, digits: number, steps: number, visit: (k: number, s: CertifiedState) => boolean | void): number {
  const lo = new DecimalDeepGd(decimalContext(digits), p);
  const hiD = decimalContext(2 * digits);
  const hi = new DecimalDeepGd(hiD, p);
  let spread = 0;
  for (let k = 0; ; k++) {
    const a = lo.product(), b = hi.product();
    for (let i = 0; i < a.length; i++) {
      const s = b[i].minus(a[i]).abs().toNumber();
      if (s > spread) spread = s;
    }
    if (visit(k, { product: b, spread, loss: hi.loss(), D: hiD }) === true || k >= steps) return k;
    lo.step();
    hi.step();
  }
}
