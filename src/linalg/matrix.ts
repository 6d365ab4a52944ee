/**
 * Dense real matrices in row-major `Float64Array` storage, and the few kernels the solvers need.
 *
 * A `Matrix` is plain data (`rows`, `cols`, `data`) so that every part of the package can share
 * it without classes. Kernels that run in inner loops take an `out` argument and never allocate.
 */
import { InputError } from '../errors.js';
import { WASM_MIN_WORK, gemmBackend, gemmNN, gemmNT, gemmTN } from './gemm.js';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Entry (i, j) is `data[i * cols + j]`. */
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function clone(a: Matrix): Matrix {
  return { rows: a.rows, cols: a.cols, data: a.data.slice() };
}

export function get(a: Matrix, i: number, j: number): number {
  return a.data[i * a.cols + j];
}

/**
 * Builds a matrix from an array of rows, checking that it is rectangular and finite.
 * @param field name used in error messages (e.g. `target`).
 */
export function fromRows(rows: unknown, field = 'matrix', entryRule = 'must be a finite number'): Matrix {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InputError(field, 'must be a non-empty array of rows');
  }
  const first = rows[0];
  if (!Array.isArray(first) || first.length === 0) {
    throw new InputError(`${field}[0]`, 'must be a non-empty array of numbers');
  }
  const m = rows.length;
  const n = first.length;
  const out = zeros(m, n);
  for (let i = 0; i < m; i++) {
    const row = rows[i];
    if (!Array.isArray(row)) throw new InputError(`${field}[${i}]`, 'must be an array of numbers');
    if (row.length !== n) {
      throw new InputError(`${field}[${i}]`, `must have ${n} entries like row 0 (has ${row.length})`);
    }
    for (let j = 0; j < n; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InputError(`${field}[${i}][${j}]`, entryRule);
      }
      out.data[i * n + j] = v;
    }
  }
  return out;
}

export function toRows(a: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}

export function transpose(a: Matrix, out: Matrix = zeros(a.cols, a.rows)): Matrix {
  const { rows, cols, data } = a;
  const o = out.data;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) o[j * rows + i] = data[i * cols + j];
  return out;
}

/** out = A·B (blocked kernel of gemm.ts). Cost 2·rows(A)·cols(A)·cols(B). `out` must not alias A or B. */
export function matmul(a: Matrix, b: Matrix, out: Matrix = zeros(a.rows, b.cols)): Matrix {
  gemmNN(a.data, b.data, out.data, a.rows, a.cols, b.cols);
  return out;
}

/** out = A·Bᵀ. Cost 2·rows(A)·cols(A)·rows(B). */
export function matmulABt(a: Matrix, b: Matrix, out: Matrix = zeros(a.rows, b.rows)): Matrix {
  gemmNT(a.data, b.data, out.data, a.rows, a.cols, b.rows);
  return out;
}

/** out = Aᵀ·B. Cost 2·cols(A)·rows(A)·cols(B). */
export function matmulAtB(a: Matrix, b: Matrix, out: Matrix = zeros(a.cols, b.cols)): Matrix {
  gemmTN(a.data, b.data, out.data, a.cols, a.rows, b.cols);
  return out;
}

/**
 * out = A·Aᵀ, exactly symmetric. Large products go through gemmNT (the WebAssembly kernel: 2·rows²·cols
 * flops, but many times faster); small ones compute the upper triangle and mirror it (rows²·cols flops).
 * Both sum each entry in increasing p from the same products, so the results are bit-identical.
 */
export function gramRows(a: Matrix, out: Matrix = zeros(a.rows, a.rows)): Matrix {
  const m = a.rows, k = a.cols, A = a.data, C = out.data;
  if (m * m * k >= 4 * WASM_MIN_WORK && gemmBackend() === 'wasm') {
    gemmNT(A, A, C, m, k, m);
    return out;
  }
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    for (let j = i; j < m; j++) {
      const aj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[ai + p] * A[aj + p];
      C[i * m + j] = s;
      C[j * m + i] = s;
    }
  }
  return out;
}

