/** Gradient-descent path of `solve`: builds the model, runs it, shapes the result. */
import type { Budget } from './limits.js';
import { InputError } from '../errors.js';
import { drawnEntries, listedEntries } from '../gd/completion.js';
import { deepInit, layerDims } from '../gd/inits.js';
import { type ObservedEntries, LayeredGd, type LayeredObjective } from '../gd/layered.js';
import { type Measurements, explicitMeasurements, gaussianMeasurements } from '../gd/measurements.js';
import { AsymmetricGd, type GdModel, SymmetricGd } from '../gd/models.js';
import { type GdRunResult, type LightSnapshot, type SpectralPairs, runGd } from '../gd/run.js';
import { monotoneStepBound, stabilityThreshold } from '../gd/scalar.js';
import { balancedHessianTop } from '../gd/sharpness.js';
import { type Matrix, toRows } from '../linalg/matrix.js';
import { type TargetSpectrum, targetSpectrum } from '../spectrum/targetSpectrum.js';
import type { Snapshot, SolveResult } from '../types.js';
import { asymmetricInitFactors, symmetricInitFactor } from './flowSolve.js';
import { type GdCost, checkGdLimits, layeredStepFlops } from './gdLimits.js';
import type { GdProblem } from './gdProblem.js';
import { coincidenceWarnings } from './snapshot.js';

export interface BuiltGd {
  model: GdModel;
  pairs: SpectralPairs;
  diagnostics: Record<string, unknown>;
  extra?: (w: Float64Array) => Record<string, number>;
}

interface Plan {
  spectrum: TargetSpectrum;
  dims?: number[];
  objective?: LayeredObjective;
  cost: GdCost;
}

/** Reads the operator (measurements, observed entries) and estimates the cost, before building factors. */
function plan(p: GdProblem): Plan {
  const y = p.target, m = y.rows, n = y.cols, mn = m * n;
  const k = Math.min(m, n);
  const svdFlops = 10 * mn * k + 10 * k ** 3;
  if (p.model === 'symmetric' || p.model === 'asymmetric') {
    const spectrum = targetSpectrum(y, p.model === 'symmetric' ? 'eigen' : 'singular');
    // Width of a flow init: the factor given, or the generated one's width (at most 4096).
    const init = p.flowInit!;
    const firstRow = (f: unknown): number => (Array.isArray(f) && Array.isArray(f[0]) ? f[0].length : 1);
    const r = init.kind === 'factor' ? firstRow(init.factor) : init.kind === 'factors' ? firstRow(init.factors[0]) : init.kind === 'gaussian' ? init.width : k;
    return { spectrum, cost: { perStep: 6 * mn * r + 2 * mn, perSnapshot: svdFlops + 10 * r ** 3, perPendingStep: p.hittingOn === 'singularValues' ? svdFlops : 2 * mn * k, setup: 0, entries: mn, values: 3 * k } };
  }
  const spectrum = targetSpectrum(y, 'singular');
  const spec = p.deepInit!;
  const dims = spec.kind === 'factors' ? [n, ...spec.factors.map((f) => f.rows)] : layerDims(y, p.depth, p.widths);
  let objective: LayeredObjective = { kind: 'full' };
  let objectiveFlops = 2 * mn;
  if (p.model === 'sensing') {
    const ms = p.measurements!;
    const meas: Measurements = ms.kind === 'gaussian' ? gaussianMeasurements(y, ms.count, ms.seed, ms.noise) : explicitMeasurements(m, ms.matrices, ms.observations, n);
    objective = { kind: 'sensing', measurements: meas };
    objectiveFlops = 4 * meas.count * mn;
  } else if (p.model === 'completion') {
    const o = p.observed!;
    const observed = o.kind === 'drawn' ? drawnEntries(y, o.count, o.seed) : listedEntries(y, o.list);
    objective = { kind: 'completion', observed };
    objectiveFlops = 4 * observed.index.length * Math.max(...dims);
  }
  const N = dims.length - 1;
  const perStep = layeredStepFlops(dims, objectiveFlops, objective.kind === 'completion');
  const curvature = objective.kind === 'full' ? 0 : 300 * (objectiveFlops + 8 * N * Math.max(...dims) * mn);
  const balance = dims.reduce((s, d) => s + 10 * d ** 3, 0);
  return { spectrum, dims, objective, cost: { perStep, perSnapshot: svdFlops + balance + perStep, perPendingStep: p.hittingOn === 'singularValues' ? svdFlops : 2 * mn * (N > 1 ? dims[N - 1] : 1), setup: curvature, entries: mn, values: 3 * k } };
}

