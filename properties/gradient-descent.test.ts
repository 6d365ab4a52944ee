/**
 * Properties of the gradient-descent engine (docs/theory.md §2–3). Each is a function of the engine under
 * test and rejects a deliberately broken engine (support/naiveDeep.ts, or a local variant).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../src/errors.js';
import { buildSymmetric, seedArb, spectrumArb, symmetricInstanceArb } from '../src/generate/arbitraries.js';
import { haarOrthogonal, withSpectrum } from '../src/generate/orthogonal.js';
import { symmetricClosedForm } from '../src/flows/symmetricClosedForm.js';
import { singularPairs } from '../src/flows/asymmetric.js';
import { deepInit } from '../src/gd/inits.js';
import { DeepGd, SymmetricGd } from '../src/gd/models.js';
import { runGd } from '../src/gd/run.js';
import { monotoneStepBound, scalarProduct, stabilityThreshold } from '../src/gd/scalar.js';
import { eigh } from '../src/linalg/eigh.js';
import { type Matrix, frobenius, matmul, matmulABt, matmulAtB, maxAbs, maxAbsDiff, sub, zeros } from '../src/linalg/matrix.js';
import { type NaiveOptions, type SimpleEngine, naiveDeep } from './support/naiveDeep.js';
import { EPS } from './support/tolerance.js';

const RUNS = { seed: 20261126, numRuns: 100 };
const rejects = (p: fc.IProperty<unknown[]>): boolean => (fc.check(p, { ...RUNS, endOnFailure: true }) as fc.RunDetails<unknown[]>).failed;

type Engine = (y: Matrix, init: Matrix[]) => SimpleEngine;
const realDeep: Engine = (y, init) => {
  const m = new DeepGd(y, init);
  return {
    kind: m.kind,
    depth: m.depth,
    rows: m.rows,
    cols: m.cols,
    evaluate: () => m.evaluate(),
    step: (eta: number) => m.step(eta),
    balancedness: () => m.balancedness(),
    factors: () => m.factors(),
    product: () => ({ rows: y.rows, cols: y.rows, data: m.evaluate().product.slice() }),
    loss: () => m.evaluate().loss,
  };
};
const broken = (opts: NaiveOptions): Engine => (y, init) => naiveDeep(y, init, opts);

/** Symmetric target with a known eigenbasis, identity init and a step inside the monotone regime. */
const scalarCase = fc
  .record({ n: fc.integer({ min: 1, max: 5 }), depth: fc.integer({ min: 2, max: 4 }), seed: seedArb, k: fc.integer({ min: 0, max: 300 }) })
  .chain((c) =>
    fc.record({
      c: fc.constant(c),
      lam: spectrumArb({ n: c.n, min: -1, max: 3 }),
      u: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      v: fc.double({ min: 0.1, max: 1, noNaN: true }),
    }),
  )
  .map(({ c, lam, u, v }) => {
    const pos = lam.filter((l) => l > 0.05);
    const alpha = u * Math.min(1, ...pos.map((l) => l ** (1 / c.depth)));
    // ‖Y‖₂, not λ₁: off the identity-init manifold (see offDiagonalErrorBound) GD realises a negative
    // eigenvalue λ as a singular value |λ| (opposite singular vectors), whose mode has curvature
    // N|λ|^{2−2/N} at its minimum; a step above 2/(N|λ|^{2−2/N}) cannot settle there.
    const lam1 = Math.max(lam[0], -lam[lam.length - 1], 0.05);
    const etaNeg = 1 / (alpha ** (c.depth - 2) * (alpha ** c.depth + Math.max(0, -lam[lam.length - 1])));
    const eta = v * Math.min(monotoneStepBound(lam1, c.depth), 0.99 * etaNeg);
    return { ...c, lam, alpha, eta };
  });

