import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { Rng } from '../init/rng.js';
import { fromRows, zeros } from '../linalg/matrix.js';
import { RestartStepper } from './restart.js';
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
