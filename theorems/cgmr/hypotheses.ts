/**
 * Hypotheses shared by the [CGMR] claims (docs/theory.md §2, "Step size"): well-formed instance,
 * and the step-size conditions of the scalar recursion w ← w − ηw^{N−1}(w^N − λ):
 * - 'stable':    η < 2/(Nλ₁^{2−2/N}) (the fixed point p = λ₁ is stable; λ₁ = max|λᵢ|);
 * - 'monotone':  η ≤ 1/(Nλ₁^{2−2/N}) and 0 < α^N < λᵢ for each positive λᵢ (p rises to λᵢ without overshoot);
 * and, for both, every λᵢ ≤ 0 has ηα^{N−2}(α^N + |λᵢ|) < 1 (p stays in (0, α^N] and decays).
 */
import type { HypothesisFailure } from '../types.js';
import type { DeepInstance } from './engine.js';

export function wellFormed(inst: DeepInstance, maxN = 40): HypothesisFailure[] {
  const f: HypothesisFailure[] = [];
  const ev = inst.eigenvalues;
  if (!Array.isArray(ev) || ev.length < 1 || ev.length > maxN || !ev.every((x) => Number.isFinite(x))) {
    f.push({ name: `eigenvalues: 1 … ${maxN} finite numbers`, quantity: Array.isArray(ev) ? ev.length : NaN, relation: '≤', bound: maxN });
    return f;
  }
  for (let i = 0; i + 1 < ev.length; i++) {
    if (!(ev[i] >= ev[i + 1])) f.push({ name: 'eigenvalues sorted decreasing', quantity: ev[i + 1] - ev[i], relation: '≤', bound: 0 });
  }
  if (!(Number.isInteger(inst.depth) && inst.depth >= 2 && inst.depth <= 8)) f.push({ name: 'depth N integer in [2, 8]', quantity: inst.depth, relation: '≥', bound: 2 });
  if (!(inst.alpha > 0 && Number.isFinite(inst.alpha))) f.push({ name: 'α > 0', quantity: inst.alpha, relation: '>', bound: 0 });
  if (!(inst.stepSize > 0 && Number.isFinite(inst.stepSize))) f.push({ name: 'η > 0', quantity: inst.stepSize, relation: '>', bound: 0 });
  return f;
}

export function stepHypotheses(inst: DeepInstance, mode: 'stable' | 'monotone'): HypothesisFailure[] {
  const f = wellFormed(inst);
  if (f.length > 0) return f;
  const N = inst.depth, a = inst.alpha, eta = inst.stepSize;
  const l1 = Math.max(...inst.eigenvalues.map(Math.abs));
  const expo = 2 - 2 / N;
  if (mode === 'stable') {
    const b = 2 / (N * l1 ** expo);
    if (!(eta < b)) f.push({ name: 'η < 2/(Nλ₁^{2−2/N}) (stability)', quantity: eta, relation: '<', bound: b });
  } else {
    const lp = Math.max(...inst.eigenvalues);
    const b = 1 / (N * lp ** expo);
    // Stryker disable next-line EqualityOperator: at λ₁ = 0 the bound 1/(N·0^{2−2/N}) is +∞, so lp ≥ 0 and lp > 0 agree
    if (lp > 0 && !(eta <= b)) f.push({ name: 'η ≤ 1/(Nλ₁^{2−2/N}) (monotone step)', quantity: eta, relation: '≤', bound: b });
    inst.eigenvalues.forEach((l, i) => {
      if (l > 0 && !(a ** N < l)) f.push({ name: `α^N < λ${i + 1}`, quantity: a ** N, relation: '<', bound: l });
    });
  }
  inst.eigenvalues.forEach((l, i) => {
    if (l <= 0) {
      const q = eta * a ** (N - 2) * (a ** N + Math.abs(l));
      if (!(q < 1)) f.push({ name: `ηα^{N−2}(α^N + |λ${i + 1}|) < 1`, quantity: q, relation: '<', bound: 1 });
    }
  });
  return f;
}
