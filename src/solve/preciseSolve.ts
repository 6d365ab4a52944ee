/**
 * Decimal path of `solve` (`"digits": D`): the precise closed forms, generated inits computed in
 * Decimal (so an aligned init is aligned and balanced to D digits), output entries as decimal strings.
 */
import type { FlowEvaluator } from '../flows/evaluator.js';
import { hittingTimes } from '../flows/hitting.js';
import { type PreciseAsymmetricEvaluator, dsingularPairs, preciseAsymmetricClosedForm, dembedding } from '../flows/preciseAsymmetric.js';
import { decimalRows, preciseSymmetricClosedForm } from '../flows/symmetricClosedFormPrecise.js';
import { checkScale, checkWidth } from '../init/flowInits.js';
import { Rng } from '../init/rng.js';
import { InputError, NumericalError } from '../errors.js';
import { effectiveRank } from '../metrics/effectiveRank.js';
import { type Dec, type DecimalCtor, decimalContext } from '../precise/decimal.js';
import { type DMatrix, djacobi, dmatmul, dtranspose, dzeros } from '../precise/dmatrix.js';
import type { Snapshot, SolveResult } from '../types.js';
import type { FlowProblem } from './flowProblem.js';
import { coincidenceWarnings, hittingSection } from './snapshot.js';
import { checkTimes, maxOf } from './flowSolve.js';
import { Budget, preciseUnits } from './limits.js';

interface PreciseFlow {
  targetValues: Dec[];
  matrix(t: number): DMatrix;
  loss(t: number): Dec;
  projections(t: number): Dec[];
  singularValues(w: DMatrix): Dec[];
  diagnostics: Record<string, unknown>;
  /** Largest time accepted (never clamped). */
  maxTime: number;
  /** Certificate constant C(τ) for hitting times (see FlowEvaluator.variationBound). */
  variationBound: (level: number) => number;
}

function shapeOf(v: unknown, k: number): number[] {
  if (!Array.isArray(v) || v.length !== k) throw new InputError('init.shape', `must be an array of ${k} numbers (one per target eigen/singular value)`);
  return v.map((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new InputError(`init.shape[${i}]`, 'must be a finite number ≥ 0');
    return x;
  });
}

function gaussianDec(D: DecimalCtor, rows: number, cols: number, rng: Rng, scale: Dec): DMatrix {
  const out = dzeros(D, rows, cols);
  for (let i = 0; i < rows * cols; i++) out.data[i] = new D(rng.normal()).times(scale);
  return out;
}

function symmetricFlow(D: DecimalCtor, p: FlowProblem): PreciseFlow {
  const y = decimalRows(D, p.targetRows, 'target');
  const n = y.rows;
  let u0: DMatrix;
  const init = p.init;
  if (init.kind === 'factor') u0 = decimalRows(D, init.factor, 'init.factor');
  else if (init.kind === 'aligned') {
    const e = djacobi(D, y);
    const s = shapeOf(init.shape, n);
    const ra = new D(checkScale(init.scale)).sqrt();
    u0 = dzeros(D, n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) u0.data[i * n + j] = e.vectors.data[i * n + j].times(ra).times(new D(s[j]).sqrt());
  } else if (init.kind === 'gaussian') {
    u0 = gaussianDec(D, n, checkWidth(init.width), new Rng(init.seed, 'init.seed'), new D(checkScale(init.scale)).sqrt());
  } else throw new Error('unreachable');
  const ev = preciseSymmetricClosedForm(D, y, u0);
  let m0 = new D(0);
  for (const v of ev.matrix(0).data) m0 = m0.plus(v.times(v));
  const M = Math.max(m0.sqrt().toNumber(), ev.eigen.values[0].toNumber(), 0);
  return {
    targetValues: ev.eigen.values,
    matrix: ev.matrix,
    loss: ev.loss,
    projections: ev.projections,
    singularValues: (w) => djacobi(D, w).values.map((v) => v.abs()).sort((a, b) => b.comparedTo(a)),
    maxTime: ev.maxTime,
    diagnostics: { solver: `closed form, eigenbasis (Jacobi), pivoted Householder QR, decimal with ${D.precision} digits`, width: u0.cols, jacobiSweeps: ev.eigen.sweeps },
    variationBound: (level) => 2 * Math.sqrt(Math.min(M, Math.max(level, 0))),
  };
}

