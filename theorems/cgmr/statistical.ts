/**
 * cgmr.sensing and cgmr.randomInit [paper: empirical claims] (docs/theory.md §2, "Matrix sensing and
 * random init"): beyond the identical init on the full matrix, the paper observes the same behaviour
 * for Gaussian matrix sensing (m < n² measurements) and for a Gaussian initialisation: singular
 * values are learned in decreasing order, and the effective rank dips then climbs towards rank(X).
 *
 * These are statistical claims, checked over S seeds. Per seed s: X = Q_s diag(signal) Q_sᵀ (Q_s
 * Haar from s), and either
 * - sensing: yᵢ = ⟨Aᵢ, X⟩, Aᵢ i.i.d. N(0, 1) (src/gd/measurements.ts, loss scaled by 1/m so that step
 *   sizes carry over from the full problem), identical init W_j(0) = αI; or
 * - randomInit: the full matrix Y = X with W_j(0) = αG_j/√n, G_j i.i.d. N(0, 1) (src/gd/inits.ts).
 * A seed succeeds when (a) the projections uᵢᵀW(k)uᵢ on X's eigenvectors reach σᵢ/2 in the order
 * T₁ < T₂ < … < T_r within the run, and (b) the effective rank of W(k) (Roy–Vetterli, from the
 * singular values, every `every` steps) dips to ≤ 1 + (erank(X) − 1)/2 and ends within 10 % of erank(X).
 * The claim holds when the one-sided 95 % Wilson lower bound of the success rate is ≥ the stated rate.
 *
 * Parameters (the regime of the claim, as in the paper's experiments but small enough for tests):
 * n = 5, r = 2, signal (2, 1) (distinct, so the order is defined; erank(X) = 1.89), N = 3 (deep),
 * α = 0.05 (α^N = 1.25·10⁻⁴ ≪ σ_r: the small-init regime), η = ½·1/(Nσ₁^{2−2/N}) ≈ 0.066, 1200 steps
 * (≈ 3× the learning time of σ₂); sensing m = 18 (< n² = 25, twice the 9 degrees of freedom
 * nr − r(r−1)/2 of a symmetric rank-2 matrix).
 * randomInit: S = 20 seeds, stated rate 0.75 (20/20 successes give a Wilson bound 0.88, 19/20 give
 * 0.80, 18/20 give 0.74 and fail). Observed: 20/20 on the blocks tried.
 * sensing: S = 40 seeds, stated rate 0.35. Finding: with m = 18 the order criterion fails on ~22 % of
 * seeds (pilot, seeds 1000–1399: success 0.7575, Wilson 95 % lower bound 0.721; ordered 0.775, dip
 * 0.995, climb 0.92): either the second projection never reaches σ₂/2 (GD converges to another
 * low-rank solution of the under-determined sensing problem) or it does so before the first (T₂ < T₁).
 * So "learned in decreasing order" holds for most, not all, sensing runs at this m. The stated rate
 * comes from that pilot, not from the checked blocks: it is the level a 40-seed Wilson bound clears
 * with probability ≥ 0.999 when the true rate is the pilot's lower bound 0.72 (≥ 21 successes of 40).
 * A stated rate 0.5 (a majority) was refuted on 5 of 100 blocks (P(Bin(40, 0.76) ≤ 25) ≈ 4 %).
 * randomInit pilot (seeds 1000–1199): 200/200 successes (Wilson 0.987).
 *
 * Power hypothesis. A Wilson bound over S seeds can only certify a rate it has the power to reach:
 * with 8 seeds even 8/8 successes give 0.747 < 0.75, and the one-hour hunt found 189 of 423 judged
 * boundary instances of randomInit (then drawn with 8 seeds) "refuted" by that alone. So the claim
 * requires P(wilsonLower(Bin(S, p₀), S) ≥ stated rate) ≥ {@link MIN_POWER} at the pilot's lower bound
 * p₀ ({@link PILOT_RATE}): S = 20 (randomInit, power 0.973) and 40 (sensing, 0.9997) satisfy it, 8 does
 * not (0 and 0.61). At the pilot rate a refutation is then a false alarm with probability ≤ 1 − power.
 */
