/**
 * Dense matrix products on row-major Float64Arrays: C = A·B, Aᵀ·B and A·Bᵀ. Cost 2·m·k·n flops each
 * (m²k for a Gram product A·Aᵀ or Aᵀ·A of one array). `c` must not alias `a` or `b`. Arrays from
 * {@link productArrays} live in WebAssembly memory, and products among them are computed in place;
 * other arrays are copied in and out (the only allocation: one typed-array view per such call).
 *
 * Two implementations with the same results, bit for bit:
 * - a WebAssembly SIMD kernel (gemm.wat, shipped as bytes in gemmWasmBytes.ts): both operands are
 *   packed into 4-row / 4-column panels (transposes are taken while packing, and packing also keeps
 *   the panels contiguous, so the 4 KB aliasing of rows with a 2 KB stride at n = 256 cannot
 *   evict them from L1), then a 4×4 register block of f64x2 accumulators runs over k;
 * - scalar JavaScript kernels (`gemm*Scalar`), used for small products, where packing and the call
 *   into WebAssembly cost more than they save, and wherever WebAssembly SIMD is missing.
 * Both sum each entry over p = 0…k−1 in increasing order, one rounded product and one rounded add per
 * term (WebAssembly SIMD has no fused multiply-add in its base instruction set), so they agree exactly.
 * An opt-in third, 'wasm-fma' (relaxed SIMD fused multiply-add; {@link setGemmBackend}), is faster
 * and not bit-identical.
 * Hand-written because ml-matrix's `mmul` runs at a fraction of this speed (`npm run bench`).
 */
import { GEMM_FMA_WASM_BASE64, GEMM_WASM_BASE64 } from './gemmWasmBytes.js';

/** The part of the WebAssembly API used here (the project's `lib` setting has no DOM types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
/** The exports of gemm.wat (byte offsets into its memory). */
export interface GemmWasm {
  /** C = A·B from packed panels; lower = 1: only the blocks on and below the diagonal (Gram products). */
  kernel(ap: number, bp: number, c: number, m: number, n: number, k: number, lower: number, astep: number, apanel: number, bstep: number, bpanel: number): void;
  /** C = A·B with byte strides (A(i, p) at a + i·ai + p·ap, B(p, j) at b + p·bp + j·bj): pack both into scratch, kernel. */
  product(a: number, ai: number, ap: number, b: number, bp: number, bj: number, c: number, m: number, k: number, n: number, scratch: number, same: number, direct: number): void;
  pack(src: number, count: number, k: number, si: number, sp: number, dst: number): void;
  /** y ← y + α·x over len doubles. */
  axpy(y: number, x: number, len: number, alpha: number): void;
  /** out ← x − y over len doubles. */
  difference(x: number, y: number, out: number, len: number): void;
  /** In-place Cholesky of a w×w matrix; 0, or 1 at a pivot that is not > 0. */
  cholesky(a: number, w: number): number;
  /** t = L⁻ᵀ from the lower triangle L at a. */
  inverseTranspose(a: number, t: number, w: number): void;
  memory: WasmMemory;
}

