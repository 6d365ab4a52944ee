/**
 * Parsing of gradient-descent problems (`"method": "gd"`) for `solve`; see README, "Gradient descent".
 */
import { InputError } from '../errors.js';
import { type Matrix, assertSymmetric, fromRows } from '../linalg/matrix.js';
import { checkEntries } from '../flows/symmetricClosedForm.js';
import { type Json, expectObject, finiteNumber, integer, numberArray, numericRows, onlyKnown, oneOf, required } from './fields.js';
import { ENTRY_RULE, type FlowInitSpec, factorMatrix, parseFlowInit } from './flowProblem.js';

export const MAX_ITERATIONS = 1e8;
/** Largest hidden width. */
export const MAX_WIDTH = 4096;

export type DeepInitSpec =
  | { kind: 'factors'; factors: Matrix[] }
  | { kind: 'identity' | 'aligned' | 'gaussian' | 'balanced' | 'orthogonal'; scale: number; seed?: number };

export type MeasurementSpec =
  | { kind: 'gaussian'; count: number; seed: number; noise: number }
  | { kind: 'explicit'; matrices: unknown; observations: unknown };

export type ObservedSpec = { kind: 'listed'; list: unknown } | { kind: 'drawn'; count: number; seed: number };

export type GdModelName = 'symmetric' | 'asymmetric' | 'deep' | 'sensing' | 'completion';

export interface GdProblem {
  model: GdModelName;
  target: Matrix;
  stepSize: number;
  iterations: number[];
  maxIterations: number;
  levels?: number[];
  depth: number;
  /** Hidden widths d₁ … d_{N−1} (deep models; default min(m, n) each). */
  widths?: number[];
  flowInit?: FlowInitSpec;
  deepInit?: DeepInitSpec;
  measurements?: MeasurementSpec;
  observed?: ObservedSpec;
  stopLoss?: number;
  hittingOn?: 'projections' | 'singularValues';
  lightEvery?: number;
  returnFactors?: boolean;
  /** false: leave `matrix` out of the snapshots. */
  snapshotMatrix?: boolean;
}

export const GD_FIELDS = [
  'model', 'method', 'target', 'init', 'stepSize', 'iterations', 'maxIterations', 'levels', 'depth', 'measurements',
  'observed', 'width', 'widths', 'stopLoss', 'hittingOn', 'lightEvery', 'returnFactors', 'snapshotMatrix',
] as const;

export const DEEP_MODELS = ['deep', 'sensing', 'completion'] as const;

export function parseGdProblem(p: Json, model: GdModelName): GdProblem {
  onlyKnown(p, GD_FIELDS, '');
  const target = fromRows(numericRows(required(p, 'target')), 'target', ENTRY_RULE);
  checkEntries(target, 'target');
  const isDeep = (DEEP_MODELS as readonly string[]).includes(model);
  if (model === 'symmetric') assertSymmetric(target, 'target');
  const stepSize = finiteNumber(required(p, 'stepSize'), 'stepSize', { min: 0, minExclusive: true });
  const rawIts = required(p, 'iterations');
  const iterations = numberArray(rawIts, 'iterations', { min: 0 });
  let last = 0;
  iterations.forEach((v, i) => {
    if (!Number.isInteger(v) || v > MAX_ITERATIONS) throw new InputError(`iterations[${i}]`, `must be an integer from 0 to ${MAX_ITERATIONS}`);
    if (v > last) last = v;
  });
  const maxIterations = p.maxIterations === undefined ? last : integer(p.maxIterations, 'maxIterations', last, MAX_ITERATIONS);
  const out: GdProblem = { model, target, stepSize, iterations, maxIterations, depth: 2 };
  if (p.levels !== undefined) out.levels = numberArray(p.levels, 'levels', { min: 0, minExclusive: true });
  if (isDeep) {
    out.depth = integer(required(p, 'depth'), 'depth', 1, 64);
    out.widths = parseWidths(p, out.depth);
    out.deepInit = parseDeepInit(required(p, 'init'), out.depth, target, out.widths);
  } else {
    for (const f of ['depth', 'width', 'widths'] as const) {
      if (p[f] !== undefined) throw new InputError(f, `is only for the deep, sensing and completion models (the ${model} model has its fixed form)`);
    }
    out.flowInit = parseFlowInit(required(p, 'init'), model as 'symmetric' | 'asymmetric');
  }
  if (model === 'sensing') out.measurements = parseMeasurements(required(p, 'measurements'));
  else if (p.measurements !== undefined) throw new InputError('measurements', 'is only for the sensing model');
  if (model === 'completion') out.observed = parseObserved(required(p, 'observed'));
  else if (p.observed !== undefined) throw new InputError('observed', 'is only for the completion model');
  if (p.stopLoss !== undefined) out.stopLoss = finiteNumber(p.stopLoss, 'stopLoss', { min: 0 });
  if (p.hittingOn !== undefined) out.hittingOn = oneOf(p.hittingOn, ['projections', 'singularValues'] as const, 'hittingOn');
  if (p.lightEvery !== undefined) out.lightEvery = integer(p.lightEvery, 'lightEvery', 1, MAX_ITERATIONS);
  if (p.returnFactors !== undefined) out.returnFactors = bool(p.returnFactors, 'returnFactors');
  if (p.snapshotMatrix !== undefined) out.snapshotMatrix = bool(p.snapshotMatrix, 'snapshotMatrix');
  return out;
}

