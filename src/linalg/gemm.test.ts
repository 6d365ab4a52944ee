import { describe, expect, it } from 'vitest';
import { Rng } from '../init/rng.js';
import { GEMM_FMA_WASM_BASE64, GEMM_WASM_BASE64 } from './gemmWasmBytes.js';
import {
  ARENA_MAX_DIM, WASM_MIN_WORK, axpy, difference, sumSquares, gemmBackend, gemmNN, gemmNNScalar, gemmNT, gemmNTScalar, gemmTN, gemmTNScalar, productArrays, releaseArrays, setGemmBackend,
} from './gemm.js';

function naive(a: Float64Array, b: Float64Array, m: number, k: number, n: number, ta: boolean, tb: boolean): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
    c[i * n + j] = s;
  }
  return c;
}

/** C = AB, AᵀB and ABᵀ into c (NaN-filled first), each bit-identical to {@link naive} (same summation order). */
function expectThreeProductsExact(a: Float64Array, b: Float64Array, at: Float64Array, bt: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  const check = (ref: Float64Array) => expect(ref.filter((v, i) => !Object.is(c[i], v)).length).toBe(0);
  c.fill(Number.NaN);
  gemmNN(a, b, c, m, k, n);
  check(naive(a, b, m, k, n, false, false));
  c.fill(Number.NaN);
  gemmTN(at, b, c, m, k, n);
  check(naive(at, b, m, k, n, true, false));
  c.fill(Number.NaN);
  gemmNT(a, bt, c, m, k, n);
  check(naive(a, bt, m, k, n, false, true));
}

/** Every residue of m and n modulo the 4×4 block, k from 1, and sizes on both sides of WASM_MIN_WORK. */
const SHAPES = [
  [1, 1, 1], [3, 5, 2], [4, 4, 4], [7, 3, 9], [8, 1, 5], [13, 11, 6], [10, 10, 10], [9, 17, 11],
  [16, 16, 16], [33, 7, 30], [1, 200, 1], [2, 300, 3], [37, 41, 43], [64, 64, 64],
  // m, n multiples of 4: operands read in place (A of AᵀB, B of AB and AᵀB); strides of 1 KB packed.
  [12, 9, 20], [128, 8, 8], [8, 3, 128],
];

function randoms(rng: Rng, m: number, k: number, n: number) {
  return { a: rng.normalArray(m * k), b: rng.normalArray(k * n), bt: rng.normalArray(n * k), at: rng.normalArray(k * m) };
}