/** `base64` compiled, or null where the runtime lacks WebAssembly or the instructions it uses. */
function compile(base64: string): object | null {
  try {
    const WebAssembly = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (typeof WebAssembly !== 'object') return null;
    const bin = atob(base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    if (!WebAssembly.validate(bytes)) return null; // no SIMD (or relaxed SIMD) in this runtime
    return new WebAssembly.Module(bytes);
  } catch {
    return null;
  }
}

// Each workspace is an instance of its own, so its exports are new functions; V8 11 calls new exports
// through a generic JS-to-WebAssembly wrapper (≈ 150 ns a call more than the compiled per-signature
// one, which it reaches only after many calls). A step makes 4–10 calls, so at n = 10 a model that
// runs 1000 steps ran at 0.6 of the speed of the shared instance. This flag (performance only: the
// wrapper converts the same arguments) makes V8 use the compiled wrappers, cached per signature.
// Set before compiling: V8 chooses the wrapper kind when it compiles the module.
setV8Flag('--no-wasm-generic-wrapper');

/** The exact module (null without WebAssembly SIMD). */
const exactModule = compile(GEMM_WASM_BASE64);
/** The fused module: undefined until asked for, null where relaxed SIMD cannot be enabled. */
let fusedModule: object | null | undefined;

/**
 * The fused variant (see {@link setGemmBackend}): Node 20 (V8 11.3) keeps relaxed SIMD behind
 * `--experimental-wasm-relaxed-simd`, which is set here, before compiling, if the runtime has the flag.
 */
function fused(): object | null {
  if (fusedModule === undefined) {
    setV8Flag('--experimental-wasm-relaxed-simd');
    fusedModule = exactModule === null ? null : compile(GEMM_FMA_WASM_BASE64);
  }
  return fusedModule;
}

/** Sets a V8 flag where the runtime is Node (node:v8); elsewhere nothing. */
function setV8Flag(flag: string): void {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const v8 = proc?.getBuiltinModule?.('node:v8') as { setFlagsFromString(flags: string): void } | undefined;
    v8?.setFlagsFromString(flag);
  } catch {
    // not Node, or no such flag
  }
}

/** The module new instances (the shared heap, workspaces) are made from. */
let compiled = exactModule;

function instantiate(): GemmWasm | null {
  if (compiled === null) return null;
  const WebAssembly = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!;
  return new WebAssembly.Instance(compiled, {}).exports as unknown as GemmWasm;
}

let wasm: GemmWasm | null = instantiate();
let heap = wasm ? new Float64Array(wasm.memory.buffer) : new Float64Array(0);
let useWasm = wasm !== null;

/**
 * Products with m·k·n below this many multiply-adds run in JavaScript: under it the packing and the
 * call into WebAssembly cost more than the SIMD block saves (on the development machine both run
 * ≈ 1.5 GFlop/s at n = 8, and at n = 10 WebAssembly is twice as fast).
 */
export const WASM_MIN_WORK = 1000;

export type GemmBackend = 'wasm' | 'wasm-fma' | 'scalar';

/** Which kernel runs products above {@link WASM_MIN_WORK}: 'wasm' (SIMD available), 'wasm-fma' (opted in) or 'scalar'. */
export function gemmBackend(): GemmBackend {
  return !useWasm ? 'scalar' : compiled === exactModule ? 'wasm' : 'wasm-fma';
}

/**
 * Selects the kernel: 'wasm' (the default: exact, bit-identical to the scalar kernels), 'scalar' (for
 * tests and benchmarks), or 'wasm-fma', the opt-in fused variant, also chosen by the environment
 * variable DMF_CHECK_FMA=1 at start-up: the product kernel's accumulations c + a·b become relaxed SIMD
 * `f64x2.relaxed_madd`, a fused multiply-add rounded once where the hardware has one (x86-64 with FMA3,
 * ARM64), else the separate multiply and add. Each entry still sums in increasing p, and the classical
 * bound |ĉ − c| ≤ γ_k·(|A||B|) (γ_k = kε/(1 − kε), ε = 2⁻⁵³) still holds, so results differ from the exact
 * kernel's by at most 2γ_k·(|A||B|) entrywise, but they are no longer bit-identical to it, and may differ
 * between machines (relaxed SIMD leaves fusing to the hardware). About 10–20 % faster GD from n = 32 on.
 * Falls back to 'wasm' where relaxed SIMD cannot be enabled. Arrays from earlier {@link productArrays}
 * calls keep the module they were made with. Returns the backend now in use.
 */
export function setGemmBackend(backend: GemmBackend): GemmBackend {
  const want = backend === 'wasm-fma' ? (fused() ?? exactModule) : exactModule;
  if (want !== compiled) {
    compiled = want;
    wasm = instantiate();
    heap = wasm ? new Float64Array(wasm.memory.buffer) : new Float64Array(0);
  }
  useWasm = backend !== 'scalar' && wasm !== null;
  return gemmBackend();
}

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
if (env?.DMF_CHECK_FMA === '1') setGemmBackend('wasm-fma');

