/**
 * The closed form of the symmetric gradient flow (docs/theory.md §1) in decimal arithmetic with D
 * significant digits, for the edge cases where float64 is not enough: init scales whose W underflows
 * float64 (α ≪ 1e−300), near-equal eigenvalues, long horizons, or more than 16 digits wanted.
 *
 * Same stable evaluation as the float64 solver ({@link symmetricClosedForm}): in the eigenbasis of Y
 * (cyclic Jacobi in Decimal), ΦᵀWΦ = D Q₂Q₂ᵀ D with Q₂ the lower block of the orthonormal basis of
 * [I; G^{1/2}X] from a row- and column-pivoted Householder QR. Decimal's exponent range (±9e15) holds
 * e^{λt} for λt up to 2e16, so rows are formed directly. Evaluating the textbook formula instead would
 * need about 2|λ|t/ln 10 extra digits (e.g. 217 at λ = 5, t = 50). Times are never clamped: a time
 * beyond {@link PRECISE_MAX_LAMBDA_T}/max|λ| is rejected.
 *
 * Accuracy: agrees with the 60-digit references of fixtures/golden/closed-form.json to 10^{−(D−10)}
 * relative to max|W| for D ≤ 50 over the float64 solver's range (n ≤ 8, eigenvalues in [−5, 5], t ≤ 50).
 * Inputs are read as decimals (a number as the decimal it prints as).
 *
 * Cost: Jacobi ≈ 8 sweeps · n³ Decimal operations once, then O((n + r)r² + n²r) Decimal operations and
 * 2n exponentials per time point; a Decimal operation costs ≈ 1–3 µs at 50 digits, exp ≈ 0.2 ms.
 * Meant for n up to ~20.
 */
import { InputError } from '../errors.js';
import { type DecimalCtor, type Dec, expm1, toDecimal } from '../precise/decimal.js';
import { type DMatrix, type DEigen, djacobi, dmatmul, dtranspose, dzeros, dgramRows } from '../precise/dmatrix.js';

/**
 * Largest max|λ|·t accepted with `digits`: e^{2λt} and its square in the QR must stay inside
 * decimal.js's exponent range (±9e15). Larger times are rejected, never clamped; with Y = 0 every
 * time is accepted (no exponential is formed).
 */
export const PRECISE_MAX_LAMBDA_T = 1e15;

export interface PreciseSymmetricEvaluator {
  readonly n: number;
  /** Largest time accepted (see {@link PRECISE_MAX_LAMBDA_T}). */
  readonly maxTime: number;
  readonly D: DecimalCtor;
  readonly eigen: DEigen;
  matrix(t: number): DMatrix;
  projections(t: number): Dec[];
  loss(t: number): Dec;
}

/** Reads an array of rows of numbers or decimal strings. */
export function decimalRows(D: DecimalCtor, rows: unknown, field: string): DMatrix {
  if (!Array.isArray(rows) || rows.length === 0) throw new InputError(field, 'must be a non-empty array of rows');
  const first = rows[0];
  if (!Array.isArray(first) || first.length === 0) throw new InputError(`${field}[0]`, 'must be a non-empty array of numbers');
  const m = rows.length, n = first.length;
  const data: Dec[] = [];
  for (let i = 0; i < m; i++) {
    const row = rows[i];
    if (!Array.isArray(row)) throw new InputError(`${field}[${i}]`, 'must be an array of numbers');
    if (row.length !== n) throw new InputError(`${field}[${i}]`, `must have ${n} entries like row 0 (has ${row.length})`);
    for (let j = 0; j < n; j++) data.push(toDecimal(D, row[j], `${field}[${i}][${j}]`));
  }
  return { rows: m, cols: n, data };
}

