import { describe, expect, it } from 'vitest';
import { DP45, DormandPrince45, checkOdeOptions } from './dormandPrince.js';

const sum = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0);

describe('Dormand–Prince 5(4) tableau (scipy-style coefficient tests)', () => {
  const { a, b, bHat, c } = DP45;
  it('c_i equals the row sums of a', () => {
    for (let i = 1; i < 7; i++) expect(sum(a[i])).toBeCloseTo(c[i], 15);
  });
  it('b satisfies the order-5 conditions', () => {
    const bc = (k: number) => sum(b.map((bi, i) => bi * c[i] ** k));
    expect(bc(0)).toBeCloseTo(1, 15);
    expect(bc(1)).toBeCloseTo(1 / 2, 15);
    expect(bc(2)).toBeCloseTo(1 / 3, 15);
    expect(bc(3)).toBeCloseTo(1 / 4, 15);
    expect(bc(4)).toBeCloseTo(1 / 5, 15);
    const ac = (k: number) => c.map((_, i) => sum(a[i].map((aij, j) => aij * c[j] ** k)));
    expect(sum(b.map((bi, i) => bi * ac(1)[i]))).toBeCloseTo(1 / 6, 15);
    expect(sum(b.map((bi, i) => bi * c[i] * ac(1)[i]))).toBeCloseTo(1 / 8, 15);
    expect(sum(b.map((bi, i) => bi * ac(2)[i]))).toBeCloseTo(1 / 12, 15);
    const aac = c.map((_, i) => sum(a[i].map((aij, j) => aij * ac(1)[j])));
    expect(sum(b.map((bi, i) => bi * aac[i]))).toBeCloseTo(1 / 24, 15);
    expect(sum(b.map((bi, i) => bi * c[i] ** 2 * ac(1)[i]))).toBeCloseTo(1 / 10, 15);
    expect(sum(b.map((bi, i) => bi * ac(1)[i] ** 2))).toBeCloseTo(1 / 20, 15);
    expect(sum(b.map((bi, i) => bi * ac(3)[i]))).toBeCloseTo(1 / 20, 15);
  });
  it('bHat satisfies the order-4 conditions and differs from b (an error estimate exists)', () => {
    const bc = (k: number) => sum(bHat.map((bi, i) => bi * c[i] ** k));
    expect(bc(0)).toBeCloseTo(1, 15);
    expect(bc(1)).toBeCloseTo(1 / 2, 15);
    expect(bc(2)).toBeCloseTo(1 / 3, 15);
    expect(bc(3)).toBeCloseTo(1 / 4, 15);
    expect(Math.max(...b.map((bi, i) => Math.abs(bi - bHat[i])))).toBeGreaterThan(1e-3);
  });
  it('FSAL: the last row of a is b', () => {
    a[6].forEach((v, j) => expect(v).toBe(b[j]));
  });
});

describe('DormandPrince45', () => {
  const decay = (_t: number, y: Float64Array, dy: Float64Array) => {
    dy[0] = -y[0];
    dy[1] = y[0] - 2 * y[1];
  };
  const exact = (t: number) => [Math.exp(-t), Math.exp(-t) - Math.exp(-2 * t)];

  it('converges with order 5 at fixed step (observed order log₂(e(h)/e(h/2)) ≈ 5)', () => {
    const err = (h: number) => {
      const y = Float64Array.of(1, 0);
      new DormandPrince45(2, decay, { fixedStep: h }).integrate(0, y, 2);
      return Math.abs(y[1] - exact(2)[1]);
    };
    const order = Math.log2(err(0.05) / err(0.025));
    expect(order).toBeGreaterThan(4.8);
    expect(order).toBeLessThan(5.2);
  });
  it('meets its tolerance adaptively and hits end times exactly', () => {
    const ode = new DormandPrince45(2, decay, { rtol: 1e-10, atol: 1e-14 });
    const y = Float64Array.of(1, 0);
    let t = 0;
    for (const t1 of [0.3, 1, 1, 4.5]) {
      ode.integrate(t, y, t1);
      t = t1;
      const ex = exact(t1);
      expect(Math.abs(y[0] - ex[0])).toBeLessThan(1e-9 * ex[0]);
      expect(Math.abs(y[1] - ex[1])).toBeLessThan(1e-9 * Math.abs(ex[1]) + 1e-13);
    }
    expect(ode.stats.steps).toBeGreaterThan(10);
    expect(ode.stats.evaluations).toBeGreaterThan(6 * ode.stats.steps);
  });
  it('rejects steps on stiff transients and still converges', () => {
    const stiff = (_t: number, y: Float64Array, dy: Float64Array) => {
      dy[0] = -50 * (y[0] - Math.cos(_t));
    };
    const ode = new DormandPrince45(1, stiff, { rtol: 1e-8, atol: 1e-10 });
    const y = Float64Array.of(5);
    ode.integrate(0, y, 3);
    const tEnd = 3;
    const steady = (50 * (50 * Math.cos(tEnd) + Math.sin(tEnd))) / 2501;
    expect(Math.abs(y[0] - steady)).toBeLessThan(1e-6);
  });
  it('reports budget exhaustion and blow-up as errors, never NaN', () => {
    const ode = new DormandPrince45(1, (_t, y, dy) => { dy[0] = y[0]; }, { maxSteps: 3 });
    expect(() => ode.integrate(0, Float64Array.of(1), 100)).toThrow(/step budget/);
    const blow = new DormandPrince45(1, (_t, y, dy) => { dy[0] = y[0] * y[0]; }, { rtol: 1e-6, atol: 1e-9 });
    expect(() => blow.integrate(0, Float64Array.of(1), 2)).toThrow(/non-finite|underflow|budget/);
    const fixedBlow = new DormandPrince45(1, (_t, y, dy) => { dy[0] = y[0] * y[0]; }, { fixedStep: 0.5 });
    expect(() => fixedBlow.integrate(0, Float64Array.of(1e200), 2)).toThrow(/non-finite/);
  });
  it('validates its options', () => {
    expect(() => checkOdeOptions({ rtol: 0 })).toThrow(/^ode.rtol: must be a number in \[1e-14, 1\)/);
    expect(() => checkOdeOptions({ rtol: 1e-15 })).toThrow(/ode.rtol/);
    expect(() => checkOdeOptions({ atol: -1 })).toThrow(/^ode.atol: must be a finite number > 0/);
    expect(checkOdeOptions(undefined)).toMatchObject({ rtol: 1e-10, atol: 1e-12 });
  });
});
