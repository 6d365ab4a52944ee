import { describe, expect, it } from 'vitest';
import { fromRows } from '../linalg/matrix.js';
import { MAX_ENTRY, checkEntries, projectionRatesFromEigenFactor, symmetricCertificate, symmetricClosedForm } from './symmetricClosedForm.js';

/**
 * A hand-solved instance: Y = R diag(2, −1) Rᵀ (R a 3-4-5 rotation), U₀ with U₀U₀ᵀ = R diag(a²) Rᵀ.
 * Each mode is the scalar logistic ṗ = 2p(λ − p), p(t) = λp₀e^{2λt} / (λ + p₀(e^{2λt} − 1)), and
 * W(t) = R diag(p(t)) Rᵀ: an observation that shares no algebra with the QR evaluation.
 */
const R = [[0.6, -0.8], [0.8, 0.6]];
const lam = [2, -1];
const a = [0.1, 0.7];
const y = fromRows([0, 1].map((i) => [0, 1].map((j) => lam.reduce((s, l, c) => s + R[i][c] * l * R[j][c], 0))));
const u0 = fromRows([0, 1].map((i) => [0, 1].map((c) => R[i][c] * a[c])));
// r = 3 > n = 2 with the same U₀U₀ᵀ: columns (a₁r₁, 0.6a₂r₂, 0.8a₂r₂)
const u0wide = fromRows([0, 1].map((i) => [R[i][0] * a[0], 0.6 * R[i][1] * a[1], 0.8 * R[i][1] * a[1]]));
const modes = (t: number) => lam.map((l, c) => {
  const e = Math.exp(2 * l * t), p0 = a[c] * a[c];
  return (l * p0 * e) / (l + p0 * (e - 1));
});
const exact = (t: number) => {
  const p = modes(t);
  return [0, 1].flatMap((i) => [0, 1].map((j) => p.reduce((s, pc, c) => s + R[i][c] * pc * R[j][c], 0)));
};