/** The WebAssembly module when it is in use (for the other kernels of this folder), else null. */
export function wasmModule(): GemmWasm | null {
  return useWasm ? wasm : null;
}

/** The WebAssembly memory as doubles, grown to hold at least `doubles` of them. */
export function reserve(doubles: number): Float64Array {
  if (heap.length < doubles) {
    const memory = wasm!.memory;
    const pages = Math.ceil((doubles * 8 - memory.buffer.byteLength) / 65536);
    memory.grow(pages);
    heap = new Float64Array(memory.buffer);
  }
  return heap;
}

/** A workspace: an instance of the module with a memory of its own, never grown after it is made. */
interface Workspace {
  readonly wasm: GemmWasm;
  /** Byte offset and size in doubles of the packing scratch. */
  readonly scratch: number;
  readonly scratchDoubles: number;
}

/** Workspaces by the ArrayBuffer of their memory (the buffer of every array they hand out). */
const workspaces = new WeakMap<ArrayBuffer, Workspace>();

/** A workspace shared by the small requests of {@link productArrays}: arrays are laid out one after another. */
interface Arena {
  readonly ws: Workspace;
  readonly buffer: ArrayBuffer;
  readonly module: object;
  /** Next free double, and the end of the memory in doubles. */
  at: number;
  readonly end: number;
}

/** Requests with every dimension ≤ this, and at most 1/8 of an arena in size, share an arena. */
export const ARENA_MAX_DIM = 128;
/** An arena's memory: 16 MB of address space (the kernel commits a page only when it is first touched). */
const ARENA_PAGES = 256;
let arena: Arena | null = null;

/** 64-byte (cache line) alignment, in doubles. */
const align = (doubles: number) => Math.ceil(doubles / 8) * 8;

/** An instance of the current module with a memory of at least `doubles`, registered as a workspace. */
function newWorkspace(doubles: number, scratchDoubles: number): Workspace {
  const w = instantiate()!;
  const need = Math.ceil((doubles * 8) / 65536) - w.memory.buffer.byteLength / 65536;
  if (need > 0) w.memory.grow(need);
  const ws = { wasm: w, scratch: 0, scratchDoubles };
  workspaces.set(w.memory.buffer, ws);
  return ws;
}

/** Views of the given lengths laid out from double `at` of `buffer` (each 64-byte aligned). */
function carve(buffer: ArrayBuffer, at: number, lengths: readonly number[]): Float64Array[] {
  return lengths.map((len) => {
    const v = new Float64Array(buffer, at * 8, len);
    at += align(len);
    return v;
  });
}

/**
 * Float64Arrays of the given lengths (zero-filled), laid out in one WebAssembly memory together with
 * the scratch that packing needs for products whose dimensions are all ≤ maxDim. A product whose
 * operands and result all lie in one such memory runs there in place: no copy into or out of
 * WebAssembly memory (matrices that live across the steps of a solver are allocated here once).
 * The memory is never grown, so the arrays stay valid; it is freed with them by the garbage collector.
 * Small requests (maxDim ≤ {@link ARENA_MAX_DIM}) are laid out one after another in a shared arena of
 * 16 MB with one scratch, until it is full (its memory is freed when all of its arrays are); larger
 * ones get a memory of their own. Plain Float64Arrays when WebAssembly SIMD is missing or the products
 * are too small to use it.
 * Cost: the zeroed pages, first touched by the caller; for a memory of its own (and for each new
 * arena) also one instantiation of the compiled module and its growth (tens of microseconds: at
 * n = 32 that was ≈ 10 % of a run of 10 deep GD steps, which the arena saves). Memory returned by
 * {@link releaseArrays} is handed out first, zero-filled again unless `zeroed` is false (for callers
 * that write every entry before reading it: the fill costs ≈ 1 % of a deep GD run at n = 100), which
 * saves the page faults too.
 */
