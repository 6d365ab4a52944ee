import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import {
  add, assertFinite, assertSymmetric, asymmetry, block, clone, column, frobenius, fromRows, gramRows, identity, matmul,
  matmulABt, matmulAtB, maxAbs, maxAbsDiff, scale, sub, symmetrize, toRows, trace, transpose, zeros,
} from './matrix.js';

const A = fromRows([[1, 2, 3], [4, 5, 6]]);
const B = fromRows([[1, 0], [2, 1], [0, 3]]);

describe('matrix kernels', () => {
  it('multiplies in every orientation', () => {
    expect(toRows(matmul(A, B))).toEqual([[5, 11], [14, 23]]);
    expect(toRows(matmulABt(A, A))).toEqual(toRows(gramRows(A)));
    expect(toRows(matmulAtB(A, A))).toEqual(toRows(matmul(transpose(A), A)));
    expect(toRows(matmul(identity(2), A))).toEqual(toRows(A));
  });
  it('adds, subtracts, scales, reduces', () => {
    expect(toRows(add(A, A))).toEqual(toRows(scale(A, 2)));
    expect(maxAbs(sub(A, A))).toBe(0);
    expect(maxAbsDiff(A, scale(A, 2))).toBe(6);
    expect(trace(identity(4))).toBe(4);
    expect(Array.from(column(A, 1))).toEqual([2, 5]);
    expect(toRows(block(A, 0, 2, 1, 3))).toEqual([[2, 3], [5, 6]]);
    const c = clone(A);
    c.data[0] = 9;
    expect(A.data[0]).toBe(1);
    expect(maxAbs({ rows: 1, cols: 1, data: Float64Array.of(Number.NaN) })).toBeNaN();
  });
  it('computes the Frobenius norm without overflow or underflow', () => {
    expect(frobenius(fromRows([[3, 4]]))).toBe(5);
    expect(frobenius(fromRows([[3e200, 4e200]]))).toBeCloseTo(5e200, -190);
    expect(frobenius(fromRows([[3e-200, 4e-200]])) / 5e-200).toBeCloseTo(1, 14);
    expect(frobenius(zeros(2, 2))).toBe(0);
  });
  it('symmetrises and measures asymmetry', () => {
    const y = fromRows([[1, 2], [2.0000001, 1]]);
    expect(asymmetry(y)).toBeGreaterThan(1e-8);
    expect(asymmetry(symmetrize(y))).toBe(0);
    expect(asymmetry(zeros(2, 2))).toBe(0);
    expect(() => assertSymmetric(y, 'target')).toThrow(/target: must be symmetric to 1e-12 relative/);
    expect(() => assertSymmetric(A, 'target')).toThrow(/must be square/);
    expect(() => assertSymmetric(fromRows([[1, 1 + 1e-15], [1, 1]]), 'target')).not.toThrow();
  });
  it('names the offending field on bad rows', () => {
    const cases: [unknown, RegExp][] = [
      [[], /^m: must be a non-empty array of rows/],
      [[[]], /^m\[0\]: must be a non-empty array/],
      [[[1, 2], [3]], /^m\[1\]: must have 2 entries/],
      [[[1, 'x']], /^m\[0\]\[1\]: must be a finite number/],
      [[[1, null]], /^m\[0\]\[1\]: must be a finite number/],
      [[1, 2], /^m\[0\]: must be a non-empty array/],
      [[[1], 3], /^m\[1\]: must be an array of numbers/],
      ['x', /^m: must be a non-empty array of rows/],
    ];
    for (const [rows, re] of cases) {
      expect(() => fromRows(rows, 'm')).toThrow(InputError);
      expect(() => fromRows(rows, 'm')).toThrow(re);
    }
    const bad = zeros(2, 2);
    bad.data[3] = Number.POSITIVE_INFINITY;
    expect(() => assertFinite(bad, 'u')).toThrow(/^u\[1\]\[1\]: must be a finite number/);
  });
});