/**
 * First-order bound on the product error that round-off seeds OFF the identity-init manifold.
 *
 * In the eigenbasis every factor is diag(w) (w from the scalar recursion), a manifold invariant under
 * exact GD but not always stable. Perturb the (i, l) and (l, i) entries of the factors by e_m, f_m
 * (m = 1 … N): to second order the loss ½‖W_N⋯W_1 − Y‖² changes by
 *   ½(Σ a_m e_m)² + ½(Σ b_m f_m)² + ρ_i Σ_{m>m'} c_{mm'} e_m f_{m'} + ρ_l Σ_{m>m'} d_{mm'} f_m e_{m'},
 * a_m = w_i^{N−m} w_l^{m−1}, b_m = w_l^{N−m} w_i^{m−1}, c_{mm'} = w_i^{N−m+m'−1} w_l^{m−m'−1},
 * d_{mm'} = w_l^{N−m+m'−1} w_i^{m−m'−1}, ρ = p − λ (the paths of P_ii, P_ll that leave and come
 * back through the perturbed entries). That 2N×2N Hessian H_t is indefinite when ρ ≠ 0, and a step
 * maps the perturbation by J_t = I − ηH_t. With ρ_l > 0 (a negative eigenvalue λ_l, w_l → 0) the
 * negative curvature ≈ −ρ_l w_i^{N−2} grows the perturbation exponentially while the modes decay:
 * the manifold is a saddle and round-off escapes it (GD then learns λ_l < 0 through non-symmetric
 * factors). E.g. λ = (−0.05, −1, −1), N = 4, α = 0.18, η = 17: the (1, 2) entries grow ≈ 11 % per
 * step, from 10⁻¹⁷ to 10⁻² in 200 steps, in this engine and in the naive one alike.
 * Bound: rounding adds ≤ 8Nε·max_i w_i per step to each entry, so e(k) ≤ Σ_s ‖J_{k−1}⋯J_{s+1}‖·u_s
 * ≤ g_k with g_{t+1} = ‖J_t‖₂ g_t + u_t, and the product's (i, l) entry moves by ≤ ‖(a; b)‖·g_k
 * (first order: valid while that stays below the modes; beyond it the identity is lost in float64).
 * Cost O(k n² N³).
 */
function offDiagonalErrorBound(lam: number[], alpha: number, eta: number, depth: number, k: number): number {
  const n = lam.length, N = depth;
  const w = lam.map(() => alpha);
  const g = new Float64Array(n * n);
  const h = zeros(2 * N, 2 * N);
  const coefs = (wi: number, wl: number) => ({
    a: Array.from({ length: N }, (_, m) => wi ** (N - 1 - m) * wl ** m),
    b: Array.from({ length: N }, (_, m) => wl ** (N - 1 - m) * wi ** m),
  });
  for (let t = 0; t < k; t++) {
    const u = 8 * N * EPS * Math.max(...w.map(Math.abs));
    for (let i = 0; i < n; i++) {
      for (let l = i + 1; l < n; l++) {
        const wi = w[i], wl = w[l];
        const ri = wi ** N - lam[i], rl = wl ** N - lam[l];
        const { a, b } = coefs(wi, wl);
        h.data.fill(0);
        for (let m = 0; m < N; m++) {
          for (let q = 0; q < N; q++) {
            h.data[m * 2 * N + q] = a[m] * a[q];
            h.data[(N + m) * 2 * N + N + q] = b[m] * b[q];
          }
        }
        // 0-based m > q: c = w_i^{N−m+q−1}·w_l^{m−q−1} (1-based exponents N−m+m'−1 and m−m'−1)
        for (let m = 0; m < N; m++) {
          for (let q = 0; q < m; q++) {
            const c = ri * wi ** (N - 1 - m + q) * wl ** (m - q - 1); // e_m f_q
            const d = rl * wl ** (N - 1 - m + q) * wi ** (m - q - 1); // f_m e_q
            h.data[m * 2 * N + N + q] += c;
            h.data[(N + q) * 2 * N + m] += c;
            h.data[(N + m) * 2 * N + q] += d;
            h.data[q * 2 * N + N + m] += d;
          }
        }
        const ev = eigh(h).values;
        const norm = Math.max(Math.abs(1 - eta * ev[0]), Math.abs(1 - eta * ev[ev.length - 1]));
        g[i * n + l] = norm * g[i * n + l] + u;
      }
    }
    for (let i = 0; i < n; i++) w[i] -= eta * w[i] ** (N - 1) * (w[i] ** N - lam[i]);
  }
  let out = 0;
  for (let i = 0; i < n; i++) {
    for (let l = i + 1; l < n; l++) {
      const { a, b } = coefs(w[i], w[l]);
      out = Math.max(out, Math.hypot(...a, ...b) * g[i * n + l]);
    }
  }
  return out;
}