export function productArrays(lengths: readonly number[], maxDim: number, zeroed = true): Float64Array[] {
  if (compiled === null || !useWasm || maxDim ** 3 < WASM_MIN_WORK) return lengths.map((len) => new Float64Array(len));
  let size = 0;
  for (const len of lengths) size += align(len);
  const arenaDoubles = (ARENA_PAGES * 65536) / 8;
  const inArena = maxDim <= ARENA_MAX_DIM && size <= arenaDoubles / 8;
  const scratchDoubles = inArena ? 2 * align(ARENA_MAX_DIM * ARENA_MAX_DIM) : 2 * align((Math.ceil(maxDim / 4) * 4) * maxDim);
  const reused = fromPool(size, scratchDoubles, inArena);
  if (reused !== null) return handOut(reused, lengths, zeroed);
  if (inArena) {
    if (arena === null || arena.module !== compiled || arena.at + size > arena.end) {
      const ws = newWorkspace(arenaDoubles, scratchDoubles);
      arena = { ws, buffer: ws.wasm.memory.buffer, module: compiled, at: scratchDoubles, end: arenaDoubles };
    }
    const block: Block = { ws: arena.ws, buffer: arena.buffer, module: compiled, at: arena.at, size, arena: true };
    arena.at += size;
    return handOut(block, lengths, false);
  }
  const ws = newWorkspace(scratchDoubles + size, scratchDoubles);
  return handOut({ ws, buffer: ws.wasm.memory.buffer, module: compiled, at: scratchDoubles, size, arena: false }, lengths, false);
}

/** A run of doubles [at, at + size) of a workspace's memory, handed out by {@link productArrays}. */
interface Block {
  readonly ws: Workspace;
  readonly buffer: ArrayBuffer;
  readonly module: object;
  readonly at: number;
  readonly size: number;
  /** Part of a shared arena (may be split on reuse), or a workspace of its own (reused whole). */
  readonly arena: boolean;
}

/** The block behind each set of arrays handed out, keyed by its first array (until released). */
const blocks = new WeakMap<Float64Array, Block>();
/** Released blocks, ready for reuse; at most {@link POOL_MAX_DOUBLES} doubles in all. */
const pool: Block[] = [];
/** 64 MB: released memory kept beyond this is left to the garbage collector. */
export const POOL_MAX_DOUBLES = 8 << 20;
let pooled = 0;

/** Carves the arrays from the start of `block` (zero-filled first if `zero`: fresh memory already is) and records the block for {@link releaseArrays}. */
function handOut(block: Block, lengths: readonly number[], zero: boolean): Float64Array[] {
  if (zero) new Float64Array(block.buffer, block.at * 8, block.size).fill(0);
  const out = carve(block.buffer, block.at, lengths);
  if (lengths.length > 0) blocks.set(out[0], block);
  return out;
}

/**
 * The smallest released block of the current module that holds `size` doubles with a scratch of at
 * least `scratchDoubles` (arena blocks for arena requests, workspaces of their own otherwise), taken out
 * of the pool; an arena block larger than needed is split and its tail stays pooled. Null if none.
 */
function fromPool(size: number, scratchDoubles: number, inArena: boolean): Block | null {
  let best = -1;
  for (let i = 0; i < pool.length; i++) {
    const b = pool[i];
    if (b.module === compiled && b.arena === inArena && b.size >= size && b.ws.scratchDoubles >= scratchDoubles && (best < 0 || b.size < pool[best].size)) best = i;
  }
  if (best < 0) return null;
  const b = pool[best];
  pool.splice(best, 1);
  pooled -= b.size;
  if (!b.arena || b.size === size) return b;
  release({ ...b, at: b.at + size, size: b.size - size });
  return { ...b, size };
}

function release(block: Block): void {
  if (pooled + block.size > POOL_MAX_DOUBLES) return;
  pool.push(block);
  pooled += block.size;
}

/**
 * Returns arrays from {@link productArrays} (the whole array list of one call, first array first) for
 * reuse by later calls, which hand the memory out again zero-filled: a model made after another was
 * released then touches no new pages (first-touch page faults and a new arena cost a model at n = 32
 * about 10 % of a run of 10 steps). The arrays must not be used afterwards: their memory will belong to
 * other arrays. Releasing arrays twice, or plain arrays, does nothing.
 */
