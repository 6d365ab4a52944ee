/**
 * High-precision observations of the [CGMR] claims whose GD instances do not reduce to the scalar
 * recursion, from the decimal matrix iteration (src/precise/matrixGdDecimal.ts): the same float64
 * target and init the claim's `observe` hands the engine, run at {@link MATRIX_DIGITS} and twice
 * that many digits in lockstep; the 2D run is the observation, their spread its error estimate.
 *
 * - cgmr.depthSeparation (and controls): Y = Q diag(λ) Qᵀ is formed in float64 (so it is not exactly
 *   diagonal in Q and the identical-init run is not the scalar recursion of the exact λ). Observation:
 *   T_i = first k with qᵢᵀW(k)qᵢ ≥ λᵢ/2 and G_i = p_{i+1}(T_i)/α^N at N = 2 and at N. A crossing
 *   within the error n·spread of its level is undecided; the verdict is re-run on the G's shifted by
 *   ± their error (both runs, both directions) and must not change.
 * - cgmr.earlyStopping (and controls): Y = X + E in float64, W(k*) from the decimal run;
 *   ‖W(k*) − X‖_F formed in decimal; the verdict is re-run with the ratio shifted by ± n·spread/‖Y₊ − X‖_F.
 *
 * Work: Σ over runs of steps·N·n³ ≤ the caller's cap (default MATRIX_WORK_CAP); above it the
 * re-check is unavailable (null).
 */
import type { Matrix } from '../linalg/matrix.js';
import { deepInit } from '../gd/inits.js';
import { type Dec } from '../precise/decimal.js';
import { certifiedDeepGd, exactDecimal, matrixWork } from '../precise/matrixGdDecimal.js';
import { basis, target } from '../../theorems/cgmr/engine.js';
import { type DepthRun, type DepthSeparationInstance, type DepthSeparationObservation, type DepthSeparationPrediction, shallowStep } from '../../theorems/cgmr/depthSeparation.js';
import { build, type EarlyStoppingInstance, type EarlyStoppingObservation, type EarlyStoppingPrediction } from '../../theorems/cgmr/earlyStopping.js';

/** Digits of the lower run (the observation is taken at twice this). */
export const MATRIX_DIGITS = 30;

export interface MatrixRecheck<O> {
  /** The observation from the decimal run (2·MATRIX_DIGITS digits). */
  central: O;
  /** The observation shifted by ± its error estimate (the verdict must agree on all of them). */
  shifted: O[];
  /** Why the decimal run cannot decide (a crossing within its error), or null. */
  undecided: string | null;
  /** The largest spread (entrywise error estimate) seen. */
  spread: number;
  work: number;
}

/** qᵢᵀWqᵢ in decimal for the columns of q (float64, exact). */
function projections(w: readonly Dec[], q: Matrix, qd: Dec[], n: number, D: Parameters<typeof exactDecimal>[0]): Dec[] {
  const out: Dec[] = [];
  for (let c = 0; c < q.cols; c++) {
    let s = new D(0);
    for (let a = 0; a < n; a++) {
      let wv = new D(0);
      for (let b = 0; b < n; b++) wv = wv.plus(w[a * n + b].times(qd[b * q.cols + c]));
      s = s.plus(qd[a * q.cols + c].times(wv));
    }
    out.push(s);
  }
  return out;
}

