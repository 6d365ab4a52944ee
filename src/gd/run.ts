/**
 * The gradient-descent driver: runs a {@link GdModel} with a constant step size, records snapshots at
 * the requested iterations (memory independent of the number of steps), finds the hitting
 * iterations of levels q·σᵢ by the projections uᵢᵀWvᵢ, and stops at once on divergence.
 *
 * Divergence: a non-finite loss or a loss above 1e10·max(1, L(0)) (the iterate has grown by ≥ 1e5)
 * raises a NumericalError reporting the iteration, the last 10 losses, the step size and the
 * stability threshold 2/(Nσ₁^{2−2/N}) of the instance; no trajectory of NaNs is ever returned.
 */
import { NumericalError } from '../errors.js';
import { type Matrix, toRows } from '../linalg/matrix.js';
import { singularValues } from '../linalg/svd.js';
import { effectiveRank } from '../metrics/effectiveRank.js';
import type { Snapshot } from '../types.js';
import type { GdModel } from './models.js';
import { stabilityThreshold } from './scalar.js';

export interface SpectralPairs {
  /** σ₁ ≥ … (eigenvalues for the symmetric model, singular values otherwise). */
  values: Float64Array;
  /** Columns uᵢ (rows × k) and vᵢ (cols × k); for the symmetric model both are Φ. */
  left: Matrix;
  right: Matrix;
}

export interface GdRunOptions {
  stepSize: number;
  /** Iterations to snapshot (any order; output follows it). */
  iterations: number[];
  /** Run at most this many steps while hitting times are pending (≥ max(iterations)). */
  maxIterations: number;
  levels?: number[];
  /** Extra per-snapshot fields (e.g. the recovery error of sensing). */
  extra?: (product: Float64Array) => Record<string, number>;
}

export interface GdRunResult {
  snapshots: Snapshot[];
  hitting: { levels: number[]; times: (number | null)[][] } | null;
  iterationsRun: number;
  stabilityThreshold: number;
}

export function projectionsOf(w: Float64Array, rows: number, cols: number, pairs: SpectralPairs, out: Float64Array): Float64Array {
  const k = pairs.values.length;
  const U = pairs.left.data, V = pairs.right.data;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let i = 0; i < rows; i++) {
      const ui = U[i * k + c];
      if (ui === 0) continue;
      let wv = 0;
      for (let j = 0; j < cols; j++) wv += w[i * cols + j] * V[j * k + c];
      s += ui * wv;
    }
    out[c] = s;
  }
  return out;
}

export function runGd(model: GdModel, pairs: SpectralPairs, opts: GdRunOptions): GdRunResult {
  const { stepSize: eta, levels } = opts;
  const lastSnapshot = Math.max(...opts.iterations);
  const wanted = new Map<number, number[]>();
  opts.iterations.forEach((it, idx) => wanted.set(it, [...(wanted.get(it) ?? []), idx]));
  const snapshots: Snapshot[] = new Array(opts.iterations.length);
  const K = pairs.values.filter((v) => v > 0).length;
  const hitting = levels ? levels.map(() => new Array<number | null>(K).fill(null)) : null;
  let pending = levels ? levels.length * K : 0;
  const proj = new Float64Array(pairs.values.length);
  const threshold = stabilityThreshold(pairs.values[0] ?? 0, model.depth);
  const tail = new Float64Array(10);
  let bound = Infinity;
  let k = 0;
  for (;; k++) {
    const { product, loss } = model.evaluate();
    tail[k % 10] = loss;
    if (k === 0) bound = 1e10 * Math.max(1, loss);
    if (!Number.isFinite(loss) || loss > bound) {
      const lossTail = Array.from({ length: Math.min(10, k + 1) }, (_, i) => tail[(k - Math.min(9, k) + i) % 10]);
      const above = eta >= threshold;
      throw new NumericalError(
        `gradient descent diverged at iteration ${k} (loss ${Number.isFinite(loss) ? loss.toExponential(3) : loss}` +
          `${Number.isFinite(loss) ? ` > bound ${bound.toExponential(1)}` : ''}); step size ${eta} is ${above ? 'above' : 'below'} the stability threshold ` +
          `2/(Nσ₁^{2−2/N}) = ${threshold.toPrecision(6)} (N = ${model.depth})${above ? '' : ': the init scale or the non-aligned dynamics drive it'}`,
        { iteration: k, lossTail: lossTail.map((v) => (Number.isFinite(v) ? v : String(v))), stepSize: eta, stabilityThreshold: threshold },
      );
    }
    const snapIdx = wanted.get(k);
    if (pending > 0 || snapIdx) projectionsOf(product, model.rows, model.cols, pairs, proj);
    if (hitting && pending > 0) {
      for (let l = 0; l < hitting.length; l++) {
        for (let i = 0; i < K; i++) {
          if (hitting[l][i] === null && proj[i] >= levels![l] * pairs.values[i]) {
            hitting[l][i] = k;
            pending--;
          }
        }
      }
    }
    if (snapIdx) {
      const w: Matrix = { rows: model.rows, cols: model.cols, data: product.slice() };
      const sv = singularValues(w);
      const snap: Snapshot = {
        iteration: k,
        matrix: toRows(w),
        singularValues: Array.from(sv),
        effectiveRank: effectiveRank(sv),
        loss,
        projections: Array.from(proj),
        balancedness: model.balancedness(),
        ...(opts.extra ? opts.extra(product) : {}),
      };
      for (const idx of snapIdx) snapshots[idx] = snap;
    }
    if (k >= lastSnapshot && (pending === 0 || k >= opts.maxIterations)) break;
    model.step(eta);
  }
  return { snapshots, hitting: hitting && levels ? { levels, times: hitting } : null, iterationsRun: k, stabilityThreshold: threshold };
}
