/**
 * Closed-form solution of the symmetric gradient flow (docs/theory.md §1, [MV] Prop. 1)
 *
 *     U̇ = (Y − UUᵀ)U,   W = UUᵀ,   Ẇ = YW + WY − 2W²,
 *     W(t) = e^{Yt} U₀ (I_r + U₀ᵀ G(t) U₀)⁻¹ U₀ᵀ e^{Yt},   G(t) = ∫₀ᵗ 2e^{2Ys} ds,
 *
 * for any symmetric Y (indefinite too) and any width r. The formula is not evaluated as written:
 * I + U₀ᵀGU₀ has condition up to e^{2|λ|t}, which loses all digits in float64 (docs/theory.md, "Numerical
 * stability"). In the eigenbasis Y = Φ diag(λ) Φᵀ, with X = ΦᵀU₀ and B = G^{1/2}X,
 *
 *     ΦᵀW(t)Φ = D Q₂Q₂ᵀ D,   D = diag(d(λᵢ, t)),   Q₂ = lower block of an orthonormal basis of [I; B],
 *
 * since Q₂Q₂ᵀ = B(I + BᵀB)⁻¹Bᵀ and D·G^{1/2} = e^{Λt}. The basis comes from {@link ScaledQR}, which
 * keeps row i of B as (Xᵢ/‖Xᵢ‖, √gᵢ·‖Xᵢ‖ as mantissa·2^exponent): no row is ever formed, so every t ≥ 0
 * gives finite output (subnormal values underflow gradually), and the QR is row-wise backward stable, i.e. the result is exact for an initial
 * condition perturbed by O(ε) relative in each eigen-row. For r > n, X is first replaced by the n×n
 * factor Rᵀ of the QR of Xᵀ (same XXᵀ).
 *
 * Accuracy (fixtures/golden/closed-form.json, 60-digit mpmath references): max-abs error ≤ 1e-10 ·
 * max(1, max|W|) for n ≤ 8, r ≤ n + 2, eigenvalues in [−5, 5], init entries in [1e−8, 1], t ≤ 50.
 * The row scales e^{λt}‖Xᵢ‖ are kept as exact extended numbers (extended.ts), so relative accuracy
 * does not degrade with tiny init norms. Every time is evaluated as asked (no clamp): binary
 * exponents λt/ln 2 beyond 2⁵³ are no longer exact integers, so before the QR the exponents are
 * compressed by a monotone map that keeps every difference below 2³⁶ exactly and shortens larger
 * gaps to 2³⁶ (weights below 2⁻¹¹⁰⁰ are 0 in the QR either way, so the result is unchanged). Times
 * with max|λ|·t > 1e300 (see {@link MAX_LAMBDA_T}) are rejected: 2λt would overflow float64.
 * The contract is normwise: entries far below 1e−10·max(1, max|W|) may carry few correct digits
 * (e.g. W(t) ≈ I/(2t) for Y = 0 at large t is exact, but a small entry next to large ones is not).
 *
 * Cost: one symmetric eigendecomposition O(n³) (plus O(r n²) for X, O(r n²) for the r > n reduction);
 * then per time point O((n + r')r'² + n²r') with r' = min(r, n); memory O(n² + nr).
 */
import { InputError } from '../errors.js';
import { eigh, type SymmetricEigen } from '../linalg/eigh.js';
import {
  type Matrix,
  assertFinite,
  assertSymmetric,
  frobenius,
  gramRows,
  matmul,
  matmulAtB,
  zeros,
} from '../linalg/matrix.js';
import { ScaledQR, householderR } from '../linalg/scaledQR.js';
import { norm2 } from '../linalg/vector.js';
import type { FlowEvaluator } from './evaluator.js';
import { frexpInto, toExtended } from '../linalg/extended.js';
import { dSquared, sqrtGExtended } from './modeFactors.js';
import { type RestartOptions, type RestartSeries, restartSeries } from './restart.js';

/** Largest magnitude accepted for entries of Y and U₀ (keeps ‖U₀‖², ‖Y‖² finite). */
export const MAX_ENTRY = 1e100;

/**
 * Largest max(1, max|λ|)·t accepted: beyond it 2λt overflows float64. Larger times are rejected
 * (an InputError naming `times`), never clamped.
 */
export const MAX_LAMBDA_T = 1e300;

/** Gap cap of the exponent compression (see the module comment). */
const EXP_GAP = 2 ** 36;

