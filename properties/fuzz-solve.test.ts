/**
 * Fuzzing `dmf-check solve` (issue 9): JSON problems, valid and invalid, through the CLI entry point
 * in process (`main(['solve', '-'], io)`) and a few through the real bin. Every draw must give
 *   - exit 0, nothing on standard error, one line of JSON whose numbers are finite (JSON has no
 *     NaN/Infinity; a non-finite number would appear as null outside the places where null means
 *     "not reached"), or
 *   - exit 1 or 2, nothing on standard output, exactly one printable line under 300 characters on
 *     standard error, no stack trace,
 * within a bound on the CPU time of each draw (wall time for the few spawned runs). Categories: wrong types and ranges per field, unknown fields with
 * control characters, huge magnitudes, huge declared shapes in small inputs, extreme times, levels,
 * digits, invalid JSON text, gradient-descent problems. The flow problems carry a `maxSeconds`
 * budget of 1.5 s: the documented work limits allow runs of tens of seconds (tested on their own in
 * src/solve/reliability.test.ts), and the budget is how a caller bounds what cannot be estimated up
 * front (ODE steps of a stiff run, hitting-time searches); the per-draw bound checks that it holds.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { type CliIo, main, reportError } from '../src/cli/main.js';

const PER_DRAW_MS = 4000;
/** FUZZ_RUNS / FUZZ_SEED widen the search by hand; the suite runs 120 draws from a fixed seed. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

interface Outcome {
  code: number;
  out: string;
  err: string;
  ms: number;
}

async function runInProcess(text: string): Promise<Outcome> {
  let out = '', err = '';
  const io: CliIo = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdin: async () => text };
  // CPU time of this process, not wall time: the bound is about the work a draw does (and the
  // budget that caps it), which other processes on a shared machine must not be able to fail.
  const c0 = process.cpuUsage();
  const code = await main(['solve', '-'], io);
  const c = process.cpuUsage(c0);
  return { code, out, err, ms: (c.user + c.system) / 1000 };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Nulls are allowed only where the format documents them (hitting times not reached; GD diagnostics). */
function nonFiniteSuspects(v: unknown, path: string, out: string[]): void {
  if (v === null) {
    if (path !== ".hitting" && !/^\.hitting\.times\[/.test(path) && !/^\.diagnostics\./.test(path)) out.push(path);
  } else if (Array.isArray(v)) v.forEach((x, i) => nonFiniteSuspects(x, `${path}[${i}]`, out));
  else if (typeof v === 'object') for (const [k, x] of Object.entries(v as object)) nonFiniteSuspects(x, `${path}.${k}`, out);
}

function holdsPromise(o: Outcome, label: string, escapes = true): void {
  const where = `${label}\n${o.err || o.out.slice(0, 300)}`;
  expect(o.ms, where).toBeLessThan(PER_DRAW_MS);
  if (o.code === 0) {
    expect(o.err, where).toBe('');
    expect(o.out.endsWith('\n') && o.out.indexOf('\n') === o.out.length - 1, where).toBe(true);
    const suspects: string[] = [];
    nonFiniteSuspects(JSON.parse(o.out), '', suspects);
    expect(suspects, where).toEqual([]);
    return;
  }
  expect([1, 2], where).toContain(o.code);
  expect(o.out, where).toBe('');
  expect(o.err, where).toMatch(/^dmf-check: [^\n]*\n$/);
  // Until reportError truncates (see reportErrorEscapes), a numerical failure's details may run long.
  if (escapes || o.code === 2) expect(o.err.length, where).toBeLessThan(300);
  expect(CONTROL.test(o.err.slice(0, -1)), where).toBe(false);
  expect(o.err, where).not.toMatch(/\n\s+at |internal error/);
}

/**
 * Whether reportError already escapes and truncates echoed input (owned by the CLI work of the same
 * issue). Until it does, field names with control characters or of great length are left out of the
 * draws: the solver side names them faithfully, the terminal side must escape them.
 */
function reportErrorEscapes(): boolean {
  let err = '';
  const io: CliIo = { stdout: () => {}, stderr: (s) => void (err += s), stdin: async () => '' };
  reportError(new InputError(`a\u0000\u001b[31m\u2028${'x'.repeat(1000)}`, 'is not a known field here'), io);
  return err.length < 300 && !CONTROL.test(err.slice(0, -1));
}

// ---- generators ------------------------------------------------------------------------------

const small = fc.double({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true });
const extremeNumber = fc.constantFrom(0, -0, 5e-324, 1e-300, 1e-20, 1e20, 1e100, 1.5e100, 1e300, -1e300, Number.MAX_VALUE, 2 ** 53 + 1);
const weird = fc.oneof(
  extremeNumber,
  fc.constantFrom(null, true, 'x', '1e-400', '0.1', '', '\u0000', '\u001b[31m', '\u2028', [], {}, [[]], [[1, 2], [3]], [1, 'a'], -1, 1.5, 0.5, 1e9, 4097),
  fc.string({ maxLength: 8 }),
);

function matrix(rows: number, cols: number, entry: fc.Arbitrary<number>): fc.Arbitrary<number[][]> {
  return fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
}
const symmetricMatrix = (n: number) =>
  matrix(n, n, small).map((a) => a.map((row, i) => row.map((_, j) => (i <= j ? a[i][j] : a[j][i]))));

const times = fc.array(
  fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 12, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(0, 5e-324, 1e-300, 1e6, 1e20, 1e300) }),
  { minLength: 1, maxLength: 4 },
);
const levels = fc.oneof(fc.constant(undefined), fc.constantFrom([0.5], [0.25, 0.75], [1], [2], [0.9]));

