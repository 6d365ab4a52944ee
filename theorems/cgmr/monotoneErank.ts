/**
 * cgmr.monotoneErank [paper claim; regime and tolerance derived] (docs/theory.md §2, "Monotone
 * effective rank"): apart from the first steps, the effective rank of the GD iterates increases
 * monotonically.
 *
 * Statement (qualified). Y ⪰ 0 with n₀ zero eigenvalues, W_j(0) = αI, η ≤ 1/(Nλ₁^{2−2/N}), and the
 * small-α regime α^N ≤ 10⁻²·λ_min⁺ (λ_min⁺ the smallest positive eigenvalue). After the iteration k*
 * where erank(W(k)) is minimal, every step satisfies
 *     erank(W(k+1)) ≥ erank(W(k)) − τ,   τ = n·n₀·Nηα^{2N−2}/e  (+ rounding 64n²ε).
 * Derivation of τ. On the instances first tried, the decreases came from zero-eigenvalue modes decaying:
 * such a mode has p ≤ α^N and |Δp| ≤ Nηw^{2N−2}p ≤ Nηα^{2N−2}p per step, so its entropy term
 * φ(π) = −π ln π (π = p/Σp) falls by at most (|Δp|/Σp)·ln(Σp/p) ≤ Nηα^{2N−2}·max_x x ln(1/x) =
 * Nηα^{2N−2}/e; n₀ such modes and erank ≤ n give τ. (A bound on the mechanism, not a proof of the
 * claim: the check is the evidence.)
 * The unqualified reading ("erank never decreases after its minimum", τ = rounding only) fails:
 * with zero eigenvalues the decay of their modes lowers erank by ~10⁻⁵–10⁻⁴ per step at N = 2,
 * α = 0.1 (monotoneErankKnownCounterexample); in the regime it is ~10⁻¹² (α = 10⁻³) and still
 * above rounding, so only the qualified claim holds.
 * Finding (one-hour hunt, 34 instances confirmed in 40 digits; fixture cgmr.monotoneErank/df68db57…,
 * docs/theory.md): τ misses a second mechanism. When the top eigenvalues are learned together, erank
 * reaches its minimum while they still saturate; as they finish, Σp grows while the plateau modes
 * (growth ∝ w^{2N−2}, negligible for N ≥ 3) barely move, their share shrinks and erank falls, by up to
 * 2·10⁻⁴ per step, with or without zero eigenvalues. The qualified claim is refuted as stated and
 * recorded as a known counterexample; `check` reports it as known.
 *
 * Check. erank from the Roy–Vetterli metric of W(k)'s eigenvalues, taken from the scalar recursion
 * per eigenvalue (licensed by cgmr.scalarReduction: identical init, Y ⪰ 0); the properties run the
 * matrix engine on a sample. Steps: until every positive mode is within 10⁻³ of λᵢ (two-phase bound),
 * capped at 4000. Margin: 1 − max decrease after k* / τ.
 */
import fc from 'fast-check';
import { seedArb } from '../../src/generate/arbitraries.js';
import { effectiveRank } from '../../src/metrics/effectiveRank.js';
import { EPS } from '../../src/metrics/tolerance.js';
import type { HypothesisFailure, NegativeControl, Theorem, Verdict } from '../types.js';
import { monotoneStep, twoPhaseUpper } from './bounds.js';
import { type DeepInstance, runDeep } from './engine.js';
import { stepHypotheses } from './hypotheses.js';
import { unit } from './draws.js';

export interface MonotoneErankInstance extends DeepInstance {
  steps: number;
}

export interface MonotoneErankPrediction {
  /** Allowed decrease per step after the minimum. */
  tolerance: number;
  /** Iteration from which monotonicity is claimed: 'after-minimum' (the claim) or 0 (a control). */
  from: 'after-minimum' | 0;
}

export interface MonotoneErankObservation {
  kMin: number;
  minErank: number;
  maxDecrease: number;
  at: number;
}

interface Variant {
  id: string;
  title: string;
  /** Tolerance factor (1 in the claim; 0 leaves rounding only: the unqualified reading). */
  toleranceFactor: number;
  from: 'after-minimum' | 0;
  /** Drop the small-α regime hypothesis (the unqualified reading's domain). */
  anyAlpha: boolean;
}