import fc from 'fast-check';
import { seedArb } from '../../src/generate/arbitraries.js';
import { haarOrthogonal, withSpectrum } from '../../src/generate/orthogonal.js';
import { deepInit } from '../../src/gd/inits.js';
import { gaussianMeasurements } from '../../src/gd/measurements.js';
import { DeepGd } from '../../src/gd/models.js';
import { type SpectralPairs, projectionsOf } from '../../src/gd/run.js';
import { singularValues } from '../../src/linalg/svd.js';
import { effectiveRank } from '../../src/metrics/effectiveRank.js';
import type { HypothesisFailure, NegativeControl, Theorem, Verdict } from '../types.js';
import { monotoneStep, wilsonLower } from './bounds.js';
import { unit } from './draws.js';

export interface StatisticalInstance {
  kind: 'sensing' | 'randomInit';
  /** Seeds firstSeed … firstSeed + seeds − 1. */
  firstSeed: number;
  seeds: number;
  n: number;
  /** Positive eigenvalues of X (r = signal.length), distinct, decreasing. */
  signal: number[];
  /** Number of measurements (sensing). */
  m: number;
  depth: number;
  alpha: number;
  stepSize: number;
  steps: number;
  /** erank sampled every `every` steps. */
  every: number;
  /** The stated success rate the confidence bound must clear. */
  rate: number;
}

export interface SeedOutcome {
  seed: number;
  ordered: boolean;
  dip: boolean;
  climb: boolean;
  T: (number | null)[];
  minErank: number;
  finalErank: number;
}

export interface StatisticalObservation {
  outcomes: SeedOutcome[];
  successes: number;
}

interface Variant {
  id: string;
  title: string;
  kind: 'sensing' | 'randomInit';
  /** Claimed order (decreasing in the claim). */
  increasing: boolean;
  /** Overrides of the stated rate / parameters drawn by the arbitrary (controls). */
  rate?: number;
  mFactor?: number;
  alphaFactor?: number;
}

export const DEFAULTS = { n: 5, signal: [2, 1], depth: 3, alpha: 0.05, steps: 1200, every: 10, m: 18 };
/** Seeds and stated rate per claim (see the module comment for why sensing's is lower). */
export const PLAN = { sensing: { seeds: 40, rate: 0.35 }, randomInit: { seeds: 20, rate: 0.75 } };

/** The pilots' one-sided 95 % Wilson lower bounds of the success rate (doc comment above). */
export const PILOT_RATE = { sensing: 0.721, randomInit: 0.987 };
/** The power the seed count must give at the pilot rate. */
export const MIN_POWER = 0.95;

/**
 * P(wilsonLower(K, S) ≥ rate) for K ~ Bin(S, p): the probability that S seeds certify the stated rate
 * when the true success rate is p. Binomial terms in log space (no underflow for S ≤ 1000). O(S).
 */
export function wilsonPower(S: number, rate: number, p: number): number {
  if (p >= 1) return wilsonLower(S, S) >= rate ? 1 : 0;
  if (p <= 0) return wilsonLower(0, S) >= rate ? 1 : 0;
  const lp = Math.log(p), lq = Math.log1p(-p);
  let logC = 0, power = 0;
  for (let k = 0; k <= S; k++) {
    if (k > 0) logC += Math.log((S - k + 1) / k);
    if (wilsonLower(k, S) >= rate) power += Math.exp(logC + k * lp + (S - k) * lq);
  }
  return Math.min(1, power);
}

