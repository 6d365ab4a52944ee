/**
 * cgmr.sensing / cgmr.randomInit pinned (statistical.ts): the verdict's Wilson bound against the
 * stated rate, its report of the failing seeds, the success criterion per seed on short runs, the
 * hypotheses' failures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haarOrthogonal, withSpectrum } from '../../src/generate/orthogonal.js';
import { deepInit } from '../../src/gd/inits.js';
import { gaussianMeasurements } from '../../src/gd/measurements.js';
import { DeepGd } from '../../src/gd/models.js';
import { singularValues } from '../../src/linalg/svd.js';
import { effectiveRank } from '../../src/metrics/effectiveRank.js';
import { monotoneStep, wilsonLower } from './bounds.js';
import { DEFAULTS, PLAN, type SeedOutcome, type StatisticalInstance, randomInit, runSeed, sensing, wilsonPower } from './statistical.js';

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

/** runSeed written out plainly: uᵢᵀW(k)uᵢ as a double sum, erank at k ≡ 0 (mod every) and at the last step. */
function reference(inst: StatisticalInstance, seed: number): { T: (number | null)[]; minErank: number; finalErank: number } {
  const n = inst.n, r = inst.signal.length;
  const q = haarOrthogonal(n, seed);
  const x = withSpectrum(q, [...inst.signal, ...Array<number>(n - r).fill(0)]);
  const meas = inst.kind === 'sensing' ? gaussianMeasurements(x, inst.m, seed, 0) : null;
  const model = new DeepGd(x, inst.kind === 'sensing' ? deepInit('identity', x, inst.depth, inst.alpha) : deepInit('gaussian', x, inst.depth, inst.alpha, seed), meas);
  const T: (number | null)[] = inst.signal.map(() => null);
  const eranks: number[] = [];
  for (let k = 0; k <= inst.steps; k++) {
    const w = Float64Array.from(model.evaluate().product);
    for (let i = 0; i < r; i++) {
      let p = 0;
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) p += q.data[a * n + i] * w[a * n + b] * q.data[b * n + i];
      if (T[i] === null && p >= inst.signal[i] / 2) T[i] = k;
    }
    if (k % inst.every === 0 || k === inst.steps) eranks.push(effectiveRank(singularValues({ rows: n, cols: n, data: w })));
    model.step(inst.stepSize);
  }
  return { T, minErank: Math.min(...eranks), finalErank: eranks[eranks.length - 1] };
}

describe('cgmr statistical claims: one seed against a plain re-implementation', () => {
  it('random init, seed 2, 625 steps, erank every 50 (and at 625): T, min and final erank', () => {
    const i = { ...ri, steps: 625, every: 50 };
    const o = runSeed(i, 2);
    expect({ T: o.T, minErank: o.minErank, finalErank: o.finalErank }).toEqual(reference(i, 2));
    expect(o.T.every((t) => t !== null)).toBe(true);
    expect(o.minErank).toBeLessThan(o.finalErank);
    const target = effectiveRank([2, 1]);
    expect(o.dip).toBe(o.minErank <= 1 + (target - 1) / 2);
    expect(o.climb).toBe(Math.abs(o.finalErank - target) <= 0.1 * target);
  });
  it('sensing, seed 1006, 300 steps: σ₂ reaches σ₂/2 first, so not ordered', () => {
    const i = { ...se, steps: 300, every: 100 };
    const o = runSeed(i, 1006);
    expect({ T: o.T, minErank: o.minErank, finalErank: o.finalErank }).toEqual(reference(i, 1006));
    expect(o.T[1]!).toBeLessThan(o.T[0]!);
    expect(o.ordered).toBe(false);
  });
  it('ordered needs every Tᵢ and a strict order: σ₂ learned with σ₁ not (T = (null, 0)), and a tie T = (0, 0), are not ordered', () => {
    const nullFirst = runSeed({ ...ri, signal: [2, 0.01], alpha: 0.5, steps: 0 }, 1);
    expect(nullFirst.T).toEqual([null, 0]);
    expect(nullFirst.ordered).toBe(false);
    // σ₂ learned at step 9, σ₁ never: not ordered (a null T₁ must not read as 0 < 9)
    const late = runSeed({ ...ri, signal: [2, 0.01], alpha: 0.2, steps: 20 }, 1);
    expect(late.T).toEqual([null, 9]);
    expect(late.ordered).toBe(false);
    const tie = runSeed({ ...ri, signal: [0.01, 0.005], alpha: 0.5, steps: 0 }, 1);
    expect(tie.T).toEqual([0, 0]);
    expect(tie.ordered).toBe(false);
  });
  it('the dip level is 1 + (erank(X) − 1)/2 = 1.445: an erank of 2.68 (the init) or 1.98 (after 60 steps) is no dip', () => {
    const init = runSeed({ ...ri, steps: 0 }, 1);
    expect(init.minErank).toBeCloseTo(2.6815, 4);
    expect(init.dip).toBe(false);
    const sixty = runSeed({ ...ri, steps: 60 }, 1);
    expect(sixty.minErank).toBeCloseTo(1.9811, 4);
    expect(sixty.dip).toBe(false);
  });
  it('a diverging run stops at the first non-finite product and keeps the last finite erank', () => {
    const o = runSeed({ ...ri, stepSize: 40, steps: 60, every: 1 }, 1);
    expect(Number.isFinite(o.finalErank)).toBe(true);
    expect(Number.isFinite(o.minErank)).toBe(true);
  });
});

