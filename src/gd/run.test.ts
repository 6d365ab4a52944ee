/** The GD driver (run.ts) on scripted models: divergence bound and report, stopping, hitting, light snapshots, result fields. */
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../errors.js';
import { fromRows, type Matrix } from '../linalg/matrix.js';
import type { GdEvaluation, GdModel } from './modelTypes.js';
import { type GdRunOptions, normsOf, runGd } from './run.js';

/** A model whose loss and product after k steps are given (the last one repeats). */
class Scripted implements GdModel {
  readonly kind = 'deep' as const;
  readonly depth = 2;
  k = 0;
  constructor(
    private readonly losses: number[],
    private readonly products: Float64Array[],
    readonly rows = 1,
    readonly cols = 1,
  ) {}
  evaluate(): GdEvaluation {
    const at = (a: unknown[]) => Math.min(this.k, a.length - 1);
    return { loss: this.losses[at(this.losses)], product: this.products[at(this.products)] };
  }
  step(): void {
    this.k++;
  }
  balancedness(): number {
    return 0;
  }
  factors(): Matrix[] {
    return [];
  }
}

const one = { values: Float64Array.of(2), left: fromRows([[1]]), right: fromRows([[1]]) };
const w = (v: number) => [Float64Array.of(v)];
const base: GdRunOptions = { stepSize: 0.1, iterations: [0], maxIterations: 5 };
const run5: GdRunOptions = { ...base, iterations: [5] };

function divergence(f: () => unknown): { message: string; details: Record<string, unknown> } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NumericalError);
    return { message: (e as Error).message, details: (e as NumericalError).details };
  }
  throw new Error('no divergence');
}

describe('runGd: divergence', () => {
  it('the bound is 1e10·max(1, L(0)), fixed at k = 0: a loss equal to it passes, just above it stops the run', () => {
    // L(0) = 0.5: the bound is 1e10 (not 0.5e10, not 1e10/0.5)
    const ok = runGd(new Scripted([0.5, 0.7, 1e10], w(1)), one, { ...base, iterations: [4], maxIterations: 4 });
    expect(ok.iterationsRun).toBe(4);
    const d = divergence(() => runGd(new Scripted([0.5, 0.7, 1.0000001e10], w(1)), one, run5));
    expect(d.details.iteration).toBe(2);
    // L(0) = 3: the bound is 3e10, and losses that grow slowly never move it
    expect(runGd(new Scripted([3, 2e10, 3e10], w(1)), one, run5).iterationsRun).toBe(5);
    expect(divergence(() => runGd(new Scripted([3, 2e10, 3.0000001e10], w(1)), one, run5)).details.iteration).toBe(2);
  });
  it('reports the iteration, the last 10 losses in order, the step size and the threshold in a message naming them', () => {
    const losses = Array.from({ length: 13 }, (_, k) => k + 1);
    losses.push(Infinity);
    const d = divergence(() => runGd(new Scripted(losses, w(1)), one, { ...base, iterations: [50], maxIterations: 50 }));
    expect(d.details).toEqual({ iteration: 13, lossTail: [5, 6, 7, 8, 9, 10, 11, 12, 13, 'Infinity'], stepSize: 0.1, stabilityThreshold: 0.5 });
    expect(d.message).toBe('gradient descent diverged at iteration 13 (loss Infinity); step size 0.1 is below the stability threshold 2/(Nσ₁^{2−2/N}) = 0.500000 (N = 2): the init scale or the non-aligned dynamics drive it');
    // fewer than 10 iterations: all the losses so far
    const short = divergence(() => runGd(new Scripted([1, 2, NaN], w(1)), one, run5));
    expect(short.details.lossTail).toEqual([1, 2, 'NaN']);
    // a finite loss above the bound, a given threshold equal to the step: "above" (stable only strictly below)
    const big = divergence(() => runGd(new Scripted([1, 2e10], w(1)), one, { ...run5, stabilityThreshold: 0.1 }));
    expect(big.message).toBe('gradient descent diverged at iteration 1 (loss 2.000e+10 > bound 1.0e+10); step size 0.1 is above the stability threshold 0.100000 (N = 2)');
    expect(big.details).toEqual({ iteration: 1, lossTail: [1, 2e10], stepSize: 0.1, stabilityThreshold: 0.1 });
    // a target with no positive value: the threshold is +∞, reported as the string 'Infinity'
    const zero = { values: Float64Array.of(0), left: fromRows([[1]]), right: fromRows([[1]]) };
    expect(divergence(() => runGd(new Scripted([1, NaN], w(1)), zero, run5)).details.stabilityThreshold).toBe('Infinity');
  });
});

