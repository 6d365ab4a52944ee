/**
 * [MV] Theorem 3 (spectral initialisation).
 *
 * Let Y ⪰ 0 have distinct positive eigenvalues σ₁ > … > σ_K > 0 (the rest zero), and let the init be
 * spectral, W(0) = α·Φ diag(σ_{i,0}) Φᵀ with σ_{i,0} > 0 for i ≤ K. For 0 < ε ≤ σ_K put
 * c_ε = ε / max_i σ_{i,0} and C_ε = σ₁² / (ε·min_{i≤K} σ_{i,0}). If α ≤ c_ε and
 * log(c_ε/α)/log(C_ε/α) > max_{k<K} σ_{k+1}/σ_k, then the intervals
 *     I_k = [ log(C_ε/α)/(2σ_k),  log(c_ε/α)/(2σ_{k+1}) ]   (σ_{K+1} := 0, I_K unbounded)
 * are non-empty and ‖W(t) − Ŷ_k‖₂ ≤ ε for all t ∈ I_k, Ŷ_k the best rank-k approximation of Y.
 * The bound is nearly tight: the verdict reports the tightness max_k sup_{I_k}‖W − Ŷ_k‖ / ε.
 *
 * "For all t ∈ I_k": under the spectral init every mode is monotone ([MV]: 0 < ασ_{i,0} < σ_i gives a
 * strictly increasing logistic; nonpositive modes decrease), and ‖W − Ŷ_k‖₂ = maxᵢ|wᵢ − ŷᵢ| in the
 * shared eigenbasis, so the supremum over I_k is the larger of its values at the two ends (0 at
 * +∞ for I_K). The observation evaluates the closed-form solver there, and cross-checks the
 * monotonicity on a 32-point grid inside each interval (reported; it enters the verdict if violated).
 */
import fc from 'fast-check';
import { symmetricClosedForm } from '../../src/flows/symmetricClosedForm.js';
import { seedArb } from '../../src/generate/arbitraries.js';
import { uniform } from '../../src/generate/uniform.js';
import { EPS, flowTolerance } from '../../src/metrics/tolerance.js';
import type { HypothesisFailure, NegativeControl, Theorem, Verdict } from '../types.js';
import {
  type SpectralInstance,
  bestRankK,
  errorToRankK,
  initFactor,
  maxRatio,
  positiveSpectrum,
  ratioConditionAlpha,
  ratioHypothesis,
  targetOf,
  theorem3Constants,
  theoremIntervals,
} from './common.js';

export interface Theorem3Instance extends SpectralInstance {
  epsilon: number;
}

export interface Theorem3Prediction {
  K: number;
  c: number;
  C: number;
  /** The intervals where the claim is checked (I_k, or a deliberately wrong variant). */
  intervals: [number, number][];
  /** The bound claimed on them (ε, or a deliberately wrong variant). */
  bound: number;
}

export interface Theorem3Observation {
  perInterval: { empty: boolean; sup: number; at: number; gridMax: number; tolerance: number }[];
}

interface Variant {
  id: string;
  title: string;
  /** The bound claimed is epsilonFactor·ε (1 in the paper). */
  epsilonFactor: number;
  /** Each I_k widened by this fraction of its length on both sides (0 in the paper). */
  widen: number;
  /** C_ε multiplied by this factor (1 in the paper). */
  cFactor?: number;
  /** Finite right ends multiplied by this factor (1 in the paper). */
  rightFactor?: number;
}

function hypotheses(inst: Theorem3Instance): HypothesisFailure[] {
  const { K, failures } = positiveSpectrum(inst.eigenvalues);
  if (inst.kind !== 'spectral') failures.push({ name: 'spectral initialisation', quantity: 0, relation: '=', bound: 1 });
  inst.shape.forEach((s, i) => {
    if (i < K && !(s > 0)) failures.push({ name: `σ_{${i + 1},0} > 0`, quantity: s, relation: '>', bound: 0 });
    if (!(s >= 0)) failures.push({ name: `σ_{${i + 1},0} ≥ 0`, quantity: s, relation: '≥', bound: 0 });
  });
  // (K = 0 is among the failures: positiveSpectrum reports it)
  if (failures.length > 0) return failures;
  const sK = inst.eigenvalues[K - 1];
  if (!(inst.epsilon > 0 && inst.epsilon <= sK)) failures.push({ name: '0 < ε ≤ σ_K', quantity: inst.epsilon, relation: '≤', bound: sK });
  if (!(inst.alpha > 0)) failures.push({ name: 'α > 0', quantity: inst.alpha, relation: '>', bound: 0 });
  if (failures.length > 0) return failures;
  const { c, C } = theorem3Constants(inst.epsilon, inst.shape, inst.eigenvalues[0], K);
  if (!(inst.alpha <= c)) failures.push({ name: 'α ≤ c_ε = ε/max σ_{i,0}', quantity: inst.alpha, relation: '≤', bound: c });
  failures.push(...ratioHypothesis(c, C, inst.alpha, maxRatio(inst.eigenvalues, K)));
  return failures;
}

