import { describe, expect, it } from 'vitest';
import { NumericalError } from '../errors.js';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { fromRows, matmulABt, matmulAtB, maxAbsDiff, zeros } from '../linalg/matrix.js';
import { singularPairs } from '../spectrum/singularPairs.js';
import { Rng } from '../init/rng.js';
import { deepInit } from './inits.js';
import { explicitMeasurements, gaussianMeasurements } from './measurements.js';
import { AsymmetricGd, DeepGd, SymmetricGd } from './models.js';
import { projectionsOf, runGd } from './run.js';
import { monotoneStepBound, orderStepBound, scalarProduct, stabilityThreshold } from './scalar.js';

const y3 = withSpectrum(haarOrthogonal(3, 2), [3, 1, -0.5]);

describe('deep initialisations', () => {
  it('balanced: W_{j+1}ᵀW_{j+1} = W_jW_jᵀ and the product has scale α^N', () => {
    const w = deepInit('balanced', y3, 4, 0.5, 9);
    for (let j = 0; j + 1 < 4; j++) expect(maxAbsDiff(matmulAtB(w[j + 1], w[j + 1]), matmulABt(w[j], w[j]))).toBeLessThan(1e-14);
    const m = new DeepGd(y3, w);
    expect(m.balancedness()).toBeLessThan(1e-14);
  });
  it('gaussian: reproducible from the seed, needs a seed', () => {
    expect(deepInit('gaussian', y3, 3, 1, 4)).toEqual(deepInit('gaussian', y3, 3, 1, 4));
    expect(() => deepInit('gaussian', y3, 3, 1)).toThrow(/^init.seed: is required for the gaussian init/);
  });
  it('aligned: the product starts at α^N·UVᵀ', () => {
    const y = zeros(3, 3);
    y.data.set(new Rng(1).normalArray(9));
    const w = deepInit('aligned', y, 2, 0.3);
    const p = singularPairs(y);
    const prod = { rows: 3, cols: 3, data: new DeepGd(y, w).evaluate().product };
    const uvt = matmulABt(p.left, p.right);
    expect(maxAbsDiff(prod, { ...uvt, data: uvt.data.map((v) => 0.09 * v) })).toBeLessThan(1e-15);
  });
});

describe('measurements', () => {
  it('are reproducible Gaussian operators with the documented noise', () => {
    const x = fromRows([[1, 0], [0, 0]]);
    const a = gaussianMeasurements(x, 5, 3, 0), b = gaussianMeasurements(x, 5, 3, 0.1);
    expect(a.matrices).toEqual(b.matrices);
    for (let i = 0; i < 5; i++) expect(a.observations[i]).toBe(a.matrices[i * 4]);
    expect(Math.max(...Array.from(b.observations, (v, i) => Math.abs(v - a.observations[i])))).toBeGreaterThan(0);
    expect(() => gaussianMeasurements(x, 0, 1, 0)).toThrow(/^measurements.count: must be an integer ≥ 1/);
    expect(() => gaussianMeasurements(x, 1, 1, -1)).toThrow(/^measurements.noise/);
    expect(() => gaussianMeasurements(x, 2e7, 1, 0)).toThrow(/^measurements.count: must keep count·n²/);
  });
  it('can be given explicitly, with named errors', () => {
    const m = explicitMeasurements(2, [[[1, 0], [0, 1]]], [2]);
    expect(m.count).toBe(1);
    expect(() => explicitMeasurements(2, [], [])).toThrow(/^measurements.matrices: must be a non-empty/);
    expect(() => explicitMeasurements(2, [[[1, 0], [0, 1]]], [])).toThrow(/^measurements.observations: must be an array of 1 numbers/);
    expect(() => explicitMeasurements(2, [[[1, 0]]], [1])).toThrow(/^measurements.matrices\[0\]: must be an 2×2 matrix/);
    expect(() => explicitMeasurements(2, [[[1, 0], [0]]], [1])).toThrow(/^measurements.matrices\[0\]\[1\]: must have 2 entries/);
    expect(() => explicitMeasurements(2, [[[1, 0], [0, 'x']]], [1])).toThrow(/^measurements.matrices\[0\]\[1\]\[1\]: must be a finite number/);
    expect(() => explicitMeasurements(2, [[[1, 0], [0, 1]]], ['a'])).toThrow(/^measurements.observations\[0\]: must be a finite number/);
  });
  it('sensing with the loss scaled by 1/m: the basis operator Aᵢ = E_ab (m = n²) at step mη is the estimation problem at step η', () => {
    const x = withSpectrum(haarOrthogonal(2, 3), [2, -0.5]);
    const mats = [0, 1, 2, 3].map((e) => [[e === 0 ? 1 : 0, e === 1 ? 1 : 0], [e === 2 ? 1 : 0, e === 3 ? 1 : 0]]);
    const meas = explicitMeasurements(2, mats, Array.from(x.data));
    const init = deepInit('gaussian', x, 3, 0.5, 2);
    const sense = new DeepGd(x, init, meas), est = new DeepGd(x, init);
    for (let k = 0; k < 200; k++) {
      sense.step(4 * 0.05);
      est.step(0.05);
    }
    const p1 = { rows: 2, cols: 2, data: sense.evaluate().product }, p2 = { rows: 2, cols: 2, data: est.evaluate().product };
    expect(maxAbsDiff(p1, p2)).toBeLessThan(1e-13);
    expect(sense.evaluate().loss * 4).toBeCloseTo(est.evaluate().loss, 12);
  });
  it('an injective Gaussian operator (m ≥ n²) lets gradient descent recover X', () => {
    const x = withSpectrum(haarOrthogonal(3, 3), [2, 0, 0]);
    const sense = new DeepGd(x, deepInit('identity', x, 2, 0.05), gaussianMeasurements(x, 12, 5, 0));
    for (let k = 0; k < 3000; k++) sense.step(0.1);
    expect(maxAbsDiff({ rows: 3, cols: 3, data: sense.evaluate().product }, x)).toBeLessThan(0.05);
  });
});

