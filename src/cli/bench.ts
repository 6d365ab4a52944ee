/**
 * `dmf-check bench [--json] [--quick] [--rounds N]`: speed of the solvers against numpy doing the same
 * computation (bench/numpy_server.py, when `python3` with numpy is available).
 *
 * Protocol, the same on both sides: a case is timed in R alternating rounds (dmf-check, then numpy);
 * in a round each side repeats its pass (after a warm-up pass) until it has spent `minSeconds` of
 * CPU time and keeps its fastest pass, timed in CPU seconds of its process (so that other load on a
 * shared machine costs neither side). A rate is units (steps, time points, flops) per CPU second,
 * the median over rounds; `ratio` is the median of the per-round ratios dmf-check ÷ numpy, and
 * `ratioRange` their minimum and maximum (the noise). numpy runs with OPENBLAS_NUM_THREADS=1;
 * `numpyAllThreads` is a separate run with every BLAS thread, timed in wall-clock seconds (best pass).
 * OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for the numpy process only; the BLAS kernel it
 * then runs is printed.
 *
 * Cases: the matrix product C = A·B (n = 32, 100, 256) called the way the GD models call it (operands
 * and result in one WebAssembly workspace, `productArrays`); GD steps
 * (symmetric r = n, deep N = 3; n = 10, 32, 100, 256); the symmetric closed form on a grid of 1000
 * time points in [0, 5] (100 with --quick), dmf-check's `matrices` (restart update from QR anchors)
 * against numpy running the QR evaluation at every point, Y = Q diag(5 … −5) Qᵀ, U₀ = 10⁻²·N(0, 1).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Matrix as MlMatrix } from 'ml-matrix';
import { InputError } from '../errors.js';
import { symmetricClosedForm } from '../flows/symmetricClosedForm.js';
import { deepInit } from '../gd/inits.js';
import { DeepGd, type GdModel, SymmetricGd } from '../gd/models.js';
import { haarOrthogonal, withSpectrum } from '../generate/orthogonal.js';
import { Rng } from '../init/rng.js';
import { gemmBackend, gemmNN, productArrays } from '../linalg/gemm.js';
import { type Matrix, toRows, zeros } from '../linalg/matrix.js';
import type { CliIo } from './io.js';
import { argumentsError } from './args.js';

export const BENCH_USAGE = `dmf-check bench [--json] [--quick] [--rounds N]

Times dmf-check against numpy (python3 with numpy, if available) in alternating rounds, CPU time,
numpy pinned to one BLAS thread (a second column with all threads).
  --json        one JSON object: {"gd": [...], "closedForm": [...], "gemm": [...], "completion": [...], ...}
  --quick       smaller sizes, 100 time points, 3 rounds of 0.1 s
  --rounds N    rounds per case (default 5; 3 with --quick), 1 ≤ N ≤ 50
  --help        this text
DMF_CHECK_FMA=1 in the environment times the opt-in fused multiply-add kernel (not bit-identical).`;

/** One timed pass: units of work, CPU seconds and wall seconds. */
interface Pass {
  units: number;
  cpu: number;
  wall: number;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** The fastest pass (by CPU time) after one warm-up pass, over passes totalling ≥ minSeconds of CPU. */
export function timeJs(run: () => void, units: number, minSeconds: number): Pass {
  run();
  let best: Pass = { units, cpu: Infinity, wall: Infinity };
  let spent = 0;
  while (spent < minSeconds || best.cpu === Infinity) {
    const c0 = cpuSeconds(), w0 = performance.now();
    run();
    const cpu = Math.max(cpuSeconds() - c0, 1e-6), wall = (performance.now() - w0) / 1000;
    spent += cpu;
    if (cpu < best.cpu) best = { units, cpu, wall: Math.min(best.wall, wall) };
    else best.wall = Math.min(best.wall, wall);
  }
  return best;
}

/** A numpy process answering bench/numpy_server.py's line protocol. */
class NumpyServer {
  private readonly pending: ((v: Record<string, unknown>) => void)[] = [];
  private constructor(private readonly proc: ChildProcessWithoutNullStreams) {
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const resolve = this.pending.shift();
      resolve?.(JSON.parse(line));
    });
    proc.on('exit', () => {
      for (const r of this.pending.splice(0)) r({ error: 'numpy process exited' });
    });
  }

  /** Starts python3 with numpy; null if either is missing. */
  static async start(threads: 'one' | 'all'): Promise<NumpyServer | null> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    if (threads === 'one') env.OPENBLAS_NUM_THREADS = '1';
    else delete env.OPENBLAS_NUM_THREADS;
    const path = fileURLToPath(new URL('../../bench/numpy_server.py', import.meta.url));
    try {
      const proc = spawn('python3', [path], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      const failed = new Promise<null>((resolve) => proc.on('error', () => resolve(null)));
      const server = new NumpyServer(proc);
      const info = await Promise.race([server.request({ op: 'info' }), failed]);
      if (!info || 'error' in info) {
        server.close();
        return null;
      }
      server.info = info;
      return server;
    } catch {
      return null;
    }
  }

  info: Record<string, unknown> = {};

  request(req: Record<string, unknown>): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.proc.stdin.write(`${JSON.stringify(req)}\n`);
    });
  }

  async time(id: string, minSeconds: number, clock: 'cpu' | 'wall' = 'cpu'): Promise<Pass | null> {
    const r = await this.request({ op: 'time', id, minSeconds, clock });
    return 'error' in r ? null : (r as unknown as Pass);
  }

  close(): void {
    this.proc.stdin.end();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Compared {
  /** dmf-check's rate (units per CPU second, median over rounds). */
  dmfCheck: number;
  /** numpy's rate, one BLAS thread (null without numpy). */
  numpy: number | null;
  /** Median over rounds of dmf-check ÷ numpy. */
  ratio: number | null;
  /** [min, max] of the per-round ratios. */
  ratioRange: [number, number] | null;
  /** numpy with every BLAS thread, wall-clock rate (best pass). */
  numpyAllThreads: number | null;
}

interface Settings {
  rounds: number;
  minSeconds: number;
  one: NumpyServer | null;
  all: NumpyServer | null;
}

let caseId = 0;

/** Times a case in alternating rounds (see the module comment). */
async function compare(s: Settings, js: () => Pass, setup: Record<string, unknown>): Promise<Compared> {
  const id = `c${caseId++}`;
  const one = s.one && !('error' in (await s.one.request({ op: 'setup', id, ...setup }))) ? s.one : null;
  const ours: number[] = [], theirs: number[] = [], ratios: number[] = [];
  for (let k = 0; k < s.rounds; k++) {
    const p = js();
    ours.push(p.units / p.cpu);
    const q = one ? await one.time(id, s.minSeconds) : null;
    if (q) {
      theirs.push(q.units / q.cpu);
      ratios.push(p.units / p.cpu / (q.units / q.cpu));
    }
  }
  let numpyAllThreads: number | null = null;
  if (s.all && !('error' in (await s.all.request({ op: 'setup', id, ...setup })))) {
    const q = await s.all.time(id, s.minSeconds, 'wall');
    if (q) numpyAllThreads = q.units / q.wall;
  }
  const has = ratios.length === s.rounds;
  return {
    dmfCheck: median(ours),
    numpy: has ? median(theirs) : null,
    ratio: has ? median(ratios) : null,
    ratioRange: has ? [Math.min(...ratios), Math.max(...ratios)] : null,
    numpyAllThreads,
  };
}

export interface GemmRow extends Compared {
  n: number;
  /** dmf-check's GFlop/s (= dmfCheck / 1e9). */
  gflops: number;
  /** ml-matrix's `mmul`, GFlop/s (the library alternative; one timing). */
  mlMatrix: number;
}

/** The product as the GD models call it: a method on an object holding the operands. */
class ProductLoop {
  constructor(private readonly a: Float64Array, private readonly b: Float64Array, private readonly c: Float64Array, private readonly n: number) {}
  run(reps: number): void {
    const n = this.n;
    for (let k = 0; k < reps; k++) gemmNN(this.a, this.b, this.c, n, n, n);
  }
}

async function benchGemm(s: Settings, sizes: number[]): Promise<GemmRow[]> {
  const rows: GemmRow[] = [];
  for (const n of sizes) {
    // In one WebAssembly workspace, as the GD models hold their factors: computed in place, no copies.
    const [a, b, c] = productArrays([n * n, n * n, n * n], n);
    a.set(new Rng(1).normalArray(n * n));
    b.set(new Rng(2).normalArray(n * n));
    const reps = Math.max(1, Math.round(4e6 / n ** 3));
    const loop = new ProductLoop(a, b, c, n);
    const flops = 2 * n ** 3 * reps;
    const cmp = await compare(s, () => timeJs(() => loop.run(reps), flops, s.minSeconds), { kind: 'gemm', n, reps });
    const toMl = (x: Float64Array) => new MlMatrix(Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * n, (i + 1) * n))));
    const A = toMl(a), B = toMl(b);
    const ml = timeJs(() => A.mmul(B), 2 * n ** 3, Math.min(s.minSeconds, 0.3));
    rows.push({ n, gflops: cmp.dmfCheck / 1e9, mlMatrix: ml.units / ml.cpu / 1e9, ...cmp });
  }
  return rows;
}