describe('gemm kernels', () => {
  for (const backend of ['wasm', 'scalar'] as const) {
    it(`agree with the naive triple loop, exactly, for every shape residue (${backend} backend)`, () => {
      setGemmBackend(backend);
      try {
        const rng = new Rng(1);
        for (const [m, k, n] of SHAPES) {
          const { a, b, bt, at } = randoms(rng, m, k, n);
          // Same summation order (increasing p, separate multiply and add): bit-identical.
          expectThreeProductsExact(a, b, at, bt, new Float64Array(m * n), m, k, n);
        }
      } finally {
        setGemmBackend('wasm');
      }
    });
  }

  it('runs WebAssembly SIMD on this runtime (Node ≥ 20), bit-identical to the scalar kernels at n = 100', () => {
    expect(gemmBackend()).toBe('wasm');
    expect(100 ** 3).toBeGreaterThan(WASM_MIN_WORK);
    const rng = new Rng(2);
    const n = 100;
    const a = rng.normalArray(n * n), b = rng.normalArray(n * n);
    const c = new Float64Array(n * n), d = new Float64Array(n * n);
    gemmNN(a, b, c, n, n, n);
    gemmNNScalar(a, b, d, n, n, n);
    expect(c).toEqual(d);
    gemmTN(a, b, c, n, n, n);
    gemmTNScalar(a, b, d, n, n, n);
    expect(c).toEqual(d);
    gemmNT(a, b, c, n, n, n);
    gemmNTScalar(a, b, d, n, n, n);
    expect(c).toEqual(d);
  });

  it('Gram products (the same array on both sides) agree exactly with the scalar kernels', () => {
    const rng = new Rng(4);
    for (const [n, k] of [[5, 3], [32, 32], [33, 7]]) {
      const u = rng.normalArray(n * k), c = new Float64Array(n * n), d = new Float64Array(n * n);
      gemmNT(u, u, c, n, k, n);
      gemmNTScalar(u, u, d, n, k, n);
      expect(c).toEqual(d);
      const v = rng.normalArray(k * n), e = new Float64Array(n * n), f = new Float64Array(n * n);
      gemmTN(v, v, e, n, k, n);
      gemmTNScalar(v, v, f, n, k, n);
      expect(e).toEqual(f);
      // Not a Gram product: the same array read with different shapes.
      const s = rng.normalArray(n * n), g = new Float64Array(n * n), h = new Float64Array(n * n);
      gemmNN(s, s, g, n, n, n);
      gemmNNScalar(s, s, h, n, n, n);
      expect(g).toEqual(h);
    }
  });

  it('computes in place, exactly, on arrays of one WebAssembly workspace (every shape residue, Gram products, neighbours untouched)', () => {
    const rng = new Rng(5);
    for (const [m, k, n] of [...SHAPES, [32, 32, 32], [100, 37, 100]]) {
      const maxDim = Math.max(m, k, n);
      // Sentinels between the arrays: a product must write only its m·n entries of C.
      const [a, b, bt, at, c, guard, g, h] = productArrays([m * k, k * n, n * k, k * m, m * n, 8, m * m, k * k], maxDim);
      if (maxDim ** 3 >= WASM_MIN_WORK) expect(c.buffer).toBe(a.buffer);
      a.set(rng.normalArray(m * k));
      b.set(rng.normalArray(k * n));
      bt.set(rng.normalArray(n * k));
      at.set(rng.normalArray(k * m));
      guard.fill(7);
      const check = (ref: Float64Array, out = c) => expect(ref.filter((v, i) => !Object.is(out[i], v)).length).toBe(0);
      expectThreeProductsExact(a, b, at, bt, c, m, k, n);
      g.fill(Number.NaN);
      gemmNT(a, a, g, m, k, m); // Gram: lower block triangle, mirrored
      check(naive(a, a, m, k, m, false, true), g);
      h.fill(Number.NaN);
      gemmTN(a, a, h, k, m, k);
      check(naive(a, a, k, m, k, true, false), h);
      expect(Array.from(guard)).toEqual(new Array(8).fill(7));
    }
  });

  it('axpy, difference and sumSquares in a workspace agree bit for bit with the JavaScript loops (odd and even lengths)', () => {
    const rng = new Rng(7);
    for (const len of [1, 2, 7, 64, 1001]) {
      const [x, y, out] = productArrays([len, len, len], 32);
      expect(x.buffer).toBe(y.buffer);
      x.set(rng.normalArray(len));
      y.set(rng.normalArray(len));
      const px = x.slice(), py = y.slice(), pout = new Float64Array(len);
      let ref = 0;
      for (let i = 0; i < len; i++) {
        pout[i] = px[i] - py[i];
        ref += pout[i] * pout[i];
      }
      // the residual (in the workspace and in JavaScript), its loss summed apart: the same bits
      out.fill(Number.NaN);
      difference(x, y, out);
      expect(out).toEqual(pout);
      const plain = new Float64Array(len + 1).fill(Number.NaN);
      difference(px, py, plain, len);
      expect(plain.subarray(0, len)).toEqual(pout);
      expect(plain[len]).toBeNaN();
      expect(Object.is(sumSquares(out), ref)).toBe(true);
      expect(sumSquares(plain, len)).toBe(ref);
      const eta = 0.0137;
      const want = py.map((v, i) => v - eta * px[i]);
      axpy(y, x, -eta);
      axpy(py, px, -eta);
      expect(y).toEqual(want);
      expect(py).toEqual(want);
    }
  });

  it('falls back to copying when operands lie in different workspaces or in plain arrays', () => {
    const rng = new Rng(6);
    const n = 24;
    // Above ARENA_MAX_DIM each request gets a memory of its own.
    const [a] = productArrays([n * n], ARENA_MAX_DIM + 1), [b, c] = productArrays([n * n, n * n], ARENA_MAX_DIM + 1);
    expect(a.buffer).not.toBe(b.buffer);
    a.set(rng.normalArray(n * n));
    b.set(rng.normalArray(n * n));
    const plain = new Float64Array(n * n);
    gemmNN(a, b, c, n, n, n);
    gemmNN(a, b, plain, n, n, n);
    expect(c).toEqual(naive(a, b, n, n, n, false, false));
    expect(plain).toEqual(c);
  });

  it('small requests share an arena (zero-filled, disjoint, products in place); larger ones get a memory of their own', () => {
    const n = 32;
    const [a, b] = productArrays([n * n, n * n], n), [c] = productArrays([n * n], n);
    expect(c.buffer).toBe(a.buffer);
    expect([...a, ...b, ...c].every((v) => v === 0)).toBe(true);
    expect(c.byteOffset).toBeGreaterThanOrEqual(b.byteOffset + b.byteLength);
    a.set(new Rng(8).normalArray(n * n));
    b.set(new Rng(9).normalArray(n * n));
    gemmNN(a, b, c, n, n, n);
    expect(c).toEqual(naive(a, b, n, n, n, false, false));
    const [big] = productArrays([4], ARENA_MAX_DIM + 1);
    expect(big.buffer).not.toBe(a.buffer);
  });

  it('released arrays are handed out again, zero-filled (an arena block split, a memory of its own whole); releasing twice does nothing', () => {
    const n = 20;
    const first = productArrays([n * n, 3 * n], n);
    for (const x of first) x.fill(7);
    releaseArrays(first);
    releaseArrays(first); // a second release must not pool the block twice
    const [small] = productArrays([n * n], n); // fits the released block: its head, the tail stays pooled
    expect(small.buffer).toBe(first[0].buffer);
    expect(small.byteOffset).toBe(first[0].byteOffset);
    expect(small.every((v) => v === 0)).toBe(true);
    const [tail] = productArrays([3 * n], n);
    expect(tail.buffer).toBe(first[0].buffer);
    expect(tail.byteOffset).toBe(first[1].byteOffset);
    expect(tail.every((v) => v === 0)).toBe(true);
    const [next] = productArrays([n * n], n); // nothing released left: fresh memory
    expect(next.byteOffset === small.byteOffset || next.byteOffset === tail.byteOffset).toBe(false);
    releaseArrays([new Float64Array(4)]); // plain arrays: nothing to return
    releaseArrays([]);
    const N = ARENA_MAX_DIM + 4;
    const big = productArrays([N * N, 8], N);
    big[0].fill(3);
    releaseArrays(big);
    const [smaller] = productArrays([8], ARENA_MAX_DIM + 2); // a smaller large request reuses the whole memory
    expect(smaller.buffer).toBe(big[0].buffer);
    expect(smaller.byteOffset).toBe(big[0].byteOffset);
    expect(new Float64Array(big[0].buffer, big[0].byteOffset, N * N).every((v) => v === 0)).toBe(true);
    releaseArrays([smaller]);
    const [larger] = productArrays([8], N + 8); // needs a larger scratch: not the pooled memory
    expect(larger.buffer).not.toBe(big[0].buffer);
    const [a, b, c] = productArrays([N * N, N * N, N * N], N); // too large for it: fresh memory
    expect(a.buffer).not.toBe(big[0].buffer);
    const [again] = productArrays([8], N);
    expect(again.buffer).toBe(big[0].buffer);
    a.set(new Rng(8).normalArray(N * N));
    b.set(new Rng(9).normalArray(N * N));
    gemmNN(a, b, c, N, N, N);
    expect(c).toEqual(naive(a, b, N, N, N, false, false));
  });

  it('reads only m·k and k·n entries of longer operand arrays, and writes only m·n of C', () => {
    const rng = new Rng(3);
    const [m, k, n] = [12, 20, 14];
    const a = rng.normalArray(m * k + 7), b = rng.normalArray(k * n + 5);
    const c = new Float64Array(m * n + 3).fill(7);
    gemmNN(a, b, c, m, k, n);
    const ref = naive(a.subarray(0, m * k), b.subarray(0, k * n), m, k, n, false, false);
    expect(c.subarray(0, m * n)).toEqual(ref);
    expect(Array.from(c.subarray(m * n))).toEqual([7, 7, 7]);
  });

  it('ships the bytes that scripts/build-wasm.mjs compiles from gemm.wat (exact and fused)', async () => {
    // @ts-expect-error: a plain ES module script without type declarations.
    const { compileGemmWat } = await import('../../scripts/build-wasm.mjs');
    expect(await compileGemmWat()).toBe(GEMM_WASM_BASE64);
    expect(await compileGemmWat(true)).toBe(GEMM_FMA_WASM_BASE64);
  });

  it('the opt-in fused backend (relaxed SIMD) stays within 2γ_k·(|A||B|) of the exact kernel, and is opt-in', () => {
    expect(gemmBackend()).toBe('wasm');
    const got = setGemmBackend('wasm-fma');
    try {
      // Node 20 enables relaxed SIMD through its V8 flag; elsewhere the exact kernel stands in.
      expect(got).toBe('wasm-fma');
      const rng = new Rng(8);
      let differs = 0;
      for (const [m, k, n] of [...SHAPES, [100, 100, 100]]) {
        const [a, b, c, g] = productArrays([m * k, k * n, m * n, m * m], Math.max(m, k, n));
        a.set(rng.normalArray(m * k));
        b.set(rng.normalArray(k * n));
        const plain = new Float64Array(m * n);
        for (const [out, x, y, rows, cols, tb] of [[c, a, b, m, n, false], [plain, a.slice(), b.slice(), m, n, false], [g, a, a, m, m, true]] as const) {
          if (tb) gemmNT(x, y, out, rows, k, cols);
          else gemmNN(x, y, out, rows, k, cols);
          const exact = naive(x, y, rows, k, cols, false, tb);
          const abs = naive(x.map(Math.abs), y.map(Math.abs), rows, k, cols, false, tb);
          const gamma = (k * 2 ** -53) / (1 - k * 2 ** -53);
          for (let i = 0; i < rows * cols; i++) {
            expect(Math.abs(out[i] - exact[i])).toBeLessThanOrEqual(2 * gamma * abs[i]);
            if (!Object.is(out[i], exact[i])) differs++;
          }
        }
      }
      // x86-64 with FMA3 (the development machine) fuses: some entries round differently.
      if (process.arch === 'x64' || process.arch === 'arm64') expect(differs).toBeGreaterThan(0);
    } finally {
      setGemmBackend('wasm');
    }
    expect(gemmBackend()).toBe('wasm');
    const [a, c] = productArrays([64 * 64, 64 * 64], 64);
    a.set(new Rng(9).normalArray(64 * 64));
    gemmNN(a, a.slice(), c, 64, 64, 64);
    expect(c).toEqual(naive(a, a, 64, 64, 64, false, false));
  });
});