export function add(a: Matrix, b: Matrix, out: Matrix = zeros(a.rows, a.cols)): Matrix {
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] + b.data[i];
  return out;
}

export function sub(a: Matrix, b: Matrix, out: Matrix = zeros(a.rows, a.cols)): Matrix {
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] - b.data[i];
  return out;
}

export function scale(a: Matrix, s: number, out: Matrix = zeros(a.rows, a.cols)): Matrix {
  for (let i = 0; i < a.data.length; i++) out.data[i] = s * a.data[i];
  return out;
}

export function maxAbs(a: Matrix): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) {
    const v = Math.abs(a.data[i]);
    if (v > m || Number.isNaN(v)) m = v;
  }
  return m;
}

/** max |A − B| over entries. */
export function maxAbsDiff(a: Matrix, b: Matrix): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) {
    const v = Math.abs(a.data[i] - b.data[i]);
    if (v > m || Number.isNaN(v)) m = v;
  }
  return m;
}

export function frobenius(a: Matrix): number {
  // Scaled sum of squares (as LAPACK's dnrm2) so that huge or tiny entries do not over/underflow.
  let scaleV = 0, ssq = 1;
  for (let i = 0; i < a.data.length; i++) {
    const v = Math.abs(a.data[i]);
    if (v === 0) continue;
    if (scaleV < v) { ssq = 1 + ssq * (scaleV / v) ** 2; scaleV = v; }
    else ssq += (v / scaleV) ** 2;
  }
  return scaleV * Math.sqrt(ssq);
}

export function trace(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < Math.min(a.rows, a.cols); i++) s += a.data[i * a.cols + i];
  return s;
}

/** Returns (A + Aᵀ)/2. */
export function symmetrize(a: Matrix, out: Matrix = zeros(a.rows, a.cols)): Matrix {
  const n = a.rows, A = a.data, O = out.data;
  for (let i = 0; i < n; i++) {
    O[i * n + i] = A[i * n + i];
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (A[i * n + j] + A[j * n + i]);
      O[i * n + j] = v;
      O[j * n + i] = v;
    }
  }
  return out;
}

/** max |A − Aᵀ| / max(max|A|, tiny): the relative asymmetry. */
export function asymmetry(a: Matrix): number {
  const n = a.rows;
  let d = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    d = Math.max(d, Math.abs(a.data[i * n + j] - a.data[j * n + i]));
  }
  const s = maxAbs(a);
  return s === 0 ? 0 : d / s;
}

/** Throws unless `a` is square and symmetric to `rtol` relative to max|A|. */
export function assertSymmetric(a: Matrix, field: string, rtol = 1e-12): void {
  if (a.rows !== a.cols) throw new InputError(field, `must be square (is ${a.rows}×${a.cols})`);
  const r = asymmetry(a);
  if (r > rtol) {
    throw new InputError(field, `must be symmetric to ${rtol} relative (max|A−Aᵀ|/max|A| = ${r.toExponential(2)})`);
  }
}

export function assertFinite(a: Matrix, field: string): void {
  for (let i = 0; i < a.data.length; i++) {
    if (!Number.isFinite(a.data[i])) {
      throw new InputError(`${field}[${Math.floor(i / a.cols)}][${i % a.cols}]`, 'must be a finite number');
    }
  }
}

/** Column j as a new Float64Array. */
export function column(a: Matrix, j: number): Float64Array {
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) out[i] = a.data[i * a.cols + j];
  return out;
}

/** Block A[r0:r1, c0:c1] as a new matrix. */
export function block(a: Matrix, r0: number, r1: number, c0: number, c1: number): Matrix {
  const out = zeros(r1 - r0, c1 - c0);
  for (let i = r0; i < r1; i++) for (let j = c0; j < c1; j++) out.data[(i - r0) * (c1 - c0) + j - c0] = a.data[i * a.cols + j];
  return out;
}
