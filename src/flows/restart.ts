/**
 * Restart (semigroup) update of the symmetric flow's closed form on increasing times.
 *
 * In Y's eigenbasis (Y = Φ Λ Φᵀ) let Ṽ(t) be any factor of ΦᵀW(t)Φ = ṼṼᵀ. The flow is autonomous, so
 * W(t + Δ) is the closed form started from W(t) ([MV] Prop. 1 with U₀ ← ΦṼ(t)):
 *
 *     Ṽ(t + Δ) = e^{ΛΔ} Ṽ(t) L⁻ᵀ,   L Lᵀ = I + Ṽ(t)ᵀ G(Δ) Ṽ(t),   G(Δ) = diag(gᵢ(Δ)), gᵢ = expm1(2λᵢΔ)/λᵢ,
 *
 * since Ṽ M⁻¹ Ṽᵀ = Ṽ L⁻ᵀL⁻¹ Ṽᵀ. One step costs ≈ 4nw² + w³ flops (n rows, width w; SᵀS and ṼL⁻ᵀ go
 * through the WebAssembly kernel of gemm.ts, the Cholesky factor and L⁻ᵀ through cholesky.ts), against
 * ≈ 4(n + w)w² in scalar JavaScript for the QR evaluation plus its extended-exponent bookkeeping.
 *
 * Error estimate (first order, normwise, in the spectral norm, ε = 2⁻⁵³). M = I + SᵀS with
 * S = G^{1/2}Ṽ satisfies M ⪰ I, so ‖M⁻¹‖ ≤ 1 and cond(M) ≤ κ = 1 + ‖S‖²_F. The computed step is the exact
 * step of a matrix M + δM with ‖δM‖ ≲ c·w·ε·‖M‖ (Cholesky, triangular inverse and the two products,
 * c = 4), which moves ṼM⁻¹Ṽᵀ by ≲ c·w·ε·κ·‖W(t)‖ before the factor e^{ΛΔ}. A perturbation D of W(t) is
 * carried by the linearised flow Ḋ = AD + DA, A = Y − 2W, whose logarithmic norm is ≤ λ₁ (W ⪰ 0), so
 * ‖D(t + Δ)‖ ≤ e^{2λ₁⁺Δ}‖D(t)‖ (the same bound covers e^{ΛΔ} on the new rounding). With ‖W‖ ≤ B along
 * the flow (B = max(‖W₀‖_F, λ₁), see symmetricCertificate), the error E_k of step k relative to the QR
 * evaluation obeys
 *
 *     E₀ = c·w·ε·B (the anchor's own rounding),   E_{k+1} = e^{2λ₁⁺Δ_k}(E_k + c·w·ε·κ_k·B).
 *
 * A point is evaluated by the QR instead (an anchor, E reset to E₀) when E_{k+1} would exceed
 * `budget`·max(1, B) (default 1e−11: a tenth of the golden tolerance 1e−10·max(1, max|W|)),
 * when a single step's κ_k alone would spend the budget, when K points have passed since the last
 * anchor, when Δ_k < 0 (unsorted times; Δ_k = 0 repeats the factor), and when the Cholesky factor is not positive. The estimate
 * is checked against the QR evaluation in restart.test.ts (restart and QR agree within E_k).
 */
import { choleskyInverseTranspose } from '../linalg/cholesky.js';
import { gemmNN, gemmTN } from '../linalg/gemm.js';

const EPS = 2 ** -53;
/** Constant c of the rounding estimate c·w·ε per step (see the module comment). */
export const ROUNDING_CONSTANT = 4;

export interface RestartOptions {
  /** Largest number of restart steps between two QR anchors (default 64). */
  maxSteps?: number;
  /** Error budget relative to max(1, B) (default 1e−11). */
  budget?: number;
}

/** A factor Ṽ (n × w, row-major) at each time, with how it was obtained and its error estimate. */
export interface RestartSeries {
  factors: Float64Array[];
  /** True where the point was evaluated by the anchor (QR) evaluation. */
  anchored: boolean[];
  /** The estimate E_k of ‖W_restart − W_QR‖₂ at each point (the anchor's own E₀ at anchors). */
  errorEstimate: number[];
}

/** Work space for restart steps of an n × w factor; allocates nothing per step. */
export class RestartStepper {
  readonly n: number;
  readonly w: number;
  private readonly lambda: Float64Array;
  private readonly s: Float64Array;
  private readonly m: Float64Array;
  private readonly linv: Float64Array;

  constructor(lambda: Float64Array, w: number) {
    this.lambda = lambda;
    this.n = lambda.length;
    this.w = w;
    this.s = new Float64Array(this.n * w);
    this.m = new Float64Array(w * w);
    this.linv = new Float64Array(w * w);
  }