function makeTheorem3(v: Variant): Theorem<Theorem3Instance, Theorem3Prediction, Theorem3Observation> {
  return {
    id: v.id,
    title: v.title,
    source: { paper: 'MV', label: 'Theorem 3' },
    tag: 'paper',
    statement:
      'Spectral init, distinct positive eigenvalues σ₁ > … > σ_K > 0, 0 < ε ≤ σ_K, c_ε = ε/max σ_{i,0}, C_ε = σ₁²/(ε·min_{i≤K} σ_{i,0}), ' +
      'α ≤ c_ε and log(c_ε/α)/log(C_ε/α) > max σ_{k+1}/σ_k ⇒ I_k = [log(C_ε/α)/(2σ_k), log(c_ε/α)/(2σ_{k+1})] ≠ ∅ and ‖W(t) − Ŷ_k‖ ≤ ε on I_k.',
    margin: { name: 'bound slack', meaning: '1 − max_k sup_{I_k}‖W(t) − Ŷ_k‖₂ / ε' },
    hypotheses,
    predict(inst) {
      const { K } = positiveSpectrum(inst.eigenvalues);
      const k3 = theorem3Constants(inst.epsilon, inst.shape, inst.eigenvalues[0], K);
      const c = k3.c, C = k3.C * (v.cFactor ?? 1);
      const intervals = theoremIntervals(inst.eigenvalues, K, c, C, inst.alpha).map(([l, r0]): [number, number] => {
        const r = r0 * (v.rightFactor ?? 1);
        const len = Number.isFinite(r) ? r - l : l;
        return [Math.max(0, l - v.widen * len), r + v.widen * len];
      });
      return { K, c, C, intervals, bound: v.epsilonFactor * inst.epsilon };
    },
    observe(inst, pred) {
      const y = targetOf(inst);
      const u0 = initFactor(inst);
      const f = symmetricClosedForm(y, u0);
      const n = inst.eigenvalues.length;
      const normY = Math.max(...inst.eigenvalues.map(Math.abs));
      // the size of W along the flow: ‖W(t)‖ ≤ max(‖Y‖, α·max σ_{i,0}) = ‖Y‖, as α·max σ_{i,0} ≤ ε ≤ σ_K
      const M = normY;
      return {
        perInterval: pred.intervals.map(([l, r], k) => {
          if (!(l <= r)) return { empty: true, sup: Infinity, at: l, gridMax: Infinity, tolerance: 0 };
          const yk = bestRankK(inst, k + 1);
          const e = (t: number) => errorToRankK(f.matrix(t), yk);
          const el = e(l);
          const er = Number.isFinite(r) ? e(r) : 0;
          const sup = Math.max(el, er);
          // Stryker disable next-line EqualityOperator: on a tie el = er both ends are the argmax
          const at = el >= er ? l : r;
          const hi = Number.isFinite(r) ? r : 4 * l + 1;
          let gridMax = 0;
          for (let g = 1; g <= 31; g++) gridMax = Math.max(gridMax, e(l + ((hi - l) * g) / 32));
          return { empty: false, sup, at, gridMax, tolerance: flowTolerance(n, normY, M, hi, M) + 8 * n * EPS * normY };
        }),
      };
    },
    verdict(inst, pred, obs): Verdict {
      let margin = Infinity, holds = true, worstK = 0, tight = 0, monotonicityExcess = 0;
      obs.perInterval.forEach((o, k) => {
        if (o.empty) {
          holds = false;
          if (-1 < margin) {
            margin = -1;
            worstK = k;
          }
          return;
        }
        monotonicityExcess = Math.max(monotonicityExcess, o.gridMax - o.sup);
        const sup = Math.max(o.sup, o.gridMax);
        const m = (pred.bound - sup) / pred.bound;
        // Stryker disable next-line EqualityOperator: sup = bound + tolerance exactly (both readings are right)
        if (sup > pred.bound + o.tolerance) holds = false;
        // Stryker disable next-line EqualityOperator: on a tie either interval is the worst
        if (m < margin) {
          margin = m;
          worstK = k;
        }
        tight = Math.max(tight, sup / inst.epsilon);
      });
      // Stryker disable next-line EqualityOperator: a margin of exactly 0 is left at 0
      if (holds && margin < 0) margin = 0; // within the solver's tolerance of the bound
      const w = obs.perInterval[worstK]!; // K ≥ 1 (hypotheses)
      return {
        holds,
        margin,
        certified: true,
        worst: { interval: worstK + 1, time: w.at, note: w.empty ? 'empty interval' : undefined },
        details: {
          tightness: tight,
          intervals: pred.intervals.map(([l, r]) => [l, Number.isFinite(r) ? r : null]),
          supErrors: obs.perInterval.map((o) => (o.empty ? null : o.sup)),
          monotonicityExcess,
          c: pred.c,
          C: pred.C,
        },
      };
    },
    arbitrary: () => theorem3Arbitrary(),
    boundary: () => theorem3Boundary(),
    negativeControls: [],
  };
}

