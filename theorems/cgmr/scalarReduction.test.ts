/**
 * cgmr.scalarReduction pinned on fixed instances (scalarReduction.ts): the failures' names and
 * quantities, the controls' recursions against a hand step, the observation's max over every k, and
 * the arbitraries' documented ranges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../check.js';
import { monotoneStep } from './bounds.js';
import { type ScalarReductionInstance, negativeEigenvalueDeparture, scalarReduction, scalarReductionArbitrary, scalarReductionBoundary, targetAndInit, toleranceCap } from './scalarReduction.js';

const base: ScalarReductionInstance = { kind: 'identity', eigenvalues: [2, 0.5, 0], depth: 3, alpha: 0.3, stepSize: 0.1, basisSeed: 4, rightSeed: 5, steps: 40 };
const control = (name: string) => scalarReduction.negativeControls.find((c) => c.name === name)!.theorem;
const names = (i: ScalarReductionInstance) => scalarReduction.hypotheses(i).map((f) => f.name);

describe('cgmr.scalarReduction: hypotheses', () => {
  it('names the failing hypothesis with its index and quantity', () => {
    expect(scalarReduction.hypotheses({ ...base, kind: 'other' as 'identity' })[0]).toEqual({ name: "kind ∈ {'identity', 'aligned'}", quantity: NaN, relation: '=', bound: 0 });
    expect(scalarReduction.hypotheses({ ...base, kind: 'aligned', eigenvalues: [2, 0.5, -0.1] })).toContainEqual({ name: 'aligned: singular value σ3 ≥ 0', quantity: -0.1, relation: '≥', bound: 0 });
    const tie = scalarReduction.hypotheses({ ...base, kind: 'aligned', eigenvalues: [3, 2, 2] });
    expect(tie).toEqual([{ name: 'aligned: distinct singular values σ2 > σ3', quantity: 0, relation: '>', bound: 0 }]);
    const up = scalarReduction.hypotheses({ ...base, kind: 'aligned', eigenvalues: [3, 1, 2] }).find((f) => f.name.startsWith('aligned'));
    expect(up).toEqual({ name: 'aligned: distinct singular values σ2 > σ3', quantity: -1, relation: '>', bound: 0 });
    expect(scalarReduction.hypotheses({ ...base, steps: 0 })).toEqual([{ name: 'steps integer in [1, 1e5]', quantity: 0, relation: '≤', bound: 1e5 }]);
    expect(scalarReduction.hypotheses(negativeEigenvalueDeparture.instance)).toEqual([{ name: expect.stringMatching(/^steps ≤ certified horizon/), quantity: 1557, relation: '≤', bound: expect.any(Number) }]);
  });
  it('the tolerance cap is 10⁻⁶·max(max|λ|, α^N)', () => {
    expect(toleranceCap({ eigenvalues: [2, -3], depth: 2, alpha: 0.5 })).toBeCloseTo(3e-6, 20);
    expect(toleranceCap({ eigenvalues: [0.1], depth: 2, alpha: 2 })).toBeCloseTo(4e-6, 20);
  });
  it('an unstable η fails the stability hypothesis alone (the horizon is not judged on top of it)', () => {
    const f = names({ ...base, stepSize: 3 * monotoneStep(2, 3), steps: 2000 });
    expect(f).toEqual([expect.stringMatching(/stability/)]);
  });
});

describe('cgmr.scalarReduction: prediction, observation, verdict', () => {
  it('the identity target is exactly symmetric', () => {
    for (const n of [3, 5]) {
      const { y } = targetAndInit({ ...base, eigenvalues: [2, 1, 0.5, 0.2, 0.1].slice(0, n) }, false);
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) expect(y.data[a * n + b]).toBe(y.data[b * n + a]);
    }
  });
  it('the controls run the recursion with 1.01η and exponent N − 2 (one hand step)', () => {
    const one = { ...base, steps: 1 };
    const w = (eta: number, e: number, l: number) => (0.3 - eta * 0.3 ** e * (0.3 ** 3 - l)) ** 3;
    expect(scalarReduction.predict(one).p[1][0]).toBeCloseTo(w(0.1, 2, 2), 15);
    expect(control('step-size-1%-off').predict(one).p[1][0]).toBeCloseTo(w(0.101, 2, 2), 15);
    expect(control('exponent-N-2').predict(one).p[1][0]).toBeCloseTo(w(0.1, 1, 2), 15);
  });
  it('the observation compares every k ≤ steps: the exponent control is refuted at k = 1 of a one-step run', () => {
    const r = checkTheorem(control('exponent-N-2'), { ...base, steps: 1 });
    expect(r.status).toBe('refuted');
    expect(r.verdict!.worst.iteration).toBe(1);
    const d = r.verdict!.details as { maxError: number; worstRatio: number };
    expect(d.maxError).toBeGreaterThan(1e-3);
    expect(r.verdict!.margin).toBeCloseTo(1 - d.worstRatio, 12);
  });
  it('worstRatio is the max over k: non-decreasing in the number of steps', () => {
    let prev = -1;
    for (let s = 1; s <= 30; s++) {
      const inst = { ...base, steps: s };
      const o = scalarReduction.observe(inst, scalarReduction.predict(inst));
      expect(o.worstRatio).toBeGreaterThanOrEqual(prev);
      expect(o.worstIteration).toBeLessThanOrEqual(s);
      prev = o.worstRatio;
    }
    expect(prev).toBeGreaterThan(0);
  });
  it('an infinite ratio gives margin −∞, a finite one 1 − ratio', () => {
    const v = scalarReduction.verdict(base, { p: [] }, { worstRatio: Infinity, worstIteration: 3, maxError: 1 });
    expect(v.holds).toBe(false);
    expect(v.margin).toBe(-Infinity);
    const h = scalarReduction.verdict(base, { p: [] }, { worstRatio: 0.25, worstIteration: 3, maxError: 1e-14 });
    expect(h).toMatchObject({ holds: true, margin: 0.75, worst: { iteration: 3 }, details: { maxError: 1e-14, worstRatio: 0.25 } });
  });
});

describe('cgmr.scalarReduction: arbitraries', () => {
  it('draws inside the hypotheses, n ∈ 2…5 distinct decreasing eigenvalues, negatives only for identity, α^N below λ_min⁺, steps from the horizon', () => {
    const sample = fc.sample(scalarReductionArbitrary(), { seed: 42, numRuns: 150 });
    const lengths = new Set<number>();
    let negIdentity = 0, twoNeg = 0, long = 0, negs = 0;
    for (const i of sample) {
      expect(scalarReduction.hypotheses(i)).toEqual([]);
      lengths.add(i.eigenvalues.length);
      const neg = i.eigenvalues.filter((x) => x < 0).length;
      negs += neg;
      expect(i.eigenvalues[0]).toBeGreaterThan(0);
      if (i.kind === 'aligned') expect(neg).toBe(0);
      else if (neg > 0) negIdentity++;
      if (neg >= 2) twoNeg++;
      const pos = i.eigenvalues.filter((x) => x > 0);
      expect(i.alpha ** i.depth).toBeLessThan(0.9 ** i.depth * Math.min(...pos) * (1 + 1e-12));
      expect(i.stepSize).toBeLessThanOrEqual(monotoneStep(Math.max(...i.eigenvalues.map(Math.abs)), i.depth) * (1 + 1e-12));
      if (i.steps >= 60) long++;
    }
    expect([...lengths].sort()).toEqual([2, 3, 4, 5]);
    expect(negIdentity).toBeGreaterThan(5);
    expect(twoNeg).toBeGreaterThan(0);
    // each of the n − 1 lower identity eigenvalues is negated with probability 1/2 (89 at this seed; 62 if the signs array were shorter)
    expect(negs).toBeGreaterThan(75);
    expect(long).toBeGreaterThan(20);
  });
  it('fills duplicate draws (sample 372 and 414 at seed 7) to n distinct, finite, decreasing eigenvalues', () => {
    const s = fc.sample(scalarReductionArbitrary(), { seed: 7, numRuns: 420 });
    // n = 2 with both values drawn at 0.2: the second is filled with half the first (a negative last one would step down by 0.05)
    for (const k of [372, 414]) expect(s[k].eigenvalues).toEqual([s[k].eigenvalues[0], s[k].eigenvalues[0] / 2]);
    for (const i of s) {
      expect(i.eigenvalues.length).toBeGreaterThanOrEqual(2);
      expect(i.eigenvalues.length).toBeLessThanOrEqual(5);
      expect(i.eigenvalues.every(Number.isFinite)).toBe(true);
      for (let k = 0; k + 1 < i.eigenvalues.length; k++) expect(i.eigenvalues[k]).toBeGreaterThan(i.eigenvalues[k + 1]);
    }
  });
  it('the boundary draws η up to 2.4× the monotone bound (beyond stability), ≤ 80 steps, −0.1 as the last singular value of aligned instances only', () => {
    const b = fc.sample(scalarReductionBoundary(), { seed: 43, numRuns: 150 });
    let beyond = 0, negAligned = 0;
    for (const i of b) {
      const ratio = i.stepSize / monotoneStep(Math.max(...i.eigenvalues.map(Math.abs)), i.depth);
      expect(Number.isFinite(ratio)).toBe(true);
      expect(ratio).toBeLessThanOrEqual(2.4 * (1 + 1e-12));
      if (ratio > 2) beyond++;
      expect(i.steps).toBeLessThanOrEqual(80);
      expect(i.eigenvalues.length).toBeLessThanOrEqual(5);
      if (i.eigenvalues[i.eigenvalues.length - 1] === -0.1) {
        expect(i.kind).toBe('aligned');
        negAligned++;
        if (i.eigenvalues.length > 2) expect(i.eigenvalues[1]).toBeGreaterThan(0);
      }
    }
    expect(beyond).toBeGreaterThan(0);
    expect(negAligned).toBeGreaterThan(3);
    expect(b.some((i) => i.eigenvalues[i.eigenvalues.length - 1] === -0.1 && i.eigenvalues.length > 2)).toBe(true);
  });
});
