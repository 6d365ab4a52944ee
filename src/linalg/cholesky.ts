/**
 * Cholesky factorisation M = LLᵀ of a symmetric positive definite w×w matrix and T = L⁻ᵀ, in
 * WebAssembly (gemm.wat: `cholesky`, `inverseTranspose`, SIMD dot products) or, without it, in the
 * JavaScript below, which sums in the same order (bit-identical). Cost w³/3 + w³/6 multiply-adds.
 *
 * Left-looking: Lⱼⱼ = √(Mⱼⱼ − Σ_{p<j} L²ⱼₚ), Lᵢⱼ = (Mᵢⱼ − Σ_{p<j} LᵢₚLⱼₚ)/Lⱼⱼ; row j of T is column j of
 * L⁻¹: Tⱼⱼ = 1/Lⱼⱼ, Tⱼᵢ = −(Σ_{j≤p<i} LᵢₚTⱼₚ)/Lᵢᵢ for i > j. Each sum runs in four partial sums over
 * p ≡ 0, 1, 2, 3 (mod 4) up to the last multiple of 4, combined as (s₀ + s₂) + (s₁ + s₃), then the tail.
 */
import { reserve, wasmModule } from './gemm.js';

function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, len: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let q = 0;
  for (; q + 3 < len; q += 4) {
    s0 += x[xo + q] * y[yo + q];
    s1 += x[xo + q + 1] * y[yo + q + 1];
    s2 += x[xo + q + 2] * y[yo + q + 2];
    s3 += x[xo + q + 3] * y[yo + q + 3];
  }
  let s = (s0 + s2) + (s1 + s3);
  for (; q < len; q++) s += x[xo + q] * y[yo + q];
  return s;
}

/** JavaScript version of {@link choleskyInverseTranspose} (the scalar backend). */
export function choleskyInverseTransposeScalar(m: Float64Array, w: number, t: Float64Array): boolean {
  for (let j = 0; j < w; j++) {
    const rj = j * w;
    const d = m[rj + j] - dot(m, rj, m, rj, j);
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    m[rj + j] = ljj;
    for (let i = j + 1; i < w; i++) m[i * w + j] = (m[i * w + j] - dot(m, i * w, m, rj, j)) / ljj;
  }
  for (let j = 0; j < w; j++) {
    const tj = j * w;
    for (let i = 0; i < j; i++) t[tj + i] = 0;
    t[tj + j] = 1 / m[tj + j];
    for (let i = j + 1; i < w; i++) t[tj + i] = -dot(m, i * w + j, t, tj + j, i - j) / m[i * w + i];
  }
  return true;
}

/**
 * Overwrites the lower triangle of m (w×w, row-major, symmetric positive definite) with L, M = LLᵀ,
 * and writes T = L⁻ᵀ (upper triangular, zeros below) into t. Returns false, leaving m and t
 * unspecified, at a pivot that is not > 0 (M not positive definite in floating point, or NaN).
 */
export function choleskyInverseTranspose(m: Float64Array, w: number, t: Float64Array): boolean {
  const mod = wasmModule();
  if (mod === null) return choleskyInverseTransposeScalar(m, w, t);
  const len = w * w;
  const heap = reserve(2 * len);
  heap.set(m.length === len ? m : m.subarray(0, len), 0);
  if (mod.cholesky(0, w) !== 0) return false;
  mod.inverseTranspose(0, len * 8, w);
  m.set(heap.subarray(0, len));
  t.set(heap.subarray(len, 2 * len));
  return true;
}
