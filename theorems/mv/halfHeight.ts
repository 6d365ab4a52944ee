/** Certified half-height (first hitting of σ_k/2) times of the positive modes, shared by the [MV] claims. */
import { hittingTimes } from '../../src/flows/hitting.js';
import { symmetricClosedForm } from '../../src/flows/symmetricClosedForm.js';
import { type FlowInstance, initFactor, targetOf } from './common.js';

/** Hitting search tolerance (1e−9) plus the effect of the solver's error on a crossing time. */
export const HALF_TIME_TOL = 2e-9;

/** First hitting times of σ_k/2 by φ_kᵀW(t)φ_k for the positive eigenvalues (k < K) of the instance. */
export function halfHeightTimes(inst: FlowInstance, horizon: number, alpha = inst.alpha): (number | null)[] {
  const f = symmetricClosedForm(targetOf(inst), initFactor({ ...inst, alpha }));
  const K = inst.eigenvalues.filter((s) => s > 0).length;
  return hittingTimes(f, [0.5], horizon, { components: K }).times[0];
}
