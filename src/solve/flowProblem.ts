/**
 * Parsing of gradient-flow problems (`"method": "closed-form" | "ode"`) for `solve`.
 * Every rule failure is an InputError naming the field (see README, "The solve command").
 */
import { InputError } from '../errors.js';
import { type Matrix, fromRows } from '../linalg/matrix.js';
import { MAX_DIGITS, MIN_DIGITS } from '../precise/decimal.js';
import { type Json, expectObject, finiteNumber, integer, numberArray, numericRows, onlyKnown, oneOf, required } from './fields.js';

export type FlowInitSpec =
  | { kind: 'factor'; factor: unknown }
  | { kind: 'factors'; factors: [unknown, unknown] }
  | { kind: 'aligned'; scale: number; shape: unknown }
  | { kind: 'gaussian'; scale: number; width: number; seed: number; balanced: boolean };

export interface FlowProblem {
  model: 'symmetric' | 'asymmetric';
  method: 'closed-form' | 'ode';
  /** Raw rows (numbers or decimal strings), kept for the decimal solver. */
  targetRows: unknown;
  /** The target in float64. */
  target: Matrix;
  init: FlowInitSpec;
  times: number[];
  digits?: number;
  levels?: number[];
  horizon?: number;
  ode?: { rtol?: number; atol?: number };
}

export const FLOW_FIELDS = ['model', 'method', 'target', 'init', 'times', 'digits', 'levels', 'horizon', 'ode'] as const;

export function parseFlowProblem(p: Json, model: 'symmetric' | 'asymmetric', method: 'closed-form' | 'ode'): FlowProblem {
  onlyKnown(p, FLOW_FIELDS, '');
  const targetRows = required(p, 'target');
  const target = fromRows(numericRows(targetRows), 'target', ENTRY_RULE);
  const times = numberArray(required(p, 'times'), 'times', { min: 0 });
  const out: FlowProblem = { model, method, targetRows, target, init: parseFlowInit(required(p, 'init'), model), times };
  if (p.digits !== undefined) {
    out.digits = integer(p.digits, 'digits', MIN_DIGITS, MAX_DIGITS);
    if (method !== 'closed-form') throw new InputError('digits', 'is only available with "method": "closed-form"');
  }
  if (p.levels !== undefined) out.levels = numberArray(p.levels, 'levels', { min: 0, minExclusive: true });
  if (p.horizon !== undefined) {
    if (p.levels === undefined) throw new InputError('horizon', 'is only meaningful with "levels"');
    out.horizon = finiteNumber(p.horizon, 'horizon', { min: 0, minExclusive: true });
  }
  if (p.ode !== undefined) {
    if (method !== 'ode') throw new InputError('ode', 'is only meaningful with "method": "ode"');
    const o = expectObject(p.ode, 'ode');
    onlyKnown(o, ['rtol', 'atol'], 'ode');
    out.ode = {
      rtol: o.rtol === undefined ? undefined : finiteNumber(o.rtol, 'ode.rtol'),
      atol: o.atol === undefined ? undefined : finiteNumber(o.atol, 'ode.atol'),
    };
  }
  if (model === 'symmetric' && target.rows !== target.cols) {
    throw new InputError('target', `must be square for the symmetric model (is ${target.rows}×${target.cols})`);
  }
  return out;
}

export function parseFlowInit(v: unknown, model: 'symmetric' | 'asymmetric'): FlowInitSpec {
  const o = expectObject(v, 'init');
  if ('factor' in o) {
    if (model !== 'symmetric') throw new InputError('init.factor', 'is for the symmetric model; the asymmetric model takes "factors": [A0, B0]');
    onlyKnown(o, ['factor'], 'init');
    return { kind: 'factor', factor: o.factor };
  }
  if ('factors' in o) {
    if (model !== 'asymmetric') throw new InputError('init.factors', 'is for the asymmetric model; the symmetric model takes "factor": U0');
    onlyKnown(o, ['factors'], 'init');
    if (!Array.isArray(o.factors) || o.factors.length !== 2) throw new InputError('init.factors', 'must be [A0, B0], two matrices');
    return { kind: 'factors', factors: [o.factors[0], o.factors[1]] };
  }
  const kind = oneOf(required(o, 'kind', 'init'), ['aligned', 'gaussian'] as const, 'init.kind');
  const scale = finiteNumber(required(o, 'scale', 'init'), 'init.scale', { min: 0 });
  if (kind === 'aligned') {
    onlyKnown(o, ['kind', 'scale', 'shape'], 'init');
    return { kind, scale, shape: required(o, 'shape', 'init') };
  }
  onlyKnown(o, ['kind', 'scale', 'width', 'seed', 'balanced'], 'init');
  const width = integer(required(o, 'width', 'init'), 'init.width', 1, 4096);
  const seed = integer(required(o, 'seed', 'init'), 'init.seed', 0, Number.MAX_SAFE_INTEGER);
  if (o.balanced !== undefined && typeof o.balanced !== 'boolean') throw new InputError('init.balanced', 'must be true or false');
  if (o.balanced !== undefined && model === 'symmetric') throw new InputError('init.balanced', 'is for the asymmetric model only');
  return { kind, scale, width, seed, balanced: o.balanced === true };
}

/** Matrix entries may be numbers or decimal strings ("0.1", "1e-400"). */
export const ENTRY_RULE = 'must be a finite number or a decimal string';

export function factorMatrix(v: unknown, field: string): Matrix {
  return fromRows(numericRows(v), field, ENTRY_RULE);
}