/** σ₁ ∈ [1, 5], σ_{k+1} = r_k·σ_k with r_k ∈ [0.2, 0.85]; optional zero tail; K ≥ minK positive. */
export function gappedSpectrum(maxN = 5, minK = 1): fc.Arbitrary<{ eigenvalues: number[]; K: number }> {
  return fc.integer({ min: minK, max: maxN }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      K: fc.integer({ min: minK, max: n }),
      s1: fc.double({ min: 1, max: 5, noNaN: true }),
      ratios: fc.array(fc.double({ min: 0.2, max: 0.85, noNaN: true }), { minLength: n, maxLength: n }),
    }).map(({ n: nn, K, s1, ratios }) => {
      const ev: number[] = [s1];
      for (let k = 1; k < K; k++) ev.push(ev[k - 1] * ratios[k]);
      while (ev.length < nn) ev.push(0);
      return { eigenvalues: ev, K };
    }),
  );
}

export function theorem3Arbitrary(): fc.Arbitrary<Theorem3Instance> {
  return gappedSpectrum().chain(({ eigenvalues, K }) =>
    fc
      .record({
        basisSeed: seedArb,
        shape: fc.array(fc.double({ min: 0.1, max: 2, noNaN: true }), { minLength: eigenvalues.length, maxLength: eigenvalues.length }),
        u: fc.double({ min: 0.05, max: 1, noNaN: true }),
        v: fc.double({ min: 0.001, max: 3, noNaN: true }),
      })
      .map(({ basisSeed, shape, u, v }): Theorem3Instance => {
        const epsilon = u * eigenvalues[K - 1];
        const { c, C } = theorem3Constants(epsilon, shape, eigenvalues[0], K);
        const alpha = ratioConditionAlpha(c, C, maxRatio(eigenvalues, K)) * 10 ** -v;
        return { kind: 'spectral', eigenvalues, basisSeed, shape, alpha, epsilon };
      }),
  );
}

/** The knobs of one draw of {@link theorem3Boundary}: σ₁, the ratios, the basis, the shapes, ε's factor u, α's decades v. */
export interface Theorem3BoundaryDraw {
  s1: number;
  ratios: number[];
  basisSeed: number;
  shape: number[];
  u: number;
  v: number;
}

/**
 * The boundary instance of a draw (n positive eigenvalues, K = n): σ₁ = s1, σ_{k+1} = ratios[k]·σ_k
 * (ratios[0] unused); a zero σ_{1,0} becomes 0.5, zeros further down are kept (they fail σ_{i,0} > 0);
 * ε = u·σ_K; α = (the ratio-condition bound, at max σ_{k+1}/σ_k capped at 0.999 and the shapes floored
 * at 1e−3)·10^−v, at least 1e−300.
 */
