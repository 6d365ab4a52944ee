/**
 * `dmf-check bench [--json] [--quick]`: speed of the reference solvers, with numpy's same
 * computation timed beside it where `python3` with numpy is available (bench/*.py).
 *
 * Closed form: evaluations per second of W(t) for the symmetric flow, n ∈ {10, 32, 100}, r = n,
 * 1000 time points in [0, 5] (100 with --quick), Y = Q diag(5 … −5) Qᵀ, U₀ = 10⁻²·N(0, 1), best
 * pass after warm-up (see {@link bestRate}). numpy runs the textbook formula (one eigh, then a solve
 * per time point; inaccurate on these instances, its error is reported) and the same stable QR
 * evaluation as dmf-check (LAPACK's QR of the row-sorted [I; G^{1/2}X]).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { symmetricClosedForm } from '../flows/symmetricClosedForm.js';
import { deepInit } from '../gd/inits.js';
import { DeepGd, type GdModel, SymmetricGd } from '../gd/models.js';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { Rng } from '../init/rng.js';
import { type Matrix, toRows, zeros } from '../linalg/matrix.js';
import { Matrix as MlMatrix } from 'ml-matrix';
import { gemmNN } from '../linalg/gemm.js';
import type { CliIo } from './io.js';

export interface BenchRow {
  n: number;
  r: number;
  timePoints: number;
  method: string;
  evaluationsPerSecond: number;
  /** numpy's speed, failures, and max|W_numpy − W|/max(1, max|W|) at 5 sample times. */
  numpy: { evaluationsPerSecond: number; failures: number; maxError: number | null; method: string } | null;
  /** dmf-check / numpy (textbook formula). */
  ratio: number | null;
  /** numpy running the same stable QR evaluation (LAPACK), and dmf-check / that. */
  numpyQr: { evaluationsPerSecond: number; method: string } | null;
  ratioQr: number | null;
}

function instance(n: number): { y: Matrix; u0: Matrix } {
  const y = withSpectrum(haarOrthogonal(n, 1000 + n), Array.from({ length: n }, (_, i) => (n === 1 ? 5 : 5 - (10 * i) / (n - 1))));
  const u0 = zeros(n, n);
  u0.data.set(new Rng(2000 + n).normalArray(n * n, 1e-2));
  return { y, u0 };
}

/**
 * Best time of a pass over `times`, after ≥ 0.3 s of warm-up (the JIT), over ≥ `runs` passes and
 * ≥ 1 s of timed passes. Returns evaluations per second.
 */
export function bestRate(evaluate: (t: number) => unknown, times: number[], runs: number): number {
  const warm = performance.now();
  while (performance.now() - warm < 300) for (let k = 0; k < Math.min(times.length, 50); k++) evaluate(times[k]);
  let best = Infinity;
  let total = 0;
  for (let run = 0; run < runs || total < 1000; run++) {
    const t0 = performance.now();
    for (const t of times) evaluate(t);
    const dt = performance.now() - t0;
    best = Math.min(best, dt);
    total += dt;
  }
  return (times.length / best) * 1000;
}

function timeClosedForm(y: Matrix, u0: Matrix, times: number[], runs: number): number {
  const f = symmetricClosedForm(y, u0);
  return bestRate((t) => f.matrix(t), times, runs);
}

