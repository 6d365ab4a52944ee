/**
 * Dormand–Prince 5(4) explicit Runge–Kutta integrator with adaptive step size (Hairer, Nørsett &
 * Wanner, Solving ODEs I, §II.4–5; the method of scipy's RK45 and MATLAB's ode45).
 *
 * Local error control on the embedded 4th-order solution, per component
 *     err = sqrt(mean(((y₅ − y₄)ᵢ / (atol + rtol·max(|yᵢ|, |y₅ᵢ|)))²)) ≤ 1,
 * with a PI step-size controller (β = 0.04) and the FSAL property (6 evaluations per step).
 * Steps are clipped so that the requested end time is hit exactly. The coefficients are public
 * data (`DP45`) so that tests can check the order conditions.
 *
 * Cost per step: 6 right-hand-side evaluations plus O(dim); memory 9·dim, allocated once.
 */
import { InputError, NumericalError } from '../errors.js';

/** Butcher tableau of Dormand–Prince 5(4). `b` is the 5th-order solution, `bHat` the 4th-order one. */
export const DP45 = {
  c: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
  a: [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  ],
  b: [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0],
  bHat: [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40],
} as const;

/** dy ← f(t, y). Must not keep references to y or dy. */
export type Rhs = (t: number, y: Float64Array, dy: Float64Array) => void;

export interface OdeOptions {
  /** Relative tolerance, in [1e−14, 1). Default 1e−10. */
  rtol?: number;
  /** Absolute tolerance, > 0. Default 1e−12. */
  atol?: number;
  /** Step budget per `integrate` call. Default 1e7. */
  maxSteps?: number;
  /** Fixed step size (disables error control); for convergence-order tests. */
  fixedStep?: number;
}

export interface OdeStats {
  steps: number;
  rejected: number;
  evaluations: number;
}

export function checkOdeOptions(o: OdeOptions | undefined, field = 'ode'): Required<Omit<OdeOptions, 'fixedStep'>> & { fixedStep?: number } {
  const rtol = o?.rtol ?? 1e-10;
  const atol = o?.atol ?? 1e-12;
  if (typeof rtol !== 'number' || !(rtol >= 1e-14 && rtol < 1)) throw new InputError(`${field}.rtol`, 'must be a number in [1e-14, 1)');
  if (typeof atol !== 'number' || !(atol > 0 && Number.isFinite(atol))) throw new InputError(`${field}.atol`, 'must be a finite number > 0');
  const maxSteps = o?.maxSteps ?? 1e7;
  return { rtol, atol, maxSteps, fixedStep: o?.fixedStep };
}

export class DormandPrince45 {
  readonly dim: number;
  readonly stats: OdeStats = { steps: 0, rejected: 0, evaluations: 0 };
  private readonly f: Rhs;
  private readonly opts: ReturnType<typeof checkOdeOptions>;
  private readonly k: Float64Array[];
  private readonly ytmp: Float64Array;
  private readonly ynew: Float64Array;
  private h = 0;
  private errOld = 1e-4;

  constructor(dim: number, f: Rhs, options?: OdeOptions) {
    this.dim = dim;
    this.f = f;
    this.opts = checkOdeOptions(options);
    this.k = Array.from({ length: 7 }, () => new Float64Array(dim));
    this.ytmp = new Float64Array(dim);
    this.ynew = new Float64Array(dim);
  }

