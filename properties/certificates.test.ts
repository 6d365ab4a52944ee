/**
 * The certificates that let the searches skip work, tested for soundness on their own along real
 * trajectories of the symmetric flow (closed form): for random pairs t < t + h, the supremum of the
 * quantity over a fine grid of [t, t + h] must not exceed the certificate's bound. Each test also
 * states how tight the bound is on these pairs (max of observed rise / certified rise): a constant
 * that is too optimistic by more than 1/tightness fails.
 *   - first-order (src/flows/hitting.ts): pᵢ ≤ pᵢ(t) + C(τ)·sqrt(h·(ΔL + 2·lossError)), C(τ) = 2√min(M, τ):
 *     tightness ≈ 1 (a 1.001× too optimistic C fails);
 *   - second-order (src/flows/hitting.ts): pᵢ ≤ pᵢ(t) + max(ṗᵢ, 0)h + ½K₂h², K₂ = 4M(‖Y‖ + M)(‖Y‖ + 2M):
 *     on the claims' trajectories only ≈ 1 % of ½K₂h² is used (0.84 % measured), but K₂ is attained:
 *     with W₀ = M·φφᵀ on an eigenvalue λ ≤ −1 of Y (‖Y‖ = |λ|), p̈ = 4w(λ − w)(λ − 2w) = K₂ at t = 0.
 *     On such trajectories the Taylor remainder |p(t + s) − p(t) − ṗ(t)s| reaches 0.9997 of ½K₂s²
 *     (measured), so a K₂ more than 1.001× too optimistic fails;
 *   - interval maximum (src/flows/certify.ts): sup e ≤ min(e(s), e(t)) + C·sqrt(h·(ΔL + 2·lossError)),
 *     C = 2√M: tightness ≈ 0.94 (a 1.1× too optimistic C fails); and certifiedIntervalMax itself must
 *     find a narrow spike between its evaluation points (a synthetic e with L' = −ė²/C², for which C
 *     is exact), which it can only do through the certificate.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certifiedIntervalMax, pieceBound } from '../src/flows/certify.js';
import { firstOrderBound, secondOrderBound } from '../src/flows/hitting.js';
import { symmetricClosedForm } from '../src/flows/symmetricClosedForm.js';
import { haarOrthogonal, withSpectrum } from '../src/generate/orthogonal.js';
import { eigh } from '../src/linalg/eigh.js';
import { fromRows } from '../src/linalg/matrix.js';
import { bestRankK, errorToRankK, initFactor, targetOf } from '../theorems/mv/common.js';
import { theorem3Arbitrary } from '../theorems/mv/theorem3.js';
import { theorem4Arbitrary } from '../theorems/mv/theorem4.js';

interface PairStats {
  violations: string[];
  firstOrder: number;
  secondOrder: number;
  piece: number;
  pairs: number;
}

/** Random pairs along 8 general-init and 8 spectral-init trajectories of the claims' arbitraries (fixed seeds). */
function measure(): PairStats {
  const insts = [...fc.sample(theorem4Arbitrary(), { seed: 7, numRuns: 8 }), ...fc.sample(theorem3Arbitrary(), { seed: 7, numRuns: 8 })];
  const draws = fc.sample(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -6, max: 0, noNaN: true })), { seed: 9, numRuns: 400 });
  const s: PairStats = { violations: [], firstOrder: 0, secondOrder: 0, piece: 0, pairs: 0 };
  let j = 0;
  for (const inst of insts) {
    const f = symmetricClosedForm(targetOf(inst), initFactor(inst));
    const K = inst.eigenvalues.filter((x) => x > 0).length;
    const horizon = (2 * Math.log(1 / inst.alpha)) / inst.eigenvalues[K - 1];
    const yk = bestRankK(inst, 1);
    for (let q = 0; q < 25; q++) {
      const [u, lh] = draws[j++];
      const t = u * horizon, h = 10 ** lh * horizon * 0.1;
      const pt = f.projections(t), rt = f.projectionRates!(t);
      const lt = f.loss(t), lh2 = f.loss(t + h);
      const et = errorToRankK(f.matrix(t), yk), eh = errorToRankK(f.matrix(t + h), yk);
      const pmax = new Float64Array(pt.length).fill(-Infinity);
      let supE = 0;
      for (let g = 0; g <= 16; g++) {
        const x = t + (h * g) / 16;
        const p = f.projections(x);
        for (let i = 0; i < p.length; i++) pmax[i] = Math.max(pmax[i], p[i]);
        supE = Math.max(supE, errorToRankK(f.matrix(x), yk));
      }
      s.pairs++;
      for (let i = 0; i < pt.length; i++) {
        // the level τ of the first-order certificate: any τ ≥ sup pᵢ on the piece (here the sup itself)
        const b1 = firstOrderBound(pt[i], f.variationBound(pmax[i]), h, lt - lh2, f.lossError);
        const b2 = secondOrderBound(pt[i], rt[i], f.rateBound, h);
        if (pmax[i] > b1) s.violations.push(`first order: t=${t} h=${h} i=${i}: ${pmax[i]} > ${b1}`);
        if (pmax[i] > b2) s.violations.push(`second order: t=${t} h=${h} i=${i}: ${pmax[i]} > ${b2}`);
        if (pmax[i] - pt[i] > 1e-12) {
          s.firstOrder = Math.max(s.firstOrder, (pmax[i] - pt[i]) / (b1 - pt[i]));
          const lin = pt[i] + Math.max(0, rt[i]) * h;
          s.secondOrder = Math.max(s.secondOrder, (pmax[i] - lin) / (b2 - lin));
        }
      }
      const b3 = pieceBound(et, eh, lt, lh2, h, f.variationBound(Infinity), f.lossError);
      if (supE > b3) s.violations.push(`interval max: t=${t} h=${h}: ${supE} > ${b3}`);
      if (supE - Math.min(et, eh) > 1e-12) s.piece = Math.max(s.piece, (supE - Math.min(et, eh)) / (b3 - Math.min(et, eh)));
    }
  }
  return s;
}

