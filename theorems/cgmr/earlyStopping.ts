/**
 * cgmr.earlyStopping [paper claim (early stopping); the bound derived] (docs/theory.md §2, the
 * estimation view): Y = X + E with X ⪰ 0 of rank r and E symmetric noise. Stopping gradient descent
 * inside the certified interval of the rank-interval theorem (cgmr.erankInterval) estimates X better
 * than running to convergence, which gives W(∞) = Y₊ (the positive part of Y).
 *
 * Statement. With λ = λ(Y), Ŷ_r the best rank-r approximation of Y, W_j(0) = αI, the interval
 * hypotheses on λ(Y) (tail eigenvalues may be negative here: the observation is the matrix engine
 * at one iteration, not a stand-in), and k* = ⌈T_r⁺⌉ < T_{r+1}⁻ (the earliest certified stop):
 *     ‖W(k*) − X‖_F ≤ ‖Ŷ_r − X‖_F + ρ,   ρ = (ε²Σᵢ≤r λᵢ² + (n − r)δ²)^{1/2},
 * because W(k*) and Ŷ_r share Y's eigenbasis, |pᵢ − λᵢ| ≤ ελᵢ (i ≤ r) and 0 < pᵢ < δ (i > r; δ > α^N).
 * So the ratio ‖W(k*) − X‖_F / ‖Y₊ − X‖_F ≤ R̂ = (‖Ŷ_r − X‖_F + ρ)/‖Y₊ − X‖_F, and stopping early
 * wins when the noise matters: R̂ < 1 (a hypothesis).
 * Check. Prediction: R̂ (from the eigendecomposition of Y and X). Observation: the ratio with W(k*)
 * from the matrix GD engine on Y. Margin: 1 − ratio/R̂; the verdict reports the ratio.
 */
import fc from 'fast-check';
import { seedArb } from '../../src/generate/arbitraries.js';
import { haarOrthogonal, withSpectrum } from '../../src/generate/orthogonal.js';
import { deepInit } from '../../src/gd/inits.js';
import { DeepGd } from '../../src/gd/models.js';
import { Rng } from '../../src/init/rng.js';
import { eigh } from '../../src/linalg/eigh.js';
import { type Matrix, zeros } from '../../src/linalg/matrix.js';
import { EPS } from '../../src/metrics/tolerance.js';
import type { HypothesisFailure, NegativeControl, Theorem, Verdict } from '../types.js';
import { hittingLower, monotoneStep, twoPhaseUpper } from './bounds.js';
import { stepHypotheses } from './hypotheses.js';
import { unit } from './draws.js';

export interface EarlyStoppingInstance {
  /** Eigenvalues of the ground truth X (r positive, then zeros). */
  signal: number[];
  /** E = noise·S, S symmetric with N(0, 1) entries (diagonal N(0, 2)) from noiseSeed. */
  noise: number;
  noiseSeed: number;
  basisSeed: number;
  depth: number;
  alpha: number;
  stepSize: number;
  epsilon: number;
  delta: number;
  /** Phase-1 level of T_r⁺ (default 1/2). */
  phase1Level?: number;
}

export interface EarlyStoppingPrediction {
  r: number;
  lambdaY: number[];
  interval: [number, number | null];
  stop: number;
  rho: number;
  /** ‖Ŷ_r − X‖_F and ‖Y₊ − X‖_F. */
  errTruncated: number;
  errConverged: number;
  ratioBound: number;
}

export interface EarlyStoppingObservation {
  errStopped: number;
  ratio: number;
}

interface Variant {
  id: string;
  title: string;
  rhoFactor: number;
  /** Stop at stopFactor·T_r⁺ (1 in the claim). */
  stopFactor: number;
}

export function build(inst: EarlyStoppingInstance): { x: Matrix; y: Matrix } {
  const n = inst.signal.length;
  const x = withSpectrum(haarOrthogonal(n, inst.basisSeed), inst.signal);
  const rng = new Rng(inst.noiseSeed, 'noiseSeed');
  const y = zeros(n, n);
  // Stryker disable next-line EqualityOperator: a = n starts the inner loop at b = n, which runs no iteration
  for (let a = 0; a < n; a++) for (let b = a; b < n; b++) {
    const e = inst.noise * rng.normal() * (a === b ? Math.SQRT2 : 1);
    y.data[a * n + b] = x.data[a * n + b] + e;
    y.data[b * n + a] = x.data[b * n + a] + e;
  }
  return { x, y };
}

