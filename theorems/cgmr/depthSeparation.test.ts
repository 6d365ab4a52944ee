/**
 * cgmr.depthSeparation pinned on fixed instances (depthSeparation.ts): the verdict's bound (b), its
 * rounding allowance, the order and learning checks, the separation margin and its direction, on
 * fabricated observations; the hypotheses' failures; the shallow step.
 */
import { describe, expect, it } from 'vitest';
import { hittingUpper, monotoneStep } from './bounds.js';
import { type DepthRun, type DepthSeparationInstance, type DepthSeparationPrediction, depthSeparation, shallowStep } from './depthSeparation.js';
import { reductionTolerances } from './scalarReduction.js';

const base: DepthSeparationInstance = { eigenvalues: [2, 0.8], depth: 3, alpha: 0.01, stepSize: monotoneStep(2, 3), basisSeed: 2 };
const control = (name: string) => depthSeparation.negativeControls.find((c) => c.name === name)!.theorem;

describe('cgmr.depthSeparation: verdict on fabricated runs', () => {
  const pred: DepthSeparationPrediction = { gf2: [40], gfN: [2], boundFactor: 1, deeperSmaller: true, horizon: 1000 };
  const shallow: DepthRun = { T: [100, 300], G: [50] };
  const deep: DepthRun = { T: [200, 900], G: [1.5] };
  const B = (1 - base.stepSize * 0.8 * 0.01 * 200) ** -3;
  const sep = (Math.log(50) - Math.log(1.5)) / Math.log(50);
  const v = (s: Partial<DepthRun> = {}, d: Partial<DepthRun> = {}, p: Partial<DepthSeparationPrediction> = {}) =>
    depthSeparation.verdict(base, { ...pred, ...p }, { shallow: { ...shallow, ...s }, deep: { ...deep, ...d } });
  it('holds with the separation (ln G₂ − ln G_N)/ln G₂ as margin, bound (b) = (1 − mηλ_jα^m T_i)^{−N/m} reported', () => {
    const r = v();
    expect(r.holds).toBe(true);
    expect(r.margin).toBeCloseTo(sep, 14);
    expect(r.certified).toBe(true);
    expect(r.worst).toEqual({ component: 1, note: 'separation G_N vs G₂' });
    expect(r.details).toMatchObject({ T2: [100, 300], TN: [200, 900], G2: [50], GN: [1.5], gf2: [40], gfN: [2] });
    expect((r.details.boundGN as number[])[0]).toBeCloseTo(B, 12);
  });
  it('bound (b) exceeded beyond the rounding allowance refutes with margin −(G_N − B)/B; within it holds', () => {
    const tol = reductionTolerances(base, 200)[200] / 0.01 ** 3;
    expect(tol).toBeGreaterThan(0);
    const r = v({}, { G: [1.01 * B] });
    expect(r.holds).toBe(false);
    expect(r.margin).toBeCloseTo(-0.01, 10);
    expect(r.worst).toEqual({ component: 1, note: 'bound (b) exceeded, pair 1' });
    expect(v({}, { G: [B + 0.5 * tol] }).holds).toBe(true);
    expect(v({}, { G: [B + 2 * tol] }).holds).toBe(false);
    expect(v({}, { G: [1.01 * B] }, { boundFactor: 1.02 }).holds).toBe(true);
  });
  it('N = 4 (m = 2): bound (b) = (1 − 2ηλ_jα²T_i)^{−2}', () => {
    const b4 = { ...base, depth: 4, stepSize: monotoneStep(2, 4) };
    const r = depthSeparation.verdict(b4, pred, { shallow, deep });
    expect((r.details.boundGN as number[])[0]).toBeCloseTo((1 - 2 * b4.stepSize * 0.8 * 0.01 ** 2 * 200) ** -2, 12);
  });
  it('no bound when the bracket is not positive (T_i too late)', () => {
    const r = v({}, { T: [2000, 3000] });
    expect(r.details.boundGN).toEqual([null]);
    expect(r.holds).toBe(true);
  });
  it('order: T₂ ≤ T₁ at either depth refutes with margin −1 (a tie too)', () => {
    expect(v({}, { T: [200, 150] })).toMatchObject({ holds: false, margin: -1, worst: { component: 2, note: 'N = 3: T2 ≤ T1 (order)' } });
    expect(v({ T: [100, 100] })).toMatchObject({ holds: false, margin: -1, worst: { component: 2, note: 'N = 2: T2 ≤ T1 (order)' } });
  });
  it('a mode not learned within the horizon refutes with margin −1', () => {
    expect(v({ T: [100, null] })).toMatchObject({ holds: false, margin: -1, worst: { component: 2, note: 'N = 2: mode 2 not learned within the horizon' } });
    expect(v({}, { T: [null, 900] })).toMatchObject({ holds: false, details: { boundGN: [null] } });
  });
  it('the reversed control takes −separation as margin', () => {
    expect(v({}, {}, { deeperSmaller: false }).margin).toBeCloseTo(-sep, 14);
    expect(v({}, {}, { deeperSmaller: false }).holds).toBe(false);
  });
  it('G₂ = 1 with G_N < 1 (an infinite separation) holds, with no check named worst', () => {
    const r = v({ G: [1] }, { G: [0.5] });
    expect(r).toMatchObject({ holds: true, margin: 1, worst: { component: 0, note: '' } });
  });
  it('an undefined separation (G₂ = G_N = 1: ln 1 = 0) is not a pass', () => {
    const r = v({ G: [1] }, { G: [1] });
    expect(r.holds).toBe(false);
    expect(r.margin).toBe(-1);
  });
});