export interface GdRow extends Compared {
  model: 'symmetric' | 'deep';
  n: number;
  /** r = n for the symmetric model, N = 3 for the deep one. */
  shape: string;
  /** Steps per timed pass. */
  steps: number;
}

async function benchGd(s: Settings, sizes: number[]): Promise<GdRow[]> {
  const rows: GdRow[] = [];
  for (const model of ['symmetric', 'deep'] as const) {
    for (const n of sizes) {
      const y = withSpectrum(haarOrthogonal(n, 3000 + n), Array.from({ length: n }, (_, i) => (n === 1 ? 1 : 1 - (0.9 * i) / (n - 1))));
      const steps = Math.max(5, Math.round(4e6 / (n ** 3 * (model === 'deep' ? 14 : 4))));
      let init: Matrix[];
      if (model === 'symmetric') {
        const u = zeros(n, n);
        u.data.set(new Rng(4000 + n).normalArray(n * n, 0.1 / Math.sqrt(n)));
        init = [u];
      } else init = deepInit('gaussian', y, 3, 0.3, 5000 + n);
      const make = (): GdModel => (model === 'symmetric' ? new SymmetricGd(y, init[0]) : new DeepGd(y, init));
      const run = () => {
        const m = make();
        for (let k = 0; k < steps; k++) m.step(0.01);
        m.dispose?.(); // its buffers go to the next model, as numpy's allocator reuses freed arrays
      };
      const cmp = await compare(s, () => timeJs(run, steps, s.minSeconds), {
        kind: model === 'symmetric' ? 'gd-symmetric' : 'gd-deep',
        target: toRows(y),
        init: init.map(toRows),
        stepSize: 0.01,
        steps,
      });
      rows.push({ model, n, shape: model === 'symmetric' ? 'r = n' : 'N = 3', steps, ...cmp });
    }
  }
  return rows;
}

