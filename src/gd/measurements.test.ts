/** Sensing measurements (measurements.ts): yᵢ = ⟨Aᵢ, X⟩ + σξᵢ from one seeded stream, and the field-named input rules. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { Rng } from '../init/rng.js';
import { fromRows } from '../linalg/matrix.js';
import { MAX_OPERATOR_SIZE, explicitMeasurements, gaussianMeasurements } from './measurements.js';

function fieldOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).field;
  }
  return 'no error';
}

describe('sensing measurements', () => {
  const x = fromRows([[1, 2, 0], [-1, 0.5, 3]]);
  it('gaussian: yᵢ = ⟨Aᵢ, X⟩ without noise (recomputed entry by entry), shape and seed respected', () => {
    const m = gaussianMeasurements(x, 4, 11, 0);
    expect(m).toMatchObject({ count: 4, n: 2, cols: 3 });
    expect(m.matrices.length).toBe(24);
    for (let i = 0; i < 4; i++) {
      let s = 0;
      for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) s += m.matrices[i * 6 + r * 3 + c] * x.data[r * 3 + c];
      expect(m.observations[i]).toBeCloseTo(s, 14);
    }
    expect(gaussianMeasurements(x, 4, 11, 0)).toEqual(m);
    expect(gaussianMeasurements(x, 4, 12, 0).matrices).not.toEqual(m.matrices);
    // noise: the same operator, observations moved by σξ (ξ drawn after the operator)
    const noisy = gaussianMeasurements(x, 4, 11, 0.5);
    expect(noisy.matrices).toEqual(m.matrices);
    const d = Array.from(noisy.observations, (v, i) => v - m.observations[i]);
    expect(d.every((v) => v !== 0)).toBe(true);
    const twice = gaussianMeasurements(x, 4, 11, 1);
    d.forEach((v, i) => expect(twice.observations[i] - m.observations[i]).toBeCloseTo(2 * v, 12));
    // ξ is the seeded stream's next four normals after the operator's 24 entries: yᵢ − ⟨Aᵢ, X⟩ = σξᵢ
    const rng = new Rng(11);
    rng.normalArray(24);
    d.forEach((v) => expect(v).toBeCloseTo(0.5 * rng.normal(), 14));
  });
  it('gaussian: count an integer ≥ 1 within the operator budget, noise finite ≥ 0, observations finite', () => {
    expect(gaussianMeasurements(x, 1, 1, 0).count).toBe(1);
    for (const c of [0, 1.5, -1]) expect(fieldOf(() => gaussianMeasurements(x, c, 1, 0))).toBe('measurements.count');
    const cap = MAX_OPERATOR_SIZE / 6;
    expect(fieldOf(() => gaussianMeasurements(x, Math.floor(cap) + 1, 1, 0))).toBe('measurements.count');
    for (const s of [-1e-9, Infinity, NaN]) expect(fieldOf(() => gaussianMeasurements(x, 2, 1, s))).toBe('measurements.noise');
    expect(() => gaussianMeasurements(fromRows([[1e308, 1e308]]), 3, 1, 0)).toThrow(/^measurements.noise: must keep every observation finite in float64/);
    expect(() => gaussianMeasurements(x, 2, 1, -1)).toThrow(/^measurements.noise: must be a finite number ≥ 0$/);
    expect(() => gaussianMeasurements(x, Math.floor(cap) + 1, 1, 0)).toThrow(/^measurements.count: must keep count·n² ≤ 50000000 \(the operator's size/);
    expect(fieldOf(() => gaussianMeasurements(x, 2, -1, 0))).toBe('measurements.seed');
    // exactly at the operator budget the count passes and the noise is checked next (nothing is drawn)
    expect(fieldOf(() => gaussianMeasurements(fromRows([[1]]), MAX_OPERATOR_SIZE, 1, -1))).toBe('measurements.noise');
  });
  it('explicit: the given matrices and observations, every rule named by its field', () => {
    const m = explicitMeasurements(2, [[[1, 2], [3, 4]], [[0, 1], [1, 0]]], [5, 6]);
    expect(m).toEqual({ count: 2, n: 2, cols: 2, matrices: Float64Array.from([1, 2, 3, 4, 0, 1, 1, 0]), observations: Float64Array.from([5, 6]) });
    const r = explicitMeasurements(1, [[[1, 2, 3]]], [0], 3);
    expect(r.cols).toBe(3);
    expect(Array.from(r.matrices)).toEqual([1, 2, 3]);
    expect(fieldOf(() => explicitMeasurements(2, [], []))).toBe('measurements.matrices');
    expect(fieldOf(() => explicitMeasurements(2, 'x', []))).toBe('measurements.matrices');
    expect(fieldOf(() => explicitMeasurements(2, [[[1, 2], [3, 4]]], [1, 2]))).toBe('measurements.observations');
    expect(fieldOf(() => explicitMeasurements(2, [[[1, 2], [3, 4]]], 'y'))).toBe('measurements.observations');
    expect(fieldOf(() => explicitMeasurements(2, [[[1, 2]]], [1]))).toBe('measurements.matrices[0]');
    expect(fieldOf(() => explicitMeasurements(2, [[[1, 2], [3, 4]], 'a'], [1, 2]))).toBe('measurements.matrices[1]');
    expect(fieldOf(() => explicitMeasurements(2, [[[1, 2], [3]]], [1]))).toBe('measurements.matrices[0][1]');
    expect(fieldOf(() => explicitMeasurements(2, [[[1, 2], 'r']], [1]))).toBe('measurements.matrices[0][1]');
    expect(fieldOf(() => explicitMeasurements(2, [[[1, 2], [3, NaN]]], [1]))).toBe('measurements.matrices[0][1][1]');
    expect(fieldOf(() => explicitMeasurements(2, [[[1, 2], [3, '4']]], [1]))).toBe('measurements.matrices[0][1][1]');
    expect(fieldOf(() => explicitMeasurements(2, [[[1, 2], [3, 4]]], [Infinity]))).toBe('measurements.observations[0]');
    expect(fieldOf(() => explicitMeasurements(2, [[[1, 2], [3, 4]]], ['1']))).toBe('measurements.observations[0]');
    const big = Math.floor(MAX_OPERATOR_SIZE / 4) + 1;
    // Lists of the given length whose first element is bad (proxies: nothing that long is allocated).
    const long = (length: number): unknown[] =>
      new Proxy([], { get: (t, k) => (k === 'length' ? length : k === '0' ? 'bad' : Reflect.get(t, k)), has: (t, k) => k === '0' || Reflect.has(t, k) });
    // m·n² just over the budget: refused before any entry is read
    expect(() => explicitMeasurements(2, long(big), long(big))).toThrow(/^measurements.matrices: must keep m·n² ≤ 50000000$/);
    // exactly at the budget the matrices are read
    expect(fieldOf(() => explicitMeasurements(1, long(MAX_OPERATOR_SIZE), long(MAX_OPERATOR_SIZE)))).toBe('measurements.matrices[0]');
  });
});
