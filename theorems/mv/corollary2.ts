/**
 * [MV] Corollary 2, eqs. (12)–(13): spectral initialisation decouples into logistic modes.
 *
 * If W(0) = α·Φ diag(σ_{i,0}) Φᵀ shares the eigenvectors of Y = Φ diag(σ) Φᵀ, then W(t) = Φ diag(wᵢ(t)) Φᵀ with
 *     wᵢ(t) = ασᵢσ_{i,0}e^{2σᵢt} / (σᵢ + ασ_{i,0}(e^{2σᵢt} − 1))   (σᵢ ≠ 0, any sign),   (12)
 *     wᵢ(t) = ασ_{i,0} / (1 + 2ασ_{i,0}t)                          (σᵢ = 0).            (13)
 * [derived] For σᵢ > 0 and 0 < w₀ = ασ_{i,0} < σᵢ/2 the half-height time is t½ = ln((σᵢ − w₀)/w₀)/(2σᵢ),
 * and dividing α by 10 delays it by ln(10)/(2σᵢ) + δ with 0 ≤ δ = ln(1 + 0.9w₀/(σᵢ − w₀))/(2σᵢ)
 * ≤ 0.45·w₀/(σᵢ(σᵢ − w₀)) (→ 0 as α → 0).
 *
 * Tag 'derived': (12)–(13) are [MV]'s, the half-height time and the delay law are derived here
 * (docs/theory.md §1); the verdict checks all three.
 * Checked with σ_{i,0} > 0 for every mode (see `hypotheses`: an exactly zero component cannot be
 * represented in floating point), and ασ_{i,0}/10 a normal float64. Checked: (i) max over a time grid and over (i, j) of |φᵢᵀW(t)φⱼ − δᵢⱼwᵢ(t)| within the solver's
 * tolerance (both sides are analytic, so a grid covering the transitions is a fair test of an
 * identity); (ii) certified first hitting times of σᵢ/2 against t½ (1e−9); (iii) the delay per decade.
 */
import fc from 'fast-check';
import { logisticMode } from '../../src/flows/spectral.js';
import { symmetricClosedForm } from '../../src/flows/symmetricClosedForm.js';
import { seedArb, spectrumArb } from '../../src/generate/arbitraries.js';
import { uniform } from '../../src/generate/uniform.js';
import { matmul, matmulAtB } from '../../src/linalg/matrix.js';
import { EPS, flowTolerance } from '../../src/metrics/tolerance.js';
import type { HypothesisFailure, NegativeControl, Theorem, Verdict } from '../types.js';
import { type SpectralInstance, basisOf, initFactor, targetOf } from './common.js';
import { HALF_TIME_TOL, halfHeightTimes } from './halfHeight.js';

export interface Corollary2Prediction {
  times: number[];
  /** modes[t][i] = wᵢ(t). */
  modes: number[][];
  /** t½ per mode (null where not applicable: σᵢ ≤ 0 or w₀ ≥ σᵢ/2). */
  halfTimes: (number | null)[];
  /** Predicted delay of t½ per decade of α, and the bound on its deviation from ln(10)/(2σᵢ). */
  delays: (number | null)[];
  delayBounds: (number | null)[];
}

export interface Corollary2Observation {
  /** max |φᵢᵀWφⱼ − δᵢⱼwᵢ| and its tolerance at each time. */
  modeErrors: { error: number; tolerance: number; at: number }[];
  halfTimes: (number | null)[];
  halfTimesDecade: (number | null)[];
  /** Intervals the two hitting-time searches accepted without a certificate. */
  uncertified: number;
}

interface Variant {
  id: string;
  title: string;
  /** Factor in front of σ in the half-height time's denominator (2 in the paper). */
  halfRate: number;
  /** Factor in front of σ in the delay ln(10)/(f·σ) (2 in the paper). */
  delayRate: number;
  /** Factor in front of σ in the exponent e^{fσt} of the mode law (12) (2 in the paper). */
  modeRate: number;
}