export interface ClosedFormRow {
  n: number;
  timePoints: number;
  /** dmf-check's `matrices` on the grid (restart update from QR anchors), points per CPU second. */
  dmfCheck: number;
  /** QR anchors among the points. */
  anchors: number;
  /** dmf-check's `matrix` at every point (the QR evaluation alone), points per CPU second. */
  dmfCheckQrOnly: number;
  /** numpy running the same QR evaluation at every point, one BLAS thread. */
  numpySameQR: number | null;
  ratio: number | null;
  ratioRange: [number, number] | null;
  numpyAllThreads: number | null;
  /** numpy's textbook formula (eigh once, a solve per point) and its max|W_numpy − W|/max(1, max|W|). */
  numpyTextbook: number | null;
  textbookMaxError: number | null;
}

async function benchClosedForm(s: Settings, sizes: number[], points: number): Promise<ClosedFormRow[]> {
  const times = Array.from({ length: points }, (_, k) => (5 * k) / (points - 1));
  const rows: ClosedFormRow[] = [];
  for (const n of sizes) {
    const y = withSpectrum(haarOrthogonal(n, 1000 + n), Array.from({ length: n }, (_, i) => (n === 1 ? 5 : 5 - (10 * i) / (n - 1))));
    const u0 = zeros(n, n);
    u0.data.set(new Rng(2000 + n).normalArray(n * n, 1e-2));
    const f = symmetricClosedForm(y, u0);
    const data = { target: toRows(y), factor: toRows(u0), times };
    const cmp = await compare(s, () => timeJs(() => f.matrices(times), points, s.minSeconds), { kind: 'cf-qr', ...data });
    const qrOnly = timeJs(() => times.forEach((t) => f.matrix(t)), points, Math.min(s.minSeconds, 0.1));
    const anchors = f.eigenFactors(times).anchored.filter(Boolean).length;
    let numpyTextbook: number | null = null, textbookMaxError: number | null = null;
    if (s.one) {
      const id = `tb${n}`;
      await s.one.request({ op: 'setup', id, kind: 'cf-textbook', ...data });
      const q = await s.one.time(id, Math.min(s.minSeconds, 0.1));
      const sampleTimes = [0.5, 1.25, 2.5, 3.75, 5];
      const r = (await s.one.request({ op: 'samples', id, times: sampleTimes })) as { samples?: ((number | null)[][] | null)[] };
      if (q && r.samples) {
        numpyTextbook = q.units / q.cpu;
        let worst = 0;
        sampleTimes.forEach((t, k) => {
          const w = f.matrix(t);
          const sc = Math.max(1, ...w.data.map(Math.abs));
          for (let e = 0; e < w.data.length; e++) {
            const v = r.samples![k]?.[Math.floor(e / n)]?.[e % n];
            worst = Math.max(worst, v === null || v === undefined ? Infinity : Math.abs(v - w.data[e]) / sc);
          }
        });
        textbookMaxError = worst;
      }
    }
    rows.push({
      n,
      timePoints: points,
      dmfCheck: cmp.dmfCheck,
      anchors,
      dmfCheckQrOnly: qrOnly.units / qrOnly.cpu,
      numpySameQR: cmp.numpy,
      ratio: cmp.ratio,
      ratioRange: cmp.ratioRange,
      numpyAllThreads: cmp.numpyAllThreads,
      numpyTextbook,
      textbookMaxError,
    });
  }
  return rows;
}

