/**
 * `solve`: one JSON problem in, one JSON result out (the stable interface of `dmf-check solve`,
 * documented in README.md). Throws InputError for bad input, NumericalError for divergence.
 */
import { InputError } from '../errors.js';
import type { SolveResult } from '../types.js';
import { expectObject, oneOf, required } from './fields.js';
import { parseFlowProblem } from './flowProblem.js';
import { parseGdProblem } from './gdProblem.js';
import { solveGd } from './gdSolve.js';
import { solveFlowFloat } from './flowSolve.js';
import { solveFlowPrecise } from './preciseSolve.js';
import { Budget, type Progress, checkMaxSeconds } from './limits.js';

export { LIMITS, type Progress } from './limits.js';

export interface SolveOptions {
  /**
   * Wall-clock budget in seconds for the gradient-flow solvers (snapshots, ODE steps, hitting-time
   * searches): beyond it `solve` throws a NumericalError naming the budget. The problem's own
   * `maxSeconds` field, if any, also applies (the smaller wins).
   */
  maxSeconds?: number;
  /**
   * Called during long gradient-flow solves (after the first second, at most every 250 ms) with the
   * phase and the work done, so that a terminal can show progress.
   */
  onProgress?: (p: Progress) => void;
}

export const MODELS = ['symmetric', 'asymmetric', 'deep', 'sensing'] as const;
export const METHODS = ['closed-form', 'ode', 'gd'] as const;

export function solve(input: unknown, options: SolveOptions = {}): SolveResult {
  const raw = expectObject(input, 'problem');
  const { maxSeconds: ownBudget, ...p } = raw;
  const maxSeconds = Math.min(checkMaxSeconds(ownBudget, 'maxSeconds'), checkMaxSeconds(options.maxSeconds, 'options.maxSeconds'));
  const model = oneOf(required(p, 'model'), MODELS, 'model');
  const method = oneOf(required(p, 'method'), METHODS, 'method');
  if (method === 'gd') return solveGd(parseGdProblem(p, model));
  if (model === 'deep' || model === 'sensing') {
    throw new InputError('method', `the ${model} model is solved by gradient descent: use "method": "gd"`);
  }
  const problem = parseFlowProblem(p, model, method);
  const budget = new Budget(maxSeconds, options.onProgress);
  return problem.digits !== undefined ? solveFlowPrecise(problem, budget) : solveFlowFloat(problem, budget);
}
