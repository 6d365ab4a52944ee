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

export const MODELS = ['symmetric', 'asymmetric', 'deep', 'sensing'] as const;
export const METHODS = ['closed-form', 'ode', 'gd'] as const;

export function solve(input: unknown): SolveResult {
  const p = expectObject(input, 'problem');
  const model = oneOf(required(p, 'model'), MODELS, 'model');
  const method = oneOf(required(p, 'method'), METHODS, 'method');
  if (method === 'gd') return solveGd(parseGdProblem(p, model));
  if (model === 'deep' || model === 'sensing') {
    throw new InputError('method', `the ${model} model is solved by gradient descent: use "method": "gd"`);
  }
  const problem = parseFlowProblem(p, model, method);
  return problem.digits !== undefined ? solveFlowPrecise(problem) : solveFlowFloat(problem);
}