describe('symmetric closed form on a hand-solved instance', () => {
  for (const [name, init] of [['r = n', u0], ['r > n (reduced to Rᵀ)', u0wide]] as const) {
    it(`${name}: W, factor, eigenFactor, projections, rates ṗ = 2p(λ − p) and loss ¼Σ(λ − p)²`, () => {
      const f = symmetricClosedForm(y, init);
      expect(f.width).toBe(2);
      expect(f.n).toBe(2);
      expect(f.model).toBe('symmetric');
      for (const t of [0, 1e-25, 0.3, 1.7, 40]) {
        const p = modes(t);
        const w = f.matrix(t);
        exact(t).forEach((v, k) => expect(Math.abs(w.data[k] - v)).toBeLessThan(1e-14));
        const ws = f.matrices([t])[0];
        exact(t).forEach((v, k) => expect(Math.abs(ws.data[k] - v)).toBeLessThan(1e-14));
        const fa = f.factor(t);
        const ff = [0, 1].flatMap((i) => [0, 1].map((j) => fa.data[i * 2] * fa.data[j * 2] + fa.data[i * 2 + 1] * fa.data[j * 2 + 1]));
        exact(t).forEach((v, k) => expect(Math.abs(ff[k] - v)).toBeLessThan(1e-14));
        const pr = f.projections(t), rates = f.projectionRates(t);
        p.forEach((pc, c) => {
          expect(Math.abs(pr[c] - pc)).toBeLessThan(1e-14);
          expect(Math.abs(rates[c] - 2 * pc * (lam[c] - pc))).toBeLessThan(1e-13);
        });
        expect(Math.abs(f.loss(t) - p.reduce((s, pc, c) => s + (lam[c] - pc) ** 2, 0) / 4)).toBeLessThan(1e-14);
      }
    });
  }

  it('below the tiny time W is W₀ bit for bit; the target values, maxTime and diagnostics', () => {
    const f = symmetricClosedForm(y, u0);
    const w0 = [0, 1].flatMap((i) => [0, 1].map((j) => u0.data[i * 2] * u0.data[j * 2] + u0.data[i * 2 + 1] * u0.data[j * 2 + 1]));
    expect(Array.from(f.matrix(1e-30).data)).toEqual(w0);
    expect(Array.from(f.matrices([0, 1e-30])[1].data)).toEqual(w0);
    // W₀ is returned as a copy: a caller writing into it changes nothing
    f.matrix(0).data[0] = 99;
    f.matrices([0])[0].data[1] = 99;
    expect(Array.from(f.matrix(0).data)).toEqual(w0);
    expect(Array.from(f.matrices([0])[0].data)).toEqual(w0);
    // tinyTime = 2⁻⁶¹/(‖Y‖_F + ‖W₀‖_F): just below it W is still W₀ bit for bit
    const tiny = 2 ** -61 / (Math.sqrt(5) + Math.hypot(...w0));
    expect(Array.from(f.matrix(0.99 * tiny).data)).toEqual(w0);
    expect(Array.from(f.targetValues).map((v) => +v.toFixed(13))).toEqual(lam);
    expect(f.maxTime).toBe(1e300 / 2);
    expect(symmetricClosedForm(fromRows([[0.5]]), fromRows([[1]])).maxTime).toBe(1e300);
    expect(symmetricClosedForm(fromRows([[-4]]), fromRows([[1]])).maxTime).toBe(2.5e299);
    expect(f.diagnostics()).toMatchObject({
      solver: 'closed form, eigenbasis, log-scaled row-pivoted Householder QR (float64)',
      width: 2,
      maxTime: 1e300 / 2,
    });
    expect((f.diagnostics().targetEigenvalues as number[]).map((v) => +v.toFixed(13))).toEqual(lam);
  });

  it('tinyTime = 2⁻⁶¹/(‖Y‖_F + ‖W₀‖_F) is tiny for a large ‖Y‖: at λ = 1e6, t = 1e−13, W has grown by e^{2λt}', () => {
    const lamBig = 1e6, t = 1e-13;
    const e = Math.exp(2 * lamBig * t);
    const p = (lamBig * e) / (lamBig + (e - 1));
    expect(Math.abs(symmetricClosedForm(fromRows([[lamBig]]), fromRows([[1]])).matrix(t).data[0] / p - 1)).toBeLessThan(1e-15);
    expect(p - 1).toBeGreaterThan(1e-7);
  });

  it('a mode the init does not touch (a zero row of X) stays at 0', () => {
    const f = symmetricClosedForm(fromRows([[2, 0], [0, -1]]), fromRows([[0.3], [0]]));
    for (const t of [0.5, 5]) {
      const e = Math.exp(4 * t), p = (2 * 0.09 * e) / (2 + 0.09 * (e - 1));
      const w = f.matrix(t).data;
      expect(Math.abs(w[0] - p)).toBeLessThan(1e-14);
      expect([w[1], w[2], w[3]]).toEqual([0, 0, 0]);
    }
  });

  it('below the tiny time a zero row of X gives a zero row of V (not 0/0)', () => {
    const v = symmetricClosedForm(fromRows([[2, 0], [0, -1]]), fromRows([[0.3], [0]])).eigenFactor(0).data;
    expect([Math.abs(v[0]), v[1]]).toEqual([0.3, 0]);
  });

  it('row scales sorted before their exponents are compressed: Y = I, r = 1 at t = 1e17 (exponents ≈ 1.4e17)', () => {
    // W(t) = gu₀u₀ᵀ/(1 + (g − 1)|u₀|²), g = e^{2t}: at t = 1e17 the projector u₀u₀ᵀ/|u₀|². Unsorted, the rows'
    // exponents would be shifted by ≈ 1.4e17 in float64 (spacing 32), losing their 2-binade gap.
    const w = symmetricClosedForm(fromRows([[1, 0], [0, 1]]), fromRows([[1], [0.3]])).matrix(1e17).data;
    const want = [1, 0.3, 0.3, 0.09].map((x) => x / 1.09);
    for (let k = 0; k < 4; k++) expect(Math.abs(w[k] - want[k])).toBeLessThan(1e-15);
  });

  it('rejects a negative, non-finite or too late time, and a factor with the wrong number of rows', () => {
    const f = symmetricClosedForm(y, u0);
    for (const t of [-1e-300, Number.NaN, Infinity]) expect(() => f.matrix(t)).toThrow(/^times: each time must be a finite number ≥ 0$/);
    expect(() => f.matrix('1' as unknown as number)).toThrow(/^times: /);
    expect(() => f.matrix(5.1e299)).toThrow('times: each time must be ≤ 5.000e+299 (= 1e300/max(1, max|λ|): beyond it 2λt overflows float64)');
    expect(() => f.matrix(5e299)).not.toThrow();
    expect(() => symmetricClosedForm(y, fromRows([[1, 2]]))).toThrow('init.factor: must have 2 rows like the target (has 1)');
    expect(() => symmetricClosedForm(fromRows([[0, 2e100], [2e100, 0]]), u0)).toThrow(/^target\[0\]\[1\]: /);
    expect(() => symmetricClosedForm(fromRows([[0, 1], [2, 0]]), u0)).toThrow(/^target: /);
    expect(() => symmetricClosedForm(y, fromRows([[0, 0], [0, 2e100]]))).toThrow(/^init\.factor\[1\]\[1\]: /);
  });
});

