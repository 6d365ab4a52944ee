/**
 * Deep gradient descent from the identical init W_j(0) = αI on a symmetric target Y = Q diag(λ) Qᵀ,
 * in decimal arithmetic, through its exact scalar reduction.
 *
 * With W_j(0) = αI every factor stays Q diag(w) Qᵀ, and the matrix update
 *     W_j ← W_j − η (W_N⋯W_{j+1})ᵀ (W − Y) (W_{j−1}⋯W_1)ᵀ   (all j simultaneously)
 * becomes, per eigenvalue, w ← g(w) = w − η w^{N−1}(w^N − λ), with W(k) = Q diag(w(k)^N) Qᵀ and the
 * projection qᵢᵀW(k)qᵢ = wᵢ(k)^N (cgmr.scalarReduction). In exact arithmetic this *is* the matrix
 * trajectory, so running it at D digits gives the matrix GD iterates of the instance (exact
 * eigenvalues λ, exact Q) up to decimal rounding, at O(steps·n·N) decimal operations instead of the
 * O(steps·N·n³) of the full decimal matrix iteration. Only valid for this init (not for a random or
 * balanced-spectral init).
 *
 * Rounding. Alongside each wᵢ the run carries a first-order forward error bound eᵢ (a float64
 * number): e ← |g′(w)|·e + δ, with g′(w) = 1 − η[(N−1)w^{N−2}(w^N − λ) + N w^{2N−2}] and the local
 * rounding δ ≤ (2N + 2)·u·(|w| + η|w|^{N−1}(|w|^N + |λ|)), u = 10^{1−D}; the projection's bound is
 * N|w|^{N−1}e + (N − 1)u|w|^N. The bounds are computed in float64 from the decimal values; each
 * step's e is inflated by 1 + 10⁻¹² (float64 rounding of the bound's own few operations, ≤ 10⁻¹⁴
 * relative; compounded over 10⁶ steps still ≤ 1 + 10⁻⁶) and the projection's bound by 1 %. The
 * neglected second-order term is O(e²) and negligible while e ≪ |w|, which the caller can see from
 * the returned bounds.
 */
import type { Dec, DecimalCtor } from './decimal.js';

/** What the run hands its visitor at iteration k: factor values w, projections p = w^N, and their error bounds. */
export interface ScalarGdState {
  w: Dec[];
  p: Dec[];
  /** First-order bound on |p_computed − p_exact| per eigenvalue. */
  pErr: number[];
}

/**
 * Run w ← w − ηw^{N−1}(w^N − λ) from w = α (all eigenvalues) for up to `steps` steps in the context
 * D; `visit(k, state)` sees iterations 0 … steps and may return true to stop. Returns the last
 * iteration visited. Cost: ≈ (2N + 4)·n decimal operations per step.
 */
export function scalarGdDecimal(
  D: DecimalCtor,
  lambda: Dec[],
  alpha: Dec,
  eta: Dec,
  depth: number,
  steps: number,
  visit: (k: number, s: ScalarGdState) => boolean | void,
): number {
  const N = depth, n = lambda.length;
  const u = 10 ** (1 - D.precision);
  const etaN = eta.toNumber();
  const w = lambda.map(() => new D(alpha));
  const e = new Array<number>(n).fill(0);
  const p = new Array<Dec>(n), pm1 = new Array<Dec>(n);
  const pErr = new Array<number>(n);
  for (let k = 0; ; k++) {
    for (let i = 0; i < n; i++) {
      let y = new D(1);
      for (let j = 1; j < N; j++) y = y.times(w[i]);
      pm1[i] = y; // w^{N−1}
      p[i] = y.times(w[i]); // w^N
      const wn = Math.abs(w[i].toNumber());
      pErr[i] = 1.01 * (N * wn ** (N - 1) * e[i] + (N - 1) * u * wn ** N);
    }
    if (visit(k, { w, p, pErr }) === true || k >= steps) return k;
    for (let i = 0; i < n; i++) {
      const wi = w[i].toNumber(), li = lambda[i].toNumber();
      const a = Math.abs(wi);
      const gp = 1 - etaN * ((N - 1) * wi ** (N - 2) * (wi ** N - li) + N * wi ** (2 * N - 2));
      const delta = (2 * N + 2) * u * (a + etaN * a ** (N - 1) * (a ** N + Math.abs(li)));
      e[i] = (1 + 1e-12) * (Math.abs(gp) * e[i] + delta);
      w[i] = w[i].minus(eta.times(pm1[i]).times(p[i].minus(lambda[i])));
    }
  }
}
