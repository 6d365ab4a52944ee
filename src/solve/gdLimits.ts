/**
 * Resource limits of gradient descent in `solve` (the GD rows of {@link LIMITS}), checked before
 * anything large is allocated or run. Each violation is an InputError (exit 2) naming the field and
 * the limit (README, "Limits").
 *
 * - work: steps × flops per step (+ snapshots, light snapshots, the curvature estimate) ≤
 *   LIMITS.gdWork = 1e12 flops: about a minute at the ~20 GFlop/s of the WebAssembly product on
 *   large factors, several minutes on small ones, where a step is bound by overhead, not flops;
 * - result: the estimated size of the JSON result ≤ LIMITS.resultBytes = 256 MiB (matrices at ≈ 24
 *   bytes an entry; `"snapshotMatrix": false` or light snapshots keep long logs small).
 */
import { InputError } from '../errors.js';
import { LIMITS } from './limits.js';

export const GD_WORK_LIMIT = LIMITS.gdWork;
export const GD_RESULT_LIMIT = LIMITS.resultBytes;

export interface GdCost {
  /** Flops of one step of the model. */
  perStep: number;
  /** Flops of one snapshot (SVD, balancedness, metrics). */
  perSnapshot: number;
  /** Extra flops per step while hitting times are pending (singular values each step). */
  perPendingStep: number;
  /** One-off flops (curvature estimate). */
  setup: number;
  /** Matrix entries of a snapshot, and spectral values of a snapshot. */
  entries: number;
  values: number;
}

/** Flops of one step of the layered model with dims d₀ … d_N and the given objective cost. */
export function layeredStepFlops(dims: readonly number[], objectiveFlops: number, sparse: boolean): number {
  const N = dims.length - 1, n = dims[0], m = dims[N];
  let f = objectiveFlops;
  for (let j = 1; j < N; j++) f += 2 * dims[j + 1] * dims[j] * n; // prefixes
  for (let j = 0; j + 2 <= N - 1; j++) f += 2 * m * dims[j + 2] * dims[j + 1]; // suffixes
  for (let j = 0; j < N; j++) f += sparse ? 2 * dims[j + 1] * n * dims[j] : 2 * dims[j + 1] * m * n + 2 * dims[j + 1] * n * dims[j];
  return f;
}

export function checkGdLimits(cost: GdCost, run: { steps: number; snapshots: number; lightEvery?: number; levels: boolean; omitMatrix: boolean }): void {
  const lights = run.lightEvery ? Math.floor(run.steps / run.lightEvery) + 1 : 0;
  const work = cost.setup + run.steps * (cost.perStep + (run.levels ? cost.perPendingStep : 0)) + (run.snapshots + lights) * cost.perSnapshot;
  if (work > GD_WORK_LIMIT) {
    throw new InputError(
      run.steps > 0 ? 'maxIterations' : 'iterations',
      `the run needs ≈ ${work.toExponential(1)} flops (${run.steps} steps at ≈ ${cost.perStep.toExponential(1)} flops each, plus snapshots), above the gradient-descent work limit ${GD_WORK_LIMIT.toExponential(0)} flops`,
    );
  }
  const bytes = run.snapshots * ((run.omitMatrix ? 0 : 24 * cost.entries) + 48 * cost.values + 400) + lights * (48 * cost.values + 400);
  if (bytes > GD_RESULT_LIMIT) {
    throw new InputError(
      run.lightEvery && lights * (48 * cost.values + 400) > bytes / 2 ? 'lightEvery' : 'iterations',
      `the result would take ≈ ${(bytes / 2 ** 20).toFixed(0)} MiB, above the limit of ${GD_RESULT_LIMIT / 2 ** 20} MiB (fewer snapshots, "snapshotMatrix": false, or a larger lightEvery)`,
    );
  }
}