function parseBenchArgs(args: string[]): { json: boolean; quick: boolean; rounds: number; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, rounds: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
    });
  } catch (e) {
    throw argumentsError('bench', e);
  }
  const v = parsed.values;
  const quick = v.quick === true;
  let rounds = quick ? 3 : 5;
  if (v.rounds !== undefined) {
    rounds = Number(v.rounds);
    if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw new InputError('--rounds', 'must be an integer from 1 to 50');
  }
  return { json: v.json === true, quick, rounds, help: v.help === true };
}

const fmt = (x: number | null, digits = 0) => (x === null ? '—' : digits ? x.toFixed(digits) : Math.round(x).toLocaleString('en-US'));
const range = (r: [number, number] | null) => (r ? `${r[0].toFixed(2)}–${r[1].toFixed(2)}` : '—');

export async function bench(args: string[], io: CliIo): Promise<number> {
  const opts = parseBenchArgs(args);
  if (opts.help) {
    io.stdout(`${BENCH_USAGE}\n`);
    return 0;
  }
  const minSeconds = opts.quick ? 0.1 : 0.25;
  const [one, all] = await Promise.all([NumpyServer.start('one'), NumpyServer.start('all')]);
  const s: Settings = { rounds: opts.rounds, minSeconds, one, all };
  try {
    const gemm = await benchGemm(s, opts.quick ? [32, 100] : [32, 100, 256]);
    const gd = await benchGd(s, opts.quick ? [10, 32, 100] : [10, 32, 100, 256]);
    const closedForm = await benchClosedForm(s, [10, 32, 100], opts.quick ? 100 : 1000);
    const { benchCompletion } = await import('./benchCompletion.js');
    const completion = [benchCompletion(opts.quick ? { steps: 20, runs: 2 } : {})];
    const protocol = {
      rounds: opts.rounds,
      minSecondsPerRound: minSeconds,
      clock: 'CPU seconds of each process; best pass per round; rates and ratios are medians over rounds',
      numpyThreads: 1,
      numpyAllThreadsClock: 'wall seconds, best pass',
      gemmBackend: gemmBackend(),
    };
    const numpy = one ? one.info : null;
    if (opts.json) {
      io.stdout(`${JSON.stringify({ node: process.version, numpy, protocol, gd, closedForm, gemm, completion })}\n`);
      return 0;
    }
    const lines = [
      `dmf-check ${{ wasm: '(WebAssembly SIMD products)', 'wasm-fma': '(WebAssembly SIMD products, fused multiply-add: DMF_CHECK_FMA=1)', scalar: '(scalar products: no WebAssembly SIMD)' }[gemmBackend()]} on Node ${process.version}; ` +
        (numpy ? `numpy ${numpy.numpy}, BLAS ${numpy.library} ${numpy.kernel} kernel, OPENBLAS_NUM_THREADS=1` : 'numpy: not found (python3 with numpy)'),
      `${opts.rounds} alternating rounds per case, ≥ ${minSeconds} s CPU per side per round, best pass by CPU time; medians; ratio > 1: dmf-check faster.`,
      '',
      'Matrix product C = A·B, GFlop/s',
      '     n   dmf-check   numpy 1 thread   ratio (range)        numpy all threads   ml-matrix mmul',
    ];
    for (const r of gemm) {
      lines.push(
        `${String(r.n).padStart(6)} ${fmt(r.gflops, 2).padStart(11)} ${fmt(r.numpy && r.numpy / 1e9, 2).padStart(16)}   ${fmt(r.ratio, 2).padStart(5)} (${range(r.ratioRange)})`.padEnd(64) +
          `${fmt(r.numpyAllThreads && r.numpyAllThreads / 1e9, 2).padStart(8)} ${fmt(r.mlMatrix, 2).padStart(16)}`,
      );
    }
    lines.push('', 'Gradient descent, steps per second', '  model        n   shape    dmf-check   numpy 1 thread   ratio (range)      numpy all threads');
    for (const r of gd) {
      lines.push(
        `  ${r.model.padEnd(10)} ${String(r.n).padStart(4)}   ${r.shape.padEnd(6)} ${fmt(r.dmfCheck).padStart(10)} ${fmt(r.numpy).padStart(16)}   ${fmt(r.ratio, 2).padStart(5)} (${range(r.ratioRange)})`.padEnd(82) +
          fmt(r.numpyAllThreads).padStart(8),
      );
    }
    lines.push(
      '',
      `Closed form of the symmetric flow, time points per second (r = n, ${closedForm[0].timePoints} points in [0, 5])`,
      '     n   dmf-check (anchors)   QR only   numpy same QR   ratio (range)   numpy all threads   numpy textbook (its max error)',
    );
    for (const r of closedForm) {
      lines.push(
        `${String(r.n).padStart(6)} ${fmt(r.dmfCheck).padStart(11)} (${String(r.anchors).padStart(4)}) ${fmt(r.dmfCheckQrOnly).padStart(11)} ${fmt(r.numpySameQR).padStart(15)}   ${fmt(r.ratio, 2).padStart(5)} (${range(r.ratioRange)})`.padEnd(76) +
          `${fmt(r.numpyAllThreads).padStart(8)} ${fmt(r.numpyTextbook).padStart(20)} (${r.textbookMaxError === null ? '—' : r.textbookMaxError.toExponential(1)})`,
      );
    }
    lines.push('', 'Matrix completion (deep, widths n), steps per second; numpy runs the same update on one thread', '     n   observed   depth   dmf-check   numpy   ratio   agreement');
    for (const r of completion) {
      lines.push(`${String(r.n).padStart(6)} ${`${(100 * r.observedFraction).toFixed(0)} %`.padStart(10)} ${String(r.depth).padStart(7)} ${fmt(r.dmfCheck).padStart(11)} ${fmt(r.numpy).padStart(7)} ${fmt(r.ratio, 2).padStart(7)}   ${r.agreement === null ? '—' : r.agreement.toExponential(1)}`);
    }
    lines.push(
      '',
      'dmf-check evaluates the grid by the restart update from QR anchors (src/flows/restart.ts); "QR only" is the QR at every',
      'point, which numpy runs. The textbook formula is fast but inaccurate on these instances (its error against dmf-check,',
      'whose error against 60-digit references is ≤ 1e-13).',
    );
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    one?.close();
    all?.close();
  }
}
