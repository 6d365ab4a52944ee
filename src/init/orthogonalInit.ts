/**
 * Haar-random (semi-)orthogonal factors from a shared seeded {@link Rng}: Q from the QR factorisation
 * of a Gaussian matrix with R_jj > 0 (twice-iterated modified Gram–Schmidt, Mezzadri 2007), then the
 * leading rows × cols block, which has orthonormal columns (rows ≥ cols) or rows (rows < cols).
 * Cost O(s³), s = max(rows, cols).
 */
import type { Rng } from './rng.js';
import { type Matrix, zeros } from '../linalg/matrix.js';

export function haarBlock(rng: Rng, rows: number, cols: number): Matrix {
  const s = Math.max(rows, cols);
  const a = rng.normalArray(s * s);
  const q = new Float64Array(s * s);
  const col = new Float64Array(s);
  for (let j = 0; j < s; j++) {
    for (let i = 0; i < s; i++) col[i] = a[i * s + j];
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let d = 0;
        for (let i = 0; i < s; i++) d += q[i * s + k] * col[i];
        for (let i = 0; i < s; i++) col[i] -= d * q[i * s + k];
      }
    }
    let nrm = 0;
    for (let i = 0; i < s; i++) nrm += col[i] * col[i];
    nrm = Math.sqrt(nrm);
    for (let i = 0; i < s; i++) q[i * s + j] = col[i] / nrm;
  }
  const out = zeros(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.data[i * cols + j] = q[i * s + j];
  return out;
}
