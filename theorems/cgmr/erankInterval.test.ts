/**
 * cgmr.erankInterval pinned on fixed instances (erankInterval.ts): the hypotheses' failures, the
 * prediction's Δ and interval against hand formulas, the controls' variants, and the verdict's
 * tolerance, ties, margins and reporting on fabricated observations.
 */
import { describe, expect, it } from 'vitest';
import { EPS } from '../../src/metrics/tolerance.js';
import { binaryEntropy, entropy, hittingLower, twoPhaseUpper } from './bounds.js';
import { type ErankIntervalInstance, type ErankIntervalObservation, type ErankIntervalPrediction, erankInterval } from './erankInterval.js';

const ex: ErankIntervalInstance = { eigenvalues: [4, 2, 1, ...Array<number>(17).fill(0.02)], depth: 2, alpha: 1e-3, stepSize: 1 / 8, rank: 3, epsilon: 0.05, delta: 1e-3, basisSeed: 1 };
const control = (name: string) => erankInterval.negativeControls.find((c) => c.name === name)!.theorem;

describe('cgmr.erankInterval: hypotheses', () => {
  const f = (i: Partial<ErankIntervalInstance>) => erankInterval.hypotheses({ ...ex, ...i });
  it('the example is inside; each failure is named with its quantity and bound', () => {
    expect(f({})).toEqual([]);
    expect(f({ rank: 20 })).toEqual([{ name: 'rank r integer, 1 ≤ r < n', quantity: 20, relation: '<', bound: 20 }]);
    expect(f({ rank: 1.5 }).map((x) => x.name)).toEqual(['rank r integer, 1 ≤ r < n']);
    expect(f({ rank: 0 }).map((x) => x.name)).toEqual(['rank r integer, 1 ≤ r < n']);
    expect(f({ phase1Level: 1 }).map((x) => x.name)).toContain('phase-1 level c ∈ (0, 1)');
    expect(f({ phase1Level: 0.9, epsilon: 0.1 })).toEqual([{ name: '0 < ε < 1 − c', quantity: 0.1, relation: '<', bound: 1 - 0.9 }]);
    expect(f({ epsilon: 0.5 })).toEqual([{ name: '0 < ε < 1 − c', quantity: 0.5, relation: '<', bound: 0.5 }]);
    expect(f({ epsilon: 0 }).map((x) => x.name)).toEqual(['0 < ε < 1 − c']);
    expect(f({ delta: 1e-6 })).toEqual([{ name: 'α^N < δ', quantity: 1e-6, relation: '<', bound: 1e-6 }]);
  });
  it('λ_r > α^N/c (strict, bound α^N/c) and λ_r > 0', () => {
    const top: ErankIntervalInstance = { ...ex, eigenvalues: [4, 2, 0.4, 0.02], alpha: 0.5, delta: 0.3 };
    expect(erankInterval.hypotheses({ ...top, phase1Level: 0.99, epsilon: 0.005 })).toEqual([]);
    expect(erankInterval.hypotheses(top)).toEqual([{ name: 'λ_r > α^N/c', quantity: 0.4, relation: '>', bound: 0.5 }]);
    // 0.25/0.625 = 0.4 exactly: the strict inequality fails
    expect(erankInterval.hypotheses({ ...top, phase1Level: 0.625 }).map((x) => x.name)).toEqual(['λ_r > α^N/c']);
    expect(erankInterval.hypotheses({ ...top, phase1Level: 0.63 })).toEqual([]);
  });
  it('τ = (n − r)δ/((1 − ε)Σλ_top) ≤ 1/2, with its value', () => {
    // τ = 17·δ/(0.95·7): δ = 0.5·0.95·7/17 is exactly at the bound (inside), 1 % more is outside
    const d = (0.5 * 0.95 * 7) / 17;
    const out = f({ delta: d * 1.01, eigenvalues: [4, 2, 1, ...Array<number>(17).fill(0.5)] });
    expect(out.map((x) => x.name)).toEqual(['τ = (n − r)δ/((1 − ε)Σλ_top) ≤ 1/2']);
    expect(out[0].quantity).toBeCloseTo(0.505, 12);
  });
  it('a tail eigenvalue in (0, α^N) needs η(2N−1)α^{2N−2} ≤ 1 (N = 3, α = 0.72, c = 0.9)', () => {
    const t: ErankIntervalInstance = { eigenvalues: [0.5, 0.5, 0.1], depth: 3, alpha: 0.72, stepSize: 0.83, rank: 2, epsilon: 0.05, delta: 0.4, phase1Level: 0.9, basisSeed: 1 };
    expect(erankInterval.hypotheses(t)).toEqual([{ name: 'η(2N−1)α^{2N−2} ≤ 1 (tail eigenvalues below α^N)', quantity: 0.83 * 5 * 0.72 ** 4, relation: '≤', bound: 1 }]);
    expect(erankInterval.hypotheses({ ...t, stepSize: 0.7 })).toEqual([]);
    expect(erankInterval.hypotheses({ ...t, eigenvalues: [0.5, 0.5, 0] })).toEqual([]);
    expect(erankInterval.hypotheses({ ...t, eigenvalues: [0.5, 0.5, 0.4] })).toEqual([]);
  });
});