/** Builds the model of a parsed problem (the target's spectrum computed once, here). */
export function gdModel(p: GdProblem, pl: Plan = plan(p)): BuiltGd {
  const y = p.target;
  const pairs = pl.spectrum;
  if (p.model === 'symmetric') {
    const u0 = finiteInit(symmetricInitFactor(p.flowInit!, y, pairs));
    return { model: new SymmetricGd(y, u0), pairs, diagnostics: { width: u0.cols } };
  }
  if (p.model === 'asymmetric') {
    const [a0, b0] = asymmetricInitFactors(p.flowInit!, y, pairs).map(finiteInit);
    return { model: new AsymmetricGd(y, a0, b0), pairs, diagnostics: { width: a0.cols } };
  }
  const spec = p.deepInit!;
  const factors = spec.kind === 'factors' ? spec.factors : deepInit(spec.kind, y, p.depth, spec.scale, spec.seed, p.widths, pairs).map(finiteInit);
  const objective = pl.objective!;
  const model = new LayeredGd(y, factors, objective);
  const widths = pl.dims!.slice(1, -1);
  const x = y.data;
  const diagnostics: Record<string, unknown> = { widths };
  if (objective.kind === 'full') return { model, pairs, diagnostics };
  if (objective.kind === 'sensing') {
    return {
      model,
      pairs,
      diagnostics: { ...diagnostics, measurements: objective.measurements.count, lossScaling: '(1/2m)·Σᵢ(⟨Aᵢ, W⟩ − yᵢ)², so that E[∇] = W − X for Gaussian Aᵢ' },
      extra: (w) => {
        let s = 0;
        for (let i = 0; i < w.length; i++) s += (w[i] - x[i]) ** 2;
        return { recoveryError: Math.sqrt(s) };
      },
    };
  }
  const mask = observedMask(objective.observed);
  return {
    model,
    pairs,
    diagnostics: { ...diagnostics, observed: objective.observed.index.length, observedFraction: objective.observed.index.length / (y.rows * y.cols), lossScaling: '(1/2|Ω|)·Σ_{(i,j)∈Ω}(W_ij − Y_ij)²: stepSize = 2·lr for a mean-squared-error loss, |Ω|·lr for ½·Σ(squared errors)' },
    extra: (w) => {
      let so = 0, su = 0;
      for (let i = 0; i < w.length; i++) {
        const d = (w[i] - x[i]) ** 2;
        if (mask[i]) so += d;
        else su += d;
      }
      return { recoveryError: Math.sqrt(so + su), observedError: Math.sqrt(so), unobservedError: Math.sqrt(su) };
    },
  };
}

function observedMask(o: ObservedEntries): Uint8Array {
  const mask = new Uint8Array(o.rows * o.cols);
  for (const i of o.index) mask[i] = 1;
  return mask;
}

function finiteInit(f: Matrix): Matrix {
  for (const v of f.data) if (!Number.isFinite(v)) throw new InputError('init.scale', 'is too large: the initial factors overflow float64');
  return f;
}

interface Threshold {
  value: number;
  monotone: number;
  formula: string;
  estimate?: Record<string, unknown>;
}

function threshold(built: BuiltGd, pl: Plan): Threshold {
  const N = built.model.depth, top = pl.spectrum.top;
  const obj = pl.objective;
  if (!obj || obj.kind === 'full') {
    const formula = N === 1 ? '2 (the loss ½‖W − Y‖² has curvature 1)' : '2/(Nσ₁^{2−2/N})';
    return { value: N === 1 ? 2 : stabilityThreshold(top, N), monotone: N === 1 ? 1 : monotoneStepBound(top, N), formula };
  }
  const est = balancedHessianTop(pl.spectrum, pl.dims!, obj);
  const value = est.lambdaMax > 0 ? 2 / est.lambdaMax : Infinity;
  return {
    value,
    monotone: value / 2,
    formula: '2/λ_max(H), H the Gauss–Newton Hessian at the balanced factorization of the target',
    estimate: {
      method: 'power iteration on JᵀQJ (Q = the loss curvature of the measurement operator) from the top pair',
      iterations: est.iterations,
      converged: est.converged,
      topPairThreshold: est.topPairCurvature > 0 ? 2 / est.topPairCurvature : null,
    },
  };
}

