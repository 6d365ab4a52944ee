/**
 * cgmr.earlyStopping pinned on a fixed instance (earlyStopping.ts): the prediction's ρ, stop and R̂
 * against their formulas, the controls' variants, the verdict's rounding allowance and margin on
 * fabricated observations, the hypotheses' failures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haarOrthogonal, withSpectrum } from '../../src/generate/orthogonal.js';
import { Rng } from '../../src/init/rng.js';
import { eigh } from '../../src/linalg/eigh.js';
import { EPS } from '../../src/metrics/tolerance.js';
import { hittingLower, monotoneStep, twoPhaseUpper } from './bounds.js';
import { type EarlyKnobs, type EarlyStoppingInstance, type EarlyStoppingPrediction, build, earlyArbitrary, earlyFromKnobs, earlyStopping } from './earlyStopping.js';

const inst: EarlyStoppingInstance = { signal: [2, 0, 0, 0, 0, 0, 0, 0], noise: 0.04, noiseSeed: 3, basisSeed: 4, depth: 2, alpha: 1e-3, stepSize: 0.2, epsilon: 0.01, delta: 1e-4 };
const control = (name: string) => earlyStopping.negativeControls.find((c) => c.name === name)!.theorem;

describe('cgmr.earlyStopping: prediction', () => {
  it('ρ, the interval, the stop and R̂ from λ(Y)', () => {
    const p = earlyStopping.predict(inst);
    const l = p.lambdaY;
    expect(p.r).toBe(1);
    expect(l.length).toBe(8);
    expect(p.rho).toBeCloseTo(Math.sqrt(0.01 ** 2 * l[0] ** 2 + 7 * 1e-8), 15);
    expect(p.interval[0]).toBe(twoPhaseUpper(0.5, 0.01, l[0], 1e-3, 0.2, 2));
    expect(p.interval[1]).toBe(l[1] > 1e-6 && 1e-4 <= l[1] ? hittingLower(1e-4, l[1], 1e-3, 0.2, 2) : null);
    expect(p.stop).toBe(Math.ceil(p.interval[0]));
    expect(p.ratioBound).toBeCloseTo((p.errTruncated + p.rho) / p.errConverged, 15);
    expect(p.errTruncated).toBeLessThan(p.errConverged);
  });
  it('the controls: ρ = 0, stop at ⌈T⁺/2⌉ and ⌈T⁺/5⌉', () => {
    const p = earlyStopping.predict(inst);
    expect(control('rho-dropped').predict(inst)).toMatchObject({ rho: 0, stop: p.stop });
    expect(control('stop-at-T⁺/2').predict(inst).stop).toBe(Math.ceil(p.interval[0] / 2));
    expect(control('stop-at-T⁺/5').predict(inst).stop).toBe(Math.ceil(p.interval[0] / 5));
  });
});

describe('cgmr.earlyStopping: the matrices and the prediction at r = 2', () => {
  it('X = Q diag(signal) Qᵀ (Q Haar from basisSeed); Y = X + noise·S, S symmetric from noiseSeed, upper triangle row by row, N(0, 2) on the diagonal', () => {
    const i: EarlyStoppingInstance = { ...inst, signal: [2, 1, 0, 0], noise: 0.5 };
    const { x, y } = build(i);
    expect(Array.from(x.data)).toEqual(Array.from(withSpectrum(haarOrthogonal(4, 4), [2, 1, 0, 0]).data));
    const rng = new Rng(3, 'noiseSeed');
    for (let a = 0; a < 4; a++) {
      for (let b = a; b < 4; b++) {
        const e = 0.5 * rng.normal() * (a === b ? Math.SQRT2 : 1);
        expect(y.data[a * 4 + b] - x.data[a * 4 + b]).toBeCloseTo(e, 14);
        expect(y.data[b * 4 + a] - x.data[b * 4 + a]).toBeCloseTo(e, 14);
      }
    }
  });
  const two: EarlyStoppingInstance = { ...inst, signal: [2.5, 1.5, 0, 0, 0, 0], noise: 0.05 };
  const frob = (a: Float64Array, b: Float64Array) => Math.sqrt(a.reduce((s, v, k) => s + (v - b[k]) ** 2, 0));
  it('T_r⁺ is the max over the r top eigenvalues of Y; ρ sums ε²λᵢ² over i ≤ r and δ² over the n − r others', () => {
    const p = earlyStopping.predict(two);
    const l = p.lambdaY;
    expect(p.r).toBe(2);
    expect(p.interval[0]).toBe(Math.max(twoPhaseUpper(0.5, 0.01, l[0], 1e-3, 0.2, 2), twoPhaseUpper(0.5, 0.01, l[1], 1e-3, 0.2, 2)));
    expect(p.interval[0]).toBe(twoPhaseUpper(0.5, 0.01, l[1], 1e-3, 0.2, 2));
    expect(p.interval[1]).toBe(hittingLower(1e-4, l[2], 1e-3, 0.2, 2));
    expect(p.rho).toBeCloseTo(Math.sqrt(1e-4 * (l[0] ** 2 + l[1] ** 2) + 4 * 1e-8), 15);
    expect(earlyStopping.predict({ ...two, phase1Level: 0.6 }).interval[0]).toBe(twoPhaseUpper(0.6, 0.01, l[1], 1e-3, 0.2, 2));
  });
  it('‖Ŷ_r − X‖_F and ‖Y₊ − X‖_F from the eigendecomposition of Y', () => {
    const p = earlyStopping.predict(two);
    const { x, y } = build(two);
    const e = eigh(y);
    const l = Array.from(e.values);
    expect(l.slice(2).some((v) => v < 0) && l.slice(2).some((v) => v > 0)).toBe(true);
    expect(p.lambdaY).toEqual(l);
    expect(p.errTruncated).toBeCloseTo(frob(withSpectrum(e.vectors, [l[0], l[1], 0, 0, 0, 0]).data, x.data), 14);
    expect(p.errConverged).toBeCloseTo(frob(withSpectrum(e.vectors, l.map((v) => Math.max(v, 0))).data, x.data), 14);
    expect(p.errTruncated).toBeLessThan(p.errConverged);
  });
  it('T_{r+1}⁻ exists only for α^N < λ_{r+1}(Y) and δ ≤ λ_{r+1}(Y) (both at equality)', () => {
    const l2 = earlyStopping.predict(two).lambdaY[2];
    expect(earlyStopping.predict({ ...two, delta: l2 }).interval[1]).toBe(hittingLower(l2, l2, 1e-3, 0.2, 2));
    expect(earlyStopping.predict({ ...two, delta: l2 * (1 + 4 * EPS) }).interval[1]).toBeNull();
    let a = Math.sqrt(l2);
    for (const k of [-2, -1, 0, 1, 2]) if ((Math.sqrt(l2) * (1 + k * EPS)) ** 2 === l2) a = Math.sqrt(l2) * (1 + k * EPS);
    expect(a ** 2).toBe(l2);
    expect(earlyStopping.predict({ ...two, alpha: a, delta: l2 }).interval[1]).toBeNull();
    expect(earlyStopping.predict({ ...two, alpha: a * (1 - 4 * EPS), delta: l2 }).interval[1]).toBeGreaterThan(0);
    expect(earlyStopping.predict({ ...two, noise: 1e-9 }).interval[1]).toBeNull();
  });
});

describe('cgmr.earlyStopping: verdict', () => {
  const pred: EarlyStoppingPrediction = { r: 1, lambdaY: [2, 0.1, -0.3, 0, 0, 0, 0, 0], interval: [100, 500], stop: 100, rho: 0.05, errTruncated: 0.3, errConverged: 0.5, ratioBound: 0.7 };
  const tol = (64 * 8 * EPS * 101 * 2 * 8) / 0.5;
  const v = (ratio: number) => earlyStopping.verdict(inst, pred, { errStopped: ratio * 0.5, ratio });
  it('holds below R̂ with margin 1 − ratio/R̂ and reports the ratio', () => {
    const r = v(0.6);
    expect(r).toMatchObject({ holds: true, certified: true, worst: { iteration: 100 } });
    expect(r.margin).toBeCloseTo(1 - 0.6 / 0.7, 15);
    expect(r.details).toEqual({ ratio: 0.6, ratioBound: 0.7, stop: 100, interval: [100, 500], errStopped: 0.3, errTruncated: 0.3, errConverged: 0.5, rho: 0.05 });
  });
  it('the rounding allowance is 64n²ε(1 + k*)·max|λ(Y)|/‖Y₊ − X‖_F', () => {
    expect(v(0.7 + tol).holds).toBe(true);
    expect(v(0.7 + 0.9 * tol).holds).toBe(true);
    expect(v(0.7 + 1.1 * tol).holds).toBe(false);
    expect(v(0.75).holds).toBe(false);
  });
});

describe('cgmr.earlyStopping: hypotheses', () => {
  const names = (i: Partial<EarlyStoppingInstance>) => earlyStopping.hypotheses({ ...inst, ...i }).map((f) => f.name);
  it('the instance is inside; each failure is named', () => {
    expect(earlyStopping.hypotheses(inst)).toEqual([]);
    expect(names({ signal: [2] })).toEqual(['signal: ≥ 2 eigenvalues of X, decreasing, ≥ 0']);
    expect(names({ signal: [1, 2, 0] })).toEqual(['signal: ≥ 2 eigenvalues of X, decreasing, ≥ 0']);
    expect(names({ signal: [2, -1] })).toEqual(['signal: ≥ 2 eigenvalues of X, decreasing, ≥ 0']);
    expect(names({ signal: [2, 2, 0, 0, 0, 0, 0, 0] })).not.toContain('signal: ≥ 2 eigenvalues of X, decreasing, ≥ 0');
    expect(names({ signal: [0, 0, 0] })).toEqual(['rank(X) = r with 1 ≤ r < n']);
    expect(names({ signal: [2, 1] })).toEqual(['rank(X) = r with 1 ≤ r < n']);
    expect(names({ noise: -1 })).toEqual(['noise ≥ 0']);
    expect(names({ noise: Infinity })).toEqual(['noise ≥ 0']);
    expect(names({ epsilon: 0.5 })).toContain('0 < ε < 1 − c');
    expect(names({ epsilon: 0 })).toContain('0 < ε < 1 − c');
    expect(names({ delta: 1e-6 })).toContain('α^N < δ');
    expect(names({ noise: 0 })).toContain('the noise matters: R̂ = (‖Ŷ_r − X‖_F + ρ)/‖Y₊ − X‖_F < 1');
    expect(names({ stepSize: 0.3 })).toEqual([expect.stringMatching(/monotone step/)]);
  });
  it('not an array, or n = 2', () => {
    expect(names({ signal: 'abc' as unknown as number[] })).toEqual(['signal: ≥ 2 eigenvalues of X, decreasing, ≥ 0']);
    expect(names({ signal: [2, 0] })).not.toContain('signal: ≥ 2 eigenvalues of X, decreasing, ≥ 0');
    expect(names({ signal: [2, 0] })).not.toContain('rank(X) = r with 1 ≤ r < n');
  });
  it('α^N < λᵢ is required of the top r eigenvalues of Y only (the tail may sit below α^N)', () => {
    expect(names({ noise: 1e-9 })).toEqual(['the noise matters: R̂ = (‖Ŷ_r − X‖_F + ρ)/‖Y₊ − X‖_F < 1']);
    const ten = { signal: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0], noise: 1e-9 };
    expect(earlyStopping.predict({ ...inst, ...ten }).lambdaY[9]).toBeLessThan(0);
    expect(earlyStopping.predict({ ...inst, ...ten }).lambdaY.slice(1).some((v) => v > 0)).toBe(true);
    expect(names(ten)).toEqual(['the noise matters: R̂ = (‖Ŷ_r − X‖_F + ρ)/‖Y₊ − X‖_F < 1']);
    expect(names({ alpha: 1.5 })).toContain('α^N < λ1');
    expect(names({ signal: [2, 1.5, 0, 0, 0, 0, 0, 0], alpha: 1.3 })).toEqual(['α^N < λ2']);
  });
  it('η(2N−1)α^{2N−2} ≤ 1 holds at equality: α = 1, η = 1/3 (exactly 1 in floating point)', () => {
    expect((1 / 3) * 3 * 1 ** 2).toBe(1);
    const i = { signal: [1.4, 0, 0, 0, 0, 0, 0, 0], noise: 1e-9, alpha: 1, stepSize: 1 / 3 };
    expect(earlyStopping.predict({ ...inst, ...i }).lambdaY.slice(1).some((l) => l > 0 && l < 1)).toBe(true);
    expect(names(i)).not.toContain('η(2N−1)α^{2N−2} ≤ 1');
    expect(names({ ...i, stepSize: (1 / 3) * (1 + 4 * EPS) })).toContain('η(2N−1)α^{2N−2} ≤ 1');
  });
  it('the tail may sit below α^N at any index (n = 24: λ₁₀, λ₁₁, … positive and below α^N)', () => {
    const i = { signal: [2, ...Array<number>(23).fill(0)], noise: 1e-9 };
    expect(earlyStopping.predict({ ...inst, ...i }).lambdaY.slice(10).some((l) => l > 0 && l < 1e-6)).toBe(true);
    expect(names(i)).toEqual(['the noise matters: R̂ = (‖Ŷ_r − X‖_F + ρ)/‖Y₊ − X‖_F < 1']);
  });
  it('the noise seed is checked under its own name', () => {
    expect(() => build({ ...inst, noiseSeed: 0.5 })).toThrow(/noiseSeed/);
  });
  it('η(2N−1)α^{2N−2} ≤ 1 when a tail eigenvalue lies in (0, α^N): just inside and just outside', () => {
    const q = { noise: 1e-9, alpha: Math.sqrt(1.5) };
    const bad = 'η(2N−1)α^{2N−2} ≤ 1';
    expect(names({ ...q, stepSize: 0.99 / 4.5 })).not.toContain(bad);
    expect(names({ ...q, stepSize: 1.01 / 4.5 })).toContain(bad);
    expect(earlyStopping.hypotheses({ ...inst, ...q, stepSize: 1.01 / 4.5 }).find((f) => f.name === bad)?.quantity).toBeCloseTo(1.01, 12);
  });
  it('an empty interval: δ just above α^N puts T_{r+1}⁻ before k*', () => {
    const f = earlyStopping.hypotheses({ ...inst, delta: 1.001e-6 }).find((x) => x.name.startsWith('k* ='));
    const p = earlyStopping.predict({ ...inst, delta: 1.001e-6 });
    expect(f).toEqual({ name: 'k* = ⌈T_r⁺⌉ < T_{r+1}⁻ (non-empty interval)', quantity: p.stop, relation: '<', bound: p.interval[1] });
  });
  it('each failure reports its quantity, relation and bound', () => {
    const one = (i: Partial<EarlyStoppingInstance>, name: string) => earlyStopping.hypotheses({ ...inst, ...i }).find((f) => f.name === name);
    expect(one({ signal: [1, 2, 0] }, 'signal: ≥ 2 eigenvalues of X, decreasing, ≥ 0')).toEqual({ name: 'signal: ≥ 2 eigenvalues of X, decreasing, ≥ 0', quantity: NaN, relation: '≥', bound: 0 });
    expect(one({ signal: [2, 1] }, 'rank(X) = r with 1 ≤ r < n')).toEqual({ name: 'rank(X) = r with 1 ≤ r < n', quantity: 2, relation: '<', bound: 2 });
    expect(one({ noise: -1 }, 'noise ≥ 0')).toEqual({ name: 'noise ≥ 0', quantity: -1, relation: '≥', bound: 0 });
    expect(one({ epsilon: 0.6 }, '0 < ε < 1 − c')).toEqual({ name: '0 < ε < 1 − c', quantity: 0.6, relation: '<', bound: 0.5 });
    expect(one({ delta: 1e-7 }, 'α^N < δ')).toEqual({ name: 'α^N < δ', quantity: 1e-3 ** 2, relation: '<', bound: 1e-7 });
    expect(one({ noise: 1e-9 }, 'the noise matters: R̂ = (‖Ŷ_r − X‖_F + ρ)/‖Y₊ − X‖_F < 1')).toEqual({ name: 'the noise matters: R̂ = (‖Ŷ_r − X‖_F + ρ)/‖Y₊ − X‖_F < 1', quantity: earlyStopping.predict({ ...inst, noise: 1e-9 }).ratioBound, relation: '<', bound: 1 });
    const l = earlyStopping.predict(inst).lambdaY;
    expect(one({ alpha: 1.35, phase1Level: 0.8 }, 'λ_r(Y) > α^N/c')).toEqual({ name: 'λ_r(Y) > α^N/c', quantity: l[0], relation: '>', bound: 1.35 ** 2 / 0.8 });
    expect(one({ alpha: Math.sqrt(1.5), stepSize: 0.25, noise: 1e-9 }, 'η(2N−1)α^{2N−2} ≤ 1')).toMatchObject({ relation: '≤', bound: 1 });
  });
  it('the strict hypotheses at equality: δ = α^N, λ_r(Y) = α^N/c, ε = 1 − c at c = 0.3', () => {
    expect(names({ delta: 1e-3 ** 2 })).toContain('α^N < δ');
    // α² = λ₁(Y)/2 exactly (an α found among the neighbours of √(λ₁/2)), so α^N/c = λ₁(Y) at c = 1/2
    const l = earlyStopping.predict(inst).lambdaY[0];
    const bits = new Float64Array(1), word = new BigInt64Array(bits.buffer);
    let alpha = NaN;
    for (let k = -8n; k <= 8n; k++) {
      bits[0] = Math.sqrt(l / 2);
      word[0] += k;
      if (bits[0] ** 2 === l / 2) alpha = bits[0];
    }
    expect(alpha ** 2 / 0.5).toBe(l);
    expect(names({ alpha })).toContain('λ_r(Y) > α^N/c');
    expect(names({ alpha: alpha * (1 - 8 * EPS) })).not.toContain('λ_r(Y) > α^N/c');
    expect(names({ phase1Level: 0.3, epsilon: 0.69 })).not.toContain('0 < ε < 1 − c');
    expect(names({ phase1Level: 0.3, epsilon: 0.71 })).toContain('0 < ε < 1 − c');
  });
  it('η(2N−1)α^{2N−2} ≤ 1 is asked only when some tail eigenvalue of Y lies in (0, α^N)', () => {
    const bad = 'η(2N−1)α^{2N−2} ≤ 1';
    // λ(Y) = (2.004, −0.0075): no tail eigenvalue in (0, α^N) although η·3α² = 1.125
    // (η = 0.249 ≤ 1/(2λ₁) = 0.2495: the monotone step holds, so the check is reached)
    expect(earlyStopping.predict({ ...inst, signal: [2, 0], noise: 0.01, noiseSeed: 1 }).lambdaY[1]).toBeLessThan(0);
    const reached = names({ signal: [2, 0], noise: 0.01, noiseSeed: 1, alpha: Math.sqrt(1.5), stepSize: 0.249 });
    expect(reached).toContain('λ_r(Y) > α^N/c');
    expect(reached).not.toContain(bad);
    // λ(Y) = (1.972, 1.638): the tail eigenvalue lies above α^N = 1.5
    const l = earlyStopping.predict({ ...inst, signal: [2, 0], noise: 1, noiseSeed: 21 }).lambdaY;
    expect(l[1]).toBeGreaterThan(1.5);
    expect(names({ signal: [2, 0], noise: 1, noiseSeed: 21, alpha: Math.sqrt(1.5), stepSize: 0.25 })).not.toContain(bad);
    expect(names({ signal: [2, 0], noise: 1, noiseSeed: 21, alpha: Math.sqrt(1.5), stepSize: 0.25 })).not.toContain('α^N < λ1');
  });
  it('λ_r(Y) > α^N/c (strict; the bound α^N/c)', () => {
    const f = earlyStopping.hypotheses({ ...inst, alpha: 1.35, phase1Level: 0.8 }).find((x) => x.name === 'λ_r(Y) > α^N/c');
    expect(f?.bound).toBeCloseTo(1.35 ** 2 / 0.8, 14);
  });
});

describe('cgmr.earlyStopping: arbitraries', () => {
  const k: EarlyKnobs = { n: 6, r: 2, top: [1.5, 2.5], z: 0.5, depth: 2, u: 0.5, s: 0.8, noiseSeed: 7, basisSeed: 8 };
  it('the knobs map: top r values sorted decreasing, then zeros; noise level·λ_r/(2√n); α = 10^{lo + u(hi − lo)}; η = s·(monotone step of λ₁(Y)); δ from the gap', () => {
    const i = earlyFromKnobs(k, false);
    expect(i).toMatchObject({ signal: [2.5, 1.5, 0, 0, 0, 0], noiseSeed: 7, basisSeed: 8, depth: 2, epsilon: 0.01 });
    expect(i.noise).toBeCloseTo((0.225 * 1.5) / (2 * Math.sqrt(6)), 15);
    expect(i.alpha).toBeCloseTo(10 ** -2.5, 15);
    const lam = eigh(build(i).y).values;
    expect(i.stepSize).toBeCloseTo(0.8 * monotoneStep(lam[0], 2), 15);
    const aN = i.alpha ** 2, g = Math.max(lam[2], 0) / lam[1];
    expect(i.delta).toBeCloseTo(Math.min(Math.max(lam[2], 0) / 2, aN * (lam[1] / aN) ** (2 * g + 0.05)), 15);
  });
  it('r = 1 keeps the first top value; the boundary draws a noise level up to 0.8; N = 3 draws α in 10^{−1.5…−1}', () => {
    expect(earlyFromKnobs({ ...k, r: 1 }, false).signal).toEqual([1.5, 0, 0, 0, 0, 0]);
    expect(earlyFromKnobs(k, true).noise).toBeCloseTo((0.425 * 1.5) / (2 * Math.sqrt(6)), 15);
    expect(earlyFromKnobs({ ...k, depth: 3 }, false).alpha).toBeCloseTo(10 ** -1.25, 15);
    expect(earlyFromKnobs({ ...k, depth: 3, u: 1 }, false).alpha).toBeCloseTo(0.1, 15);
    const tiny = earlyFromKnobs({ ...k, z: 0, top: [3, 1] }, false);
    expect(tiny.delta).toBeGreaterThan(0);
  });
  it('δ is min(λ_{r+1}/2, α^N(λ_r/α^N)^{2g + 0.05}): the second term at a small gap, the first at a large one', () => {
    const pick = (i: EarlyStoppingInstance, r: number) => {
      const lam = eigh(build(i).y).values;
      const aN = i.alpha ** i.depth, g = Math.max(lam[r], 0) / lam[r - 1];
      return [Math.max(lam[r], 0) / 2, aN * (lam[r - 1] / aN) ** (2 * g + 0.05)];
    };
    const small = earlyFromKnobs(k, false);
    const [h1, h2] = pick(small, 2);
    expect(h2).toBeLessThan(h1);
    expect(small.delta).toBe(h2);
    const big = earlyFromKnobs({ ...k, n: 10, r: 1, z: 1, u: 1, noiseSeed: 1 }, true);
    const [b1, b2] = pick(big, 1);
    expect(b1).toBeLessThan(b2);
    expect(big.delta).toBe(b1);
  });
  it('draws (fixed seed): n ∈ 6…10, r ∈ 1…2, N ∈ 2…3 all reached, signal in [1, 3], finite; the claim\'s inside its hypotheses, the boundary\'s on both sides', () => {
    const claim = fc.sample(earlyArbitrary(false), { seed: 11, numRuns: 40 });
    const bnd = fc.sample(earlyArbitrary(true), { seed: 12, numRuns: 400 });
    for (const d of [claim, bnd]) {
      expect(new Set(d.map((i) => i.signal.length))).toEqual(new Set([6, 7, 8, 9, 10]));
      expect(new Set(d.map((i) => i.signal.filter((s) => s > 0).length))).toEqual(new Set([1, 2]));
      expect(new Set(d.map((i) => i.depth))).toEqual(new Set([2, 3]));
      for (const i of d) {
        expect(i.signal[0]).toBeGreaterThanOrEqual(1);
        expect(i.signal[0]).toBeLessThanOrEqual(3);
        expect(Number.isFinite(i.stepSize) && Number.isFinite(i.delta) && Number.isFinite(i.noise)).toBe(true);
        expect(i.stepSize / monotoneStep(eigh(build(i).y).values[0], i.depth)).toBeGreaterThanOrEqual(0.5 - 1e-12);
        expect(i.stepSize / monotoneStep(eigh(build(i).y).values[0], i.depth)).toBeLessThanOrEqual(0.97 + 1e-12);
      }
    }
    for (const i of claim) expect(earlyStopping.hypotheses(i)).toEqual([]);
    expect(bnd.some((i) => earlyStopping.hypotheses(i).length > 0)).toBe(true);
    expect(bnd.some((i) => earlyStopping.hypotheses(i).length === 0)).toBe(true);
  });
});
