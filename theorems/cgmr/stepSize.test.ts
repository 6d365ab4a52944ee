/**
 * cgmr.stepSize's arbitraries pinned (stepSize.ts): the instance as a pure map of its knobs at fixed
 * knobs (duplicates, order, the pushed zero, α's log range per depth, the negative eigenvalue's cap,
 * steps from the two-phase bound, its 3000 cap, the certified horizon), the order control's close
 * pair, the drawn ranges on samples; and the rise sub-claim's first iteration on one step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monotoneStep, twoPhaseUpper } from './bounds.js';
import { transverseHorizon } from './scalarReduction.js';
import { type StepSizeInstance, closePair, stepSize, stepSizeArbitrary, stepSizeBoundary, stepSizeInstance } from './stepSize.js';

const knobs = { pos: [1, 2, 1], zero: true, neg: -0.5, depth: 3, u: 0.5, s: 0.8, basisSeed: 7 };
const rel = (x: number, y: number, r = 1e-12) => expect(Math.abs(x - y)).toBeLessThanOrEqual(r * Math.abs(y));

describe('cgmr.stepSize: the instance from its knobs', () => {
  it('positive eigenvalues deduplicated and sorted down, then the zero, then the negative; η = s·1/(Nλ₁^{2−2/N}); α^N = λ_min⁺·10^{−3 + 2.7u}', () => {
    const i = stepSizeInstance(knobs);
    expect(i.eigenvalues).toEqual([2, 1, 0, -0.5]);
    expect(i.depth).toBe(3);
    expect(i.basisSeed).toBe(7);
    rel(i.stepSize, 0.8 * monotoneStep(2, 3));
    rel(i.alpha ** 3, 10 ** (-3 + 0.5 * 2.7), 1e-12);
    // two-phase bound to 10⁻³λᵢ (94 here), not cut by the certified horizon
    expect(i.steps).toBe(94);
    expect(i.steps).toBe(Math.ceil(Math.max(twoPhaseUpper(0.5, 1e-3, 2, i.alpha, i.stepSize, 3), twoPhaseUpper(0.5, 1e-3, 1, i.alpha, i.stepSize, 3))));
    expect(stepSizeInstance({ ...knobs, neg: null })).toEqual({ ...i, eigenvalues: [2, 1, 0] });
    expect(stepSizeInstance({ ...knobs, zero: false, neg: null }).eigenvalues).toEqual([2, 1]);
  });
  it('α^N/λ_min⁺ spans 10^{−4}…10^{−0.3} at N = 2 and 10^{−3}…10^{−0.3} at N = 3, 4', () => {
    const r = (depth: number, u: number) => {
      const i = stepSizeInstance({ ...knobs, pos: [2, 0.5], depth, u, neg: null });
      return Math.log10(i.alpha ** depth / 0.5);
    };
    expect(r(2, 0)).toBeCloseTo(-4, 12);
    expect(r(2, 1)).toBeCloseTo(-0.3, 12);
    expect(r(3, 0)).toBeCloseTo(-3, 12);
    expect(r(3, 1)).toBeCloseTo(-0.3, 12);
    expect(r(4, 0)).toBeCloseTo(-3, 12);
    expect(r(4, 1)).toBeCloseTo(-0.3, 12);
  });
  it('a single eigenvalue gets a zero (once); two need none', () => {
    expect(stepSizeInstance({ ...knobs, pos: [0.5], zero: false, neg: null }).eigenvalues).toEqual([0.5, 0]);
    expect(stepSizeInstance({ ...knobs, pos: [0.5], zero: true, neg: null }).eigenvalues).toEqual([0.5, 0]);
    expect(stepSizeInstance({ ...knobs, pos: [0.5], zero: false, neg: -0.2 }).eigenvalues).toEqual([0.5, -0.2]);
  });
  it('the negative eigenvalue is capped at 0.9 of its hypothesis ηα^{N−2}(α^N + |λ|) < 1; steps cut to the certified horizon', () => {
    const k = { pos: [0.2], zero: false, neg: -1, depth: 2, u: 0, s: 1, basisSeed: 7 };
    const i = stepSizeInstance(k);
    // N = 2, η = 1/(2·0.2) = 2.5, α² = 2e−5: |λ| = 0.9/2.5 − α²
    expect(i.stepSize).toBeCloseTo(2.5, 14);
    rel(i.alpha ** 2, 2e-5);
    expect(i.eigenvalues[0]).toBe(0.2);
    rel(i.eigenvalues[1], -(0.36 - 2e-5));
    // below the cap the drawn value is kept
    expect(stepSizeInstance({ ...k, neg: -0.3 }).eigenvalues).toEqual([0.2, -0.3]);
    // the two-phase bound is 30 steps, the certified horizon 25
    expect(i.steps).toBe(25);
    expect(i.steps).toBe(transverseHorizon(i, 30));
    const j = stepSizeInstance({ pos: [2, 1], zero: false, neg: -0.9, depth: 4, u: 0.5, s: 1, basisSeed: 7 });
    expect(j.eigenvalues).toEqual([2, 1, -0.9]);
    expect(j.steps).toBe(55); // two-phase bound 113
  });
  it('steps are capped at 3000 (then cut by the horizon with a negative eigenvalue)', () => {
    const k = { pos: [3, 0.2], zero: false, neg: null, depth: 3, u: 0, s: 0.3, basisSeed: 1 };
    expect(stepSizeInstance(k).steps).toBe(3000); // two-phase bound 8468
    expect(stepSizeInstance({ ...k, neg: -0.05 }).steps).toBe(2469);
  });
  it('the horizon uses min(η, 1/(Nλ₁^{2−2/N})): above the bound (boundary draws) steps are those at the bound', () => {
    const at = stepSizeInstance({ ...knobs, neg: null, s: 1 }), above = stepSizeInstance({ ...knobs, neg: null, s: 1.1 });
    expect(at.steps).toBe(75);
    expect(above.steps).toBe(75);
    expect(above.stepSize).toBeCloseTo(1.1 * at.stepSize, 14);
  });
});

describe('cgmr.stepSize: the order control\'s close pair', () => {
  const base: StepSizeInstance = { eigenvalues: [2, 1.95, 1.9, 1, 0, -0.3], depth: 3, alpha: 0.2, stepSize: 0.1, basisSeed: 4, steps: 2000 };
  it('λ₂ = (1 − g)λ₁ inserted, the base eigenvalues strictly below it kept (zeros too, not negatives), steps ≤ 1500', () => {
    const c = closePair(base, 0.025);
    expect(c.eigenvalues).toEqual([2, 2 * 0.975, 1.9, 1, 0]);
    expect(c.steps).toBe(1500);
    expect(c).toMatchObject({ depth: 3, alpha: 0.2, stepSize: 0.1, basisSeed: 4 });
    expect(closePair({ ...base, steps: 800 }, 0.1).eigenvalues).toEqual([2, 1.8, 1, 0]);
    expect(closePair({ ...base, steps: 800 }, 0.1).steps).toBe(800);
  });
});

describe('cgmr.stepSize: the observation\'s rise on one step', () => {
  it('the rise is observed from k = 1 only (at k = 0 there is no previous iterate)', () => {
    // N = 2, α = 0.1, η = 1/4, λ = 2: w₁ = 0.1 + η·0.1·(2 − 0.01) = 0.14975, p₁ = 0.0224250625; rise = (p₀ − p₁)/λ
    const inst = { eigenvalues: [2, 0], depth: 2, alpha: 0.1, stepSize: 0.25, basisSeed: 1, steps: 1 };
    const o = stepSize.observe(inst, stepSize.predict(inst));
    rel(o.rise, (0.01 - 0.0224250625) / 2, 1e-9);
    expect(o.where.rise).toBe(1);
  });
});

describe('cgmr.stepSize: the drawn ranges', () => {
  it('the arbitrary: η in its range × the monotone bound, α^N/λ_min⁺ in the depth\'s range, negative eigenvalues capped by their hypothesis, steps from the two-phase bound (≤ 3000) or the horizon', () => {
    const sample = fc.sample(stepSizeArbitrary(), { seed: 9, numRuns: 1500 });
    let negatives = 0, capped = 0, lowN2 = 0, high = 0;
    for (const i of sample) {
      const pos = i.eigenvalues.filter((l) => l > 0), lmin = Math.min(...pos), N = i.depth;
      expect(i.eigenvalues.length).toBeGreaterThanOrEqual(2);
      expect(i.eigenvalues.every(Number.isFinite) && Number.isFinite(i.alpha) && Number.isFinite(i.stepSize)).toBe(true);
      const s = i.stepSize / monotoneStep(pos[0], N);
      expect(s).toBeGreaterThanOrEqual(0.3 * (1 - 1e-12));
      expect(s).toBeLessThanOrEqual(1 + 1e-12);
      const r = Math.log10(i.alpha ** N / lmin);
      expect(r).toBeGreaterThanOrEqual((N === 2 ? -4 : -3) - 1e-9);
      expect(r).toBeLessThanOrEqual(-0.3 + 1e-9);
      if (N === 2 && r < -3.2) lowN2++;
      if (r > -1) high++;
      const neg = i.eigenvalues.filter((l) => l < 0);
      expect(neg.length).toBeLessThanOrEqual(1);
      expect(i.steps).toBeLessThanOrEqual(3000);
      const horizon = Math.min(3000, Math.ceil(Math.max(...pos.map((l) => twoPhaseUpper(0.5, 1e-3, l, i.alpha, i.stepSize, N)))));
      if (neg.length === 1) {
        negatives++;
        const q = i.stepSize * i.alpha ** (N - 2) * (i.alpha ** N - neg[0]);
        expect(q).toBeLessThanOrEqual(0.9 * (1 + 1e-9));
        expect(neg[0]).toBeGreaterThanOrEqual(-1);
        if (Math.abs(q - 0.9) < 1e-9) capped++;
        else expect(neg[0]).toBeLessThanOrEqual(-0.05);
        expect(i.steps).toBe(Math.max(1, transverseHorizon(i, horizon)));
      } else {
        expect(i.steps).toBe(horizon);
      }
    }
    expect(negatives).toBeGreaterThan(300);
    expect(negatives).toBeLessThan(1200);
    expect(capped).toBeGreaterThan(0);
    expect(lowN2).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(0);
    for (const i of fc.sample(stepSizeBoundary(), { seed: 9, numRuns: 200 })) {
      const s = i.stepSize / monotoneStep(Math.max(...i.eigenvalues), i.depth);
      expect(s).toBeGreaterThanOrEqual(0.95 * (1 - 1e-12));
      expect(s).toBeLessThanOrEqual(1.1 * (1 + 1e-12));
    }
  });
  it('the order control\'s close pair: λ₂ = (1 − g)λ₁ with g ∈ [0.005, 0.1], the rest below, no negative, the same step, ≤ 1500 steps', () => {
    const ctl = stepSize.negativeControls.find((c) => c.name === 'order-condition-dropped')!.theorem;
    let small = 0;
    for (const i of fc.sample(ctl.arbitrary(), { seed: 9, numRuns: 400 }) as StepSizeInstance[]) {
      const [l1, l2, ...rest] = i.eigenvalues;
      const g = 1 - l2 / l1;
      expect(g).toBeGreaterThanOrEqual(0.005 - 1e-12);
      expect(g).toBeLessThanOrEqual(0.1 + 1e-12);
      if (g < 0.05) small++;
      expect(rest.every((l) => l < l2 && l >= 0)).toBe(true);
      const s = i.stepSize / monotoneStep(l1, i.depth);
      expect(s).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(i.steps).toBeLessThanOrEqual(1500);
    }
    expect(small).toBeGreaterThan(0);
  });
});
