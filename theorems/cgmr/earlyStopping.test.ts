/**
 * cgmr.earlyStopping pinned on a fixed instance (earlyStopping.ts): the prediction's ρ, stop and R̂
 * against their formulas, the controls' variants, the verdict's rounding allowance and margin on
 * fabricated observations, the hypotheses' failures.
 */
import { describe, expect, it } from 'vitest';
import { EPS } from '../../src/metrics/tolerance.js';
import { hittingLower, twoPhaseUpper } from './bounds.js';
import { type EarlyStoppingInstance, type EarlyStoppingPrediction, earlyStopping } from './earlyStopping.js';

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
  it('λ_r(Y) > α^N/c (strict; the bound α^N/c)', () => {
    const f = earlyStopping.hypotheses({ ...inst, alpha: 1.35, phase1Level: 0.8 }).find((x) => x.name === 'λ_r(Y) > α^N/c');
    expect(f?.bound).toBeCloseTo(1.35 ** 2 / 0.8, 14);
  });
});
