// A user's own claim for dmf-check, in one plain-JavaScript module (no build step, no dmf-check
// internals): run it with
//     dmf-check check --theorems ./balancedness-claims.js
//     dmf-check search --theorems ./balancedness-claims.js --claim dln.balancedness:sign-flipped
//
// The claim. For a deep linear network W_N ⋯ W_1 (W_j ∈ ℝ^{d_j × d_{j−1}}) trained by gradient
// flow on L(W_1, …, W_N) = ½‖W_N ⋯ W_1 − Y‖_F², the matrices
//     D_j(t) = W_{j+1}(t)ᵀ W_{j+1}(t) − W_j(t) W_j(t)ᵀ,   j = 1 … N−1,
// do not change in time ("balancedness is conserved"). Published as
//   S. S. Du, W. Hu, J. D. Lee, "Algorithmic regularization in learning deep homogeneous models:
//   layers are automatically balanced", NeurIPS 2018, Theorem 2.1 (its linear case), and used by
//   S. Arora, N. Cohen, E. Hazan, "On the optimization of deep networks: implicit acceleration by
//   overparameterization", ICML 2018 (balanced initialisation stays balanced, proof of Theorem 1).
// Proof sketch: Ẇ_j = −A_jᵀ E B_jᵀ with A_j = W_N⋯W_{j+1}, B_j = W_{j−1}⋯W_1, E = W_N⋯W_1 − Y, so
// d/dt(W_{j+1}ᵀW_{j+1}) = −(W_{j+1}ᵀ A_{j+1}ᵀ E B_{j+1}ᵀ + transpose) = d/dt(W_j W_jᵀ).
//
// Observation: classical RK4 at steps h and h/2 (h = T/100); Δ(h) = max_j ‖D_j(T) − D_j(0)‖_F.
// RK4 does not conserve quadratic invariants exactly: its drift is O(h⁴), so for a conserved
// quantity Δ(h/2) ≈ Δ(h)/16 and ‖Δ(h/2)‖ ≤ 2·‖Δ_vec(h) − Δ_vec(h/2)‖/15 (factor 2 for the
// asymptotic regime), plus a rounding floor 1e3·ε·s (s = the size of the terms). A quantity that
// is not conserved has Δ(h) ≈ Δ(h/2) ≈ its true change, far above that tolerance.
import fc from 'fast-check';