export function releaseArrays(arrays: readonly Float64Array[]): void {
  const block = arrays.length > 0 ? blocks.get(arrays[0]) : undefined;
  if (block === undefined) return;
  blocks.delete(arrays[0]);
  release(block);
}

/**
 * C (m×n) = A·B through the WebAssembly kernel, with A(i, p) = a[i·ai + p·ap] and B(p, j) = b[p·bp + j·bj].
 * When a, b and c lie in one workspace ({@link productArrays}) the operands are packed from where they
 * are and C written in place; otherwise they are copied into the shared WebAssembly memory (memcpy),
 * packed there, multiplied, and C is copied back (one view object allocated for the copy-back).
 * A Gram product (A·Aᵀ or Aᵀ·A: the same operand read the same way on both sides; numpy's dsyrk) packs
 * once and, for k ≥ 8, computes the lower block triangle only (m²k + O(m²) flops instead of 2m²k),
 * storing each block below the diagonal also transposed, from registers (for shorter sums the strided
 * transposed stores cost more than they save: m = 1000, k = 3 ran 20 % slower; m = 100, k = 8 ran 25 %
 * faster, k = 32 40 %, m = 256 = k 48 %).
 */
function wasmProduct(
  a: Float64Array, ai: number, ap: number,
  b: Float64Array, bp: number, bj: number,
  c: Float64Array, m: number, k: number, n: number,
): void {
  const panelA = Math.ceil(m / 4) * 4 * k;
  const panelB = Math.ceil(n / 4) * 4 * k;
  const same = a === b && m === n && ai === bj && ap === bp;
  const ws = workspaces.get(c.buffer as ArrayBuffer);
  if (ws !== undefined && a.buffer === c.buffer && b.buffer === c.buffer && panelA + (same ? 0 : panelB) <= ws.scratchDoubles) {
    ws.wasm.product(a.byteOffset, ai * 8, ap * 8, b.byteOffset, bp * 8, bj * 8, c.byteOffset, m, k, n, ws.scratch, same ? (k >= 8 ? 3 : 1) : 0, directFlags(ai, ap, m, bj, bp, n));
    return;
  }
  const sa = m * k, sb = k * n, len = m * n;
  const offB = same ? 0 : sa, offS = sa + (same ? 0 : sb), offC = offS + panelA + panelB;
  const mem = reserve(offC + len);
  mem.set(a.length === sa ? a : a.subarray(0, sa), 0);
  if (!same) mem.set(b.length === sb ? b : b.subarray(0, sb), offB);
  wasm!.product(0, ai * 8, ap * 8, offB * 8, bp * 8, bj * 8, offC * 8, m, k, n, offS * 8, same ? (k >= 8 ? 3 : 1) : 0, directFlags(ai, ap, m, bj, bp, n));
  c.set(mem.subarray(offC, offC + len));
}

/**
 * Which operands the kernel reads in place instead of packing (gemm.wat `product`, bit 1: A, bit 2: B):
 * those whose quads of 4 consecutive rows of A or columns of B are already contiguous (A = Xᵀ or B with
 * X, B row-major; the dimension a multiple of 4), unless the row stride is a multiple of 1 KB, where the
 * quads of successive p map to a few cache sets and evict each other (the aliasing packing avoids).
 */
function directFlags(ai: number, ap: number, m: number, bj: number, bp: number, n: number): number {
  return (ai === 1 && (m & 3) === 0 && (ap & 127) !== 0 ? 1 : 0) | (bj === 1 && (n & 3) === 0 && (bp & 127) !== 0 ? 2 : 0);
}

/** The workspace holding all of the arrays, or undefined (then they run in JavaScript). */
function commonWorkspace(a: Float64Array, b: Float64Array, c?: Float64Array): Workspace | undefined {
  if (!useWasm) return undefined;
  const ws = workspaces.get(a.buffer as ArrayBuffer);
  return ws !== undefined && b.buffer === a.buffer && (c === undefined || c.buffer === a.buffer) ? ws : undefined;
}

/**
 * y ← y + α·x over the first len entries: one rounded product and one rounded sum per entry (so
 * α = −η gives y − η·x exactly). In WebAssembly SIMD when both lie in one workspace, bit for bit the same.
 */
