/**
 * The shape of a theorem in dmf-check: plain typed data plus functions (in the spirit of PEPit's
 * one-file-per-theorem). An instance is plain JSON-serialisable data, so a counterexample can be
 * stored as a fixture and replayed.
 */
import type fc from 'fast-check';

export type Paper = 'MV' | 'CGMR';

export interface Source {
  paper: Paper;
  /** Theorem, corollary or equation label in the paper, e.g. "Theorem 3" or "Cor. 2, eqs. (12)–(13)". */
  label: string;
}

/** A hypothesis an instance fails: `quantity relation bound` is what the theorem needs. */
export interface HypothesisFailure {
  name: string;
  quantity: number;
  relation: '<' | '≤' | '>' | '≥' | '=';
  bound: number;
  detail?: string;
}

/** Where the verdict is decided (the worst point). */
export interface WorstPoint {
  time?: number;
  iteration?: number;
  component?: number;
  interval?: number;
  note?: string;
}

export interface Verdict {
  holds: boolean;
  /**
   * Normalised margin: ≥ 0 iff the claim holds, how far from failing. What it measures is the
   * theorem's {@link Theorem.margin} (its name and meaning), so margins of different claims are
   * never mixed under one heading.
   */
  margin: number;
  worst: WorstPoint;
  /** False when the observation could not be certified (e.g. a refinement budget ran out). */
  certified: boolean;
  details: Record<string, unknown>;
}

export interface Theorem<I, P = unknown, O = unknown> {
  /** Stable id, e.g. "mv.theorem3". */
  id: string;
  title: string;
  source: Source;
  /** 'paper': stated in the paper; 'derived': proved for this project (docs/theory.md). */
  tag: 'paper' | 'derived';
  /** One paragraph with the formula. */
  statement: string;
  /** What {@link Verdict.margin} measures for this claim, e.g. `{ name: 'bound slack', meaning: '1 − sup‖W − Ŷ_k‖/ε' }`. */
  margin: MarginSpec;
  /** The hypotheses the instance fails (empty: the theorem applies). */
  hypotheses(instance: I): HypothesisFailure[];
  /** The predicted quantity (intervals, order, times, bounds). */
  predict(instance: I): P;
  /** What the reference solvers give for the predicted quantity. */
  observe(instance: I, prediction: P): O;
  verdict(instance: I, prediction: P, observation: O): Verdict;
  /** Instances satisfying the hypotheses, with the knobs that matter. */
  arbitrary(): fc.Arbitrary<I>;
  /** Instances near or across the hypotheses' boundary (for the counterexample search). */
  boundary(): fc.Arbitrary<I>;
  /** Deliberately wrong variants that the properties must refute. */
  negativeControls: NegativeControl<I>[];
}

export interface MarginSpec {
  /** Short column name: 'bound slack', 'band position', 'order gap', … */
  name: string;
  /** The formula, e.g. '1 − sup_{I_k}‖W − Ŷ_k‖₂ / ε'. */
  meaning: string;
}

export interface NegativeControl<I> {
  name: string;
  /**
   * 'gross': an absurd variant (ε/10, order reversed), refuted on (nearly) every instance;
   * 'near-miss': a few per cent off, refuted on some but not all instances of the claim's arbitrary.
   */
  kind: 'gross' | 'near-miss';
  /**
   * The stated fraction of the claim's instances on which the control is refuted, as measured at
   * the properties' fixed seed and run count: `[low, high]` (inclusive). `check` reports the
   * measured fraction next to it.
   */
  refutedFraction?: [number, number];
  /** What is wrong with it (ε/10, intervals widened, order reversed, hypothesis dropped, …). */
  description: string;
  // A variant shares the instance type but may predict or decide differently.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  theorem: Theorem<I, any, any>;
}

/**
 * - holds / refuted: a certified verdict;
 * - inconclusive: a verdict whose observation could not be certified (never counted as a pass);
 * - outside-hypotheses: the theorem does not apply;
 * - error: predict/observe/verdict threw (reported for this instance; the run goes on).
 */
export type CheckStatus = 'holds' | 'refuted' | 'inconclusive' | 'outside-hypotheses' | 'error';

export interface CheckResult {
  status: CheckStatus;
  failures: HypothesisFailure[];
  verdict: Verdict | null;
  /** With status 'error': the message of what threw. */
  error?: string;
}
