/**
 * Asymmetric gradient flow (docs/theory.md §1, last part; [derived])
 *
 *     Ȧ = (Y − ABᵀ)B,   Ḃ = (Y − ABᵀ)ᵀA,   L = ½‖Y − ABᵀ‖²_F,   Y ∈ ℝ^{m×n}, A ∈ ℝ^{m×r}, B ∈ ℝ^{n×r}.
 *
 * The imbalance AᵀA − BᵀB is conserved. For a balanced init (AᵀA = BᵀB), Z = [A; B] gives
 * ½ZZᵀ solving the symmetric flow with target Ȳ = [[0, Y], [Yᵀ, 0]] from U₀ = Z₀/√2, so the
 * closed form is the symmetric solver on Ȳ and ABᵀ is twice the top-right block. Ȳ has eigenvalues
 * ±σᵢ(Y) with eigenvectors [uᵢ; ±vᵢ]/√2, which also supplies Y's singular pairs.
 *
 * `asymmetricClosedForm`: cost of the symmetric closed form at size m + n.
 * `asymmetricOde`: Dormand–Prince 5(4) on (A, B), any (also unbalanced) init, 3mnr flops per
 * right-hand side.
 */
import { InputError } from '../errors.js';
import { type Matrix, frobenius, matmul, matmulABt, matmulAtB, zeros } from '../linalg/matrix.js';
import { DormandPrince45, type OdeOptions, checkOdeOptions } from '../ode/dormandPrince.js';
import type { FlowEvaluator } from './evaluator.js';
import { checkEntries, symmetricClosedForm } from './symmetricClosedForm.js';
import { checkpointCap } from './symmetricOde.js';

export { type SingularPairs, embedding, singularPairs, singularPairsFromEmbedding } from '../spectrum/singularPairs.js';
import { type SingularPairs, embedding, singularPairs, singularPairsFromEmbedding } from '../spectrum/singularPairs.js';

export function pairProjections(x: Matrix, pairs: SingularPairs): Float64Array {
  const xv = matmul(x, pairs.right); // m × k
  const k = pairs.values.length, m = x.rows;
  const out = new Float64Array(k);
  // Stryker disable next-line EqualityOperator: c <= k only writes out[k], past the Float64Array's end (ignored); hides the killed c >= k
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += pairs.left.data[i * k + c] * xv.data[i * k + c];
    out[c] = s;
  }
  return out;
}

function checkFactors(y: Matrix, a: Matrix, b: Matrix): void {
  checkEntries(y, 'target');
  checkEntries(a, 'init.factors[0]');
  checkEntries(b, 'init.factors[1]');
  if (a.rows !== y.rows) throw new InputError('init.factors[0]', `must have ${y.rows} rows like the target (has ${a.rows})`);
  if (b.rows !== y.cols) throw new InputError('init.factors[1]', `must have ${y.cols} rows (the target's columns; has ${b.rows})`);
  if (a.cols !== b.cols) throw new InputError('init.factors[1]', `must have ${a.cols} columns like init.factors[0] (has ${b.cols})`);
}

/** max|AᵀA − BᵀB| / max(‖A‖²_F + ‖B‖²_F, tiny). */
export function imbalance(a: Matrix, b: Matrix): { absolute: number; relative: number; spectralBound: number } {
  const d = matmulAtB(a, a);
  const bb = matmulAtB(b, b);
  let mx = 0;
  for (let i = 0; i < d.data.length; i++) {
    d.data[i] -= bb.data[i];
    mx = Math.max(mx, Math.abs(d.data[i]));
  }
  const s = frobenius(a) ** 2 + frobenius(b) ** 2;
  return { absolute: mx, relative: s === 0 ? 0 : mx / s, spectralBound: frobenius(d) };
}

