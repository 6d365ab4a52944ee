/**
 * Per-eigenvalue scalars of the closed form (docs/theory.md §1), evaluated without overflow.
 *
 * For an eigenvalue λ of Y and t > 0, with x = 2λt:
 *   g(λ, t)  = ∫₀ᵗ 2e^{2λs} ds = expm1(x)/λ          (= 2t when λ = 0),
 *   d²(λ, t) = e^{2λt}/g = λ / (−expm1(−x))          (= 1/(2t) when λ = 0).
 * g overflows for x ≳ 709 and is returned as √g in extended form (m·2^e); d² lies in [0, max(λ, 1/(2t))·(1+x)] and
 * tends to λ (λ > 0), to 0 (λ < 0, underflowing gradually through the subnormals like |λ|e^{−2|λ|t})
 * and to 1/(2t) (λ → 0); it is never Inf/NaN for t > 0.
 */

import { expExtended, mulExtended, toExtended } from '../linalg/extended.js';

/**
 * √g(λ, t) as an extended number (m, e), √g = m·2^e, m ∈ [0.5, 1): relative error a few ε beyond
 * that of rounding x = 2λt (a relative perturbation of t). Never overflows.
 */
export function sqrtGExtended(lambda: number, t: number): [number, number] {
  const x = 2 * lambda * t;
  // λ = 0 gives x = 0: the series.
  // Stryker disable next-line EqualityOperator: at |x| = 1e−10 both forms agree to rounding
  if (Math.abs(x) < 1e-10) return toExtended(Math.sqrt(2 * t * (1 + x / 2)));
  const [bm, be] = toExtended(1 / Math.sqrt(Math.abs(lambda)));
  // Stryker disable next-line EqualityOperator: x = 0 took the series above
  const [am, ae] = x < 0 ? toExtended(Math.sqrt(-Math.expm1(x))) : sqrtExpm1Extended(x);
  return mulExtended(am, ae, bm, be);
}

/**
 * √expm1(x) for x > 0 as an extended number: never overflows. Up to λt = 2³⁰ it is e^{x/2}·√(1 − e^{−x})
 * with e^{x/2} from expExtended: √g within 2ε for x ≤ 10⁶ (measured against 40 digits at 3000 points of
 * [1e−10, 2·10⁹]; beyond, within the conditioning x·ε), as accurate as float64's √expm1 where that does
 * not overflow (within 0.6ε at x ≤ 700), so no separate float64 branch is needed.
 */
function sqrtExpm1Extended(x: number): [number, number] {
  // Beyond 2³⁰ the power of two 2^{x/(2 ln 2)} below is accurate only to x·ε/2 (97ε at x = 2000), the
  // conditioning of rounding t; the position of the switch above 2³⁰ trades expExtended's accuracy for it.
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: the switch's position above 2³⁰ (see above)
  if (x / 2 > 2 ** 30) {
    // Cody–Waite reduction loses its exactness for k ≳ 2³⁰; e^{x/2} = 2^{f}, f = x/(2 ln 2), is then
    // known only to a relative error e^{|x|ε} anyway (the conditioning of rounding t).
    const f = x / 2 / Math.LN2;
    const k = Math.floor(f);
    return [2 ** (f - k - 1), k + 1];
  }
  const [em, ee] = expExtended(x / 2);
  return mulExtended(em, ee, Math.sqrt(-Math.expm1(-x)), 0);
}

/** Returns d²(λ, t) = λ/(−expm1(−2λt)) (t > 0). */
export function dSquared(lambda: number, t: number): number {
  const x = 2 * lambda * t;
  // λ = 0 gives x = 0: the series.
  // Stryker disable next-line EqualityOperator: at |x| = 1e−10 both forms agree to rounding
  if (Math.abs(x) < 1e-10) return (1 + x / 2) / (2 * t);
  // Stryker disable next-line EqualityOperator: x = 0 took the series above
  if (x > 0) return lambda / -Math.expm1(-x);
  // λ < 0: |λ|/(e^{|x|} − 1) = |λ|e^{x}/(−expm1(x)); underflows gradually, never overflows.
  return (-lambda * Math.exp(x)) / -Math.expm1(x);
}