const flowProblem = fc
  .record({
    model: fc.constantFrom('symmetric', 'asymmetric'),
    method: fc.constantFrom('closed-form', 'ode'),
    m: fc.integer({ min: 1, max: 3 }),
    n: fc.integer({ min: 1, max: 3 }),
    r: fc.integer({ min: 1, max: 3 }),
    initKind: fc.constantFrom('factor', 'aligned', 'gaussian'),
    scale: fc.oneof(fc.double({ min: 1e-8, max: 1, noNaN: true }), fc.constantFrom(0, 1e100, 1e200)),
    seed: fc.integer({ min: 0, max: 1000 }),
    times,
    levels,
    digits: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 10, max: 20 }) }),
  })
  .chain((c) => {
    const m = c.model === 'symmetric' ? c.n : c.m;
    const k = Math.min(m, c.n);
    const target = c.model === 'symmetric' ? symmetricMatrix(c.n) : matrix(m, c.n, small);
    const factorEntry = fc.double({ min: -0.1, max: 0.1, noNaN: true });
    let init: fc.Arbitrary<unknown>;
    if (c.initKind === 'gaussian') init = fc.constant({ kind: 'gaussian', scale: c.scale, width: c.r, seed: c.seed, ...(c.model === 'asymmetric' ? { balanced: true } : {}) });
    else if (c.initKind === 'aligned') init = fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: k, maxLength: k }).map((shape) => ({ kind: 'aligned', scale: c.scale, shape }));
    else if (c.model === 'symmetric') init = matrix(c.n, c.r, factorEntry).map((factor) => ({ factor }));
    else init = fc.tuple(matrix(m, c.r, factorEntry), matrix(c.n, c.r, factorEntry)).map((factors) => ({ factors }));
    return fc.tuple(target, init).map(([y, i]) => {
      const p: Record<string, unknown> = { model: c.model, method: c.method, target: y, init: i, times: c.times };
      if (c.levels) p.levels = c.levels;
      if (c.digits !== undefined && c.method === 'closed-form') p.digits = c.digits;
      p.maxSeconds = 1.5;
      return p;
    });
  });

