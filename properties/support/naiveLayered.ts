/**
 * A naive dense gradient descent for W = W_N⋯W₁ with any shapes and any loss given by its value and
 * its gradient E = ∂L/∂W (triple loops, fresh arrays, no shared kernel): the independent computation
 * the layered engine is compared with. Mistakes can be injected to show the comparisons can fail.
 */
export type Dense = number[][];

export function mm(a: Dense, b: Dense): Dense {
  const r = a.length, k = b.length, c = b[0]?.length ?? 0;
  const out = Array.from({ length: r }, () => new Array<number>(c).fill(0));
  for (let i = 0; i < r; i++) for (let p = 0; p < k; p++) for (let j = 0; j < c; j++) out[i][j] += a[i][p] * b[p][j];
  return out;
}

export function tr(a: Dense, cols?: number): Dense {
  const c = a[0]?.length ?? cols ?? 0;
  return Array.from({ length: c }, (_, j) => a.map((row) => row[j]));
}

export function eye(n: number): Dense {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** W_to ⋯ W_from (1-based, inclusive); the identity of size `size` when empty. */
export function chain(w: Dense[], from: number, to: number, size: number): Dense {
  let p = eye(size);
  for (let j = from; j <= to; j++) p = mm(w[j - 1], p);
  return p;
}

export type LossGrad = (W: Dense) => { loss: number; e: Dense };

export function fullLoss(y: Dense): LossGrad {
  return (W) => {
    let s = 0;
    const e = W.map((row, a) => row.map((v, b) => v - y[a][b]));
    e.forEach((row) => row.forEach((v) => (s += v * v)));
    return { loss: s / 2, e };
  };
}

/** (1/2m)Σᵢ(⟨Aᵢ, W⟩ − yᵢ)². */
export function sensingLoss(A: Dense[], obs: number[]): LossGrad {
  return (W) => {
    const m = A.length;
    const e = W.map((row) => row.map(() => 0));
    let s = 0;
    A.forEach((a, i) => {
      let ip = 0;
      a.forEach((row, p) => row.forEach((v, q) => (ip += v * W[p][q])));
      const r = ip - obs[i];
      s += r * r;
      a.forEach((row, p) => row.forEach((v, q) => (e[p][q] += (r / m) * v)));
    });
    return { loss: s / (2 * m), e };
  };
}

/** (1/2|Ω|)Σ_{(a,b)∈Ω}(W_ab − Y_ab)², or with a wrong scale `scale` instead of 1/|Ω| (a planted bug). */
export function completionLoss(y: Dense, omega: [number, number][], scale?: number): LossGrad {
  return (W) => {
    const f = scale ?? 1 / omega.length;
    const e = W.map((row) => row.map(() => 0));
    let s = 0;
    for (const [a, b] of omega) {
      const r = W[a][b] - y[a][b];
      s += r * r;
      e[a][b] = f * r;
    }
    return { loss: (f * s) / 2, e };
  };
}

export interface NaiveLayered {
  step(eta: number): void;
  product(): Dense;
  loss(): number;
  factors(): Dense[];
}

export function naiveLayered(init: Dense[], cols: number, lossGrad: LossGrad, opts: { gradientScale?: number } = {}): NaiveLayered {
  let w = init.map((f) => f.map((r) => r.slice()));
  const N = w.length;
  const dims = [cols, ...w.map((f) => f.length)];
  const product = () => chain(w, 1, N, cols);
  return {
    step(eta) {
      const { e } = lossGrad(product());
      const grads = w.map((_, j0) => {
        const j = j0 + 1;
        const left = tr(chain(w, j + 1, N, dims[j]), dims[N]); // (W_N⋯W_{j+1})ᵀ
        const right = tr(chain(w, 1, j - 1, cols), dims[j - 1]); // (W_{j−1}⋯W₁)ᵀ
        return mm(mm(left, e), right);
      });
      const sc = opts.gradientScale ?? 1;
      w = w.map((f, j) => f.map((row, a) => row.map((v, b) => v - eta * sc * grads[j][a][b])));
    },
    product,
    loss: () => lossGrad(product()).loss,
    factors: () => w.map((f) => f.map((r) => r.slice())),
  };
}
