import { describe, expect, it } from 'vitest';
import { Rng } from '../init/rng.js';
import { toExtended } from './extended.js';
import { ScaledQR, householderR } from './scaledQR.js';

/** B(I + BᵀB)⁻¹Bᵀ by Gauss–Jordan, for well-conditioned cases. */
function projector(b: number[][]): number[][] {
  const n = b.length, r = b[0].length;
  const m = Array.from({ length: r }, (_, i) => Array.from({ length: r }, (_, j) => (i === j ? 1 : 0) + b.reduce((s, row) => s + row[i] * row[j], 0)));
  const inv = Array.from({ length: r }, (_, i) => Array.from({ length: r }, (_, j) => (i === j ? 1 : 0)));
  for (let c = 0; c < r; c++) {
    const p = m[c][c];
    for (let j = 0; j < r; j++) { m[c][j] /= p; inv[c][j] /= p; }
    for (let i = 0; i < r; i++) if (i !== c) {
      const f = m[i][c];
      for (let j = 0; j < r; j++) { m[i][j] -= f * m[c][j]; inv[i][j] -= f * inv[c][j]; }
    }
  }
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
    let s = 0;
    for (let a = 0; a < r; a++) for (let c = 0; c < r; c++) s += b[i][a] * inv[a][c] * b[j][c];
    return s;
  }));
}

function run(b: number[][]): { q2: Float64Array; n: number; r: number } {
  const n = b.length, r = b[0].length;
  const mant = new Float64Array(n * r), sm = new Float64Array(n), se = new Float64Array(n);
  b.forEach((row, i) => {
    const nrm = Math.hypot(...row);
    [sm[i], se[i]] = toExtended(nrm);
    row.forEach((v, j) => (mant[i * r + j] = nrm === 0 ? 0 : v / nrm));
  });
  const q2 = new Float64Array(n * r);
  new ScaledQR(n, r).thinQLower(mant, sm, se, q2);
  return { q2, n, r };
}

describe('ScaledQR', () => {
  it('gives Q₂Q₂ᵀ = B(I + BᵀB)⁻¹Bᵀ for moderate rows', () => {
    const rng = new Rng(3);
    for (const [n, r] of [[1, 1], [3, 2], [4, 4], [5, 7]]) {
      const b = Array.from({ length: n }, () => Array.from({ length: r }, () => rng.normal() * 2));
      const { q2 } = run(b);
      const p = projector(b);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < r; k++) s += q2[i * r + k] * q2[j * r + k];
        expect(Math.abs(s - p[i][j])).toBeLessThan(1e-14);
      }
    }
  });
  it('handles rows with log-scales far outside float64 and zero rows', () => {
    // Rows 2^{±3000}: the huge row is projected out completely, the tiny one contributes 2^{−6000}≈0.
    const n = 3, r = 2;
    const mant = Float64Array.from([1, 0, 0.6, 0.8, 0, 0]);
    const q2 = new Float64Array(n * r);
    new ScaledQR(n, r).thinQLower(mant, Float64Array.of(0.5, 0.5, 0), Float64Array.of(3000, -3000, -Infinity), q2);
    expect(q2.every(Number.isFinite)).toBe(true);
    const p00 = q2[0] ** 2 + q2[1] ** 2;
    const p11 = q2[2] ** 2 + q2[3] ** 2;
    expect(p00).toBeCloseTo(1, 15);
    expect(p11).toBe(0);
    expect(q2[4]).toBe(0);
    expect(q2[5]).toBe(0);
  });
  it('householderR gives RᵀR = AᵀA', () => {
    const rng = new Rng(9);
    const m = 6, k = 4;
    const a = rng.normalArray(m * k);
    const R = householderR(a, m, k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
      let ata = 0, rtr = 0;
      for (let p = 0; p < m; p++) ata += a[p * k + i] * a[p * k + j];
      for (let p = 0; p < k; p++) rtr += R[p * k + i] * R[p * k + j];
      expect(Math.abs(ata - rtr)).toBeLessThan(1e-13);
    }
    expect(Array.from(householderR(new Float64Array(4), 2, 2))).toEqual([0, 0, 0, 0]);
  });
});
