/** Float64 gradient-flow path of `solve`: builds the evaluator, snapshots and hitting times. */
import type { SpectralPairs } from '../spectrum/targetSpectrum.js';
import { asymmetricClosedForm, asymmetricOde, singularPairs } from '../flows/asymmetric.js';
import type { FlowEvaluator } from '../flows/evaluator.js';
import { hittingTimes } from '../flows/hitting.js';
import { symmetricClosedForm } from '../flows/symmetricClosedForm.js';
import { symmetricOde } from '../flows/symmetricOde.js';
import { alignedAsymmetricFactors, alignedSymmetricFactor, gaussianAsymmetricFactors, gaussianFactor } from '../init/flowInits.js';
import { eigh } from '../linalg/eigh.js';
import type { Matrix } from '../linalg/matrix.js';
import type { Snapshot, SolveResult } from '../types.js';
import { InputError } from '../errors.js';
import { Budget } from './limits.js';
import { type FlowInitSpec, type FlowProblem, factorMatrix } from './flowProblem.js';
import { coincidenceWarnings, floatSnapshot, hittingSection } from './snapshot.js';

/** U₀ of the symmetric model from an init spec (shared by the flows and gradient descent). */
export function symmetricInitFactor(init: FlowInitSpec, y: Matrix, spectrum?: SpectralPairs): Matrix {
  if (init.kind === 'factor') return factorMatrix(init.factor, 'init.factor');
  // The aligned init needs Y's eigenpairs: the problem's own (computed once) when given.
  if (init.kind === 'aligned') return alignedSymmetricFactor(spectrum ? { values: spectrum.values, vectors: spectrum.left } : eigh(y), init.scale, init.shape);
  if (init.kind === 'gaussian') return gaussianFactor(y.rows, init.width, init.scale, init.seed);
  throw new Error('unreachable');
}

/** (A₀, B₀) of the asymmetric model from an init spec. */
export function asymmetricInitFactors(init: FlowInitSpec, y: Matrix, pairs?: SpectralPairs): [Matrix, Matrix] {
  if (init.kind === 'factors') return [factorMatrix(init.factors[0], 'init.factors[0]'), factorMatrix(init.factors[1], 'init.factors[1]')];
  if (init.kind === 'aligned') return alignedAsymmetricFactors(pairs ?? singularPairs(y), init.scale, init.shape);
  if (init.kind === 'gaussian') return gaussianAsymmetricFactors(y.rows, y.cols, init.width, init.scale, init.seed, init.balanced);
  throw new Error('unreachable');
}

export function flowEvaluator(p: FlowProblem, tick?: () => void): FlowEvaluator {
  const y = p.target;
  if (p.model === 'symmetric') {
    const u0 = symmetricInitFactor(p.init, y);
    if (p.method === 'closed-form') return symmetricClosedForm(y, u0);
    const maxSteps = odeStepBudget(p, u0.cols);
    const ev = symmetricOde(y, u0, { ...p.ode, maxSteps }, tick);
    checkOdeSteps(p, ev.targetValues, maxSteps);
    return ev;
  }
  const [a0, b0] = asymmetricInitFactors(p.init, y);
  if (p.method === 'closed-form') return asymmetricClosedForm(y, a0, b0);
  const maxSteps = odeStepBudget(p, a0.cols);
  const ev = asymmetricOde(y, a0, b0, { ...p.ode, maxSteps }, tick);
  checkOdeSteps(p, ev.targetValues, maxSteps);
  return ev;
}

/** The evaluators' loss from a W already computed (¼‖Y − W‖²_F symmetric, ½ asymmetric): saves an evaluation. */
function lossOf(p: FlowProblem, w: Matrix): number {
  const y = p.target.data;
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - w.data[i]) ** 2;
  return p.model === 'symmetric' ? s / 4 : s / 2;
}

/** Largest of the times (a loop: a spread over a long array overflows the stack). */
export function maxOf(values: readonly number[]): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
}

/** Indices of `times` in increasing time order (stable), so that an ODE integrates once through them. */
export function timeOrder(times: readonly number[]): number[] {
  return Array.from(times, (_, i) => i).sort((i, j) => times[i] - times[j] || i - j);
}

/** Work allowed to one ODE run, in units of flops plus per-step overhead (see {@link odeStepBudget}). */
export const ODE_WORK = 2e10;

/**
 * Step budget of an ODE run: a step costs about 7·(F + 50·d + 300) units (7 right-hand sides of F
 * flops on a state of d numbers, plus the integrator's own work), and a run may spend
 * {@link ODE_WORK} of them (≈ 10–20 s here), at most 1e7 steps. Exhausting it is a NumericalError.
 */
export function odeStepBudget(p: FlowProblem, width: number): number {
  const m = p.target.rows, n = p.target.cols;
  const flops = p.model === 'symmetric' ? 2 * n * n * width + 2 * n * width * width : 4 * m * n * width;
  const dim = (p.model === 'symmetric' ? n : m + n) * width;
  return Math.max(1000, Math.min(1e7, Math.floor(ODE_WORK / (7 * (flops + 50 * dim + 300)))));
}

