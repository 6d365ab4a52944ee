/** [MV] Corollary 2 (theorems/mv/corollary2.ts): the claim on random instances, its negative controls, and pins. */
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { corollary2 } from '../theorems/mv/corollary2.js';
import { HALF_TIME_TOL } from '../theorems/mv/halfHeight.js';
import { expectPinned, itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

const FIXED = { kind: 'spectral' as const, eigenvalues: [2, 1, -0.5], basisSeed: 4, shape: [1, 0.5, 1], alpha: 1e-6 };
const MIN_NORMAL = 2.2250738585072014e-308;

describe('[MV] Corollary 2', () => {
  itHolds(corollary2, 21);
  itRefutesControls(corollary2, 22);
  itRefutesNearMisses(corollary2, 21);
  itExploresBoundary(corollary2, 23);

  it('half-height times within 2e−9 (HALF_TIME_TOL), not a looser tolerance', () => {
    expect(HALF_TIME_TOL).toBe(2e-9);
    const p = corollary2.predict(FIXED);
    const o = corollary2.observe(FIXED, p);
    expect(corollary2.verdict(FIXED, p, o).holds).toBe(true);
    // t½₁ = ln((2 − 1e−6)/1e−6)/4 by hand
    expect(Math.abs((o.halfTimes[0] as number) - Math.log((2 - 1e-6) / 1e-6) / 4)).toBeLessThan(2e-9);
    for (const [shift, holds] of [[1.5e-9, true], [3e-9, false], [-3e-9, false]] as const) {
      const t = p.halfTimes[0] as number;
      const moved = { ...o, halfTimes: [t + shift, ...o.halfTimes.slice(1)], halfTimesDecade: [(o.halfTimesDecade[0] as number) + shift, ...o.halfTimesDecade.slice(1)] };
      expect(corollary2.verdict(FIXED, p, moved).holds, `shift ${shift}`).toBe(holds);
    }
  });
  it('the delay per decade within its band ln(10)/(2σ) + [0, 0.45w₀/(σ(σ − w₀))] (+ 2·HALF_TIME_TOL), not a looser band', () => {
    const p = corollary2.predict(FIXED);
    const o = corollary2.observe(FIXED, p);
    const w0 = 1e-6, s = 2;
    const band = (0.45 * w0) / (s * (s - w0)) + 4e-9;
    const t = o.halfTimes[0] as number;
    for (const [dev, holds] of [[0.5 * band, true], [1.5 * band, false], [-1.5 * band, false]] as const) {
      const moved = { ...o, halfTimesDecade: [t + Math.log(10) / 4 + dev, ...o.halfTimesDecade.slice(1)] };
      expect(corollary2.verdict(FIXED, p, moved).holds, `deviation ${dev}`).toBe(holds);
    }
    // the observed deviation δ is inside the band, and not far below it (the bound is nearly tight here)
    const delta = (o.halfTimesDecade[0] as number) - t - Math.log(10) / 4;
    expect(delta).toBeGreaterThan(0.5 * (0.45 * w0) / (s * (s - w0)));
    expect(delta).toBeLessThan(band);
  });
  it('an uncertified hitting-time search makes the verdict uncertified (inconclusive, never a pass)', () => {
    const p = corollary2.predict(FIXED);
    const o = corollary2.observe(FIXED, p);
    expect(o.uncertified).toBe(0);
    expect(corollary2.verdict(FIXED, p, { ...o, uncertified: 1 }).certified).toBe(false);
  });
  describe('hypotheses pinned at their boundary (just inside / just outside)', () => {
    it('σ_{i,0} > 0', () => expectPinned(corollary2, 'σ_{2,0} > 0', { ...FIXED, shape: [1, 1e-290, 1] }, { ...FIXED, shape: [1, 0, 1] }));
    it('ασ_{i,0}/10 a normal float64 (shape 4e−323 is outside with a named hypothesis, never an overflow)', () => {
      const s = 20 * MIN_NORMAL; // α = 0.5: ασ_{i,0}/10 = MIN_NORMAL
      const inside = { ...FIXED, alpha: 0.5, shape: [s, s, s].map((x) => x * (1 + 1e-9)) };
      expectPinned(corollary2, 'ασ_{2,0}/10 normal', inside, { ...FIXED, alpha: 0.5, shape: [s, s, s].map((x) => x * (1 - 1e-9)) }, true);
      const tiny = checkTheorem(corollary2, { kind: 'spectral', eigenvalues: [2, 1], basisSeed: 1, shape: [1, 4e-323], alpha: 0.5 });
      expect(tiny.status).toBe('outside-hypotheses');
      expect(tiny.failures[0].name).toMatch(/^ασ_\{2,0\}\/10 normal/);
    });
    it('σ_{i,0}/max σ_{j,0} ≥ (2nε/(σᵢ·HALF_TIME_TOL))² (a component far below the largest is lost to rounding: found at shape (1, 4e−307, 1), where mode 2 started from the rounding of mode 1)', () => {
      const need = ((2 * 3 * 2 ** -52) / (1 * 2e-9)) ** 2;
      const at = (k: number) => ({ ...FIXED, alpha: 1e-3, shape: [1, need * k, 1] });
      expectPinned(corollary2, 'σ_{2,0}/max σ_{j,0} ≥', at(1 + 1e-6), at(1 - 1e-6), true);
      const lost = { ...FIXED, alpha: 0.5, shape: [1, 20 * MIN_NORMAL * 10, 1] };
      expect(checkTheorem(corollary2, lost).failures.map((f) => f.name)).toEqual([expect.stringMatching(/^σ_\{2,0\}\/max σ_\{j,0\}/)]);
    });
    it('distinct eigenvalues', () => expectPinned(corollary2, 'σ1 > σ2', { ...FIXED, eigenvalues: [2, 2 * (1 - 1e-15), -0.5] }, { ...FIXED, eigenvalues: [2, 2, -0.5] }));
    it('α > 0', () => expectPinned(corollary2, 'α > 0', { ...FIXED, alpha: 1e-300, shape: [1e8, 1e8, 1e8] }, { ...FIXED, alpha: 0 }));
    it('each failure is reported once, by its own hypothesis', () => {
      expect(corollary2.hypotheses({ ...FIXED, shape: [1, 0, 1] }).map((f) => f.name)).toEqual(['σ_{2,0} > 0 (a zero component is not representable in floating point)']);
      expect(corollary2.hypotheses({ ...FIXED, alpha: 0 }).map((f) => f.name)).toEqual(['α > 0']);
      expect(corollary2.hypotheses({ ...FIXED, alpha: -1 }).map((f) => f.name)).toEqual(['α > 0']);
      const sub = corollary2.hypotheses({ ...FIXED, alpha: 0.5, shape: [1e-307, 1e-307, 1e-307] });
      expect(sub).toHaveLength(3);
      expect(sub[0]).toMatchObject({ quantity: 0.5e-307 / 10, relation: '≥' });
    });
  });
  it('the observation measures the mode law: a prediction off by δ in one entry at one time shows an error δ there', () => {
    const p = corollary2.predict(FIXED);
    expect(p.times.length).toBe(24 + 2); // the grid, plus the two half-height times
    expect(p.times[23]).toBeCloseTo(2 * (p.halfTimes[1] as number), 12);
    const base = corollary2.observe(FIXED, p);
    const k = 12, i = 1, delta = 1e-6;
    const moved = { ...p, modes: p.modes.map((row, kk) => row.map((w, ii) => (kk === k && ii === i ? w + delta : w))) };
    const o = corollary2.observe(FIXED, moved);
    expect(o.modeErrors[k].error).toBeCloseTo(delta, 12);
    expect(o.modeErrors[k].at).toBe(p.times[k]);
    expect(Math.max(...o.modeErrors.filter((_, kk) => kk !== k).map((e) => e.error))).toBeLessThan(1e-12);
    expect(corollary2.verdict(FIXED, moved, o)).toMatchObject({ holds: false, worst: { time: p.times[k], note: 'mode decoupling / logistic law' } });
    const v = corollary2.verdict(FIXED, p, base);
    expect(v.details.maxModeError).toBe(Math.max(...base.modeErrors.map((e) => e.error)));
    expect(v.details.delays).toEqual([
      (base.halfTimesDecade[0] as number) - (base.halfTimes[0] as number),
      (base.halfTimesDecade[1] as number) - (base.halfTimes[1] as number),
    ]);
    // eligibility: σ > 0 and 0 < w₀ < σ/2 (w₀ = σ/2 has no half-height time to check)
    const edge = corollary2.predict({ ...FIXED, alpha: 1, shape: [1, 0.5, 1] });
    expect(edge.halfTimes).toEqual([null, null, null]);
    // a missing observed time refutes with margin −1
    expect(corollary2.verdict(FIXED, p, { ...base, halfTimes: [null, base.halfTimes[1]] })).toMatchObject({ holds: false, margin: -1, worst: { component: 1 } });
    expect(corollary2.verdict(FIXED, p, { ...base, halfTimesDecade: [base.halfTimesDecade[0], null] })).toMatchObject({ holds: false, margin: -1, worst: { component: 2, note: 'delay per decade of α' } });
  });
});