const gdProblem = fc
  .record({
    model: fc.constantFrom('symmetric', 'deep'),
    n: fc.integer({ min: 1, max: 3 }),
    depth: fc.integer({ min: 2, max: 4 }),
    scale: fc.oneof(fc.double({ min: 1e-3, max: 0.5, noNaN: true }), fc.constantFrom(0, 1e10, 1e100)),
    stepSize: fc.oneof(fc.double({ min: 1e-3, max: 0.3, noNaN: true }), fc.constantFrom(10, 1e10)),
    iterations: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 4 }),
  })
  .chain((c) =>
    symmetricMatrix(c.n).map((y) => {
      const p: Record<string, unknown> = { model: c.model, method: 'gd', target: y, stepSize: c.stepSize, iterations: c.iterations };
      if (c.model === 'deep') {
        p.depth = c.depth;
        p.init = { kind: 'identity', scale: c.scale };
      } else p.init = { kind: 'gaussian', scale: c.scale, width: c.n, seed: 1 };
      return p;
    }),
  );

/** A path into a problem and a replacement (undefined: delete), to break one field. */
function mutate(p: Record<string, unknown>, pathChoice: number, value: unknown, del: boolean): Record<string, unknown> {
  const q = structuredClone(p) as Record<string, unknown>;
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (path.length) paths.push(path);
    if (path.length > 3) return;
    if (Array.isArray(v)) v.slice(0, 3).forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [key, x] of Object.entries(v)) walk(x, [...path, key]);
  };
  walk(q, []);
  const path = paths[pathChoice % paths.length];
  let parent: Record<string | number, unknown> = q;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (del && !Array.isArray(parent)) delete parent[last];
  else parent[last] = value;
  // the budget may be broken (a bad maxSeconds is an exit 2) but not removed (see the module comment)
  if ('maxSeconds' in p && !('maxSeconds' in q)) q.maxSeconds = p.maxSeconds;
  return q;
}

const extraField = (escapes: boolean) =>
  escapes ? fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('a\u0000b', '\u001b[2J', 'x\u2028y', 'c\rd', 'e'.repeat(5000))) : fc.constantFrom('tims', 'Times', 'extra', 'ode2');

/** Small inputs declaring huge work: widths, counts, shapes, depths. */
const HUGE_DECLARED: Record<string, unknown>[] = [
  { model: 'symmetric', method: 'closed-form', target: [[1]], init: { kind: 'gaussian', scale: 1, width: 1e9, seed: 1 }, times: [1] },
  { model: 'symmetric', method: 'ode', target: [[1]], init: { factor: [new Array(5000).fill(0)] }, times: [1] },
  { model: 'asymmetric', method: 'closed-form', target: [new Array(3000).fill(1)], init: { kind: 'aligned', scale: 1e-3, shape: [1] }, times: [1] },
  { model: 'asymmetric', method: 'ode', target: new Array(3000).fill([1]), init: { kind: 'gaussian', scale: 1e-3, width: 1, seed: 1 }, times: [1] },
  { model: 'symmetric', method: 'closed-form', target: [[1]], init: { factor: [[1]] }, times: new Array(2000).fill(1), digits: 100 },
  { model: 'symmetric', method: 'closed-form', target: [[1]], init: { factor: [[1]] }, times: [1], levels: new Array(1001).fill(0.5) },
  { model: 'symmetric', method: 'closed-form', target: [[1, 0], [0, 2]], init: { kind: 'gaussian', scale: 1e-3, width: 4096, seed: 1 }, times: [1], digits: 30 },
  { model: 'asymmetric', method: 'closed-form', target: [[1, 2, 3]], init: { kind: 'gaussian', scale: 1e-3, width: 4000, seed: 1, balanced: true }, times: [1] },
  { model: 'symmetric', method: 'closed-form', target: [[1]], init: { factor: [[1]] }, times: new Array(1_000_001).fill(0) },
  { model: 'deep', method: 'gd', target: [[1]], depth: 1e9, init: { kind: 'identity', scale: 0.5 }, stepSize: 0.1, iterations: [1] },
  { model: 'symmetric', method: 'gd', target: [[1]], init: { factor: [[0.1]] }, stepSize: 0.1, iterations: [1e300] },
  // The gradient-descent cases of the same issue: α^N overflowing at depth 64, and 200 000 snapshot
  // iterations (once a stack overflow through a Math.max spread).
  { model: 'deep', method: 'gd', target: [[1, 0], [0, 2]], depth: 64, init: { kind: 'balanced', scale: 1e10, seed: 1 }, stepSize: 0.01, iterations: [1] },
  { model: 'deep', method: 'gd', target: [[1]], depth: 2, init: { kind: 'identity', scale: 0.5 }, stepSize: 0.01, iterations: Array.from({ length: 200_000 }, (_, k) => k % 50) },
  { model: 'sensing', method: 'gd', target: [[1, 0], [0, 1]], depth: 2, init: { kind: 'identity', scale: 1e200 }, measurements: { count: 3, seed: 1, noise: 1e300 }, stepSize: 0.01, iterations: [1] },
];
const hugeDeclared = fc.constantFrom(...HUGE_DECLARED);

