/**
 * High-precision observations of two [MV] flow claims, for the re-check of their refutations
 * (src/search/precise.ts):
 *
 * - mv.corollary2 (mode law (12)–(13), half-height times, delay per decade; and its controls): the
 *   float64 target Y = Φ diag(σ) Φᵀ and init U₀ = √α Φ diag(√s), converted exactly, through the
 *   decimal closed form (src/flows/symmetricClosedFormPrecise.ts) at {@link FLOW_DIGITS} digits:
 *   the mode errors max_{ij}|φᵢᵀW(t)φⱼ − δᵢⱼwᵢ(t)| at the prediction's times (Φ the float64 basis,
 *   exact), and the half-height times at α and α/10 by bisection on the decimal projections to
 *   1e−15 relative ({@link preciseHalfTimes}).
 * - mv.asymmetric (and its controls). Balanced init (c = 1): the decimal asymmetric closed form
 *   (src/flows/preciseAsymmetric.ts) on the float64 Y, A₀, B₀, exactly converted: the mode error
 *   max|UᵀABᵀV − diag(w)| and ‖ABᵀ − Ŷ_k‖₂ at the ends of each I_k (largest eigenvalue of
 *   (X − Ŷ_k)ᵀ(X − Ŷ_k) by decimal Jacobi, square-rooted). Unbalanced aligned init
 *   A₀ = c√α U diag(√s), B₀ = (√α/c) V diag(√s) (the controls; no closed form in src/flows): the
 *   flow stays aligned, A = U diag(a), B = V diag(b), with ȧ = (σ − ab)b, ḃ = (σ − ab)a, so
 *   δ = a² − b² = αs(c² − 1/c²) is conserved and p = ab solves ṗ = (σ − p)√(4p² + δ²). With
 *   p = (|δ|/4)(z − 1/z) this is the Riccati equation ż = −(|δ|/2)(z − z₊)(z − z₋),
 *   z± = (2σ ± √(4σ² + δ²))/|δ|, whose solution is (z − z₊)/(z − z₋) = R₀e^{−ωt}, ω = √(4σ² + δ²),
 *   R₀ from z₀ = 2p₀/|δ| + √(4p₀²/δ² + 1), p₀ = αs (δ = 0: the logistic mode). Evaluated in decimal
 *   per mode, it gives UᵀABᵀV = diag(p) and ‖ABᵀ − Ŷ_k‖₂ = maxᵢ|pᵢ − σᵢ[i ≤ k]| for the idealised
 *   instance (exactly orthogonal U, V); the float64 instance differs from it by the rounding of its
 *   inputs (≲ nε relative), inside the flowTolerance term the claim's verdict already allows.
 *
 * The claim's own tolerances are kept, minus the float64 ODE's integration-error term (no ODE here).
 */
import type { Matrix } from '../linalg/matrix.js';
import { type Dec, type DecimalCtor, decimalContext } from '../precise/decimal.js';
import { type DMatrix, djacobi, dmatmul, dtranspose } from '../precise/dmatrix.js';
import { exactDecimal } from '../precise/matrixGdDecimal.js';
import { preciseSymmetricClosedForm } from '../flows/symmetricClosedFormPrecise.js';
import { preciseAsymmetricClosedForm } from '../flows/preciseAsymmetric.js';
import { flowTolerance } from '../metrics/tolerance.js';
import { haarOrthogonal } from '../generate/orthogonal.js';
import { basisOf, initFactor, targetOf, type SpectralInstance } from '../../theorems/mv/common.js';
import type { Corollary2Observation, Corollary2Prediction } from '../../theorems/mv/corollary2.js';
import type { AsymmetricInstance } from '../../theorems/mv/asymmetric.js';

export const FLOW_DIGITS = 40;

function toD(D: DecimalCtor, m: Matrix): DMatrix {
  return { rows: m.rows, cols: m.cols, data: Array.from(m.data, (x) => exactDecimal(D, x)) };
}

/**
 * The half-height times φ_kᵀW(t)φ_k = σ_k/2 in decimal (initFactor of `inst` at its α): each float64
 * time is bracketed (doubling a step from 1e−9·max(1, t)) and refined by bisection on the decimal
 * closed form's projections to 1e−15 relative; a float64 null (not reached by the horizon) stays null
 * unless the decimal projection has crossed by the horizon, in which case [0, horizon] is bisected.
 */
