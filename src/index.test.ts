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