function asymmetricFlow(D: DecimalCtor, p: FlowProblem): PreciseFlow {
  const y = decimalRows(D, p.targetRows, 'target');
  const m = y.rows, n = y.cols, k = Math.min(m, n);
  let a0: DMatrix, b0: DMatrix;
  const init = p.init;
  const warnings: string[] = [];
  if (init.kind === 'factors') {
    a0 = decimalRows(D, init.factors[0], 'init.factors[0]');
    b0 = decimalRows(D, init.factors[1], 'init.factors[1]');
  } else if (init.kind === 'aligned') {
    const pairs = dsingularPairs(D, y);
    const s = shapeOf(init.shape, k);
    const ra = new D(checkScale(init.scale)).sqrt();
    a0 = dzeros(D, m, k);
    b0 = dzeros(D, n, k);
    for (let j = 0; j < k; j++) {
      const f = ra.times(new D(s[j]).sqrt());
      for (let i = 0; i < m; i++) a0.data[i * k + j] = pairs.left.data[i * k + j].times(f);
      for (let i = 0; i < n; i++) b0.data[i * k + j] = pairs.right.data[i * k + j].times(f);
    }
  } else if (init.kind === 'gaussian') {
    const r = checkWidth(init.width);
    const rng = new Rng(init.seed, 'init.seed');
    const ra = new D(checkScale(init.scale)).sqrt();
    const ga = gaussianDec(D, m, r, rng, new D(1));
    const gb = gaussianDec(D, n, r, rng, new D(1));
    if (!init.balanced) {
      a0 = { ...ga, data: ga.data.map((v) => v.times(ra)) };
      b0 = { ...gb, data: gb.data.map((v) => v.times(ra)) };
    } else {
      const pairs = dsingularPairs(D, dmatmul(D, ga, dtranspose(gb)));
      const K = pairs.values.length;
      a0 = dzeros(D, m, r);
      b0 = dzeros(D, n, r);
      for (let j = 0; j < Math.min(r, K); j++) {
        const f = ra.times(pairs.values[j].sqrt());
        for (let i = 0; i < m; i++) a0.data[i * r + j] = pairs.left.data[i * K + j].times(f);
        for (let i = 0; i < n; i++) b0.data[i * r + j] = pairs.right.data[i * K + j].times(f);
      }
    }
  } else throw new Error('unreachable');
  const ev: PreciseAsymmetricEvaluator = preciseAsymmetricClosedForm(D, y, a0, b0);
  if (ev.imbalance.gt(new D(10).pow(-(D.precision - 10)))) {
    warnings.push(`init imbalance ${ev.imbalance.toExponential(2)} (relative): the closed form solves the balanced flow, so digits beyond about ${Math.floor(-Math.log10(ev.imbalance.toNumber()))} describe that flow rather than this init`);
  }
  let mu0 = new D(0);
  for (const v of a0.data) mu0 = mu0.plus(v.times(v));
  for (const v of b0.data) mu0 = mu0.plus(v.times(v));
  const muMax = Math.max(mu0.toNumber(), 2 * ev.pairs.values[0].toNumber());
  return {
    targetValues: ev.pairs.values,
    matrix: ev.matrix,
    loss: ev.loss,
    projections: ev.projections,
    maxTime: ev.sym.maxTime,
    singularValues: (w) => djacobi(D, dembedding(D, w)).values.slice(0, Math.min(w.rows, w.cols)).map((v) => (v.isNegative() ? new D(0) : v)),
    diagnostics: {
      solver: `closed form through the symmetric embedding, decimal with ${D.precision} digits`,
      width: a0.cols,
      imbalance: ev.imbalance.toString(),
      warnings,
    },
    variationBound: () => Math.sqrt(2 * muMax),
  };
}

function toRowsDec(w: DMatrix): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < w.rows; i++) out.push(w.data.slice(i * w.cols, (i + 1) * w.cols).map((v) => v.toString()));
  return out;
}

/**
 * The decimal closed form is accurate to 10^{−(D−10)}·max|W| (normwise, see
 * symmetricClosedFormPrecise.ts): warn when a snapshot holds non-zero entries below that.
 */