/**
 * Certificate constants. With Z = [A; B] and μ = ‖ZᵀZ‖, μ̇ ≤ μ(2σ₁ − μ + ‖D‖) for the conserved
 * D = AᵀA − BᵀB, so μ ≤ μ* = max(μ₀, 2σ₁ + ‖D‖); ‖d(ABᵀ)/dt‖ ≤ sqrt(‖A‖² + ‖B‖²)·‖Ż‖_F ≤ √(2μ*)·‖Ż‖_F.
 */
function asymmetricCertificate(y: Matrix, a: Matrix, b: Matrix, sigma1: number, entryError: number) {
  const mu0 = frobenius(a) ** 2 + frobenius(b) ** 2;
  const muMax = Math.max(mu0, 2 * sigma1 + imbalance(a, b).spectralBound);
  const k = Math.max(y.rows, y.cols);
  const s = frobenius(y) + Math.sqrt(k) * muMax;
  const lossError = s * k * entryError * Math.max(1, muMax) + 4 * y.rows * y.cols * 2.220446049250313e-16 * s * s;
  const c = Math.sqrt(2 * muMax);
  return { variationBound: (_level: number) => c, lossError };
}

/** Closed form for a balanced init (AᵀA = BᵀB to 1e−12 relative to ‖A‖²_F + ‖B‖²_F). */
export function asymmetricClosedForm(y: Matrix, a0: Matrix, b0: Matrix): FlowEvaluator {
  checkFactors(y, a0, b0);
  const imb = imbalance(a0, b0);
  if (imb.relative > 1e-12) {
    throw new InputError(
      'init.factors',
      `the closed form needs a balanced init (AᵀA = BᵀB to 1e-12 relative; here ${imb.relative.toExponential(2)}): use "method": "ode" or a balanced init`,
    );
  }
  const m = y.rows, n = y.cols, r = a0.cols, N = m + n;
  const z0 = zeros(N, r); // Z₀/√2 = [A₀; B₀]/√2, row-major: A₀'s entries, then B₀'s
  z0.data.set(a0.data.map((v) => v / Math.SQRT2));
  z0.data.set(b0.data.map((v) => v / Math.SQRT2), m * r);
  const sym = symmetricClosedForm(embedding(y), z0);
  const pairs = singularPairsFromEmbedding(sym.eigen.values, sym.eigen.vectors, m, n);
  const cert = asymmetricCertificate(y, a0, b0, pairs.values[0] ?? 0, 1e-13);
  const matrix = (t: number): Matrix => {
    const w = sym.matrix(t);
    const out = zeros(m, n);
    // Stryker disable next-line EqualityOperator: i <= m writes past out's end; j <= n writes 2w[i+1][0] at out[(i+1)n], overwritten by row i + 1 (or past the end); hides the killed >= twins
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out.data[i * n + j] = 2 * w.data[i * N + m + j];
    return out;
  };
  return {
    model: 'asymmetric',
    targetValues: pairs.values,
    variationBound: cert.variationBound,
    lossError: cert.lossError,
    maxTime: sym.maxTime,
    matrix,
    projections: (t) => pairProjections(matrix(t), pairs),
    loss: (t) => lossOf(y, matrix(t)),
    diagnostics: () => ({
      solver: 'closed form through the symmetric embedding Ȳ = [[0, Y], [Yᵀ, 0]] (float64)',
      width: r,
      targetSingularValues: Array.from(pairs.values),
      imbalance: imb.absolute,
      maxTime: sym.maxTime,
    }),
  };
}

function lossOf(y: Matrix, x: Matrix): number {
  let s = 0;
  for (let i = 0; i < y.data.length; i++) s += (y.data[i] - x.data[i]) ** 2;
  return s / 2;
}

export interface AsymmetricOdeEvaluator extends FlowEvaluator {
  /** (A(t), B(t)). */
  factors(t: number): [Matrix, Matrix];
}