describe('certificates are sound on their own (random pairs along real trajectories)', () => {
  // One test, measured inside it (not at collection), so that a mutant active during the test is seen.
  it('no pair exceeds any certificate; first-order and piece bounds tight (> 0.999, > 0.9), second-order crude (> 0.8 % of ½K₂h²)', () => {
    const s = measure();
    expect(s.pairs).toBe(400);
    expect(s.violations).toEqual([]);
    expect(s.firstOrder).toBeGreaterThan(0.999);
    expect(s.firstOrder).toBeLessThanOrEqual(1);
    expect(s.secondOrder).toBeGreaterThan(0.008);
    expect(s.secondOrder).toBeLessThanOrEqual(1);
    expect(s.piece).toBeGreaterThan(0.9);
    expect(s.piece).toBeLessThanOrEqual(1);
  });
  it('second order: K₂ is attained where W₀ = M·φφᵀ sits on a negative eigenvalue; the Taylor remainder stays within ½K₂s² and reaches > 0.999 of it', () => {
    const y2 = withSpectrum(haarOrthogonal(2, 5), [0.5, -1]);
    const v = eigh(y2).vectors; // column 1: the eigenvector of −1
    const flows = [
      symmetricClosedForm(fromRows([[-1]]), fromRows([[1]])), // M = 1, ‖Y‖ = 1: K₂ = 24
      symmetricClosedForm(fromRows([[-2]]), fromRows([[Math.sqrt(0.5)]])), // M = ½, ‖Y‖ = 2: K₂ = 15
      symmetricClosedForm(y2, fromRows([[v.data[1]], [v.data[3]]])), // rotated, M = 1: K₂ = 24
    ];
    let tight = 0;
    const violations: string[] = [];
    for (const f of flows) {
      for (const t of [0, 1e-3, 0.1, 1]) for (const s of [1e-2, 1e-3, 1e-4]) {
        const p0 = f.projections(t), r0 = f.projectionRates(t), p1 = f.projections(t + s);
        for (let i = 0; i < p0.length; i++) {
          const rem = p1[i] - p0[i] - r0[i] * s;
          if (Math.abs(rem) > 0.5 * f.rateBound * s * s) violations.push(`t=${t} s=${s} i=${i}: |${rem}| > ½K₂s²`);
          if (p1[i] > secondOrderBound(p0[i], r0[i], f.rateBound, s)) violations.push(`bound: t=${t} s=${s} i=${i}`);
          tight = Math.max(tight, Math.abs(rem) / (0.5 * f.rateBound * s * s));
        }
      }
    }
    expect(violations).toEqual([]);
    expect(tight).toBeGreaterThan(0.999);
  });
  it('certifiedIntervalMax finds a narrow spike between evaluation points through the certificate (and only through it)', () => {
    const c = Math.PI, w = 0.002;
    const e = (t: number) => 0.2 + 0.7 * Math.exp(-(((t - c) / w) ** 2));
    const de = (t: number) => -2 * ((t - c) / w ** 2) * 0.7 * Math.exp(-(((t - c) / w) ** 2));
    // L(t) = 10 − ∫₀ᵗ ė² (C = 1 is then exact: |e(s) − e(t)| ≤ ∫|ė| ≤ sqrt(h·ΔL)); Simpson, cumulative
    const N = 100000, T = 10, g = T / N;
    const cum = new Float64Array(N + 1);
    for (let k = 0; k < N; k++) {
      const a = k * g;
      cum[k + 1] = cum[k] + (g / 6) * (de(a) ** 2 + 4 * de(a + g / 2) ** 2 + de(a + g) ** 2);
    }
    const loss = (t: number) => {
      const x = Math.min(T, t) / g, k = Math.min(N - 1, Math.floor(x));
      return 10 - (cum[k] + (x - k) * (cum[k + 1] - cum[k]));
    };
    const opts = { e, loss, lossError: 1e-12, a: 0, b: T, threshold: 0.5, maxEvaluations: 4000 };
    const r = certifiedIntervalMax({ ...opts, variation: 1 });
    expect(r.status).toBe('refuted');
    expect(Math.abs(r.argmax - c)).toBeLessThan(w);
    // with no certificate (C = 0) the same refinement certifies the threshold: it never looks between points
    expect(certifiedIntervalMax({ ...opts, variation: 0 }).status).toBe('certified');
  });
  it('certifiedIntervalMax: its certified upper bound is ≥ the supremum on a fine grid, and refutes exactly above the threshold', () => {
    for (const inst of fc.sample(theorem4Arbitrary(), { seed: 11, numRuns: 4 })) {
      const f = symmetricClosedForm(targetOf(inst), initFactor(inst));
      const yk = bestRankK(inst, 1);
      const e = (t: number) => errorToRankK(f.matrix(t), yk);
      const a = 0, b = (Math.log(1 / inst.alpha) / inst.eigenvalues[0]) * 1.5;
      let sup = 0;
      for (let g = 0; g <= 400; g++) sup = Math.max(sup, e(a + ((b - a) * g) / 400));
      const opts = { e, loss: (t: number) => f.loss(t), variation: f.variationBound(Infinity), lossError: f.lossError, a, b, maxEvaluations: 3000 };
      const above = certifiedIntervalMax({ ...opts, threshold: sup * 1.05 });
      expect(above.status).toBe('certified');
      expect(above.upper).toBeGreaterThanOrEqual(sup);
      expect(above.upper).toBeLessThanOrEqual(sup * 1.05);
      const below = certifiedIntervalMax({ ...opts, threshold: sup * 0.95 });
      expect(below.status).toBe('refuted');
      expect(below.observed).toBeGreaterThan(sup * 0.95);
    }
  });
});