function frobDiff(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/** Φ diag(f(λ)) Φᵀ from an eigendecomposition. */
function spectralMap(e: { values: Float64Array; vectors: Matrix }, f: (l: number, i: number) => number): Float64Array {
  return withSpectrum(e.vectors, Array.from(e.values, f)).data;
}

function predictWith(inst: EarlyStoppingInstance, v: Pick<Variant, 'rhoFactor' | 'stopFactor'>): EarlyStoppingPrediction {
  const { x, y } = build(inst);
  const e = eigh(y);
  const lam = Array.from(e.values);
  const r = inst.signal.filter((s) => s > 0).length, n = lam.length, N = inst.depth, c = inst.phase1Level ?? 0.5;
  const tPlus = Math.max(...lam.slice(0, r).map((l) => twoPhaseUpper(c, inst.epsilon, l, inst.alpha, inst.stepSize, N)));
  const l1 = lam[r];
  const tMinus = l1 > inst.alpha ** N && inst.delta <= l1 ? hittingLower(inst.delta, l1, inst.alpha, inst.stepSize, N) : null;
  const rho = v.rhoFactor * Math.sqrt(inst.epsilon ** 2 * lam.slice(0, r).reduce((s, l) => s + l * l, 0) + (n - r) * inst.delta ** 2);
  const errTruncated = frobDiff(spectralMap(e, (l, i) => (i < r ? l : 0)), x.data);
  const errConverged = frobDiff(spectralMap(e, (l) => Math.max(l, 0)), x.data);
  return { r, lambdaY: lam, interval: [tPlus, tMinus], stop: Math.ceil(v.stopFactor * tPlus), rho, errTruncated, errConverged, ratioBound: (errTruncated + rho) / errConverged };
}

function hypotheses(inst: EarlyStoppingInstance): HypothesisFailure[] {
  const n = inst.signal.length;
  if (!Array.isArray(inst.signal) || n < 2 || !inst.signal.every((s, i) => s >= 0 && (i === 0 || s <= inst.signal[i - 1]))) {
    return [{ name: 'signal: ≥ 2 eigenvalues of X, decreasing, ≥ 0', quantity: NaN, relation: '≥', bound: 0 }];
  }
  const r = inst.signal.filter((s) => s > 0).length;
  if (!(r >= 1 && r < n)) return [{ name: 'rank(X) = r with 1 ≤ r < n', quantity: r, relation: '<', bound: n }];
  if (!(inst.noise >= 0 && Number.isFinite(inst.noise))) return [{ name: 'noise ≥ 0', quantity: inst.noise, relation: '≥', bound: 0 }];
  const pred = predictWith(inst, { rhoFactor: 1, stopFactor: 1 });
  const lam = pred.lambdaY;
  // α^N < λᵢ is asked of i ≤ r only: the tail of Y may sit below α^N
  // Stryker disable next-line MethodExpression: without the slice the names run λ_{r+1}…λ_{r+n}, the tail's and extra ones past λ_n that never occur
  const tailNames = new Set(lam.slice(r).map((_, j) => `α^N < λ${r + j + 1}`));
  // Stryker disable next-line StringLiteral: stepHypotheses reads any mode but 'stable' as 'monotone'
  const f = stepHypotheses({ eigenvalues: lam, depth: inst.depth, alpha: inst.alpha, stepSize: inst.stepSize }, 'monotone').filter((x) => !tailNames.has(x.name));
  if (f.length > 0) return f;
  const a = inst.alpha ** inst.depth, c = inst.phase1Level ?? 0.5;
  if (!(lam[r - 1] > a / c)) f.push({ name: 'λ_r(Y) > α^N/c', quantity: lam[r - 1], relation: '>', bound: a / c });
  if (!(inst.epsilon > 0 && inst.epsilon < 1 - c)) f.push({ name: '0 < ε < 1 − c', quantity: inst.epsilon, relation: '<', bound: 1 - c });
  if (!(inst.delta > a)) f.push({ name: 'α^N < δ', quantity: a, relation: '<', bound: inst.delta });
  // Stryker disable next-line MethodExpression: λ₁…λ_r exceed α^N here (stepHypotheses returned otherwise), so the whole spectrum and its tail agree
  const tail = lam.slice(r);
  // Stryker disable next-line EqualityOperator: an eigenvalue of Y exactly 0 or exactly α^N is a tie of measure zero
  const belowInit = tail.some((l) => l > 0 && l < a);
  if (belowInit && !(inst.stepSize * (2 * inst.depth - 1) * inst.alpha ** (2 * inst.depth - 2) <= 1)) {
    f.push({ name: 'η(2N−1)α^{2N−2} ≤ 1', quantity: inst.stepSize * (2 * inst.depth - 1) * inst.alpha ** (2 * inst.depth - 2), relation: '≤', bound: 1 });
  }
  // Stryker disable next-line EqualityOperator: the integer k* equal to the real T_{r+1}⁻ (a ratio of logarithms or powers) is a tie of measure zero
  if (!(pred.interval[1] === null || pred.stop < pred.interval[1])) f.push({ name: 'k* = ⌈T_r⁺⌉ < T_{r+1}⁻ (non-empty interval)', quantity: pred.stop, relation: '<', bound: pred.interval[1] });
  // Stryker disable next-line EqualityOperator: R̂ exactly 1 (a ratio of Frobenius norms) is a tie of measure zero
  if (!(pred.ratioBound < 1)) f.push({ name: 'the noise matters: R̂ = (‖Ŷ_r − X‖_F + ρ)/‖Y₊ − X‖_F < 1', quantity: pred.ratioBound, relation: '<', bound: 1 });
  return f;
}

function makeEarly(v: Variant): Theorem<EarlyStoppingInstance, EarlyStoppingPrediction, EarlyStoppingObservation> {
  return {
    id: v.id,
    title: v.title,
    source: { paper: 'CGMR', label: 'abstract: certified intervals as early-stopping criteria (estimation problem)' },
    tag: 'paper',
    statement:
      'Y = X + E, rank(X) = r, W_j(0) = αI, stop at k* = ⌈T_r⁺⌉ < T_{r+1}⁻: ‖W(k*) − X‖_F/‖Y₊ − X‖_F ≤ R̂ = (‖Ŷ_r − X‖_F + ρ)/‖Y₊ − X‖_F, ρ = (ε²Σᵢ≤r λᵢ² + (n−r)δ²)^{1/2}; R̂ < 1 when the noise matters.',
    margin: { name: 'ratio slack', meaning: '1 − (‖W(k*) − X‖_F/‖Y₊ − X‖_F) / R̂' },
    hypotheses,
    predict: (inst) => predictWith(inst, v),
    observe(inst, pred) {
      const { x, y } = build(inst);
      const model = new DeepGd(y, deepInit('identity', y, inst.depth, inst.alpha));
      for (let k = 0; k < pred.stop; k++) model.step(inst.stepSize);
      const errStopped = frobDiff(model.evaluate().product, x.data);
      return { errStopped, ratio: errStopped / pred.errConverged };
    },
    verdict(inst, pred, o): Verdict {
      const n = inst.signal.length;
      const tol = (64 * n * EPS * (1 + pred.stop) * Math.max(...pred.lambdaY.map(Math.abs)) * n) / pred.errConverged;
      return {
        holds: o.ratio <= pred.ratioBound + tol,
        margin: 1 - o.ratio / pred.ratioBound,
        certified: true,
        worst: { iteration: pred.stop },
        details: { ratio: o.ratio, ratioBound: pred.ratioBound, stop: pred.stop, interval: pred.interval, errStopped: o.errStopped, errTruncated: pred.errTruncated, errConverged: pred.errConverged, rho: pred.rho },
      };
    },
    arbitrary: () => earlyArbitrary(false),
    boundary: () => earlyArbitrary(true),
    negativeControls: [],
  };
}

/**
 * n ∈ 6…10, r ∈ 1…2, signal eigenvalues in [1, 3], noise with 2σ√n ∈ [0.05, 0.4]·λ_r (a spectral
 * gap above the noise), N ∈ 2…3, η ∈ [0.5, 0.97]× the monotone bound of λ₁(Y), ε = 0.01,
 * δ = min(λ_{r+1}(Y)/2, α^N(λ_r/α^N)^{2g + 0.05}), g = λ_{r+1}/λ_r (small, yet the interval is
 * non-empty: T_{r+1}⁻ ∝ ln(δ/α^N)/λ_{r+1} against T_r⁺ ∝ ln(λ_r/α^N)/λ_r), α: 10^{−3…−2} (N = 2),
 * 10^{−1.5…−1} (N = 3). Filtered to the hypotheses (the boundary keeps everything and lets the noise
 * reach 0.8·λ_r).
 */
export function earlyArbitrary(boundary: boolean): fc.Arbitrary<EarlyStoppingInstance> {
  return fc
    .record({
      n: fc.integer({ min: 6, max: 10 }),
      r: fc.integer({ min: 1, max: 2 }),
      top: fc.array(fc.double({ min: 1, max: 3, noNaN: true }), { minLength: 2, maxLength: 2 }),
      z: unit(),
      depth: fc.integer({ min: 2, max: 3 }),
      u: unit(),
      s: fc.double({ min: 0.5, max: 0.97, noNaN: true }),
      noiseSeed: seedArb,
      basisSeed: seedArb,
    })
    .map((k) => earlyFromKnobs(k, boundary))
    .filter((i) => boundary || hypotheses(i).length === 0);
}

/** The knobs of {@link earlyArbitrary}: n, r, the two top eigenvalues, z (noise level), N, u (α), s (η), the seeds. */
export interface EarlyKnobs {
  n: number;
  r: number;
  top: number[];
  z: number;
  depth: number;
  u: number;
  s: number;
  noiseSeed: number;
  basisSeed: number;
}

/** The instance the knobs give (the map of {@link earlyArbitrary}; its doc comment states the ranges). */
export function earlyFromKnobs({ n, r, top, z, depth, u, s, noiseSeed, basisSeed }: EarlyKnobs, boundary: boolean): EarlyStoppingInstance {
  const t = top.slice(0, r).sort((a, b) => b - a);
  const signal = [...t, ...Array<number>(n - r).fill(0)];
  const level = boundary ? 0.05 + z * 0.75 : 0.05 + z * 0.35;
  const noise = (level * t[r - 1]) / (2 * Math.sqrt(n));
  const [lo, hi] = depth === 2 ? [-3, -2] : [-1.5, -1];
  const alpha = 10 ** (lo + u * (hi - lo));
  const base: EarlyStoppingInstance = { signal, noise, noiseSeed, basisSeed, depth, alpha, stepSize: 0, epsilon: 0.01, delta: 0 };
  const lam = eigh(build(base).y).values;
  const aN = alpha ** depth, g = Math.max(lam[r], 0) / lam[r - 1];
  const delta = Math.min(Math.max(lam[r], 0) / 2, aN * (lam[r - 1] / aN) ** (2 * g + 0.05));
  return { ...base, stepSize: s * monotoneStep(lam[0], depth), delta };
}

export const earlyStopping = makeEarly({ id: 'cgmr.earlyStopping', title: 'Early stopping in the certified interval beats convergence to Y₊ when the noise matters', rhoFactor: 1, stopFactor: 1 });
earlyStopping.negativeControls = [
  {
    name: 'rho-dropped',
    kind: 'near-miss',
    refutedFraction: [0.03, 0.2],
    description: 'the allowance ρ dropped: W(k*) claimed at least as close to X as Ŷ_r (a 25 % cut of ρ is never refuted: ρ is small beside ‖Ŷ_r − X‖_F)',
    theorem: makeEarly({ id: 'cgmr.earlyStopping~rho-dropped', title: 'ρ = 0', rhoFactor: 0, stopFactor: 1 }),
  },
  {
    name: 'stop-at-T⁺/2',
    kind: 'near-miss',
    refutedFraction: [0.1, 0.35],
    description: 'stopping at T_r⁺/2, before the certified interval (refuted where the top modes are not learned by then)',
    theorem: makeEarly({ id: 'cgmr.earlyStopping~early', title: 'stop at T_r⁺/2', rhoFactor: 1, stopFactor: 0.5 }),
  },
  {
    name: 'stop-at-T⁺/5',
    kind: 'gross',
    description: 'stopping at T_r⁺/5 (nothing learned yet: W ≈ α^N I)',
    theorem: makeEarly({ id: 'cgmr.earlyStopping~very-early', title: 'stop at T_r⁺/5', rhoFactor: 1, stopFactor: 0.2 }),
  },
] satisfies NegativeControl<EarlyStoppingInstance>[];