export function theorem3BoundaryAt(n: number, { s1, ratios, basisSeed, shape, u, v }: Theorem3BoundaryDraw): Theorem3Instance {
  const eigenvalues = [s1];
  for (let k = 1; k < n; k++) eigenvalues.push(eigenvalues[k - 1] * ratios[k]);
  const K = n;
  const sh = shape.map((s, i) => (i === 0 && s === 0 ? 0.5 : s));
  const epsilon = u * eigenvalues[K - 1];
  const { c, C } = theorem3Constants(epsilon, sh.map((s) => Math.max(s, 1e-3)), eigenvalues[0], K);
  const alpha = Math.max(1e-300, ratioConditionAlpha(c, C, Math.min(maxRatio(eigenvalues, K), 0.999)) * 10 ** -v);
  return { kind: 'spectral', eigenvalues, basisSeed, shape: sh, alpha, epsilon };
}

/** Near or across the hypotheses: α around the largest admissible value, ε around σ_K, ratios up to 1, zero shapes. */
export function theorem3Boundary(): fc.Arbitrary<Theorem3Instance> {
  return fc.integer({ min: 1, max: 4 }).chain((n) =>
    fc
      .record({
        s1: fc.double({ min: 1, max: 5, noNaN: true }),
        ratios: fc.array(fc.double({ min: 0.5, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
        basisSeed: seedArb,
        shape: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 2, noNaN: true })), { minLength: n, maxLength: n }),
        u: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        v: uniform(-1, 0.5),
      })
      .map((d) => theorem3BoundaryAt(n, d)),
  );
}

export const theorem3 = makeTheorem3({ id: 'mv.theorem3', title: 'Theorem 3: incremental learning intervals under spectral initialisation', epsilonFactor: 1, widen: 0 });
theorem3.negativeControls = [
  {
    name: 'epsilon/10',
    kind: 'gross',
    description: 'the bound ε replaced by ε/10 (the theorem is nearly tight, so this must fail)',
    theorem: makeTheorem3({ id: 'mv.theorem3~eps/10', title: 'Theorem 3 with ε/10', epsilonFactor: 0.1, widen: 0 }),
  },
  {
    name: 'widened-20%',
    kind: 'gross',
    description: 'every interval I_k widened by 20 % of its length on both sides (20 % of the left end for I_K)',
    theorem: makeTheorem3({ id: 'mv.theorem3~widened', title: 'Theorem 3 with intervals widened by 20 %', epsilonFactor: 1, widen: 0.2 }),
  },
  // Near misses: a few per cent off, refuted on the stated fraction of the claim's 100 instances at
  // the properties' seed (measured; properties/mv-theorem3.test.ts). The theorem is nearly tight
  // (tightness ε/(1 + ε/σ₁) at the left end of I₁), which is what makes them visible.
  {
    name: 'epsilon*0.95',
    kind: 'near-miss',
    refutedFraction: [0.14, 0.3],
    description: 'the bound ε replaced by 0.95ε',
    theorem: makeTheorem3({ id: 'mv.theorem3~eps*0.95', title: 'Theorem 3 with 0.95ε', epsilonFactor: 0.95, widen: 0 }),
  },
  {
    name: 'C*0.95',
    kind: 'near-miss',
    refutedFraction: [0.07, 0.2],
    description: 'C_ε multiplied by 0.95 (every left end moved earlier by ln(1/0.95)/(2σ_k))',
    theorem: makeTheorem3({ id: 'mv.theorem3~C*0.95', title: 'Theorem 3 with 0.95·C_ε', epsilonFactor: 1, widen: 0, cFactor: 0.95 }),
  },
  {
    name: 'widened-1%',
    kind: 'near-miss',
    refutedFraction: [0.12, 0.28],
    description: 'every interval I_k widened by 1 % of its length on both sides',
    theorem: makeTheorem3({ id: 'mv.theorem3~widened-1%', title: 'Theorem 3 with intervals widened by 1 %', epsilonFactor: 1, widen: 0.01 }),
  },
  {
    name: 'right-ends+20%',
    kind: 'near-miss',
    refutedFraction: [0.28, 0.46],
    description: 'the finite right ends log(c_ε/α)/(2σ_{k+1}) multiplied by 1.2 (the left ends kept)',
    theorem: makeTheorem3({ id: 'mv.theorem3~right*1.2', title: 'Theorem 3 with right ends +20 %', epsilonFactor: 1, widen: 0, rightFactor: 1.2 }),
  },
] satisfies NegativeControl<Theorem3Instance>[];