describe('certifiedIntervalMax: its stopping rules on exact synthetic inputs (e(t) = t, L(t) = 1 − t: a piece of length h has bound min e + C·h)', () => {
  const base = { e: (t: number) => t, loss: (t: number) => 1 - t, lossError: 0, a: 0, b: 1 };
  it('certified at once when the bound is within the gap: argmax at the larger end, upper = max(bound, observed)', () => {
    expect(certifiedIntervalMax({ ...base, variation: 0.5, threshold: 2 })).toEqual({ observed: 1, argmax: 1, upper: 1, status: 'certified', evaluations: 2 });
    const rev = certifiedIntervalMax({ ...base, e: (t) => 1 - t, loss: (t) => 1 - t, variation: 0.5, threshold: 2 });
    expect(rev).toMatchObject({ observed: 1, argmax: 0, status: 'certified' });
    // e exactly at the threshold is not above it
    expect(certifiedIntervalMax({ ...base, variation: 0.5, threshold: 1 }).status).toBe('certified');
  });
  it('refuted as soon as an evaluated e exceeds the threshold, with upper ≥ observed', () => {
    expect(certifiedIntervalMax({ ...base, variation: 2, threshold: 0.5 })).toEqual({ observed: 1, argmax: 1, upper: 2, status: 'refuted', evaluations: 2 });
  });
  it('refines until the bound is within the relative gap (gap 0.5: one bisection), keeping the largest e', () => {
    expect(certifiedIntervalMax({ ...base, variation: 2, threshold: 10, relativeGap: 0.5 })).toEqual({ observed: 1, argmax: 1, upper: 1.5, status: 'certified', evaluations: 3 });
    const d = certifiedIntervalMax({ ...base, variation: 2, threshold: 10 });
    expect(d.status).toBe('certified');
    expect(d.upper).toBeLessThanOrEqual(1.001);
    expect(d.evaluations).toBeGreaterThan(3);
    // e ≡ 0 with no loss drop: bound 0 = best, certified at once
    expect(certifiedIntervalMax({ ...base, e: () => 0, loss: () => 1, variation: 2, threshold: 1 })).toMatchObject({ upper: 0, status: 'certified', evaluations: 2 });
  });
  it('stops with certified once a quarter of the budget is spent and the bound is below the threshold', () => {
    expect(certifiedIntervalMax({ ...base, variation: 2, threshold: 10, maxEvaluations: 8 })).toEqual({ observed: 1, argmax: 1, upper: 2, status: 'certified', evaluations: 2 });
    expect(certifiedIntervalMax({ ...base, variation: 2, threshold: 10, maxEvaluations: 16 }).evaluations).toBe(4);
  });
  it('inconclusive when the budget runs out with the bound above the threshold; pieces of relative width 1e−12 end the refinement', () => {
    const r = certifiedIntervalMax({ ...base, variation: 2, threshold: 1.0005, maxEvaluations: 8 });
    expect(r.status).toBe('inconclusive');
    expect(r.evaluations).toBe(8);
    expect(r.upper).toBeGreaterThan(1.0005);
    expect(r.observed).toBe(1);
    const narrow = certifiedIntervalMax({ ...base, a: 1, b: 1 + 1e-12, variation: 2, threshold: 10, relativeGap: 0 });
    expect(narrow).toMatchObject({ status: 'certified', evaluations: 3 }); // (1 + 1e−12) − 1 rounds above 1e−12: one bisection
    // the width rule is relative to |t| beyond 1: at t = 4 a piece of 3e−12 is already below 1e−12·4
    expect(certifiedIntervalMax({ ...base, a: 4, b: 4 + 3e-12, variation: 2, threshold: 10, relativeGap: 0 })).toMatchObject({ status: 'certified', evaluations: 2 });
    // within the gap but above the threshold is not certified
    expect(certifiedIntervalMax({ ...base, variation: 2, threshold: 1.0005, relativeGap: 0.5, maxEvaluations: 8 }).status).toBe('inconclusive');
    const narrowHigh = certifiedIntervalMax({ ...base, a: 1, b: 1 + 1e-12, variation: 1e13, threshold: 1.1, relativeGap: 0 });
    expect(narrowHigh).toMatchObject({ status: 'inconclusive', evaluations: 3 });
  });
});


