/**
 * Stability threshold of gradient descent from the measurement operator actually used.
 *
 * GD with step η is locally stable at a minimum iff η < 2/λ_max(∇²L). This module estimates
 * λ_max at the balanced factorization of the target X = U_kΣV_kᵀ (W₁ = Σ^{1/N}V_kᵀ, W_j = Σ^{1/N},
 * W_N = U_kΣ^{1/N}, widths permitting: the minimum that small balanced or aligned inits approach), by
 * power iteration on the Gauss–Newton Hessian H = Jᵀ𝒬J, with J the differential of the product map
 * (W₁ … W_N) ↦ W_N⋯W₁ (Jδ = Σ_j S_jδ_jP_{j−1}) and 𝒬 the curvature of the loss in W:
 * 𝒬 = I (full), (1/m)𝒜*𝒜 (sensing), (1/|Ω|)P_Ω (completion). At an interpolating minimum (noise-free
 * data, X representable) H is the exact Hessian. For the full objective λ_max = Nσ₁^{2−2/N} in closed
 * form; with 𝒬 = c²·I (measurements of entry scale c, many of them) it is c² times that, which is
 * what the formula 2/(Nσ₁^{2−2/N}) alone misses.
 *
 * The iteration starts from the top pair's direction (δ₁ = e₁v₁ᵀ, δ_j = e₁e₁ᵀ, δ_N = u₁e₁ᵀ, scaled),
 * whose Rayleigh quotient κ·Nσ₁^{2−2/N}, κ = ⟨u₁v₁ᵀ, 𝒬(u₁v₁ᵀ)⟩, is reported as `topPairCurvature`,
 * plus a seeded perturbation of relative size 1e−2 so that every eigendirection is present. Rayleigh
 * quotients of power iterates of a positive semi-definite H increase towards λ_max, so every estimate is
 * a lower bound on λ_max (an upper estimate of the threshold), converged when it changes by < 1e−7
 * relative over 5 iterations. Cost per iteration: 4N dense products (m·d·n) plus one application of 𝒬
 * (sensing: 4m·mn flops).
 */
import { Rng } from '../init/rng.js';
import { gemmNN, gemmNT, gemmTN } from '../linalg/gemm.js';
import type { SpectralPairs } from '../spectrum/targetSpectrum.js';
import { spectralFactors } from './inits.js';
import type { LayeredObjective } from './layered.js';

export interface CurvatureEstimate {
  /** Estimate of λ_max(H) (a lower bound; 0 when H = 0). */
  lambdaMax: number;
  /** Rayleigh quotient along the top pair's direction. */
  topPairCurvature: number;
  iterations: number;
  converged: boolean;
}

