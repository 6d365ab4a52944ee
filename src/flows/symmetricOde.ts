/**
 * The symmetric gradient flow U̇ = (Y − UUᵀ)U integrated numerically ({@link DormandPrince45}) in the
 * factor U itself: an independent check of the closed form that shares none of its algebra.
 * The right-hand side is evaluated as YU − U(UᵀU) (cost 2n²r + 2nr² per evaluation).
 *
 * States at requested times are kept as checkpoints (at most 4096 and 64 MiB), and the last state
 * computed is kept too, so an evaluation at time t integrates only from the latest of those ≤ t:
 * times asked in increasing order cost one integration (linear in the number of times). Accuracy is that of the integrator's tolerances (`ode.rtol`,
 * `ode.atol`, defaults 1e−10 and 1e−12); the global error is not bounded by them, so comparisons
 * estimate it by re-integrating at tighter tolerances (properties/symmetric-flow.test.ts).
 */
import { InputError } from '../errors.js';
import { eigh, type SymmetricEigen } from '../linalg/eigh.js';
import { type Matrix, assertSymmetric, gramRows, matmulAtB } from '../linalg/matrix.js';
import { DormandPrince45, type OdeOptions, checkOdeOptions } from '../ode/dormandPrince.js';
import type { FlowEvaluator } from './evaluator.js';
import { checkEntries, projectionRatesFromEigenFactor, symmetricCertificate } from './symmetricClosedForm.js';

export interface SymmetricOdeEvaluator extends FlowEvaluator {
  readonly eigen: SymmetricEigen;
  /** U(t) (n × r). */
  factor(t: number): Matrix;
}

/** States kept as checkpoints: at most 4096 and at most 2²³ numbers (64 MiB) in all. */
export function checkpointCap(dim: number): number {
  return Math.max(1, Math.min(4096, Math.floor(2 ** 23 / Math.max(1, dim))));
}

/**
 * @param tick called once per right-hand side (a time budget may throw from it).
 */