describe('hitting-time certificates and search (src/flows/hitting.ts): exact values and the second-order shortcut', () => {
  it('the bounds evaluate their formulas exactly', () => {
    expect(secondOrderBound(0.25, 1, 2, 0.5)).toBe(0.25 + 0.5 + 0.25);
    expect(secondOrderBound(0.25, -1, 2, 0.5)).toBe(0.25 + 0.25);
    expect(firstOrderBound(0.5, 2, 0.25, 4, 0.5)).toBe(0.5 + 2 * Math.sqrt(0.25 * 5));
    expect(firstOrderBound(0.5, 2, 0.25, -4, 0.5)).toBe(0.5 + 2 * Math.sqrt(0.25 * 1));
    expect(pieceBound(0.3, 0.2, 1, 0.75, 0.16, 2, 0)).toBe(0.2 + 2 * Math.sqrt(0.16 * 0.25));
    expect(pieceBound(0.3, 0.2, 0.75, 1, 0.16, 2, 0.5)).toBe(0.2 + 2 * Math.sqrt(0.16 * 1));
  });
  it('with or without the second-order certificate the same times; the evaluation budget is exact', async () => {
    const { haarOrthogonal, withSpectrum } = await import('../src/generate/orthogonal.js');
    const { fromRows } = await import('../src/linalg/matrix.js');
    const { hittingTimes } = await import('../src/flows/hitting.js');
    const y = withSpectrum(haarOrthogonal(3, 2), [3, 1.5, 0.5]);
    const f = symmetricClosedForm(y, fromRows([[1e-3, 2e-3], [-1e-3, 1e-3], [2e-3, 5e-4]]));
    const withRates = hittingTimes(f, [0.5], 40);
    const firstOnly = hittingTimes({ ...f, matrix: f.matrix.bind(f), projections: f.projections.bind(f), loss: f.loss.bind(f), variationBound: f.variationBound.bind(f), diagnostics: f.diagnostics.bind(f), targetValues: f.targetValues, lossError: f.lossError, maxTime: f.maxTime, model: f.model }, [0.5], 40);
    withRates.times[0].forEach((t, i) => expect(Math.abs((t as number) - (firstOnly.times[0][i] as number))).toBeLessThan(2e-9));
    expect(withRates.uncertified).toBe(0);
    expect(() => hittingTimes(f, [0.5], 40, { maxEvaluations: withRates.evaluations })).not.toThrow();
    expect(() => hittingTimes(f, [0.5], 40, { maxEvaluations: withRates.evaluations - 1 })).toThrow(/exceeded/);
  });
});
