/**
 * cgmr.sensing / cgmr.randomInit pinned (statistical.ts): the verdict's Wilson bound against the
 * stated rate, its report of the failing seeds, the success criterion per seed on short runs, the
 * hypotheses' failures.
 */
import { describe, expect, it } from 'vitest';
import { monotoneStep, wilsonLower } from './bounds.js';
import { DEFAULTS, PLAN, type SeedOutcome, type StatisticalInstance, randomInit, runSeed, sensing } from './statistical.js';

const ri: StatisticalInstance = { kind: 'randomInit', firstSeed: 1, seeds: 20, n: DEFAULTS.n, signal: DEFAULTS.signal, m: 18, depth: 3, alpha: 0.05, stepSize: 0.5 * monotoneStep(2, 3), steps: 1200, every: 10, rate: PLAN.randomInit.rate };
const se: StatisticalInstance = { ...ri, kind: 'sensing', seeds: 40, rate: PLAN.sensing.rate };
const control = (t: typeof sensing, name: string) => t.negativeControls.find((c) => c.name === name)!.theorem;
const outcome = (seed: number, ok: boolean): SeedOutcome => ({ seed, ordered: ok, dip: true, climb: ok || seed % 2 === 0, T: [10, ok ? 20 : 5], minErank: 1.1, finalErank: 1.9 });

describe('cgmr statistical claims: verdict', () => {
  it('holds when the Wilson 95 % lower bound clears the stated rate; margin lower − rate; reports the counts', () => {
    const outcomes = Array.from({ length: 20 }, (_, s) => outcome(s, true));
    const r = randomInit.verdict(ri, { rate: 0.75 }, { outcomes, successes: 20 });
    expect(r).toMatchObject({ holds: true, certified: true, worst: { note: '20/20 seeds succeed' } });
    expect(r.margin).toBeCloseTo(wilsonLower(20, 20) - 0.75, 15);
    expect(r.details).toEqual({ successes: 20, seeds: 20, observedRate: 1, wilsonLower95: wilsonLower(20, 20), statedRate: 0.75, failures: [] });
  });
  it('refutes below the rate and lists the first five failing seeds with their criteria', () => {
    const outcomes = Array.from({ length: 20 }, (_, s) => outcome(s, s >= 7));
    const r = randomInit.verdict(ri, { rate: 0.75 }, { outcomes, successes: 13 });
    expect(r.holds).toBe(false);
    expect(r.details.observedRate).toBeCloseTo(0.65, 15);
    expect(r.details.failures).toEqual([0, 1, 2, 3, 4].map((s) => ({ seed: s, ordered: false, dip: true, climb: s % 2 === 0, minErank: 1.1, finalErank: 1.9 })));
    // a tie with the stated rate holds
    expect(randomInit.verdict(ri, { rate: wilsonLower(13, 20) }, { outcomes, successes: 13 }).holds).toBe(true);
  });
  it('the rate control states 0.95; the claim the instance rate', () => {
    expect(randomInit.predict(ri)).toEqual({ rate: 0.75 });
    expect(control(randomInit, 'rate-0.95').predict(ri)).toEqual({ rate: 0.95 });
  });
});

