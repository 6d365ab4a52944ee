/**
 * The gradient-descent driver: runs a {@link GdModel} with a constant step size, records snapshots at
 * the requested iterations (memory independent of the number of steps; time linear in the number of
 * requested iterations, repeats included), light snapshots (spectral quantities, no matrix) every
 * k-th iteration, finds the hitting iterations of levels q·σᵢ by the projections uᵢᵀWvᵢ or by the
 * singular values σᵢ(W), stops on a loss threshold if asked, and stops at once on divergence.
 *
 * Divergence: a non-finite loss or a loss above 1e10·max(1, L(0)) (the iterate has grown by ≥ 1e5)
 * raises a NumericalError reporting the iteration, the last 10 losses, the step size and the
 * stability threshold of the instance (by default 2/(Nσ₁^{2−2/N}); the caller may pass the threshold
 * of its measurement operator); no trajectory of NaNs is ever returned.
 *
 * Per-snapshot metrics: singular values, effective rank, nuclear norm Σσᵢ, Schatten-(2/N)
 * quasi-norm (Σσᵢ^{2/N})^{N/2} of the product, projections, balancedness and, when the model has
 * one, the gradient norm (Σ_j‖∇_{W_j}L‖²_F)^{1/2}.
 */
import { NumericalError } from '../errors.js';
import { type Matrix, toRows } from '../linalg/matrix.js';
import { singularValues } from '../linalg/svd.js';
import { effectiveRank } from '../metrics/effectiveRank.js';
import type { SpectralPairs } from '../spectrum/targetSpectrum.js';
import type { Snapshot } from '../types.js';
import type { GdModel } from './models.js';
import { stabilityThreshold } from './scalar.js';

export type { SpectralPairs } from '../spectrum/targetSpectrum.js';

/** A snapshot without the matrix (what light snapshots and `"snapshotMatrix": false` give). */
export type LightSnapshot = Omit<Snapshot, 'matrix'>;

export interface GdRunOptions {
  stepSize: number;
  /** Iterations to snapshot (any order; output follows it). */
  iterations: number[];
  /** Run at most this many steps while hitting times are pending (≥ max(iterations)). */
  maxIterations: number;
  levels?: number[];
  /** Extra per-snapshot fields (e.g. the recovery error of sensing). */
  extra?: (product: Float64Array) => Record<string, number>;
  /** Hitting by projections uᵢᵀWvᵢ ≥ q·σᵢ (default) or by singular values σᵢ(W) ≥ q·σᵢ(Y). */
  hittingOn?: 'projections' | 'singularValues';
  /** Stop after the first iterate whose loss is ≤ stopLoss. */
  stopLoss?: number;
  /** Record a light snapshot at every k-th iteration (0, k, 2k, …) of the run. */
  lightEvery?: number;
  /** Leave `matrix` out of the requested snapshots. */
  omitMatrix?: boolean;
  /** Stability threshold to report (default 2/(Nσ₁^{2−2/N}) from the pairs). */
  stabilityThreshold?: number;
  /**
   * Called with each requested snapshot as it is recorded, with its indices in `iterations` (empty for
   * the stopping iterate of stopLoss when it was not requested); the result's `snapshots` is then empty.
   */
  onSnapshot?: (snapshot: Snapshot, indices: readonly number[]) => void;
  /** Called with each light snapshot; when given, light snapshots are not kept in the result. */
  onLight?: (snapshot: LightSnapshot) => void;
  /** Called before each step k (a time budget or a progress display; may throw to stop the run). */
  onStep?: (k: number, last: number) => void;
}

export interface GdRunResult {
  /** snapshots[i] belongs to iterations[i]; with stopLoss, iterations past the stop are left out. */
  snapshots: Snapshot[];
  hitting: { levels: number[]; times: (number | null)[][] } | null;
  iterationsRun: number;
  stabilityThreshold: number;
  lightSnapshots?: LightSnapshot[];
  /** With stopLoss: the iteration and loss at which the run stopped, or null if it never reached it. */
  stoppedAt?: { iteration: number; loss: number } | null;
}