describe('cgmr.depthSeparation: hypotheses and steps', () => {
  it('the horizon is twice the larger phase-1 upper bound of the last mode (N and 2) + 10', () => {
    const h = Math.max(hittingUpper(0.5, 0.8, 0.01, base.stepSize, 3), hittingUpper(0.5, 0.8, 0.01, shallowStep(base), 2));
    expect(depthSeparation.predict(base).horizon).toBe(Math.ceil(2 * h) + 10);
  });
  it('the shallow run uses the same fraction of its own monotone bound', () => {
    expect(shallowStep({ ...base, stepSize: 0.7 * monotoneStep(2, 3) })).toBeCloseTo(0.7 * monotoneStep(2, 2), 15);
  });
  it('names each failure with its quantity and bound', () => {
    const names = (i: Partial<DepthSeparationInstance>) => depthSeparation.hypotheses({ ...base, ...i }).map((f) => f.name);
    expect(depthSeparation.hypotheses(base)).toEqual([]);
    expect(names({ eigenvalues: [2] })).toContain('at least two eigenvalues');
    expect(names({ eigenvalues: [2, 0.8, 0] })).toContain('λ2 > λ3 > 0');
    expect(names({ eigenvalues: [2, 2] })).toEqual(['λ1 > λ2 > 0']);
    const a2 = depthSeparation.hypotheses({ ...base, alpha: Math.sqrt(0.4) });
    expect(a2.find((f) => f.name === 'α² < λ_n/2 (N = 2 run)')).toMatchObject({ quantity: expect.closeTo(0.4, 14), relation: '<', bound: 0.4 });
    expect(a2.find((f) => f.name === 'α^N < λ_n/2')).toBeUndefined();
    const regime = depthSeparation.hypotheses({ ...base, alpha: 0.3 });
    expect(regime.map((f) => f.name)).toEqual(['regime: G₂ᴳᶠ ≥ 4·G_Nᴳᶠ (pair 1, 2)']);
    expect(regime[0].bound).toBe(4);
    // the controls that drop the regime keep every other hypothesis
    expect(control('regime-dropped').hypotheses({ ...base, alpha: 0.3 })).toEqual([]);
    expect(control('regime-dropped').hypotheses({ ...base, depth: 2, stepSize: monotoneStep(2, 2) }).map((f) => f.name)).toEqual(['depth N ≥ 3 (compared with N = 2)']);
  });
});
