/**
 * Measures the sensing stability threshold reported by `solve` against the observed one, for explicit
 * Gaussian measurement matrices of entry scale c (run: npx tsx bench/sensingThreshold.ts).
 * Observed threshold: bisection on η for local stability of the balanced minimum (GD from the
 * balanced factorization of X plus a 1e−6 perturbation; stable if the loss after K steps is below
 * its initial value), an observation independent of the power iteration behind the report.
 */
import { haarOrthogonal } from '../src/generate/orthogonal.js';
import { deepInit, layerDims, spectralFactors } from '../src/gd/inits.js';
import { LayeredGd } from '../src/gd/layered.js';
import { explicitMeasurements } from '../src/gd/measurements.js';
import { Rng } from '../src/init/rng.js';
import { type Matrix, toRows, zeros } from '../src/linalg/matrix.js';
import { solve } from '../src/solve/index.js';
import { targetSpectrum } from '../src/spectrum/targetSpectrum.js';

export function lowRank(n: number, values: number[], seed: number): Matrix {
  const u = haarOrthogonal(n, seed), v = haarOrthogonal(n, seed + 1);
  const x = zeros(n, n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
    let s = 0;
    values.forEach((sv, c) => (s += u.data[a * n + c] * sv * v.data[b * n + c]));
    x.data[a * n + b] = s;
  }
  return x;
}

export function scaledOperator(x: Matrix, count: number, c: number, seed: number): { matrices: number[][][]; observations: number[] } {
  const rng = new Rng(seed);
  const n = x.rows;
  const matrices: number[][][] = [], observations: number[] = [];
  for (let i = 0; i < count; i++) {
    const a = Array.from({ length: n }, () => Array.from(rng.normalArray(n, c)));
    matrices.push(a);
    let s = 0;
    for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) s += a[p][q] * x.data[p * n + q];
    observations.push(s);
  }
  return { matrices, observations };
}

/** True if GD at step eta, from the balanced minimum plus a small perturbation, does not grow the loss. */
export function locallyStable(x: Matrix, depth: number, op: { matrices: number[][][]; observations: number[] }, eta: number, steps: number): boolean {
  const sp = targetSpectrum(x, 'singular');
  const dims = layerDims(x, depth);
  const vals = Array.from(sp.values);
  const f = spectralFactors(dims, sp.left, sp.right, vals.map((v) => v ** (1 / depth)), vals);
  const noise = deepInit('gaussian', x, depth, 1e-6, 7);
  f.forEach((w, j) => w.data.forEach((_, i) => (w.data[i] += noise[j].data[i])));
  const meas = explicitMeasurements(x.rows, op.matrices, op.observations);
  const m = new LayeredGd(x, f, { kind: 'sensing', measurements: meas });
  const l0 = m.evaluate().loss;
  for (let k = 0; k < steps; k++) {
    m.step(eta);
    const l = m.evaluate().loss;
    if (!(l < 1e6 * l0 + 1e-300)) return false;
  }
  return m.evaluate().loss <= l0;
}

export function observedThreshold(x: Matrix, depth: number, op: { matrices: number[][][]; observations: number[] }, guess: number, steps: number): number {
  let lo = guess / 4, hi = guess * 4;
  for (let i = 0; i < 18; i++) {
    const mid = Math.sqrt(lo * hi);
    if (locallyStable(x, depth, op, mid, steps)) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

if (process.argv[1]?.endsWith('sensingThreshold.ts')) {
  const n = 20, depth = 3;
  const x = lowRank(n, [17, 8, 3], 5);
  for (const c of [1 / n, 3]) {
    const op = scaledOperator(x, 300, c, 11);
    const r = solve({ model: 'sensing', method: 'gd', depth, target: toRows(x), init: { kind: 'balanced', scale: 0.3, seed: 1 }, stepSize: 1e-9, iterations: [0], measurements: op });
    const reported = r.diagnostics.stabilityThreshold as number;
    const observed = observedThreshold(x, depth, op, reported, 400);
    console.log(JSON.stringify({ c, reported, observed, ratio: reported / observed, oldFormula: 2 / (depth * 17 ** (2 - 2 / depth)), estimate: r.diagnostics.stabilityThresholdEstimate }));
  }
}
