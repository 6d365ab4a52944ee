/** [MV] incremental learning order (theorems/mv/order.ts): spectral and general init, and the reversed-order control. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { halfHeightTimes } from '../theorems/mv/halfHeight.js';
import { incrementalOrder } from '../theorems/mv/order.js';
import { theorem4M, unscaledInit } from '../theorems/mv/common.js';
import { spectralOrderAlpha } from '../theorems/mv/regimes.js';
import { expectPinned, itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

const SPECTRAL = { kind: 'spectral' as const, eigenvalues: [2, 1], basisSeed: 4, shape: [1, 0.5], alpha: 1e-3 };
const GENERAL = { kind: 'general' as const, eigenvalues: [2, 1, 0], basisSeed: 2, initSeed: 5, width: 5, alpha: 1e-13 };

describe('[MV] incremental learning order', () => {
  itHolds(incrementalOrder, 51);
  itRefutesControls(incrementalOrder, 52);
  itRefutesNearMisses(incrementalOrder, 51);
  itExploresBoundary(incrementalOrder, 53);
  it('draws both spectral and general instances, all with K ≥ 2', () => {
    const s = fc.sample(incrementalOrder.arbitrary(), { seed: 51, numRuns: 100 });
    expect(s.filter((i) => i.kind === 'general').length).toBeGreaterThan(20);
    expect(s.filter((i) => i.kind === 'spectral').length).toBeGreaterThan(20);
    expect(s.every((i) => i.eigenvalues.filter((x) => x > 0).length >= 2)).toBe(true);
  });
  it('outside the regime (large α, adverse shapes) the order can fail: it is a small-init claim', () => {
    const r = checkTheorem(incrementalOrder, { kind: 'spectral', eigenvalues: [2, 1], basisSeed: 1, shape: [0.01, 1], alpha: 0.2 });
    expect(r.status).toBe('outside-hypotheses');
    // the conclusion itself fails there: mode 2 (w₀ = 0.2) reaches half height before mode 1 (w₀ = 0.002)
    const t = halfHeightTimes({ kind: 'spectral', eigenvalues: [2, 1], basisSeed: 1, shape: [0.01, 1], alpha: 0.2 }, 20).times;
    expect(t[1]!).toBeLessThan(t[0]!);
  });
  it('the spectral small-init bound by hand: σ = (2, 1), σ_{i,0} = (1, 0.5) gives exp(−(ln 4/2 + ln 2)/(1 − 1/2)) = 1/16', () => {
    expect(spectralOrderAlpha([2, 1], 2, [1, 0.5])).toBeCloseTo(1 / 16, 15);
    // K = 1: only the cap ασ_{K,0} ≤ σ_K/2, i.e. α ≤ 1/(2·4)
    expect(spectralOrderAlpha([1, 0.5], 1, [4])).toBeCloseTo(1 / 8, 15);
  });
  it('an uncertified hitting-time search makes the verdict uncertified (inconclusive, never a pass)', () => {
    const p = incrementalOrder.predict(SPECTRAL);
    const o = incrementalOrder.observe(SPECTRAL, p);
    expect(o.uncertified).toBe(0);
    expect(incrementalOrder.verdict(SPECTRAL, p, o)).toMatchObject({ holds: true, certified: true });
    expect(incrementalOrder.verdict(SPECTRAL, p, { ...o, uncertified: 2 }).certified).toBe(false);
    expect(incrementalOrder.verdict(SPECTRAL, p, { times: [1, null], uncertified: 2 }).certified).toBe(false);
  });
  describe('hypotheses pinned at their boundary (just inside / just outside)', () => {
    it('spectral: α below the small-init bound (1/16 here)', () => {
      expectPinned(incrementalOrder, 'small init', { ...SPECTRAL, alpha: (1 / 16) * (1 - 1e-9) }, { ...SPECTRAL, alpha: 1 / 16 }, true);
    });
    it('spectral: σ_{i,0} > 0', () => expectPinned(incrementalOrder, 'σ_{2,0} > 0', { ...SPECTRAL, shape: [1, 1e-300] }, { ...SPECTRAL, shape: [1, 0] }));
    const M = theorem4M(unscaledInit(GENERAL)).M;
    const eps = 1 / 2.002;
    const c = eps / (16 * M * M), C = (16 * 4 * M * M) / eps;
    it('general: α ≤ c_ε*/M (K = 1)', () => {
      const k1 = { ...GENERAL, eigenvalues: [1, 0, 0] };
      const cc = (0.5 / 1.001) / (16 * M * M); // ε* = min{σ_K, 1}/2.002 = 1/2.002
      expectPinned(incrementalOrder, 'α ≤ c_ε*/M', { ...k1, alpha: (cc / M) * (1 - 1e-9) }, { ...k1, alpha: (cc / M) * (1 + 1e-9) });
    });
    it('general: the ratio condition at ε* (σ₂/σ₁ = 1/2: α < c²/C)', () => {
      const a = (c * c) / C;
      expectPinned(incrementalOrder, 'log(c_ε/α)/log(C_ε/α) >', { ...GENERAL, alpha: a * (1 - 1e-9) }, { ...GENERAL, alpha: a * (1 + 1e-9) }, true);
    });
    it('general: r ≥ n', () => expectPinned(incrementalOrder, 'r ≥ n', { ...GENERAL, width: 3 }, { ...GENERAL, width: 2 }));
    it('distinct positive eigenvalues', () => expectPinned(incrementalOrder, 'σ1 > σ2', { ...SPECTRAL, alpha: 1e-300, eigenvalues: [2, 2 * (1 - 1e-15)] }, { ...SPECTRAL, eigenvalues: [2, 2] }));
  });
  it('verdict on fixed times: the order gap, the worst mode, ties, K = 1, and the reversed and near-miss variants', () => {
    const three = { ...SPECTRAL, eigenvalues: [3, 2, 1], shape: [1, 1, 1], alpha: 1e-6 };
    const p = incrementalOrder.predict(three);
    const v = incrementalOrder.verdict(three, p, { times: [1, 3, 3.5], uncertified: 0 });
    expect(v.margin).toBeCloseTo(0.5 / 3.5, 14);
    expect(v).toMatchObject({ holds: true, certified: true, worst: { component: 3 } });
    expect(v.details.order).toEqual([1, 2, 3]);
    expect(incrementalOrder.verdict(three, p, { times: [1, 1.1, 3], uncertified: 0 })).toMatchObject({ worst: { component: 2 } });
    expect(incrementalOrder.verdict(three, p, { times: [1, 1, 3], uncertified: 0 })).toMatchObject({ holds: false, margin: 0 });
    const none = incrementalOrder.verdict(three, p, { times: [1, null, null], uncertified: 0 });
    expect(none).toMatchObject({ holds: false, margin: -1, worst: { component: 2, note: 'never reaches half height' } });
    expect(none.details).toEqual({ halfTimes: [1, null, null], uncertified: 0 });
    const one = { ...SPECTRAL, eigenvalues: [2, 0], shape: [1, 1] };
    expect(incrementalOrder.verdict(one, incrementalOrder.predict(one), { times: [1, null], uncertified: 0 })).toMatchObject({ holds: false, margin: -1 });
    expect(incrementalOrder.verdict(one, incrementalOrder.predict(one), { times: [1], uncertified: 0 })).toMatchObject({ holds: true, margin: 1 });
    const rev = incrementalOrder.negativeControls.find((c) => c.name === 'order-reversed')!.theorem;
    const pr = rev.predict(three);
    expect(pr.order).toEqual([2, 1, 0]);
    expect(rev.verdict(three, pr, { times: [1, 3, 3.5], uncertified: 0 })).toMatchObject({ holds: false, worst: { component: 1 } });
    expect(rev.verdict(three, pr, { times: [1, 3, 3.5], uncertified: 0 }).margin).toBeCloseTo((1 - 3) / 1, 14);
    const near = incrementalOrder.negativeControls.find((c) => c.name === 'asymptotic-ratio')!.theorem;
    // t½₂ ≥ 0.95·(3/2)·t½₁ = 1.425 t½₁: 1.5 holds, 1.4 does not
    expect(near.verdict(three, near.predict(three), { times: [1, 1.5, 3], uncertified: 0 }).margin).toBeCloseTo((1.5 - 1.425) / 1.5, 14);
    expect(near.verdict(three, near.predict(three), { times: [1, 1.4, 3], uncertified: 0 }).holds).toBe(false);
  });
  it('prediction horizon beyond every half-height time (formula pinned)', () => {
    const p = incrementalOrder.predict(SPECTRAL);
    expect(p.horizon).toBeCloseTo((Math.log(Math.max(2 / 0.5, 1) / 1e-3) / 2) * 1.5 + 1, 12);
    // min σ_{k,0} over the positive modes only (a tiny tail shape does not count)
    const tail = { ...SPECTRAL, eigenvalues: [2, 1, 0], shape: [1, 0.5, 1e-6] };
    expect(incrementalOrder.predict(tail).horizon).toBeCloseTo((Math.log(4 / 1e-3) / 2) * 1.5 + 1, 12);
    const g = incrementalOrder.predict(GENERAL);
    const C = (16 * 4 * M2(GENERAL) ** 2) / (1 / 2.002);
    expect(g.horizon).toBeCloseTo((Math.log(C / 1e-13) / 2) * 1.5 + 1, 9);
  });
});

function M2(inst: typeof GENERAL): number {
  return theorem4M(unscaledInit(inst)).M;
}
