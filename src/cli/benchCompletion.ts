/**
 * Completion benchmark: gradient-descent steps per second of the completion model at n = 100 with
 * 10 % of the entries observed (depth 3, widths n, aligned with Arora et al.'s setting), beside numpy
 * running the same update (bench/numpy_completion.py, one BLAS thread). The numpy run also returns its
 * final product, compared with dmf-check's to show both compute the same iterates.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawnEntries } from '../gd/completion.js';
import { deepInit } from '../gd/inits.js';
import { LayeredGd } from '../gd/layered.js';
import { Rng } from '../init/rng.js';
import { type Matrix, toRows, zeros } from '../linalg/matrix.js';

export interface CompletionBench {
  n: number;
  observedFraction: number;
  depth: number;
  /** Steps per second. */
  dmfCheck: number;
  numpy: number | null;
  /** dmfCheck / numpy. */
  ratio: number | null;
  /** max |W_dmf − W_numpy| / max |W| after the timed steps (null without numpy). */
  agreement: number | null;
}

function lowRankTarget(n: number, rank: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const a = rng.normalArray(n * rank), b = rng.normalArray(n * rank);
  const y = zeros(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let c = 0; c < rank; c++) s += a[i * rank + c] * b[j * rank + c];
    y.data[i * n + j] = s / Math.sqrt(n);
  }
  return y;
}

export function benchCompletion(opts: { n?: number; fraction?: number; depth?: number; steps?: number; runs?: number } = {}): CompletionBench {
  const n = opts.n ?? 100, fraction = opts.fraction ?? 0.1, depth = opts.depth ?? 3, steps = opts.steps ?? 200, runs = opts.runs ?? 3;
  const y = lowRankTarget(n, 5, 1);
  const observed = drawnEntries(y, Math.round(fraction * n * n), 2);
  const init = deepInit('gaussian', y, depth, 0.3, 3);
  const eta = 0.2 * observed.index.length; // a stable O(1) step on the per-entry scale (stepSize = |Ω|·lr)
  let best = Infinity;
  let product: Float64Array = new Float64Array(0);
  for (let r = 0; r < runs; r++) {
    const model = new LayeredGd(y, init, { kind: 'completion', observed });
    const t0 = performance.now();
    for (let k = 0; k < steps; k++) model.step(eta);
    model.evaluate();
    best = Math.min(best, performance.now() - t0);
    product = model.evaluate().product;
    if (!(model.evaluate().loss < new LayeredGd(y, init, { kind: 'completion', observed }).evaluate().loss)) throw new Error('benchCompletion: the timed run did not decrease the loss');
  }
  const dmfCheck = (steps / best) * 1000;
  const py = runNumpy({ target: toRows(y), init: init.map(toRows), observed: Array.from(observed.index), stepSize: eta, steps, runs });
  let agreement: number | null = null;
  if (py) {
    let mx = 0, d = 0;
    py.product.flat().forEach((v, i) => {
      mx = Math.max(mx, Math.abs(v));
      d = Math.max(d, Math.abs(v - product[i]));
    });
    agreement = d / Math.max(mx, Number.MIN_VALUE);
  }
  return { n, observedFraction: observed.index.length / (n * n), depth, dmfCheck, numpy: py?.stepsPerSecond ?? null, ratio: py ? dmfCheck / py.stepsPerSecond : null, agreement };
}

function runNumpy(spec: unknown): { stepsPerSecond: number; product: number[][] } | null {
  const dir = mkdtempSync(join(tmpdir(), 'dmf-bench-'));
  try {
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    const path = fileURLToPath(new URL('../../bench/numpy_completion.py', import.meta.url));
    const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
    const r = spawnSync('python3', [path, file], { encoding: 'utf8', maxBuffer: 1 << 26, env });
    if (process.env.DMF_CHECK_DEBUG === '1') process.stderr.write(`numpy_completion.py: status ${r.status} ${r.error ?? ''} ${r.stderr}\n`);
    if (r.status !== 0 || !r.stdout) return null;
    return JSON.parse(r.stdout);
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
