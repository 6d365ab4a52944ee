/**
 * cgmr.scalarReduction [derived] (docs/theory.md §2, "Scalar reduction").
 *
 * Statement. (a) Symmetric Y = Q diag(λ) Qᵀ and identical init W_j(0) = αI: every factor stays
 * W_j(k) = Q diag(w(k)) Qᵀ, so W(k) = Q diag(p(k)) Qᵀ with, per eigenvalue,
 *     w_{k+1} = w_k − η w_k^{N−1}(w_k^N − λ),  w₀ = α,  p_k = w_k^N.
 * (b) Any square Y = U diag(σ) Vᵀ and the aligned init W₁ = αVᵀ, W_j = αI (1 < j < N), W_N = αU:
 * W(k) = U diag(p(k)) Vᵀ with the same recursion for λ → σᵢ.
 * Proof sketch. If every factor is diagonal in the shared basis (Q for (a); W₁ maps V-coordinates to
 * the identity and W_N the identity to U for (b)) the gradient (W_N⋯W_{j+1})ᵀ(W − Y)(W_{j−1}⋯W₁)ᵀ is
 * diagonal in the same basis with entries w^{N−1}(w^N − λ); induction on k.
 *
 * Check. Observation: the matrix GD engine (src/gd, DeepGd), its W(k) for every k ≤ steps.
 * Prediction: the scalar recursion. Verdict: max_k max_{ab}|W(k) − U diag(p(k)) Vᵀ|_{ab} ≤ tol(k),
 *     tol(k) = 64·n·ε·M·R·e_k,   M = max(maxᵢ|λᵢ|, α^N),   R = max(1, maxᵢ (|λᵢ|/α^N)^{1−2/N}),
 * e_k the accumulated, transversally amplified step count of reductionTolerances (≈ 1 + k for Y ⪰ 0).
 * Derivation: each step commits O(nε)·M rounding errors (the O(n³) products, constant 64 for the
 * backward-error constants), which add up over k steps; an error committed while a mode is small is
 * amplified as the mode grows by at most R, the gradient-flow sensitivity f(p(t))/f(p(s)) of
 * ṗ = N p^{2−2/N}(λ − p) relative to p (≤ 1 for N = 2, ≤ (λ/α^N)^{1−2/N} for N ≥ 3); errors off
 * the invariant set grow by at most a_k per step.
 *
 * Finding (negative eigenvalues). The invariant set {W_j = Q diag(w) Qᵀ for all j} is transversally
 * unstable at a negative eigenvalue (the residual stays ≈ |λᵢ|): in float64 the matrix engine leaves
 * it and eventually *learns* the negative eigenvalue (W → Y, not Y₊), e.g. λ = (0.92, 0.33, −1),
 * N = 4, α = 0.134, η = 0.121: p₃ follows the recursion to ~10⁻⁵ until k ≈ 1300, then falls to −1
 * by k ≈ 1500 (negativeEigenvalueDeparture). The reduction is therefore claimed, and
 * checked, only up to the certified horizon where tol(k) ≤ 10⁻⁶·M (a hypothesis).
 * Margin: 1 − max_k err(k)/tol(k).
 *
 * This claim licenses the other [CGMR] checks to use the scalar recursion in place of the matrix
 * engine over long intervals, on instances inside these hypotheses (identical init, symmetric Y).
 */
import fc from 'fast-check';
import { seedArb } from '../../src/generate/arbitraries.js';
import { haarOrthogonal } from '../../src/generate/orthogonal.js';
import { deepInit } from '../../src/gd/inits.js';
import { DeepGd } from '../../src/gd/models.js';
import { type Matrix, zeros } from '../../src/linalg/matrix.js';
import { EPS } from '../../src/metrics/tolerance.js';
import type { HypothesisFailure, NegativeControl, Theorem, Verdict } from '../types.js';
import { monotoneStep } from './bounds.js';
import { stepHypotheses } from './hypotheses.js';

export interface ScalarReductionInstance {
  /** 'identity': symmetric Y, W_j(0) = αI; 'aligned': Y = U diag(σ) Vᵀ (U from basisSeed, V from rightSeed), aligned init. */
  kind: 'identity' | 'aligned';
  /** Eigenvalues (identity, any sign, decreasing) or singular values (aligned, ≥ 0, decreasing). */
  eigenvalues: number[];
  depth: number;
  alpha: number;
  stepSize: number;
  basisSeed: number;
  rightSeed: number;
  /** Number of GD steps compared. */
  steps: number;
}