export function runSeed(inst: StatisticalInstance, seed: number): SeedOutcome {
  const n = inst.n, r = inst.signal.length;
  const q = haarOrthogonal(n, seed);
  const x = withSpectrum(q, inst.signal); // Q·diag(signal, 0, …, 0)·Qᵀ: the zeros add nothing
  const meas = inst.kind === 'sensing' ? gaussianMeasurements(x, inst.m, seed, 0) : null;
  const init = inst.kind === 'sensing' ? deepInit('identity', x, inst.depth, inst.alpha) : deepInit('gaussian', x, inst.depth, inst.alpha, seed);
  const model = new DeepGd(x, init, meas);
  const pairs: SpectralPairs = { values: Float64Array.from(inst.signal), left: { rows: n, cols: r, data: sliceCols(q.data, n, r) }, right: { rows: n, cols: r, data: sliceCols(q.data, n, r) } };
  const proj = new Float64Array(r);
  const T = new Array<number | null>(r).fill(null);
  let minErank = Infinity, finalErank = NaN;
  const w = { rows: n, cols: n, data: new Float64Array(n * n) };
  for (let k = 0; k <= inst.steps; k++) {
    const { product } = model.evaluate();
    if (!Number.isFinite(product[0])) break;
    projectionsOf(product, n, n, pairs, proj);
    // Stryker disable next-line EqualityOperator: i = r reads T[r] (undefined, not null): no write; a projection exactly σᵢ/2 is a tie of measure zero
    for (let i = 0; i < r; i++) if (T[i] === null && proj[i] >= inst.signal[i] / 2) T[i] = k;
    if (k % inst.every === 0 || k === inst.steps) {
      w.data.set(product);
      const e = effectiveRank(singularValues(w));
      minErank = Math.min(minErank, e);
      finalErank = e;
    }
    model.step(inst.stepSize); // unconditional: the step after the last evaluation is never observed (one extra step, no guard)
  }
  const target = effectiveRank(inst.signal);
  const ordered = T.every((t) => t !== null) && T.every((t, i) => i === 0 || (t as number) > (T[i - 1] as number));
  // Stryker disable next-line EqualityOperator: an erank exactly at the dip level or exactly 10 % off erank(X) is a tie of measure zero
  return { seed, ordered, dip: minErank <= 1 + (target - 1) / 2, climb: Math.abs(finalErank - target) <= 0.1 * target, T, minErank, finalErank };
}

function sliceCols(d: Float64Array, n: number, r: number): Float64Array {
  const out = new Float64Array(n * r);
  // Stryker disable next-line EqualityOperator: i = n writes past the typed array (discarded); j = r writes out[(i+1)r], overwritten at i + 1 (or past the end)
  for (let i = 0; i < n; i++) for (let j = 0; j < r; j++) out[i * r + j] = d[i * n + j];
  return out;
}

function hypotheses(inst: StatisticalInstance): HypothesisFailure[] {
  const f: HypothesisFailure[] = [];
  const r = inst.signal.length, dof = inst.n * r - (r * (r - 1)) / 2;
  if (!(Number.isInteger(inst.seeds) && inst.seeds >= 5 && inst.seeds <= 1000)) f.push({ name: 'seeds S integer in [5, 1000]', quantity: inst.seeds, relation: '≥', bound: 5 });
  if (!(r >= 2 && r < inst.n && inst.signal.every((s, i) => s > 0 && (i === 0 || s < inst.signal[i - 1])))) f.push({ name: 'signal: 2 ≤ r < n distinct positive values, decreasing', quantity: r, relation: '≥', bound: 2 });
  if (f.length > 0) return f;
  const power = wilsonPower(inst.seeds, inst.rate, PILOT_RATE[inst.kind]);
  // Stryker disable next-line EqualityOperator: per S the power takes finitely many values (partial binomial sums at p₀); one exactly 0.95 is a tie of measure zero
  if (!(power >= MIN_POWER)) f.push({ name: `power: S seeds certify the stated rate with probability ≥ ${MIN_POWER} at the pilot rate p₀ = ${PILOT_RATE[inst.kind]}`, quantity: power, relation: '≥', bound: MIN_POWER });
  const sr = inst.signal[r - 1];
  if (!(inst.alpha ** inst.depth <= 1e-2 * sr)) f.push({ name: 'small init α^N ≤ 10⁻²·σ_r', quantity: inst.alpha ** inst.depth, relation: '≤', bound: 1e-2 * sr });
  const eta = monotoneStep(inst.signal[0], inst.depth);
  if (!(inst.stepSize <= eta)) f.push({ name: 'η ≤ 1/(Nσ₁^{2−2/N})', quantity: inst.stepSize, relation: '≤', bound: eta });
  if (inst.kind === 'sensing') {
    if (!(inst.m < inst.n * inst.n)) f.push({ name: 'm < n² (sensing, not full observation)', quantity: inst.m, relation: '<', bound: inst.n * inst.n });
    if (!(inst.m >= 2 * dof)) f.push({ name: 'm ≥ 2·(nr − r(r−1)/2) (enough measurements)', quantity: inst.m, relation: '≥', bound: 2 * dof });
  }
  return f;
}

