/**
 * Certified first hitting times of levels by the projections of a gradient flow.
 *
 * For a level τ = q·σᵢ and projection pᵢ(t) (see {@link FlowEvaluator}), returns the first t in
 * [0, horizon] with pᵢ(t) ≥ τ, to `tol` (default 1e−9) absolute, or null if pᵢ stays below τ on the
 * whole interval. Crossings between evaluation points cannot be missed: along a gradient flow
 * |ṗᵢ| ≤ C(τ)·‖θ̇‖ while pᵢ ≤ τ and ‖θ̇‖² = −dL/dt, so before a first crossing in [t, t+h]
 *     pᵢ(s) − pᵢ(t) ≤ C(τ)·sqrt(h·(L(t) − L(t+h)))   (Cauchy–Schwarz; C = `variationBound(τ)`),
 * and an interval is certified free of crossings when pᵢ(t) + C(τ)·sqrt(h·(ΔL + 2·lossError)) < τ.
 * Where the evaluator gives ṗᵢ and K₂ ≥ |p̈ᵢ| (symmetric flows), also when pᵢ(t) + max(ṗᵢ(t), 0)·h +
 * ½K₂h² < τ: this second-order certificate does not depend on the loss's rounding and, near a
 * transversal crossing, certifies every bracket shorter than 2ṗᵢ/K₂. The search
 * marches forward doubling its step while intervals certify, and bisects where they do not; the
 * first crossing is then located by bisection with the same certificate on the left half.
 * The search resolves to tol/16, and finer where needed (see below). Intervals that short that
 * cannot be certified (a tangential approach to the level, the loss's rounding) are counted in
 * `uncertified`, except those ending within tol before the reported crossing, which cannot move it
 * by more than the tolerance.
 *
 * Components: the target values σᵢ > k·ε·σ₁ (numerically positive; k the number of values), or the
 * first `components`.
 * Cost: O(log(horizon/tol)) evaluations per resolved crossing plus those of the uncertified
 * stretches; bounded by `maxEvaluations` (default 50 000; a NumericalError beyond it).
 */
import { NumericalError } from '../errors.js';
import type { FlowEvaluator } from './evaluator.js';

export interface HittingOptions {
  tol?: number;
  maxEvaluations?: number;
  /** Search only the first `components` target values (default: the numerically positive ones). */
  components?: number;
  /** Initial step of the forward march. */
  h0?: number;
}

export interface HittingResult {
  levels: number[];
  /** times[l][i]: first time pᵢ ≥ levels[l]·σᵢ, or null; one entry per positive σᵢ. */
  times: (number | null)[][];
  horizon: number;
  /** Number of sub-`tol` intervals accepted without certificate. */
  uncertified: number;
  evaluations: number;
}

interface Sample {
  p: Float64Array;
  loss: number;
  /** ṗ, when the evaluator provides it. */
  rate: Float64Array | null;
}

/**
 * First-order certificate: an upper bound of pᵢ on [t, t + h] while pᵢ ≤ τ, from
 * |ṗᵢ| ≤ C(τ)·‖θ̇‖ and Cauchy–Schwarz, ∫‖θ̇‖ ≤ sqrt(h·∫‖θ̇‖²) = sqrt(h·(L(t) − L(t+h))):
 *     pᵢ(t) + C(τ)·sqrt(h·(max(0, L(t) − L(t+h)) + 2·lossError)).
 */
export function firstOrderBound(p: number, variation: number, h: number, lossDrop: number, lossError: number): number {
  return p + variation * Math.sqrt(h * (Math.max(0, lossDrop) + 2 * lossError));
}

/** Second-order certificate: pᵢ(t + s) ≤ pᵢ(t) + max(ṗᵢ(t), 0)·s + ½K₂s² for s ∈ [0, h] (K₂ ≥ |p̈ᵢ|). */
export function secondOrderBound(p: number, rate: number, rateBound: number, h: number): number {
  return p + Math.max(0, rate) * h + 0.5 * rateBound * h * h;
}