/** W(k) = Q diag(p_k(λᵢ)) Qᵀ with p_k from the scalar recursion, to round-off (and to its growth off the identity-init manifold). */
function scalarReduction(engine: Engine) {
  return fc.property(scalarCase, ({ n, depth, seed, k, lam, alpha, eta }) => {
    const q = haarOrthogonal(n, seed);
    const y = withSpectrum(q, lam);
    const e = engine(y, deepInit('identity', y, depth, alpha));
    for (let s = 0; s < k; s++) e.step(eta);
    const expected = withSpectrum(q, lam.map((l) => scalarProduct(l, alpha, eta, depth, k)));
    // rounding: O(nNε) relative per step, accumulated over k steps (relative errors are not amplified in
    // the monotone regime: growing modes keep them, converging modes contract them)
    const tol = 32 * n * depth * EPS * (k + 1) * Math.max(maxAbs(expected), alpha ** depth, maxAbs(y));
    const err = maxAbsDiff(e.product(), expected);
    // the off-manifold bound (O(k n² N³)) only when the plain round-off bound is exceeded
    return err <= tol || err <= tol + offDiagonalErrorBound(lam, alpha, eta, depth, k);
  });
}

/** Aligned init of a non-symmetric Y = UΣVᵀ: W(k) = U diag(p_k(σᵢ)) Vᵀ. */
function alignedReduction(engine: Engine) {
  return fc.property(
    fc.integer({ min: 1, max: 4 }).chain((n) => fc.record({ n: fc.constant(n), sig: spectrumArb({ n, min: 0.2, max: 3, minGap: 0.05 }), su: seedArb, sv: seedArb })),
    fc.integer({ min: 2, max: 4 }),
    fc.integer({ min: 1, max: 200 }),
    ({ n, sig, su, sv }, depth, k) => {
      const U = haarOrthogonal(n, su), V = haarOrthogonal(n, sv);
      const s = zeros(n, n);
      sig.forEach((x, i) => (s.data[i * n + i] = x));
      const y = matmulABt(matmul(U, s), V);
      const alpha = 0.5 * Math.min(...sig) ** (1 / depth);
      const eta = 0.9 * monotoneStepBound(sig[0], depth);
      const e = engine(y, deepInit('aligned', y, depth, alpha));
      for (let t = 0; t < k; t++) e.step(eta);
      const d = zeros(n, n);
      sig.forEach((x, i) => (d.data[i * n + i] = scalarProduct(x, alpha, eta, depth, k)));
      const expected = matmulABt(matmul(U, d), V);
      return maxAbsDiff(e.product(), expected) <= 32 * n * depth * EPS * (k + 1) * Math.max(maxAbs(y), maxAbs(expected));
    },
  );
}