export function preciseNormwiseWarning(snapshots: Snapshot[], digits: number): string[] {
  const allowance = 10 ** -(digits - 10);
  for (const s of snapshots) {
    let mx = 0, mn = Infinity;
    for (const row of s.matrix) {
      for (const v of row) {
        const a = Math.abs(Number(v));
        if (a > mx) mx = a;
        if (a > 0 && a < mn) mn = a;
      }
    }
    if (mn < allowance * mx) {
      return [`decimal closed form accuracy is normwise (about 1e-${digits - 10}·max|W| at time ${s.time}): entries below that may have fewer correct digits; raise "digits" for them`];
    }
  }
  return [];
}

/**
 * Evaluations allowed to a hitting-time search with `digits`: one evaluation costs at most about a
 * snapshot's work units (limits.ts), so the search is held to 3e7 units (≈ 30–60 s; at least 500 and
 * at most the float64 search's 50 000 evaluations); beyond it the search fails with exit 1.
 */
export function preciseHittingEvaluations(N: number, digits: number): number {
  return Math.max(500, Math.min(50_000, Math.floor(3e7 / preciseUnits(N, digits))));
}

export function solveFlowPrecise(p: FlowProblem, budget: Budget = new Budget()): SolveResult {
  const D = decimalContext(p.digits!);
  const flow = p.model === 'symmetric' ? symmetricFlow(D, p) : asymmetricFlow(D, p);
  checkTimes(p.times, flow.maxTime, '= 1e15/max|λ| with "digits": e^{2λt} must stay inside the decimal exponent range');
  const snapshots: Snapshot[] = p.times.map((t, i) => {
    budget.check(`computing snapshot ${i}`);
    budget.progress('snapshots', i, p.times.length);
    const w = flow.matrix(t);
    const sv = flow.singularValues(w);
    const top = sv[0];
    const ratios = top.isZero() ? sv.map(() => 0) : sv.map((v) => v.div(top).toNumber());
    return {
      time: t,
      matrix: toRowsDec(w),
      singularValues: sv.map((v) => v.toString()),
      effectiveRank: effectiveRank(ratios),
      loss: flow.loss(t).toString(),
      projections: flow.projections(t).map((v) => v.toString()),
    };
  });
  const targetValues = Float64Array.from(flow.targetValues, (v) => v.toNumber());
  let hitting: SolveResult['hitting'] = null;
  if (p.levels) {
    const tol = 10 ** -(D.precision - 10);
    let evaluations = 0;
    const adapter: FlowEvaluator = {
      model: p.model,
      targetValues,
      matrix: () => {
        throw new Error('not used');
      },
      projections: (t) => {
        budget.check('searching hitting times');
        budget.progress('hitting times', ++evaluations);
        return Float64Array.from(flow.projections(t), (v) => v.toNumber());
      },
      loss: (t) => flow.loss(t).toNumber(),
      variationBound: flow.variationBound,
      lossError: tol * (1 + Math.abs(flow.loss(0).toNumber())),
      maxTime: flow.maxTime,
      diagnostics: () => ({}),
    };
    const horizon = p.horizon ?? maxOf(p.times);
    if (horizon > flow.maxTime) throw new InputError(p.horizon !== undefined ? 'horizon' : 'times', `must be ≤ ${flow.maxTime.toExponential(3)} with "digits" (1e15/max|λ|)`);
    const N = p.model === 'symmetric' ? p.target.rows : p.target.rows + p.target.cols;
    const maxEvaluations = preciseHittingEvaluations(N, D.precision);
    let h: ReturnType<typeof hittingTimes>;
    try {
      h = hittingTimes(adapter, p.levels, horizon, { maxEvaluations });
    } catch (e) {
      if (e instanceof NumericalError && /exceeded \d+ evaluations/.test(e.message)) {
        throw new NumericalError(`hitting-time search with "digits" exceeded its ${maxEvaluations} evaluations (the decimal work limit at size ${N} with ${D.precision} digits; see README, "Limits"): use fewer digits, levels or a float64 solve`, e.details);
      }
      throw e;
    }
    hitting = hittingSection(h);
  }
  const { warnings: extraWarnings, ...diag } = flow.diagnostics as { warnings?: string[] };
  return {
    snapshots,
    hitting,
    diagnostics: {
      model: p.model,
      method: p.method,
      shape: [p.target.rows, p.target.cols],
      digits: D.precision,
      ...diag,
      targetValues: flow.targetValues.map((v) => v.toString()),
      warnings: [...coincidenceWarnings(targetValues), ...(extraWarnings ?? []), ...preciseNormwiseWarning(snapshots, D.precision)],
    },
  };
}