export const REGIME = 1e-2;

export function monotoneTolerance(inst: MonotoneErankInstance): number {
  const n = inst.eigenvalues.length, N = inst.depth;
  const n0 = inst.eigenvalues.filter((l) => l === 0).length;
  return (n * n0 * N * inst.stepSize * inst.alpha ** (2 * N - 2)) / Math.E;
}

function hypothesesWith(inst: MonotoneErankInstance, v: Variant): HypothesisFailure[] {
  // Stryker disable next-line StringLiteral: any mode but 'stable' is the monotone branch of stepHypotheses
  const f = stepHypotheses(inst, 'monotone');
  if (f.length > 0) return f;
  const ev = inst.eigenvalues;
  if (!(ev[ev.length - 1] >= 0)) f.push({ name: 'Y ⪰ 0 (λ_n ≥ 0)', quantity: ev[ev.length - 1], relation: '≥', bound: 0 });
  const pos = ev.filter((l) => l > 0);
  if (!v.anyAlpha) {
    const lmin = Math.min(...pos); // +∞ without a positive eigenvalue: no regime to ask
    if (!(inst.alpha ** inst.depth <= REGIME * lmin)) f.push({ name: 'small-α regime α^N ≤ 10⁻²·λ_min⁺', quantity: inst.alpha ** inst.depth, relation: '≤', bound: REGIME * lmin });
  }
  if (!(Number.isInteger(inst.steps) && inst.steps >= 1 && inst.steps <= 1e5)) f.push({ name: 'steps integer in [1, 1e5]', quantity: inst.steps, relation: '≤', bound: 1e5 });
  return f;
}

/** erank(W(k)) for k = 0 … steps from the scalar recursion (one value per eigenvalue). */
export function erankTrajectory(inst: MonotoneErankInstance): Float64Array {
  const n = inst.eigenvalues.length, N = inst.depth, eta = inst.stepSize, ev = inst.eigenvalues;
  const w = new Float64Array(n).fill(inst.alpha), p = new Float64Array(n);
  const out = new Float64Array(inst.steps + 1);
  for (let k = 0; k <= inst.steps; k++) {
    // Stryker disable next-line EqualityOperator: i = n writes past a Float64Array's end, which is ignored
    for (let i = 0; i < n; i++) {
      let x = w[i];
      for (let j = 1; j < N; j++) x *= w[i];
      p[i] = x;
    }
    out[k] = effectiveRank(p);
    // Stryker disable next-line EqualityOperator: i = n writes past a Float64Array's end, which is ignored
    for (let i = 0; i < n; i++) w[i] -= (eta * p[i] * (p[i] - ev[i])) / w[i];
  }
  return out;
}

/** The same trajectory from the matrix GD engine (erank of the projections qᵢᵀW(k)qᵢ). */
export function erankTrajectoryWithEngine(inst: MonotoneErankInstance): Float64Array {
  const out = new Float64Array(inst.steps + 1);
  runDeep(inst, inst.steps, (k, p) => {
    out[k] = effectiveRank(p);
  });
  return out;
}

export function observeMonotone(er: Float64Array, from: 'after-minimum' | 0): MonotoneErankObservation {
  let kMin = 0;
  // Stryker disable next-line EqualityOperator: er[er.length] is undefined and undefined < x is false
  for (let k = 1; k < er.length; k++) if (er[k] < er[kMin]) kMin = k;
  const start = from === 0 ? 0 : kMin;
  let maxDecrease = 0, at = start;
  // Stryker disable next-line EqualityOperator: at k = er.length the decrease is NaN and NaN > d is false
  for (let k = start + 1; k < er.length; k++) {
    const d = er[k - 1] - er[k];
    if (d > maxDecrease) {
      maxDecrease = d;
      at = k;
    }
  }
  return { kMin, minErank: er[kMin], maxDecrease, at };
}

