import { describe, expect, it } from 'vitest';
import { NumericalError } from '../errors.js';
import { solve } from './index.js';
import { itRejects } from './testSupport.js';

const deep = () => ({
  model: 'deep',
  method: 'gd',
  depth: 3,
  target: [[3, 0], [0, 1]],
  init: { kind: 'identity', scale: 0.1 } as Record<string, unknown>,
  stepSize: 0.05,
  iterations: [0, 50, 200],
});
type P = Record<string, unknown>;
const w = (patch: (p: P) => void): P => {
  const p: P = deep();
  patch(p);
  return p;
};

const BAD: [string, unknown, RegExp][] = [
  ['missing depth', w((p) => delete p.depth), /^depth: is required/],
  ['depth 0', w((p) => (p.depth = 0)), /^depth: must be an integer from 1 to 64/],
  ['width with depth 1', w((p) => { p.depth = 1; p.width = 2; }), /^width: needs depth ≥ 2/],
  ['width and widths', w((p) => { p.width = 2; p.widths = [2, 2]; }), /^widths: cannot be given together with width/],
  ['widths length', w((p) => (p.widths = [2])), /^widths: must be an array of 2 hidden widths/],
  ['width 0', w((p) => (p.width = 0)), /^width: must be an integer from 1 to 4096/],
  ['width for asymmetric', { ...deep(), model: 'asymmetric', depth: undefined, width: 2, init: { factors: [[[1], [1]], [[1], [1]]] } }, /^width: is only for the deep, sensing and completion models/],
  ['completion without observed', w((p) => (p.model = 'completion')), /^observed: is required/],
  ['observed for deep', w((p) => (p.observed = { count: 1, seed: 1 })), /^observed: is only for the completion model/],
  ['observed out of range', w((p) => { p.model = 'completion'; p.observed = [[0, 0], [2, 0]]; }), /^observed\[1\]: must be a pair \[row, column\] of integers with 0 ≤ row < 2/],
  ['observed twice', w((p) => { p.model = 'completion'; p.observed = [[0, 1], [0, 1]]; }), /^observed: must not list an entry twice \(entry \[0, 1\] repeats\)/],
  ['observed count too large', w((p) => { p.model = 'completion'; p.observed = { count: 5, seed: 1 }; }), /^observed.count: must be an integer from 1 to 4/],
  ['observed unknown key', w((p) => { p.model = 'completion'; p.observed = { count: 2, seed: 1, n: 1 }; }), /^observed.n: is not a known field here/],
  ['negative stopLoss', w((p) => (p.stopLoss = -1)), /^stopLoss: must be ≥ 0/],
  ['bad hittingOn', w((p) => (p.hittingOn = 'eigenvalues')), /^hittingOn: must be one of "projections", "singularValues"/],
  ['lightEvery 0', w((p) => (p.lightEvery = 0)), /^lightEvery: must be an integer from 1 to 100000000/],
  ['returnFactors not boolean', w((p) => (p.returnFactors = 1)), /^returnFactors: must be true or false/],
  ['snapshotMatrix not boolean', w((p) => (p.snapshotMatrix = 'no')), /^snapshotMatrix: must be true or false/],
  ['flow snapshotMatrix not boolean', { model: 'symmetric', method: 'closed-form', target: [[1]], init: { factor: [[1]] }, times: [1], snapshotMatrix: 0 }, /^snapshotMatrix: must be true or false/],
  ['completion by a flow', { ...deep(), model: 'completion', method: 'ode' }, /^method: the completion model is solved by gradient descent/],
  ['overflowing balanced scale', w((p) => { p.depth = 64; p.init = { kind: 'balanced', scale: 1e10, seed: 1 }; }), /^init.scale: is too large: the initial loss overflows float64/],
  ['overflowing init scale', w((p) => (p.init = { kind: 'identity', scale: 1e200 })), /^init.scale: is too large/],
  ['huge noise', w((p) => { p.model = 'sensing'; p.measurements = { count: 50, seed: 1, noise: 1e308 }; }), /^measurements.noise: must keep every observation finite/],
  ['noise whose loss overflows', w((p) => { p.model = 'sensing'; p.measurements = { count: 5, seed: 1, noise: 1e300 }; }), /^measurements.noise: is too large: the loss/],
  ['too much work', w((p) => { p.target = Array.from({ length: 60 }, (_, i) => Array.from({ length: 60 }, (_, j) => (i === j ? 1 : 0))); p.iterations = [1e8]; }), /^maxIterations: the run needs ≈ .* flops .* above the gradient-descent work limit 1e\+12 flops/],
  ['too large a result', w((p) => { p.target = Array.from({ length: 60 }, (_, i) => Array.from({ length: 60 }, (_, j) => (i === j ? 1 : 0))); p.iterations = Array.from({ length: 5000 }, (_, i) => i % 3); }), /^iterations: the result would take ≈ \d+ MiB, above the limit of 256 MiB/],
  ['depth for symmetric', { ...deep(), model: 'symmetric', init: { factor: [[1], [1]] } }, /^depth: is only for the deep, sensing and completion models/],
  ['zero step', w((p) => (p.stepSize = 0)), /^stepSize: must be > 0/],
  ['missing step', w((p) => delete p.stepSize), /^stepSize: is required/],
  ['fractional iteration', w((p) => (p.iterations = [1.5])), /^iterations\[0\]: must be an integer from 0 to 100000000/],
  ['negative iteration', w((p) => (p.iterations = [-1])), /^iterations\[0\]: must be ≥ 0/],
  ['maxIterations below', w((p) => (p.maxIterations = 10)), /^maxIterations: must be an integer from 200 to 100000000/],
  ['non-symmetric target for symmetric GD', { ...deep(), model: 'symmetric', depth: undefined, target: [[1, 2], [3, 4]], init: { factor: [[1], [1]] } }, /^target: must be symmetric/],
  ['unknown init kind', w((p) => (p.init = { kind: 'haar', scale: 1 })), /^init.kind: must be one of "identity", "aligned", "gaussian", "balanced", "orthogonal"/],
  ['gaussian without seed', w((p) => (p.init = { kind: 'gaussian', scale: 1 })), /^init.seed: is required/],
  ['identity with seed', w((p) => (p.init = { kind: 'identity', scale: 1, seed: 3 })), /^init.seed: is not a known field here/],
  ['factors count', w((p) => (p.init = { factors: [[[1, 0], [0, 1]]] })), /^init.factors: must be an array of 3 matrices W1 … W3/],
  ['factor shape', w((p) => (p.init = { factors: [[[1, 0], [0, 1]], [[1, 0], [0, 1]], [[1, 0, 0], [0, 1, 0]]] })), /^init.factors\[2\]: must be 2×2 \(is 2×3\)/],
  ['flow init for deep', w((p) => (p.init = { factor: [[1], [1]] })), /^init.kind: is required/],
  ['measurements for deep', w((p) => (p.measurements = { count: 3, seed: 1 })), /^measurements: is only for the sensing model/],
  ['sensing without measurements', w((p) => (p.model = 'sensing')), /^measurements: is required/],
  ['sensing count 0', w((p) => { p.model = 'sensing'; p.measurements = { count: 0, seed: 1 }; }), /^measurements.count: must be an integer from 1 to 10000000/],
  ['sensing negative noise', w((p) => { p.model = 'sensing'; p.measurements = { count: 2, seed: 1, noise: -1 }; }), /^measurements.noise: must be ≥ 0/],
  ['sensing unknown key', w((p) => { p.model = 'sensing'; p.measurements = { count: 2, seed: 1, sigma: 1 }; }), /^measurements.sigma: is not a known field here/],
  ['sensing observations count', w((p) => { p.model = 'sensing'; p.measurements = { matrices: [[[1, 0], [0, 1]]], observations: [] }; }), /^measurements.observations: must be an array of 1 numbers/],
  ['unknown gd field', w((p) => (p.ode = {})), /^ode: is not a known field here/],
];