/** Smallest positive normal float64. */
const MIN_NORMAL = 2.2250738585072014e-308;

/** A half-height time exists: 0 < w₀ < σ/2 (hence σ > 0). */
function eligible(sigma: number, w0: number): boolean {
  return w0 > 0 && w0 < sigma / 2;
}

function makeCorollary2(v: Variant): Theorem<SpectralInstance, Corollary2Prediction, Corollary2Observation> {
  return {
    id: v.id,
    title: v.title,
    source: { paper: 'MV', label: 'Corollary 2, eqs. (12)–(13)' },
    // (12)–(13) are the paper's; the half-height time, the delay per decade and its bound δ are
    // derived here (docs/theory.md §1), and the verdict checks all three.
    tag: 'derived',
    statement:
      '[MV] Cor. 2: spectral init gives W(t) = Φ diag(wᵢ(t)) Φᵀ with the logistic modes (12)–(13). Derived and checked with them: ' +
      't½ = ln((σᵢ − w₀)/w₀)/(2σᵢ) (w₀ = ασ_{i,0} < σᵢ/2) to 2e−9, and α → α/10 delays t½ by ln(10)/(2σᵢ) + δ, 0 ≤ δ ≤ 0.45w₀/(σᵢ(σᵢ − w₀)).',
    margin: { name: 'tolerance slack', meaning: 'min over checks of 1 − |observed − predicted| / tolerance (mode law, half-height time, delay per decade)' },
    hypotheses(inst): HypothesisFailure[] {
      const f: HypothesisFailure[] = [];
      if (inst.kind !== 'spectral') f.push({ name: 'spectral initialisation', quantity: 0, relation: '=', bound: 1 });
      if (!(inst.alpha > 0)) f.push({ name: 'α > 0', quantity: inst.alpha, relation: '>', bound: 0 });
      inst.shape.forEach((s, i) => {
        // An exactly zero component is not representable: the float64 init is aligned to Y's
        // eigenbasis only up to nε, and that misalignment grows like e^{2(σᵢ − σⱼ)t} (a mode with
        // σᵢ > 0 is then learned from rounding). The paper allows σ_{i,0} = 0; checking needs > 0.
        if (!(s > 0)) f.push({ name: `σ_{${i + 1},0} > 0 (a zero component is not representable in floating point)`, quantity: s, relation: '>', bound: 0 });
      });
      inst.shape.forEach((s, i) => {
        // The delay per decade compares α with α/10: both w₀ = ασ_{i,0} and w₀/10 must be normal
        // float64 numbers (a subnormal w₀/10 carries a few bits, or rounds to 0, and the mode is then
        // not the one predicted). Checked: ασ_{i,0}/10 ≥ 2.2250738585072014e−308.
        if (s > 0 && inst.alpha > 0 && !(inst.alpha * s / 10 >= MIN_NORMAL)) {
          f.push({ name: `ασ_{${i + 1},0}/10 normal (≥ 2.2e−308: the decade α/10 is representable)`, quantity: inst.alpha * s / 10, relation: '≥', bound: MIN_NORMAL });
        }
      });
      // A component must be resolvable next to the largest: Ū₀ = Φ diag(√σ_{j,0}) carries a rounding
      // error ~nε·√max σ_{j,0} in every direction, so φᵢᵀŪ₀ has relative error nε√(max/σ_{i,0}), w₀ twice
      // that, and t½ moves by nε√(max/σ_{i,0})/σᵢ. Within HALF_TIME_TOL/2 this needs
      // σ_{i,0}/max σ_{j,0} ≥ (2nε/(σᵢ·HALF_TIME_TOL))² (checked for the modes with a half-height time).
      const maxShape = Math.max(...inst.shape);
      inst.shape.forEach((s, i) => {
        const si = inst.eigenvalues[i];
        // (s > 0 and w₀ = αs > 0 give α > 0.)
        // Stryker disable next-line EqualityOperator: s = 0 gives w₀ = 0, which eligible() rejects
        if (!(s > 0 && eligible(si, inst.alpha * s))) return;
        const need = ((2 * inst.shape.length * EPS) / (si * HALF_TIME_TOL)) ** 2;
        if (!(s / maxShape >= need)) f.push({ name: `σ_{${i + 1},0}/max σ_{j,0} ≥ (2nε/(σ${i + 1}·HALF_TIME_TOL))² (component resolvable in float64)`, quantity: s / maxShape, relation: '≥', bound: need });
      });
      inst.eigenvalues.forEach((s, i) => {
        if (i > 0 && !(inst.eigenvalues[i - 1] > s)) f.push({ name: `σ${i} > σ${i + 1} (distinct: the eigenbasis, hence the modes, are defined)`, quantity: inst.eigenvalues[i - 1] - s, relation: '>', bound: 0 });
      });
      return f;
    },
    predict(inst) {
      const w0 = inst.shape.map((s) => inst.alpha * s);
      // ln(σ − w₀) − ln w₀, not ln((σ − w₀)/w₀): the quotient overflows for w₀ below ~σ·5.6e−309.
      const halfTimes = inst.eigenvalues.map((s, i) => (eligible(s, w0[i]) ? (Math.log(s - w0[i]) - Math.log(w0[i])) / (v.halfRate * s) : null));
      const tMax = Math.max(1, ...halfTimes.map((t) => 2 * (t ?? 0)));
      const times = [...Array.from({ length: 24 }, (_, k) => (tMax * k) / 23), ...halfTimes.filter((t): t is number => t !== null)];
      const modes = times.map((t) => inst.eigenvalues.map((s, i) => logisticMode(s, w0[i], (v.modeRate / 2) * t)));
      const delays = inst.eigenvalues.map((s, i) => (eligible(s, w0[i]) ? Math.log(10) / (v.delayRate * s) : null));
      const delayBounds = inst.eigenvalues.map((s, i) => (eligible(s, w0[i]) ? (0.45 * w0[i]) / (s * (s - w0[i])) : null));
      return { times, modes, halfTimes, delays, delayBounds };
    },
    observe(inst, pred) {
      const y = targetOf(inst);
      const q = basisOf(inst);
      const f = symmetricClosedForm(y, initFactor(inst));
      const n = inst.eigenvalues.length;
      const normY = Math.max(...inst.eigenvalues.map(Math.abs));
      const M = Math.max(normY, inst.alpha * Math.max(...inst.shape));
      const modeErrors = pred.times.map((t, k) => {
        const proj = matmulAtB(q, matmul(f.matrix(t), q));
        let error = 0, maxW = 0;
        for (let i = 0; i < n; i++) {
          maxW = Math.max(maxW, Math.abs(pred.modes[k][i]));
          for (let j = 0; j < n; j++) error = Math.max(error, Math.abs(proj.data[i * n + j] - (i === j ? pred.modes[k][i] : 0)));
        }
        return { error, tolerance: flowTolerance(n, normY, M, t, Math.max(maxW, inst.alpha * Math.max(...inst.shape))), at: t };
      });
      // Search horizons beyond every first hitting: 1 + 4t½ at α, and at α/10 1 + 4(t½ + d) with d the
      // predicted delay, per mode: it covers the decade time t½ + d + δ, as δ ≤ δ̄ < 0.45/σᵢ (w₀ < σᵢ/2)
      // while 3(t½ + d) ≥ 3 ln(10)/(2.0002σᵢ) > 3.4/σᵢ (t½ ≥ 0). (An earlier horizon, 4t½ + 1 + ln(10)/σ₁,
      // fell short of ln(10)/(2σᵢ) for the small σᵢ: the one-hour hunt found 9 boundary instances
      // "refuted" by an unobserved decade time, pinned in properties/mv-corollary2.test.ts.)
      const horizon = 1 + Math.max(0, ...pred.halfTimes.map((t) => 4 * (t ?? 0)));
      const base = halfHeightTimes(inst, horizon);
      const decadeHorizon = 1 + Math.max(0, ...pred.halfTimes.map((t, i) => 4 * ((t ?? 0) + (pred.delays[i] ?? 0))));
      const decade = halfHeightTimes(inst, decadeHorizon, inst.alpha / 10);
      return { modeErrors, halfTimes: base.times, halfTimesDecade: decade.times, uncertified: base.uncertified + decade.uncertified };
    },
    verdict(_inst, pred, obs): Verdict {
      let margin = Infinity;
      let worst: Verdict['worst'] = {};
      const take = (m: number, w: Verdict['worst']) => {
        // Stryker disable next-line EqualityOperator: on a tie either point is a worst point
        if (m < margin) {
          margin = m;
          worst = w;
        }
      };
      for (const e of obs.modeErrors) take(1 - e.error / e.tolerance, { time: e.at, note: 'mode decoupling / logistic law' });
      pred.halfTimes.forEach((t, i) => {
        if (t === null) return;
        const o = obs.halfTimes[i];
        take(o === null ? -1 : 1 - Math.abs(o - t) / HALF_TIME_TOL, { component: i + 1, time: o ?? undefined, note: 'half-height time' });
        const o10 = obs.halfTimesDecade[i];
        const d = pred.delays[i]!, b = pred.delayBounds[i]! + 2 * HALF_TIME_TOL;
        take(o === null || o10 === null ? -1 : 1 - Math.abs(o10 - o - d) / b, { component: i + 1, note: 'delay per decade of α' });
      });
      return {
        holds: margin >= 0,
        margin,
        certified: obs.uncertified === 0,
        worst,
        details: {
          uncertified: obs.uncertified,
          maxModeError: Math.max(...obs.modeErrors.map((e) => e.error)),
          halfTimes: obs.halfTimes,
          predictedHalfTimes: pred.halfTimes,
          delays: obs.halfTimes.map((t, i) => (t === null || obs.halfTimesDecade[i] === null ? null : (obs.halfTimesDecade[i] as number) - t)),
        },
      };
    },
    arbitrary: () => corollary2Arbitrary(),
    boundary: () =>
      fc.integer({ min: 1, max: 4 }).chain((n) =>
        fc.record({
          kind: fc.constant('spectral' as const),
          eigenvalues: spectrumArb({ n, min: -3, max: 4 }).map((e) => (n > 1 ? [e[0], e[0], ...e.slice(2)] : e)),
          basisSeed: seedArb,
          shape: fc.array(uniform(-0.1, 2), { minLength: n, maxLength: n }),
          alpha: uniform(-3, 0.5).map((e) => 10 ** e),
        }),
      ),
    negativeControls: [],
  };
}

