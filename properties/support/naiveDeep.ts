/**
 * A naive deep-factorization gradient descent (plain matrix products, no buffers), with injectable
 * mistakes: the broken engines that the gradient-descent properties must reject.
 */
import type { GdModel } from '../../src/gd/models.js';
import { type Matrix, matmul, matmulABt, matmulAtB, sub, identity } from '../../src/linalg/matrix.js';

export interface NaiveOptions {
  /** Update the factors one after the other (Gauss–Seidel), each with the others' newest values. */
  sequential?: boolean;
  /** Ascend instead of descend on the last factor. */
  signFlipLast?: boolean;
  /** Clip each gradient entry to [−c, c] (coordinate dependent). */
  clip?: number;
  /** Multiply every gradient by this factor. */
  gradientScale?: number;
}

export interface SimpleEngine extends GdModel {
  product(): Matrix;
  loss(): number;
}

export function naiveDeep(y: Matrix, init: Matrix[], opts: NaiveOptions = {}): SimpleEngine {
  const w = init.map((f) => ({ ...f, data: f.data.slice() }));
  const n = y.rows, N = w.length;
  const prod = (from: number, to: number): Matrix => {
    // W_to ⋯ W_from (1-based inclusive); identity if empty
    let p = identity(n);
    for (let j = from; j <= to; j++) p = matmul(w[j - 1], p);
    return p;
  };
  const grad = (j: number): Matrix => {
    const e = sub(prod(1, N), y);
    const g = matmulABt(matmulAtB(prod(j + 1, N), e), prod(1, j - 1));
    const sc = opts.gradientScale ?? 1;
    for (let i = 0; i < g.data.length; i++) {
      let v = sc * g.data[i];
      if (opts.clip !== undefined) v = Math.max(-opts.clip, Math.min(opts.clip, v));
      g.data[i] = v;
    }
    return g;
  };
  const loss = (): number => {
    const e = sub(prod(1, N), y);
    return e.data.reduce((s, v) => s + v * v, 0) / 2;
  };
  return {
    kind: 'deep',
    depth: N,
    rows: n,
    cols: n,
    evaluate: () => ({ product: prod(1, N).data, loss: loss() }),
    balancedness: () => 0,
    step(eta: number) {
      if (opts.sequential) {
        for (let j = 1; j <= N; j++) {
          const g = grad(j);
          for (let i = 0; i < g.data.length; i++) w[j - 1].data[i] -= eta * g.data[i];
        }
        return;
      }
      const gs = Array.from({ length: N }, (_, j) => grad(j + 1));
      gs.forEach((g, j) => {
        const s = opts.signFlipLast && j === N - 1 ? -1 : 1;
        for (let i = 0; i < g.data.length; i++) w[j].data[i] -= s * eta * g.data[i];
      });
    },
    product: () => prod(1, N),
    factors: () => w.map((f) => ({ ...f, data: f.data.slice() })),
    loss,
  };
}
