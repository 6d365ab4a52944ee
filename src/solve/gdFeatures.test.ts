import { describe, expect, it } from 'vitest';
import { drawnEntries } from '../gd/completion.js';
import { deepInit } from '../gd/inits.js';
import { fromRows, matmulABt, matmulAtB, maxAbsDiff, identity, scale } from '../linalg/matrix.js';
import { singularValues } from '../linalg/svd.js';
import { main } from '../cli/main.js';
import { Rng } from '../init/rng.js';
import type { Snapshot } from '../types.js';
import { solve } from './index.js';
import { assembleStream, solveStream } from './stream.js';

const deep = (extra: Record<string, unknown> = {}) => ({
  model: 'deep',
  method: 'gd',
  depth: 2,
  target: [[3, 0, 0], [0, 1, 0]],
  init: { kind: 'identity', scale: 0.1 },
  stepSize: 0.05,
  iterations: [0, 50, 200],
  ...extra,
});

describe('rectangular targets, widths and depth 1', () => {
  it('deep on a 2×3 target with width 1 learns only the top mode; depth 1 learns both', () => {
    const narrow = solve(deep({ width: 1, iterations: [2000] }));
    const sv = narrow.snapshots[0].singularValues as number[];
    expect(sv[0]).toBeCloseTo(3, 8);
    expect(sv[1]).toBeLessThan(1e-12);
    expect(narrow.diagnostics.widths).toEqual([1]);
    const plain = solve(deep({ depth: 1, iterations: [2000] }));
    expect(plain.snapshots[0].singularValues).toEqual([expect.closeTo(3, 10), expect.closeTo(1, 10)]);
    expect(plain.diagnostics.stabilityThreshold).toBe(2);
  });
  it('widths may differ per layer; explicit factors must chain', () => {
    const r = solve(deep({ depth: 3, widths: [4, 2], init: { kind: 'gaussian', scale: 0.5, seed: 1 }, iterations: [10], returnFactors: true }));
    expect(r.factors!.map((f) => [f.length, f[0].length])).toEqual([[4, 3], [2, 4], [2, 2]]);
    expect(() => solve(deep({ depth: 2, init: { factors: [[[1, 0, 0]], [[1, 0]]] } }))).toThrow(/^init.factors\[1\]: must be 2×1 \(is 1×2\)/);
  });
});

