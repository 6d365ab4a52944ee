/**
 * cgmr.hittingBounds pinned on fixed instances (hittingBounds.ts): the failures' names and bounds,
 * the horizon, the crossing gaps against an independent pass over the engine's projections, the
 * verdict's margins and its undecidable one-off crossings, the arbitraries' documented ranges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EPS } from '../../src/metrics/tolerance.js';
import { checkTheorem } from '../check.js';
import { monotoneStep } from './bounds.js';
import { runDeep } from './engine.js';
import { type HittingInstance, type HittingObservation, type HittingPrediction, hittingArbitrary, hittingBoundary, hittingBounds } from './hittingBounds.js';

const base: HittingInstance = { eigenvalues: [3, 1, 0.4, -0.2], depth: 3, alpha: 0.1, stepSize: 0.9 * monotoneStep(3, 3), levels: [0.1, 0.5, 0.9], basisSeed: 7 };
const control = (name: string) => hittingBounds.negativeControls.find((c) => c.name === name)!.theorem;

describe('cgmr.hittingBounds: hypotheses', () => {
  it('names each failing hypothesis with its quantity and bound', () => {
    const lv = { name: 'levels: non-empty, each q ∈ (0, 1)', quantity: NaN, relation: '<', bound: 1 };
    expect(hittingBounds.hypotheses({ ...base, levels: [] })).toEqual([lv]);
    expect(hittingBounds.hypotheses({ ...base, levels: [0.5, 1] })).toEqual([lv]);
    expect(hittingBounds.hypotheses({ ...base, levels: [0, 0.5] })).toEqual([lv]);
    expect(hittingBounds.hypotheses({ ...base, epsilon: 0.6 })).toEqual([{ name: 'ε ∈ (0, 1 − c)', quantity: 0.6, relation: '<', bound: 0.5 }]);
    expect(hittingBounds.hypotheses({ ...base, phase1Level: 0.3, epsilon: 0.71 })).toEqual([{ name: 'ε ∈ (0, 1 − c)', quantity: 0.71, relation: '<', bound: 0.7 }]);
    expect(hittingBounds.hypotheses({ ...base, phase1Level: 1.2, epsilon: -0.5 })).toEqual([
      { name: 'ε ∈ (0, 1 − c)', quantity: -0.5, relation: '<', bound: 1 - 1.2 },
      { name: 'phase-1 level c ∈ (0, 1)', quantity: 1.2, relation: '<', bound: 1 },
    ]);
    expect(hittingBounds.hypotheses({ ...base, eigenvalues: [0, -0.1] })).toContainEqual({ name: 'a positive eigenvalue', quantity: 0, relation: '≥', bound: 1 });
    // the step hypotheses are judged first: an unstable η with bad levels reports the step alone
    expect(hittingBounds.hypotheses({ ...base, stepSize: 2 * monotoneStep(3, 3), levels: [] }).map((f) => f.name)).toEqual([expect.stringMatching(/monotone step/)]);
  });
  it('α^N < q·λ is strict: α^N exactly at q·λ₁ is outside (0.5² = 0.25·1), with the bound q·λ', () => {
    const edge: HittingInstance = { eigenvalues: [2], depth: 2, alpha: 0.5, stepSize: 0.1, levels: [0.125], basisSeed: 1 };
    expect(hittingBounds.hypotheses(edge)).toEqual([{ name: 'α^N < q·λ1 (every level, and c)', quantity: 0.25, relation: '<', bound: 0.25 }]);
    expect(hittingBounds.hypotheses({ ...edge, alpha: 0.4999 })).toEqual([]);
  });
});

describe('cgmr.hittingBounds: prediction and observation', () => {
  it('the modes are the positive eigenvalues only: an eigenvalue exactly 0 is not one', () => {
    expect(hittingBounds.predict({ ...base, eigenvalues: [3, 1, 0, -0.2] }).modes).toEqual([0, 1]);
    expect(hittingBounds.predict(base).modes).toEqual([0, 1, 2]);
  });
  it('the horizon is ⌈max bound / min(1, factors)⌉ + 1', () => {
    for (const [t, f] of [[hittingBounds, 1], [control('upper×0.8'), 0.8], [control('twoPhase×0.55'), 0.55]] as const) {
      const p = t.predict(base);
      expect(p.horizon).toBe(Math.ceil(Math.max(...p.upper.flat(), ...p.twoPhase) / f) + 1);
    }
  });
  it('first hitting iterations and crossing gaps agree with an independent pass over the projections; tolerance 64nε·max|λ|', () => {
    const pred = hittingBounds.predict(base);
    const obs = hittingBounds.observe(base, pred);
    expect(obs.tolerance).toBe(64 * 4 * EPS * 3);
    const traj: number[][] = [];
    runDeep(base, pred.horizon, (_k, p) => void traj.push(Array.from(p)));
    const levels = [...base.levels, 1 - 0.05];
    levels.forEach((q, l) => {
      pred.modes.forEach((m, j) => {
        const target = q * base.eigenvalues[m];
        const T = traj.findIndex((p) => p[m] >= target);
        expect(T).toBeGreaterThan(0);
        const gap = Math.min(Math.abs(traj[T][m] - target), Math.abs(traj[T - 1][m] - target));
        expect(l < 3 ? obs.iterations[l][j] : obs.twoPhaseIterations[j]).toBe(T);
        expect(l < 3 ? obs.crossingGap[l][j] : obs.twoPhaseGap[j]).toBe(gap);
      });
    });
  });
});

describe('cgmr.hittingBounds: verdict', () => {
  it('margin is the min over bounds of (T − lower)/T and (upper − T)/upper; the slacks are bound/T', () => {
    const r = checkTheorem(hittingBounds, base);
    expect(r.status).toBe('holds');
    const d = r.verdict!.details as { iterations: number[][]; lower: number[][]; upper: number[][]; twoPhase: number[]; twoPhaseIterations: number[]; slackLower: number[][]; slackUpper: number[][]; slackTwoPhase: number[] };
    let m = Infinity, at = '';
    d.iterations.forEach((row, l) => row.forEach((T, j) => {
      const a = (T - d.lower[l][j]) / T, b = (d.upper[l][j] - T) / d.upper[l][j];
      if (a < m) [m, at] = [a, `${l + 1},${j + 1},level ${base.levels[l]} lower bound`];
      if (b < m) [m, at] = [b, `${l + 1},${j + 1},level ${base.levels[l]} upper bound`];
      expect(d.slackLower[l][j]).toBeCloseTo(d.lower[l][j] / T, 12);
    }));
    d.twoPhaseIterations.forEach((T, j) => {
      const b = (d.twoPhase[j] - T) / d.twoPhase[j];
      if (b < m) [m, at] = [b, `4,${j + 1},(1−ε)λ upper bound`];
      expect(d.slackTwoPhase[j]).toBeCloseTo(d.twoPhase[j] / T, 12);
    });
    expect(d.slackLower.length).toBe(3);
    expect(r.verdict!.margin).toBe(m);
    const w = r.verdict!.worst;
    expect(`${w.interval},${w.component},${w.note}`).toBe(at);
  });
  it('a refuted control names the violated bound', () => {
    const r = checkTheorem(control('twoPhase×0.55'), { ...base, levels: [0.5] });
    if (r.status === 'refuted') expect(r.verdict!.worst.note).toMatch(/^\(1−ε\)λ upper bound|^level 0.5/);
    const low = checkTheorem(control('lower×3'), base);
    expect(low.status).toBe('refuted');
    expect(low.verdict!.worst.note).toMatch(/^level 0\.(1|5|9) lower bound$/);
  });
  describe('one-off crossings within rounding are undecidable (inconclusive), anything else refutes', () => {
    const pred: HittingPrediction = { modes: [0], lower: [[10]], upper: [[20]], twoPhase: [30], horizon: 31 };
    const obs = (T: number | null, gap: number): HittingObservation => ({ iterations: [[T]], twoPhaseIterations: [25], crossingGap: [[gap]], twoPhaseGap: [1], tolerance: 1e-15 });
    const status = (T: number | null, gap: number) => {
      const v = hittingBounds.verdict({ ...base, levels: [0.5] }, pred, obs(T, gap));
      return !v.certified ? 'inconclusive' : v.holds ? 'holds' : 'refuted';
    };
    it('lower side', () => {
      expect(status(9, 1e-16)).toBe('inconclusive');
      expect(status(9, 1e-15)).toBe('inconclusive');
      expect(status(9, 2e-15)).toBe('refuted');
      expect(status(8, 1e-16)).toBe('refuted');
      expect(status(5, 1e-16)).toBe('refuted');
      expect(status(10, 1e-16)).toBe('holds');
    });
    it('upper side', () => {
      expect(status(21, 1e-16)).toBe('inconclusive');
      expect(status(21, 2e-15)).toBe('refuted');
      expect(status(22, 1e-16)).toBe('refuted');
      expect(status(25, 1e-16)).toBe('refuted');
      expect(status(20, 1e-16)).toBe('holds');
    });
    it('the margin takes the upper side (up − T)/up when it is the smallest', () => {
      const v = hittingBounds.verdict({ ...base, levels: [0.5] }, pred, obs(19, 1));
      expect(v.margin).toBeCloseTo(0.05, 15);
      expect(v.holds).toBe(true);
    });
    it('a level never reached refutes with margin −1', () => {
      const v = hittingBounds.verdict({ ...base, levels: [0.5] }, pred, obs(null, Infinity));
      expect(v).toMatchObject({ holds: false, certified: true, margin: -1, worst: { interval: 1, component: 1, note: 'level 0.5: not reached within the upper bound' } });
      const t = hittingBounds.verdict({ ...base, levels: [0.5] }, pred, { ...obs(15, 1), twoPhaseIterations: [null] });
      expect(t).toMatchObject({ holds: false, margin: -1, worst: { interval: 2, component: 1, note: '(1−ε)λ: not reached within the upper bound' } });
    });
  });
});

describe('cgmr.hittingBounds: arbitraries', () => {
  it('the claim arbitrary: finite fields, positive eigenvalues in [0.2, 4] plus sometimes one in [−1, 0], η in [0.3, 1]× the monotone bound', () => {
    let extra = 0;
    for (const i of fc.sample(hittingArbitrary(), { seed: 11, numRuns: 600 })) {
      const pos = i.eigenvalues.filter((l) => l > 0);
      expect(i.eigenvalues.length - pos.length).toBeLessThanOrEqual(1);
      if (pos.length < i.eigenvalues.length) extra++;
      expect([...i.eigenvalues, i.alpha, i.stepSize, ...i.levels].every(Number.isFinite)).toBe(true);
      expect(Math.min(...pos)).toBeGreaterThanOrEqual(0.2);
      const s = i.stepSize / monotoneStep(i.eigenvalues[0], i.depth);
      expect(s).toBeGreaterThanOrEqual(0.3 * (1 - 1e-12));
      expect(s).toBeLessThanOrEqual(1 + 1e-12);
    }
    expect(extra).toBeGreaterThan(50);
  });
  it('the boundary: η in [0.9, 1.3]× the monotone bound, or α^N in [0.8^N, 1.2^N]× q_min·λ_min⁺', () => {
    let eta = 0, alpha = 0;
    for (const i of fc.sample(hittingBoundary(), { seed: 12, numRuns: 600 })) {
      expect([...i.eigenvalues, i.alpha, i.stepSize, ...i.levels].every(Number.isFinite)).toBe(true);
      const s = i.stepSize / monotoneStep(i.eigenvalues[0], i.depth);
      const lmin = Math.min(...i.eigenvalues.filter((l) => l > 0));
      const g = i.alpha / (Math.min(...i.levels, 0.5) * lmin) ** (1 / i.depth);
      if (s >= 0.9 * (1 - 1e-12) && s <= 1.3 * (1 + 1e-12)) eta++;
      else {
        expect(g).toBeGreaterThanOrEqual(0.8 * (1 - 1e-12));
        expect(g).toBeLessThanOrEqual(1.2 * (1 + 1e-12));
        alpha++;
      }
    }
    expect(eta).toBeGreaterThan(200);
    expect(alpha).toBeGreaterThan(200);
  });
});