export function projectionsOf(w: Float64Array, rows: number, cols: number, pairs: SpectralPairs, out: Float64Array): Float64Array {
  const k = pairs.values.length;
  const U = pairs.left.data, V = pairs.right.data;
  // Stryker disable next-line EqualityOperator: c = k writes out[k], past the typed array: discarded
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let i = 0; i < rows; i++) {
      const ui = U[i * k + c];
      // Stryker disable next-line ConditionalExpression: a shortcut; ui = 0 adds 0·wv = 0 for the finite products projections are taken of
      if (ui === 0) continue;
      let wv = 0;
      for (let j = 0; j < cols; j++) wv += w[i * cols + j] * V[j * k + c];
      s += ui * wv;
    }
    out[c] = s;
  }
  return out;
}

/** Nuclear norm Σσᵢ and Schatten-p quasi-norm (Σσᵢ^p)^{1/p}, p = 2/N, from singular values. */
export function normsOf(sv: ArrayLike<number>, depth: number): { nuclearNorm: number; schattenQuasiNorm: number } {
  let nuc = 0, mx = 0;
  for (let i = 0; i < sv.length; i++) {
    nuc += sv[i];
    mx = Math.max(mx, sv[i]);
  }
  const p = 2 / depth;
  let s = 0;
  if (mx > 0) for (let i = 0; i < sv.length; i++) s += (sv[i] / mx) ** p;
  return { nuclearNorm: nuc, schattenQuasiNorm: mx * s ** (1 / p) };
}

