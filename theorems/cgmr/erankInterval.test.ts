/**
 * cgmr.erankInterval pinned on fixed instances (erankInterval.ts): the hypotheses' failures, the
 * prediction's Δ and interval against hand formulas, the controls' variants, and the verdict's
 * tolerance, ties, margins and reporting on fabricated observations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EPS } from '../../src/metrics/tolerance.js';
import { checkTheorem } from '../check.js';
import { binaryEntropy, entropy, hittingLower, monotoneStep, twoPhaseUpper } from './bounds.js';
import {
  type ErankIntervalInstance,
  type ErankIntervalKnobs,
  type ErankIntervalObservation,
  type ErankIntervalPrediction,
  checkErankInterval,
  erankInterval,
  erankIntervalAcross,
  erankIntervalArbitrary,
  erankIntervalBoundary,
  erankIntervalInstance,
  observeInterval,
  observeIntervalWithEngine,
} from './erankInterval.js';

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

describe('cgmr.erankInterval: hypotheses at their edges', () => {
  it('λ_r = 0 fails λ_r > 0 (not caught by the step hypotheses); λ_n = 0 is inside (Y ⪰ 0)', () => {
    expect(erankInterval.hypotheses({ ...ex, eigenvalues: [4, 2, 0, 0] }).map((x) => x.name)).toEqual(['λ_r > 0', 'λ_r > α^N/c']);
    expect(erankInterval.hypotheses({ ...ex, eigenvalues: [4, 2, 1, 0.02, 0] })).toEqual([]);
  });
  it('α^N < λᵢ is required of the top modes only: λ_r below α^N is reported by the step hypotheses alone', () => {
    // α² = 0.25 > λ₃ = 0.2 (top, r = 3) and > the tail 0.1
    const i = { ...ex, eigenvalues: [4, 2, 0.2, 0.1], alpha: 0.5, delta: 0.3 };
    expect(erankInterval.hypotheses(i).map((x) => x.name)).toEqual(['α^N < λ3']);
    expect(erankInterval.hypotheses({ ...i, rank: 2, eigenvalues: [4, 2, 0.1, 0.1], delta: 0.3 }).map((x) => x.name)).not.toContain('α^N < λ3');
  });
});

describe('cgmr.erankInterval: the observation (scalar recursion) against the matrix engine and by hand', () => {
  // N = 2, α = 0.01, η = 1/(2λ₁): T⁺ = 44, T⁻ = 392.18
  const A: ErankIntervalInstance = { eigenvalues: [2, 1, 0.02, 0.01], depth: 2, alpha: 0.01, stepSize: 0.25, rank: 2, epsilon: 0.1, delta: 0.005, basisSeed: 1 };
  const same = (a: ErankIntervalObservation, b: ErankIntervalObservation, bandAt = true) => {
    expect(a.checked).toBe(b.checked);
    expect(a.at).toBe(b.at);
    expect(a.capped).toBe(b.capped);
    expect(Math.abs(a.maxDeviation - b.maxDeviation)).toBeLessThan(1e-12);
    if (bandAt) expect(a.bandAt).toBe(b.bandAt);
  };
  it('at k = 0…2 (fabricated interval [0, 3]): every p = α^N, erank 4, the top band short by 1 − ε − α^N/λ₁', () => {
    const p = { ...erankInterval.predict(A), interval: [0, 3] as [number, number] };
    const o = observeInterval(A, p);
    expect(o).toMatchObject({ checked: 3, at: 0, bandAt: 0, capped: false });
    expect(o.maxDeviation).toBeCloseTo(4 - p.target, 12);
    expect(o.bandExcess).toBeCloseTo((0.9 * 2 - 1e-4) / 2, 14);
    same(o, observeIntervalWithEngine(A, p));
    expect(observeIntervalWithEngine(A, p).bandExcess).toBeCloseTo((0.9 * 2 - 1e-4) / 2, 12);
  });
  it('over [T⁺, T⁻): every integer k, the deviation largest at the right end (the tail grows), bands kept', () => {
    const p = erankInterval.predict(A);
    expect(p.interval[0]).toBe(44);
    expect(p.interval[1]).toBeCloseTo(392.18, 2);
    const o = observeInterval(A, p), e = observeIntervalWithEngine(A, p);
    expect(o).toMatchObject({ checked: 349, at: 392, capped: false });
    same(o, e, false);
    expect(o.maxDeviation).toBeCloseTo(0.0214364, 6);
    expect(o.bandExcess).toBeLessThan(1e-12);
    expect(e.bandExcess).toBeLessThan(1e-12);
  });
  it('band violations: the tail above a smaller δ at the right end; the top below a smaller ε at T⁺', () => {
    const p = erankInterval.predict(A);
    const tail = { ...A, delta: 2e-4 }, topBand = { ...A, epsilon: 1e-9 };
    for (const i of [tail, topBand]) same(observeInterval(i, p), observeIntervalWithEngine(i, p));
    const t = observeInterval(tail, p), q = observeInterval(topBand, p);
    expect(t.bandAt).toBe(392);
    expect(t.bandExcess).toBeGreaterThan(1);
    expect(Math.abs(t.bandExcess - observeIntervalWithEngine(tail, p).bandExcess)).toBeLessThan(1e-9 * t.bandExcess);
    expect(q.bandAt).toBe(44);
    expect(q.bandExcess).toBeGreaterThan(1e-9);
    expect(Math.abs(q.bandExcess - observeIntervalWithEngine(topBand, p).bandExcess)).toBeLessThan(1e-9);
  });
  it('an unbounded interval is checked for 10⁴ + 1 iterations from T⁺ and marked capped', () => {
    const U = { ...A, eigenvalues: [2, 1, 5e-5] };
    const p = erankInterval.predict(U);
    expect(p.interval).toEqual([44, null]);
    const o = observeInterval(U, p);
    expect(o).toMatchObject({ checked: 10_001, capped: true, at: 45 });
    same(o, observeIntervalWithEngine(U, p), false);
  });
  it('an empty interval checks nothing', () => {
    const p = { ...erankInterval.predict(A), interval: [50, 50] as [number, number] };
    expect(observeInterval(A, p)).toEqual({ maxDeviation: 0, at: null, checked: 0, bandExcess: -Infinity, bandAt: null, capped: false });
    expect(observeIntervalWithEngine(A, p)).toEqual({ maxDeviation: 0, at: null, checked: 0, bandExcess: -Infinity, bandAt: null, capped: false });
  });
  it('the band controls observe with ε and δ scaled; the claim and the other controls with the instance as is', () => {
    const p = erankInterval.predict(A);
    expect(control('bands×0.8').observe(A, p)).toEqual(observeInterval({ ...A, epsilon: 0.1 * 0.8, delta: 0.005 * 0.8 }, p));
    expect(control('bands×0.1').observe(A, p)).toEqual(observeInterval({ ...A, epsilon: 0.1 * 0.1, delta: 0.005 * 0.1 }, p));
    expect(erankInterval.observe(A, p)).toEqual(observeInterval(A, p));
    expect(control('bound×0.3').observe(A, p)).toEqual(observeInterval(A, p));
    expect(checkErankInterval(A)).toEqual(checkTheorem(erankInterval, A));
    expect(checkErankInterval(A).status).toBe('holds');
  });
});

describe('cgmr.erankInterval: the instance from its knobs', () => {
  const K: ErankIntervalKnobs = { n: 3, r0: 3, top: [1, 3, 2], g: 0.05, tail: [0.5, 0, 1, 1, 1, 1, 1], depth: 2, u: 0.5, s: 0.8, epsilon: 0.1, d: 1, basisSeed: 3 };
  it('r = min(r0, n − 1), the top sorted down, λ_{r+1} = gλ_r, the tail scaled by it and sorted; η = s·1/(Nλ₁^{2−2/N})', () => {
    expect(erankIntervalInstance(K)).toEqual({ eigenvalues: [3, 1, 0.05], depth: 2, alpha: 10 ** -2.5, stepSize: 0.8 / 6, rank: 2, epsilon: 0.1, delta: 0.025, basisSeed: 3 });
    const i = erankIntervalInstance({ ...K, n: 6, r0: 1 });
    expect(i.eigenvalues).toEqual([1, 0.05, 0.05, 0.05, 0.025, 0]);
    expect(i.rank).toBe(1);
    expect(i.stepSize).toBeCloseTo(0.4, 15);
  });
  it('δ = 1.5α^N·(hi/(1.5α^N))^d, hi = min(λ_{r+1}/2, 0.4(1 − ε)Σλ_top/(n − r))', () => {
    // d = 1/2: the geometric mean of 1.5α² = 1.5e−5 and hi = 0.025
    expect(erankIntervalInstance({ ...K, n: 6, r0: 2, d: 0.5 }).delta).toBeCloseTo(Math.sqrt(1.5e-5 * 0.025), 15);
    // hi from the second term: 0.4·0.7·0.5/7 = 0.02 < λ_{r+1}/2 = 0.025
    expect(erankIntervalInstance({ ...K, n: 8, r0: 1, top: [0.5, 1, 1], g: 0.1, epsilon: 0.3 }).delta).toBeCloseTo(0.02, 15);
  });
  it('α from the depth\'s log range (u = 0, 1), capped at (λ_{r+1}/3)^{1/N}', () => {
    const al = (depth: number, u: number, g = 0.05) => erankIntervalInstance({ ...K, depth, u, g }).alpha;
    expect(al(2, 0)).toBeCloseTo(1e-4, 16);
    expect(al(2, 1)).toBeCloseTo(0.1, 15);
    expect(al(3, 0)).toBeCloseTo(10 ** -1.5, 15);
    expect(al(3, 1)).toBeCloseTo(10 ** -0.6, 15);
    expect(al(4, 0)).toBeCloseTo(0.1, 15);
    expect(al(4, 1)).toBeCloseTo(10 ** -0.5, 15);
    expect(al(2, 1, 0.002)).toBeCloseTo(Math.sqrt(0.002 / 3), 15);
  });
  it('δ lowered by √(δ·1.5α^N) steps until T_{r+1}⁻ ≤ 5·10³ (and not one step more)', () => {
    const i = erankIntervalInstance({ ...K, depth: 4, u: 0.3 });
    const a = i.alpha ** 4, T = (d: number) => hittingLower(d, 0.05, i.alpha, i.stepSize, 4);
    expect(T(0.025)).toBeGreaterThan(5e3);
    expect(i.delta).toBeLessThan(0.025);
    expect(T(i.delta)).toBeLessThanOrEqual(5e3);
    expect(T((i.delta * i.delta) / (1.5 * a))).toBeGreaterThan(5e3);
    expect(i.delta).toBeCloseTo(9.52406504461519e-4, 15);
    // not lowered when T⁻ is already ≤ 5·10³
    expect(erankIntervalInstance({ ...K, depth: 3, u: 0.3 }).delta).toBeCloseTo(0.025, 15);
  });
  it('the boundary moves one hypothesis to f × its edge', () => {
    const b = erankIntervalInstance(K);
    expect(erankIntervalAcross(b, 0, 0.9)).toEqual({ ...b, delta: 0.9 * b.alpha ** 2 });
    expect(erankIntervalAcross(b, 1, 1.1)).toEqual({ ...b, epsilon: 0.55 });
    expect(erankIntervalAcross(b, 2, 1.2)).toEqual({ ...b, stepSize: 1.2 / 6 });
    expect(erankIntervalAcross(b, 3, 1.2)).toEqual({ ...b, eigenvalues: [3, 1, -0.012] });
  });
});

describe('cgmr.erankInterval: first-iteration reporting, one-iteration intervals, the right end\'s edges', () => {
  // α^N = λᵢ for every mode: W(k) = Y = I at every k (stationary), so every k ties
  const S: ErankIntervalInstance = { eigenvalues: [1, 1], depth: 2, alpha: 1, stepSize: 0.25, rank: 1, epsilon: 0.1, delta: 0.5, basisSeed: 1 };
  const P: ErankIntervalPrediction = { interval: [3, 8], bound: 0.5, target: 2, Delta: 0.1 };
  it('on ties (a stationary run) the first iteration is reported, also when the deviation is 0', () => {
    for (const obs of [observeInterval, observeIntervalWithEngine]) {
      const o = obs(S, P);
      expect(o).toMatchObject({ checked: 5, at: 3, bandAt: 3, capped: false });
      expect(o.maxDeviation).toBeLessThan(1e-12);
      // tail band (p − δ)/δ = 1 at every k
      expect(o.bandExcess).toBeCloseTo(1, 12);
      const off = obs(S, { ...P, target: 1.5 });
      expect(off.at).toBe(3);
      expect(off.maxDeviation).toBeCloseTo(0.5, 12);
    }
  });
  it('a one-iteration interval checks it; [0, 0] checks nothing', () => {
    for (const obs of [observeInterval, observeIntervalWithEngine]) {
      expect(obs(S, { ...P, interval: [5, 6] })).toMatchObject({ checked: 1, at: 5, bandAt: 5 });
      expect(obs(S, { ...P, interval: [0, 0] })).toMatchObject({ checked: 0, at: null, bandAt: null });
    }
  });
  it('no right end at λ_{r+1} = α^N exactly; the extended control keeps an unbounded end unbounded and an empty interval as is', () => {
    expect(erankInterval.predict({ ...ex, eigenvalues: [4, 2, 1, 1e-3 ** 2] }).interval[1]).toBeNull();
    const ext = control('extended-past-T⁻');
    expect(ext.predict({ ...ex, eigenvalues: [4, 2, 1, 1e-7] }).interval[1]).toBeNull();
    // δ just above α^N: T⁻ < T⁺ (empty), not moved
    const e = { ...ex, delta: 1.01e-6 };
    const p = erankInterval.predict(e);
    expect(p.interval[1]!).toBeLessThan(p.interval[0]);
    expect(ext.predict(e).interval).toEqual(p.interval);
  });
});

describe('cgmr.erankInterval: more hypothesis edges', () => {
  const f = (i: Partial<ErankIntervalInstance>) => erankInterval.hypotheses({ ...ex, ...i });
  it('step failures are reported alone; r = 1 is inside; c = 0 is outside (with its report); δ = α^N exactly is outside', () => {
    expect(f({ rank: 30, stepSize: 0.2 })).toEqual([{ name: 'η ≤ 1/(Nλ₁^{2−2/N}) (monotone step)', quantity: 0.2, relation: '≤', bound: 0.125 }]);
    expect(f({ rank: 1 })).toEqual([]);
    expect(f({ phase1Level: 0 })[0]).toEqual({ name: 'phase-1 level c ∈ (0, 1)', quantity: 0, relation: '<', bound: 1 });
    expect(f({ delta: 1e-3 ** 2 })).toEqual([{ name: 'α^N < δ', quantity: 1e-3 ** 2, relation: '<', bound: 1e-3 ** 2 }]);
  });
  it('τ = 1/2 exactly is inside (3·1/(0.75·8)), above it outside', () => {
    const t = { ...ex, eigenvalues: [4, 2, 2, 0.5, 0.5, 0.5], rank: 3, epsilon: 0.25, delta: 1 };
    expect(erankInterval.hypotheses(t)).toEqual([]);
    expect(erankInterval.hypotheses({ ...t, delta: 1.01 })).toEqual([{ name: 'τ = (n − r)δ/((1 − ε)Σλ_top) ≤ 1/2', quantity: expect.closeTo(0.505, 12), relation: '≤', bound: 0.5 }]);
  });
});

describe('cgmr.erankInterval: the drawn instances', () => {
  it('no knob is ever NaN (2000 draws at a fixed seed; fc.double without noNaN gives NaN about once in 200)', () => {
    const drawn = fc.sample(erankIntervalArbitrary(), { seed: 5, numRuns: 2000 });
    expect(drawn.filter((i) => !i.eigenvalues.every(Number.isFinite) || !Number.isFinite(i.delta))).toEqual([]);
  });
  it('n ∈ 3…8, r ≤ 3, top in [0.5, 4], λ_{r+1}/λ_r ∈ [0.002, 0.1], tail in [0, λ_{r+1}], ε ∈ [0.01, 0.3], η/bound ∈ [0.5, 1], 1.5α^N ≤ δ, T⁻ ≤ 5·10³ mostly', () => {
    const sizes = new Set<number>();
    for (const i of fc.sample(erankIntervalArbitrary(), { seed: 11, numRuns: 150 })) {
      const n = i.eigenvalues.length, r = i.rank, ev = i.eigenvalues;
      sizes.add(n);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(8);
      expect(r >= 1 && r <= 3 && r < n).toBe(true);
      expect(ev.every(Number.isFinite) && [i.alpha, i.stepSize, i.epsilon, i.delta].every(Number.isFinite)).toBe(true);
      expect(ev.slice(0, r).every((l) => l >= 0.5 && l <= 4)).toBe(true);
      const g = ev[r] / ev[r - 1];
      expect(g).toBeGreaterThanOrEqual(0.002 * (1 - 1e-12));
      expect(g).toBeLessThanOrEqual(0.1 * (1 + 1e-12));
      expect(ev.slice(r + 1).every((l) => l >= 0 && l <= ev[r])).toBe(true);
      expect(i.epsilon >= 0.01 && i.epsilon <= 0.3).toBe(true);
      const s = i.stepSize / monotoneStep(ev[0], i.depth);
      expect(s >= 0.5 - 1e-12 && s <= 1 + 1e-12).toBe(true);
      expect(i.delta).toBeGreaterThanOrEqual(1.5 * i.alpha ** i.depth * (1 - 1e-12));
      expect([2, 3, 4]).toContain(i.depth);
    }
    expect(sizes.size).toBeGreaterThanOrEqual(5);
  });
});

describe('cgmr.erankInterval: reports and edges found by the unit-only mutation run', () => {
  const f = (i: Partial<ErankIntervalInstance>) => erankInterval.hypotheses({ ...ex, ...i });
  it('λ_r > 0 and Y ⪰ 0 failures report λ_r and λ_n', () => {
    expect(f({ eigenvalues: [4, 2, 0, 0] })[0]).toEqual({ name: 'λ_r > 0', quantity: 0, relation: '>', bound: 0 });
    expect(f({ eigenvalues: [4, 2, 1, 0.02, -0.01] })).toEqual([{ name: 'Y ⪰ 0 (λ_n ≥ 0: the scalar stand-in is certified only without negative eigenvalues)', quantity: -0.01, relation: '≥', bound: 0 }]);
  });
  it('the tail condition applies when SOME tail eigenvalue is in (0, α^N) (strictly), and allows q = 1 exactly', () => {
    const t: ErankIntervalInstance = { eigenvalues: [0.5, 0.5, 0.4, 0.1], depth: 3, alpha: 0.72, stepSize: 0.83, rank: 2, epsilon: 0.05, delta: 0.4, phase1Level: 0.9, basisSeed: 1 };
    expect(erankInterval.hypotheses(t).map((x) => x.name)).toContain('η(2N−1)α^{2N−2} ≤ 1 (tail eigenvalues below α^N)');
    expect(erankInterval.hypotheses({ ...t, eigenvalues: [0.5, 0.5, 0.72 ** 3] })).toEqual([]);
    // N = 3, α = 1/2: q = η·5/16 = 1 at η = 3.2
    const q1: ErankIntervalInstance = { eigenvalues: [0.18, 0.18, 0.1], depth: 3, alpha: 0.5, stepSize: 3.2, rank: 2, epsilon: 0.05, delta: 0.15, phase1Level: 0.9, basisSeed: 1 };
    expect(3.2 * 5 * 0.5 ** 4).toBe(1);
    expect(erankInterval.hypotheses(q1)).toEqual([]);
  });
  it('δ = λ_{r+1} = α^N exactly: no right end', () => {
    expect(erankInterval.predict({ ...ex, eigenvalues: [4, 2, 1, 1e-3 ** 2], delta: 1e-3 ** 2 }).interval[1]).toBeNull();
  });
  it('overshoot (η above the bound) and a negative tail mode (N = 3, η = 5) are band violations, the same in both observations', () => {
    const A: ErankIntervalInstance = { eigenvalues: [2, 1, 0.02, 0.01], depth: 2, alpha: 0.01, stepSize: 0.4, rank: 2, epsilon: 0.1, delta: 0.005, basisSeed: 1 };
    const p = { ...erankInterval.predict({ ...A, stepSize: 0.25 }), interval: [30, 60] as [number, number] };
    const a = observeInterval(A, p), b = observeIntervalWithEngine(A, p);
    expect(a.bandExcess).toBeGreaterThan(1e-7);
    expect(Math.abs(a.bandExcess - b.bandExcess)).toBeLessThan(1e-9 * a.bandExcess);
    expect(a.bandAt).toBe(b.bandAt);
    // k = 1: top w = 0.5 + 5·0.25·1.875 = 2.84375, tail w = 0.5 − 5·0.25·1.125 = −0.90625 (p < 0): excess −p/δ
    const N: ErankIntervalInstance = { eigenvalues: [2, -1], depth: 3, alpha: 0.5, stepSize: 5, rank: 1, epsilon: 0.1, delta: 0.01, basisSeed: 1 };
    const q: ErankIntervalPrediction = { interval: [1, 2], bound: 1, target: 1, Delta: 0.1 };
    const c = observeInterval(N, q), d = observeIntervalWithEngine(N, q);
    expect(c.bandExcess).toBeCloseTo(0.90625 ** 3 / 0.01, 9);
    expect(d.bandExcess).toBeCloseTo(0.90625 ** 3 / 0.01, 9);
  });
  it('the band controls scale ε (an instance where ε decides the band)', () => {
    const A: ErankIntervalInstance = { eigenvalues: [2, 1, 0.02, 0.01], depth: 2, alpha: 0.01, stepSize: 0.25, rank: 2, epsilon: 1e-9, delta: 0.05, basisSeed: 1 };
    const p = erankInterval.predict({ ...A, epsilon: 0.1, delta: 0.005 });
    const o = control('bands×0.8').observe(A, p);
    expect(o).toEqual(observeInterval({ ...A, epsilon: 0.8e-9, delta: 0.04 }, p));
    expect(o.bandExcess).not.toBe(observeInterval({ ...A, epsilon: 1.25e-9, delta: 0.04 }, p).bandExcess);
  });
  it('the boundary draws: each moves one hypothesis to f ∈ [0.8, 1.2] × its edge, the four kinds drawn about equally', () => {
    const kinds = [0, 0, 0, 0];
    for (const i of fc.sample(erankIntervalBoundary(), { seed: 3, numRuns: 300 })) {
      const a = i.alpha ** i.depth, s = i.stepSize / monotoneStep(i.eigenvalues[0], i.depth), last = i.eigenvalues[i.eigenvalues.length - 1];
      const k = [i.delta / a >= 0.8 - 1e-12 && i.delta / a <= 1.2 + 1e-12, i.epsilon >= 0.4 - 1e-12 && i.epsilon <= 0.6 + 1e-12, s >= 0.8 - 1e-12 && s <= 1.2 + 1e-12, last >= -0.012 - 1e-15 && last <= -0.008 + 1e-15].findIndex((x) => x);
      expect(k).toBeGreaterThanOrEqual(0);
      kinds[k]++;
    }
    // which ∈ {0, …, 3} uniform: about 75 of each in 300 (38 or more here)
    for (const c of kinds) expect(c).toBeGreaterThanOrEqual(25);
  });
});