export interface ScalarPrediction {
  /** p[k][i] = w_i(k)^N, k = 0 … steps. */
  p: Float64Array[];
}

export interface ScalarObservation {
  /** max entry of |W(k) − U diag(p(k)) Vᵀ| divided by tol(k), maximised over k, and where. */
  worstRatio: number;
  worstIteration: number;
  maxError: number;
}

interface Variant {
  id: string;
  title: string;
  /** Exponent of w in the gradient (N − 1 in the claim). */
  gradientExponentShift: number;
  /** Prediction step size factor (1 in the claim). */
  etaFactor: number;
  /** Observe the aligned instances with the plain identity init (the aligned hypothesis dropped). */
  identityForAligned: boolean;
}

/**
 * tol(k), k = 0 … steps, of the reduction (any instance with eigenvalues, depth, α and η):
 *     tol(k) = 64·n·ε·M·R·e_k,   e₀ = 1,   e_{k+1} = a_k·e_k + 1,
 *     a_k = 1 + η(N−1)·w_max(k)^{N−2}·max(0, maxᵢ(pᵢ(k) − λᵢ))   (scalar recursion values).
 * a_k bounds the growth per step of a perturbation transverse to the invariant set of identical
 * diagonal factors that the mode growth (R) does not already account for: the Hessian there is a PSD
 * part plus the residual coupling Rᵢ = pᵢ − λᵢ times products of N−2 factors, R·w^{N−2}(11ᵀ − I)
 * among the N factors of one mode; on the directions with Σⱼδⱼ = 0 it acts as −Rᵢw^{N−2}, which is
 * destabilising only when Rᵢ > 0 (p above its target); factor (N−1) for the unequal factors and the
 * coupled pairs of modes (Weyl). With every λᵢ ≥ 0 and no overshoot R ≤ 0 and e_k = 1 + k; a negative
 * eigenvalue keeps R ≥ |λᵢ| and makes the set transversally unstable, so e_k grows geometrically
 * (see transverseHorizon). The sign argument is a linearisation, not a proof: the claim's
 * properties are its check.
 */
export function reductionTolerances(inst: { eigenvalues: number[]; depth: number; alpha: number; stepSize: number }, steps: number): Float64Array {
  const n = inst.eigenvalues.length, N = inst.depth, lam = inst.eigenvalues, eta = inst.stepSize;
  const a = inst.alpha ** N;
  const lmax = Math.max(...lam.map(Math.abs));
  const R = Math.max(1, ...lam.map((l) => (Math.abs(l) / a) ** (1 - 2 / N)));
  const c = 64 * n * EPS * Math.max(lmax, a) * R;
  const out = new Float64Array(steps + 1);
  const w = new Float64Array(n).fill(inst.alpha);
  let e = 1;
  for (let k = 0; k <= steps; k++) {
    out[k] = c * e;
    let wmax = 0, rmax = 0;
    for (let i = 0; i < n; i++) {
      wmax = Math.max(wmax, Math.abs(w[i]));
      rmax = Math.max(rmax, w[i] ** N - lam[i]);
    }
    e = (1 + eta * (N - 1) * wmax ** (N - 2) * rmax) * e + 1;
    // Stryker disable next-line EqualityOperator: i = n writes past w's end, which a Float64Array ignores (the >= sibling is killed)
    for (let i = 0; i < n; i++) w[i] -= eta * w[i] ** (N - 1) * (w[i] ** N - lam[i]);
  }
  return out;
}

/** Largest tolerance the reduction is checked with: 10⁻⁶·max(|λ|, α^N) (beyond it the comparison says little). */
export function toleranceCap(inst: { eigenvalues: number[]; depth: number; alpha: number }): number {
  return 1e-6 * Math.max(...inst.eigenvalues.map(Math.abs), inst.alpha ** inst.depth);
}