function depthRun(inst: DepthSeparationInstance, depth: number, eta: number, horizon: number, y: Matrix, q: Matrix): { run: DepthRun; gErr: number[]; undecided: string | null; spread: number } {
  const K = inst.eigenvalues.length, n = K;
  const T = new Array<number | null>(K).fill(null);
  const G = new Array<number>(K - 1).fill(NaN);
  const gErr = new Array<number>(K - 1).fill(0);
  const aN = inst.alpha ** depth;
  let undecided: string | null = null, spread = 0;
  let qd: Dec[] | null = null;
  certifiedDeepGd({ y, factors: deepInit('identity', y, depth, inst.alpha), stepSize: eta }, MATRIX_DIGITS, horizon, (k, s) => {
    qd ??= Array.from(q.data, (x) => exactDecimal(s.D, x));
    spread = s.spread;
    const p = projections(s.product, q, qd, n, s.D);
    // |qᵀδW q| ≤ ‖q‖₁²·max|δW| ≤ n·spread
    const tol = n * s.spread;
    for (let i = 0; i < K; i++) {
      if (T[i] !== null) continue;
      const level = exactDecimal(s.D, inst.eigenvalues[i] / 2);
      const gap = p[i].minus(level).toNumber();
      if (Math.abs(gap) <= tol) undecided ??= `N = ${depth}: mode ${i + 1} within ${tol.toExponential(2)} of λ/2 at iteration ${k}`;
      if (gap >= 0) {
        T[i] = k;
        if (i + 1 < K) {
          G[i] = p[i + 1].div(exactDecimal(s.D, aN)).toNumber();
          gErr[i] = tol / aN;
        }
      }
    }
    return T.every((x) => x !== null);
  });
  return { run: { T, G }, gErr, undecided, spread };
}

/** The decimal observation of cgmr.depthSeparation, or null above `cap`. */
export function preciseDepthSeparation(inst: DepthSeparationInstance, pred: DepthSeparationPrediction, floatObs: DepthSeparationObservation | undefined, cap: number): MatrixRecheck<DepthSeparationObservation> | null {
  const n = inst.eigenvalues.length;
  const stepsOf = (r: DepthRun | undefined) => (r && r.T.every((t) => t !== null) ? Math.min(pred.horizon, Math.max(...(r.T as number[])) + 1) : pred.horizon);
  const work = 2 * (matrixWork(stepsOf(floatObs?.shallow), 2, n) + matrixWork(stepsOf(floatObs?.deep), inst.depth, n));
  if (work > cap) return null;
  const y = target(inst), q = basis(inst);
  const sh = depthRun(inst, 2, shallowStep(inst), pred.horizon, y, q);
  const dp = depthRun(inst, inst.depth, inst.stepSize, pred.horizon, y, q);
  const shift = (r: DepthRun, e: number[], sign: number): DepthRun => ({ T: r.T, G: r.G.map((g, i) => g + sign * e[i]) });
  const shifted: DepthSeparationObservation[] = [];
  for (const a of [-1, 1]) for (const b of [-1, 1]) shifted.push({ shallow: shift(sh.run, sh.gErr, a), deep: shift(dp.run, dp.gErr, b) });
  return { central: { shallow: sh.run, deep: dp.run }, shifted, undecided: sh.undecided ?? dp.undecided, spread: Math.max(sh.spread, dp.spread), work };
}

/** The decimal observation of cgmr.earlyStopping: W(k*) from the decimal run; null above `cap`. */
export function preciseEarlyStopping(inst: EarlyStoppingInstance, pred: EarlyStoppingPrediction, cap: number): MatrixRecheck<EarlyStoppingObservation> | null {
  const n = inst.signal.length;
  const work = 2 * matrixWork(pred.stop, inst.depth, n);
  if (work > cap) return null;
  const { x, y } = build(inst);
  let err: Dec | null = null, spread = 0;
  certifiedDeepGd({ y, factors: deepInit('identity', y, inst.depth, inst.alpha), stepSize: inst.stepSize }, MATRIX_DIGITS, pred.stop, (k, s) => {
    if (k < pred.stop) return;
    spread = s.spread;
    let sum = new s.D(0);
    s.product.forEach((v, i) => {
      const d = v.minus(exactDecimal(s.D, x.data[i]));
      sum = sum.plus(d.times(d));
    });
    err = sum.sqrt();
  });
  const errStopped = (err as Dec | null)!.toNumber();
  // ‖δW‖_F ≤ n·max|δW|
  const dRatio = (n * spread) / pred.errConverged;
  const ratio = errStopped / pred.errConverged;
  return {
    central: { errStopped, ratio },
    shifted: [-1, 1].map((sg) => ({ errStopped: errStopped + sg * n * spread, ratio: ratio + sg * dRatio })),
    undecided: null,
    spread,
    work,
  };
}
