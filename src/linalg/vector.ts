/** Small vector helpers on Float64Array slices. */

/** Euclidean norm of x[off .. off+len), scaled so that it neither overflows nor underflows. */
export function norm2(x: Float64Array, off = 0, len = x.length - off): number {
  let mx = 0;
  for (let i = off; i < off + len; i++) mx = Math.max(mx, Math.abs(x[i]));
  if (mx === 0 || !Number.isFinite(mx)) return mx;
  let ss = 0;
  for (let i = off; i < off + len; i++) {
    const v = x[i] / mx;
    ss += v * v;
  }
  return mx * Math.sqrt(ss);
}