/** Number of steps for which tol(k) ≤ toleranceCap (the certified horizon; ≥ steps when every λ ≥ 0 in practice). */
export function transverseHorizon(inst: { eigenvalues: number[]; depth: number; alpha: number; stepSize: number }, steps: number): number {
  const t = reductionTolerances(inst, steps), cap = toleranceCap(inst);
  for (let k = 0; k <= steps; k++) {
    // Stryker disable next-line EqualityOperator: tol(k) exactly at the cap is a tie
    if (t[k] > cap) return k - 1;
  }
  return steps;
}

function hypotheses(inst: ScalarReductionInstance): HypothesisFailure[] {
  const f: HypothesisFailure[] = [];
  if (inst.kind !== 'identity' && inst.kind !== 'aligned') f.push({ name: "kind ∈ {'identity', 'aligned'}", quantity: NaN, relation: '=', bound: 0 });
  if (inst.kind === 'aligned') {
    inst.eigenvalues.forEach((s, i) => {
      if (!(s >= 0)) f.push({ name: `aligned: singular value σ${i + 1} ≥ 0`, quantity: s, relation: '≥', bound: 0 });
    });
    for (let i = 0; i + 1 < inst.eigenvalues.length; i++) {
      if (!(inst.eigenvalues[i] > inst.eigenvalues[i + 1])) f.push({ name: `aligned: distinct singular values σ${i + 1} > σ${i + 2}`, quantity: inst.eigenvalues[i] - inst.eigenvalues[i + 1], relation: '>', bound: 0 });
    }
  }
  if (!(Number.isInteger(inst.steps) && inst.steps >= 1 && inst.steps <= 1e5)) f.push({ name: 'steps integer in [1, 1e5]', quantity: inst.steps, relation: '≤', bound: 1e5 });
  // The reduction itself holds for any η; bounded iterates (no divergence) need the stability side:
  f.push(...stepHypotheses(inst, 'stable'));
  if (f.length === 0) {
    const h = transverseHorizon(inst, inst.steps);
    if (h < inst.steps) f.push({ name: 'steps ≤ certified horizon (tol(k) ≤ 1e−6·max|λ|; a negative eigenvalue makes the reduction transversally unstable)', quantity: inst.steps, relation: '≤', bound: h });
  }
  return f;
}

export function targetAndInit(inst: ScalarReductionInstance, identityForAligned: boolean): { y: Matrix; u: Matrix; v: Matrix; init: Matrix[] } {
  const n = inst.eigenvalues.length;
  const u = haarOrthogonal(n, inst.basisSeed);
  const v = inst.kind === 'aligned' ? haarOrthogonal(n, inst.rightSeed) : u;
  const y = zeros(n, n);
  // Stryker disable next-line EqualityOperator: a = n or b = n reads past u's end (NaN) and writes past y's end (ignored by a Float64Array) or into y[a+1][0], which the next row overwrites (the >= siblings are killed)
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += u.data[a * n + i] * inst.eigenvalues[i] * v.data[b * n + i];
    y.data[a * n + b] = s;
  }
  if (inst.kind === 'identity') {
    // Stryker disable next-line EqualityOperator: a = n writes past y's end (ignored by a Float64Array), b = a copies the diagonal onto itself (the >= siblings are killed)
    for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) y.data[a * n + b] = y.data[b * n + a];
  }
  const kind = inst.kind === 'aligned' && !identityForAligned ? 'aligned' : 'identity';
  return { y, u, v, init: deepInit(kind, y, inst.depth, inst.alpha) };
}