export function hittingTimes(
  ev: FlowEvaluator,
  levels: number[],
  horizon: number,
  options: HittingOptions = {},
): HittingResult {
  const tol = options.tol ?? 1e-9;
  // Internal resolution, set per search (tol/16, then finer in the re-search).
  let res: number;
  const maxEvaluations = options.maxEvaluations ?? 50_000;
  const H = Math.min(horizon, ev.maxTime);
  const cache = new Map<number, Sample>();
  let evaluations = 0;
  const sample = (t: number): Sample => {
    let s = cache.get(t);
    if (!s) {
      if (++evaluations > maxEvaluations) {
        throw new NumericalError(`hitting-time search exceeded ${maxEvaluations} evaluations`, { t });
      }
      s = { p: ev.projections(t), loss: ev.loss(t), rate: ev.projectionRates ? ev.projectionRates(t) : null };
      cache.set(t, s);
    }
    return s;
  };
  const eL = ev.lossError;
  const K2 = ev.rateBound ?? Infinity;
  let uncertified = 0;
  // The component and level of the current search.
  let i = 0, tau = 0;
  // Intervals [a, b] that failed to certify and cannot be split (width ≤ res, or no float between).
  // Stryker disable next-line ArrayDeclaration: emptied (length = 0) before every search
  const leaves: [number, number][] = [];
  // Right end of the last resolved crossing bracket: a sample with pᵢ ≥ τ.
  let crossing = 0;
  const free = (a: number, sa: Sample, b: number, sb: Sample): boolean => {
    const h = b - a;
    // Either bound, taken over [a, s], is strictly increasing in s (or equals pᵢ(a) < τ), and pᵢ(b) < τ is
    // known: a bound exactly at τ over [a, b] also proves pᵢ < τ on [a, b].
    // Stryker disable next-line EqualityOperator: a bound exactly at τ (see above)
    if (sa.rate && secondOrderBound(sa.p[i], sa.rate[i], K2, h) < tau) return true;
    // Stryker disable next-line EqualityOperator: a bound exactly at τ (see above)
    return firstOrderBound(sa.p[i], ev.variationBound(tau), h, sa.loss - sb.loss, eL) < tau;
  };
  /**
   * First crossing in (a, b] given none before a and pᵢ(a) < τ; null if none is found (then every
   * part of [a, b] is certified or a leaf). A bracket with pᵢ(b) ≥ τ is halved, keeping the first
   * crossing, until it is resolved (width ≤ res or no float between its ends): its midpoint is returned.
   */
  const first = (a: number, b: number): number | null => {
    const sa = sample(a), sb = sample(b);
    const mid = 0.5 * (a + b);
    const split = b - a > res && mid > a && mid < b;
    if (sb.p[i] >= tau) {
      if (split) return first(a, mid) ?? first(mid, b);
      crossing = b;
      return mid;
    }
    if (free(a, sa, b, sb)) return null;
    if (split) return first(a, mid) ?? first(mid, b);
    leaves.push([a, b]);
    return null;
  };

  const sigma = ev.targetValues;
  // Numerically positive values only: an exact zero comes out of an eigensolver as ±nε‖Y‖, and a
  // level q·1e−17 is below what the loss can resolve.
  const floor = sigma.length * 2.220446049250313e-16 * Math.max(0, sigma[0] ?? 0);
  const K = options.components ?? sigma.filter((s) => s > floor).length;
  const times: (number | null)[][] = [];
  for (const level of levels) {
    const row: (number | null)[] = [];
    times.push(row);
    for (i = 0; i < K; i++) {
      tau = level * sigma[i];
      if (sample(0).p[i] >= tau) {
        row.push(0);
        continue;
      }
      let t = 0;
      let h = options.h0 ?? 1e-3;
      let found: number | null = null;
      leaves.length = 0;
      // Leaves left uncertified near a crossing lie within κ·res of it (κ the looseness of the
      // certificate), so resolving to tol/16 keeps them inside the reported tolerance.
      res = tol / 16;
      while (t < H) {
        const b = Math.min(H, t + h);
        found = first(t, b);
        if (found !== null) break;
        t = b;
        h *= 2;
      }
      // An uncertified leaf [a, b] may hold an earlier crossing. Leaves ending within tol before the
      // reported time keep the first crossing within tolerance of it. Earlier ones lie within about
      // κ·res of the crossing (κ: looseness of the certificate), so search again from the earliest
      // one (everything before it is certified) to the sample past the crossing, at a finer
      // resolution; below tol·1e−6 the early leaves are counted as uncertified.
      while (found !== null) {
        const limit: number = found - tol;
        // Stryker disable next-line EqualityOperator: a leaf ending exactly at found − tol (either side of the rule is within tolerance)
        const early = leaves.filter(([, b]) => b < limit);
        if (early.length === 0) break;
        if (res <= tol * 1e-6) {
          uncertified += early.length;
          break;
        }
        const from = Math.min(...early.map(([a]) => a));
        res /= 8;
        leaves.length = 0;
        found = first(from, crossing);
      }
      if (found === null) uncertified += leaves.length;
      row.push(found);
    }
  }
  return { levels, times, horizon: H, uncertified, evaluations };
}
