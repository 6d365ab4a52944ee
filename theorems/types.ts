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
  /** Normalised margin: ≥ 0 iff the claim holds, how far from failing (e.g. 1 − observed/bound). */
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
  /** 'paper': stated in the paper; 'derived': proved for this project (THEORY.md). */
  tag: 'paper' | 'derived';
  /** One paragraph with the formula. */
  statement: string;
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

export interface NegativeControl<I> {
  name: string;
  /** What is wrong with it (ε/10, intervals widened, order reversed, hypothesis dropped, …). */
  description: string;
  // A variant shares the instance type but may predict or decide differently.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  theorem: Theorem<I, any, any>;
}

export type CheckStatus = 'holds' | 'refuted' | 'outside-hypotheses';

export interface CheckResult {
  status: CheckStatus;
  failures: HypothesisFailure[];
  verdict: Verdict | null;
}