/**
 * Rejects ODE runs that need more steps than their budget. Near its limit the flow's linearisation
 * has eigenvalues of size ≈ 2|λᵢ| (learned and decaying modes relax at those rates), and an explicit
 * Runge–Kutta step is stable only for h·rate ≲ 3.3, so reaching time T takes at least about
 * T·max|λ|/4 steps once the transient is over.
 */
export function checkOdeSteps(p: FlowProblem, targetValues: Float64Array, maxSteps: number): void {
  let lam = 0;
  for (const v of targetValues) lam = Math.max(lam, Math.abs(v));
  const horizon = p.levels ? (p.horizon ?? maxOf(p.times)) : 0;
  const T = Math.max(maxOf(p.times), horizon);
  if ((T * lam) / 4 > maxSteps) {
    const i = p.times.indexOf(T);
    throw new InputError(i >= 0 ? `times[${i}]` : 'horizon', `must be ≤ ${((4 * maxSteps) / lam).toExponential(3)} with "method": "ode" (= 4·steps/max|λ|: an explicit integrator needs about t·max|λ|/4 steps and this run may take ${maxSteps}; use the closed form)`);
  }
}

/** Rejects a time beyond the solver's range, naming its index (never clamped). */
export function checkTimes(times: readonly number[], maxTime: number, rule: string): void {
  for (let i = 0; i < times.length; i++) {
    if (times[i] > maxTime) throw new InputError(`times[${i}]`, `must be ≤ ${maxTime.toExponential(3)} (${rule})`);
  }
}

/**
 * Warning when the float64 result is only normwise accurate where it matters: the closed form
 * guarantees max-abs error ≤ 1e−10·max(1, max|W|) and the ODE about its tolerances times that
 * scale, so entries or singular values below that allowance may have few correct digits.
 */
export function normwiseWarning(snapshots: Snapshot[], method: 'closed-form' | 'ode', allowance: (maxW: number) => number): string[] {
  for (const s of snapshots) {
    let mx = 0, minNonZero = Infinity;
    for (const row of s.matrix) {
      for (const v of row as number[]) {
        const a = Math.abs(v);
        if (a > mx) mx = a;
        if (a > 0 && a < minNonZero) minNonZero = a;
      }
    }
    for (const v of s.singularValues as number[]) if (v > 0 && v < minNonZero) minNonZero = v;
    const tol = allowance(mx);
    if (minNonZero < tol) {
      return [
        `float64 ${method} accuracy is normwise (absolute error ≤ about ${tol.toExponential(1)} at time ${s.time}, = ${method === 'closed-form' ? '1e-10' : 'max(rtol, atol)'}·max(1, max|W|)): entries and singular values below that may have few correct digits; use "digits" (closed form) for relative accuracy`,
      ];
    }
  }
  return [];
}

export function solveFlowFloat(p: FlowProblem, budget: Budget = new Budget()): SolveResult {
  const ev = flowEvaluator(p, budget.tick('integrating the ODE'));
  checkTimes(p.times, ev.maxTime, 'max(1, max|λ|)·t ≤ 1e300: beyond it 2λt overflows float64');
  const snapshots: Snapshot[] = new Array(p.times.length);
  let done = 0;
  for (const i of timeOrder(p.times)) {
    budget.check(`computing snapshot ${i}`);
    budget.progress('snapshots', done++, p.times.length);
    const t = p.times[i];
    const w = ev.matrix(t);
    snapshots[i] = floatSnapshot({ time: t }, w, lossOf(p, w), ev.projections(t));
  }
  let hitting: SolveResult['hitting'] = null;
  if (p.levels) {
    const horizon = p.horizon ?? maxOf(p.times);
    if (horizon > ev.maxTime) throw new InputError(p.horizon !== undefined ? 'horizon' : 'times', `must be ≤ ${ev.maxTime.toExponential(3)} (max(1, max|λ|)·t ≤ 1e300)`);
    const h = hittingTimes(budgeted(ev, budget), p.levels, horizon);
    hitting = hittingSection(h);
  }
  const tol = p.method === 'closed-form' ? 1e-10 : Math.max(p.ode?.rtol ?? 1e-10, p.ode?.atol ?? 1e-12);
  return {
    snapshots,
    hitting,
    diagnostics: {
      model: p.model,
      method: p.method,
      shape: [p.target.rows, p.target.cols],
      ...ev.diagnostics(),
      warnings: [...coincidenceWarnings(ev.targetValues), ...normwiseWarning(snapshots, p.method, (mx) => tol * Math.max(1, mx))],
    },
  };
}

/** The evaluator with the budget checked before every projection (the hitting search's unit of work). */
export function budgeted(ev: FlowEvaluator, budget: Budget): FlowEvaluator {
  const projections = ev.projections.bind(ev);
  let evaluations = 0;
  return Object.assign(Object.create(ev) as FlowEvaluator, {
    projections: (t: number) => {
      budget.check('searching hitting times');
      budget.progress('hitting times', ++evaluations);
      return projections(t);
    },
  });
}
