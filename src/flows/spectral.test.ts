import { describe, expect, it } from 'vitest';
import { DormandPrince45 } from '../ode/dormandPrince.js';
import { halfHeightTime, levelTime, logisticMode } from './spectral.js';

describe('logistic modes of the spectral initialisation ([MV] eqs. 12–13)', () => {
  it('solve ẇ = 2w(σ − w) (checked against the ODE)', () => {
    for (const [sigma, w0] of [[2, 1e-3], [0.5, 0.9], [-1.5, 0.3], [0, 0.4], [3, 5]]) {
      const ode = new DormandPrince45(1, (_t, y, dy) => { dy[0] = 2 * y[0] * (sigma - y[0]); }, { rtol: 1e-12, atol: 1e-15 });
      const y = Float64Array.of(w0);
      let t = 0;
      for (const t1 of [0.1, 1, 3, 6]) {
        ode.integrate(t, y, t1);
        t = t1;
        expect(Math.abs(logisticMode(sigma, w0, t1) - y[0])).toBeLessThan(1e-10 * Math.max(1, Math.abs(y[0])));
      }
    }
  });
  it('is overflow-free and has the right limits', () => {
    expect(logisticMode(5, 1e-20, 1e6)).toBe(5);
    expect(logisticMode(-5, 1, 1e6)).toBe(0);
    expect(logisticMode(0, 1, 1e6)).toBeCloseTo(1 / (1 + 2e6), 20);
    expect(logisticMode(3, 0, 10)).toBe(0);
    expect(logisticMode(2, 0.5, 0)).toBe(0.5);
  });
  it('level times invert the logistic and the half-height time is ln((σ − w₀)/w₀)/(2σ)', () => {
    const sigma = 1.7, w0 = 1e-6;
    for (const w of [1e-5, 0.3, 0.85, 1.69]) {
      const t = levelTime(sigma, w0, w);
      expect(logisticMode(sigma, w0, t) / w).toBeCloseTo(1, 11);
    }
    expect(halfHeightTime(sigma, w0)).toBeCloseTo(Math.log((sigma - w0) / w0) / (2 * sigma), 13);
    expect(halfHeightTime(sigma, 1)).toBe(0);
    expect(levelTime(sigma, 0.5, 0.4)).toBeNaN();
    expect(levelTime(sigma, w0, 2)).toBeNaN();
    // the guards at their edges: w₀ = 0, w = w₀, w = σ are outside; w₀ = σ/2 has t½ = 0
    expect(levelTime(sigma, 0, 0.5)).toBeNaN();
    expect(levelTime(sigma, 0.3, 0.3)).toBeNaN();
    expect(levelTime(sigma, w0, sigma)).toBeNaN();
    expect(halfHeightTime(sigma, sigma / 2)).toBe(0);
    // a zero mode stays exactly 0
    expect(logisticMode(-5, 0, 1e6)).toBe(0);
    // one decade of α delays the half-height time by ln(10)/(2σ) as α → 0
    expect(halfHeightTime(sigma, 1e-13) - halfHeightTime(sigma, 1e-12)).toBeCloseTo(Math.log(10) / (2 * sigma), 12);
  });
});
