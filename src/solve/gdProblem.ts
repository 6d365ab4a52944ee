/**
 * Parsing of gradient-descent problems (`"method": "gd"`) for `solve`; see README, "Gradient descent".
 */
import { InputError } from '../errors.js';
import { type Matrix, assertSymmetric, fromRows } from '../linalg/matrix.js';
import { checkEntries } from '../flows/symmetricClosedForm.js';
import { type Json, expectObject, finiteNumber, integer, numberArray, numericRows, onlyKnown, oneOf, required } from './fields.js';
import { ENTRY_RULE, type FlowInitSpec, factorMatrix, parseFlowInit } from './flowProblem.js';

export const MAX_ITERATIONS = 1e8;

export type DeepInitSpec =
  | { kind: 'factors'; factors: Matrix[] }
  | { kind: 'identity' | 'aligned' | 'gaussian' | 'balanced'; scale: number; seed?: number };

export type MeasurementSpec =
  | { kind: 'gaussian'; count: number; seed: number; noise: number }
  | { kind: 'explicit'; matrices: unknown; observations: unknown };

export interface GdProblem {
  model: 'symmetric' | 'asymmetric' | 'deep' | 'sensing';
  target: Matrix;
  stepSize: number;
  iterations: number[];
  maxIterations: number;
  levels?: number[];
  depth: number;
  flowInit?: FlowInitSpec;
  deepInit?: DeepInitSpec;
  measurements?: MeasurementSpec;
}

export const GD_FIELDS = ['model', 'method', 'target', 'init', 'stepSize', 'iterations', 'maxIterations', 'levels', 'depth', 'measurements'] as const;

export function parseGdProblem(p: Json, model: GdProblem['model']): GdProblem {
  onlyKnown(p, GD_FIELDS, '');
  const target = fromRows(numericRows(required(p, 'target')), 'target', ENTRY_RULE);
  checkEntries(target, 'target');
  const isDeep = model === 'deep' || model === 'sensing';
  if (model === 'symmetric') assertSymmetric(target, 'target');
  if (isDeep && target.rows !== target.cols) {
    throw new InputError('target', `must be square for the ${model} model (is ${target.rows}×${target.cols})`);
  }
  const stepSize = finiteNumber(required(p, 'stepSize'), 'stepSize', { min: 0, minExclusive: true });
  const iterations = numberArray(required(p, 'iterations'), 'iterations', { min: 0 }).map((v, i) => {
    if (!Number.isInteger(v) || v > MAX_ITERATIONS) throw new InputError(`iterations[${i}]`, `must be an integer from 0 to ${MAX_ITERATIONS}`);
    return v;
  });
  const last = Math.max(...iterations);
  const maxIterations = p.maxIterations === undefined ? last : integer(p.maxIterations, 'maxIterations', last, MAX_ITERATIONS);
  const out: GdProblem = { model, target, stepSize, iterations, maxIterations, depth: 2 };
  if (p.levels !== undefined) out.levels = numberArray(p.levels, 'levels', { min: 0, minExclusive: true });
  if (isDeep) {
    out.depth = integer(required(p, 'depth'), 'depth', 2, 64);
    out.deepInit = parseDeepInit(required(p, 'init'), out.depth, target.rows);
  } else {
    if (p.depth !== undefined) throw new InputError('depth', `is only for the deep and sensing models (the ${model} model has its fixed form)`);
    out.flowInit = parseFlowInit(required(p, 'init'), model);
  }
  if (model === 'sensing') out.measurements = parseMeasurements(required(p, 'measurements'));
  else if (p.measurements !== undefined) throw new InputError('measurements', 'is only for the sensing model');
  return out;
}

function parseDeepInit(v: unknown, depth: number, n: number): DeepInitSpec {
  const o = expectObject(v, 'init');
  if ('factors' in o) {
    onlyKnown(o, ['factors'], 'init');
    if (!Array.isArray(o.factors) || o.factors.length !== depth) throw new InputError('init.factors', `must be an array of ${depth} matrices W1 … W${depth} (depth ${depth})`);
    const factors = o.factors.map((f, j) => {
      const field = `init.factors[${j}]`;
      const m = factorMatrix(f, field);
      if (m.rows !== n || m.cols !== n) throw new InputError(field, `must be ${n}×${n} (is ${m.rows}×${m.cols})`);
      checkEntries(m, field);
      return m;
    });
    return { kind: 'factors', factors };
  }
  const kind = oneOf(required(o, 'kind', 'init'), ['identity', 'aligned', 'gaussian', 'balanced'] as const, 'init.kind');
  const scale = finiteNumber(required(o, 'scale', 'init'), 'init.scale', { min: 0 });
  if (kind === 'identity' || kind === 'aligned') {
    onlyKnown(o, ['kind', 'scale'], 'init');
    return { kind, scale };
  }
  onlyKnown(o, ['kind', 'scale', 'seed'], 'init');
  return { kind, scale, seed: integer(required(o, 'seed', 'init'), 'init.seed', 0, Number.MAX_SAFE_INTEGER) };
}

function parseMeasurements(v: unknown): MeasurementSpec {
  const o = expectObject(v, 'measurements');
  if ('matrices' in o || 'observations' in o) {
    onlyKnown(o, ['matrices', 'observations'], 'measurements');
    return { kind: 'explicit', matrices: required(o, 'matrices', 'measurements'), observations: required(o, 'observations', 'measurements') };
  }
  onlyKnown(o, ['count', 'seed', 'noise'], 'measurements');
  return {
    kind: 'gaussian',
    count: integer(required(o, 'count', 'measurements'), 'measurements.count', 1, 1e7),
    seed: integer(required(o, 'seed', 'measurements'), 'measurements.seed', 0, Number.MAX_SAFE_INTEGER),
    noise: o.noise === undefined ? 0 : finiteNumber(o.noise, 'measurements.noise', { min: 0 }),
  };
}