describe('runGd: stopping and result fields', () => {
  it('stopLoss: stops at the first loss ≤ τ (ties included), the stopping iterate once in the snapshots', () => {
    const r = runGd(new Scripted([3, 2, 1, 0.5], w(1)), one, { ...base, iterations: [2, 0, 4], stopLoss: 1, maxIterations: 10 });
    expect(r.stoppedAt).toEqual({ iteration: 2, loss: 1 });
    expect(r.snapshots.map((s) => s.iteration)).toEqual([2, 0]);
    expect(r.iterationsRun).toBe(2);
    const s = runGd(new Scripted([3, 2, 1, 0.5], w(1)), one, { ...base, iterations: [0], stopLoss: 1, maxIterations: 10 });
    expect(s.snapshots.map((x) => x.iteration)).toEqual([0, 2]);
  });
  it('stopLoss never reached: runs to maxIterations past the last snapshot and reports null', () => {
    const r = runGd(new Scripted([3], w(1)), one, { ...base, stopLoss: 1 });
    expect(r.stoppedAt).toBeNull();
    expect(r.iterationsRun).toBe(5);
  });
  it('pending hitting times: runs to maxIterations exactly; without levels, options absent from the result', () => {
    const r = runGd(new Scripted([3], w(0)), one, { ...base, levels: [0.5] });
    expect(r.iterationsRun).toBe(5);
    expect(r.hitting).toEqual({ levels: [0.5], times: [[null]] });
    const plain = runGd(new Scripted([3], w(0)), one, base);
    expect(plain.hitting).toBeNull();
    expect(Object.keys(plain).sort()).toEqual(['hitting', 'iterationsRun', 'snapshots', 'stabilityThreshold']);
    expect(plain.iterationsRun).toBe(0);
  });
  it('hitting by projections: a projection equal to q·σᵢ hits; only positive σᵢ are tracked', () => {
    const r = runGd(new Scripted([3], [Float64Array.of(0.5), Float64Array.of(1)]), one, { ...base, levels: [0.5] });
    expect(r.hitting!.times).toEqual([[1]]);
    const two = { values: Float64Array.of(2, 0), left: fromRows([[1, 0], [0, 1]]), right: fromRows([[1, 0], [0, 1]]) };
    const t = runGd(new Scripted([3], [Float64Array.of(1, 0, 0, 0)], 2, 2), two, { ...base, levels: [0.5] });
    expect(t.hitting!.times).toEqual([[0]]);
    expect(t.iterationsRun).toBe(0);
  });
  it('hitting by singular values, not projections: a product off the target pairs', () => {
    const two = { values: Float64Array.of(2, 1), left: fromRows([[1, 0], [0, 1]]), right: fromRows([[1, 0], [0, 1]]) };
    const anti = [Float64Array.of(0, 2, 2, 0)]; // σ = (2, 2), u₁ᵀWv₁ = u₂ᵀWv₂ = 0
    const bySv = runGd(new Scripted([3], anti, 2, 2), two, { ...base, levels: [0.5], hittingOn: 'singularValues' });
    expect(bySv.hitting!.times).toEqual([[0, 0]]);
    const byProj = runGd(new Scripted([3], anti, 2, 2), two, { ...base, levels: [0.5], hittingOn: 'projections' });
    expect(byProj.hitting!.times).toEqual([[null, null]]);
  });
  it('light snapshots: kept only with lightEvery and no onLight; onSnapshot leaves snapshots empty', () => {
    const seen: number[] = [];
    const r = runGd(new Scripted([3], w(1)), one, { ...base, iterations: [0, 4], lightEvery: 2, onLight: (s) => void seen.push(s.iteration as number), onSnapshot: () => {} });
    expect(seen).toEqual([0, 2, 4]);
    expect('lightSnapshots' in r).toBe(false);
    expect(r.snapshots).toEqual([]);
    const kept = runGd(new Scripted([3], w(1)), one, { ...base, iterations: [3], lightEvery: 2 });
    expect(kept.lightSnapshots!.map((s) => s.iteration)).toEqual([0, 2]);
  });
});

describe('runGd: onStep', () => {
  it('is called before each step k with (k, maxIterations), then the run stops', () => {
    const calls: number[][] = [];
    runGd(new Scripted([3], w(1)), one, { ...run5, onStep: (k, last) => void calls.push([k, last]) });
    expect(calls).toEqual([0, 1, 2, 3, 4, 5].map((k) => [k, 5]));
  });
});

describe('normsOf', () => {
  it('nuclear norm and Schatten-(2/N) quasi-norm; both 0 for a zero product', () => {
    expect(normsOf([0, 0], 2)).toEqual({ nuclearNorm: 0, schattenQuasiNorm: 0 });
    const n = normsOf([4, 1], 4); // p = 1/2: (2 + 1)² = 9
    expect(n.nuclearNorm).toBe(5);
    expect(n.schattenQuasiNorm).toBeCloseTo(9, 14);
  });
});
