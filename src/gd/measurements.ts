/**
 * Linear measurements for matrix sensing: yᵢ = ⟨Aᵢ, X⟩ + σ·ξᵢ, i = 1 … m, with Aᵢ ∈ ℝ^{rows×cols} (n×n square) of
 * i.i.d. N(0, 1) entries and ξᵢ ~ N(0, 1), all drawn from one seeded {@link Rng} (A₁, …, A_m row by
 * row, then ξ). Scaling: the loss is L(W) = (1/2m)·Σᵢ(⟨Aᵢ, W⟩ − yᵢ)², whose gradient with respect to W
 * is G = (1/m)·Σᵢ rᵢAᵢ, rᵢ = ⟨Aᵢ, W⟩ − yᵢ; since E[⟨A, Z⟩A] = Z for Gaussian A, E[G] = W − X, the
 * gradient of the estimation loss ½‖W − X‖²_F, so step sizes and stability thresholds carry over.
 * Cost: 2mn² flops for the residuals and 2mn² for G; memory m·n² doubles.
 */
import { InputError } from '../errors.js';
import { Rng } from '../init/rng.js';
import type { Matrix } from '../linalg/matrix.js';

export interface Measurements {
  readonly count: number;
  /** Rows of each Aᵢ (and of X). */
  readonly n: number;
  /** Columns of each Aᵢ; absent means square (n). */
  readonly cols?: number;
  /** A₁ … A_m, each n×cols row-major, concatenated. */
  readonly matrices: Float64Array;
  readonly observations: Float64Array;
}

/** Largest m·n² accepted (memory of the operator, 8 bytes each). */
export const MAX_OPERATOR_SIZE = 5e7;

export function gaussianMeasurements(x: Matrix, count: number, seed: number, noise: number): Measurements {
  const n = x.rows, cols = x.cols;
  if (!Number.isInteger(count) || count < 1) throw new InputError('measurements.count', 'must be an integer ≥ 1');
  if (count * n * cols > MAX_OPERATOR_SIZE) throw new InputError('measurements.count', `must keep count·n² ≤ ${MAX_OPERATOR_SIZE} (the operator's size; n² = rows·cols)`);
  if (!(noise >= 0 && Number.isFinite(noise))) throw new InputError('measurements.noise', 'must be a finite number ≥ 0');
  const rng = new Rng(seed, 'measurements.seed');
  const nn = n * cols;
  const matrices = rng.normalArray(count * nn);
  const observations = new Float64Array(count);
  // Stryker disable next-line EqualityOperator: i = count writes observations[count], past the typed array: discarded
  for (let i = 0; i < count; i++) {
    let s = 0;
    for (let e = 0; e < nn; e++) s += matrices[i * nn + e] * x.data[e];
    observations[i] = s;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: noise 0 would add 0·ξ = 0; i = count writes past the typed array (discarded)
  if (noise > 0) for (let i = 0; i < count; i++) observations[i] += noise * rng.normal();
  for (let i = 0; i < count; i++) {
    if (!Number.isFinite(observations[i])) throw new InputError('measurements.noise', 'must keep every observation finite in float64 (the noise level or the target is too large)');
  }
  return { count, n, cols, matrices, observations };
}

export function explicitMeasurements(n: number, matrices: unknown, observations: unknown, cols = n): Measurements {
  if (!Array.isArray(matrices) || matrices.length === 0) throw new InputError('measurements.matrices', 'must be a non-empty array of n×n matrices');
  if (!Array.isArray(observations) || observations.length !== matrices.length) {
    throw new InputError('measurements.observations', `must be an array of ${matrices.length} numbers (one per matrix)`);
  }
  const m = matrices.length, nn = n * cols;
  if (m * nn > MAX_OPERATOR_SIZE) throw new InputError('measurements.matrices', `must keep m·n² ≤ ${MAX_OPERATOR_SIZE}`);
  const data = new Float64Array(m * nn);
  matrices.forEach((a, i) => {
    const field = `measurements.matrices[${i}]`;
    if (!Array.isArray(a) || a.length !== n) throw new InputError(field, `must be an ${n}×${cols} matrix (array of ${n} rows)`);
    a.forEach((row: unknown, r: number) => {
      if (!Array.isArray(row) || row.length !== cols) throw new InputError(`${field}[${r}]`, `must have ${cols} entries`);
      row.forEach((v: unknown, c: number) => {
        if (!Number.isFinite(v)) throw new InputError(`${field}[${r}][${c}]`, 'must be a finite number'); // false for every non-number
        data[i * nn + r * cols + c] = v as number;
      });
    });
  });
  const obs = Float64Array.from(observations as unknown[], (v, i) => {
    if (!Number.isFinite(v)) throw new InputError(`measurements.observations[${i}]`, 'must be a finite number');
    return v as number;
  });
  return { count: m, n, cols, matrices: data, observations: obs };
}