export function balancedHessianTop(pairs: SpectralPairs, dims: readonly number[], objective: LayeredObjective, maxIterations = 300): CurvatureEstimate {
  const N = dims.length - 1, m = dims[N], n = dims[0], k = pairs.values.length;
  const vals = Array.from(pairs.values, (v) => Math.max(0, v));
  const w = spectralFactors([...dims], pairs.left, pairs.right, vals.map((v) => v ** (1 / N)), vals).map((f) => f.data);
  // prefix[j] = w[j]⋯w[0] (d_{j+1}×n), suffix[j] = w[N−1]⋯w[j+1] (m×d_{j+1}); hv reads prefix[0 … N−2] only.
  const prefix: Float64Array[] = [w[0]];
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: j = N − 1 would also form prefix[N−1], which hv never reads, and j = N an empty prefix[N] (dims[N + 1] undefined)
  for (let j = 1; j < N - 1; j++) {
    prefix[j] = new Float64Array(dims[j + 1] * n);
    // Stryker disable next-line ArithmeticOperator: rows d_{j−1} for d_{j+1} change nothing: the balanced factors are I s I, so prefix[j] has at most min(k, d₁ … d_j) ≤ d_{j−1} non-zero rows (d₀ = n ≥ k), and rows past the array are discarded
    gemmNN(w[j], prefix[j - 1], prefix[j], dims[j + 1], dims[j], n);
  }
  // Stryker disable next-line ArrayDeclaration: a JavaScript array grows on assignment; the length is a hint
  const suffix: Float64Array[] = new Array(N);
  // Stryker disable next-line ConditionalExpression: for N = 1 it would set suffix[−1], a property nothing reads
  if (N >= 2) suffix[N - 2] = w[N - 1];
  for (let j = N - 3; j >= 0; j--) {
    suffix[j] = new Float64Array(m * dims[j + 1]);
    gemmNN(suffix[j + 1], w[j + 1], suffix[j], m, dims[j + 2], dims[j + 1]);
  }
  const sizes = Array.from({ length: N }, (_, j) => dims[j + 1] * dims[j]);
  const z = new Float64Array(m * n), qz = new Float64Array(m * n), t1 = new Float64Array(Math.max(...dims) * n), t2 = new Float64Array(m * Math.max(...dims));
  const hv = (v: Float64Array[], out: Float64Array[]): void => {
    z.fill(0);
    // Stryker disable next-line EqualityOperator: j = N meets dims[N + 1] = undefined: products over no rows
    for (let j = 0; j < N; j++) {
      // S_j δ_j P_{j−1}
      const dj1 = dims[j + 1], dj = dims[j];
      let cur = v[j], rows = dj1;
      if (j > 0) {
        gemmNN(cur, prefix[j - 1], t1, dj1, dj, n);
        cur = t1;
      }
      if (j < N - 1) {
        gemmNN(suffix[j], cur, t2, m, dj1, n);
        cur = t2;
        rows = m;
      }
      // Stryker disable next-line EqualityOperator: rows·n = m·n is z's length; i = m·n writes past the typed array: discarded
      for (let i = 0; i < rows * n; i++) z[i] += cur[i];
    }
    applyCurvature(objective, z, qz);
    // Stryker disable next-line EqualityOperator: j = N meets dims[N + 1] = undefined: products over no rows
    for (let j = 0; j < N; j++) {
      const dj1 = dims[j + 1], dj = dims[j];
      let left = qz;
      if (j < N - 1) {
        gemmTN(suffix[j], qz, t1, dj1, m, n);
        left = t1;
      }
      if (j > 0) gemmNT(left, prefix[j - 1], out[j], dj1, n, dj);
      else out[j].set(left.subarray(0, dj1 * n));
    }
  };
  const v = sizes.map((s) => new Float64Array(s));
  const hvOut = sizes.map((s) => new Float64Array(s));
  // Start: the top pair's direction.
  if (k > 0) {
    // Stryker disable next-line EqualityOperator: a = m writes past the typed array; b = n writes entry (a + 1, 0), which the next row overwrites
    if (N === 1) for (let a = 0; a < m; a++) for (let b = 0; b < n; b++) v[0][a * n + b] = pairs.left.data[a * k] * pairs.right.data[b * k];
    else {
      for (let b = 0; b < n; b++) v[0][b] = pairs.right.data[b * k];
      // Stryker disable next-line EqualityOperator: j = N − 1 sets v[N−1][0], which the next line overwrites
      for (let j = 1; j < N - 1; j++) v[j][0] = 1;
      // Stryker disable next-line EqualityOperator: a = m writes past the typed array: discarded
      for (let a = 0; a < m; a++) v[N - 1][a * dims[N - 1]] = pairs.left.data[a * k];
    }
  }
  normalise(v);
  hv(v, hvOut);
  const topPairCurvature = dot(v, hvOut);
  const rng = new Rng(20261125);
  const noise = sizes.map((s) => rng.normalArray(s));
  normalise(noise);
  // Stryker disable next-line EqualityOperator,AssignmentOperator,ArithmeticOperator: j = N meets sizes[N] = undefined (no pass), i = size writes past the typed array; the perturbation's sign and size only need every eigendirection present
  for (let j = 0; j < N; j++) for (let i = 0; i < sizes[j]; i++) v[j][i] += 1e-2 * noise[j][i];
  normalise(v);
  let lambda = 0, prev = NaN, it = 0, converged = false;
  for (; it < maxIterations; it++) {
    hv(v, hvOut);
    lambda = Math.max(lambda, dot(v, hvOut));
    const nrm = Math.sqrt(dot(hvOut, hvOut));
    if (nrm === 0) {
      converged = true;
      break;
    }
    // Stryker disable next-line EqualityOperator: j = N meets sizes[N] = undefined (no pass); i = size writes past the typed array: discarded
    for (let j = 0; j < N; j++) for (let i = 0; i < sizes[j]; i++) v[j][i] = hvOut[j][i] / nrm;
    if (it % 5 === 4) {
      // Stryker disable next-line EqualityOperator: < and ≤ differ only on a change of exactly 1e−7·λ
      if (Math.abs(lambda - prev) <= 1e-7 * lambda) {
        converged = true;
        break;
      }
      prev = lambda;
    }
  }
  return { lambdaMax: Math.max(lambda, topPairCurvature), topPairCurvature, iterations: it, converged };
}

/** out = 𝒬(z): the loss's curvature in W. */
export function applyCurvature(objective: LayeredObjective, z: Float64Array, out: Float64Array): void {
  if (objective.kind === 'full') {
    out.set(z);
    return;
  }
  out.fill(0);
  if (objective.kind === 'completion') {
    const { index } = objective.observed;
    // Stryker disable next-line EqualityOperator: o = |Ω| writes out[undefined], a property nothing reads
    for (let o = 0; o < index.length; o++) out[index[o]] = z[index[o]] / index.length;
    return;
  }
  const { count, matrices: A } = objective.measurements;
  const nn = z.length;
  for (let i = 0; i < count; i++) {
    let ip = 0;
    const off = i * nn;
    for (let q = 0; q < nn; q++) ip += A[off + q] * z[q];
    const f = ip / count;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: f = 0 adds 0·A = 0; q = nn writes past the typed array: discarded
    if (f !== 0) for (let q = 0; q < nn; q++) out[q] += f * A[off + q];
  }
}

function dot(a: Float64Array[], b: Float64Array[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) for (let i = 0; i < a[j].length; i++) s += a[j][i] * b[j][i];
  return s;
}

function normalise(v: Float64Array[]): void {
  const s = Math.sqrt(dot(v, v));
  // Stryker disable next-line EqualityOperator: i = length writes past the typed array: discarded
  if (s > 0) for (const x of v) for (let i = 0; i < x.length; i++) x[i] /= s;
}
