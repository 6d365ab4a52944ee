import { describe, expect, it } from 'vitest';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { decimalContext, expm1, toDecimal } from './decimal.js';
import { didentity, djacobi, dmatmul, dtranspose, dgramRows } from './dmatrix.js';

describe('decimal context and expm1', () => {
  it('validates the number of digits', () => {
    expect(() => decimalContext(9)).toThrow(/^digits: must be an integer from 10 to 100/);
    expect(() => decimalContext(101)).toThrow(/digits/);
    expect(() => decimalContext(20.5)).toThrow(/digits/);
    expect(decimalContext(30).precision).toBe(30);
    expect(decimalContext(30)).toBe(decimalContext(30));
  });
  it('computes e^x − 1 to full precision, tiny x included', () => {
    const D = decimalContext(50);
    const R = decimalContext(100);
    for (const x of ['1e-30', '-3e-12', '0.3', '-0.49', '0.5', '2', '-7', '40']) {
      const got = expm1(D, new D(x));
      const ref = new R(x).exp().minus(1);
      expect(new R(got).minus(ref).abs().div(ref.abs()).lt('1e-49')).toBe(true);
    }
    expect(expm1(D, new D(0)).isZero()).toBe(true);
  });
  it('reads numbers as the decimal they print as, and decimal strings exactly', () => {
    const D = decimalContext(40);
    expect(toDecimal(D, 0.1, 'x').toString()).toBe('0.1');
    expect(toDecimal(D, '0.1000000000000000000000000001', 'x').toString()).toBe('0.1000000000000000000000000001');
    expect(() => toDecimal(D, 'abc', 'y[0][1]')).toThrow(/^y\[0\]\[1\]: must be a finite number or a decimal string/);
    expect(() => toDecimal(D, Number.NaN, 'z')).toThrow(/^z: must be a finite number/);
  });
});

describe('Jacobi eigensolver in Decimal', () => {
  it('has residual and orthogonality at the working precision', () => {
    const D = decimalContext(50);
    const n = 5;
    const q = haarOrthogonal(n, 11);
    const a = withSpectrum(q, [3, 1, 1 + 1e-9, -2, 0]);
    const A = { rows: n, cols: n, data: Array.from(a.data, (v) => new D(v)) };
    const { values, vectors, sweeps } = djacobi(D, A);
    expect(sweeps).toBeLessThan(15);
    const av = dmatmul(D, A, vectors);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      expect(av.data[i * n + j].minus(vectors.data[i * n + j].times(values[j])).abs().lt('1e-47')).toBe(true);
    }
    const vtv = dmatmul(D, dtranspose(vectors), vectors);
    const I = didentity(D, n);
    for (let i = 0; i < n * n; i++) expect(vtv.data[i].minus(I.data[i]).abs().lt('1e-48')).toBe(true);
    for (let i = 1; i < n; i++) expect(values[i].lte(values[i - 1])).toBe(true);
    const g = dgramRows(D, vectors);
    for (let i = 0; i < n * n; i++) expect(g.data[i].minus(I.data[i]).abs().lt('1e-48')).toBe(true);
  });
});
