import { describe, expect, it } from 'vitest';
import * as lib from './index.js';

describe('library entry point', () => {
  it('exports the solvers, the engine and solve', () => {
    const r = lib.solve({ model: 'symmetric', method: 'closed-form', target: [[1]], init: { factor: [[0.1]] }, times: [1] });
    expect(r.snapshots[0].matrix[0][0]).toBeCloseTo(lib.logisticMode(1, 0.01, 1), 14);
    expect(typeof lib.DeepGd).toBe('function');
    expect(lib.stabilityThreshold(1, 2)).toBe(1);
  });
});

describe('library entry point: theorems and types', () => {
  it('exports the registry, checkTheorem and the properties', () => {
    expect(lib.THEOREMS.length).toBeGreaterThan(0);
    const t = lib.THEOREMS[0]!;
    expect(lib.theoremById(t.id)).toBe(t);
    expect(typeof lib.checkTheorem).toBe('function');
    expect(typeof lib.claimProperty).toBe('function');
    expect(typeof lib.controlProperty).toBe('function');
    expect(lib.packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
  it('a typed Problem passes solve', () => {
    const p: lib.Problem = { model: 'deep', method: 'gd', target: [[1, 0], [0, 0.5]], init: { kind: 'identity', scale: 0.1 }, depth: 3, stepSize: 0.05, iterations: [0, 10] };
    expect(lib.solve(p).snapshots.length).toBe(2);
  });
});