  /** Advances y (in place) from t0 to t1 ≥ t0. */
  integrate(t0: number, y: Float64Array, t1: number): Float64Array {
    if (t1 === t0) return y;
    const { rtol, atol, maxSteps, fixedStep } = this.opts;
    const { dim, f, k, ytmp, ynew } = this;
    const { a, b, bHat, c } = DP45;
    const e = b.map((bi, i) => bi - bHat[i]);
    let t = t0;
    f(t, y, k[0]);
    this.stats.evaluations++;
    if (fixedStep === undefined && this.h === 0) this.h = this.initialStep(t, y, t1 - t0);
    // `this.h` is the proposed (unclipped) step; `h` the one tried now.
    let steps = 0;
    while (t < t1) {
      if (steps++ > maxSteps) {
        throw new NumericalError(`ODE step budget (${maxSteps}) exhausted at t = ${t}`, { t, h: this.h });
      }
      const proposed = fixedStep ?? this.h;
      const last = t + proposed >= t1;
      const h = last ? t1 - t : proposed;
      for (let s = 1; s < 7; s++) {
        const as = a[s];
        for (let i = 0; i < dim; i++) {
          let acc = 0;
          for (let j = 0; j < s; j++) acc += as[j] * k[j][i];
          ytmp[i] = y[i] + h * acc;
        }
        f(t + c[s] * h, ytmp, k[s]);
      }
      this.stats.evaluations += 6;
      // Stage 7 was evaluated at ytmp = y + h Σ b_j k_j, the 5th-order solution (FSAL).
      ynew.set(ytmp);
      let err = 0;
      if (fixedStep === undefined) {
        for (let i = 0; i < dim; i++) {
          let ei = 0;
          for (let j = 0; j < 7; j++) ei += e[j] * k[j][i];
          const sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(ynew[i]));
          err += ((h * ei) / sc) ** 2;
        }
        err = Math.sqrt(err / dim);
      }
      let finite = Number.isFinite(err);
      for (let i = 0; finite && i < dim; i++) finite = Number.isFinite(ynew[i]);
      if (!finite) {
        if (fixedStep !== undefined || h < 1e-300) {
          throw new NumericalError(`ODE solution became non-finite at t = ${t}`, { t, h });
        }
        this.h = h * 0.1;
        this.stats.rejected++;
        continue;
      }
      if (err <= 1) {
        t = last ? t1 : t + h;
        y.set(ynew);
        k[0].set(k[6]);
        this.stats.steps++;
        if (fixedStep === undefined) {
          // PI controller (Hairer's DOPRI5: α = 0.2 − 0.75β, β = 0.04).
          const fac = err === 0 ? 10 : Math.min(10, Math.max(0.2, 0.9 * err ** -0.17 * this.errOld ** 0.04));
          this.errOld = Math.max(err, 1e-4);
          // A step clipped to hit t1 says little about the natural step: never let it shrink `this.h`.
          this.h = last ? Math.max(this.h, h * fac) : h * fac;
        }
      } else {
        this.stats.rejected++;
        this.h = h * Math.max(0.2, 0.9 * err ** -0.2);
        if (this.h <= Math.abs(t) * 1e-15 || this.h === 0) {
          throw new NumericalError(`ODE step size underflow at t = ${t}`, { t, h: this.h });
        }
      }
    }
    return y;
  }

  /** Hairer's starting step heuristic (Solving ODEs I, §II.4). */
  private initialStep(t: number, y: Float64Array, span: number): number {
    const { rtol, atol } = this.opts;
    const { dim, f, k, ytmp } = this;
    let d0 = 0, d1 = 0;
    for (let i = 0; i < dim; i++) {
      const sc = atol + rtol * Math.abs(y[i]);
      d0 += (y[i] / sc) ** 2;
      d1 += (k[0][i] / sc) ** 2;
    }
    d0 = Math.sqrt(d0 / dim);
    d1 = Math.sqrt(d1 / dim);
    let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
    h0 = Math.min(h0, span);
    for (let i = 0; i < dim; i++) ytmp[i] = y[i] + h0 * k[0][i];
    f(t + h0, ytmp, k[1]);
    this.stats.evaluations++;
    let d2 = 0;
    for (let i = 0; i < dim; i++) {
      const sc = atol + rtol * Math.abs(y[i]);
      d2 += ((k[1][i] - k[0][i]) / sc) ** 2;
    }
    d2 = Math.sqrt(d2 / dim) / h0;
    const h1 = Math.max(d1, d2) <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : (0.01 / Math.max(d1, d2)) ** 0.2;
    return Math.min(100 * h0, h1, span);
  }
}