export function preciseHalfTimes(inst: SpectralInstance | Parameters<typeof initFactor>[0], floatTimes: (number | null)[], horizon: number, digits = FLOW_DIGITS): (number | null)[] {
  const D = decimalContext(digits);
  const ev = preciseSymmetricClosedForm(D, toD(D, targetOf(inst)), toD(D, initFactor(inst)));
  return floatTimes.map((t, k) => {
    const level = ev.eigen.values[k].div(2);
    const above = (s: number) => ev.projections(s)[k].gte(level);
    let lo: number, hi: number;
    if (t === null) {
      if (!above(horizon)) return null;
      lo = 0;
      hi = horizon;
    } else {
      let d = 1e-9 * Math.max(1, t);
      lo = Math.max(0, t - d);
      hi = t + d;
      for (let i = 0; i < 60 && lo > 0 && above(lo); i++) lo = Math.max(0, t - (d *= 2));
      d = 1e-9 * Math.max(1, t);
      for (let i = 0; i < 60 && !above(hi); i++) hi = t + (d *= 2);
      if (!above(hi)) return null;
      if (above(lo)) return lo; // reached at 0 (or the bracket failed): the earliest point checked
    }
    for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
      const mid = (lo + hi) / 2;
      if (mid <= lo || mid >= hi) break;
      if (above(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  });
}

/** The observation of mv.corollary2 (or a control) in decimal, the float64 one as the starting point of the time searches. */
export function preciseCorollary2Observation(inst: SpectralInstance, pred: Corollary2Prediction, floatObs: Corollary2Observation): Corollary2Observation {
  const D = decimalContext(FLOW_DIGITS);
  const ev = preciseSymmetricClosedForm(D, toD(D, targetOf(inst)), toD(D, initFactor(inst)));
  const q = toD(D, basisOf(inst));
  const n = inst.eigenvalues.length;
  const modeErrors = pred.times.map((t, k) => {
    const proj = dmatmul(D, dtranspose(q), dmatmul(D, ev.matrix(t), q));
    let error = new D(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const e = proj.data[i * n + j].minus(i === j ? exactDecimal(D, pred.modes[k][i]) : 0).abs();
      if (e.gt(error)) error = e;
    }
    // the claim's tolerance at this time (it covers the float64 prediction's own rounding)
    return { error: error.toNumber(), tolerance: floatObs.modeErrors[k].tolerance, at: t };
  });
  const horizon = Math.max(1, ...pred.halfTimes.map((t) => (t === null ? 0 : 4 * t + 1)));
  const decadeHorizon = horizon + (Math.log(10) / Math.max(1e-300, ...inst.eigenvalues.filter((s) => s > 0).map((s) => 2 * s))) * 2;
  const halfTimes = preciseHalfTimes(inst, floatObs.halfTimes, horizon);
  const halfTimesDecade = preciseHalfTimes({ ...inst, alpha: inst.alpha / 10 }, floatObs.halfTimesDecade, decadeHorizon);
  return { modeErrors, halfTimes, halfTimesDecade, uncertified: 0 };
}

interface AsymmetricPrediction {
  K: number;
  times: number[];
  modes: number[][];
  intervals: [number, number][];
}
interface AsymmetricObservation {
  modeError: number;
  modeTolerance: number;
  at: number;
  intervalErrors: { sup: number; at: number; tolerance: number }[];
}

/** p(t) of the unbalanced aligned mode (module comment), in decimal. */
export function alignedModeProduct(D: DecimalCtor, sigma: Dec, p0: Dec, delta: Dec, t: number): Dec {
  const T = new D(t);
  if (delta.isZero()) {
    // logistic: σp₀e^{2σt}/(σ + p₀(e^{2σt} − 1)); σ = 0: p₀/(1 + 2p₀t)
    if (sigma.isZero()) return p0.div(p0.times(T).times(2).plus(1));
    const e = sigma.times(T).times(2).exp();
    return sigma.times(p0).times(e).div(sigma.plus(p0.times(e.minus(1))));
  }
  const d = delta.abs();
  const root = sigma.times(sigma).times(4).plus(delta.times(delta)).sqrt();
  const zp = sigma.times(2).plus(root).div(d), zm = sigma.times(2).minus(root).div(d);
  const r0 = p0.times(2).div(d);
  const z0 = r0.plus(r0.times(r0).plus(1).sqrt());
  const R = z0.minus(zp).div(z0.minus(zm)).times(root.times(T).neg().exp());
  const z = zp.minus(R.times(zm)).div(new D(1).minus(R));
  return d.div(4).times(z.minus(new D(1).div(z)));
}

/** The observation of mv.asymmetric (or a control) in decimal. */
export function preciseAsymmetricObservation(inst: AsymmetricInstance, pred: AsymmetricPrediction): AsymmetricObservation {
  const D = decimalContext(FLOW_DIGITS);
  const k = Math.min(inst.m, inst.n), N = inst.m + inst.n;
  const M = Math.max(inst.singularValues[0], inst.alpha * Math.max(...inst.shape)) * 2;
  const sig = inst.singularValues.map((s) => exactDecimal(D, s));
  let modesAt: (t: number) => Dec[][]; // k×k matrix UᵀX(t)V
  let normAt: (t: number, kk: number) => Dec; // ‖X(t) − Ŷ_kk‖₂
  if (inst.imbalance === 1) {
    const cols = (q: Matrix, c: number): Matrix => {
      const out = { rows: q.rows, cols: c, data: new Float64Array(q.rows * c) };
      for (let i = 0; i < q.rows; i++) for (let j = 0; j < c; j++) out.data[i * c + j] = q.data[i * q.cols + j];
      return out;
    };
    // the float64 pieces exactly as the claim forms them (theorems/mv/asymmetric.ts)
    const u = cols(haarOrthogonal(inst.m, inst.leftSeed), k), v = cols(haarOrthogonal(inst.n, inst.rightSeed), k);
    const y = new Float64Array(inst.m * inst.n), a0 = new Float64Array(inst.m * k), b0 = new Float64Array(inst.n * k);
    const root = inst.shape.map((s) => Math.sqrt(inst.alpha * s));
    for (let i = 0; i < inst.m; i++) for (let j = 0; j < inst.n; j++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += u.data[i * k + c] * inst.singularValues[c] * v.data[j * k + c];
      y[i * inst.n + j] = s;
    }
    for (let i = 0; i < inst.m; i++) for (let c = 0; c < k; c++) a0[i * k + c] = u.data[i * k + c] * root[c];
    for (let i = 0; i < inst.n; i++) for (let c = 0; c < k; c++) b0[i * k + c] = v.data[i * k + c] * root[c];
    const ud = toD(D, u), vd = toD(D, v);
    const f = preciseAsymmetricClosedForm(D, toD(D, { rows: inst.m, cols: inst.n, data: y }), toD(D, { rows: inst.m, cols: k, data: a0 }), toD(D, { rows: inst.n, cols: k, data: b0 }));
    modesAt = (t) => {
      const p = dmatmul(D, dtranspose(ud), dmatmul(D, f.matrix(t), vd));
      return Array.from({ length: k }, (_, i) => p.data.slice(i * k, (i + 1) * k));
    };
    normAt = (t, kk) => {
      const x = f.matrix(t);
      const diff = x.data.map((xv, idx) => {
        const i = Math.floor(idx / inst.n), j = idx % inst.n;
        let s = new D(0);
        for (let c = 0; c <= kk && c < k; c++) s = s.plus(ud.data[i * k + c].times(sig[c]).times(vd.data[j * k + c]));
        return xv.minus(s);
      });
      const dm: DMatrix = { rows: inst.m, cols: inst.n, data: diff };
      const g = djacobi(D, dmatmul(D, dtranspose(dm), dm)).values[0];
      return g.gt(0) ? g.sqrt() : new D(0);
    };
  } else {
    const c = exactDecimal(D, inst.imbalance);
    const alpha = exactDecimal(D, inst.alpha);
    // a₀² − b₀² with a₀ = c√(αs), b₀ = √(αs)/c, p₀ = αs (the idealised values)
    const p0 = inst.shape.map((s) => alpha.times(exactDecimal(D, s)));
    const delta = p0.map((p) => p.times(c.times(c).minus(new D(1).div(c.times(c)))));
    const modes = (t: number) => sig.map((s, i) => alignedModeProduct(D, s, p0[i], delta[i], t));
    modesAt = (t) => {
      const p = modes(t);
      return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? p[i] : new D(0))));
    };
    normAt = (t, kk) => {
      const p = modes(t);
      let mx = new D(0);
      p.forEach((x, i) => {
        const d = x.minus(i <= kk ? sig[i] : 0).abs();
        if (d.gt(mx)) mx = d;
      });
      return mx;
    };
  }
  let modeError = 0, modeTolerance = Infinity, at = 0;
  pred.times.forEach((t, j) => {
    const p = modesAt(t);
    let err = new D(0);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
      const e = p[a][b].minus(a === b ? exactDecimal(D, pred.modes[j][a]) : 0).abs();
      if (e.gt(err)) err = e;
    }
    const tol = flowTolerance(N, inst.singularValues[0], M, t, M);
    if (err.toNumber() / tol > modeError / modeTolerance || j === 0) {
      modeError = err.toNumber();
      modeTolerance = tol;
      at = t;
    }
  });
  const intervalErrors = pred.intervals.map(([l, r], kk) => {
    const el = normAt(l, kk).toNumber(), er = Number.isFinite(r) ? normAt(r, kk).toNumber() : 0;
    return { sup: Math.max(el, er), at: el >= er ? l : r, tolerance: flowTolerance(N, inst.singularValues[0], M, l, M) };
  });
  return { modeError, modeTolerance, at, intervalErrors };
}
