/** [MV] time-scale separation (theorems/mv/timeScale.ts). */
import { describe, expect, it } from 'vitest';
import { theorem4Constants, theorem4M, unscaledInit } from '../theorems/mv/common.js';
import { HALF_TIME_TOL } from '../theorems/mv/halfHeight.js';
import { timeScale } from '../theorems/mv/timeScale.js';
import { expectPinned, itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

const SPECTRAL = { kind: 'spectral' as const, eigenvalues: [2, 1], basisSeed: 4, shape: [1, 0.5], alpha: 1e-3 };
const GENERAL = { kind: 'general' as const, eigenvalues: [2, 1, 0], basisSeed: 2, initSeed: 5, width: 5, alpha: 1e-13 };

describe('[MV] time-scale separation', () => {
  itHolds(timeScale, 61);
  itRefutesControls(timeScale, 62);
  itRefutesNearMisses(timeScale, 61);
  itExploresBoundary(timeScale, 63);

  it('spectral: D_k = ln((σ_k − ασ_{k,0})/σ_{k,0}) exactly, checked to 2σ_k·HALF_TIME_TOL (a time off by 1.5·HALF_TIME_TOL refutes)', () => {
    const p = timeScale.predict(SPECTRAL);
    expect(p.offsets[0][0]).toBeCloseTo(Math.log(2 - 1e-3), 14);
    expect(p.offsets[1][0]).toBeCloseTo(Math.log((1 - 0.5e-3) / 0.5), 14);
    const o = timeScale.observe(SPECTRAL, p);
    expect(timeScale.verdict(SPECTRAL, p, o)).toMatchObject({ holds: true, certified: true });
    const t1 = o.times[1] as number;
    const at = (dt: number) => timeScale.verdict(SPECTRAL, p, { ...o, times: [o.times[0], t1 + dt] }).holds;
    expect(at(0.5 * HALF_TIME_TOL)).toBe(true);
    expect(at(1.5 * HALF_TIME_TOL)).toBe(false);
    expect(at(-1.5 * HALF_TIME_TOL)).toBe(false);
    expect(at(1.5e-9)).toBe(true);
    expect(at(3e-9)).toBe(false);
    expect(timeScale.verdict(SPECTRAL, p, { ...o, uncertified: 1 }).certified).toBe(false);
    // mode 1 (σ = 2): the slack on D is 2σ·HALF_TIME_TOL = 4·HALF_TIME_TOL, i.e. HALF_TIME_TOL on the time
    const t0 = o.times[0] as number;
    expect(timeScale.verdict(SPECTRAL, p, { ...o, times: [t0 + 0.75 * HALF_TIME_TOL, o.times[1]] }).holds).toBe(true);
    expect(timeScale.verdict(SPECTRAL, p, { ...o, times: [t0 + 1.5 * HALF_TIME_TOL, o.times[1]] }).holds).toBe(false);
  });
  it('general: the band [ln(σ_k/M − α), ln C_ε*] with M in spectral norm and ε* = min{σ_K, 1}/2.002', () => {
    const p = timeScale.predict(GENERAL);
    const M = theorem4M(unscaledInit(GENERAL)).M;
    const { C } = theorem4Constants(1 / 2.002, M, 2);
    expect(p.offsets[0][0]).toBeCloseTo(Math.log(2 / M - 1e-13), 12);
    expect(p.offsets[1][0]).toBeCloseTo(Math.log(1 / M - 1e-13), 12);
    expect(p.offsets[0][1]).toBeCloseTo(Math.log(C), 12);
    expect(timeScale.verdict(GENERAL, p, timeScale.observe(GENERAL, p))).toMatchObject({ holds: true, certified: true });
  });
  it('hypotheses (shared with mv.order) pinned: α below the spectral small-init bound 1/16', () => {
    expectPinned(timeScale, 'small init', { ...SPECTRAL, alpha: (1 / 16) * (1 - 1e-9) }, { ...SPECTRAL, alpha: 1 / 16 }, true);
  });
  it('the other shared hypotheses at their boundary (just inside / just outside), as seen by this claim', () => {
    const names = (x: Parameters<typeof timeScale.hypotheses>[0]) => timeScale.hypotheses(x).map((f) => f.name);
    const M = theorem4M(unscaledInit(GENERAL)).M;
    const { c, C } = theorem4Constants(1 / 2.002, M, 2);
    const k1 = { ...GENERAL, eigenvalues: [1, 0, 0] };
    const c1 = 1 / 2.002 / (16 * M * M);
    expect(names({ ...k1, alpha: c1 / M })).toEqual([]);
    expect(names({ ...k1, alpha: (c1 / M) * (1 + 1e-9) })).toEqual(['α ≤ c_ε*/M (Theorem 4 at ε* = min{σ_K, 1}/2.002)']);
    expect(names({ ...GENERAL, alpha: ((c * c) / C) * (1 - 1e-9) })).toEqual([]);
    expect(names({ ...GENERAL, alpha: ((c * c) / C) * (1 + 1e-9) })).toEqual(['log(c_ε/α)/log(C_ε/α) > max σ_{k+1}/σ_k']);
    expect(names({ ...GENERAL, width: 3, alpha: 1e-30 })).toEqual([]);
    expect(names({ ...GENERAL, width: 2, alpha: 1e-30 })).toEqual(['r ≥ n (Theorem 4)']);
    expect(names({ ...SPECTRAL, shape: [1, 1e-300], alpha: 1e-302 })).toEqual([]);
    expect(names({ ...SPECTRAL, shape: [1, 0] })).toEqual(['σ_{2,0} > 0']);
    // (nearly equal eigenvalues leave no small-init α: only distinctness is looked at here)
    expect(names({ ...SPECTRAL, alpha: 1e-300, eigenvalues: [2, 2 * (1 - 1e-15)] })).not.toContain('σ1 > σ2 (distinct positive eigenvalues)');
    expect(names({ ...SPECTRAL, eigenvalues: [2, 2] })).toEqual(['σ1 > σ2 (distinct positive eigenvalues)']);
    expect(names({ ...SPECTRAL, alpha: 0 })).toEqual(['α > 0']);
  });
  it('prediction horizon, verdict margin (band position), worst mode, never-reached modes, and the reported ratios', () => {
    const p = timeScale.predict(GENERAL);
    expect(p.horizon).toBeCloseTo(((Math.max(p.offsets[0][1], p.offsets[1][1], 0) + Math.log(1e13)) / 2) * 1.5 + 1, 12);
    const lo0 = p.offsets[0][0], hi0 = p.offsets[0][1], lo1 = p.offsets[1][0], hi1 = p.offsets[1][1];
    const L = Math.log(1e13);
    // D₀ at 1/4 of its band, D₁ at its centre: margin ≈ 1/4 from mode 1
    const t0 = (L + lo0 + 0.25 * (hi0 - lo0)) / (2 * 2), t1 = (L + (lo1 + hi1) / 2) / (2 * 1);
    const v = timeScale.verdict(GENERAL, p, { times: [t0, t1], uncertified: 0 });
    const sl0 = 4 * HALF_TIME_TOL;
    expect(v.margin).toBeCloseTo((0.25 * (hi0 - lo0) + sl0) / (hi0 - lo0 + 2 * sl0), 6);
    expect(v).toMatchObject({ holds: true, certified: true, worst: { component: 1 } });
    expect(v.details.offsets as number[]).toEqual([expect.closeTo(lo0 + 0.25 * (hi0 - lo0), 9), expect.closeTo((lo1 + hi1) / 2, 9)]);
    expect(v.details.ratios).toEqual([expect.closeTo(t0 / t1, 12)]);
    expect(v.details.sigmaRatios).toEqual([0.5]);
    // mode 2 just above its band: refuted there
    const up = timeScale.verdict(GENERAL, p, { times: [t0, (L + hi1) / 2 + 2 * HALF_TIME_TOL], uncertified: 0 });
    expect(up).toMatchObject({ holds: false, worst: { component: 2 } });
    // a mode that never reaches half height: refuted, margin −1, named
    const none = timeScale.verdict(GENERAL, p, { times: [t0, null], uncertified: 0 });
    expect(none).toMatchObject({ holds: false, margin: -1, worst: { component: 2 } });
    expect(none.details.ratios).toEqual([null]);
    expect(timeScale.verdict(GENERAL, p, { times: [null, null], uncertified: 0 })).toMatchObject({ margin: -1, worst: { component: 1 } });
    expect(timeScale.verdict(GENERAL, p, { times: [null, t1], uncertified: 0 }).details.ratios).toEqual([null]);
  });
});
