import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deepInit } from '../gd/inits.js';
import { explicitMeasurements } from '../gd/measurements.js';
import { DeepGd } from '../gd/models.js';
import { fromRows, type Matrix } from '../linalg/matrix.js';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { decimalContext } from './decimal.js';
import { certifiedDeepGd, DecimalDeepGd, exactDecimal, type MatrixGdProblem } from './matrixGdDecimal.js';

interface GoldenCase {
  name: string;
  y: number[][];
  factors: number[][][];
  stepSize: number;
  steps: number;
  record: number[];
  measurements?: { matrices: number[][][]; observations: number[] };
  golden: { iteration: number; product: string[][] }[];
}
const golden: { digits: number; cases: GoldenCase[] } = JSON.parse(readFileSync(new URL('../../fixtures/golden/matrix-gd.json', import.meta.url), 'utf8'));

function problemOf(c: GoldenCase): MatrixGdProblem {
  const y = fromRows(c.y);
  return {
    y,
    factors: c.factors.map((f) => fromRows(f)),
    stepSize: c.stepSize,
    measurements: c.measurements ? explicitMeasurements(y.rows, c.measurements.matrices, c.measurements.observations, y.cols) : null,
  };
}

describe('decimal matrix GD against the mpmath reference (fixtures/golden/matrix-gd.json, scripts/golden_matrix_gd.py)', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s: the 40-digit run agrees with the 80-digit reference to 1e-30', (_name, c) => {
    const D = decimalContext(40);
    const run = new DecimalDeepGd(D, problemOf(c));
    let worst = 0;
    for (let k = 0; k <= c.steps; k++) {
      const g = c.golden.find((x) => x.iteration === k);
      if (g) {
        const w = run.product();
        g.product.flat().forEach((s, i) => {
          const ref = new D(s);
          worst = Math.max(worst, w[i].minus(ref).abs().div(ref.abs().plus(1e-3)).toNumber());
        });
      }
      if (k < c.steps) run.step();
    }
    // 40-digit arithmetic over ≤ 12 steps (error growth ≤ 10²) and 40 printed digits: ≤ 1e-30 with room.
    expect(worst).toBeLessThan(1e-30);
  });
});

/** A well-conditioned instance: n = 3, Y = Q diag(2, 0.7, 0.1) Qᵀ, Gaussian init α = 0.3. */
function gaussianProblem(depth: number, stepSize: number): MatrixGdProblem {
  const y = withSpectrum(haarOrthogonal(3, 11), [2, 0.7, 0.1]);
  return { y, factors: deepInit('gaussian', y, depth, 0.3, 5), stepSize };
}

function floatRun(p: MatrixGdProblem, steps: number): Float64Array[] {
  const m = new DeepGd(p.y, p.factors as Matrix[], p.measurements ?? null);
  const out: Float64Array[] = [];
  for (let k = 0; k <= steps; k++) {
    out.push(m.evaluate().product.slice());
    if (k < steps) m.step(p.stepSize);
  }
  return out;
}

describe('decimal matrix GD against the float64 engine (the same iterations)', () => {
  it.each([2, 3])('N = %i, Gaussian init, 150 steps: agreement to float64 rounding (≤ 1e-12 of ‖Y‖)', (N) => {
    const p = gaussianProblem(N, 0.2);
    const f = floatRun(p, 150);
    let worst = 0, spread = 0;
    certifiedDeepGd(p, 20, 150, (k, s) => {
      s.product.forEach((x, i) => (worst = Math.max(worst, Math.abs(x.toNumber() - f[k][i]))));
      spread = s.spread;
    });
    expect(worst).toBeLessThan(1e-12);
    // the agreement test at 20 vs 40 digits: the spread is ~10⁻²⁰, far below the float64 difference
    expect(spread).toBeLessThan(1e-16);
  });

  it('sensing (m = 5 < n² = 9, N = 2, identical init): agreement to float64 rounding', () => {
    const y = withSpectrum(haarOrthogonal(3, 4), [1.5, 0.4, 0]);
    const c = golden.cases.find((x) => x.measurements)!;
    const meas = explicitMeasurements(3, c.measurements!.matrices, c.measurements!.observations);
    const p: MatrixGdProblem = { y, factors: deepInit('identity', y, 2, 0.1), stepSize: 0.1, measurements: meas };
    const f = floatRun(p, 60);
    let worst = 0;
    certifiedDeepGd(p, 20, 60, (k, s) => s.product.forEach((x, i) => (worst = Math.max(worst, Math.abs(x.toNumber() - f[k][i])))));
    expect(worst).toBeLessThan(1e-12);
  });

  it('the spread (D vs 2D) covers the D-digit run\'s error against a 4D-digit run', () => {
    const p = gaussianProblem(3, 0.2);
    const hi = new DecimalDeepGd(decimalContext(60), p);
    const lo = new DecimalDeepGd(decimalContext(15), p);
    let covered = true, maxErr = 0;
    certifiedDeepGd(p, 15, 80, (k, s) => {
      // the 30-digit run's error is well inside the spread; the 15-digit run's error is what it measures
      const err = Math.max(...lo.product().map((x, i) => x.minus(hi.product()[i]).abs().toNumber()));
      const err2 = Math.max(...s.product.map((x, i) => x.minus(hi.product()[i]).abs().toNumber()));
      if (!(err2 <= s.spread)) covered = false;
      maxErr = Math.max(maxErr, err);
      if (k < 80) {
        lo.step();
        hi.step();
      }
    });
    expect(covered).toBe(true);
    expect(maxErr).toBeGreaterThan(1e-18); // the 15-digit run is measurably off: the test is not vacuous
  });

  it('exactDecimal converts a double exactly', () => {
    expect(exactDecimal(decimalContext(60), 0.1).toString()).toBe('0.1000000000000000055511151231257827021181583404541015625');
  });
});