function makeMonotone(v: Variant): Theorem<MonotoneErankInstance, MonotoneErankPrediction, MonotoneErankObservation> {
  return {
    id: v.id,
    title: v.title,
    source: { paper: 'CGMR', label: 'abstract: effective rank increases monotonically apart from a few initial steps' },
    tag: 'paper',
    statement:
      'Y ⪰ 0, W_j(0) = αI, η ≤ 1/(Nλ₁^{2−2/N}), α^N ≤ 10⁻²λ_min⁺: after its minimum, erank(W(k+1)) ≥ erank(W(k)) − τ, τ = n·n₀·Nηα^{2N−2}/e (n₀ zero eigenvalues).',
    margin: { name: 'decrease slack', meaning: '1 − max_{k > k*}(erank(k−1) − erank(k)) / (τ + 64n²ε)' },
    hypotheses: (inst) => hypothesesWith(inst, v),
    predict: (inst) => ({ tolerance: v.toleranceFactor * monotoneTolerance(inst), from: v.from }),
    observe: (inst, pred) => observeMonotone(erankTrajectory(inst), pred.from),
    verdict(inst, pred, obs): Verdict {
      const n = inst.eigenvalues.length;
      const tol = pred.tolerance + 64 * n * n * EPS;
      return {
        holds: obs.maxDecrease <= tol,
        margin: 1 - obs.maxDecrease / tol,
        certified: true,
        worst: { iteration: obs.at, note: `erank minimum ${obs.minErank.toFixed(6)} at k* = ${obs.kMin}` },
        details: { kMin: obs.kMin, minErank: obs.minErank, maxDecrease: obs.maxDecrease, tolerance: tol },
      };
    },
    arbitrary: () => monotoneArbitrary(false),
    boundary: () => monotoneArbitrary(true),
    negativeControls: [],
  };
}

/**
 * n ∈ 2…6: 1–4 positive eigenvalues in [0.2, 4] and 0–3 zeros; N ∈ 2…4; η ∈ [0.3, 1]× the monotone
 * bound; α^N = 10^{−u}·10⁻²λ_min⁺ with u ∈ [0, 4] (N = 2), [0, 2] (N = 3), [0, 1.5] (N = 4) (run
 * length). The boundary draws α^N from 10⁻⁴ up to 0.3·λ_min⁺ (across the regime).
 */
export function monotoneArbitrary(boundary: boolean): fc.Arbitrary<MonotoneErankInstance> {
  return fc
    .record({
      pos: fc.array(fc.double({ min: 0.2, max: 4, noNaN: true }), { minLength: 1, maxLength: 4 }),
      zeros: fc.integer({ min: boundary ? 1 : 0, max: 3 }),
      depth: fc.integer({ min: 2, max: 4 }),
      u: unit(),
      s: fc.double({ min: 0.3, max: 1, noNaN: true }),
      basisSeed: seedArb,
    })
    .map(({ pos, zeros, depth, u, s, basisSeed }): MonotoneErankInstance => {
      const p = [...new Set(pos)].sort((x, y) => y - x);
      const eigenvalues = [...p, ...Array<number>(zeros).fill(0)];
      if (eigenvalues.length < 2) eigenvalues.push(0);
      const lmin = p[p.length - 1];
      const span = boundary ? 2.5 : ({ 2: 4, 3: 2, 4: 1.5 } as Record<number, number>)[depth];
      const aN = (boundary ? 0.3 : REGIME * (1 - 1e-9)) * lmin * 10 ** (-u * span);
      const alpha = aN ** (1 / depth);
      const stepSize = s * monotoneStep(p[0], depth);
      const horizon = Math.max(...p.map((l) => twoPhaseUpper(0.5, 1e-3, l, alpha, stepSize, depth)));
      return { eigenvalues, depth, alpha, stepSize, basisSeed, steps: Math.min(4000, Math.ceil(1.2 * horizon)) };
    });
}

export const monotoneErank = makeMonotone({ id: 'cgmr.monotoneErank', title: 'Effective rank: after its minimum, never decreases by more than τ per step (small α)', toleranceFactor: 1, from: 'after-minimum', anyAlpha: false });

/**
 * The abstract's sentence read literally ("apart from a few initial steps, the effective rank
 * increases monotonically"): no tolerance beyond rounding, any α. A registered claim so that its
 * known counterexample (below; fixtures/counterexamples/cgmr.monotoneAsStated/) is replayed
 * and reported as known: it fails outside the small-α regime by ~1e−4 per step and inside it by
 * ~1e−12 per step (the near-miss control of cgmr.monotoneErank). Its arbitrary straddles the regime.
 * On about 3 in 10 of its instances (1 in 5 for the qualified claim) the run ends at the erank
 * minimum (the zero-eigenvalue modes are still decaying, so erank is still falling at the horizon):
 * there "holds" is vacuous, nothing comes after the minimum.
 */
