/** Gradient-descent path of `solve`: builds the model, runs it, shapes the result. */
import { singularPairs } from '../flows/asymmetric.js';
import { deepInit } from '../gd/inits.js';
import { explicitMeasurements, gaussianMeasurements } from '../gd/measurements.js';
import { AsymmetricGd, DeepGd, type GdModel, SymmetricGd } from '../gd/models.js';
import { type SpectralPairs, runGd } from '../gd/run.js';
import { monotoneStepBound } from '../gd/scalar.js';
import { eigh } from '../linalg/eigh.js';
import type { SolveResult } from '../types.js';
import { asymmetricInitFactors, symmetricInitFactor } from './flowSolve.js';
import type { GdProblem } from './gdProblem.js';
import { coincidenceWarnings } from './snapshot.js';

export function gdModel(p: GdProblem): { model: GdModel; pairs: SpectralPairs; diagnostics: Record<string, unknown>; extra?: (w: Float64Array) => Record<string, number> } {
  const y = p.target;
  if (p.model === 'symmetric') {
    const u0 = symmetricInitFactor(p.flowInit!, y);
    const e = eigh(y);
    return { model: new SymmetricGd(y, u0), pairs: { values: e.values, left: e.vectors, right: e.vectors }, diagnostics: { width: u0.cols } };
  }
  const pairs = singularPairs(y);
  if (p.model === 'asymmetric') {
    const [a0, b0] = asymmetricInitFactors(p.flowInit!, y);
    return { model: new AsymmetricGd(y, a0, b0), pairs, diagnostics: { width: a0.cols } };
  }
  const spec = p.deepInit!;
  const factors = spec.kind === 'factors' ? spec.factors : deepInit(spec.kind, y, p.depth, spec.scale, spec.seed);
  if (p.model === 'deep') return { model: new DeepGd(y, factors), pairs, diagnostics: {} };
  const ms = p.measurements!;
  const meas = ms.kind === 'gaussian' ? gaussianMeasurements(y, ms.count, ms.seed, ms.noise) : explicitMeasurements(y.rows, ms.matrices, ms.observations);
  const x = y.data;
  return {
    model: new DeepGd(y, factors, meas),
    pairs,
    diagnostics: {
      measurements: meas.count,
      lossScaling: '(1/2m)·Σᵢ(⟨Aᵢ, W⟩ − yᵢ)², so that E[∇] = W − X for Gaussian Aᵢ',
    },
    extra: (w) => {
      let s = 0;
      for (let i = 0; i < w.length; i++) s += (w[i] - x[i]) ** 2;
      return { recoveryError: Math.sqrt(s) };
    },
  };
}

export function solveGd(p: GdProblem): SolveResult {
  const { model, pairs, diagnostics, extra } = gdModel(p);
  const r = runGd(model, pairs, { stepSize: p.stepSize, iterations: p.iterations, maxIterations: p.maxIterations, levels: p.levels, extra });
  const sigma1 = pairs.values[0] ?? 0;
  const warnings = coincidenceWarnings(pairs.values);
  if (p.stepSize >= r.stabilityThreshold) {
    warnings.push(
      `step size ${p.stepSize} is above the stability threshold 2/(Nσ₁^{2−2/N}) = ${r.stabilityThreshold.toPrecision(6)}: ` +
        'gradient descent cannot converge to the top mode (it oscillates, or diverges)',
    );
  }
  return {
    snapshots: r.snapshots,
    hitting: r.hitting ? { ...r.hitting, maxIterations: p.maxIterations } : null,
    diagnostics: {
      model: p.model,
      method: 'gd',
      shape: [p.target.rows, p.target.cols],
      depth: model.depth,
      stepSize: p.stepSize,
      stabilityThreshold: r.stabilityThreshold,
      monotoneStepBound: monotoneStepBound(sigma1, model.depth),
      iterationsRun: r.iterationsRun,
      targetValues: Array.from(pairs.values),
      ...diagnostics,
      warnings,
    },
  };
}
