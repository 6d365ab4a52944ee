/** [MV] Corollary 2 (theorems/mv/corollary2.ts): the claim on random instances, its negative controls, and pins. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowTolerance } from '../src/metrics/tolerance.js';
import { checkTheorem } from '../theorems/check.js';
import { corollary2, corollary2Arbitrary } from '../theorems/mv/corollary2.js';
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

describe('[MV] Corollary 2: hypotheses, tolerances, horizons and verdict pinned on fixed instances', () => {
  const names = (x: typeof FIXED) => corollary2.hypotheses(x).map((f) => f.name);
  it('spectral initialisation; α and a shape both negative report two failures, not a resolvability one', () => {
    expect(corollary2.hypotheses({ ...FIXED, kind: 'general' } as unknown as typeof FIXED)).toEqual([{ name: 'spectral initialisation', quantity: 0, relation: '=', bound: 1 }]);
    expect(names({ ...FIXED, alpha: -1e-3, shape: [1, -1, 1] })).toEqual(['α > 0', 'σ_{2,0} > 0 (a zero component is not representable in floating point)']);
  });
  it('ασ_{i,0}/10 exactly the smallest normal is inside (≥, not >)', () => {
    const s = 20 * MIN_NORMAL; // 0.5·s/10 = MIN_NORMAL exactly
    expect((0.5 * s) / 10).toBe(MIN_NORMAL);
    expect(names({ ...FIXED, alpha: 0.5, shape: [s, s, s] })).toEqual([]);
  });
  it('resolvability: s/max σ_{j,0} exactly at the bound is inside; below, the failure names the component and reports s/max', () => {
    const need = ((2 * 3 * 2 ** -52) / (1 * 2e-9)) ** 2;
    const at = (s: number) => ({ ...FIXED, alpha: 1e-3, shape: [2, s, 1] });
    expect(names(at(2 * need))).toEqual([]);
    expect(corollary2.hypotheses(at(2 * need * (1 - 1e-6)))).toEqual([
      { name: 'σ_{2,0}/max σ_{j,0} ≥ (2nε/(σ2·HALF_TIME_TOL))² (component resolvable in float64)', quantity: need * (1 - 1e-6), relation: '≥', bound: need },
    ]);
  });
  it('distinct eigenvalues: the failure reports σ_i − σ_{i+1}', () => {
    expect(corollary2.hypotheses({ ...FIXED, eigenvalues: [2, 2, -0.5] })).toEqual([{ name: 'σ1 > σ2 (distinct: the eigenbasis, hence the modes, are defined)', quantity: 0, relation: '>', bound: 0 }]);
    expect(corollary2.hypotheses({ ...FIXED, eigenvalues: [2, 1, 1.5] })).toEqual([{ name: 'σ2 > σ3 (distinct: the eigenbasis, hence the modes, are defined)', quantity: -0.5, relation: '>', bound: 0 }]);
  });
  it('a half-height time exactly where 0 < w₀ < σ/2 (predict, whatever the hypotheses)', () => {
    const h = (shape: number[]) => corollary2.predict({ ...FIXED, alpha: 1, shape }).halfTimes.map((t) => t !== null);
    expect(h([0.999, 0.499, 0.1])).toEqual([true, true, false]); // σ₃ < 0
    expect(h([0, -0.1, 0.1])).toEqual([false, false, false]); // w₀ = 0, w₀ < 0
    expect(h([1, 0.5, 0.1])).toEqual([false, false, false]); // w₀ = σ/2
  });
  it('the mode-law tolerance is flowTolerance(n, max|σ|, max(max|σ|, α max σ_{i,0}), t, max(max_i|wᵢ(t)|, α max σ_{i,0})) at each time', () => {
    // σ = (2, 1, −0.5) and shapes (1, 0.5, 3) at α = 1: max|σ| = 2, α max σ_{i,0} = 3 (on the decaying mode, so it bounds maxW)
    const inst = { ...FIXED, alpha: 1, shape: [1, 0.5, 3] };
    expect(names(inst)).toEqual([]);
    const p = corollary2.predict(inst);
    expect(p.halfTimes).toEqual([null, null, null]);
    const o = corollary2.observe(inst, p);
    o.modeErrors.forEach((e, k) => {
      const maxW = Math.max(...p.modes[k].map(Math.abs), 3);
      expect(e.tolerance).toBe(flowTolerance(3, 2, 3, p.times[k], maxW));
      expect(e.at).toBe(p.times[k]);
    });
    expect(Math.max(...p.modes[1].map(Math.abs))).toBeLessThan(3);
    expect(corollary2.verdict(inst, p, o)).toMatchObject({ holds: true, certified: true });
  });
  it('the search horizon for α/10 reaches a decade time far beyond 4t½ + 1 (σ = 0.1, w₀ = 0.04: t½ ≈ 2.0, t½(α/10) ≈ 15.9)', () => {
    const inst = { kind: 'spectral' as const, eigenvalues: [0.1], basisSeed: 1, shape: [0.04], alpha: 1 };
    const r = checkTheorem(corollary2, inst);
    expect(r.status).toBe('holds');
    const o = corollary2.observe(inst, corollary2.predict(inst));
    expect(o.halfTimes[0]).toBeCloseTo(Math.log(0.06 / 0.04) / 0.2, 8);
    expect(o.halfTimesDecade[0]).toBeCloseTo(Math.log(0.096 / 0.004) / 0.2, 8);
    expect(o.halfTimesDecade[0]! - (1 + 4 * o.halfTimes[0]!)).toBeGreaterThan(5);
  });
  it('verdict: a margin of exactly 0 holds; the worst point of a half-height failure; delays reported only where both times exist', () => {
    const p = corollary2.predict(FIXED);
    const o = corollary2.observe(FIXED, p);
    const tol = o.modeErrors[3].tolerance;
    const zero = corollary2.verdict(FIXED, p, { ...o, modeErrors: o.modeErrors.map((e, k) => (k === 3 ? { ...e, error: tol } : e)) });
    expect(zero).toMatchObject({ holds: true, margin: 0, worst: { time: p.times[3] } });
    const t0 = o.halfTimes[0] as number;
    const moved = { ...o, halfTimes: [t0 + 3e-9, o.halfTimes[1]], halfTimesDecade: [(o.halfTimesDecade[0] as number) + 3e-9, o.halfTimesDecade[1]] };
    const v = corollary2.verdict(FIXED, p, moved);
    expect(v).toMatchObject({ holds: false, worst: { component: 1, time: t0 + 3e-9, note: 'half-height time' } });
    expect(v.margin).toBeCloseTo(1 - Math.abs(t0 + 3e-9 - (p.halfTimes[0] as number)) / HALF_TIME_TOL, 6);
    const missing = corollary2.verdict(FIXED, p, { ...o, halfTimes: [null, o.halfTimes[1]] });
    expect(missing).toMatchObject({ margin: -1, worst: { component: 1, note: 'half-height time' } });
    expect(missing.worst.time).toBeUndefined();
    expect(missing.details.delays).toEqual([null, (o.halfTimesDecade[1] as number) - (o.halfTimes[1] as number)]);
    expect(corollary2.verdict(FIXED, p, { ...o, halfTimesDecade: [o.halfTimesDecade[0], null] }).details.delays).toEqual([(o.halfTimesDecade[0] as number) - t0, null]);
  });
  it('the mode-law near miss is refuted by the mode-law observation alone', () => {
    const near = corollary2.negativeControls.find((c) => c.name === 'modes-rate-2(1+1e-13)')!.theorem;
    const inst = { ...FIXED, eigenvalues: [4, 1, -0.5] };
    const r = checkTheorem(near, inst);
    expect(r.status).toBe('refuted');
    expect(r.verdict!.worst.note).toBe('mode decoupling / logistic law');
    expect(checkTheorem(corollary2, inst).status).toBe('holds');
  });
  it('the arbitrary: every instance has a half-height time for mode 1 (0 < ασ_{1,0} < σ₁/2)', () => {
    const all = fc.sample(corollary2Arbitrary(), { seed: 24, numRuns: 2000 });
    // eigenvalues down to −3 (below −1 for some), and the first shape left as drawn where it already fits
    expect(all.some((x) => x.eigenvalues.some((e) => e < -1))).toBe(true);
    expect(all.filter((x) => x.alpha < 1e-3).some((x) => x.shape[0] !== 1)).toBe(true);
    for (const inst of all) {
      expect(inst.alpha * inst.shape[0]).toBeLessThan(inst.eigenvalues[0] / 2);
      expect(inst.shape[0]).toBeGreaterThan(0);
      expect(inst.shape[0]).toBeLessThanOrEqual(2);
    }
  });
  it('the boundary arbitrary draws repeated and negative eigenvalues, non-positive shapes and α from 1e−3 to 10^0.5, never NaN', () => {
    const s = fc.sample(corollary2.boundary(), { seed: 25, numRuns: 300 });
    expect(s.some((x) => x.eigenvalues.length > 1)).toBe(true);
    expect(s.filter((x) => x.eigenvalues.length > 1).every((x) => x.eigenvalues[0] === x.eigenvalues[1])).toBe(true);
    expect(s.every((x) => x.eigenvalues.length === x.shape.length)).toBe(true);
    expect(s.some((x) => x.eigenvalues.some((e) => e < 0))).toBe(true);
    expect(s.some((x) => x.shape.some((e) => e <= 0))).toBe(true);
    expect(s.every((x) => x.shape.every((e) => e >= -0.1 && e <= 2))).toBe(true);
    expect(s.every((x) => x.alpha >= 1e-3 && x.alpha <= 10 ** 0.5)).toBe(true);
    expect(s.some((x) => x.alpha > 1)).toBe(true);
  });
});

/**
 * Found by the one-hour hunt (dmf-check search, seed 7700112233): boundary instances whose decade
 * time t½(α/10) = t½ + ln(10)/(2σᵢ) + δ lay beyond the α/10 search horizon (then 4t½ + 1 + ln(10)/σ₁,
 * short for a small σᵢ), so the unobserved time read as a refutation (margin −1). The horizon is now
 * 1 + 4(t½ + d + δ̄) per mode; each must hold, with every decade time observed.
 */