describe('solve (gd) input validation', () => {
  itRejects(BAD);
});

describe('solve (gd) results', () => {
  it('deep: snapshots with iteration, balancedness; hitting iterations; diagnostics with thresholds', () => {
    const r = solve({ ...deep(), levels: [0.5], maxIterations: 10000 });
    expect(r.snapshots.map((s) => s.iteration)).toEqual([0, 50, 200]);
    expect(r.snapshots[0].balancedness).toBe(0);
    expect(r.snapshots[0].effectiveRank).toBeCloseTo(2, 12);
    const h = r.hitting!.times[0] as number[];
    expect(h[0]).toBeLessThan(h[1]);
    expect(r.hitting!.maxIterations).toBe(10000);
    expect(r.diagnostics).toMatchObject({ model: 'deep', method: 'gd', depth: 3, stepSize: 0.05, warnings: [] });
    expect(r.diagnostics.stabilityThreshold).toBeCloseTo(2 / (3 * 3 ** (4 / 3)), 14);
    expect(r.diagnostics.iterationsRun).toBe(Math.max(200, h[1]));
  });
  it('deep: aligned, gaussian, balanced and explicit factors', () => {
    const y = [[1, 2], [0.5, -1]];
    for (const init of [{ kind: 'aligned', scale: 0.3 }, { kind: 'gaussian', scale: 0.3, seed: 1 }, { kind: 'balanced', scale: 0.3, seed: 1 }, { factors: [[[0.3, 0], [0, 0.3]], [[0.3, 0], [0, 0.3]], [[0.3, 0], [0, 0.3]]] }]) {
      const r = solve({ ...deep(), target: y, init, iterations: [100] });
      expect(r.snapshots[0].singularValues.length).toBe(2);
    }
    const bal = solve({ ...deep(), target: y, init: { kind: 'balanced', scale: 0.3, seed: 1 }, iterations: [0] });
    expect(bal.snapshots[0].balancedness).toBeLessThan(1e-14);
  });
  it('sensing: recovery error and measurement-loss scaling in the diagnostics', () => {
    const r = solve({ ...deep(), model: 'sensing', depth: 2, target: [[2, 0], [0, 0]], init: { kind: 'identity', scale: 0.05 }, stepSize: 0.1, iterations: [0, 2000], measurements: { count: 8, seed: 3 } });
    expect(r.snapshots[1].recoveryError as number).toBeLessThan(1e-3);
    expect(r.diagnostics.measurements).toBe(8);
    expect(String(r.diagnostics.lossScaling)).toMatch(/1\/2m/);
  });
  it('symmetric and asymmetric gradient descent take the flow inits', () => {
    const s = solve({ model: 'symmetric', method: 'gd', target: [[2, 0], [0, 1]], init: { kind: 'aligned', scale: 1e-3, shape: [1, 1] }, stepSize: 0.1, iterations: [0, 100] });
    expect(s.snapshots[1].projections[0]).toBeCloseTo(2, 6);
    const a = solve({ model: 'asymmetric', method: 'gd', target: [[1, 2, 0], [0, 1, 1]], init: { kind: 'gaussian', scale: 1e-2, width: 2, seed: 3 }, stepSize: 0.05, iterations: [0, 500] });
    expect(a.snapshots[1].loss as number).toBeLessThan(1e-6);
    expect(a.snapshots[0].balancedness as number).toBeGreaterThan(0);
  });
  it('warns above the stability threshold and reports divergence as a NumericalError', () => {
    const thr = 2 / (3 * 3 ** (4 / 3));
    const r = solve({ ...deep(), stepSize: 1.2 * thr, iterations: [30] });
    expect((r.diagnostics.warnings as string[])[0]).toMatch(/above the stability threshold/);
    expect(() => solve({ ...deep(), stepSize: 0.5, iterations: [1000] })).toThrow(NumericalError);
  });
});