export function runGd(model: GdModel, pairs: SpectralPairs, opts: GdRunOptions): GdRunResult {
  const { stepSize: eta, levels } = opts;
  let lastSnapshot = 0;
  // Stryker disable next-line EqualityOperator: on a tie it assigns the same value
  for (const it of opts.iterations) if (it > lastSnapshot) lastSnapshot = it;
  const wanted = new Map<number, number[]>();
  opts.iterations.forEach((it, idx) => {
    const list = wanted.get(it);
    if (list) list.push(idx);
    else wanted.set(it, [idx]);
  });
  // Stryker disable next-line ArrayDeclaration: a preallocation (fast elements when filled out of order); the result is filtered of holes
  const snapshots: Snapshot[] = new Array(opts.iterations.length);
  const bySv = opts.hittingOn === 'singularValues';
  const K = pairs.values.filter((v) => v > 0).length;
  const hitting = levels ? levels.map(() => new Array<number | null>(K).fill(null)) : null;
  let pending = levels ? levels.length * K : 0;
  const proj = new Float64Array(pairs.values.length);
  const threshold = opts.stabilityThreshold ?? stabilityThreshold(pairs.values[0] ?? 0, model.depth);
  const stopLoss = opts.stopLoss;
  const every = opts.lightEvery;
  const light: LightSnapshot[] | undefined = every && !opts.onLight ? [] : undefined;
  const tail = new Float64Array(10);
  let stoppedAt: GdRunResult['stoppedAt'] = stopLoss === undefined ? undefined : null;
  let bound = Infinity;
  let k = 0;
  const onStep = opts.onStep;
  for (;; k++) {
    if (onStep) onStep(k, opts.maxIterations);
    const ev = model.evaluate();
    const loss = ev.loss;
    tail[k % 10] = loss;
    if (k === 0) bound = 1e10 * Math.max(1, loss);
    if (!Number.isFinite(loss) || loss > bound) {
      const lossTail = Array.from({ length: Math.min(10, k + 1) }, (_, i) => tail[(k - Math.min(9, k) + i) % 10]);
      const above = eta >= threshold;
      throw new NumericalError(
        `gradient descent diverged at iteration ${k} (loss ${Number.isFinite(loss) ? loss.toExponential(3) : loss}` +
          `${Number.isFinite(loss) ? ` > bound ${bound.toExponential(1)}` : ''}); step size ${eta} is ${above ? 'above' : 'below'} the stability threshold ` +
          `${opts.stabilityThreshold === undefined ? '2/(Nσ₁^{2−2/N}) = ' : ''}${threshold.toPrecision(6)} (N = ${model.depth})${above ? '' : ': the init scale or the non-aligned dynamics drive it'}`,
        { iteration: k, lossTail: lossTail.map((v) => (Number.isFinite(v) ? v : String(v))), stepSize: eta, stabilityThreshold: Number.isFinite(threshold) ? threshold : 'Infinity' },
      );
    }
    // Stryker disable next-line ConditionalExpression: without stopLoss, loss <= undefined is false anyway
    const stopNow = stopLoss !== undefined && loss <= stopLoss;
    let snapIdx = wanted.get(k);
    // Stryker disable next-line ConditionalExpression: without lightEvery, k % undefined is NaN, never 0
    const isLight = every !== undefined && k % every === 0;
    if (stopNow && !snapIdx) snapIdx = [];
    let product: Float64Array | null = null;
    let sv: Float64Array | null = null;
    const svOf = (): Float64Array => (sv ??= singularValues({ rows: model.rows, cols: model.cols, data: (product ??= ev.product) }));
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: projections taken on more iterations change no output (read only for hitting by projections and in snapshots)
    if ((pending > 0 && !bySv) || snapIdx || isLight) projectionsOf((product ??= ev.product), model.rows, model.cols, pairs, proj);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: pending > 0 implies hitting; with pending = 0 every time is set and the scan changes nothing
    if (hitting && pending > 0) {
      const obs = bySv ? svOf() : proj;
      for (let l = 0; l < hitting.length; l++) {
        // Stryker disable next-line EqualityOperator: hitting[l][K] is undefined, not null: skipped
        for (let i = 0; i < K; i++) {
          if (hitting[l][i] === null && obs[i] >= levels![l] * pairs.values[i]) {
            hitting[l][i] = k;
            pending--;
          }
        }
      }
    }
    // Stryker disable next-line ConditionalExpression: the snapshot is used only under the same two conditions (inside); forming it on other iterations changes no output
    if (snapIdx || isLight) {
      const s = svOf();
      const base: LightSnapshot = {
        iteration: k,
        singularValues: Array.from(s),
        effectiveRank: effectiveRank(s),
        loss,
        projections: Array.from(proj),
        balancedness: model.balancedness(),
        ...normsOf(s, model.depth),
        ...(model.gradientNorm ? { gradientNorm: model.gradientNorm() } : {}),
        ...(opts.extra ? opts.extra(product!) : {}),
      };
      if (isLight) {
        if (opts.onLight) opts.onLight(base);
        else light!.push(base);
      }
      if (snapIdx) {
        const snap = (opts.omitMatrix ? { ...base } : { iteration: k, matrix: toRows({ rows: model.rows, cols: model.cols, data: product! } as Matrix), ...base }) as Snapshot;
        if (opts.onSnapshot) opts.onSnapshot(snap, snapIdx);
        else {
          for (const idx of snapIdx) snapshots[idx] = snap;
          if (stopNow && snapIdx.length === 0) snapshots.push(snap);
        }
      }
    }
    if (stopNow) {
      stoppedAt = { iteration: k, loss };
      break;
    }
    if (k >= lastSnapshot && (pending === 0 || k >= opts.maxIterations) && (stopLoss === undefined || k >= opts.maxIterations)) break;
    model.step(eta);
  }
  const out: GdRunResult = {
    // Stryker disable next-line ConditionalExpression: filter skips holes by itself; the predicate never sees undefined
    snapshots: snapshots.filter((s) => s !== undefined), // holes: requested iterations past a stop
    hitting: hitting ? { levels: levels!, times: hitting } : null,
    iterationsRun: k,
    stabilityThreshold: threshold,
  };
  if (light) out.lightSnapshots = light;
  if (stoppedAt !== undefined) out.stoppedAt = stoppedAt;
  return out;
}