/** Dormand–Prince integration of (A, B) from any init. */
export function asymmetricOde(y: Matrix, a0: Matrix, b0: Matrix, options?: OdeOptions, tick?: () => void): AsymmetricOdeEvaluator {
  checkFactors(y, a0, b0);
  const opts = checkOdeOptions(options);
  const m = y.rows, n = y.cols, r = a0.cols;
  const Y = y.data;
  const res = new Float64Array(m * n);
  const rhs = (_t: number, s: Float64Array, ds: Float64Array): void => {
    tick?.();
    // R = Y − ABᵀ; Ȧ = RB; Ḃ = RᵀA. A = s[0 : mr], B = s[mr : mr + nr].
    const bo = m * r;
    // Stryker disable next-line EqualityOperator: i <= m writes past res's end; j <= n writes a NaN at res[(i+1)n], overwritten by row i + 1 (or past the end); hides the killed >= twins
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let c = 0; c < r; c++) acc += s[i * r + c] * s[bo + j * r + c];
      res[i * n + j] = Y[i * n + j] - acc;
    }
    ds.fill(0);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      const rij = res[i * n + j];
      // Stryker disable next-line ConditionalExpression: skipping a zero term only saves work (the sum is the same); `true` is killed
      if (rij === 0) continue;
      for (let c = 0; c < r; c++) {
        ds[i * r + c] += rij * s[bo + j * r + c];
        ds[bo + j * r + c] += rij * s[i * r + c];
      }
    }
  };
  const solver = new DormandPrince45((m + n) * r, rhs, opts);
  const init = new Float64Array((m + n) * r);
  init.set(a0.data, 0);
  init.set(b0.data, m * r);
  const checkpoints: { t: number; s: Float64Array }[] = [{ t: 0, s: init }];
  const pairs = singularPairs(y);
  const cert = asymmetricCertificate(y, a0, b0, pairs.values[0] ?? 0, Math.max(opts.rtol, opts.atol));
  const cap = checkpointCap((m + n) * r);
  let cursor = checkpoints[0];
  const state = (t: number): Float64Array => {
    if (!Number.isFinite(t) || t < 0) throw new InputError('times', 'each time must be a finite number ≥ 0');
    let lo = 0, hi = checkpoints.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (checkpoints[mid].t <= t) lo = mid;
      else hi = mid - 1;
    }
    const fromCursor =
      cursor.t <= t &&
      // Stryker disable next-line EqualityOperator: cursor.t = checkpoints[lo].t means the same state (the cursor is that checkpoint or its copy)
      cursor.t > checkpoints[lo].t;
    const cp = fromCursor ? cursor : checkpoints[lo];
    const s = cp.s.slice();
    // Stryker disable next-line ConditionalExpression: at cp.t = t, integrate(t, s, t) returns at once, only a duplicate checkpoint of the same state is added; `false` is killed
    if (cp.t !== t) {
      solver.integrate(cp.t, s, t);
      cursor = { t, s }; // shared with the caller: state's result is only read (factors copies it)
      if (checkpoints.length < cap) checkpoints.splice(lo + 1, 0, cursor);
    }
    return s;
  };
  const factors = (t: number): [Matrix, Matrix] => {
    const s = state(t);
    return [
      { rows: m, cols: r, data: s.slice(0, m * r) },
      { rows: n, cols: r, data: s.slice(m * r) },
    ];
  };
  const matrix = (t: number): Matrix => {
    const [a, b] = factors(t);
    return matmulABt(a, b);
  };
  return {
    model: 'asymmetric',
    targetValues: pairs.values,
    variationBound: cert.variationBound,
    lossError: cert.lossError,
    maxTime: 1e300,
    factors,
    matrix,
    projections: (t) => pairProjections(matrix(t), pairs),
    loss: (t) => lossOf(y, matrix(t)),
    diagnostics: () => ({
      solver: 'Dormand–Prince 5(4) on Ȧ = (Y − ABᵀ)B, Ḃ = (Y − ABᵀ)ᵀA',
      rtol: opts.rtol,
      atol: opts.atol,
      ...solver.stats,
      targetSingularValues: Array.from(pairs.values),
      imbalance: imbalance(a0, b0).absolute,
    }),
  };
}
