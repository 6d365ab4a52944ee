/**
 * Observed entries Ω of a matrix-completion problem. Either listed ([[i, j], …], each once), or drawn
 * uniformly without replacement ({count, seed}: Floyd's algorithm on the flat indices a·n + b from one
 * seeded {@link Rng}, O(count) time and memory). Indices are kept sorted (row-major order).
 */
import { InputError } from '../errors.js';
import { Rng } from '../init/rng.js';
import type { Matrix } from '../linalg/matrix.js';
import type { ObservedEntries } from './layered.js';

/** Most observed entries accepted (memory of Ω: 12 bytes each). */
export const MAX_OBSERVED = 2e7;

export function drawnEntries(y: Matrix, count: number, seed: number): ObservedEntries {
  const total = y.rows * y.cols;
  if (!Number.isInteger(count) || count < 1 || count > total) throw new InputError('observed.count', `must be an integer from 1 to ${total} (the number of entries of the target)`);
  if (count > MAX_OBSERVED) throw new InputError('observed.count', `must be ≤ ${MAX_OBSERVED}`);
  const rng = new Rng(seed, 'observed.seed');
  const chosen = new Set<number>();
  for (let j = total - count; j < total; j++) {
    const t = Math.floor(rng.uniform() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return entriesOf(y, Int32Array.from(chosen).sort());
}

export function listedEntries(y: Matrix, list: unknown): ObservedEntries {
  if (!Array.isArray(list) || list.length === 0) throw new InputError('observed', 'must be a non-empty array of [row, column] pairs, or {"count": m, "seed": s}');
  if (list.length > MAX_OBSERVED) throw new InputError('observed', `must list at most ${MAX_OBSERVED} entries`);
  const idx = new Int32Array(list.length);
  list.forEach((e, i) => {
    const ok = Array.isArray(e) && e.length === 2 && Number.isInteger(e[0]) && Number.isInteger(e[1]) && e[0] >= 0 && e[0] < y.rows && e[1] >= 0 && e[1] < y.cols;
    if (!ok) throw new InputError(`observed[${i}]`, `must be a pair [row, column] of integers with 0 ≤ row < ${y.rows}, 0 ≤ column < ${y.cols}`);
    idx[i] = e[0] * y.cols + e[1];
  });
  idx.sort();
  // Stryker disable next-line EqualityOperator: i = length reads idx[length] = undefined, never equal to an entry
  for (let i = 1; i < idx.length; i++) {
    if (idx[i] === idx[i - 1]) throw new InputError('observed', `must not list an entry twice (entry [${(idx[i] / y.cols) | 0}, ${idx[i] % y.cols}] repeats)`);
  }
  return entriesOf(y, idx);
}

function entriesOf(y: Matrix, index: Int32Array): ObservedEntries {
  return { rows: y.rows, cols: y.cols, index, values: Float64Array.from(index, (i) => y.data[i]) };
}