/** One step changes D_j = W_{j+1}ᵀW_{j+1} − W_jW_jᵀ by η²(G_{j+1}ᵀG_{j+1} − G_jG_jᵀ): only O(η²). */
function balancednessSecondOrder(engine: Engine) {
  return fc.property(
    fc.integer({ min: 1, max: 4 }),
    fc.integer({ min: 2, max: 4 }),
    seedArb,
    seedArb,
    fc.double({ min: -3, max: -1, noNaN: true }),
    (n, depth, ys, is, logEta) => {
      const y = withSpectrum(haarOrthogonal(n, ys), Array.from({ length: n }, (_, i) => 2 - i));
      const init = deepInit('gaussian', y, depth, 0.8, is);
      const e = engine(y, init);
      const eta = 10 ** logEta;
      const before = e.factors();
      e.step(eta);
      const after = e.factors();
      const D = (w: Matrix[], j: number) => sub(matmulAtB(w[j + 1], w[j + 1]), matmulABt(w[j], w[j]));
      const G = before.map((w, j) => ({ ...w, data: w.data.map((v, i) => (v - after[j].data[i]) / eta) }));
      const norm2 = (m: Matrix) => {
        const ev = eigh(matmulAtB(m, m)).values;
        return Math.max(0, ev[0]);
      };
      for (let j = 0; j + 1 < depth; j++) {
        const change = sub(D(after, j), D(before, j));
        const ev = eigh(change).values;
        const size = Math.max(Math.abs(ev[0]), Math.abs(ev[n - 1]));
        const wScale = frobenius(before[j]) ** 2 + frobenius(before[j + 1]) ** 2 + frobenius(after[j]) ** 2 + frobenius(after[j + 1]) ** 2;
        if (size > eta * eta * (norm2(G[j]) + norm2(G[j + 1])) * (1 + 1e-6) + 16 * n * EPS * wScale) return false;
      }
      return true;
    },
  );
}

/** Loss non-increasing at every step for η ≤ 1/(N‖Y‖₂^{2−2/N}) (identity init, the hypotheses above; ‖Y‖₂ = max|λᵢ|, see scalarCase). */
function monotoneLoss(engine: Engine) {
  return fc.property(scalarCase, ({ n, depth, seed, k, lam, alpha, eta }) => {
    const y = withSpectrum(haarOrthogonal(n, seed), lam);
    const e = engine(y, deepInit('identity', y, depth, alpha));
    let prev = e.loss();
    for (let s = 0; s < Math.max(k, 50); s++) {
      e.step(eta);
      const l = e.loss();
      if (l > prev + 8 * n * n * EPS * prev) return false;
      prev = l;
    }
    return true;
  });
}

/** (QYQᵀ, QW_jQᵀ) ↦ Q W(k) Qᵀ, from Gaussian inits. */
function orthogonalEquivariance(engine: Engine) {
  return fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 3 }), seedArb, seedArb, seedArb, fc.integer({ min: 1, max: 100 }), (n, depth, ys, is, qs, k) => {
    const y = withSpectrum(haarOrthogonal(n, ys), Array.from({ length: n }, (_, i) => 1.5 - i));
    const init = deepInit('gaussian', y, depth, 0.7, is);
    const q = haarOrthogonal(n, qs);
    const rot = (m: Matrix) => matmulABt(matmul(q, m), q);
    const eta = 0.5 * stabilityThreshold(1.5, depth);
    const a = engine(y, init), b = engine(rot(y), init.map(rot));
    for (let s = 0; s < k; s++) {
      a.step(eta);
      b.step(eta);
    }
    const wa = rot(a.product());
    return maxAbsDiff(wa, b.product()) <= 64 * n * depth * EPS * (k + 1) * Math.max(1, maxAbs(wa));
  });
}

describe('gradient descent: scalar reduction (docs/theory.md §2)', () => {
  it('identical init, symmetric Y: matrix GD equals the scalar recursion per eigenvalue to round-off', () => fc.assert(scalarReduction(realDeep), RUNS));
  it('… and that check rejects sequential (Gauss–Seidel) factor updates', () => expect(rejects(scalarReduction(broken({ sequential: true })))).toBe(true));
  it('aligned init, non-symmetric Y = UΣVᵀ: W(k) = U diag(p_k(σᵢ)) Vᵀ', () => fc.assert(alignedReduction(realDeep), RUNS));
  it('… and that check rejects sequential factor updates', () => expect(rejects(alignedReduction(broken({ sequential: true })))).toBe(true));
});

