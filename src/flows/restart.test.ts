import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { Rng } from '../init/rng.js';
import { fromRows, zeros } from '../linalg/matrix.js';
import { ROUNDING_CONSTANT, RestartStepper, restartSeries } from './restart.js';
import { symmetricClosedForm } from './symmetricClosedForm.js';

interface GoldenInstance {
  id: string;
  target: string[][];
  factor: string[][];
  times: number[];
  W: string[][][];
}
const golden: { instances: GoldenInstance[] } = JSON.parse(
  readFileSync(new URL('../../fixtures/golden/closed-form.json', import.meta.url), 'utf8'),
);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]));
  return e;
}

describe('restart update of the closed form', () => {
  it('meets the golden 60-digit references at the golden tolerance when the golden times are reached by restart steps', () => {
    let worst = 0, restarted = 0;
    for (const inst of golden.instances) {
      const f = symmetricClosedForm(fromRows(inst.target.map((r) => r.map(Number))), fromRows(inst.factor.map((r) => r.map(Number))));
      const grid = Array.from({ length: 400 }, (_, k) => (8 * (k + 1)) / 400);
      const times = [...new Set([...grid, ...inst.times])].sort((a, b) => a - b);
      const series = f.eigenFactors(times);
      const ws = f.matrices(times);
      inst.times.forEach((t, k) => {
        const at = times.indexOf(t);
        if (!series.anchored[at]) restarted++;
        const ref = inst.W[k].flat().map(Number);
        worst = Math.max(worst, maxAbsDiff(ws[at].data, ref) / Math.max(1, ...ref.map(Math.abs)));
      });
    }
    expect(restarted).toBeGreaterThan(golden.instances.length); // not vacuous: most golden times ≤ 8 are restart points
    expect(worst).toBeLessThanOrEqual(1e-10);
    // Measured 7e−15, as the QR path (golden.test.ts): a regression of 1000× is a finding.
    expect(worst).toBeLessThan(1e-13);
  });

  it('stays within its error estimate of the QR evaluation at every point (n = 5, 12, 33; r < n, r = n, r > n)', () => {
    for (const [n, r, top] of [[5, 3, 5], [12, 12, 3], [33, 35, 5], [12, 4, -1]]) {
      const y = withSpectrum(haarOrthogonal(n, 70 + n), Array.from({ length: n }, (_, i) => top - (2 * Math.abs(top) * i) / (n - 1)));
      const u0 = zeros(n, r);
      u0.data.set(new Rng(80 + n).normalArray(n * r, 1e-3));
      const f = symmetricClosedForm(y, u0);
      const times = Array.from({ length: 300 }, (_, k) => (6 * k) / 299);
      const series = f.eigenFactors(times);
      const ws = f.matrices(times);
      let restarted = 0, outside = 0;
      times.forEach((t, k) => {
        if (!series.anchored[k]) restarted++;
        if (!(maxAbsDiff(ws[k].data, f.matrix(t).data) <= series.errorEstimate[k])) outside++;
      });
      expect(outside).toBe(0);
      expect(restarted).toBeGreaterThan(times.length / 2);
    }
  });

  it('anchors every K points, on decreasing times, and repeats the factor on a repeated time', () => {
    const n = 6;
    const y = withSpectrum(haarOrthogonal(n, 5), [2, 1, 0.5, 0, -1, -2]);
    const u0 = zeros(n, n);
    u0.data.set(new Rng(6).normalArray(n * n, 0.1));
    const f = symmetricClosedForm(y, u0);
    const times = [0, 0.1, 0.2, 0.2, 0.3, 0.15, 0.25, 0.35, 0.45, 0.55];
    const s = f.eigenFactors(times, { maxSteps: 2 });
    expect(s.anchored).toEqual([true, false, false, false, true, true, false, false, true, false]);
    expect(s.factors[3]).toEqual(s.factors[2]);
    expect(s.factors[3]).not.toBe(s.factors[2]); // a copy: writing into one leaves the other
    const ws = f.matrices(times, { maxSteps: 2 });
    times.forEach((t, k) => {
      if (s.anchored[k]) expect(ws[k].data).toEqual(f.matrix(t).data); // anchors are the QR evaluation itself
    });
  });

  it('anchors a step whose conditioning alone would spend the error budget (long steps with λ₁ > 0)', () => {
    const n = 4;
    const y = withSpectrum(haarOrthogonal(n, 9), [5, 1, -1, -5]);
    const u0 = zeros(n, 2);
    u0.data.set(new Rng(10).normalArray(n * 2, 1));
    const f = symmetricClosedForm(y, u0);
    const s = f.eigenFactors([0, 1, 20, 20.001]);
    expect(s.anchored).toEqual([true, true, true, false]);
  });

  it('the stepper refuses a non-finite factor (non-positive Cholesky pivot)', () => {
    const st = new RestartStepper(Float64Array.from([1, -1]), 2);
    const v = Float64Array.from([Number.NaN, 0, 0, 1]);
    st.conditioning(v, 0.1);
    expect(st.step(v, 0.1, new Float64Array(4))).toBe(false);
  });
});