const badText = fc.constantFrom('', ' ', '{', '[1,2', 'null', '"x"', '\uFEFF{"model":"symmetric"}', '{"a":1,"a":2}', `${'['.repeat(3000)}${']'.repeat(3000)}`, 'NaN', '{"model":"symmetric","method":"closed-form","target":[[1]],"init":{"factor":[[1]]},"times":[1e999]}');

function problems(escapes: boolean): fc.Arbitrary<string> {
  const valid = fc.oneof({ weight: 3, arbitrary: flowProblem }, { weight: 1, arbitrary: gdProblem });
  const broken = fc.tuple(valid, fc.nat(), weird, fc.boolean()).map(([p, i, v, d]) => mutate(p, i, v, d));
  const unknown = fc.tuple(valid, extraField(escapes)).map(([p, key]) => ({ ...p, [key]: 1 }));
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((p) => JSON.stringify(p)) },
    { weight: 4, arbitrary: broken.map((p) => JSON.stringify(p)) },
    { weight: 1, arbitrary: unknown.map((p) => JSON.stringify(p)) },
    { weight: 1, arbitrary: hugeDeclared.map((p) => JSON.stringify(p)) },
    { weight: 1, arbitrary: badText },
  );
}

describe('fuzzing dmf-check solve', () => {
  it('every draw: exit 0 with finite JSON, or exit 1/2 with one short printable line, in bounded time', async () => {
    const escapes = reportErrorEscapes();
    await fc.assert(
      fc.asyncProperty(problems(escapes), async (text) => holdsPromise(await runInProcess(text), text.slice(0, 400), escapes)),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 60_000);

  it('every small input declaring huge work (or an overflowing scale) holds the promise, each one', async () => {
    for (const p of HUGE_DECLARED) {
      const text = JSON.stringify(p);
      await holdsPromise(await runInProcess(text), text.slice(0, 400), reportErrorEscapes());
    }
  }, 60_000);

  it('the real bin holds the same promise (valid, invalid, huge declared)', () => {
    const BIN = fileURLToPath(new URL('../bin/dmf-check', import.meta.url));
    const inputs = [
      JSON.stringify({ model: 'symmetric', method: 'closed-form', target: [[0, 0], [0, 0]], init: { factor: [[1, 0], [0, 1]] }, times: [1e20] }),
      JSON.stringify({ model: 'asymmetric', method: 'closed-form', target: [new Array(100_000).fill(1)], init: { kind: 'aligned', scale: 1e-3, shape: [1] }, times: [1] }),
      '{"model": "symmetric", "method": "ode", "target": [[1]], "init": {"factor": [[0.1]]}, "times": [1e20]}',
    ];
    const codes: number[] = [];
    for (const input of inputs) {
      const t0 = performance.now();
      const r = spawnSync(BIN, ['solve'], { input, encoding: 'utf8', timeout: 20_000 });
      // a process start through tsx costs about a second on a loaded machine: the time bound is scaled
      holdsPromise({ code: r.status ?? -1, out: r.stdout, err: r.stderr, ms: (performance.now() - t0) / 5 }, input.slice(0, 200), reportErrorEscapes());
      codes.push(r.status ?? -1);
    }
    expect(codes).toEqual([0, 2, 2]);
  }, 60_000);
});
