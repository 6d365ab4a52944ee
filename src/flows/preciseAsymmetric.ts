/**
 * Decimal versions of the asymmetric closed form and of Y's singular pairs, through the symmetric
 * embedding Ȳ = [[0, Y], [Yᵀ, 0]] (see asymmetric.ts): ABᵀ is twice the top-right block of the
 * symmetric solution from Z₀/√2. Cost: that of {@link preciseSymmetricClosedForm} at size m + n.
 */
import { InputError } from '../errors.js';
import type { Dec, DecimalCtor } from '../precise/decimal.js';
import { type DMatrix, djacobi, dmatmul, dtranspose, dzeros } from '../precise/dmatrix.js';
import { type PreciseSymmetricEvaluator, preciseSymmetricClosedForm } from './symmetricClosedFormPrecise.js';

export function dembedding(D: DecimalCtor, y: DMatrix): DMatrix {
  const m = y.rows, n = y.cols, N = m + n;
  const out = dzeros(D, N, N);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    out.data[i * N + m + j] = y.data[i * n + j];
    out.data[(m + j) * N + i] = y.data[i * n + j];
  }
  return out;
}

export interface DSingularPairs {
  values: Dec[];
  left: DMatrix;
  right: DMatrix;
}

export function dsingularPairs(D: DecimalCtor, y: DMatrix): DSingularPairs {
  const m = y.rows, n = y.cols, N = m + n, k = Math.min(m, n);
  const e = djacobi(D, dembedding(D, y));
  const s2 = new D(2).sqrt();
  const left = dzeros(D, m, k), right = dzeros(D, n, k);
  const values: Dec[] = [];
  for (let c = 0; c < k; c++) {
    values.push(e.values[c].isNegative() ? new D(0) : e.values[c]);
    for (let i = 0; i < m; i++) left.data[i * k + c] = e.vectors.data[i * N + c].times(s2);
    for (let j = 0; j < n; j++) right.data[j * k + c] = e.vectors.data[(m + j) * N + c].times(s2);
  }
  return { values, left, right };
}

/** uᵢᵀXvᵢ. */
export function dpairProjections(D: DecimalCtor, x: DMatrix, pairs: DSingularPairs): Dec[] {
  const xv = dmatmul(D, x, pairs.right);
  const k = pairs.values.length;
  return Array.from({ length: k }, (_, c) => {
    let s = new D(0);
    for (let i = 0; i < x.rows; i++) s = s.plus(pairs.left.data[i * k + c].times(xv.data[i * k + c]));
    return s;
  });
}

export interface PreciseAsymmetricEvaluator {
  pairs: DSingularPairs;
  sym: PreciseSymmetricEvaluator;
  /** Relative imbalance max|AᵀA − BᵀB| / (‖A‖²_F + ‖B‖²_F). */
  imbalance: Dec;
  matrix(t: number): DMatrix;
  loss(t: number): Dec;
  projections(t: number): Dec[];
}

export function preciseAsymmetricClosedForm(D: DecimalCtor, y: DMatrix, a0: DMatrix, b0: DMatrix): PreciseAsymmetricEvaluator {
  const m = y.rows, n = y.cols, r = a0.cols, N = m + n;
  if (a0.rows !== m) throw new InputError('init.factors[0]', `must have ${m} rows like the target (has ${a0.rows})`);
  if (b0.rows !== n) throw new InputError('init.factors[1]', `must have ${n} rows (the target's columns; has ${b0.rows})`);
  if (b0.cols !== r) throw new InputError('init.factors[1]', `must have ${r} columns like init.factors[0] (has ${b0.cols})`);
  const ata = dmatmul(D, dtranspose(a0), a0), btb = dmatmul(D, dtranspose(b0), b0);
  let mx = new D(0), s = new D(0);
  for (let i = 0; i < r * r; i++) {
    const d = ata.data[i].minus(btb.data[i]).abs();
    if (d.gt(mx)) mx = d;
  }
  for (const v of a0.data) s = s.plus(v.times(v));
  for (const v of b0.data) s = s.plus(v.times(v));
  const imbalance = s.isZero() ? new D(0) : mx.div(s);
  if (imbalance.gt(1e-12)) {
    throw new InputError('init.factors', `the closed form needs a balanced init (AᵀA = BᵀB to 1e-12 relative; here ${imbalance.toExponential(2)}): use "method": "ode" or a balanced init`);
  }
  const inv = new D(2).sqrt();
  const z0 = dzeros(D, N, r);
  for (let i = 0; i < m; i++) for (let j = 0; j < r; j++) z0.data[i * r + j] = a0.data[i * r + j].div(inv);
  for (let i = 0; i < n; i++) for (let j = 0; j < r; j++) z0.data[(m + i) * r + j] = b0.data[i * r + j].div(inv);
  const sym = preciseSymmetricClosedForm(D, dembedding(D, y), z0);
  const pairs = dsingularPairs(D, y);
  const matrix = (t: number): DMatrix => {
    const w = sym.matrix(t);
    const out = dzeros(D, m, n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out.data[i * n + j] = w.data[i * N + m + j].times(2);
    return out;
  };
  return {
    pairs,
    sym,
    imbalance,
    matrix,
    loss(t: number): Dec {
      const x = matrix(t);
      let acc = new D(0);
      for (let i = 0; i < m * n; i++) {
        const e = y.data[i].minus(x.data[i]);
        acc = acc.plus(e.times(e));
      }
      return acc.div(2);
    },
    projections: (t: number) => dpairProjections(D, matrix(t), pairs),
  };
}