describe('gradient descent: balancedness, monotone loss, equivariance', () => {
  it('changes the balancedness D_j only by O(η²) per step (exactly η²(G_{j+1}ᵀG_{j+1} − G_jG_jᵀ))', () => fc.assert(balancednessSecondOrder(realDeep), RUNS));
  it('… and that check rejects sequential updates (first-order change)', () => expect(rejects(balancednessSecondOrder(broken({ sequential: true })))).toBe(true));
  it('decreases the loss monotonically for η ≤ 1/(N‖Y‖₂^{2−2/N}) from αI, α < λ^{1/N}', () => fc.assert(monotoneLoss(realDeep), RUNS));
  it('… and that check rejects an engine ascending on the last factor', () => expect(rejects(monotoneLoss(broken({ signFlipLast: true })))).toBe(true));
  it('is orthogonally equivariant', () => fc.assert(orthogonalEquivariance(realDeep), RUNS));
  it('… and that check rejects entrywise gradient clipping', () => expect(rejects(orthogonalEquivariance(broken({ clip: 0.05 })))).toBe(true));
});

/** GD → GF: symmetric GD at k = t/η is the Euler scheme of the flow; its error is O(η). */
type SymEngine = (y: Matrix, u0: Matrix) => { step(eta: number): void; product(): Matrix };
const realSym: SymEngine = (y, u0) => {
  const m = new SymmetricGd(y, u0);
  return { step: (eta) => m.step(eta), product: () => ({ rows: y.rows, cols: y.rows, data: m.evaluate().product.slice() }) };
};
function gdConvergesToFlow(engine: SymEngine) {
  return fc.property(symmetricInstanceArb({ n: { min: 1, max: 4 }, logScale: { min: -2, max: 0 } }), fc.double({ min: 0.5, max: 3, noNaN: true }), (inst, t) => {
    const { y, u0 } = buildSymmetric(inst);
    const lam = eigh(y).values;
    const rho = 2 * (Math.max(Math.abs(lam[0]), Math.abs(lam[lam.length - 1])) + Math.max(frobenius(u0) ** 2, lam[0]));
    const eta = 0.01 / rho;
    const k = Math.max(1, Math.round(t / eta));
    const gf = symmetricClosedForm(y, u0).matrix(k * eta);
    const err = (h: number, steps: number) => {
      const e = engine(y, u0);
      for (let s = 0; s < steps; s++) e.step(h);
      return frobenius(sub(e.product(), gf));
    };
    const e1 = err(eta, k), e2 = err(eta / 2, 2 * k);
    // Rounding is ~kε‖W‖ ≪ e(η); an O(η) method halves its error with the step: ratio 2 ± O(η).
    return e2 > 0 && e1 / e2 >= 1.8 && e1 / e2 <= 2.2;
  });
}

describe('gradient descent → gradient flow', () => {
  it('symmetric GD approaches the closed form with error O(η): halving η halves it (ratio in [1.8, 2.2])', () => fc.assert(gdConvergesToFlow(realSym), RUNS));
  it('… and that check rejects an inconsistent scheme U ← U + η(Y − ½UUᵀ)U', () =>
    expect(
      rejects(
        gdConvergesToFlow((y, u0) => {
          const u = u0.data.slice(), n = y.rows, r = u0.cols;
          const U = () => ({ rows: n, cols: r, data: u });
          return {
            step(eta) {
              const w = matmulABt(U(), U());
              const res = sub(y, { ...w, data: w.data.map((v) => v / 2) });
              const g = matmul(res, U());
              for (let i = 0; i < u.length; i++) u[i] += eta * g.data[i];
            },
            product: () => matmulABt(U(), U()),
          };
        }),
      ),
    ).toBe(true));
});