function makeStatistical(v: Variant): Theorem<StatisticalInstance, { rate: number }, StatisticalObservation> {
  return {
    id: v.id,
    title: v.title,
    source: { paper: 'CGMR', label: v.kind === 'sensing' ? 'abstract and experiments: matrix sensing' : 'abstract and experiments: random initialisation' },
    tag: 'paper',
    statement:
      `${v.kind === 'sensing' ? 'Gaussian sensing (m < n²), identical init' : 'Gaussian init W_j(0) = αG_j/√n, full matrix'}: over S seeds, the rate of runs where σᵢ are learned in decreasing order ` +
      'and erank dips (≤ 1 + (erank(X) − 1)/2) then ends within 10 % of erank(X) has a one-sided 95 % Wilson lower bound ≥ the stated rate.',
    margin: { name: 'rate margin', meaning: 'Wilson 95 % lower bound of the success rate − the stated rate' },
    hypotheses,
    predict: (inst) => ({ rate: v.rate ?? inst.rate }),
    observe(inst) {
      const outcomes: SeedOutcome[] = [];
      for (let s = 0; s < inst.seeds; s++) outcomes.push(runSeed(inst, inst.firstSeed + s));
      const increasing = (o: SeedOutcome) =>
        o.T.every(
          (t, i) =>
            t !== null &&
            (i === 0 ||
              // Stryker disable next-line EqualityOperator: a tie T₁ = T₂ (both modes at σᵢ/2 at the same iteration) is neither order
              t < (o.T[i - 1] as number)),
        );
      const ok = (o: SeedOutcome) => (v.increasing ? increasing(o) : o.ordered) && o.dip && o.climb;
      return { outcomes, successes: outcomes.filter(ok).length };
    },
    verdict(inst, pred, obs): Verdict {
      const lower = wilsonLower(obs.successes, inst.seeds);
      const fails = obs.outcomes.filter((o) => !(o.ordered && o.dip && o.climb));
      return {
        holds: lower >= pred.rate,
        margin: lower - pred.rate,
        certified: true,
        worst: { note: `${obs.successes}/${inst.seeds} seeds succeed` },
        details: {
          successes: obs.successes,
          seeds: inst.seeds,
          observedRate: obs.successes / inst.seeds,
          wilsonLower95: lower,
          statedRate: pred.rate,
          failures: fails.slice(0, 5).map((o) => ({ seed: o.seed, ordered: o.ordered, dip: o.dip, climb: o.climb, minErank: o.minErank, finalErank: o.finalErank })),
        },
      };
    },
    arbitrary: () => statisticalArbitrary(v),
    boundary: () => statisticalBoundary(v.kind),
    negativeControls: [],
  };
}

function statisticalArbitrary(v: Pick<Variant, 'kind' | 'mFactor' | 'alphaFactor'>): fc.Arbitrary<StatisticalInstance> {
  return seedArb.map((firstSeed): StatisticalInstance => ({
    kind: v.kind,
    firstSeed,
    seeds: PLAN[v.kind].seeds,
    n: DEFAULTS.n,
    signal: DEFAULTS.signal,
    m: Math.round(DEFAULTS.m * (v.mFactor ?? 1)),
    depth: DEFAULTS.depth,
    alpha: DEFAULTS.alpha * (v.alphaFactor ?? 1),
    stepSize: 0.5 * monotoneStep(DEFAULTS.signal[0], DEFAULTS.depth),
    steps: DEFAULTS.steps,
    every: DEFAULTS.every,
    rate: PLAN[v.kind].rate,
  }));
}