describe('cgmr statistical claims: one seed', () => {
  it('random init, seed 1: σ₁ then σ₂ reach σᵢ/2, erank dips to ≤ 1 + (1.89 − 1)/2 and ends within 10 % of 1.89', () => {
    const o = runSeed(ri, 1);
    expect(o.seed).toBe(1);
    expect(o.T[0]).not.toBeNull();
    expect(o.T[0]!).toBeLessThan(o.T[1]!);
    expect(o.T[1]!).toBeLessThan(1200);
    expect(o.minErank).toBeLessThanOrEqual(1 + (1.8899 - 1) / 2);
    expect(Math.abs(o.finalErank - 1.89)).toBeLessThan(0.189);
    expect(o).toMatchObject({ ordered: true, dip: true, climb: true });
  });
  it('too short a run: nothing learned, no order, no climb (the dip alone need not fail)', () => {
    const o = runSeed({ ...ri, steps: 30 }, 1);
    expect(o.T).toEqual([null, null]);
    expect(o).toMatchObject({ ordered: false, climb: false });
  });
  it('observe counts a seed when ordered, dipped and climbed; the increasing-order control needs T₁ > T₂', () => {
    const short = { ...ri, seeds: 3 };
    const obs = randomInit.observe(short, { rate: 0.75 });
    expect(obs.outcomes.map((o) => o.seed)).toEqual([1, 2, 3]);
    expect(obs.successes).toBe(obs.outcomes.filter((o) => o.ordered && o.dip && o.climb).length);
    expect(obs.successes).toBe(3);
    expect(control(randomInit, 'increasing-order').observe(short, { rate: 0.75 }).successes).toBe(0);
  });
  it('the increasing-order control counts a seed learned σ₂ first (sensing seed 1006: T = (284, 150)), never one with σ₂ unlearned (1012: T = (100, null))', () => {
    const inc = control(sensing, 'increasing-order');
    expect(inc.observe({ ...se, firstSeed: 1006, seeds: 1 }, { rate: 0.35 }).successes).toBe(1);
    expect(sensing.observe({ ...se, firstSeed: 1006, seeds: 1 }, { rate: 0.35 }).successes).toBe(0);
    const un = inc.observe({ ...se, firstSeed: 1012, seeds: 1 }, { rate: 0.35 });
    expect(un.outcomes[0]).toMatchObject({ T: [100, null], dip: true, climb: true });
    expect(un.successes).toBe(0);
  });
  it('sensing with 18 measurements, seed 1000: identical init, the measurement operator in the loss', () => {
    const o = runSeed({ ...se, firstSeed: 1000 }, 1000);
    expect(o.T[0]).not.toBeNull();
    expect(Number.isFinite(o.finalErank)).toBe(true);
  });
});

describe('cgmr statistical claims: hypotheses', () => {
  const names = (t: typeof sensing, i: StatisticalInstance) => t.hypotheses(i).map((f) => f.name);
  it('each failure is named', () => {
    expect(names(randomInit, ri)).toEqual([]);
    expect(names(sensing, se)).toEqual([]);
    expect(names(randomInit, { ...ri, seeds: 4 })).toEqual(['seeds S integer in [5, 1000]']);
    expect(names(randomInit, { ...ri, seeds: 1001 })).toEqual(['seeds S integer in [5, 1000]']);
    expect(names(randomInit, { ...ri, seeds: 20.5 })).toEqual(['seeds S integer in [5, 1000]']);
    expect(names(randomInit, { ...ri, signal: [2] })).toEqual(['signal: 2 ≤ r < n distinct positive values, decreasing']);
    expect(names(randomInit, { ...ri, signal: [1, 2] })).toEqual(['signal: 2 ≤ r < n distinct positive values, decreasing']);
    expect(names(randomInit, { ...ri, signal: [2, 0] })).toEqual(['signal: 2 ≤ r < n distinct positive values, decreasing']);
    expect(names(randomInit, { ...ri, signal: [5, 4, 3, 2, 1] })).toEqual(['signal: 2 ≤ r < n distinct positive values, decreasing']);
    expect(names(randomInit, { ...ri, stepSize: 1.01 * monotoneStep(2, 3) })).toEqual(['η ≤ 1/(Nσ₁^{2−2/N})']);
    expect(names(randomInit, { ...ri, stepSize: monotoneStep(2, 3) })).toEqual([]);
    expect(names(randomInit, { ...ri, m: 3 })).toEqual([]);
    const small = randomInit.hypotheses({ ...ri, alpha: 0.3 });
    expect(small).toEqual([{ name: 'small init α^N ≤ 10⁻²·σ_r', quantity: 0.3 ** 3, relation: '≤', bound: 1e-2 }]);
    expect(sensing.hypotheses({ ...se, m: 25 })).toEqual([{ name: 'm < n² (sensing, not full observation)', quantity: 25, relation: '<', bound: 25 }]);
    expect(sensing.hypotheses({ ...se, m: 17 })).toEqual([{ name: 'm ≥ 2·(nr − r(r−1)/2) (enough measurements)', quantity: 17, relation: '≥', bound: 18 }]);
  });
});