/** Runs a bench/*.py script on a spec; null if python3 or numpy is missing. */
export function runPython(script: string, spec: unknown): Record<string, unknown> | null {
  const dir = mkdtempSync(join(tmpdir(), 'dmf-bench-'));
  try {
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    const path = fileURLToPath(new URL(`../../bench/${script}`, import.meta.url));
    const r = spawnSync('python3', [path, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0 || !r.stdout) return null;
    return JSON.parse(r.stdout);
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function benchClosedForm(quick: boolean): BenchRow[] {
  const sizes = [10, 32, 100];
  const points = quick ? 100 : 1000;
  const times = Array.from({ length: points }, (_, k) => (5 * k) / (points - 1));
  const inst = sizes.map(instance);
  const runsOf = (n: number) => (n >= 100 && !quick ? 1 : 3);
  const ours = sizes.map((n, i) => timeClosedForm(inst[i].y, inst[i].u0, times, runsOf(n)));
  const sampleTimes = [0.5, 1.25, 2.5, 3.75, 5];
  const py = runPython('numpy_closed_form.py', {
    instances: sizes.map((n, i) => ({ n, target: toRows(inst[i].y), factor: toRows(inst[i].u0), times, runs: runsOf(n), sampleTimes })),
  }) as { results: { evaluationsPerSecond: number; failures: number; samples: ((number | null)[][] | null)[]; qrEvaluationsPerSecond: number }[] } | null;
  return sizes.map((n, i) => {
    const np = py?.results?.[i];
    let maxError: number | null = null;
    if (np) {
      const f = symmetricClosedForm(inst[i].y, inst[i].u0);
      maxError = 0;
      sampleTimes.forEach((t, k) => {
        const w = f.matrix(t);
        const scale = Math.max(1, ...w.data.map(Math.abs));
        const s = np.samples[k];
        for (let e = 0; e < w.data.length; e++) {
          const v = s?.[Math.floor(e / n)]?.[e % n];
          const err = v === null || v === undefined ? Infinity : Math.abs(v - w.data[e]) / scale;
          maxError = Math.max(maxError as number, err);
        }
      });
    }
    return {
      n,
      r: n,
      timePoints: points,
      method: 'closed form: eigenbasis + log-scaled row-pivoted Householder QR (float64)',
      evaluationsPerSecond: ours[i],
      numpy: np ? { evaluationsPerSecond: np.evaluationsPerSecond, failures: np.failures, maxError, method: 'textbook formula: eigh once, numpy.linalg.solve per time point' } : null,
      ratio: np ? ours[i] / np.evaluationsPerSecond : null,
      numpyQr: np ? { evaluationsPerSecond: np.qrEvaluationsPerSecond, method: 'same evaluation: numpy.linalg.qr of the row-sorted [I; G^{1/2}X]' } : null,
      ratioQr: np ? ours[i] / np.qrEvaluationsPerSecond : null,
    };
  });
}

export interface GdBenchRow {
  model: 'symmetric' | 'deep';
  n: number;
  /** r = n for the symmetric model, N = 3 for the deep one. */
  shape: string;
  steps: number;
  stepsPerSecond: number;
  numpy: { stepsPerSecond: number; method: string } | null;
  ratio: number | null;
}

/** Best rate of `steps` GD steps, after ≥ 0.3 s of warm-up, over ≥ 3 passes and ≥ 1 s. */
function gdRate(make: () => GdModel, steps: number): number {
  const warm = performance.now();
  while (performance.now() - warm < 300) {
    const m = make();
    for (let k = 0; k < Math.min(steps, 5); k++) m.step(0.01);
  }
  let best = Infinity, total = 0;
  for (let run = 0; run < 3 || total < 1000; run++) {
    const m = make();
    const t0 = performance.now();
    for (let k = 0; k < steps; k++) m.step(0.01);
    const dt = performance.now() - t0;
    best = Math.min(best, dt);
    total += dt;
  }
  return (steps / best) * 1000;
}

export function benchGd(quick: boolean): GdBenchRow[] {
  const sizes = quick ? [10, 32, 100] : [10, 32, 100, 256];
  const cases: { model: 'symmetric' | 'deep'; n: number; y: Matrix; init: Matrix[]; steps: number }[] = [];
  for (const model of ['symmetric', 'deep'] as const) {
    for (const n of sizes) {
      const y = withSpectrum(haarOrthogonal(n, 3000 + n), Array.from({ length: n }, (_, i) => (n === 1 ? 1 : 1 - (0.9 * i) / (n - 1))));
      const steps = Math.max(5, Math.round(2e7 / (n ** 3 * (model === 'deep' ? 14 : 4))));
      let init: Matrix[];
      if (model === 'symmetric') {
        const u = zeros(n, n);
        u.data.set(new Rng(4000 + n).normalArray(n * n, 0.1 / Math.sqrt(n)));
        init = [u];
      } else init = deepInit('gaussian', y, 3, 0.3, 5000 + n);
      cases.push({ model, n, y, init, steps });
    }
  }
  const ours = cases.map((c) => gdRate(() => (c.model === 'symmetric' ? new SymmetricGd(c.y, c.init[0]) : new DeepGd(c.y, c.init)), c.steps));
  const py = runPython('numpy_gd.py', {
    cases: cases.map((c) => ({ model: c.model, n: c.n, target: toRows(c.y), init: c.init.map(toRows), stepSize: 0.01, steps: c.steps, runs: 3 })),
  }) as { results: { stepsPerSecond: number }[] } | null;
  return cases.map((c, i) => {
    const np = py?.results?.[i];
    return {
      model: c.model,
      n: c.n,
      shape: c.model === 'symmetric' ? 'r = n' : 'N = 3',
      steps: c.steps,
      stepsPerSecond: ours[i],
      numpy: np ? { stepsPerSecond: np.stepsPerSecond, method: c.model === 'symmetric' ? 'U + η((Y − U@U.T)@U)' : 'prefix/suffix gradient, 7 matmuls per step' } : null,
      ratio: np ? ours[i] / np.stepsPerSecond : null,
    };
  });
}

export interface KernelRow {
  n: number;
  /** GFlop/s of C = A·B: dmf-check's blocked kernel, and ml-matrix's mmul (the library alternative). */
  gemm: number;
  mlMatrix: number;
}

/** Why src/linalg/gemm.ts exists: its matrix product against ml-matrix's `mmul`. */
export function benchKernels(quick: boolean): KernelRow[] {
  return (quick ? [32, 100] : [32, 100, 256]).map((n) => {
    const a = new Rng(1).normalArray(n * n), b = new Rng(2).normalArray(n * n), c = new Float64Array(n * n);
    const rate = (f: () => void) => {
      const warm = performance.now();
      while (performance.now() - warm < 200) f();
      let best = Infinity, total = 0;
      for (let k = 0; k < 3 || total < 500; k++) {
        const t0 = performance.now();
        f();
        const dt = performance.now() - t0;
        best = Math.min(best, dt);
        total += dt;
      }
      return (2 * n ** 3) / (best * 1e6);
    };
    const toMl = (x: Float64Array) => new MlMatrix(Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * n, (i + 1) * n))));
    const A = toMl(a), B = toMl(b);
    return { n, gemm: rate(() => gemmNN(a, b, c, n, n, n)), mlMatrix: rate(() => A.mmul(B)) };
  });
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

export async function bench(args: string[], io: CliIo): Promise<number> {
  for (const a of args) if (a !== '--json' && a !== '--quick') throw new InputError('arguments', `unknown bench option ${JSON.stringify(a)} (options: --json, --quick)`);
  const json = args.includes('--json');
  const quick = args.includes('--quick');
  const closedForm = benchClosedForm(quick);
  const gradientDescent = benchGd(quick);
  const kernels = benchKernels(quick);
  if (json) {
    io.stdout(`${JSON.stringify({ node: process.version, closedForm, gradientDescent, kernels })}\n`);
    return 0;
  }
  const lines = [
    `Closed form of the symmetric flow: evaluations of W(t) per second (r = n, ${closedForm[0].timePoints} time points in [0, 5], best run after warm-up)`,
    `method: ${closedForm[0].method}`,
    '',
    '     n    dmf-check   numpy textbook   ratio   its max error   numpy same QR   ratio',
  ];
  for (const row of closedForm) {
    const np = row.numpy;
    if (!np) {
      lines.push(`${String(row.n).padStart(6)} ${fmt(row.evaluationsPerSecond).padStart(12)}   (python3 with numpy not found)`);
      continue;
    }
    lines.push(
      `${String(row.n).padStart(6)} ${fmt(row.evaluationsPerSecond).padStart(12)} ${fmt(np.evaluationsPerSecond).padStart(16)} ${row.ratio!.toFixed(2).padStart(7)} ${(np.maxError === null ? '' : np.maxError.toExponential(1)).padStart(15)} ${fmt(row.numpyQr!.evaluationsPerSecond).padStart(15)} ${row.ratioQr!.toFixed(2).padStart(7)}`,
    );
  }
  lines.push(
    '',
    'ratio > 1: dmf-check is faster. Max error: max|W_numpy − W|/max(1, max|W|) of the textbook formula at',
    't ∈ {0.5, 1.25, 2.5, 3.75, 5} against dmf-check',
    '(whose error against 60-digit references is ≤ 1e-14, properties/golden.test.ts). The stable evaluation costs a QR',
    'of the (n + r)×r matrix [I; G^{1/2}X] per time point, ≈ 4(n + r)r² flops in scalar JavaScript (≈ 1 GFlop/s here),',
    "against the textbook formula's ≈ 2n³ + 2nr² + r³/3 in numpy's BLAS.",
    '',
    'Gradient descent: steps per second (best pass after warm-up); numpy runs the same loop.',
    '',
    '  model        n   shape    dmf-check        numpy   ratio',
  );
  for (const row of gradientDescent) {
    lines.push(
      `  ${row.model.padEnd(10)} ${String(row.n).padStart(4)}   ${row.shape.padEnd(6)} ${fmt(row.stepsPerSecond).padStart(10)} ${row.numpy ? fmt(row.numpy.stepsPerSecond).padStart(12) : '  (no numpy)'} ${row.ratio === null ? '' : row.ratio.toFixed(2).padStart(7)}`,
    );
  }
  lines.push('', 'The step is dense matrix products: ≈ 2.5 GFlop/s in JavaScript (src/linalg/gemm.ts) against numpy\'s multi-threaded OpenBLAS.');
  lines.push('', 'Matrix product kernel, GFlop/s (why src/linalg/gemm.ts instead of ml-matrix):', '', '     n   gemm.ts   ml-matrix mmul');
  for (const k of kernels) lines.push(`${String(k.n).padStart(6)} ${k.gemm.toFixed(2).padStart(9)} ${k.mlMatrix.toFixed(2).padStart(16)}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