describe('cgmr statistical claims: power, labels, controls, arbitraries', () => {
  it('the power at p₀ = 0 or 1 is 0 or 1 by the Wilson bound of 0 or S successes; otherwise a probability ≤ 1', () => {
    expect(wilsonPower(20, 0, 0)).toBe(1);
    expect(wilsonPower(20, 0.01, 0)).toBe(0);
    expect(wilsonPower(20, 0.75, 1)).toBe(1);
    expect(wilsonPower(20, 0.9, 1)).toBe(0);
    expect(wilsonPower(20, 0, 0.5)).toBeLessThanOrEqual(1);
    expect(wilsonPower(20, 0, 0.5)).toBeCloseTo(1, 12);
    expect(wilsonPower(20, 0.5, 0.5)).toBeGreaterThan(0.01);
    expect(wilsonPower(20, 0.5, 0.5)).toBeLessThan(0.5);
  });
  it('labels and statements name the setting', () => {
    expect(sensing.source.label).toMatch(/matrix sensing/);
    expect(randomInit.source.label).toMatch(/random initialisation/);
    expect(sensing.statement).toMatch(/^Gaussian sensing \(m < n²\), identical init: over S seeds/);
    expect(randomInit.statement).toMatch(/^Gaussian init W_j\(0\) = αG_j\/√n, full matrix: over S seeds/);
    expect(sensing.statement).toMatch(/Wilson lower bound ≥ the stated rate\.$/);
    expect(sensing.margin).toEqual({ name: 'rate margin', meaning: 'Wilson 95 % lower bound of the success rate − the stated rate' });
    expect([sensing.tag, randomInit.tag, sensing.source.paper]).toEqual(['paper', 'paper', 'CGMR']);
    expect([sensing.title, randomInit.title]).toEqual([expect.stringMatching(/^Gaussian matrix sensing/), expect.stringMatching(/^Gaussian initialisation/)]);
  });
  it('the controls: names, kinds, ids, stated fractions, descriptions', () => {
    const row = (t: typeof sensing) => t.negativeControls.map((c) => [c.name, c.kind, c.theorem.id, c.refutedFraction ?? null, c.description.length > 20]);
    expect(row(sensing)).toEqual([
      ['increasing-order', 'gross', 'cgmr.sensing~increasing', null, true],
      ['rate-0.95', 'gross', 'cgmr.sensing~rate0.95', null, true],
      ['too-few-measurements', 'gross', 'cgmr.sensing~m6', null, true],
      ['m=14', 'near-miss', 'cgmr.sensing~m14', [0.3, 1], true],
    ]);
    expect(row(randomInit)).toEqual([
      ['increasing-order', 'gross', 'cgmr.randomInit~increasing', null, true],
      ['rate-0.95', 'gross', 'cgmr.randomInit~rate0.95', null, true],
      ['large-init', 'gross', 'cgmr.randomInit~large-init', null, true],
      ['α=0.25', 'near-miss', 'cgmr.randomInit~alpha0.25', [0.1, 0.6], true],
    ]);
    for (const c of [...sensing.negativeControls, ...randomInit.negativeControls]) expect(c.theorem.title.length).toBeGreaterThan(5);
  });
  it('the controls that drop a hypothesis drop only it', () => {
    const m14 = control(sensing, 'm=14'), m6 = control(sensing, 'too-few-measurements');
    expect(m14.hypotheses({ ...se, m: 14 })).toEqual([]);
    expect(m6.hypotheses({ ...se, m: 6 })).toEqual([]);
    expect(m14.hypotheses({ ...se, m: 14, seeds: 4 }).map((f) => f.name)).toEqual(['seeds S integer in [5, 1000]']);
    expect(m14.hypotheses({ ...se, m: 25 }).map((f) => f.name)).toEqual(['m < n² (sensing, not full observation)']);
    const big = control(randomInit, 'large-init'), quarter = control(randomInit, 'α=0.25');
    expect(big.hypotheses({ ...ri, alpha: 0.5 })).toEqual([]);
    expect(quarter.hypotheses({ ...ri, alpha: 0.25 })).toEqual([]);
    expect(quarter.hypotheses({ ...ri, alpha: 0.25, stepSize: 1 }).map((f) => f.name)).toEqual(['η ≤ 1/(Nσ₁^{2−2/N})']);
    expect(control(randomInit, 'increasing-order').hypotheses({ ...ri, alpha: 0.5 }).length).toBe(1);
  });
  it('each failure reports its quantity, relation and bound', () => {
    expect(randomInit.hypotheses({ ...ri, seeds: 4 })).toEqual([{ name: 'seeds S integer in [5, 1000]', quantity: 4, relation: '≥', bound: 5 }]);
    expect(randomInit.hypotheses({ ...ri, signal: [1, 2] })).toEqual([{ name: 'signal: 2 ≤ r < n distinct positive values, decreasing', quantity: 2, relation: '≥', bound: 2 }]);
    expect(randomInit.hypotheses({ ...ri, seeds: 15 })).toEqual([{ name: 'power: S seeds certify the stated rate with probability ≥ 0.95 at the pilot rate p₀ = 0.987', quantity: wilsonPower(15, 0.75, 0.987), relation: '≥', bound: 0.95 }]);
    expect(sensing.hypotheses({ ...se, seeds: 16 })[0].name).toBe('power: S seeds certify the stated rate with probability ≥ 0.95 at the pilot rate p₀ = 0.721');
    const eta = monotoneStep(2, 3);
    expect(randomInit.hypotheses({ ...ri, stepSize: 2 * eta })).toEqual([{ name: 'η ≤ 1/(Nσ₁^{2−2/N})', quantity: 2 * eta, relation: '≤', bound: eta }]);
  });
  it('power certain at p₀ = 1 when the Wilson bound of S successes equals the stated rate', () => {
    expect(wilsonPower(20, wilsonLower(20, 20), 1)).toBe(1);
  });
  it('seeds 5 and 1000 are inside the range; the measurement bound 2·(nr − r(r−1)/2) at r = 3 is 24', () => {
    const names = (t: typeof sensing, i: StatisticalInstance) => t.hypotheses(i).map((f) => f.name);
    expect(names(randomInit, { ...ri, seeds: 5 })).not.toContain('seeds S integer in [5, 1000]');
    expect(names(randomInit, { ...ri, seeds: 1000 })).toEqual([]);
    const three = { ...se, signal: [3, 2, 1], stepSize: 0.5 * monotoneStep(3, 3) };
    expect(sensing.hypotheses({ ...three, m: 24 })).toEqual([]);
    expect(sensing.hypotheses({ ...three, m: 23 })).toEqual([{ name: 'm ≥ 2·(nr − r(r−1)/2) (enough measurements)', quantity: 23, relation: '≥', bound: 24 }]);
  });
  it('small init α^N ≤ 10⁻²·σ_r: the bound scales with σ_r (σ_r = 2), and holds at equality', () => {
    const two = { ...ri, signal: [4, 2], stepSize: 0.5 * monotoneStep(4, 3) };
    expect(randomInit.hypotheses({ ...two, alpha: 0.3 })).toEqual([{ name: 'small init α^N ≤ 10⁻²·σ_r', quantity: 0.3 ** 3, relation: '≤', bound: 0.02 }]);
    expect(randomInit.hypotheses({ ...two, alpha: 0.25 })).toEqual([]);
    // σ_r = α³/10⁻² exactly for α = 0.2 (checked), so α^N = 10⁻²·σ_r
    const sr = 0.2 ** 3 / 1e-2;
    expect(1e-2 * sr).toBe(0.2 ** 3);
    expect(randomInit.hypotheses({ ...ri, signal: [2, sr], alpha: 0.2 })).toEqual([]);
  });
  it('equal signal values are not distinct', () => {
    expect(randomInit.hypotheses({ ...ri, signal: [2, 2] }).map((f) => f.name)).toEqual(['signal: 2 ≤ r < n distinct positive values, decreasing']);
  });
  it('the arbitraries: the defaults at a drawn first seed; the controls\' m and α; the boundary\'s α in [0.05, 0.5] and (sensing) m in 6…24', () => {
    const base = { seeds: 20, n: 5, signal: [2, 1], m: 18, depth: 3, alpha: 0.05, stepSize: 0.5 * monotoneStep(2, 3), steps: 1200, every: 10, rate: 0.75, kind: 'randomInit' };
    const draws = fc.sample(randomInit.arbitrary(), { seed: 3, numRuns: 5 });
    for (const d of draws) expect(d).toEqual({ ...base, firstSeed: d.firstSeed });
    expect(new Set(draws.map((d) => d.firstSeed)).size).toBeGreaterThan(1);
    for (const d of fc.sample(sensing.arbitrary(), { seed: 3, numRuns: 3 })) expect(d).toMatchObject({ kind: 'sensing', seeds: 40, rate: 0.35, m: 18 });
    expect(fc.sample(control(sensing, 'm=14').arbitrary(), { seed: 3, numRuns: 1 })[0].m).toBe(14);
    expect(fc.sample(control(sensing, 'too-few-measurements').arbitrary(), { seed: 3, numRuns: 1 })[0].m).toBe(6);
    expect(fc.sample(control(randomInit, 'large-init').arbitrary(), { seed: 3, numRuns: 1 })[0].alpha).toBeCloseTo(0.5, 15);
    expect(fc.sample(control(randomInit, 'α=0.25').arbitrary(), { seed: 3, numRuns: 1 })[0].alpha).toBeCloseTo(0.25, 15);
    const sb = fc.sample(sensing.boundary(), { seed: 4, numRuns: 60 });
    const rb = fc.sample(randomInit.boundary(), { seed: 4, numRuns: 60 });
    for (const d of [...sb, ...rb]) {
      expect(d.alpha).toBeGreaterThanOrEqual(0.05);
      expect(d.alpha).toBeLessThanOrEqual(0.5);
      expect(d.steps).toBe(1200);
    }
    expect(sb.every((d) => d.kind === 'sensing' && d.seeds === 40 && d.m >= 6 && d.m <= 24)).toBe(true);
    expect(new Set(sb.map((d) => d.m)).size).toBeGreaterThan(5);
    expect(rb.every((d) => d.kind === 'randomInit' && d.seeds === 20 && d.m === 18)).toBe(true);
    expect(rb.some((d) => d.alpha > 0.2) && rb.some((d) => d.alpha < 0.1)).toBe(true);
  });
});
