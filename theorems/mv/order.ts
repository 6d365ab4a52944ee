/**
 * Incremental learning order ([MV] §IV, derived regimes in regimes.ts): with distinct positive
 * eigenvalues and small init, the modes reach half height in decreasing order of σ_k:
 *     t½₁ < t½₂ < … < t½_K,   t½_k = first t with φ_kᵀW(t)φ_k ≥ σ_k/2.
 * Claimed for the spectral init under the explicit small-init bound, and for a general init (r ≥ n)
 * under the hypotheses of Theorem 4 at ε* = min{σ_K, 1}/2.002 (where it is proved, regimes.ts).
 * Observation: certified first hitting times (src/flows/hitting.ts). Margin: the smallest relative
 * gap min_k (t½_{k+1} − t½_k)/t½_{k+1}.
 */
import type { NegativeControl, Theorem, Verdict } from '../types.js';
import type { FlowInstance } from './common.js';
import { halfHeightTimes } from './halfHeight.js';
import { incrementalArbitrary, incrementalBoundary } from './instances.js';
import { incrementalRegime } from './regimes.js';

export interface OrderPrediction {
  K: number;
  /** The claimed order of the modes' half-height times (indices 0 … K−1). */
  order: number[];
  horizon: number;
}

function makeOrder(id: string, title: string, reversed: boolean): Theorem<FlowInstance, OrderPrediction, (number | null)[]> {
  return {
    id,
    title,
    source: { paper: 'MV', label: 'incremental learning (§IV, Theorems 3–4)' },
    tag: 'paper',
    statement:
      'Distinct positive eigenvalues, small init: the modes reach half height in decreasing order of σ_k (spectral init: explicit small-α bound; general init, r ≥ n: Theorem 4 hypotheses at ε* = min{σ_K, 1}/2.002).',
    margin: { name: 'order gap', meaning: 'min_j (t½_{j+1} − t½_j) / t½_{j+1} over consecutive modes in the predicted order' },
    hypotheses: (inst) => incrementalRegime(inst).failures,
    predict(inst) {
      const { K } = incrementalRegime(inst);
      const order = Array.from({ length: K }, (_, k) => k);
      // Beyond every half-height time: (b) in regimes.ts bounds them by ln(C/α)/(2σ_k) (general) or
      // ln(σ_k/(α s₋))/(2σ_k) (spectral); use ln(1e8/α)/(2σ_K) + slack, and the Theorem 4 constant when known.
      const reg = incrementalRegime(inst);
      const sK = inst.eigenvalues[K - 1];
      const shapeMin = inst.kind === 'spectral' ? Math.min(...inst.shape.slice(0, K)) : 1;
      const horizon = Math.max(Math.log(Math.max(reg.C ?? 1, inst.eigenvalues[0] / shapeMin, 1) / inst.alpha) / (2 * sK), 1) * 1.5 + 1;
      return { K, order: reversed ? order.reverse() : order, horizon };
    },
    observe: (inst, pred) => halfHeightTimes(inst, pred.horizon).slice(0, pred.K),
    verdict(_inst, pred, t): Verdict {
      let margin = Infinity, worst = 0;
      if (t.some((x) => x === null)) return { holds: false, margin: -1, certified: true, worst: { component: t.findIndex((x) => x === null) + 1, note: 'never reaches half height' }, details: { halfTimes: t } };
      for (let j = 0; j + 1 < pred.order.length; j++) {
        const a = t[pred.order[j]] as number, b = t[pred.order[j + 1]] as number;
        const m = (b - a) / Math.max(b, 1e-300);
        if (m < margin) {
          margin = m;
          worst = pred.order[j + 1];
        }
      }
      if (!Number.isFinite(margin)) margin = 1;
      return { holds: margin > 0, margin, certified: true, worst: { component: worst + 1 }, details: { halfTimes: t, order: pred.order.map((k) => k + 1) } };
    },
    arbitrary: incrementalArbitrary,
    boundary: incrementalBoundary,
    negativeControls: [],
  };
}

export const incrementalOrder = makeOrder('mv.order', 'Incremental learning: modes reach half height in decreasing order of σ', false);
incrementalOrder.negativeControls = [
  {
    name: 'order-reversed',
    kind: 'gross',
    description: 'the claim that smaller eigenvalues are learned first',
    theorem: makeOrder('mv.order~reversed', 'Incremental learning in increasing order of σ', true),
  },
] satisfies NegativeControl<FlowInstance>[];