function bool(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') throw new InputError(field, 'must be true or false');
  return v;
}

function parseWidths(p: Json, depth: number): number[] | undefined {
  if (p.width !== undefined && p.widths !== undefined) throw new InputError('widths', 'cannot be given together with width (width sets every hidden width)');
  if (p.width === undefined && p.widths === undefined) return undefined;
  if (depth === 1) throw new InputError(p.width !== undefined ? 'width' : 'widths', 'needs depth ≥ 2 (depth 1 has no hidden layer)');
  if (p.width !== undefined) {
    const w = integer(p.width, 'width', 1, MAX_WIDTH);
    return Array.from({ length: depth - 1 }, () => w);
  }
  if (!Array.isArray(p.widths) || p.widths.length !== depth - 1) throw new InputError('widths', `must be an array of ${depth - 1} hidden widths d1 … d${depth - 1} (depth ${depth})`);
  return p.widths.map((w, i) => integer(w, `widths[${i}]`, 1, MAX_WIDTH));
}

function parseDeepInit(v: unknown, depth: number, y: Matrix, widths: number[] | undefined): DeepInitSpec {
  const o = expectObject(v, 'init');
  if ('factors' in o) {
    onlyKnown(o, ['factors'], 'init');
    if (!Array.isArray(o.factors) || o.factors.length !== depth) throw new InputError('init.factors', `must be an array of ${depth} matrices W1 … W${depth} (depth ${depth})`);
    // Shapes: W₁ has n columns, W_N has m rows, consecutive factors chain (W_{j+1}.cols = W_j.rows),
    // and they match `widths` when given.
    const factors = o.factors.map((f, j) => {
      const field = `init.factors[${j}]`;
      const m = factorMatrix(f, field);
      checkEntries(m, field);
      return m;
    });
    factors.forEach((m, j) => {
      const field = `init.factors[${j}]`;
      const rows = j === depth - 1 ? y.rows : widths ? widths[j] : m.rows;
      const cols = j === 0 ? y.cols : factors[j - 1].rows;
      if (m.rows !== rows || m.cols !== cols) throw new InputError(field, `must be ${rows}×${cols} (is ${m.rows}×${m.cols}): W1 has the target's ${y.cols} columns, W${depth} its ${y.rows} rows, and each factor's columns are the previous factor's rows`);
    });
    return { kind: 'factors', factors };
  }
  const kind = oneOf(required(o, 'kind', 'init'), ['identity', 'aligned', 'gaussian', 'balanced', 'orthogonal'] as const, 'init.kind');
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

function parseObserved(v: unknown): ObservedSpec {
  if (Array.isArray(v)) return { kind: 'listed', list: v };
  const o = expectObject(v, 'observed');
  onlyKnown(o, ['count', 'seed'], 'observed');
  return {
    kind: 'drawn',
    count: integer(required(o, 'count', 'observed'), 'observed.count', 1, Number.MAX_SAFE_INTEGER),
    seed: integer(required(o, 'seed', 'observed'), 'observed.seed', 0, Number.MAX_SAFE_INTEGER),
  };
}
