import { describe, expect, it } from 'vitest';
import { Rng } from '../init/rng.js';
import { choleskyInverseTranspose, choleskyInverseTransposeScalar } from './cholesky.js';
import { gemmBackend } from './gemm.js';

/** I + SᵀS for a random k×w S: symmetric positive definite, condition 1 + ‖S‖². */
function spd(w: number, seed: number, scale = 1): Float64Array {
  const k = w + 3;
  const s = new Rng(seed).normalArray(k * w, scale);
  const m = new Float64Array(w * w);
  for (let i = 0; i < w; i++) for (let j = 0; j < w; j++) {
    let x = i === j ? 1 : 0;
    for (let p = 0; p < k; p++) x += s[p * w + i] * s[p * w + j];
    m[i * w + j] = x;
  }
  return m;
}

describe('Cholesky factor and L⁻ᵀ', () => {
  it('WebAssembly and JavaScript agree bit for bit, and LLᵀ = M, L·Tᵀ = I to rounding (w = 1 … 13, 37)', () => {
    expect(gemmBackend()).toBe('wasm');
    for (const w of [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 37]) {
      const m = spd(w, w);
      const a = m.slice(), b = m.slice();
      const ta = new Float64Array(w * w).fill(Number.NaN), tb = new Float64Array(w * w).fill(Number.NaN);
      expect(choleskyInverseTranspose(a, w, ta)).toBe(true);
      expect(choleskyInverseTransposeScalar(b, w, tb)).toBe(true);
      expect(ta).toEqual(tb);
      for (let i = 0; i < w; i++) for (let j = 0; j <= i; j++) expect(Object.is(a[i * w + j], b[i * w + j])).toBe(true);
      const cond = 1 + w * 4; // ≈ 1 + ‖S‖² for these draws
      for (let i = 0; i < w; i++) {
        for (let j = 0; j < w; j++) {
          let llt = 0, lt = 0; // (LLᵀ)ᵢⱼ and (L·Tᵀ)ᵢⱼ, T = L⁻ᵀ
          for (let p = 0; p <= Math.min(i, j); p++) llt += a[i * w + p] * a[j * w + p];
          for (let p = 0; p <= i; p++) lt += a[i * w + p] * ta[j * w + p];
          expect(Math.abs(llt - m[i * w + j])).toBeLessThan(1e-13 * cond * w);
          expect(Math.abs(lt - (i === j ? 1 : 0))).toBeLessThan(1e-13 * cond * w);
          if (j < i) expect(ta[i * w + j]).toBe(0);
        }
      }
    }
  });

  it('refuses a matrix that is not positive definite, or NaN, on both paths', () => {
    for (const bad of [Float64Array.from([1, 2, 2, 1]), Float64Array.from([Number.NaN, 0, 0, 1]), Float64Array.from([0, 0, 0, 1])]) {
      expect(choleskyInverseTranspose(bad.slice(), 2, new Float64Array(4))).toBe(false);
      expect(choleskyInverseTransposeScalar(bad.slice(), 2, new Float64Array(4))).toBe(false);
    }
  });
});
