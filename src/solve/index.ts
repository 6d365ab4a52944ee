/**
 * `solve`: one JSON problem in, one JSON result out (the stable interface of `dmf-check solve`,
 * documented in README.md). Throws InputError for bad input, NumericalError for divergence.
 */
import { InputError } from '../errors.js';
import type { SolveResult } from '../types.js';
import { expectObject, oneOf, required } from './fields.js';
import { parseFlowProblem } from './flowProblem.js';
import { parseGdProblem } from './gdProblem.js';
import { type GdStreamHandlers, solveGd } from './gdSolve.js';
import { solveFlowFloat } from './flowSolve.js';
import { solveFlowPrecise } from './preciseSolve.js';
import { Budget, type Progress, checkMaxSeconds } from './limits.js';

export { LIMITS, type Progress } from './limits.js';

export interface SolveOptions {
  /**
   * Wall-clock budget in seconds (snapshots, ODE steps, hitting-time searches, gradient-descent
   * iterations): beyond it `solve` throws a NumericalError naming the budget. The problem's own
   * `maxSeconds` field, if any, also applies (the smaller wins).
   */
  maxSeconds?: number;
  /**
   * Called during long solves (after the first second, at most every 250 ms) with the
   * phase and the work done, so that a terminal can show progress.
   */
  onProgress?: (p: Progress) => void;
}

export const MODELS = ['symmetric', 'asymmetric', 'deep', 'sensing', 'completion'] as const;
export const METHODS = ['closed-form', 'ode', 'gd'] as const;

export function solve(input: unknown, options: SolveOptions = {}): SolveResult {
  return solveWith(input, undefined, options);
}

/** `solve`, with gradient-descent snapshots handed to `stream` as they are recorded (see stream.ts). */
export function solveWith(input: unknown, stream?: GdStreamHandlers, options: SolveOptions = {}): SolveResult {
  const raw = expectObject(input, 'problem');
  const { maxSeconds: ownBudget, ...p } = raw;
  const maxSeconds = Math.min(checkMaxSeconds(ownBudget, 'maxSeconds'), checkMaxSeconds(options.maxSeconds, 'options.maxSeconds'));
  const model = oneOf(required(p, 'model'), MODELS, 'model');
  const method = oneOf(required(p, 'method'), METHODS, 'method');
  if (method === 'gd') return solveGd(parseGdProblem(p, model), stream, new Budget(maxSeconds, options.onProgress));
  if (model === 'deep' || model === 'sensing' || model === 'completion') {
    throw new InputError('method', `the ${model} model is solved by gradient descent: use "method": "gd"`);
  }
  const { snapshotMatrix, ...rest } = p;
  if (snapshotMatrix !== undefined && typeof snapshotMatrix !== 'boolean') throw new InputError('snapshotMatrix', 'must be true or false');
  const problem = parseFlowProblem(rest, model, method);
  const budget = new Budget(maxSeconds, options.onProgress);
  const r = problem.digits !== undefined ? solveFlowPrecise(problem, budget) : solveFlowFloat(problem, budget);
  if (snapshotMatrix === false) r.snapshots = r.snapshots.map(({ matrix: _m, ...s }) => s as SolveResult['snapshots'][number]);
  return r;
}