describe('inits', () => {
  it('orthogonal: W_jW_jᵀ = α²I (square), orthonormal rows or columns (rectangular), reproducible', () => {
    const y = fromRows([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    const w = deepInit('orthogonal', y, 3, 0.7, 5);
    for (const f of w) expect(maxAbsDiff(matmulABt(f, f), scale(identity(3), 0.49))).toBeLessThan(1e-14);
    expect(deepInit('orthogonal', y, 3, 0.7, 5)).toEqual(w);
    const rect = deepInit('orthogonal', fromRows([[1, 0, 0], [0, 1, 0]]), 2, 1, 2, [5]);
    expect(maxAbsDiff(matmulAtB(rect[0], rect[0]), identity(3))).toBeLessThan(1e-14); // 5×3: orthonormal columns
    expect(maxAbsDiff(matmulABt(rect[1], rect[1]), identity(2))).toBeLessThan(1e-14); // 2×5: orthonormal rows
  });
  it('balanced at depth 64 and per-layer scale 2 does not overflow (α^N = 1.8e19 end to end)', () => {
    const w = deepInit('balanced', fromRows([[1, 0], [0, 1]]), 64, 2, 3);
    for (const f of w) for (const v of f.data) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('completion', () => {
  it('drawn entries: reproducible, distinct, the requested count', () => {
    const y = fromRows(Array.from({ length: 30 }, () => new Array(40).fill(1)));
    const a = drawnEntries(y, 300, 9), b = drawnEntries(y, 300, 9);
    expect(a.index).toEqual(b.index);
    expect(new Set(a.index).size).toBe(300);
    expect(drawnEntries(y, 1200, 1).index.length).toBe(1200);
  });
  it('snapshots carry the observed, unobserved and overall errors, consistent with each other', () => {
    const r = solve({ ...deep(), model: 'completion', target: [[1, 2], [2, 4]], observed: [[0, 0], [0, 1], [1, 0]], iterations: [0, 3000], stepSize: 0.3 });
    for (const s of r.snapshots) {
      expect(s.recoveryError! ** 2).toBeCloseTo(s.observedError! ** 2 + s.unobservedError! ** 2, 12);
    }
    // the rank-1 completion of three entries of a rank-1 matrix recovers the fourth
    expect(r.snapshots[1].observedError).toBeLessThan(1e-6);
    expect(r.snapshots[1].unobservedError).toBeLessThan(1e-3);
    expect(r.diagnostics).toMatchObject({ observed: 3, observedFraction: 0.75 });
  });
});

describe('run controls', () => {
  it('stopLoss stops after the first iterate with loss ≤ τ and reports it; later snapshots are left out', () => {
    const r = solve(deep({ stopLoss: 1e-3, iterations: [0, 100000], maxIterations: 100000 }));
    const at = r.diagnostics.stoppedAt as { iteration: number; loss: number };
    expect(at.loss).toBeLessThanOrEqual(1e-3);
    const before = solve(deep({ iterations: [at.iteration - 1] }));
    expect(before.snapshots[0].loss).toBeGreaterThan(1e-3);
    expect(r.snapshots.map((s) => s.iteration)).toEqual([0, at.iteration]);
    expect(r.diagnostics.iterationsRun).toBe(at.iteration);
  });
  it('hittingOn singularValues: the first iteration where σᵢ(W) ≥ q·σᵢ(Y)', () => {
    const p = { ...deep({ target: [[3, 1], [0.5, 1]], depth: 3, init: { kind: 'gaussian', scale: 0.3, seed: 2 } }), levels: [0.5], hittingOn: 'singularValues', maxIterations: 20000 };
    const r = solve(p);
    expect(r.hitting!.on).toBe('singularValues');
    const sy = singularValues(fromRows([[3, 1], [0.5, 1]]));
    (r.hitting!.times[0] as number[]).forEach((k, i) => {
      const at = solve({ ...p, levels: undefined, iterations: [k, k - 1] }).snapshots as Snapshot[];
      expect(at[0].singularValues[i] as number).toBeGreaterThanOrEqual(0.5 * sy[i]);
      expect(at[1].singularValues[i] as number).toBeLessThan(0.5 * sy[i]);
    });
  });
  it('light snapshots every k iterations without matrices; snapshotMatrix false leaves the matrix out', () => {
    const r = solve(deep({ lightEvery: 40, snapshotMatrix: false }));
    expect(r.lightSnapshots!.map((s) => s.iteration)).toEqual([0, 40, 80, 120, 160, 200]);
    for (const s of [...r.lightSnapshots!, ...r.snapshots]) expect('matrix' in s).toBe(false);
    expect(r.lightSnapshots![5]).toEqual(r.snapshots[2]);
    const flow = solve({ model: 'symmetric', method: 'closed-form', target: [[1]], init: { factor: [[0.1]] }, times: [1], snapshotMatrix: false });
    expect('matrix' in flow.snapshots[0]).toBe(false);
  });
  it('metrics: nuclear norm, Schatten-(2/N) quasi-norm of the product and the gradient norm', () => {
    const r = solve(deep({ depth: 3, init: { kind: 'gaussian', scale: 0.6, seed: 1 } }));
    for (const s of r.snapshots) {
      const sv = s.singularValues as number[];
      expect(s.nuclearNorm).toBeCloseTo(sv[0] + sv[1], 14);
      expect(s.schattenQuasiNorm).toBeCloseTo((sv[0] ** (2 / 3) + sv[1] ** (2 / 3)) ** 1.5, 13);
      expect(s.gradientNorm).toBeGreaterThan(0);
    }
    // at a minimum the gradient vanishes
    const conv = solve(deep({ depth: 1, iterations: [3000] }));
    expect(conv.snapshots[0].gradientNorm).toBeLessThan(1e-12);
  });
  it('zero target: the thresholds are ∞, encoded as null and listed in diagnostics.unbounded', () => {
    const r = solve(deep({ target: [[0, 0], [0, 0]] }));
    expect(r.diagnostics).toMatchObject({ stabilityThreshold: null, monotoneStepBound: null, unbounded: ['stabilityThreshold', 'monotoneStepBound'] });
  });
  it('250 000 requested iterations, repeats included, in linear time', () => {
    const its = Array.from({ length: 250000 }, (_, i) => i % 50);
    const t0 = performance.now();
    const r = solve({ ...deep({ target: [[1]], iterations: its, snapshotMatrix: false }) });
    expect(r.snapshots.length).toBe(250000);
    expect(r.snapshots[249999]).toBe(r.snapshots[49]);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('JSON Lines', () => {
  it('assembles to the result solve returns (gd with light snapshots and factors; flows)', () => {
    for (const p of [deep({ lightEvery: 70, returnFactors: true, iterations: [200, 0, 200] }), { model: 'symmetric', method: 'closed-form', target: [[1]], init: { factor: [[0.1]] }, times: [1, 0] }]) {
      const lines: string[] = [];
      solveStream(p, (l) => lines.push(l));
      expect(lines.every((l) => !l.includes('\n'))).toBe(true);
      expect(assembleStream(lines)).toEqual(JSON.parse(JSON.stringify(solve(p))));
    }
  });
  it('dmf-check solve --jsonl writes one object per line', async () => {
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: () => undefined, stdin: async () => JSON.stringify(deep({ iterations: [5, 1] })) };
    expect(await main(['solve', '--jsonl'], io)).toBe(0);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['snapshot', 'snapshot', 'result']);
    expect(lines[0].indices).toEqual([1]);
  });
});

describe('the sensing threshold warning uses the operator', () => {
  it('measurements of entry scale 1/n: no warning at a step far above 2/(Nσ₁^{2−2/N}) that converges', () => {
    const n = 3, c = 1 / n;
    const rng = new Rng(4);
    const A = Array.from({ length: 30 }, () => Array.from({ length: n }, () => Array.from(rng.normalArray(n, c))));
    const x = [[2, 0, 0], [0, 1, 0], [0, 0, 0.5]];
    const obs = A.map((m) => m.reduce((s, row, a) => s + row.reduce((t, v, b) => t + v * x[a][b], 0), 0));
    const p = { model: 'sensing', method: 'gd', depth: 3, target: x, init: { kind: 'identity', scale: 0.5 }, measurements: { matrices: A, observations: obs }, iterations: [4000] };
    const old = 2 / (3 * 2 ** (4 / 3));
    const r = solve({ ...p, stepSize: 3 * old });
    expect(r.diagnostics.warnings).toEqual([]);
    expect(r.diagnostics.stabilityThreshold as number).toBeGreaterThan(3 * old);
    expect(r.snapshots[0].recoveryError).toBeLessThan(1e-6);
  });
});