/**
 * Eigenvalues of any sign with gaps ≥ 0.05 and the top one positive; shapes in [0.01, 2] (zero shapes
 * are outside the checkable hypotheses, see `hypotheses`, and are drawn by the boundary arbitrary);
 * α ∈ [1e−10, 1e−1]. Every instance has at least one mode with a half-height time
 * (σ₁ > 0 and 0 < ασ_{1,0} < σ₁/2).
 */
export function corollary2Arbitrary(): fc.Arbitrary<SpectralInstance> {
  return fc
    .integer({ min: 1, max: 5 })
    .chain((n) =>
      fc.record({
        kind: fc.constant('spectral' as const),
        top: fc.double({ min: 0.2, max: 4, noNaN: true }),
        rest: spectrumArb({ n, min: -3, max: 4, minGap: 0.05 }),
        basisSeed: seedArb,
        shape: fc.array(fc.double({ min: 0.01, max: 2, noNaN: true }), { minLength: n, maxLength: n }),
        alpha: fc.double({ min: -10, max: -1, noNaN: true }).map((e) => 10 ** e),
      }),
    )
    .map(({ kind, top, rest, basisSeed, shape, alpha }): SpectralInstance => {
      // rescale the drawn spectrum into (−3, top] keeping gaps: the top one becomes `top`
      const shift = top - rest[0];
      const eigenvalues = rest.map((x) => x + shift);
      const sh = [...shape];
      // Stryker disable next-line EqualityOperator,MethodExpression,ArithmeticOperator: the arbitrary's choice of a replacement; any value with 0 < α·sh₀ < top/2 keeps its contract (a tie α·sh₀ = top/2 has measure 0), and the seeds rarely reach it
      if (alpha * sh[0] >= top / 2) sh[0] = Math.min(1, top / (4 * alpha));
      return { kind, eigenvalues, basisSeed, shape: sh, alpha };
    });
}