export const monotoneErankUnqualified = makeMonotone({ id: 'cgmr.monotoneAsStated', title: 'erank never decreases after its minimum (the unqualified reading: a known counterexample)', toleranceFactor: 0, from: 'after-minimum', anyAlpha: true });
monotoneErankUnqualified.arbitrary = () => monotoneArbitrary(true);

/** A variant drawn, like cgmr.monotoneAsStated, from the arbitrary that straddles the regime. */
function straddling(t: Theorem<MonotoneErankInstance, MonotoneErankPrediction, MonotoneErankObservation>): typeof t {
  return { ...t, arbitrary: () => monotoneArbitrary(true) };
}
monotoneErankUnqualified.negativeControls = [
  {
    // A near miss of a claim known to be false is a slightly *weaker* claim that is still false:
    // refuted on some but not all instances, it shows that the claim's own refutations are not an
    // artefact of a tolerance at rounding level (the decreases are real, ~10⁻⁵–10⁻³ per step outside
    // the regime), and it places them on the scale of the qualified claim, which holds with τ.
    name: 'tolerance-tau/100',
    kind: 'near-miss',
    refutedFraction: [0.15, 0.4],
    description:
      'still false: the decreases after the minimum allowed up to τ/100 (τ the qualified claim\'s per-step tolerance, which holds) at any α; refuted where the zero-eigenvalue modes lower erank by more than 1 % of τ',
    theorem: straddling(makeMonotone({ id: 'cgmr.monotoneAsStated~tau/100', title: 'decreases up to τ/100 after the minimum, any α', toleranceFactor: 0.01, from: 'after-minimum', anyAlpha: true })),
  },
  {
    name: 'from-iteration-0',
    kind: 'gross',
    description: 'monotone from the first iteration (the initial drop from n ignored)',
    theorem: straddling(makeMonotone({ id: 'cgmr.monotoneAsStated~from-0', title: 'erank monotone from k = 0', toleranceFactor: 0, from: 0, anyAlpha: true })),
  },
] satisfies NegativeControl<MonotoneErankInstance>[];

monotoneErank.negativeControls = [
  {
    name: 'tolerance-removed',
    kind: 'near-miss',
    refutedFraction: [0.35, 0.55],
    description: 'the per-step tolerance τ removed (rounding only) inside the regime: zero-eigenvalue modes still decay and lower erank by ~10⁻¹² per step',
    theorem: makeMonotone({ id: 'cgmr.monotoneErank~no-tolerance', title: 'no tolerance (in the regime)', toleranceFactor: 0, from: 'after-minimum', anyAlpha: false }),
  },
  {
    name: 'from-iteration-0',
    kind: 'gross',
    description: 'monotone from the first iteration (the initial drop from n ignored)',
    theorem: makeMonotone({ id: 'cgmr.monotoneErank~from-0', title: 'erank monotone from k = 0', toleranceFactor: 1, from: 0, anyAlpha: false }),
  },
] satisfies NegativeControl<MonotoneErankInstance>[];

/**
 * Known counterexample to the unqualified reading (erank never decreases after its minimum): N = 2,
 * α = 0.1 (α² = 0.01 > 10⁻²·λ_min⁺ = 0.003: outside the small-α regime), two zero eigenvalues.
 */
export const monotoneErankKnownCounterexample = {
  instance: { eigenvalues: [3, 1, 0.3, 0, 0], depth: 2, alpha: 0.1, stepSize: 0.8 / 6, basisSeed: 1, steps: 2000 } satisfies MonotoneErankInstance,
  claim: 'cgmr.monotoneAsStated',
  explanation:
    'after its minimum (k* = 10, erank 1.29) the effective rank decreases by up to 7.5e−5 per step (k ≈ 150): the two zero-eigenvalue modes start at α² = 0.01 and decay only like 1/(2ηk), ' +
    'removing spectral mass from the tail while the learned modes have saturated; the qualified claim allows τ = n·n₀·Nηα^{2N−2}/e = 9.8e−3 and holds, and it is outside the small-α regime (α² = 0.01 > 10⁻²·0.3)',
};
