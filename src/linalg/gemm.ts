/**
 * Dense matrix products on row-major Float64Arrays, written for V8: the output is accumulated four
 * rows at a time so that each loaded row of the right factor feeds four multiply-adds (≈ 2.5 GFlop/s
 * at n = 32…256 on the development machine, twice the naive i-k-j loop; `npm run bench`).
 * No allocation; `c` must not alias `a` or `b`. Cost 2·m·k·n flops each.
 */

/** C = A·B (A m×k, B k×n). */
export function gemmNN(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  c.fill(0, 0, m * n);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) {
        const v = b[bp + j];
        c[c0 + j] += x0 * v;
        c[c1 + j] += x1 * v;
        c[c2 + j] += x2 * v;
        c[c3 + j] += x3 * v;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const x = a[i * k + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
    }
  }
}

/** C = Aᵀ·B (A k×m, B k×n). */
export function gemmTN(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  c.fill(0, 0, m * n);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    for (let p = 0; p < k; p++) {
      const ap = p * m + i;
      const x0 = a[ap], x1 = a[ap + 1], x2 = a[ap + 2], x3 = a[ap + 3];
      const bp = p * n;
      for (let j = 0; j < n; j++) {
        const v = b[bp + j];
        c[c0 + j] += x0 * v;
        c[c1 + j] += x1 * v;
        c[c2 + j] += x2 * v;
        c[c3 + j] += x3 * v;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const x = a[p * m + i];
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
    }
  }
}

/** C = A·Bᵀ (A m×k, B n×k). */
export function gemmNT(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const v = b[bj + p];
        s0 += a[a0 + p] * v;
        s1 += a[a1 + p] * v;
        s2 += a[a2 + p] * v;
        s3 += a[a3 + p] * v;
      }
      c[i * n + j] = s0;
      c[(i + 1) * n + j] = s1;
      c[(i + 2) * n + j] = s2;
      c[(i + 3) * n + j] = s3;
    }
  }
  for (; i < m; i++) {
    const ai = i * k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
      c[i * n + j] = s;
    }
  }
}
