/**
 * Parsing of gradient-flow problems (`"method": "closed-form" | "ode"`) for `solve`.
 * Every rule failure is an InputError naming the field (see README, "The solve command").
 */
import { InputError } from '../errors.js';
import { type Matrix, fromRows } from '../linalg/matrix.js';
import { MAX_DIGITS, MIN_DIGITS } from '../precise/decimal.js';
import { checkEntries } from '../flows/symmetricClosedForm.js';
import { type Json, expectObject, finiteNumber, integer, numberArray, numericRows, onlyKnown, oneOf, required } from './fields.js';
import { LIMITS, checkResultSize, preciseUnits } from './limits.js';

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
  const declared = declaredShape(targetRows);
  if (declared) checkTargetSize(declared, model, p.digits !== undefined);
  const target = fromRows(numericRows(targetRows), 'target', ENTRY_RULE);
  if (p.digits === undefined) checkEntries(target, 'target'); // float64: before any init is generated from it
  const rawTimes = required(p, 'times');
  if (Array.isArray(rawTimes) && rawTimes.length > LIMITS.times) {
    throw new InputError('times', `must have at most ${LIMITS.times} entries (has ${rawTimes.length})`);
  }
  const times = numberArray(rawTimes, 'times', { min: 0 });
  const out: FlowProblem = { model, method, targetRows, target, init: parseFlowInit(required(p, 'init'), model), times };
  if (p.digits !== undefined) {
    out.digits = integer(p.digits, 'digits', MIN_DIGITS, MAX_DIGITS);
    if (method !== 'closed-form') throw new InputError('digits', 'is only available with "method": "closed-form"');
  }
  if (p.levels !== undefined) {
    if (Array.isArray(p.levels) && p.levels.length > LIMITS.levels) {
      throw new InputError('levels', `must have at most ${LIMITS.levels} entries (has ${p.levels.length})`);
    }
    out.levels = numberArray(p.levels, 'levels', { min: 0, minExclusive: true });
    out.levels.forEach((q, i) => {
      if (q === 1) {
        throw new InputError(`levels[${i}]`, 'must not be 1: a projection reaches its target value λᵢ only as t → ∞, which no finite search can certify (use a level below 1, e.g. 0.999)');
      }
    });
  }
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
  checkWork(out);
  return out;
}

/** [rows, columns of row 0] of an array of rows, or null when it is not one (fromRows says why). */
function declaredShape(v: unknown): [number, number] | null {
  if (!Array.isArray(v) || v.length === 0 || !Array.isArray(v[0])) return null;
  return [v.length, (v[0] as unknown[]).length];
}

/** The size N the solvers work at: n (symmetric) or m + n (asymmetric, the embedding). */
export function flowSize(model: 'symmetric' | 'asymmetric', rows: number, cols: number): number {
  return model === 'symmetric' ? rows : rows + cols;
}

function checkTargetSize([m, n]: [number, number], model: 'symmetric' | 'asymmetric', precise: boolean): void {
  const N = flowSize(model, m, n);
  const limit = precise ? LIMITS.preciseSize : LIMITS.flowSize;
  const what = model === 'symmetric' ? 'n' : 'm + n';
  if (N > limit) {
    throw new InputError('target', `is ${m}×${n}: ${what} must be ≤ ${limit}${precise ? ' with "digits"' : ''} (the solver limit; see README, "Limits")`);
  }
}

/** Columns of the init factor(s), read from the raw rows (before any allocation). */
function initWidth(init: FlowInitSpec, m: number, n: number): number {
  if (init.kind === 'gaussian') return init.width;
  if (init.kind === 'aligned') return Math.min(m, n);
  const raw = init.kind === 'factor' ? init.factor : init.factors[0];
  const shape = declaredShape(raw);
  return shape ? shape[1] : 0;
}

/** Width, work and result size limits (README, "Limits"), checked before any solver runs. */
function checkWork(p: FlowProblem): void {
  const m = p.target.rows, n = p.target.cols;
  const N = flowSize(p.model, m, n);
  const r = initWidth(p.init, m, n);
  if (r > LIMITS.width) {
    const field = p.init.kind === 'factor' ? 'init.factor' : p.init.kind === 'factors' ? 'init.factors[0]' : 'init.width';
    throw new InputError(field, `has ${r} columns: the width must be ≤ ${LIMITS.width}`);
  }
  if (p.init.kind === 'factor' || p.init.kind === 'factors') {
    const checks: [unknown, string, number][] = p.init.kind === 'factor'
      ? [[p.init.factor, 'init.factor', m]]
      : [[p.init.factors[0], 'init.factors[0]', m], [p.init.factors[1], 'init.factors[1]', n]];
    for (const [raw, field, rows] of checks) {
      const shape = declaredShape(raw);
      if (shape && shape[0] !== rows) {
        throw new InputError(field, field === 'init.factors[1]' ? `must have ${rows} rows (the target's columns; has ${shape[0]})` : `must have ${rows} rows like the target (has ${shape[0]})`);
      }
    }
  }
  const T = p.times.length;
  if (p.digits !== undefined) {
    const work = (T + 2) * preciseUnits(N, p.digits, r);
    if (work > LIMITS.preciseWork) {
      throw new InputError('times', `${T} snapshots at size ${N}, width ${r} with ${p.digits} digits exceed the decimal work limit ((snapshots + 2)·(N³ + (N + r)r² + 200N)·digits = ${work.toExponential(2)} > ${LIMITS.preciseWork.toExponential(0)}; see README, "Limits")`);
    }
  } else {
    const work = (T + 1) * (N ** 3 + 250);
    if (work > LIMITS.flowWork) {
      throw new InputError('times', `${T} snapshots at size ${N} exceed the work limit ((snapshots + 1)·(N³ + 250) = ${work.toExponential(2)} > ${LIMITS.flowWork.toExponential(1)}; see README, "Limits")`);
    }
  }
  if (p.method === 'ode') {
    const flops = p.model === 'symmetric' ? 2 * n * n * r + 2 * n * r * r : 4 * m * n * r;
    if (flops > LIMITS.odeRhsFlops) {
      throw new InputError('init', `an ODE right-hand side at ${m}×${n} with width ${r} costs ${flops.toExponential(2)} flops: the limit is ${LIMITS.odeRhsFlops.toExponential(0)} (use a smaller width or the closed form)`);
    }
  }
  const k = Math.min(m, n);
  const K = p.model === 'symmetric' ? n : k;
  checkResultSize(T, m * n + K + (p.model === 'symmetric' ? n : k) + 3, (p.levels?.length ?? 0) * K, p.digits, 'times');
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
  const scale = finiteNumber(required(o, 'scale', 'init'), 'init.scale', { min: 0, max: LIMITS.initScale });
  if (kind === 'aligned') {
    onlyKnown(o, ['kind', 'scale', 'shape'], 'init');
    const shape = required(o, 'shape', 'init');
    if (Array.isArray(shape)) {
      shape.forEach((x, i) => {
        if (typeof x === 'number' && Number.isFinite(x) && x >= 0 && x * scale > LIMITS.initScale) {
          throw new InputError(`init.shape[${i}]`, `times init.scale must be ≤ ${LIMITS.initScale} (is ${(x * scale).toExponential(2)})`);
        }
      });
    }
    return { kind, scale, shape };
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