function makeScalarReduction(variant: Variant): Theorem<ScalarReductionInstance, ScalarPrediction, ScalarObservation> {
  return {
    id: variant.id,
    title: variant.title,
    source: { paper: 'CGMR', label: 'scalar dynamics of GD with identical/aligned init (§2)' },
    tag: 'derived',
    statement:
      'Symmetric Y = Q diag(λ) Qᵀ with W_j(0) = αI, or any square Y = U diag(σ) Vᵀ with the aligned init: W(k) = U diag(w(k)^N) Vᵀ, ' +
      'w_{k+1} = w_k − η w_k^{N−1}(w_k^N − λᵢ), w₀ = α, for every k (tolerance 64nε(1 + k)·max(|λ|, α^N)·R).',
    margin: { name: 'rounding slack', meaning: '1 − max_k max_ab |W(k) − U diag(p(k)) Vᵀ|_ab / tol(k)' },
    hypotheses,
    predict(inst) {
      const N = inst.depth, n = inst.eigenvalues.length;
      const eta = inst.stepSize * variant.etaFactor;
      const e = N - 1 + variant.gradientExponentShift;
      const w = new Float64Array(n).fill(inst.alpha);
      const p: Float64Array[] = [];
      for (let k = 0; k <= inst.steps; k++) {
        p.push(w.map((x) => x ** N));
        // Stryker disable next-line EqualityOperator: i = n writes past w's end, which a Float64Array ignores (the >= sibling is killed)
        for (let i = 0; i < n; i++) w[i] -= eta * w[i] ** e * (w[i] ** N - inst.eigenvalues[i]);
      }
      return { p };
    },
    observe(inst, pred) {
      const { y, u, v, init } = targetAndInit(inst, variant.identityForAligned);
      const n = inst.eigenvalues.length;
      const model = new DeepGd(y, init);
      const tols = reductionTolerances(inst, inst.steps);
      let worstRatio = 0, worstIteration = 0, maxError = 0;
      for (let k = 0; k <= inst.steps; k++) {
        const w = model.evaluate().product;
        const pk = pred.p[k];
        let err = 0;
        for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += u.data[a * n + i] * pk[i] * v.data[b * n + i];
          err = Math.max(err, Math.abs(w[a * n + b] - s));
        }
        const r = err / tols[k];
        maxError = Math.max(maxError, err);
        // Stryker disable next-line EqualityOperator: a tie r = worstRatio only moves worstIteration to a later iteration with the same ratio
        if (!(r <= worstRatio)) {
          worstRatio = r;
          worstIteration = k;
        }
        // Stryker disable next-line ConditionalExpression,EqualityOperator: one more step after the last compared iteration is never read (the false sibling is killed)
        if (k < inst.steps) model.step(inst.stepSize);
      }
      return { worstRatio, worstIteration, maxError };
    },
    verdict(_inst, _pred, obs): Verdict {
      // Stryker disable next-line EqualityOperator: a ratio of exactly 1 (error exactly at the derived tolerance) is a tie
      const holds = obs.worstRatio <= 1;
      return {
        holds,
        margin: Number.isFinite(obs.worstRatio) ? 1 - obs.worstRatio : -Infinity,
        certified: true,
        worst: { iteration: obs.worstIteration },
        details: { maxError: obs.maxError, worstRatio: obs.worstRatio },
      };
    },
    arbitrary: scalarReductionArbitrary,
    boundary: scalarReductionBoundary,
    negativeControls: [],
  };
}

/** n ∈ 2…5, N ∈ 2…4, λ ∈ ±[0.2, 3] (identity) or σ ∈ [0.2, 3] (aligned), α ∈ [0.1, 0.9]·(λ_min⁺)^{1/N}, η ∈ [0.2, 1]·1/(Nλ₁^{2−2/N}), 60–200 steps. */
export function scalarReductionArbitrary(): fc.Arbitrary<ScalarReductionInstance> {
  return fc
    .record({
      kind: fc.constantFrom<'identity' | 'aligned'>('identity', 'aligned'),
      n: fc.integer({ min: 2, max: 5 }),
      depth: fc.integer({ min: 2, max: 4 }),
      values: fc.array(fc.double({ min: 0.2, max: 3, noNaN: true }), { minLength: 5, maxLength: 5 }),
      signs: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      a: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
      s: fc.double({ min: 0.2, max: 1, noNaN: true }),
      basisSeed: seedArb,
      rightSeed: seedArb,
      steps: fc.integer({ min: 60, max: 200 }),
    })
    .map(({ kind, n, depth, values, signs, a, s, basisSeed, rightSeed, steps }): ScalarReductionInstance => {
      let ev = values.slice(0, n).map((x, i) => (kind === 'identity' && signs[i] && i > 0 ? -x : x));
      ev = [...new Set(ev)].sort((x, y) => y - x);
      while (ev.length < n) {
        const last = ev[ev.length - 1];
        // Stryker disable next-line EqualityOperator: last is never 0 (drawn values are ≥ 0.2 in modulus; halving or subtracting 0.05 keeps them away from 0)
        ev.push(last > 0 ? last / 2 : last - 0.05);
      }
      const l1 = Math.max(...ev.map(Math.abs));
      // Stryker disable next-line EqualityOperator: no eigenvalue drawn is 0 (moduli ≥ 0.2, see above)
      const pos = ev.filter((x) => x > 0);
      const alpha = a * Math.min(...pos) ** (1 / depth);
      const inst: ScalarReductionInstance = { kind, eigenvalues: ev, depth, alpha, stepSize: s * monotoneStep(l1, depth), basisSeed, rightSeed, steps };
      return { ...inst, steps: Math.max(1, transverseHorizon(inst, steps)) };
    });
}

