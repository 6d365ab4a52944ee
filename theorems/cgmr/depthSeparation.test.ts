/**
 * cgmr.depthSeparation pinned on fixed instances (depthSeparation.ts): the verdict's bound (b), its
 * rounding allowance, the order and learning checks, the separation margin and its direction, on
 * fabricated observations; the hypotheses' failures; the shallow step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hittingUpper, monotoneStep } from './bounds.js';
import { type DepthKnobs, type DepthRun, type DepthSeparationInstance, type DepthSeparationPrediction, depthArbitrary, depthInstance, depthKept, depthSeparation, shallowStep } from './depthSeparation.js';
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
    // each failure with its quantity and relation; the step hypotheses alone when they fail
    expect(control('regime-dropped').hypotheses({ ...base, depth: 2, stepSize: monotoneStep(2, 2) })).toEqual([{ name: 'depth N ≥ 3 (compared with N = 2)', quantity: 2, relation: '≥', bound: 3 }]);
    expect(depthSeparation.hypotheses({ ...base, eigenvalues: [2] }).find((f) => f.name === 'at least two eigenvalues')).toEqual({ name: 'at least two eigenvalues', quantity: 1, relation: '≥', bound: 2 });
    expect(depthSeparation.hypotheses({ ...base, eigenvalues: [2, 0.8, 0.8] })).toEqual([{ name: 'λ2 > λ3 > 0', quantity: 0, relation: '>', bound: 0 }]);
    expect(depthSeparation.hypotheses({ ...base, eigenvalues: [2, 2], stepSize: 2 * monotoneStep(2, 3) }).map((f) => f.name)).toEqual(['η ≤ 1/(Nλ₁^{2−2/N}) (monotone step)']);
    // α^N = λ_n/2 exactly (α = 1.5, α³ = 3.375) is outside: the inequality is strict
    const edge = { eigenvalues: [10, 6.75], depth: 3, alpha: 1.5, stepSize: monotoneStep(10, 3), basisSeed: 1 };
    expect(depthSeparation.hypotheses(edge).map((f) => f.name)).toContain('α^N < λ_n/2');
    expect(depthSeparation.hypotheses({ ...edge, eigenvalues: [10, 6.76] }).map((f) => f.name)).not.toContain('α^N < λ_n/2');
    // the controls that drop the regime keep every other hypothesis
    expect(control('regime-dropped').hypotheses({ ...base, alpha: 0.3 })).toEqual([]);
    expect(control('regime-dropped').hypotheses({ ...base, depth: 2, stepSize: monotoneStep(2, 2) }).map((f) => f.name)).toEqual(['depth N ≥ 3 (compared with N = 2)']);
  });
});

describe('cgmr.depthSeparation: flow estimates, hypotheses at their edges, the observation', () => {
  it('the regime\'s flow estimates per pair: G₂ᴳᶠ = ((λᵢ − α²)/α²)^ρ, G_Nᴳᶠ = (1 − ρ(1 − α^m(λᵢ/2)^{−m/N}))^{−N/m}', () => {
    const i = { ...base, eigenvalues: [2, 0.8, 0.4] };
    const p = depthSeparation.predict(i);
    expect(p.gf2).toHaveLength(2);
    expect(p.gf2[0]).toBeCloseTo(((2 - 1e-4) / 1e-4) ** 0.4, 9);
    expect(p.gf2[1]).toBeCloseTo(((0.8 - 1e-4) / 1e-4) ** 0.5, 9);
    expect(p.gfN[0]).toBeCloseTo((1 - 0.4 * (1 - 0.01 * (2 / 2) ** (-1 / 3))) ** -3, 12);
    expect(p.gfN[1]).toBeCloseTo((1 - 0.5 * (1 - 0.01 * (0.8 / 2) ** (-1 / 3))) ** -3, 12);
    const q = depthSeparation.predict({ ...i, depth: 4, stepSize: monotoneStep(2, 4) });
    expect(q.gfN[0]).toBeCloseTo((1 - 0.4 * (1 - 1e-4 * (2 / 2) ** (-2 / 4))) ** -2, 12);
    expect(p).toMatchObject({ boundFactor: 1, deeperSmaller: true });
    expect(control('bound×0.99').predict(i)).toMatchObject({ boundFactor: 0.99, deeperSmaller: true });
    expect(control('depth-reduces-separation').predict(i).deeperSmaller).toBe(false);
  });
  it('the regime failure reports G₂ᴳᶠ/G_Nᴳᶠ against 4', () => {
    const i = { ...base, alpha: 0.3 };
    const p = depthSeparation.predict(i);
    expect(depthSeparation.hypotheses(i)).toEqual([{ name: 'regime: G₂ᴳᶠ ≥ 4·G_Nᴳᶠ (pair 1, 2)', quantity: p.gf2[0] / p.gfN[0], relation: '≥', bound: 4 }]);
    // pair 2 alone out of the regime
    const j = { ...base, eigenvalues: [2, 0.5, 0.49] };
    expect(depthSeparation.hypotheses(j).map((f) => f.name)).toEqual(['regime: G₂ᴳᶠ ≥ 4·G_Nᴳᶠ (pair 2, 3)']);
  });
  it('α > 1: α² < λ_n/2 but α^N ≥ λ_n/2 fails the depth-N condition alone', () => {
    const i = { eigenvalues: [10, 5], depth: 3, alpha: 1.4, stepSize: monotoneStep(10, 3), basisSeed: 1 };
    expect(depthSeparation.hypotheses(i)).toEqual([{ name: 'α^N < λ_n/2', quantity: 1.4 ** 3, relation: '<', bound: 2.5 }]);
    expect(depthSeparation.hypotheses({ ...i, alpha: 1.3 }).map((f) => f.name)).not.toContain('α^N < λ_n/2');
  });
  it('the observation: T_i = first k with p_i ≥ λ_i/2 and G = p_{i+1}(T_i)/α^N at both depths, as the scalar recursion gives them', () => {
    const i = { ...base, eigenvalues: [2, 0.8, 0.4] };
    const p = depthSeparation.predict(i);
    const o = depthSeparation.observe(i, p);
    // scalar recursion w ← w − ηw^{N−1}(w^N − λ) per mode (identical init, Y diagonal in its basis)
    const scalar = (N: number, eta: number) => {
      const w = i.eigenvalues.map(() => i.alpha), T: (number | null)[] = [null, null, null], G = [NaN, NaN];
      for (let k = 0; k <= p.horizon && T.some((t) => t === null); k++) {
        const q = w.map((x) => x ** N);
        q.forEach((x, j) => {
          if (T[j] === null && x >= i.eigenvalues[j] / 2) {
            T[j] = k;
            if (j < 2) G[j] = q[j + 1] / i.alpha ** N;
          }
        });
        w.forEach((x, j) => (w[j] = x - eta * x ** (N - 1) * (q[j] - i.eigenvalues[j])));
      }
      return { T, G };
    };
    for (const [run, N, eta] of [[o.shallow, 2, shallowStep(i)], [o.deep, 3, i.stepSize]] as const) {
      const s = scalar(N, eta);
      expect(run.T).toEqual(s.T);
      expect(run.G).toHaveLength(2);
      run.G.forEach((g, j) => expect(Math.abs(g - s.G[j])).toBeLessThan(1e-9 * s.G[j]));
    }
    expect(o.deep.T[0]).toBeGreaterThan(o.shallow.T[0]!);
    // a horizon too short leaves the last modes unlearned (G stays NaN)
    const short = depthSeparation.observe(i, { ...p, horizon: o.deep.T[1]! - 1 });
    expect(short.deep.T).toEqual([o.deep.T[0], null, null]);
    expect(short.deep.G[1]).toBeNaN();
  });
});

describe('cgmr.depthSeparation: the instance from its knobs', () => {
  const K: DepthKnobs = { l1: 2, ratios: [0.4, 0.5], depth: 3, s: 0.8, u: 0.5, up: 0.5, basisSeed: 5 };
  it('λ from λ₁ and the consecutive ratios; η = s·1/(Nλ₁^{2−2/N}); log α uniform on the depth\'s range', () => {
    const i = depthInstance(K);
    expect(i).toEqual({ eigenvalues: [2, 0.8, 0.4], depth: 3, alpha: 10 ** -1.75, stepSize: 0.8 * monotoneStep(2, 3), basisSeed: 5 });
    expect(Math.log10(depthInstance({ ...K, u: 0 }).alpha)).toBeCloseTo(-2.5, 12);
    // u = 1: 10^{−1} is out of the regime, so one division by √10
    expect(depthSeparation.hypotheses({ ...i, alpha: 0.1 }).length).toBeGreaterThan(0);
    expect(Math.log10(depthInstance({ ...K, u: 1 }).alpha)).toBeCloseTo(-1.5, 12);
    expect(Math.log10(depthInstance({ ...K, depth: 4, u: 0 }).alpha)).toBeCloseTo(-1.3, 12);
    expect(depthKept(i)).toBe(true);
  });
  it('α is divided by √10 while the hypotheses fail and α is above the range\'s bottom (one step below it at most)', () => {
    // N = 4, u = 1: 10^{−0.6} is out of the regime, 10^{−1.1} too, 10^{−1.6} in it
    const i = depthInstance({ ...K, depth: 4, u: 1 });
    expect(Math.log10(i.alpha)).toBeCloseTo(-1.6, 12);
    expect(depthSeparation.hypotheses(i)).toEqual([]);
    expect(depthSeparation.hypotheses({ ...i, alpha: 10 ** -1.1 }).length).toBeGreaterThan(0);
    // N = 4, u = 0: already at the bottom, kept as is
    expect(Math.log10(depthInstance({ ...K, depth: 4, u: 0 }).alpha)).toBeCloseTo(-1.3, 12);
    // out of the regime at every α of the range (ρ = 0.95, a knob beyond the drawn ratios): stops one step below the bottom
    const stuck = depthInstance({ l1: 1, ratios: [0.95], depth: 4, s: 1, u: 1, up: 0, basisSeed: 1 });
    expect(Math.log10(stuck.alpha)).toBeCloseTo(-1.6, 12);
    expect(depthSeparation.hypotheses(stuck).map((f) => f.name)).toEqual(['regime: G₂ᴳᶠ ≥ 4·G_Nᴳᶠ (pair 1, 2)']);
    // starting at the bottom (u = 0) out of the regime: not divided
    expect(Math.log10(depthInstance({ l1: 1, ratios: [0.95], depth: 4, s: 1, u: 0, up: 0, basisSeed: 1 }).alpha)).toBeCloseTo(-1.3, 12);
  });
  it('the controls raise α by 10^{up·alphaUp}, capped at 0.95(λ_n/2)^{1/2}', () => {
    expect(Math.log10(depthInstance(K, 1.5).alpha)).toBeCloseTo(-1.75 + 0.75, 12);
    expect(depthInstance({ ...K, u: 1, up: 1 }, 1.5).alpha).toBeCloseTo(0.95 * Math.sqrt(0.2), 15);
    expect(depthInstance({ ...K, up: 1 }, 0).alpha).toBe(depthInstance(K).alpha);
    // the claim never caps α: λ_n = 5·10⁻⁴ (cap 0.95(λ_n/2)^{1/2} ≈ 0.015) and α stuck at the bottom, 10^{−1.6}
    expect(Math.log10(depthInstance({ l1: 1, ratios: [5e-4], depth: 4, s: 1, u: 1, up: 1, basisSeed: 1 }, 0).alpha)).toBeCloseTo(-1.6, 12);
  });
  it('kept: inside the hypotheses (unless α raised) with a horizon ≤ 2·10⁴', () => {
    const slow = depthInstance({ ...K, u: 0 });
    expect(depthSeparation.predict(slow).horizon).toBe(30100);
    expect(depthKept(slow)).toBe(false);
    const out = { ...depthInstance(K), alpha: 0.3 };
    expect(depthSeparation.predict(out).horizon).toBeLessThanOrEqual(2e4);
    expect(depthKept(out)).toBe(false);
    expect(depthKept(out, 1.5)).toBe(true);
    expect(depthKept({ ...slow, alpha: 10 ** -2.45 })).toBe(depthSeparation.predict({ ...slow, alpha: 10 ** -2.45 }).horizon <= 2e4);
  });
});

describe('cgmr.depthSeparation: the drawn instances', () => {
  it('n ∈ 2…3 (one or two ratios), N ∈ {3, 4}, inside the hypotheses, horizon ≤ 2·10⁴', () => {
    const lengths = new Set<number>();
    for (const i of fc.sample(depthArbitrary(), { seed: 5, numRuns: 60 })) {
      lengths.add(i.eigenvalues.length);
      expect(i.eigenvalues.length).toBeLessThanOrEqual(3);
      expect([3, 4]).toContain(i.depth);
      expect(depthSeparation.hypotheses(i)).toEqual([]);
      expect(depthSeparation.predict(i).horizon).toBeLessThanOrEqual(2e4);
    }
    expect([...lengths].sort()).toEqual([2, 3]);
  });
});