export interface SymmetricFlowEvaluator extends FlowEvaluator {
  readonly n: number;
  /** Width of the internal factor, min(r, n). */
  readonly width: number;
  /** Eigendecomposition of Y (decreasing eigenvalues). */
  readonly eigen: SymmetricEigen;
  /** W(t) = U(t)U(t)ᵀ. */
  matrix(t: number): Matrix;
  /** A factor of W(t) in Y's eigenbasis: ΦᵀWΦ = VVᵀ (n × width). */
  eigenFactor(t: number): Matrix;
  /** A factor of W(t): W = FFᵀ, F = ΦV (n × width). */
  factor(t: number): Matrix;
  /** ṗᵢ(t) = φᵢᵀẆφᵢ (exact). */
  projectionRates(t: number): Float64Array;
  /** K₂ ≥ sup|p̈ᵢ| along the flow. */
  readonly rateBound: number;
  /**
   * W at many times: on increasing times by the restart update from QR anchors (restart.ts: faster,
   * within 1e−11·max(1, B) of the QR evaluation by the estimate there); otherwise as `matrix`.
   */
  matrices(times: readonly number[], options?: RestartOptions): Matrix[];
  /** Eigenbasis factors at many times, as {@link matrices} (with the anchors and error estimates). */
  eigenFactors(times: readonly number[], options?: RestartOptions): RestartSeries;
}

/**
 * Constants for hitting-time certification shared by the symmetric solvers. With pᵢ = φᵢᵀUUᵀφᵢ,
 * ṗᵢ = 2φᵢᵀU̇Uᵀφᵢ, so |ṗᵢ| ≤ 2‖Uᵀφᵢ‖‖U̇‖_F = 2√pᵢ‖U̇‖_F ≤ 2√τ‖U̇‖_F while pᵢ ≤ τ, with
 * ‖U̇‖²_F = −dL/dt; also √pᵢ ≤ √M, M = max(‖W₀‖, λ₁⁺) ≥ sup‖W(t)‖ (the top eigenvalue μ of W obeys
 * μ̇ ≤ 2μ(λ₁ − μ)). `lossError` allows a per-entry error of `entryError`·max(1, M) in W plus rounding.
 */
export function symmetricCertificate(y: Matrix, w0: Matrix, lambda1: number, entryError: number, normY = frobenius(y)): {
  M: number;
  variationBound: (level: number) => number;
  lossError: number;
  rateBound: number;
} {
  const n = y.rows;
  const M = Math.max(frobenius(w0), lambda1, 0);
  const s = frobenius(y) + Math.sqrt(n) * M;
  const lossError = 0.5 * s * n * entryError * Math.max(1, M) + 4 * n * n * 2.220446049250313e-16 * s * s;
  // Ẇ = (Y − W)W + W(Y − W), ‖Ẇ‖ ≤ 2M(‖Y‖ + M); Ẅ = YẆ + ẆY − 2(ẆW + WẆ), ‖Ẅ‖ ≤ 2(‖Y‖ + 2M)‖Ẇ‖.
  const rateBound = 4 * M * (normY + M) * (normY + 2 * M);
  return { M, variationBound: (level) => 2 * Math.sqrt(Math.min(M, Math.max(level, 0))), lossError, rateBound };
}

/** ṗᵢ = φᵢᵀẆφᵢ = 2λᵢW̃ᵢᵢ − 2Σⱼ W̃ᵢⱼ² from a factor V of W̃ = ΦᵀWΦ = VVᵀ (n × w). Cost n²w. */
export function projectionRatesFromEigenFactor(v: Matrix, lambda: Float64Array): Float64Array {
  const n = v.rows, w = v.cols;
  const out = new Float64Array(n);
  // Stryker disable next-line EqualityOperator: i <= n only adds i = n, whose write past the Float64Array is dropped (i >= n is killed by the unit tests)
  for (let i = 0; i < n; i++) {
    let sq = 0, pii = 0;
    for (let j = 0; j < n; j++) {
      let wij = 0;
      for (let c = 0; c < w; c++) wij += v.data[i * w + c] * v.data[j * w + c];
      sq += wij * wij;
      if (i === j) pii = wij;
    }
    out[i] = 2 * lambda[i] * pii - 2 * sq;
  }
  return out;
}

