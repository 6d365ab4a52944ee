/** Certified half-height (first hitting of σ_k/2) times of the positive modes, shared by the [MV] claims. */
import { hittingTimes } from '../../src/flows/hitting.js';
import { symmetricClosedForm } from '../../src/flows/symmetricClosedForm.js';
import { type FlowInstance, initFactor, targetOf } from './common.js';

/**
 * Tolerance of an observed half-height time: the search's tolerance (1e−9, src/flows/hitting.ts)
 * plus the effect of the closed form's error on a crossing time (|δp|/ṗ ≤ 1e−9 for the instances'
 * σ ≥ 0.01 and relative errors ~1e−14 at half height, where ṗ = σ²/2).
 */
export const HALF_TIME_TOL = 2e-9;

export interface HalfHeightTimes {
  /** First time φ_kᵀW(t)φ_k ≥ σ_k/2 per positive eigenvalue k < K, or null if not reached by the horizon. */
  times: (number | null)[];
  /** Intervals the search accepted without a certificate (0: every time is certified). */
  uncertified: number;
}

/** First hitting times of σ_k/2 by φ_kᵀW(t)φ_k for the positive eigenvalues (k < K) of the instance. */
export function halfHeightTimes(inst: FlowInstance, horizon: number, alpha = inst.alpha): HalfHeightTimes {
  const f = symmetricClosedForm(targetOf(inst), initFactor({ ...inst, alpha }));
  const K = inst.eigenvalues.filter((s) => s > 0).length;
  // Stryker disable next-line ObjectLiteral: the default (numerically positive values) is the same K here (σ_K ≫ nε‖Y‖)
  const r = hittingTimes(f, [0.5], horizon, { components: K });
  return { times: r.times[0], uncertified: r.uncertified };
}