export function symmetricOde(y: Matrix, u0: Matrix, options?: OdeOptions, tick?: () => void): SymmetricOdeEvaluator {
  checkEntries(y, 'target');
  assertSymmetric(y, 'target');
  checkEntries(u0, 'init.factor');
  if (u0.rows !== y.rows) throw new InputError('init.factor', `must have ${y.rows} rows like the target (has ${u0.rows})`);
  const opts = checkOdeOptions(options);
  const n = y.rows, r = u0.cols;
  const Y = y.data;
  const gram = new Float64Array(r * r);
  const rhs = (_t: number, u: Float64Array, du: Float64Array): void => {
    tick?.();
    // du = Y u − u (uᵀu)
    gram.fill(0);
    for (let p = 0; p < n; p++) {
      const up = p * r;
      // Stryker disable next-line EqualityOperator: a <= r: the extra index writes past a Float64Array's end (dropped) or into the next row's entry, which is reset and recomputed at the next row (`>=` is killed)
      for (let a = 0; a < r; a++) {
        const v = u[up + a];
        // Stryker disable next-line ConditionalExpression: skipping a zero term only saves work (the sum is the same); `true` is killed
        if (v === 0) continue;
        for (let b = 0; b < r; b++) gram[a * r + b] += v * u[up + b];
      }
    }
    // Stryker disable next-line EqualityOperator: i <= n: the extra index writes past a Float64Array's end (dropped) or into the next row's entry, which is reset and recomputed at the next row (`>=` is killed)
    for (let i = 0; i < n; i++) {
      const di = i * r;
      // Stryker disable next-line EqualityOperator: a <= r: the extra index writes past a Float64Array's end (dropped) or into the next row's entry, which is reset and recomputed at the next row (`>=` is killed)
      for (let a = 0; a < r; a++) du[di + a] = 0;
      for (let p = 0; p < n; p++) {
        const yip = Y[i * n + p];
        // Stryker disable next-line ConditionalExpression: skipping a zero term only saves work (the sum is the same); `true` is killed
        if (yip === 0) continue;
        const up = p * r;
        // Stryker disable next-line EqualityOperator: a <= r: the extra index writes past a Float64Array's end (dropped) or into the next row's entry, which is reset and recomputed at the next row (`>=` is killed)
        for (let a = 0; a < r; a++) du[di + a] += yip * u[up + a];
      }
      for (let b = 0; b < r; b++) {
        const uib = u[di + b];
        // Stryker disable next-line ConditionalExpression: skipping a zero term only saves work (the sum is the same); `true` is killed
        if (uib === 0) continue;
        // Stryker disable next-line EqualityOperator: a <= r: the extra index writes past a Float64Array's end (dropped) or into the next row's entry, which is reset and recomputed at the next row (`>=` is killed)
        for (let a = 0; a < r; a++) du[di + a] -= uib * gram[b * r + a];
      }
    }
  };
  const solver = new DormandPrince45(n * r, rhs, opts);
  const eigen = eigh(y);
  const w0 = gramRows(u0);
  const normY = Math.max(Math.abs(eigen.values[0]), Math.abs(eigen.values[n - 1]));
  const cert = symmetricCertificate(y, w0, eigen.values[0], Math.max(opts.rtol, opts.atol), normY);
  const checkpoints: { t: number; u: Float64Array }[] = [{ t: 0, u: u0.data.slice() }];
  // Stryker disable next-line ArithmeticOperator: n/r differs from n·r in the cap only past 2048 numbers per state and 2048 checkpoints (minutes of ODE work to observe); the cap bounds memory, never a result
  const cap = checkpointCap(n * r);
  // The last state computed: times asked in increasing order continue from it, so one pass through
  // sorted times costs the steps of a single integration plus at most one clipped step per time.
  let cursor = checkpoints[0];
  const maxTime = 1e300;

  const factor = (t: number): Matrix => {
    if (!Number.isFinite(t) || t < 0) throw new InputError('times', 'each time must be a finite number ≥ 0');
    let lo = 0, hi = checkpoints.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (checkpoints[mid].t <= t) lo = mid;
      else hi = mid - 1;
    }
    const fromCursor =
      cursor.t <= t &&
      // Stryker disable next-line EqualityOperator: cursor.t = checkpoints[lo].t means the same state (the cursor is that checkpoint or its copy)
      cursor.t > checkpoints[lo].t;
    const cp = fromCursor ? cursor : checkpoints[lo];
    const u = cp.u.slice();
    // Stryker disable next-line ConditionalExpression: at cp.t = t, integrate(t, u, t) returns at once, only a duplicate checkpoint of the same state is added; `false` is killed
    if (cp.t !== t) {
      solver.integrate(cp.t, u, t);
      cursor = { t, u: u.slice() };
      // Stryker disable next-line EqualityOperator: one checkpoint more than the cap costs memory only (the next time starts one checkpoint later, the same state)
      if (checkpoints.length < cap) checkpoints.splice(lo + 1, 0, cursor);
    }
    return { rows: n, cols: r, data: u };
  };
  const matrix = (t: number): Matrix => gramRows(factor(t));
  return {
    model: 'symmetric',
    eigen,
    targetValues: eigen.values,
    variationBound: cert.variationBound,
    lossError: cert.lossError,
    rateBound: cert.rateBound,
    projectionRates: (t) => projectionRatesFromEigenFactor(matmulAtB(eigen.vectors, factor(t)), eigen.values),
    maxTime,
    factor,
    matrix,
    projections(t: number): Float64Array {
      const x = matmulAtB(eigen.vectors, factor(t));
      const out = new Float64Array(n);
      // Stryker disable next-line EqualityOperator: i <= n only writes out[n], past the Float64Array's end (dropped)
      for (let i = 0; i < n; i++) for (let j = 0; j < r; j++) out[i] += x.data[i * r + j] ** 2;
      return out;
    },
    loss(t: number): number {
      const w = matrix(t);
      let s = 0;
      for (let i = 0; i < n * n; i++) s += (Y[i] - w.data[i]) ** 2;
      return s / 4;
    },
    diagnostics() {
      return {
        solver: 'Dormand–Prince 5(4) on U̇ = (Y − UUᵀ)U',
        rtol: opts.rtol,
        atol: opts.atol,
        ...solver.stats,
        targetEigenvalues: Array.from(eigen.values),
      };
    },
  };
}