export function checkEntries(a: Matrix, field: string): void {
  assertFinite(a, field);
  // Stryker disable next-line EqualityOperator: i <= length only adds a read of undefined, and NaN > MAX_ENTRY is false (i >= length is killed by the unit tests)
  for (let i = 0; i < a.data.length; i++) {
    if (Math.abs(a.data[i]) > MAX_ENTRY) {
      throw new InputError(`${field}[${Math.floor(i / a.cols)}][${i % a.cols}]`, `must have magnitude ≤ ${MAX_ENTRY}`);
    }
  }
}

/** Validates (Y, U₀) and prepares an evaluator. Y must be symmetric to 1e−12 relative. */
export function symmetricClosedForm(y: Matrix, u0: Matrix): SymmetricFlowEvaluator {
  checkEntries(y, 'target');
  assertSymmetric(y, 'target');
  checkEntries(u0, 'init.factor');
  if (u0.rows !== y.rows) {
    throw new InputError('init.factor', `must have ${y.rows} rows like the target (has ${u0.rows})`);
  }
  return new ClosedFormEvaluator(y, u0);
}

class ClosedFormEvaluator implements SymmetricFlowEvaluator {
  readonly model = 'symmetric' as const;
  readonly targetValues: Float64Array;
  readonly variationBound: (level: number) => number;
  readonly lossError: number;
  readonly rateBound: number;
  readonly maxTime: number;
  readonly n: number;
  readonly width: number;
  readonly eigen: SymmetricEigen;
  private readonly y: Matrix;
  private readonly w0: Matrix;
  private readonly mant: Float64Array;
  /** ‖Xᵢ‖ as extended numbers (mantissa, exponent). */
  private readonly normMant: Float64Array;
  private readonly normExp: Float64Array;
  private readonly scaleMant: Float64Array;
  private readonly scaleExp: Float64Array;
  private readonly q2: Float64Array;
  private readonly qr: ScaledQR;
  private readonly tinyTime: number;
  /** B ≥ sup‖W(t)‖₂ (symmetricCertificate's M). */
  private readonly normBound: number;
  /** Exponent split of the row scales: 2^{big + small}, big from e^{λt}, small from ‖Xᵢ‖. */
  private readonly big: Float64Array;
  private readonly small: Float64Array;
  private readonly order: number[];