export interface GdStreamHandlers {
  onSnapshot: (snapshot: Snapshot, indices: readonly number[]) => void;
  onLight: (snapshot: LightSnapshot) => void;
}

/** The time budget (checked every 64 steps) and progress (iterations done of the run's bound). */
function stepHook(budget: Budget): (k: number, last: number) => void {
  const tick = budget.tick('running gradient descent');
  return (k, last) => {
    tick();
    if ((k & 1023) === 0) budget.progress('iterations', k, last);
  };
}

export function solveGd(p: GdProblem, stream?: GdStreamHandlers, budget?: Budget): SolveResult {
  const pl = plan(p);
  checkGdLimits(pl.cost, {
    steps: Math.max(p.maxIterations, 0),
    snapshots: p.iterations.length,
    lightEvery: p.lightEvery,
    levels: p.levels !== undefined,
    omitMatrix: p.snapshotMatrix === false,
  });
  const built = gdModel(p, pl);
  const { model, pairs, diagnostics, extra } = built;
  const initial = model.evaluate().loss;
  if (!Number.isFinite(initial)) {
    const obj = pl.objective;
    if (obj?.kind === 'sensing') {
      let s = 0;
      for (const v of obj.measurements.observations) s += v * v;
      if (!Number.isFinite(s / (2 * obj.measurements.count))) {
        throw new InputError(p.measurements!.kind === 'gaussian' ? 'measurements.noise' : 'measurements.observations', 'is too large: the loss Σyᵢ²/2m of the observations overflows float64');
      }
    }
    throw new InputError(p.deepInit?.kind === 'factors' || p.flowInit?.kind === 'factor' || p.flowInit?.kind === 'factors' ? 'init' : 'init.scale', 'is too large: the initial loss overflows float64');
  }
  const thr = threshold(built, pl);
  const r: GdRunResult = runGd(model, pairs, {
    stepSize: p.stepSize,
    iterations: p.iterations,
    maxIterations: p.maxIterations,
    levels: p.levels,
    extra,
    hittingOn: p.hittingOn,
    stopLoss: p.stopLoss,
    lightEvery: p.lightEvery,
    omitMatrix: p.snapshotMatrix === false,
    stabilityThreshold: thr.value,
    ...(stream ? { onSnapshot: stream.onSnapshot, onLight: stream.onLight } : {}),
    ...(budget ? { onStep: stepHook(budget) } : {}),
  });
  const warnings = coincidenceWarnings(pairs.values);
  if (thr.estimate && !thr.estimate.converged) {
    warnings.push(`the stability threshold estimate did not converge in ${thr.estimate.iterations} power iterations: it is an upper estimate (a lower bound on λ_max)`);
  }
  if (p.stepSize >= thr.value) {
    warnings.push(
      `step size ${p.stepSize} is above the stability threshold ${thr.formula} = ${thr.value.toPrecision(6)}: ` +
        'gradient descent cannot converge to the top mode (it oscillates, or diverges)',
    );
  }
  const unbounded = [...(Number.isFinite(thr.value) ? [] : ['stabilityThreshold']), ...(Number.isFinite(thr.monotone) ? [] : ['monotoneStepBound'])];
  const result: SolveResult = {
    snapshots: r.snapshots,
    hitting: r.hitting ? { ...r.hitting, maxIterations: p.maxIterations, on: p.hittingOn ?? 'projections' } : null,
    diagnostics: {
      model: p.model,
      method: 'gd',
      shape: [p.target.rows, p.target.cols],
      depth: model.depth,
      stepSize: p.stepSize,
      stabilityThreshold: Number.isFinite(thr.value) ? thr.value : null,
      monotoneStepBound: Number.isFinite(thr.monotone) ? thr.monotone : null,
      ...(unbounded.length ? { unbounded } : {}),
      stabilityThresholdFormula: thr.formula,
      ...(thr.estimate ? { stabilityThresholdEstimate: thr.estimate } : {}),
      iterationsRun: r.iterationsRun,
      ...(r.stoppedAt !== undefined ? { stopLoss: p.stopLoss, stoppedAt: r.stoppedAt } : {}),
      targetValues: Array.from(pairs.values),
      ...diagnostics,
      warnings,
    },
  };
  if (r.lightSnapshots) result.lightSnapshots = r.lightSnapshots;
  if (p.returnFactors) result.factors = model.factors().map(toRows);
  return result;
}