describe('step-size bounds and the scalar recursion', () => {
  it('match the scalar recursion (stable iff η < 2/(Nλ^{2−2/N}); depth 1: η < 2)', () => {
    expect(stabilityThreshold(4, 2)).toBeCloseTo(0.25, 15);
    expect(monotoneStepBound(4, 2)).toBeCloseTo(0.125, 15);
    expect(orderStepBound(4, 3)).toBeCloseTo(1 / (5 * 4 ** (4 / 3)), 15);
    expect(stabilityThreshold(-1, 3)).toBe(Infinity);
    expect(monotoneStepBound(0, 3)).toBe(Infinity);
    expect(orderStepBound(0, 2)).toBe(Infinity);
    expect(stabilityThreshold(0, 1)).toBe(2);
    expect(monotoneStepBound(0, 1)).toBe(1);
    expect(orderStepBound(5, 1)).toBe(1);
    expect(scalarProduct(2, 0.1, 0.1, 2, 0)).toBeCloseTo(0.01, 17);
    expect(scalarProduct(2, 0.1, 0.1, 2, 2000)).toBeCloseTo(2, 12);
  });
});

describe('runGd', () => {
  const y = fromRows([[2, 0], [0, 1]]);
  const pairs = { values: Float64Array.of(2, 1), left: fromRows([[1, 0], [0, 1]]), right: fromRows([[1, 0], [0, 1]]) };
  it('snapshots in the requested order (duplicates allowed), hitting iterations, memory independent of steps', () => {
    const m = new SymmetricGd(y, fromRows([[0.01, 0], [0, 0.01]]));
    const r = runGd(m, pairs, { stepSize: 0.1, iterations: [50, 0, 50], maxIterations: 5000, levels: [0.5] });
    expect(r.snapshots.map((s) => s.iteration)).toEqual([50, 0, 50]);
    expect(r.snapshots[0]).toBe(r.snapshots[2]);
    const h = r.hitting!.times[0] as number[];
    expect(h[0]).toBeLessThan(h[1]);
    // scalar recursion N = 2: u² follows p ← p(1 + η(λ − p))², first k with p ≥ λ/2
    let p = 1e-4, k = 0;
    while (p < 1) { p = p * (1 + 0.1 * (2 - p)) ** 2; k++; }
    expect(h[0]).toBe(k);
    expect(r.iterationsRun).toBe(Math.max(50, h[1]));
  });
  it('stops at once on divergence with the iteration, loss tail and threshold', () => {
    const m = new SymmetricGd(y, fromRows([[1, 0], [0, 1]]));
    try {
      runGd(m, pairs, { stepSize: 3, iterations: [100], maxIterations: 100 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NumericalError);
      const d = (e as NumericalError).details as { iteration: number; lossTail: unknown[]; stabilityThreshold: number };
      expect(d.iteration).toBeLessThan(20);
      expect(d.lossTail.length).toBeGreaterThan(0);
      expect(d.stabilityThreshold).toBeCloseTo(0.5, 15);
      expect((e as Error).message).toMatch(/above the stability threshold/);
    }
    const big = new SymmetricGd(y, fromRows([[1e3, 0], [0, 1e3]]));
    expect(() => runGd(big, pairs, { stepSize: 0.01, iterations: [100], maxIterations: 100 })).toThrow(/below the stability threshold .*: the init scale/);
  });
  it('projections and balancedness of the asymmetric model', () => {
    const a = new AsymmetricGd(fromRows([[1, 2, 3]]), fromRows([[1, 0]]), fromRows([[1, 0], [0, 1], [0, 0]]));
    expect(a.balancedness()).toBeCloseTo(1, 14);
    a.step(0.01);
    expect(a.factors().length).toBe(2);
    const out = new Float64Array(1);
    const p = singularPairs(fromRows([[1, 2, 3]]));
    projectionsOf(a.evaluate().product, 1, 3, p, out);
    expect(Number.isFinite(out[0])).toBe(true);
  });
});
