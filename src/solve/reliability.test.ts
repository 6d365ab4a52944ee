/**
 * Regression tests of issue 9 (flow side): no silent clamp, bounded resources, errors that name
 * the field and the rule.
 */
import { describe, expect, it, vi } from 'vitest';
import { NumericalError } from '../errors.js';
import { solve } from './index.js';
import { preciseHittingEvaluations } from './preciseSolve.js';
import { Budget, LIMITS, type Progress } from './limits.js';
import { itRejects } from './testSupport.js';

const sym = (patch: Record<string, unknown> = {}) => ({
  model: 'symmetric',
  method: 'closed-form',
  target: [[2, 0.5], [0.5, 1]],
  init: { factor: [[0.01], [0.02]] },
  times: [1],
  ...patch,
});
const zeroTarget = (patch: Record<string, unknown> = {}) =>
  sym({ target: [[0, 0], [0, 0]], init: { factor: [[1, 0], [0, 1]] }, ...patch });

describe('no silent clamp', () => {
  // Y = 0, U₀ = I: W(t) = (I + 2tI)⁻¹ = I/(1 + 2t) exactly; W(1e20) = 5e-21·I (the old solvers
  // clamped t to 1e15 and returned 5e-16·I).
  it('float64 closed form: W(1e20) = I/(1 + 2e20) to rounding, W(1e300) too', () => {
    const r = solve(zeroTarget({ times: [1e20, 1e300] }));
    for (const [k, t] of [1e20, 1e300].entries()) {
      const w = r.snapshots[k].matrix as number[][];
      expect(Math.abs(w[0][0] - 1 / (1 + 2 * t)) / (1 / (2 * t))).toBeLessThan(1e-14);
      expect(Math.abs(w[1][1] - 1 / (1 + 2 * t)) / (1 / (2 * t))).toBeLessThan(1e-14);
      expect(w[0][1]).toBe(0);
    }
  });
  it('float64 closed form: a positive mode has converged and the zero mode decays as 1/(2t) at t = 1e20', () => {
    const r = solve(sym({ target: [[1, 0], [0, 0]], init: { factor: [[1, 0], [0, 1]] }, times: [1e16, 1e20] }));
    const w = r.snapshots[1].matrix as number[][];
    expect(w[0][0]).toBe(1);
    expect(Math.abs(w[1][1] - 5e-21) / 5e-21).toBeLessThan(1e-14);
    expect(Math.abs((r.snapshots[0].matrix as number[][])[1][1] - 5e-17) / 5e-17).toBeLessThan(1e-14);
  });
  it('float64 closed form at t = 1e20 with a repeated eigenvalue: W → λ·(projection onto range U₀) (guards the exponent compression)', () => {
    // Y = 2I, U₀ with rows of very different norms: every row scale is e^{2t}‖xᵢ‖, exponents ≈ 2.9e20,
    // and only their small differences decide the answer λ·U₀(U₀ᵀU₀)⁻¹U₀ᵀ.
    const u0 = [[1e-3, 2e-3], [1, -1], [1e3, 3e2]];
    const r = solve(sym({ target: [[2, 0, 0], [0, 2, 0], [0, 0, 2]], init: { factor: u0 }, times: [1e20] }));
    const w = r.snapshots[0].matrix as number[][];
    // P = U₀(U₀ᵀU₀)⁻¹U₀ᵀ
    const g = [[0, 0], [0, 0]];
    for (const row of u0) for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) g[a][b] += row[a] * row[b];
    const det = g[0][0] * g[1][1] - g[0][1] * g[1][0];
    const gi = [[g[1][1] / det, -g[0][1] / det], [-g[1][0] / det, g[0][0] / det]];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let p = 0;
      for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) p += u0[i][a] * gi[a][b] * u0[j][b];
      expect(Math.abs(w[i][j] - 2 * p)).toBeLessThan(2e-10); // the contract: 1e-10·max(1, max|W|)
    }
  });
  it('decimal closed form (digits 30): W(1e20) = 1/(1 + 2e20) to 30 digits', () => {
    const r = solve(zeroTarget({ times: [1e20], digits: 30 }));
    const w = r.snapshots[0].matrix as string[][];
    expect(w[0][0]).toBe('4.999999999999999999975e-21');
    expect(w[0][1]).toBe('0');
    expect((r.diagnostics.warnings as string[]).some((x) => /normwise/.test(x))).toBe(false);
    const mixed = solve(sym({ target: [[1, 0], [0, -1]], init: { factor: [[1, 0], [0, 1]] }, times: [20], digits: 20 }));
    expect((mixed.diagnostics.warnings as string[]).some((x) => /^decimal closed form accuracy is normwise/.test(x))).toBe(true);
  });
  it('a time beyond the float64 range is rejected with its index and the limit', () => {
    expect(() => solve(sym({ target: [[4, 0], [0, 1]], times: [1, 1e300] }))).toThrow(/^times\[1\]: must be ≤ 2\.500e\+299 \(max\(1, max\|λ\|\)·t ≤ 1e300/);
  });
  it('with digits, a time beyond 1e15/max|λ| is rejected (decimal exponent range)', () => {
    expect(() => solve(sym({ times: [1, 1e20], digits: 20 }))).toThrow(/^times\[1\]: must be ≤ .* decimal exponent range/);
  });
  it('warns that float64 accuracy is normwise when the result holds entries below the allowance', () => {
    const tiny = solve(zeroTarget({ times: [1e20] }));
    expect((tiny.diagnostics.warnings as string[]).some((w) => /normwise/.test(w))).toBe(true);
    const plain = solve(sym({ target: [[2, 0], [0, 1]], init: { factor: [[1, 0], [0, 1]] }, times: [1] }));
    expect((plain.diagnostics.warnings as string[]).some((w) => /normwise/.test(w))).toBe(false);
  });
});

