/**
 * Small dense matrices of Decimals (row-major arrays) and a Jacobi symmetric eigensolver.
 * Intended for n up to a few tens: every operation is an arbitrary-precision one.
 */
import type { Dec, DecimalCtor } from './decimal.js';

export interface DMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Dec[];
}

export function dzeros(D: DecimalCtor, rows: number, cols: number): DMatrix {
  const z = new D(0);
  return { rows, cols, data: Array.from({ length: rows * cols }, () => z) };
}

export function didentity(D: DecimalCtor, n: number): DMatrix {
  const m = dzeros(D, n, n);
  const one = new D(1);
  for (let i = 0; i < n; i++) m.data[i * n + i] = one;
  return m;
}

/** Exact dot products rounded once per multiply-add to the context precision. */
export function dmatmul(D: DecimalCtor, a: DMatrix, b: DMatrix): DMatrix {
  const out = dzeros(D, a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = new D(0);
      for (let p = 0; p < a.cols; p++) s = s.plus(a.data[i * a.cols + p].times(b.data[p * b.cols + j]));
      out.data[i * b.cols + j] = s;
    }
  }
  return out;
}

export function dtranspose(a: DMatrix): DMatrix {
  const data: Dec[] = new Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) data[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data };
}

/** A·Aᵀ. */
export function dgramRows(D: DecimalCtor, a: DMatrix): DMatrix {
  const n = a.rows, k = a.cols;
  const out = dzeros(D, n, n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = new D(0);
      for (let p = 0; p < k; p++) s = s.plus(a.data[i * k + p].times(a.data[j * k + p]));
      out.data[i * n + j] = s;
      out.data[j * n + i] = s;
    }
  }
  return out;
}

export interface DEigen {
  /** Decreasing eigenvalues. */
  values: Dec[];
  /** Column i is the eigenvector of values[i]. */
  vectors: DMatrix;
  sweeps: number;
}

/**
 * Cyclic Jacobi eigensolver for a symmetric matrix (symmetrised on entry). Rotations are applied
 * until every off-diagonal entry is below 10^{−(p+2)}·‖A‖_F (p = context precision); Jacobi is
 * accurate to O(10^{−p}) in each eigenvalue relative to ‖A‖ and converges quadratically.
 * Cost ≈ 6–10 sweeps of n²/2 rotations, each O(n) operations.
 */
export function djacobi(D: DecimalCtor, a: DMatrix): DEigen {
  const n = a.rows;
  const A: Dec[][] = [];
  for (let i = 0; i < n; i++) {
    A.push([]);
    for (let j = 0; j < n; j++) A[i].push(a.data[i * n + j].plus(a.data[j * n + i]).div(2));
  }
  const V: Dec[][] = [];
  for (let i = 0; i < n; i++) V.push(Array.from({ length: n }, (_, j) => new D(i === j ? 1 : 0)));
  let fro = new D(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) fro = fro.plus(A[i][j].times(A[i][j]));
  fro = fro.sqrt();
  const tol = fro.times(new D(10).pow(-(D.precision + 2)));
  let sweeps = 0;
  for (; sweeps < 100; sweeps++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p][q];
        if (apq.abs().lte(tol)) continue;
        rotated = true;
        const theta = A[q][q].minus(A[p][p]).div(apq.times(2));
        const t = new D(theta.isNegative() ? -1 : 1).div(theta.abs().plus(theta.times(theta).plus(1).sqrt()));
        const c = new D(1).div(t.times(t).plus(1).sqrt());
        const s = t.times(c);
        for (let k = 0; k < n; k++) {
          const akp = A[k][p], akq = A[k][q];
          A[k][p] = c.times(akp).minus(s.times(akq));
          A[k][q] = s.times(akp).plus(c.times(akq));
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p][k], aqk = A[q][k];
          A[p][k] = c.times(apk).minus(s.times(aqk));
          A[q][k] = s.times(apk).plus(c.times(aqk));
        }
        A[p][q] = new D(0);
        A[q][p] = new D(0);
        for (let k = 0; k < n; k++) {
          const vkp = V[k][p], vkq = V[k][q];
          V[k][p] = c.times(vkp).minus(s.times(vkq));
          V[k][q] = s.times(vkp).plus(c.times(vkq));
        }
      }
    }
    if (!rotated) break;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[j][j].comparedTo(A[i][i]));
  const values = order.map((i) => A[i][i]);
  const vectors = dzeros(D, n, n);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) vectors.data[i * n + k] = V[i][order[k]];
  return { values, vectors, sweeps };
}
