/**
 * The closed form evaluated as written, W = Φ·E X (I + XᵀGX)⁻¹ XᵀE·Φᵀ, in float64, with injectable
 * mistakes: the negative controls of the solver properties. Correct (`g: 'right'`) it is accurate
 * for short horizons and loses all digits when I + XᵀGX is ill-conditioned (docs/theory.md §1).
 */
import { eigh } from '../../src/linalg/eigh.js';
import { type Matrix, gramRows, matmul, matmulAtB, zeros } from '../../src/linalg/matrix.js';

export interface TextbookOptions {
  /** 'right': G = expm1(2λt)/λ; 'lambda': λ in place of 2λ; 'small-lambda-shortcut': 2t whenever |λ| < 0.5. */
  g?: 'right' | 'lambda' | 'small-lambda-shortcut';
  /** Forget to rotate back from the eigenbasis (returns ΦᵀWΦ). */
  noRotateBack?: boolean;
}

export interface SimpleFlow {
  matrix(t: number): Matrix;
  factor(t: number): Matrix;
}

export function textbookClosedForm(y: Matrix, u0: Matrix, opts: TextbookOptions = {}): SimpleFlow {
  const { values: lam, vectors: phi } = eigh(y);
  const n = y.rows, r = u0.cols;
  const x = matmulAtB(phi, u0);
  const gOf = (l: number, t: number): number => {
    if (opts.g === 'lambda') return l === 0 ? t : Math.expm1(l * t) / l;
    if (opts.g === 'small-lambda-shortcut' && Math.abs(l) < 0.5) return 2 * t;
    return l === 0 ? 2 * t : Math.expm1(2 * l * t) / l;
  };
  const eigenFactor = (t: number): Matrix => {
    const m = new Float64Array(r * r);
    for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) {
      let s = a === b ? 1 : 0;
      for (let i = 0; i < n; i++) s += x.data[i * r + a] * gOf(lam[i], t) * x.data[i * r + b];
      m[a * r + b] = s;
    }
    // Cholesky M = LLᵀ, then V = E X L⁻ᵀ (so VVᵀ = E X M⁻¹ XᵀE).
    const L = new Float64Array(r * r);
    for (let j = 0; j < r; j++) {
      let d = m[j * r + j];
      for (let k = 0; k < j; k++) d -= L[j * r + k] ** 2;
      L[j * r + j] = Math.sqrt(d);
      for (let i = j + 1; i < r; i++) {
        let s = m[i * r + j];
        for (let k = 0; k < j; k++) s -= L[i * r + k] * L[j * r + k];
        L[i * r + j] = s / L[j * r + j];
      }
    }
    const v = zeros(n, r);
    for (let i = 0; i < n; i++) {
      const e = Math.exp(lam[i] * t);
      // solve row: v_i Lᵀ = e·x_i  (forward substitution on L)
      for (let a = 0; a < r; a++) {
        let s = e * x.data[i * r + a];
        for (let k = 0; k < a; k++) s -= v.data[i * r + k] * L[a * r + k];
        v.data[i * r + a] = s / L[a * r + a];
      }
    }
    return v;
  };
  const factor = (t: number): Matrix => (opts.noRotateBack ? eigenFactor(t) : matmul(phi, eigenFactor(t)));
  return { factor, matrix: (t) => gramRows(factor(t)) };
}