export function axpy(y: Float64Array, x: Float64Array, alpha: number, len = y.length): void {
  const ws = commonWorkspace(y, x);
  if (ws !== undefined) ws.wasm.axpy(y.byteOffset, x.byteOffset, len, alpha);
  else for (let i = 0; i < len; i++) y[i] += alpha * x[i];
}

/**
 * out ← x − y over the first len entries (the residual of a step, its loss left to {@link sumSquares}
 * when it is asked for). In WebAssembly SIMD when all three lie in one workspace, bit for bit the same.
 */
export function difference(x: Float64Array, y: Float64Array, out: Float64Array, len = out.length): void {
  const ws = commonWorkspace(x, y, out);
  if (ws !== undefined) ws.wasm.difference(x.byteOffset, y.byteOffset, out.byteOffset, len);
  else for (let i = 0; i < len; i++) out[i] = x[i] - y[i];
}

/**
 * Σ x[i]² over i < len, summed in increasing i (one rounded square and one rounded sum per term): the
 * loss of the residual {@link difference} writes. A chain of len dependent adds (about
 * 1 µs at len = 1024), which is why a step computes the residual alone and its loss only on demand.
 */
export function sumSquares(x: Float64Array, len = x.length): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += x[i] * x[i];
  return s;
}

/** C = A·B (A m×k, B k×n). */
export function gemmNN(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  if (useWasm && k > 0 && m * k * n >= WASM_MIN_WORK) wasmProduct(a, k, 1, b, n, 1, c, m, k, n);
  else gemmNNScalar(a, b, c, m, k, n);
}

/** C = Aᵀ·B (A k×m, B k×n). */
export function gemmTN(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  if (useWasm && k > 0 && m * k * n >= WASM_MIN_WORK) wasmProduct(a, 1, m, b, n, 1, c, m, k, n);
  else gemmTNScalar(a, b, c, m, k, n);
}

/** C = A·Bᵀ (A m×k, B n×k). */
export function gemmNT(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  if (useWasm && k > 0 && m * k * n >= WASM_MIN_WORK) wasmProduct(a, k, 1, b, 1, k, c, m, k, n);
  else gemmNTScalar(a, b, c, m, k, n);
}

/** Scalar kernels: the output is accumulated four rows at a time so that each loaded row of the right
 * factor feeds four multiply-adds (≈ 2.5 GFlop/s at n = 32…256 on the development machine). */

/** C = A·B (A m×k, B k×n). */
export function gemmNNScalar(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  c.fill(0, 0, m * n);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) {
        const v = b[bp + j];
        c[c0 + j] += x0 * v;
        c[c1 + j] += x1 * v;
        c[c2 + j] += x2 * v;
        c[c3 + j] += x3 * v;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const x = a[i * k + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
    }
  }
}

/** C = Aᵀ·B (A k×m, B k×n). */
export function gemmTNScalar(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  c.fill(0, 0, m * n);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    for (let p = 0; p < k; p++) {
      const ap = p * m + i;
      const x0 = a[ap], x1 = a[ap + 1], x2 = a[ap + 2], x3 = a[ap + 3];
      const bp = p * n;
      for (let j = 0; j < n; j++) {
        const v = b[bp + j];
        c[c0 + j] += x0 * v;
        c[c1 + j] += x1 * v;
        c[c2 + j] += x2 * v;
        c[c3 + j] += x3 * v;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const x = a[p * m + i];
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
    }
  }
}

/** C = A·Bᵀ (A m×k, B n×k). */
export function gemmNTScalar(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const v = b[bj + p];
        s0 += a[a0 + p] * v;
        s1 += a[a1 + p] * v;
        s2 += a[a2 + p] * v;
        s3 += a[a3 + p] * v;
      }
      c[i * n + j] = s0;
      c[(i + 1) * n + j] = s1;
      c[(i + 2) * n + j] = s2;
      c[(i + 3) * n + j] = s3;
    }
  }
  for (; i < m; i++) {
    const ai = i * k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
      c[i * n + j] = s;
    }
  }
}