export const corollary2 = makeCorollary2({ id: 'mv.corollary2', title: 'Corollary 2: spectral initialisation decouples into logistic modes', halfRate: 2, delayRate: 2, modeRate: 2 });
corollary2.negativeControls = [
  {
    name: 'sigma-not-2sigma',
    kind: 'gross',
    description: 'half-height time ln((σ − w₀)/w₀)/σ (the factor 2 of the logistic rate dropped)',
    theorem: makeCorollary2({ id: 'mv.corollary2~rate', title: 'Corollary 2 with rate σ', halfRate: 1, delayRate: 2, modeRate: 2 }),
  },
  {
    name: 'delay-ln10-over-sigma',
    kind: 'gross',
    description: 'delay ln(10)/σ per decade of α instead of ln(10)/(2σ)',
    theorem: makeCorollary2({ id: 'mv.corollary2~delay', title: 'Corollary 2 with delay ln(10)/σ', halfRate: 2, delayRate: 1, modeRate: 2 }),
  },
  // Near misses: refuted fractions measured on the claim's 100 instances at the properties' seed 21
  // (properties/mv-corollary2.test.ts): 79, 87 and 38 of 100 with the uniform knob draws.
  {
    name: 'rate-2(1+1e-9)',
    kind: 'near-miss',
    refutedFraction: [0.69, 0.89],
    description: 'half-height time ln((σ − w₀)/w₀)/(2(1 + 10⁻⁹)σ): a relative error 10⁻⁹, seen where t½ > HALF_TIME_TOL/10⁻⁹ = 2',
    theorem: makeCorollary2({ id: 'mv.corollary2~rate*(1+1e-9)', title: 'Corollary 2 with rate 2(1 + 1e−9)σ', halfRate: 2 * (1 + 1e-9), delayRate: 2, modeRate: 2 }),
  },
  {
    name: 'delay-2(1+1e-4)',
    kind: 'near-miss',
    refutedFraction: [0.77, 0.97],
    description: 'delay ln(10)/(2(1 + 10⁻⁴)σ) per decade of α: 0.01 % off',
    theorem: makeCorollary2({ id: 'mv.corollary2~delay*1.0001', title: 'Corollary 2 with delay ln(10)/(2.0002σ)', halfRate: 2, delayRate: 2 * (1 + 1e-4), modeRate: 2 }),
  },
  {
    name: 'modes-rate-2(1+1e-13)',
    kind: 'near-miss',
    refutedFraction: [0.28, 0.48],
    description: 'mode law (12) with e^{2(1 + 10⁻¹³)σt}: the modes off by ẇ·10⁻¹³t, seen by the mode-law observation where that exceeds its rounding tolerance',
    theorem: makeCorollary2({ id: 'mv.corollary2~modes*(1+1e-13)', title: 'Corollary 2 with the mode law at rate 2(1 + 1e−13)σ', halfRate: 2, delayRate: 2, modeRate: 2 * (1 + 1e-13) }),
  },
] satisfies NegativeControl<SpectralInstance>[];
