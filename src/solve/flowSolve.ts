/** Float64 gradient-flow path of `solve`: builds the evaluator, snapshots and hitting times. */
import { asymmetricClosedForm, asymmetricOde, singularPairs } from '../flows/asymmetric.js';
import type { FlowEvaluator } from '../flows/evaluator.js';
import { hittingTimes } from '../flows/hitting.js';
import { symmetricClosedForm } from '../flows/symmetricClosedForm.js';
import { symmetricOde } from '../flows/symmetricOde.js';
import { alignedAsymmetricFactors, alignedSymmetricFactor, gaussianAsymmetricFactors, gaussianFactor } from '../init/flowInits.js';
import { eigh } from '../linalg/eigh.js';
import type { Matrix } from '../linalg/matrix.js';
import type { SolveResult } from '../types.js';
import { type FlowInitSpec, type FlowProblem, factorMatrix } from './flowProblem.js';
import { coincidenceWarnings, floatSnapshot, hittingSection } from './snapshot.js';

/** U₀ of the symmetric model from an init spec (shared by the flows and gradient descent). */
export function symmetricInitFactor(init: FlowInitSpec, y: Matrix): Matrix {
  if (init.kind === 'factor') return factorMatrix(init.factor, 'init.factor');
  if (init.kind === 'aligned') return alignedSymmetricFactor(eigh(y), init.scale, init.shape);
  if (init.kind === 'gaussian') return gaussianFactor(y.rows, init.width, init.scale, init.seed);
  throw new Error('unreachable');
}

/** (A₀, B₀) of the asymmetric model from an init spec. */
export function asymmetricInitFactors(init: FlowInitSpec, y: Matrix): [Matrix, Matrix] {
  if (init.kind === 'factors') return [factorMatrix(init.factors[0], 'init.factors[0]'), factorMatrix(init.factors[1], 'init.factors[1]')];
  if (init.kind === 'aligned') return alignedAsymmetricFactors(singularPairs(y), init.scale, init.shape);
  if (init.kind === 'gaussian') return gaussianAsymmetricFactors(y.rows, y.cols, init.width, init.scale, init.seed, init.balanced);
  throw new Error('unreachable');
}

export function flowEvaluator(p: FlowProblem): FlowEvaluator {
  const y = p.target;
  if (p.model === 'symmetric') {
    const u0 = symmetricInitFactor(p.init, y);
    return p.method === 'closed-form' ? symmetricClosedForm(y, u0) : symmetricOde(y, u0, p.ode);
  }
  const [a0, b0] = asymmetricInitFactors(p.init, y);
  return p.method === 'closed-form' ? asymmetricClosedForm(y, a0, b0) : asymmetricOde(y, a0, b0, p.ode);
}

export function solveFlowFloat(p: FlowProblem): SolveResult {
  const ev = flowEvaluator(p);
  const snapshots = p.times.map((t) => floatSnapshot({ time: t }, ev.matrix(t), ev.loss(t), ev.projections(t)));
  let hitting: SolveResult['hitting'] = null;
  if (p.levels) {
    const horizon = p.horizon ?? Math.max(...p.times);
    const h = hittingTimes(ev, p.levels, horizon);
    hitting = hittingSection(h);
  }
  return {
    snapshots,
    hitting,
    diagnostics: {
      model: p.model,
      method: p.method,
      shape: [p.target.rows, p.target.cols],
      ...ev.diagnostics(),
      warnings: coincidenceWarnings(ev.targetValues),
    },
  };
}