describe('symmetricClosedForm helpers', () => {
  it('checkEntries names the row and column of an entry above MAX_ENTRY (equal accepted)', () => {
    expect(MAX_ENTRY).toBe(1e100);
    expect(() => checkEntries(fromRows([[0, 0, 0], [0, 0, -1e100]]), 'x')).not.toThrow();
    expect(() => checkEntries(fromRows([[0, 0, 0], [0, -1.0000001e100, 0]]), 'x')).toThrow('x[1][1]: must have magnitude ≤ 1e+100');
    expect(() => checkEntries(fromRows([[0, 0, 0], [0, 0, 2e100]]), 'x')).toThrow('x[1][2]: must have magnitude ≤ 1e+100');
    expect(() => checkEntries({ rows: 2, cols: 3, data: Float64Array.of(0, 0, 0, 0, 0, Number.NaN) }, 'x')).toThrow(/^x\[1\]\[2\]/);
  });

  it('symmetricCertificate: M = max(‖W₀‖_F, λ₁, 0), variation 2√min(M, max(τ, 0)), loss error and K₂ by hand', () => {
    const yy = fromRows([[3, 0], [0, -4]]); // ‖Y‖_F = 5
    const w0 = fromRows([[1, 0], [0, 0]]);
    const c = symmetricCertificate(yy, w0, 3, 1e-13, 4);
    expect(c.M).toBe(3);
    expect(c.variationBound(2)).toBe(2 * Math.sqrt(2));
    expect(c.variationBound(7)).toBe(2 * Math.sqrt(3));
    expect(c.variationBound(-1)).toBe(0);
    const s = 5 + Math.SQRT2 * 3;
    expect(c.lossError).toBe(0.5 * s * 2 * 1e-13 * 3 + 4 * 4 * 2.220446049250313e-16 * s * s);
    expect(c.rateBound).toBe(4 * 3 * (4 + 3) * (4 + 6));
    expect(symmetricCertificate(yy, w0, -2, 1e-13).M).toBe(1);
    expect(symmetricCertificate(yy, fromRows([[0, 0], [0, 0]]), -2, 1e-13).M).toBe(0);
    // normY defaults to ‖Y‖_F; max(1, M) in the loss error
    const d = symmetricCertificate(yy, fromRows([[0.5, 0], [0, 0]]), -2, 1e-13);
    expect(d.rateBound).toBe(4 * 0.5 * 5.5 * 6);
    const s2 = 5 + Math.SQRT2 * 0.5;
    expect(d.lossError).toBe(0.5 * s2 * 2 * 1e-13 * 1 + 4 * 4 * 2.220446049250313e-16 * s2 * s2);
  });

  it('projectionRatesFromEigenFactor: ṗᵢ = 2λᵢW̃ᵢᵢ − 2Σⱼ W̃ᵢⱼ² with W̃ = VVᵀ', () => {
    // V = (1 2; 0 1; 3 0): W̃ = (5 2 3; 2 1 0; 3 0 9)
    const v = fromRows([[1, 2], [0, 1], [3, 0]]);
    const out = projectionRatesFromEigenFactor(v, Float64Array.of(2, -1, 0.5));
    expect(Array.from(out)).toEqual([2 * 2 * 5 - 2 * (25 + 4 + 9), 2 * -1 * 1 - 2 * (4 + 1), 2 * 0.5 * 9 - 2 * (9 + 81)]);
  });
});
