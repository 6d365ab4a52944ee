/** Snapshot assembly shared by the flow and gradient-descent paths. */
import { NumericalError } from '../errors.js';
import { type Matrix, toRows } from '../linalg/matrix.js';
import { singularValues } from '../linalg/svd.js';
import { effectiveRank } from '../metrics/effectiveRank.js';
import type { HittingResult } from '../flows/hitting.js';
import type { Snapshot, SolveResult } from '../types.js';

export function floatSnapshot(
  at: { time?: number; iteration?: number },
  w: Matrix,
  loss: number,
  projections: Float64Array,
  extra: Partial<Snapshot> = {},
): Snapshot {
  const sv = singularValues(w);
  const snap: Snapshot = {
    ...at,
    matrix: toRows(w),
    singularValues: Array.from(sv),
    effectiveRank: effectiveRank(sv),
    loss,
    projections: Array.from(projections),
    ...extra,
  };
  assertFiniteSnapshot(snap);
  return snap;
}

/** Never a silent NaN: a non-finite number anywhere in a snapshot is an error. */
export function assertFiniteSnapshot(s: Snapshot): void {
  const where = s.time !== undefined ? `time ${s.time}` : `iteration ${s.iteration}`;
  const bad = (v: unknown): boolean => typeof v === 'number' && !Number.isFinite(v);
  if (s.matrix.some((row) => row.some(bad)) || s.singularValues.some(bad) || s.projections.some(bad) || bad(s.loss) || bad(s.effectiveRank)) {
    throw new NumericalError(`non-finite value in the result at ${where}`);
  }
}

/** Warnings for spectral values that coincide (their projections depend on a basis choice). */
export function coincidenceWarnings(values: Float64Array): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < values.length; i++) {
    const a = values[i], b = values[i + 1];
    if (a > 0 && Math.abs(a - b) <= 1e-9 * Math.abs(a)) {
      out.push(`target values ${i + 1} and ${i + 2} coincide to 1e-9 relative: their projections (and hitting times) depend on the choice of basis in that eigenspace`);
    }
  }
  return out;
}

/** The `hitting` field of a flow result (README, "Result"). */
export function hittingSection(h: HittingResult): NonNullable<SolveResult['hitting']> {
  return { levels: h.levels, times: h.times, horizon: h.horizon, tolerance: 1e-9, uncertifiedIntervals: h.uncertified, evaluations: h.evaluations };
}
