/**
 * Positive numbers with an extended exponent, m·2^e with m ∈ [0.5, 1) and e an integer stored in a
 * double (exact while |e| < 2⁵³): exact products and ratios far outside the float64 range, so that
 * row scales like e^{λt}·‖x‖ keep their full relative precision (a log-domain representation would
 * lose ε·|log| of it). Zero is m = 0, e = −Infinity.
 */

const TWO_POW_1000 = 2 ** 1000;
const TWO_POW_M1000 = 2 ** -1000;

/** x·2^k for integer k (exact unless the result under/overflows). */
export function ldexp(x: number, k: number): number {
  if (x === 0 || k === 0) return x;
  if (k === -Infinity) return 0;
  let y = x;
  let kk = k;
  while (kk > 1000) {
    y *= TWO_POW_1000;
    kk -= 1000;
    if (!Number.isFinite(y)) return y;
  }
  while (kk < -1000) {
    y *= TWO_POW_M1000;
    kk += 1000;
    if (y === 0) return 0;
  }
  // 2^kk is exact for |kk| ≤ 1000; a single product then rounds once (subnormals gradually).
  return kk < -1000 ? 0 : y * 2 ** kk;
}

/** (m, e) with |x| = m·2^e, m ∈ [0.5, 1); (0, −Infinity) for 0. Exact. */
export function toExtended(x: number): [number, number] {
  const a = Math.abs(x);
  if (a === 0) return [0, -Infinity];
  let e = Math.floor(Math.log2(a)) + 1;
  let m = ldexp(a, -e);
  // log2 may be off by one near powers of two; fix exactly.
  while (m >= 1) {
    m /= 2;
    e++;
  }
  while (m < 0.5) {
    m *= 2;
    e--;
  }
  return [m, e];
}

/** Writes {@link toExtended}(x) into mantOut[mantAt], expOut[expAt]. */
export function frexpInto(x: number, mantOut: Float64Array, mantAt: number, expOut: Float64Array, expAt: number): void {
  const [m, e] = toExtended(x);
  mantOut[mantAt] = m;
  expOut[expAt] = e;
}

/** (m₁2^{e₁})·(m₂2^{e₂}) renormalised to a mantissa in [0.5, 1). */
export function mulExtended(m1: number, e1: number, m2: number, e2: number): [number, number] {
  const [m, e] = toExtended(m1 * m2);
  return [m, e + e1 + e2];
}

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;

/**
 * e^{y} for y ≥ 0 as (m, e): y = k·ln2 + r (Cody–Waite reduction, |r| ≤ ln2), e^{y} = e^{r}·2^k.
 * Relative error a few ε beyond the conditioning y·ε of rounding y itself.
 */
export function expExtended(y: number): [number, number] {
  const k = Math.round(y / Math.LN2);
  const [m, e] = toExtended(Math.exp(y - k * LN2_HI - k * LN2_LO));
  return [m, e + k];
}