/** Across the hypotheses: α up to 10× and (sensing) m from 6 to 24; the plan's seed count (8 seeds lacked the power: see the power hypothesis). */
function statisticalBoundary(kind: 'sensing' | 'randomInit'): fc.Arbitrary<StatisticalInstance> {
  return fc
    .record({ base: statisticalArbitrary({ kind }), a: unit(), m: fc.integer({ min: 6, max: 24 }) })
    .map(({ base, a, m }) => ({ ...base, alpha: base.alpha * 10 ** a, m: kind === 'sensing' ? m : base.m }));
}

function controls(kind: 'sensing' | 'randomInit', label: string): NegativeControl<StatisticalInstance>[] {
  const list: NegativeControl<StatisticalInstance>[] = [
    {
      name: 'increasing-order',
      kind: 'gross',
      description: 'the singular values claimed to be learned in increasing order',
      theorem: makeStatistical({ id: `cgmr.${label}~increasing`, title: 'increasing order', kind, increasing: true }),
    },
    {
      name: 'rate-0.95',
      kind: 'gross',
      description: 'a stated rate 0.95, which S ≤ 40 seeds cannot certify (Wilson bound ≤ 0.94 even with no failure)',
      theorem: makeStatistical({ id: `cgmr.${label}~rate0.95`, title: 'stated rate 0.95', kind, increasing: false, rate: 0.95 }),
    },
  ];
  const dropped = (re: RegExp) => (i: StatisticalInstance) => hypotheses(i).filter((f) => !re.test(f.name));
  if (kind === 'sensing') {
    list.push(
      {
        name: 'too-few-measurements',
        kind: 'gross',
        description: 'm = 6 (the measurement hypothesis m ≥ 2·dof = 18 dropped; below the 9 degrees of freedom)',
        theorem: { ...makeStatistical({ id: 'cgmr.sensing~m6', title: 'sensing with m = 6', kind, increasing: false, mFactor: 1 / 3 }), hypotheses: dropped(/enough measurements/) },
      },
      {
        name: 'm=14',
        kind: 'near-miss',
        refutedFraction: [0.3, 1],
        description: 'm = 14, 22 % below the hypothesis m ≥ 18 (still above the 9 degrees of freedom)',
        theorem: { ...makeStatistical({ id: 'cgmr.sensing~m14', title: 'sensing with m = 14', kind, increasing: false, mFactor: 14 / 18 }), hypotheses: dropped(/enough measurements/) },
      },
    );
  } else {
    list.push(
      {
        name: 'large-init',
        kind: 'gross',
        description: 'α = 0.5 (α^N = 0.125: the small-init hypothesis dropped)',
        theorem: { ...makeStatistical({ id: 'cgmr.randomInit~large-init', title: 'random init with α = 0.5', kind, increasing: false, alphaFactor: 10 }), hypotheses: dropped(/small init/) },
      },
      {
        name: 'α=0.25',
        kind: 'near-miss',
        refutedFraction: [0.1, 0.6],
        description: 'α = 0.25 (α^N = 0.0156, 1.56× the small-init bound 10⁻²σ_r)',
        theorem: { ...makeStatistical({ id: 'cgmr.randomInit~alpha0.25', title: 'random init with α = 0.25', kind, increasing: false, alphaFactor: 5 }), hypotheses: dropped(/small init/) },
      },
    );
  }
  return list;
}

export const sensing = makeStatistical({ id: 'cgmr.sensing', title: 'Gaussian matrix sensing: decreasing learning order and erank dip-then-climb (statistical)', kind: 'sensing', increasing: false });
sensing.negativeControls = controls('sensing', 'sensing');
export const randomInit = makeStatistical({ id: 'cgmr.randomInit', title: 'Gaussian initialisation: decreasing learning order and erank dip-then-climb (statistical)', kind: 'randomInit', increasing: false });
randomInit.negativeControls = controls('randomInit', 'randomInit');