  constructor(y: Matrix, u0: Matrix) {
    const n = y.rows;
    this.n = n;
    this.y = y;
    this.eigen = eigh(y);
    this.w0 = gramRows(u0);
    let x = matmulAtB(this.eigen.vectors, u0); // n × r
    const r = u0.cols;
    // Stryker disable next-line EqualityOperator: at r = n the reduction is valid too (same XXᵀ), it only costs a QR (`<`, `<=` are killed)
    if (r > n) {
      // XXᵀ = RᵀR for Xᵀ = QR: replace X by Rᵀ (n × n). Row-wise relative accuracy is kept.
      const xt = new Float64Array(r * n);
      // Stryker disable next-line EqualityOperator: j <= r only writes xt[r·n + i], a write past the end of a Float64Array is dropped, a read gives undefined (the `>=` siblings are killed)
      for (let i = 0; i < n; i++) for (let j = 0; j < r; j++) xt[j * n + i] = x.data[i * r + j];
      const R = householderR(xt, r, n);
      const xr = zeros(n, n);
      // Stryker disable next-line EqualityOperator: i <= n writes past xr's end; j <= n writes xr[(i+1)·n], overwritten at i + 1 (a write past the end of a Float64Array is dropped, a read gives undefined (the `>=` siblings are killed))
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) xr.data[i * n + j] = R[j * n + i];
      x = xr;
    }
    const w = x.cols;
    this.width = w;
    this.mant = new Float64Array(n * w);
    this.normMant = new Float64Array(n);
    this.normExp = new Float64Array(n);
    // Stryker disable next-line EqualityOperator: i <= n reads past x's end (NaN norm) and only writes past the ends of normMant, normExp, mant, where Float64Array drops writes (`>=` is killed)
    for (let i = 0; i < n; i++) {
      const nrm = norm2(x.data, i * w, w);
      frexpInto(nrm, this.normMant, i, this.normExp, i);
      // Stryker disable next-line EqualityOperator: j <= w writes mant[(i+1)·w], overwritten at i + 1, or past the end at i = n − 1 (dropped) (`>=` is killed)
      for (let j = 0; j < w; j++) {
        this.mant[i * w + j] = nrm === 0 ? 0 : x.data[i * w + j] / nrm;
      }
    }
    this.scaleMant = new Float64Array(n);
    this.scaleExp = new Float64Array(n);
    this.q2 = new Float64Array(n * w);
    this.big = new Float64Array(n + 1);
    this.small = new Float64Array(n + 1);
    // Stryker disable next-line ArrayDeclaration: rowScales empties `order` before every use
    this.order = [];
    this.qr = new ScaledQR(n, w);
    // ‖W(t) − W₀‖ ≤ 2t(‖Y‖ + ‖W₀‖)‖W₀‖(1 + O(t)): below 2⁻⁶⁰ relative, W(t) = W₀ in float64.
    const scaleYW = frobenius(y) + frobenius(this.w0);
    this.tinyTime = 2 ** -61 / scaleYW; // Infinity for Y = 0, W₀ = 0
    let lamMax = 1;
    for (const l of this.eigen.values) lamMax = Math.max(lamMax, Math.abs(l));
    this.maxTime = MAX_LAMBDA_T / lamMax;
    this.targetValues = this.eigen.values;
    const cert = symmetricCertificate(y, this.w0, this.eigen.values[0], 1e-13, lamMax);
    this.variationBound = cert.variationBound;
    this.lossError = cert.lossError;
    this.rateBound = cert.rateBound;
    this.normBound = cert.M;
  }

  eigenFactors(times: readonly number[], options?: RestartOptions): RestartSeries {
    const ts = times.map((t) => this.checkTime(t));
    return restartSeries(ts, (t) => this.eigenFactor(t).data, this.eigen.values, this.width, this.normBound, options);
  }

  matrices(times: readonly number[], options?: RestartOptions): Matrix[] {
    const { n, width: w } = this;
    return this.eigenFactors(times, options).factors.map((data, k) =>
      // Stryker disable next-line EqualityOperator: t exactly at tinyTime: W₀ and the QR evaluation agree there to 2⁻⁶⁰ relative
      this.checkTime(times[k]) <= this.tinyTime
        ? { ...this.w0, data: this.w0.data.slice() }
        : gramRows(matmul(this.eigen.vectors, { rows: n, cols: w, data })),
    );
  }

  diagnostics(): Record<string, unknown> {
    return {
      solver: 'closed form, eigenbasis, log-scaled row-pivoted Householder QR (float64)',
      width: this.width,
      targetEigenvalues: Array.from(this.eigen.values),
      maxTime: this.maxTime,
    };
  }

  private checkTime(t: number): number {
    if (!Number.isFinite(t) || t < 0) {
      throw new InputError('times', 'each time must be a finite number ≥ 0');
    }
    if (t > this.maxTime) {
      throw new InputError('times', `each time must be ≤ ${this.maxTime.toExponential(3)} (= 1e300/max(1, max|λ|): beyond it 2λt overflows float64)`);
    }
    return t;
  }

  /**
   * Row scales sᵢ = √gᵢ‖Xᵢ‖ = mant·2^{big + small} written into scaleMant/scaleExp with the
   * exponents compressed (module comment): sorted with the identity rows of the QR (scale 0.5·2¹),
   * consecutive gaps kept exactly up to 2³⁶ and capped beyond, the identity pinned at exponent 1.
   */
  private rowScales(t: number): void {
    const { n, big, small, order } = this;
    const lam = this.eigen.values;
    order.length = 0;
    // Stryker disable next-line EqualityOperator: i <= n writes past scaleMant's end (dropped) and big[n], small[n] (reset below), and pushes n twice: the two identity entries have gap 0, so the same cId (`>=` is killed)
    for (let i = 0; i < n; i++) {
      // Stryker disable next-line BlockStatement,ConditionalExpression: a zero row has mantissa 0, so its QR weight is 0 whatever exponent it gets; kept (`false`), its exponent −∞ (toExtended(0)) sorts first and shifts every other exponent by the same capped gap 2³⁶ (tested: the untouched mode stays 0)
      if (this.normMant[i] === 0) {
        this.scaleMant[i] = 0;
        this.scaleExp[i] = 0;
        continue;
      }
      const [gm, ge] = sqrtGExtended(lam[i], t);
      const [m0, e0] = toExtended(gm * this.normMant[i]);
      this.scaleMant[i] = m0;
      big[i] = ge;
      small[i] = e0 + this.normExp[i];
      order.push(i);
    }
    big[n] = 0;
    small[n] = 1;
    order.push(n);
    const diff = (i: number, j: number): number => big[i] - big[j] + (small[i] - small[j]);
    order.sort((i, j) => diff(i, j));
    let c = 0, cId = 0;
    // Stryker disable next-line EqualityOperator: k <= order.length only adds NaN to c after cId is fixed and sets a non-index property scaleExp['undefined'] (`>=` is killed)
    for (let k = 0; k < order.length; k++) {
      if (k > 0) c += Math.min(EXP_GAP, diff(order[k], order[k - 1]));
      if (order[k] === n) cId = c;
      else this.scaleExp[order[k]] = c;
    }
    // Stryker disable next-line ConditionalExpression: `true` only adds to scaleExp[n], past the end of the length-n Float64Array (dropped) (`false` is killed)
    for (const i of order) if (i !== n) this.scaleExp[i] += 1 - cId;
  }

  eigenFactor(tIn: number): Matrix {
    const t = this.checkTime(tIn);
    const { n, width: w } = this;
    const lam = this.eigen.values;
    const v = zeros(n, w);
    // Stryker disable next-line EqualityOperator: t exactly at tinyTime: W₀ and the QR evaluation agree there to 2⁻⁶⁰ relative
    if (t <= this.tinyTime) {
      // V = X (exact W₀ in the eigenbasis).
      // Stryker disable next-line EqualityOperator: i <= n only adds row n, a write past the end of a Float64Array is dropped, a read gives undefined (the `>=` siblings are killed)
      for (let i = 0; i < n; i++) {
        const s = this.normMant[i] * 2 ** this.normExp[i];
        // Stryker disable next-line EqualityOperator: j <= w writes v[(i+1)·w], overwritten at i + 1, or past the end at i = n − 1 (a write past the end of a Float64Array is dropped, a read gives undefined (the `>=` siblings are killed))
        for (let j = 0; j < w; j++) v.data[i * w + j] = s * this.mant[i * w + j];
      }
      return v;
    }
    this.rowScales(t);
    this.qr.thinQLower(this.mant, this.scaleMant, this.scaleExp, this.q2);
    // Stryker disable next-line EqualityOperator: i <= n only adds row n, a write past the end of a Float64Array is dropped, a read gives undefined (the `>=` siblings are killed)
    for (let i = 0; i < n; i++) {
      const d = Math.sqrt(dSquared(lam[i], t));
      // Stryker disable next-line EqualityOperator: j <= w writes v[(i+1)·w], overwritten at i + 1, or past the end at i = n − 1 (dropped) (`>=` is killed)
      for (let j = 0; j < w; j++) {
        const qij = this.q2[i * w + j];
        // Stryker disable next-line ConditionalExpression: d is finite above tinyTime (d² ≤ 1/(2t)), so d·0 = ±0, and −0 vanishes in every sum (`true` is killed)
        v.data[i * w + j] = qij === 0 ? 0 : d * qij;
      }
    }
    return v;
  }

  factor(t: number): Matrix {
    return matmul(this.eigen.vectors, this.eigenFactor(t));
  }

  matrix(t: number): Matrix {
    // Stryker disable next-line EqualityOperator: t exactly at tinyTime: W₀ and the QR evaluation agree there to 2⁻⁶⁰ relative
    if (this.checkTime(t) <= this.tinyTime) return { ...this.w0, data: this.w0.data.slice() };
    return gramRows(this.factor(t));
  }

  projections(t: number): Float64Array {
    const v = this.eigenFactor(t);
    const out = new Float64Array(this.n);
    // Stryker disable next-line EqualityOperator: i <= n only writes out[n], a write past the end of a Float64Array is dropped, a read gives undefined (the `>=` siblings are killed)
    for (let i = 0; i < this.n; i++) {
      let s = 0;
      for (let j = 0; j < this.width; j++) s += v.data[i * this.width + j] ** 2;
      out[i] = s;
    }
    return out;
  }

  projectionRates(t: number): Float64Array {
    return projectionRatesFromEigenFactor(this.eigenFactor(t), this.eigen.values);
  }

  loss(t: number): number {
    const w = this.matrix(t);
    let s = 0;
    for (let i = 0; i < w.data.length; i++) s += (this.y.data[i] - w.data[i]) ** 2;
    return s / 4;
  }
}