describe('restart step conditioning κ = 1 + ‖G(Δ)^{1/2}V‖²_F', () => {
  it('takes gᵢ = expm1(2λΔ)/λ, and its λ → 0 series 2Δ(1 + λΔ) where 2λΔ is tiny (exact even for a subnormal λ)', () => {
    // one row, v = 1: κ = 1 + g
    const kappa = (lam: number, dt: number) => new RestartStepper(Float64Array.of(lam), 1).conditioning(Float64Array.of(1), dt);
    expect(kappa(0.5, 2)).toBeCloseTo(1 + Math.expm1(2) / 0.5, 13);
    expect(kappa(0, 3)).toBeCloseTo(7, 14);
    // 2·5e−324·0.7 rounds to 5e−324: expm1(x)/λ would give 1 instead of g = 1.4
    expect(kappa(5e-324, 0.7)).toBeCloseTo(2.4, 14);
    // x = 8e−11: the series' first-order term matters at 1e−10 relative
    expect(kappa(1e-11, 4)).toBeCloseTo(1 + Math.expm1(8e-11) / 1e-11, 13);
    expect(kappa(-1e-11, 4)).toBeCloseTo(1 + Math.expm1(-8e-11) / -1e-11, 13);
  });
});

/**
 * restartSeries on a scalar flow (n = w = 1), where everything is known by hand: the closed form
 * V(t) = e^{λt}v₀/√(1 + g(t)v₀²), g = expm1(2λt)/λ, the conditioning κ = 1 + g(Δ)V², and the error
 * recursion E₀ = u, E_{k+1} = e^{2λ₁⁺Δ}(E_k + u·κ_k) with u = c·w·ε·B, against the budget b·max(1, B).
 */
describe('restartSeries: error recursion, budget and step count on a scalar flow', () => {
  const EPS = 2 ** -53;
  const exact = (lam: number, v0: number) => (t: number) =>
    Float64Array.of((Math.exp(lam * t) * v0) / Math.sqrt(1 + (lam === 0 ? 2 * t : Math.expm1(2 * lam * t) / lam) * v0 * v0));
  const g = (lam: number, dt: number) => (lam === 0 ? 2 * dt : Math.expm1(2 * lam * dt) / lam);

  it('E₀ = c·w·ε·B at an anchor, E₁ = e^{2λ₁⁺Δ}(E₀ + u·κ) after a step, and the step is the closed form', () => {
    for (const [lam, bound] of [[0.7, 3], [-0.7, 0.25]]) {
      const v = exact(lam, 0.3);
      const s = restartSeries([0, 0.4, 0.9], v, Float64Array.of(lam), 1, bound);
      const u = ROUNDING_CONSTANT * EPS * bound;
      expect(ROUNDING_CONSTANT).toBe(4);
      expect(s.anchored).toEqual([true, false, false]);
      expect(s.errorEstimate[0]).toBe(u);
      const k1 = 1 + g(lam, 0.4) * v(0)[0] ** 2;
      const e1 = Math.exp(2 * Math.max(lam, 0) * 0.4) * (u + u * k1);
      expect(s.errorEstimate[1]).toBeCloseTo(e1, 30);
      expect(s.errorEstimate[1] / e1).toBeCloseTo(1, 12);
      const k2 = 1 + g(lam, 0.5) * v(0.4)[0] ** 2;
      expect(s.errorEstimate[2] / (Math.exp(2 * Math.max(lam, 0) * 0.5) * (e1 + u * k2))).toBeCloseTo(1, 12);
      expect(s.factors[2][0]).toBeCloseTo(v(0.9)[0], 15);
    }
  });

  it('the budget is b·max(1, B): with B below and above 1 a step just inside it is taken, just outside anchored', () => {
    // λ = 0, v = 1, Δ = 0.5: κ = 2, E₁ = E₀ + u·κ = 3u with u = 4εB.
    const at = (bound: number, budget: number) =>
      restartSeries([0, 0.5], () => Float64Array.of(1), Float64Array.of(0), 1, bound, { budget }).anchored[1];
    expect(at(0.5, 6.01 * EPS)).toBe(false); // 3u = 6ε ≤ 6.01ε·max(1, 0.5)
    expect(at(0.5, 5.99 * EPS)).toBe(true);
    expect(at(0.5, 6 * EPS)).toBe(false); // exactly at the budget (every quantity exact here): not exceeding it
    expect(at(2, 12.01 * EPS)).toBe(false); // 3u = 24ε ≤ 12.01ε·2
    expect(at(2, 11.99 * EPS)).toBe(true);
  });

  it('default budget 1e−11·max(1, B): one step with κ = 1 + 2Δ is taken up to Δ ≈ 11258 (B = 1)', () => {
    // E₁ = u(2 + 2Δ), u = 4ε: ≤ 1e−11 iff Δ ≤ 1e−11/(8ε) − 1 ≈ 11258
    const at = (dt: number) => restartSeries([0, dt], () => Float64Array.of(1), Float64Array.of(0), 1, 1).anchored[1];
    expect(at(11200)).toBe(false);
    expect(at(11320)).toBe(true);
  });

  it('default step count 64 between anchors; a decreasing time is anchored', () => {
    const times = Array.from({ length: 67 }, (_, k) => k * 1e-3);
    const s = restartSeries(times, () => Float64Array.of(1), Float64Array.of(0), 1, 1);
    expect(s.anchored.map((b, k) => (b ? k : -1)).filter((k) => k >= 0)).toEqual([0, 65]);
    const back = restartSeries([0, 1, 0.5, 0.6], exact(1, 0.1), Float64Array.of(1), 1, 1);
    expect(back.anchored).toEqual([true, false, true, false]);
  });

  it('κ is Infinity (not NaN) when some gᵢ overflows on a zero row', () => {
    const st = new RestartStepper(Float64Array.of(400, 1), 1);
    expect(st.conditioning(Float64Array.of(0, 1), 1)).toBe(Infinity);
  });
});