describe('[MV] Corollary 2: the α/10 horizon covers every mode (hunt regressions)', () => {
  const found = [
    {"kind": "spectral", "eigenvalues": [0.20000000000000018, 0.15000000000000036, 0.10000000000000009, 0.050000000000000266], "basisSeed": 0, "shape": [0.28526016258180453, 0.30998155849430997, 0.2897069982411029, 0.22718918803354732], "alpha": 0.09999999999999995},
    {"kind": "spectral", "eigenvalues": [0.2020000000000004, 0.15200000000000014, 0.10200000000000031, 0.052000000000000046, 0.002000000000000224], "basisSeed": 0, "shape": [0.01, 0.01, 0.01, 0.01, 0.01], "alpha": 0.1},
    {"kind": "spectral", "eigenvalues": [0.20000000000000018, 0.022991788810103664], "basisSeed": 0, "shape": [0.01, 0.07634137017419952], "alpha": 0.1},
    {"kind": "spectral", "eigenvalues": [0.20393729085482226, 0.153937290854822, 0.10393729085482217, 0.05393729085482191, 0.003937290854822084], "basisSeed": 0, "shape": [0.01, 0.01, 0.01, 0.01, 0.14921563885032244], "alpha": 0.013193291551602855},
    {"kind": "spectral", "eigenvalues": [0.20000000000000018, 0.1499999999999999, 0.10000000000000009, 0.04999999999999982, 0], "basisSeed": 0, "shape": [0.28406701145729957, 0.30908115505970973, 0.28920454263687134, 0.22613170821082032, 0.010000000000000023], "alpha": 0.09999999999999949},
    {"kind": "spectral", "eigenvalues": [0.20000000000000018, 0.1176870284969671, 0.06768702849696728, 0.017687028496967017, -0.032312971503032806], "basisSeed": 0, "shape": [0.01, 0.01, 0.04115532991986816, 0.05716264925669067, 0.02049012553204313], "alpha": 0.09999999999999953},
    {"kind": "spectral", "eigenvalues": [0.20000000000000018, 0.1499999999999999, 0.10000000000000009, 0.04999999999999982, 0], "basisSeed": 0, "shape": [0.2761558819459917, 0.3030800418839263, 0.2858403441309926, 0.21914541691688028, 0.010000000000000012], "alpha": 0.09999999999999934},
    {"kind": "spectral", "eigenvalues": [0.20000000000000018, 0.0609654206565855, 0.010965420656585234, -0.03903457934341459], "basisSeed": 0, "shape": [0.01, 0.01, 0.03422586141539255, 0.01], "alpha": 0.1},
    {"kind": "spectral", "eigenvalues": [0.20201051713976836, 0.1520105171397681, 0.10201051713976828, 0.05201051713976801, 0.0020105171397681865], "basisSeed": 0, "shape": [0.01, 0.01, 0.01, 0.01, 0.03214490263370016], "alpha": 0.03127270517656593},
  ];
  it.each(found.map((inst, k) => [k, inst] as const))('hunt instance %i holds with every decade time observed', (_k, inst) => {
    const r = checkTheorem(corollary2, inst as Parameters<typeof corollary2.observe>[0]);
    expect(r.status).toBe('holds');
    const p = corollary2.predict(inst as Parameters<typeof corollary2.observe>[0]);
    const o = corollary2.observe(inst as Parameters<typeof corollary2.observe>[0], p);
    p.halfTimes.forEach((t, i) => {
      if (t !== null) expect(o.halfTimesDecade[i]).not.toBeNull();
    });
  });
});