function rng(seed) {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

// Matrices: { r, c, a: Float64Array } row-major.
const mat = (r, c) => ({ r, c, a: new Float64Array(r * c) });
function mul(x, y) {
  const z = mat(x.r, y.c);
  for (let i = 0; i < x.r; i++) for (let k = 0; k < x.c; k++) {
    const v = x.a[i * x.c + k];
    for (let j = 0; j < y.c; j++) z.a[i * y.c + j] += v * y.a[k * y.c + j];
  }
  return z;
}
function tr(x) {
  const z = mat(x.c, x.r);
  for (let i = 0; i < x.r; i++) for (let j = 0; j < x.c; j++) z.a[j * x.r + i] = x.a[i * x.c + j];
  return z;
}
function eye(n) {
  const z = mat(n, n);
  for (let i = 0; i < n; i++) z.a[i * n + i] = 1;
  return z;
}
const frob = (x) => Math.sqrt(x.a.reduce((s, v) => s + v * v, 0));

function setup(inst) {
  const g = rng(inst.seed);
  const d = inst.dims;
  const W = [];
  for (let j = 1; j < d.length; j++) {
    const w = mat(d[j], d[j - 1]);
    for (let k = 0; k < w.a.length; k++) w.a[k] = inst.scale * g();
    W.push(w);
  }
  const Y = mat(d[d.length - 1], d[0]);
  for (let k = 0; k < Y.a.length; k++) Y.a[k] = g();
  return { W, Y };
}

// Gradient-flow right-hand side: Ẇ_j = −A_jᵀ E B_jᵀ.
function rhs(W, Y) {
  const N = W.length;
  const pre = [eye(W[0].c)]; // pre[j] = W_j ⋯ W_1 (pre[0] = I)
  for (let j = 0; j < N; j++) pre.push(mul(W[j], pre[j]));
  const E = pre[N];
  for (let k = 0; k < E.a.length; k++) E.a[k] -= Y.a[k];
  const out = new Array(N);
  let post = eye(W[N - 1].r); // W_N ⋯ W_{j+2}
  for (let j = N - 1; j >= 0; j--) {
    const g = mul(mul(tr(post), E), tr(pre[j]));
    for (let k = 0; k < g.a.length; k++) g.a[k] = -g.a[k];
    out[j] = g;
    post = mul(post, W[j]);
  }
  return out;
}

function rk4(W0, Y, T, steps) {
  let W = W0.map((w) => ({ ...w, a: w.a.slice() }));
  const h = T / steps;
  const axpy = (Ws, Ks, s) => Ws.map((w, j) => ({ ...w, a: w.a.map((v, k) => v + s * Ks[j].a[k]) }));
  for (let n = 0; n < steps; n++) {
    const k1 = rhs(W, Y);
    const k2 = rhs(axpy(W, k1, h / 2), Y);
    const k3 = rhs(axpy(W, k2, h / 2), Y);
    const k4 = rhs(axpy(W, k3, h), Y);
    W = W.map((w, j) => ({ ...w, a: w.a.map((v, k) => v + (h / 6) * (k1[j].a[k] + 2 * k2[j].a[k] + 2 * k3[j].a[k] + k4[j].a[k])) }));
  }
  return W;
}

function invariants(W, sign) {
  const out = [];
  for (let j = 0; j + 1 < W.length; j++) {
    const a = mul(tr(W[j + 1]), W[j + 1]);
    const b = mul(W[j], tr(W[j]));
    out.push({ ...a, a: a.a.map((v, k) => v - sign * b.a[k]) });
  }
  return out;
}

const EPS = 2 ** -52;

function makeClaim(id, title, sign) {
  return {
    id,
    title,
    source: { paper: 'Du, Hu & Lee, NeurIPS 2018', label: 'Theorem 2.1 (linear case); Arora, Cohen & Hazan, ICML 2018, Theorem 1' },
    tag: 'paper',
    statement: 'Gradient flow on ½‖W_N⋯W_1 − Y‖_F² conserves D_j = W_{j+1}ᵀW_{j+1} − W_jW_jᵀ for every j.',
    margin: { name: 'drift slack', meaning: '1 − max_j‖D_j(T) − D_j(0)‖_F (RK4, step T/200) / tolerance (Richardson estimate + rounding floor)' },
    hypotheses(inst) {
      const f = [];
      if (!(inst.dims.length >= 3)) f.push({ name: 'depth N ≥ 2', quantity: inst.dims.length - 1, relation: '≥', bound: 2 });
      if (!(inst.T > 0 && inst.T <= 2)) f.push({ name: '0 < T ≤ 2 (the horizon the fixed-step observation resolves)', quantity: inst.T, relation: '≤', bound: 2 });
      if (!(inst.scale >= 0 && inst.scale <= 1)) f.push({ name: '0 ≤ init scale ≤ 1', quantity: inst.scale, relation: '≤', bound: 1 });
      return f;
    },
    predict: () => ({ drift: 0 }),
    observe(inst) {
      const { W, Y } = setup(inst);
      const d0 = invariants(W, sign);
      const run = (steps) => {
        const WT = rk4(W, Y, inst.T, steps);
        const dT = invariants(WT, sign);
        const size = Math.max(1, ...WT.map((w) => frob(w) ** 2), ...W.map((w) => frob(w) ** 2));
        return { diffs: dT.map((x, j) => x.a.map((v, k) => v - d0[j].a[k])), size };
      };
      const a = run(100), b = run(200);
      const drift = Math.max(0, ...b.diffs.map((x) => Math.hypot(...x)));
      const between = Math.max(0, ...b.diffs.map((x, j) => Math.hypot(...x.map((v, k) => v - a.diffs[j][k]))));
      return { drift, tolerance: (2 * between) / 15 + 1e3 * EPS * b.size };
    },
    verdict(_inst, _pred, obs) {
      return { holds: obs.drift <= obs.tolerance, margin: 1 - obs.drift / obs.tolerance, worst: { note: 'end of horizon' }, certified: true, details: obs };
    },
    arbitrary: () =>
      fc.record({
        dims: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 5 }),
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        scale: fc.double({ min: 0.3, max: 1, noNaN: true }),
        T: fc.double({ min: 0.1, max: 2, noNaN: true }),
      }),
    boundary: () =>
      fc.record({
        dims: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 2, maxLength: 4 }),
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        scale: fc.oneof(fc.constant(0), fc.double({ min: 0.9, max: 1.2, noNaN: true })),
        T: fc.double({ min: 1.5, max: 2.5, noNaN: true }),
      }),
    negativeControls: [],
  };
}

export const balancedness = makeClaim('dln.balancedness', 'Deep linear networks: balancedness conserved under gradient flow', 1);
balancedness.negativeControls = [
  {
    name: 'sign-flipped',
    kind: 'gross',
    description: 'W_{j+1}ᵀW_{j+1} + W_jW_jᵀ claimed conserved instead (it grows or shrinks with the weights)',
    theorem: makeClaim('dln.balancedness~sign-flipped', 'Balancedness with the sign flipped', -1),
  },
];