export function preciseSymmetricClosedForm(D: DecimalCtor, y: DMatrix, u0: DMatrix): PreciseSymmetricEvaluator {
  const n = y.rows;
  if (y.cols !== n) throw new InputError('target', `must be square (is ${y.rows}×${y.cols})`);
  let maxY = new D(0), maxAsym = new D(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    maxY = Decimal_max(maxY, y.data[i * n + j].abs());
    maxAsym = Decimal_max(maxAsym, y.data[i * n + j].minus(y.data[j * n + i]).abs());
  }
  if (!maxY.isZero() && maxAsym.div(maxY).gt(1e-12)) {
    throw new InputError('target', `must be symmetric to 1e-12 relative (max|A−Aᵀ|/max|A| = ${maxAsym.div(maxY).toExponential(2)})`);
  }
  if (u0.rows !== n) throw new InputError('init.factor', `must have ${n} rows like the target (has ${u0.rows})`);
  const eigen = djacobi(D, y);
  const x = dmatmul(D, dtranspose(eigen.vectors), u0);
  const w0 = dgramRows(D, u0);
  let lamMax = new D(0);
  for (const l of eigen.values) lamMax = Decimal_max(lamMax, l.abs());
  const maxTime = lamMax.isZero() ? Infinity : Math.min(Number.MAX_VALUE, new D(PRECISE_MAX_LAMBDA_T).div(lamMax).toNumber());

  const eigenFactor = (tIn: number): DMatrix | null => {
    if (!Number.isFinite(tIn) || tIn < 0) throw new InputError('times', 'each time must be a finite number ≥ 0');
    if (tIn > maxTime) {
      throw new InputError('times', `each time must be ≤ ${maxTime.toExponential(3)} with "digits" (= 1e15/max|λ|: e^{2λt} must stay inside the decimal exponent range)`);
    }
    if (tIn === 0) return null;
    const t = new D(tIn);
    const r = x.cols;
    const b = dzeros(D, n, r);
    const d: Dec[] = [];
    for (let i = 0; i < n; i++) {
      const lam = eigen.values[i];
      let g: Dec, d2: Dec;
      if (lam.isZero()) {
        g = t.times(2);
        d2 = new D(1).div(t.times(2));
      } else {
        const x2 = lam.times(t).times(2);
        g = expm1(D, x2).div(lam);
        d2 = lam.div(expm1(D, x2.neg()).neg());
      }
      const sg = g.sqrt();
      for (let j = 0; j < r; j++) b.data[i * r + j] = sg.times(x.data[i * r + j]);
      d.push(d2.sqrt());
    }
    const q2 = pivotedThinQLower(D, b);
    for (let i = 0; i < n; i++) for (let j = 0; j < r; j++) q2.data[i * r + j] = q2.data[i * r + j].times(d[i]);
    return q2;
  };

  const matrix = (t: number): DMatrix => {
    const v = eigenFactor(t);
    if (v === null) return w0;
    const f = dmatmul(D, eigen.vectors, v);
    return dgramRows(D, f);
  };

  return {
    n,
    maxTime,
    D,
    eigen,
    matrix,
    projections(t: number): Dec[] {
      const v = eigenFactor(t);
      if (v === null) {
        const wt = dmatmul(D, dmatmul(D, dtranspose(eigen.vectors), w0), eigen.vectors);
        return Array.from({ length: n }, (_, i) => wt.data[i * n + i]);
      }
      return Array.from({ length: n }, (_, i) => {
        let s = new D(0);
        for (let j = 0; j < v.cols; j++) s = s.plus(v.data[i * v.cols + j].times(v.data[i * v.cols + j]));
        return s;
      });
    },
    loss(t: number): Dec {
      const w = matrix(t);
      let s = new D(0);
      for (let i = 0; i < n * n; i++) {
        const e = y.data[i].minus(w.data[i]);
        s = s.plus(e.times(e));
      }
      return s.div(4);
    },
  };
}

function Decimal_max(a: Dec, b: Dec): Dec {
  return a.gte(b) ? a : b;
}

/**
 * Lower n×r block Q₂ of an orthonormal basis of range([I_r; B]) by Householder QR with row pivoting
 * (largest remaining row first) and column pivoting, in Decimal.
 */