  /**
   * κ = 1 + ‖G(Δ)^{1/2}V‖²_F for a step of length dt > 0 from v, leaving S = G^{1/2}V in the work
   * space; Infinity if some gᵢ overflows.
   */
  conditioning(v: Float64Array, dt: number): number {
    const { n, w, s, lambda } = this;
    let frob = 0;
    for (let i = 0; i < n; i++) {
      const l = lambda[i];
      const x = 2 * l * dt;
      // Stryker disable next-line EqualityOperator: at |x| = 1e−10 exactly the series and expm1(x)/λ agree to ~1e−20 relative (`>=` is killed)
      const g = Math.abs(x) < 1e-10 ? 2 * dt * (1 + x / 2) : Math.expm1(x) / l; // λ = 0 gives x = 0
      const sg = Math.sqrt(g);
      for (let j = 0; j < w; j++) {
        const e = sg * v[i * w + j];
        s[i * w + j] = e;
        frob += e * e;
      }
    }
    const kappa = 1 + frob;
    return Number.isFinite(kappa) ? kappa : Infinity;
  }

  /**
   * out = e^{ΛΔ} V L⁻ᵀ after {@link conditioning}(v, dt) (which left S in the work space). Returns
   * false, leaving `out` unspecified, if the Cholesky factorisation of I + SᵀS meets a non-positive
   * pivot (only possible through non-finite input). `out` must not alias `v`.
   */
  step(v: Float64Array, dt: number, out: Float64Array): boolean {
    const { n, w, s, m, linv, lambda } = this;
    gemmTN(s, s, m, w, n, w); // SᵀS
    // Stryker disable next-line EqualityOperator: j <= w only writes m[w² + w], past the Float64Array's end (dropped)
    for (let j = 0; j < w; j++) m[j * w + j] += 1;
    if (!choleskyInverseTranspose(m, w, linv)) return false; // M = LLᵀ, linv = L⁻ᵀ
    gemmNN(v, linv, out, n, w, w); // V L⁻ᵀ
    // Stryker disable next-line EqualityOperator: i <= n only writes out[n·w + j], past the Float64Array's end (dropped)
    for (let i = 0; i < n; i++) {
      const e = Math.exp(lambda[i] * dt);
      for (let j = 0; j < w; j++) out[i * w + j] *= e;
    }
    return true;
  }
}

/**
 * Factors Ṽ(tₖ) at increasing times by restart steps from QR anchors (see the module comment).
 * `anchor(t)` is the QR evaluation (a fresh n × w array); `bound` is B ≥ sup‖W‖₂ along the flow.
 * Times must be already clamped and valid; a non-increasing time is simply anchored.
 * Cost: per restarted point ≈ 4nw² + w³ flops; per anchor, the anchor's cost.
 */
export function restartSeries(
  times: readonly number[],
  anchor: (t: number) => Float64Array,
  lambda: Float64Array,
  w: number,
  bound: number,
  options: RestartOptions = {},
): RestartSeries {
  const maxSteps = options.maxSteps ?? 64;
  const budget = (options.budget ?? 1e-11) * Math.max(1, bound);
  const unit = ROUNDING_CONSTANT * w * EPS * bound;
  const grow = Math.max(lambda[0] ?? 0, 0) * 2;
  const stepper = new RestartStepper(lambda, w);
  const factors: Float64Array[] = [];
  const anchored: boolean[] = [];
  const errorEstimate: number[] = [];
  let err = 0;
  let since = 0;
  for (let k = 0; k < times.length; k++) {
    const t = times[k];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: at k = 0, dt = t − undefined is NaN: not 0, not forward, so the first point is anchored anyway (`false` is killed)
    if (k > 0) {
      const dt = t - times[k - 1];
      if (dt === 0) {
        factors.push(factors[k - 1].slice());
        anchored.push(false);
        errorEstimate.push(err);
        continue;
      }
      // Stryker disable next-line EqualityOperator,ConditionalExpression: dt = 0 continued just above, so dt ≥ 0 and dt > 0 agree; `true` lets dt < 0 through, where g < 0 makes κ = Infinity and the point is anchored anyway
      const forward = dt > 0;
      if (forward && since < maxSteps) {
        const prev = factors[k - 1];
        const kappa = stepper.conditioning(prev, dt);
        const next = Math.exp(grow * dt) * (err + unit * kappa);
        if (next <= budget) {
          const out = new Float64Array(prev.length);
          if (stepper.step(prev, dt, out)) {
            factors.push(out);
            anchored.push(false);
            errorEstimate.push(next);
            err = next;
            since++;
            continue;
          }
        }
      }
    }
    factors.push(anchor(t));
    anchored.push(true);
    errorEstimate.push(unit);
    err = unit;
    since = 0;
  }
  return { factors, anchored, errorEstimate };
}