describe('cgmr.erankInterval: prediction', () => {
  it('interval, Δ, target and bound against the hand formulas (the example)', () => {
    const p = erankInterval.predict(ex);
    const top = [4, 2, 1], H = entropy(top), tau = (17 * 1e-3) / (0.95 * 7);
    expect(p.interval[0]).toBe(Math.max(...top.map((l) => twoPhaseUpper(0.5, 0.05, l, 1e-3, 1 / 8, 2))));
    expect(p.interval[1]).toBe(hittingLower(1e-3, 0.02, 1e-3, 1 / 8, 2));
    expect(p.Delta).toBeCloseTo(binaryEntropy(tau) + tau * Math.log(17) + tau * H + (0.05 / 0.95) * H + Math.log(1 / 0.95), 14);
    expect(p.target).toBeCloseTo(Math.exp(H), 14);
    expect(p.bound).toBeCloseTo(Math.exp(H) * Math.expm1(p.Delta), 14);
  });
  it('no right end when λ_{r+1} ≤ α^N or δ > λ_{r+1}', () => {
    expect(erankInterval.predict({ ...ex, eigenvalues: [4, 2, 1, 1e-6] }).interval[1]).toBeNull();
    expect(erankInterval.predict({ ...ex, delta: 0.03 }).interval[1]).toBeNull();
    expect(erankInterval.predict({ ...ex, delta: 0.02 }).interval[1]).toBe(hittingLower(0.02, 0.02, 1e-3, 1 / 8, 2));
  });
  it('the controls: bound × 0.3, the right end extended by 25 % of the length', () => {
    const p = erankInterval.predict(ex);
    expect(control('bound×0.3').predict(ex).bound).toBeCloseTo(0.3 * p.bound, 14);
    const e = control('extended-past-T⁻').predict(ex).interval;
    expect(e[0]).toBe(p.interval[0]);
    expect(e[1]).toBeCloseTo(p.interval[1]! + 0.25 * (p.interval[1]! - p.interval[0]), 9);
  });
});

describe('cgmr.erankInterval: verdict', () => {
  const pred: ErankIntervalPrediction = { interval: [10, 20], bound: 0.5, target: 2, Delta: 0.1 };
  const tol = 64 * 20 * EPS * 2;
  const obs = (o: Partial<ErankIntervalObservation>): ErankIntervalObservation => ({ maxDeviation: 0.25, at: 12, checked: 10, bandExcess: -0.5, bandAt: 11, capped: false, ...o });
  const v = (o: Partial<ErankIntervalObservation>, p: Partial<ErankIntervalPrediction> = {}) => erankInterval.verdict(ex, { ...pred, ...p }, obs(o));
  it('holds with margin 1 − dev/bound and reports the iteration and the details', () => {
    const r = v({});
    expect(r).toEqual({
      holds: true,
      margin: 0.5,
      certified: true,
      worst: { iteration: 12, note: 'max erank deviation' },
      details: { interval: [10, 20], bound: 0.5, maxDeviation: 0.25, erankTarget: 2, Delta: 0.1, iterationsChecked: 10, bandExcess: -0.5 },
    });
  });
  it('the rounding tolerance is 64nε·erank(Ŷ_r): a deviation at bound + tol holds (margin 0), 1.1·tol beyond refutes', () => {
    expect(v({ maxDeviation: pred.bound + tol })).toMatchObject({ holds: true, margin: 0 });
    expect(v({ maxDeviation: pred.bound + 0.9 * tol }).holds).toBe(true);
    expect(v({ maxDeviation: pred.bound + 1.1 * tol }).holds).toBe(false);
    const r = v({ maxDeviation: 0.6 });
    expect(r.holds).toBe(false);
    expect(r.margin).toBeCloseTo(-0.2, 14);
  });
  it('a zero bound gives margin −1 on a refutation', () => {
    expect(v({ maxDeviation: 0.1 }, { bound: 0 })).toMatchObject({ holds: false, margin: -1 });
  });
  it('bands: an excess up to 1e−12 is rounding, beyond refutes with margin −excess at the band iteration', () => {
    expect(v({ bandExcess: 1e-12 }).holds).toBe(true);
    const r = v({ bandExcess: 2e-12 });
    expect(r).toMatchObject({ holds: false, margin: -2e-12, worst: { iteration: 11, note: 'band violated' } });
    expect(v({ bandExcess: 1e-20 })).toMatchObject({ holds: true, margin: 0.5 });
  });
  it('nothing checked (empty interval) holds with margin 1; a capped run is uncertified and says so', () => {
    expect(v({ checked: 0, bandExcess: 5, maxDeviation: 0, at: null })).toMatchObject({ holds: true, margin: 1, worst: { iteration: undefined } });
    expect(v({ checked: 0, maxDeviation: 0, at: null }, { bound: 0 })).toMatchObject({ holds: true, margin: 1 });
    const c = v({ capped: true });
    expect(c.certified).toBe(false);
    expect(c.details.note).toBe('unbounded interval: checked 10 iterations from T_r⁺ only');
  });
});