/**
 * Identity init, Y with eigenvalues in [0.1, 5]: divergence is never reported below the threshold and
 * always from 3× the threshold (N ≤ 3, α ≥ 0.1·λ₁^{1/N}). In between, GD does not converge: the top
 * mode oscillates (period doubling, chaos) and may escape, which is then reported (docs/theory.md §2:
 * "above it GD oscillates or diverges").
 */
const divCase = fc.record({
  n: fc.integer({ min: 1, max: 3 }),
  depth: fc.integer({ min: 2, max: 3 }),
  seed: seedArb,
  u: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
});
function noDivergenceBelow(engine: Engine) {
  return fc.property(divCase, fc.double({ min: 0.05, max: 0.95, noNaN: true }), ({ n, depth, seed, u }, c) => {
    const lam = Array.from({ length: n }, (_, i) => 5 - (4.9 * i) / Math.max(1, n - 1));
    const y = withSpectrum(haarOrthogonal(n, seed), lam);
    const alpha = u * Math.min(...lam) ** (1 / depth);
    const eta = c * stabilityThreshold(lam[0], depth);
    try {
      runGd(engine(y, deepInit('identity', y, depth, alpha)), { values: Float64Array.from(lam), left: y, right: y }, { stepSize: eta, iterations: [1500], maxIterations: 1500 });
      return true;
    } catch (e) {
      if (e instanceof NumericalError) return false;
      throw e;
    }
  });
}
function divergenceAbove(engine: Engine) {
  return fc.property(divCase, fc.double({ min: 3, max: 6, noNaN: true }), ({ n, depth, seed, u }, c) => {
    const lam = Array.from({ length: n }, (_, i) => 5 - (4.9 * i) / Math.max(1, n - 1));
    const y = withSpectrum(haarOrthogonal(n, seed), lam);
    const alpha = u * lam[0] ** (1 / depth);
    const eta = c * stabilityThreshold(lam[0], depth);
    try {
      runGd(engine(y, deepInit('identity', y, depth, alpha)), { values: Float64Array.from(lam), left: y, right: y }, { stepSize: eta, iterations: [3000], maxIterations: 3000 });
      return false;
    } catch (e) {
      return e instanceof NumericalError && /above the stability threshold/.test(e.message);
    }
  });
}

describe('gradient descent: divergence and the stability threshold 2/(Nλ₁^{2−2/N})', () => {
  it('is never reported below the threshold', () => fc.assert(noDivergenceBelow(realDeep), RUNS));
  it('… and that check rejects an engine with a 4× gradient', () => expect(rejects(noDivergenceBelow(broken({ gradientScale: 4 })))).toBe(true));
  it('is reported from 3× the threshold, naming it', () => fc.assert(divergenceAbove(realDeep), RUNS));
  it('… and that check rejects an engine that clips gradients (never diverges)', () => expect(rejects(divergenceAbove(broken({ clip: 0.5 })))).toBe(true));
  it('between 1.05× and 2× the threshold GD never converges: it diverges (reported) or its top mode oscillates', () => {
    fc.assert(
      fc.property(divCase, fc.double({ min: 1.05, max: 2, noNaN: true }), ({ n, depth, seed, u }, c) => {
        const lam = Array.from({ length: n }, (_, i) => 5 - (4.9 * i) / Math.max(1, n - 1));
        const y = withSpectrum(haarOrthogonal(n, seed), lam);
        const alpha = u * Math.min(...lam) ** (1 / depth);
        const pairs = singularPairs(y);
        try {
          const r = runGd(new DeepGd(y, deepInit('identity', y, depth, alpha)), pairs, { stepSize: c * stabilityThreshold(lam[0], depth), iterations: [4000, 4001], maxIterations: 4001 });
          const p = [r.snapshots[0].projections[0] as number, r.snapshots[1].projections[0] as number];
          return Math.max(...p.map((x) => Math.abs(x - lam[0]))) > 1e-6 * lam[0];
        } catch (e) {
          return e instanceof NumericalError && /above the stability threshold/.test(e.message);
        }
      }),
      { ...RUNS, numRuns: 40 },
    );
  });
});