describe('bounded resources', () => {
  it('ODE cost is linear in the number of times (one integration through sorted times)', () => {
    const times = Array.from({ length: 4000 }, (_, i) => (10 * (4000 - i)) / 4000); // decreasing on purpose
    const one = solve(sym({ method: 'ode', times: [10] }));
    const many = solve(sym({ method: 'ode', times }));
    expect(many.snapshots[0].time).toBe(10);
    expect(many.diagnostics.steps as number).toBeLessThanOrEqual((one.diagnostics.steps as number) + times.length);
    const w1 = one.snapshots[0].matrix as number[][];
    const w2 = many.snapshots[0].matrix as number[][];
    expect(Math.abs(w1[0][0] - w2[0][0])).toBeLessThan(1e-8);
  });
  it('times (with levels) longer than 123 000 entries: no stack overflow', () => {
    const times = Array.from({ length: 124_000 }, (_, i) => i * 1e-4);
    const r = solve({ model: 'symmetric', method: 'closed-form', target: [[1]], init: { factor: [[0.1]] }, times, levels: [0.5] });
    expect(r.snapshots.length).toBe(124_000);
    // p(t) = w₀e^{2t}/(1 + w₀(e^{2t} − 1)) with w₀ = 0.01 reaches 1/2 at t = ln(99)/2
    expect(Math.abs((r.hitting!.times[0][0] as number) - Math.log(99) / 2)).toBeLessThan(1e-8);
  });
  it('a maxSeconds budget ends a long computation with a NumericalError naming the budget', () => {
    const times = Array.from({ length: 200_000 }, (_, i) => i * 1e-4);
    let err: unknown;
    try {
      solve({ ...sym({ method: 'ode', times }), maxSeconds: 0.05 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NumericalError);
    expect((err as Error).message).toMatch(/^time budget of 0.05 s \(maxSeconds\) exceeded while/);
    expect(() => solve(sym(), { maxSeconds: 0.5 })).not.toThrow();
  });
  it('a decimal hitting-time search has an evaluation limit from its work (documented in README, "Limits")', () => {
    expect(preciseHittingEvaluations(2, 10)).toBe(7352); // 3e7 / ((8 + 400)·10)
    expect(preciseHittingEvaluations(8, 100)).toBe(500); // the floor
    expect(preciseHittingEvaluations(1, 10)).toBe(14_925); // 3e7 / ((1 + 200)·10)
  });
  it('reports progress after the first second, at most every 250 ms', () => {
    let now = 1_000_000;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const seen: Progress[] = [];
      const b = new Budget(Infinity, (p) => seen.push(p));
      b.progress('snapshots', 0, 10);
      now += 900;
      b.progress('snapshots', 1, 10);
      expect(seen).toEqual([]);
      now += 200;
      b.progress('snapshots', 2, 10);
      now += 100;
      b.progress('snapshots', 3, 10);
      now += 300;
      b.progress('hitting times', 7);
      expect(seen).toEqual([
        { phase: 'snapshots', done: 2, total: 10, seconds: 1.1 },
        { phase: 'hitting times', done: 7, total: undefined, seconds: 1.5 },
      ]);
    } finally {
      clock.mockRestore();
    }
    const quick: unknown[] = [];
    solve(sym(), { onProgress: (p) => quick.push(p) });
    expect(quick).toEqual([]);
  });
});

const row = (n: number, v = 1) => [Array.from({ length: n }, () => v)];
const col = (m: number, v = 1) => Array.from({ length: m }, () => [v]);
const square = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

describe('limits and errors name the field and the rule', () => {
  itRejects([
    ['asymmetric 1×100000', { model: 'asymmetric', method: 'closed-form', target: row(100_000), init: { kind: 'aligned', scale: 1e-3, shape: [1] }, times: [1] }, /^target: is 1×100000: m \+ n must be ≤ 500 \(the solver limit/],
    ['asymmetric 100000×1', { model: 'asymmetric', method: 'ode', target: col(100_000), init: { kind: 'gaussian', scale: 1e-3, width: 1, seed: 1 }, times: [1] }, /^target: is 100000×1: m \+ n must be ≤ 500/],
    ['asymmetric 1×20000', { model: 'asymmetric', method: 'closed-form', target: row(20_000), init: { kind: 'aligned', scale: 1e-3, shape: [1] }, times: [1] }, /^target: is 1×20000/],
    ['n = 2000', sym({ target: square(2000), init: { kind: 'gaussian', scale: 1e-3, width: 2, seed: 1 } }), /^target: is 2000×2000: n must be ≤ 500/],
    ['n = 65 with digits', sym({ target: square(65), init: { kind: 'gaussian', scale: 1e-3, width: 2, seed: 1 }, digits: 20 }), /^target: is 65×65: n must be ≤ 64 with "digits"/],
    ['an explicit factor of 200 000 columns (ODE)', { model: 'symmetric', method: 'ode', target: [[1]], init: { factor: row(200_000, 0) }, times: [1] }, /^init.factor: has 200000 columns: the width must be ≤ 4096/],
    ['too many times', { ...sym(), times: new Array(LIMITS.times + 1).fill(0) }, /^times: must have at most 1000000 entries/],
    ['too much work', sym({ target: square(500), init: { kind: 'gaussian', scale: 1e-3, width: 2, seed: 1 }, times: new Array(10).fill(1) }), /^times: 10 snapshots at size 500 exceed the work limit/],
    ['too much decimal work', sym({ times: new Array(300).fill(1), digits: 100 }), /^times: 300 snapshots at size 2, width 1 with 100 digits exceed the decimal work limit/],
    ['a wide init with digits', sym({ init: { kind: 'gaussian', scale: 1e-3, width: 4096, seed: 1 }, digits: 20 }), /^times: 1 snapshots at size 2, width 4096 with 20 digits exceed the decimal work limit/],
    ['a result larger than the output limit', sym({ target: square(20), init: { kind: 'gaussian', scale: 1e-3, width: 2, seed: 1 }, times: new Array(25000).fill(1) }), /^times: the result would be about \d+ MiB .*the limit is 256 MiB/],
    ['an expensive ODE right-hand side', { model: 'symmetric', method: 'ode', target: square(100), init: { kind: 'gaussian', scale: 1e-3, width: 4096, seed: 1 }, times: [1] }, /^init: an ODE right-hand side at 100×100 with width 4096 costs/],
    ['an ODE run to t = 1e20', sym({ method: 'ode', times: [1, 1e20] }), /^times\[1\]: must be ≤ .* with "method": "ode" \(= 4·steps\/max\|λ\|: an explicit integrator needs about t·max\|λ\|\/4 steps/],
    ['an ODE hitting-time horizon of 1e12', sym({ method: 'ode', levels: [0.5], horizon: 1e12 }), /^horizon: must be ≤ .* with "method": "ode"/],
    ['a target entry of 1.8e308 with a generated init', { model: 'asymmetric', method: 'closed-form', target: [[0, 1.7976931348623157e308], [1, 0]], init: { kind: 'aligned', scale: 0.1, shape: [1, 1] }, times: [1] }, /^target\[0\]\[1\]: must have magnitude ≤ 1e\+100/],
    ['levels [1]', sym({ levels: [0.5, 1] }), /^levels\[1\]: must not be 1: a projection reaches its target value λᵢ only as t → ∞/],
    ['an overflowing init.scale (gaussian)', sym({ init: { kind: 'gaussian', scale: 1e300, width: 2, seed: 1 } }), /^init.scale: must be ≤ 1e\+100/],
    ['an overflowing init.scale (aligned)', sym({ init: { kind: 'aligned', scale: 1e90, shape: [1e20, 1] } }), /^init.shape\[0\]: times init.scale must be ≤ 1e\+100/],
    ['factor rows declared wrong', sym({ init: { factor: col(5) } }), /^init.factor: must have 2 rows like the target \(has 5\)/],
    ['a bad maxSeconds', { ...sym(), maxSeconds: -1 }, /^maxSeconds: must be a number of seconds > 0/],
  ]);
});