/** Across the hypotheses: η up to 2.4× the stability threshold's half, negative singular values for the aligned kind. */
export function scalarReductionBoundary(): fc.Arbitrary<ScalarReductionInstance> {
  // Stryker disable next-line BooleanLiteral: a NaN f gives η = NaN, which wellFormed reports outside the hypotheses: the boundary arbitrary still straddles them
  return fc.record({ base: scalarReductionArbitrary(), f: fc.double({ min: 0.5, max: 2.4, noNaN: true }), neg: fc.boolean() }).map(({ base, f, neg }) => {
    const ev = base.kind === 'aligned' && neg ? [...base.eigenvalues.slice(0, -1), -0.1] : base.eigenvalues;
    return { ...base, eigenvalues: ev, stepSize: base.stepSize * f, steps: Math.min(base.steps, 80) };
  });
}

export const scalarReduction = makeScalarReduction({
  id: 'cgmr.scalarReduction',
  title: 'GD with identical (symmetric Y) or aligned (any square Y) init reduces to the scalar recursion',
  gradientExponentShift: 0,
  etaFactor: 1,
  identityForAligned: false,
});
scalarReduction.negativeControls = [
  {
    name: 'identity-init-on-nonsymmetric-Y',
    kind: 'near-miss',
    refutedFraction: [0.35, 0.65],
    description: 'the aligned hypothesis dropped: plain αI on a non-symmetric Y (refuted exactly on the aligned half of the instances)',
    theorem: makeScalarReduction({ id: 'cgmr.scalarReduction~identity-init', title: 'scalar reduction with αI for any Y', gradientExponentShift: 0, etaFactor: 1, identityForAligned: true }),
  },
  {
    name: 'step-size-1%-off',
    kind: 'gross',
    description: 'the recursion run with 1.01η (a 1 % error in the step size of the prediction)',
    theorem: makeScalarReduction({ id: 'cgmr.scalarReduction~eta+1%', title: 'scalar recursion with 1.01η', gradientExponentShift: 0, etaFactor: 1.01, identityForAligned: false }),
  },
  {
    name: 'exponent-N-2',
    kind: 'gross',
    description: 'the gradient w^{N−2}(w^N − λ) instead of w^{N−1}(w^N − λ)',
    theorem: makeScalarReduction({ id: 'cgmr.scalarReduction~exponent', title: 'scalar recursion with exponent N − 2', gradientExponentShift: -1, etaFactor: 1, identityForAligned: false }),
  },
] satisfies NegativeControl<ScalarReductionInstance>[];

/**
 * The recorded departure from the invariant set at a negative eigenvalue (a finding, not a failure
 * of the claim: the instance's steps are beyond its certified horizon, so it is outside the
 * hypotheses). Matrix GD learns λ₃ = −1 (p₃ → −1) although the scalar recursion decays to 0.
 */
export const negativeEigenvalueDeparture = {
  instance: { kind: 'identity', eigenvalues: [0.9226780740460859, 0.32655025661268294, -0.9999999999999989], depth: 4, alpha: 0.13442730975587602, stepSize: 0.12118293669279823, basisSeed: 1639760480, rightSeed: 0, steps: 1557 } satisfies ScalarReductionInstance,
  explanation:
    'identical diagonal factors are a transversally unstable invariant set when λᵢ < 0 (residual ≈ |λᵢ| couples the factors with a negative Hessian eigenvalue); ' +
    'float64 rounding seeds the unstable direction and matrix GD converges to a W with the negative eigenvalue learned (W → Y, not Y₊)',
};
