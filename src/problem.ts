/**
 * The JSON problem `solve` accepts, as TypeScript types (README, "The solve command" and
 * "Gradient descent"). `solve` itself takes `unknown` and validates every field at run time; these
 * types let a TypeScript caller write a problem that passes that validation by construction.
 */
import type { Num } from './types.js';

/** A matrix as an array of rows; entries are numbers or decimal strings ("0.1", "1e-400"). */
export type MatrixRows = readonly (readonly Num[])[];

/** Initialisations of the flows (and of symmetric/asymmetric gradient descent). */
export type FlowInit =
  | { factor: MatrixRows }
  | { factors: readonly [MatrixRows, MatrixRows] }
  | { kind: 'aligned'; scale: number; shape: readonly number[] }
  | { kind: 'gaussian'; scale: number; width: number; seed: number; balanced?: boolean };

/** Initialisations of deep factorisations (models "deep", "sensing" and "completion"). */
export type DeepInit =
  | { kind: 'identity' | 'aligned'; scale: number }
  | { kind: 'gaussian' | 'balanced' | 'orthogonal'; scale: number; seed: number }
  | { factors: readonly MatrixRows[] };

/** A gradient-flow problem: closed form (float64, or decimal with `digits`) or ODE integration. */
export interface FlowProblemInput {
  model: 'symmetric' | 'asymmetric';
  method: 'closed-form' | 'ode';
  target: MatrixRows;
  init: FlowInit;
  times: readonly number[];
  digits?: number;
  levels?: readonly number[];
  horizon?: number;
  ode?: { rtol?: number; atol?: number };
}

/** A gradient-descent problem (README, "Gradient descent"; schema/problem.schema.json). */
export interface GdProblemInput {
  model: 'symmetric' | 'asymmetric' | 'deep' | 'sensing' | 'completion';
  method: 'gd';
  target: MatrixRows;
  init: FlowInit | DeepInit;
  stepSize: number;
  iterations: readonly number[];
  maxIterations?: number;
  levels?: readonly number[];
  /** Deep models: N ≥ 1 (1: plain gradient descent on W). */
  depth?: number;
  /** Deep models: every hidden width, or `widths` listed d₁ … d_{N−1}. */
  width?: number;
  widths?: readonly number[];
  measurements?: { count: number; seed: number; noise?: number } | { matrices: readonly MatrixRows[]; observations: readonly number[] };
  /** Completion: observed entries by index, or drawn without replacement. */
  observed?: readonly (readonly [number, number])[] | { count: number; seed: number };
  stopLoss?: number;
  hittingOn?: 'projections' | 'singularValues';
  lightEvery?: number;
  returnFactors?: boolean;
  snapshotMatrix?: boolean;
}

/** Any problem `solve` accepts. */
export type Problem = FlowProblemInput | GdProblemInput;