export function pivotedThinQLower(D: DecimalCtor, b: DMatrix): DMatrix {
  const n = b.rows, r = b.cols, m = n + r;
  const A: Dec[][] = [];
  for (let k = 0; k < r; k++) A.push(Array.from({ length: r }, (_, j) => new D(j === k ? 1 : 0)));
  // Stryker disable next-line EqualityOperator: i <= n only appends an empty row A[m], which no loop (i < m) reads
  for (let i = 0; i < n; i++) A.push(b.data.slice(i * r, (i + 1) * r));
  const active = new Array<boolean>(m).fill(true);
  // Stryker disable next-line ArrayDeclaration: done[j] of an empty array is undefined, as falsy as false
  const done = new Array<boolean>(r).fill(false);
  const house: Dec[][] = [];
  const piv: number[] = [];
  const zero = new D(0);
  for (let k = 0; k < r; k++) {
    // Stryker disable next-line UnaryOperator: p is always overwritten (best starts at −1 below every row norm, and an active row remains)
    let p = -1;
    let best = new D(-1);
    // Stryker disable next-line EqualityOperator: i <= m: active[m] is undefined, so row m is skipped like an inactive one (`>=` is killed)
    for (let i = 0; i < m; i++) {
      if (!active[i]) continue;
      let s = zero;
      // Stryker disable next-line ConditionalExpression: a done column is zero (to rounding) in the active rows after its reflection, so adding it leaves the pivot
      for (let j = 0; j < r; j++) if (!done[j]) s = s.plus(A[i][j].times(A[i][j]));
      if (s.gt(best)) {
        best = s;
        p = i;
      }
    }
    // Stryker disable next-line UnaryOperator: c is always overwritten (cbest starts at −1 below every |A[p][j]|, and an undone column remains)
    let c = -1;
    let cbest = new D(-1);
    for (let j = 0; j < r; j++) {
      // Stryker disable next-line ConditionalExpression: a done column is zero to rounding in the active rows after its reflection, so it never beats the undone entries of the largest row ([I; B] has full column rank) (`true` is killed)
      if (done[j]) continue;
      if (A[p][j].abs().gt(cbest)) {
        cbest = A[p][j].abs();
        c = j;
      }
    }
    let nu2 = zero;
    // Stryker disable next-line EqualityOperator: i <= m: active[m] is undefined, so row m is skipped like an inactive one (`>=` is killed)
    for (let i = 0; i < m; i++) if (active[i]) nu2 = nu2.plus(A[i][c].times(A[i][c]));
    const nu = nu2.sqrt();
    const v: Dec[] = Array.from({ length: m }, (_, i) => (active[i] ? A[i][c] : zero));
    v[p] = A[p][c].isNegative() ? A[p][c].minus(nu) : A[p][c].plus(nu);
    let vv = zero;
    // Stryker disable next-line EqualityOperator,ConditionalExpression: i <= m: active[m] is undefined, so row m is skipped like an inactive one; `true` adds v[i] = 0 of the inactive rows (`>=`, `false` are killed)
    for (let i = 0; i < m; i++) if (active[i]) vv = vv.plus(v[i].times(v[i]));
    for (let j = 0; j < r; j++) {
      // Stryker disable next-line ConditionalExpression: a done column is zero to rounding in the active rows, so reflecting it again changes it by rounding only (`true` is killed)
      if (done[j]) continue;
      let dot = zero;
      // Stryker disable next-line EqualityOperator,ConditionalExpression: i <= m: active[m] is undefined, so row m is skipped like an inactive one; `true` adds v[i]·A[i][j] with v[i] = 0 for the inactive rows (`>=`, `false` are killed)
      for (let i = 0; i < m; i++) if (active[i]) dot = dot.plus(v[i].times(A[i][j]));
      const f = dot.times(2).div(vv);
      // Stryker disable next-line EqualityOperator,ConditionalExpression: i <= m: active[m] is undefined, so row m is skipped like an inactive one; `true` subtracts f·v[i] = 0 from the inactive rows (`>=`, `false` are killed)
      for (let i = 0; i < m; i++) if (active[i]) A[i][j] = A[i][j].minus(f.times(v[i]));
    }
    const inv = vv.sqrt();
    house.push(v.map((vi) => vi.div(inv)));
    piv.push(p);
    active[p] = false;
    // Stryker disable next-line BooleanLiteral: left undone, column c is zero to rounding in the remaining active rows: it adds rounding to the row norms and is never the column pivot again
    done[c] = true;
  }
  // Q_thin = H₀⋯H_{r−1}[e_{p₀} … e_{p_{r−1}}]
  const Q: Dec[][] = Array.from({ length: m }, (_, i) => Array.from({ length: r }, (_, k) => new D(piv[k] === i ? 1 : 0)));
  for (let k = r - 1; k >= 0; k--) {
    const h = house[k];
    for (let j = 0; j < r; j++) {
      let dot = zero;
      // Stryker disable next-line ConditionalExpression: the guard only skips zero terms h[i] = 0 (`false` is killed)
      for (let i = 0; i < m; i++) if (!h[i].isZero()) dot = dot.plus(h[i].times(Q[i][j]));
      const f = dot.times(2);
      // Stryker disable next-line ConditionalExpression: the guard only skips subtracting f·h[i] = 0 (`false` is killed)
      for (let i = 0; i < m; i++) if (!h[i].isZero()) Q[i][j] = Q[i][j].minus(f.times(h[i]));
    }
  }
  const out = dzeros(D, n, r);
  for (let i = 0; i < n; i++) for (let j = 0; j < r; j++) out.data[i * r + j] = Q[r + i][j];
  return out;
}
