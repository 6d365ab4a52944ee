/**
 * Thin QR of a row-graded matrix whose rows are stored as (unit mantissa row, extended scale):
 *
 *     M = [ I_r ; diag(s) X̂ ]          (r + n rows, r columns),   sᵢ = fᵢ·2^{eᵢ} (see extended.ts),
 *
 * returning the lower n×r block Q₂ of an orthonormal basis Q of range(M). Row i of the lower block
 * is sᵢX̂ᵢ with sᵢ allowed far outside the float64 range (sᵢ = 0 marks a zero row): the rows are
 * never formed. Then Q₂Q₂ᵀ = B(I + BᵀB)⁻¹Bᵀ with B = diag(s)X̂.
 *
 * Method: Householder QR with row pivoting (the active row of largest scale is the pivot) and column
 * pivoting (its largest remaining entry), in the row-wise backward stable form of Powell–Reid and
 * Cox–Higham. A reflector is scale invariant, so with weights wᵢ = sᵢ/sₚ ≤ 1 relative to the pivot
 * (exact ratios of extended numbers) every reflector and update is an O(1) computation on mantissas;
 * rows whose weight underflows to 0 are still transformed exactly, on their own scale. Column
 * pivoting does not change range(M).
 *
 * Cost: ≈ 4(n + r)r² flops and (n + r)·r ldexp calls; memory O((n + r)·r), reused across calls.
 */
import { frexpInto, ldexp } from './extended.js';

export class ScaledQR {
  readonly n: number;
  readonly r: number;
  private readonly m: number;
  private readonly a: Float64Array;
  private readonly sm: Float64Array;
  private readonly se: Float64Array;
  private readonly active: Uint8Array;
  private readonly done: Uint8Array;
  private readonly w: Float64Array;
  private readonly beta: Float64Array;
  private readonly house: Float64Array;
  private readonly piv: Int32Array;
  private readonly q: Float64Array;

  constructor(n: number, r: number) {
    this.n = n;
    this.r = r;
    this.m = n + r;
    this.a = new Float64Array(this.m * r);
    this.sm = new Float64Array(this.m);
    this.se = new Float64Array(this.m);
    this.active = new Uint8Array(this.m);
    this.done = new Uint8Array(r);
    this.w = new Float64Array(this.m);
    this.beta = new Float64Array(r);
    this.house = new Float64Array(r * this.m);
    this.piv = new Int32Array(r);
    this.q = new Float64Array(this.m * r);
  }

  /**
   * @param mant n×r row-major mantissa rows X̂ (any row norm; rows are renormalised internally).
   * @param scaleMant, scaleExp the row scales sᵢ = scaleMant[i]·2^{scaleExp[i]} (scaleMant 0: zero row).
   * @param out n×r row-major output Q₂.
   */
  thinQLower(mant: Float64Array, scaleMant: Float64Array, scaleExp: Float64Array, out: Float64Array): Float64Array {
    const { n, r, m, a, sm, se, active, done, w, beta, house, piv, q } = this;
    a.fill(0);
    for (let k = 0; k < r; k++) {
      a[k * r + k] = 1;
      sm[k] = 0.5;
      se[k] = 1;
    }
    for (let i = 0; i < n; i++) {
      const row = (r + i) * r;
      for (let j = 0; j < r; j++) a[row + j] = mant[i * r + j];
      sm[r + i] = scaleMant[i];
      se[r + i] = scaleMant[i] === 0 ? -Infinity : scaleExp[i];
    }
    active.fill(1);
    done.fill(0);

    for (let k = 0; k < r; k++) {
      // Renormalise the active rows over the remaining columns (folding the norm into the scale);
      // pick the pivot row of largest scale.
      let p = -1;
      for (let i = 0; i < m; i++) {
        if (!active[i] || sm[i] === 0) continue;
        const row = i * r;
        let mx = 0;
        for (let j = 0; j < r; j++) if (!done[j]) mx = Math.max(mx, Math.abs(a[row + j]));
        if (mx === 0) {
          sm[i] = 0;
          se[i] = -Infinity;
          continue;
        }
        let ss = 0;
        for (let j = 0; j < r; j++) {
          if (done[j]) continue;
          const v = a[row + j] / mx;
          ss += v * v;
        }
        const nrm = mx * Math.sqrt(ss);
        const inv = 1 / nrm;
        for (let j = 0; j < r; j++) if (!done[j]) a[row + j] *= inv;
        // scale ← scale·nrm, renormalised to a mantissa in [0.5, 1)
        const e0 = se[i];
        frexpInto(sm[i] * nrm, sm, i, se, i);
        se[i] += e0;
        if (p < 0 || se[i] > se[p] || (se[i] === se[p] && sm[i] > sm[p])) p = i;
      }
      // M has full column rank (identity block), so an active non-zero row always exists.
      let c = -1;
      let cmax = -1;
      const prow = p * r;
      for (let j = 0; j < r; j++) {
        if (done[j]) continue;
        const v = Math.abs(a[prow + j]);
        if (v > cmax) {
          cmax = v;
          c = j;
        }
      }
      // Householder vector u (real reflector vector divided by sₚ): uᵢ = wᵢ·A[i,c], then uₚ += sign·‖u‖.
      const h = house.subarray(k * m, (k + 1) * m);
      h.fill(0);
      let nu2 = 0;
      for (let i = 0; i < m; i++) {
        if (!active[i] || sm[i] === 0) {
          w[i] = 0;
          continue;
        }
        const wi = i === p ? 1 : ldexp(sm[i] / sm[p], se[i] - se[p]);
        w[i] = wi;
        const ui = wi * a[i * r + c];
        h[i] = ui;
        nu2 += ui * ui;
      }
      const nu = Math.sqrt(nu2);
      const s = a[prow + c] >= 0 ? 1 : -1;
      const up = a[prow + c] + s * nu;
      h[p] = up;
      const uu = nu2 - a[prow + c] * a[prow + c] + up * up;
      // βⱼ = 2·Σᵢ uᵢ wᵢ A[i,j] / uᵀu over remaining columns j ≠ c.
      beta.fill(0);
      for (let i = 0; i < m; i++) {
        const hi = h[i];
        if (hi === 0) continue;
        const f = hi * w[i];
        const row = i * r;
        for (let j = 0; j < r; j++) beta[j] += f * a[row + j];
      }
      for (let j = 0; j < r; j++) beta[j] = (2 * beta[j]) / uu;
      // A[i,j] −= βⱼ v̂ᵢ with v̂ᵢ = A[i,c] (i ≠ p) and v̂ₚ = uₚ: each row stays on its own scale.
      for (let i = 0; i < m; i++) {
        if (!active[i]) continue;
        const row = i * r;
        const vi = i === p ? up : a[row + c];
        if (vi === 0) continue;
        for (let j = 0; j < r; j++) {
          if (done[j] || j === c) continue;
          a[row + j] -= beta[j] * vi;
        }
        a[row + c] = 0;
      }
      const inv = 1 / Math.sqrt(uu);
      for (let i = 0; i < m; i++) h[i] *= inv;
      piv[k] = p;
      active[p] = 0;
      done[c] = 1;
    }

    // Q_thin = H₀H₁⋯H_{r−1}[e_{p₀} … e_{p_{r−1}}], applied right to left.
    q.fill(0);
    for (let k = 0; k < r; k++) q[piv[k] * r + k] = 1;
    for (let k = r - 1; k >= 0; k--) {
      const h = house.subarray(k * m, (k + 1) * m);
      beta.fill(0);
      for (let i = 0; i < m; i++) {
        const hi = h[i];
        if (hi === 0) continue;
        const row = i * r;
        for (let j = 0; j < r; j++) beta[j] += hi * q[row + j];
      }
      for (let i = 0; i < m; i++) {
        const hi = h[i];
        if (hi === 0) continue;
        const f = 2 * hi;
        const row = i * r;
        for (let j = 0; j < r; j++) q[row + j] -= f * beta[j];
      }
    }
    for (let i = 0; i < n; i++) {
      const src = (r + i) * r;
      for (let j = 0; j < r; j++) out[i * r + j] = q[src + j];
    }
    return out;
  }
}

/**
 * R factor of the Householder QR of a tall matrix A (m×k, m ≥ k): A = QR with R k×k upper
 * triangular, so RᵀR = AᵀA. Column-wise backward stable. Cost 2mk² flops.
 */
export function householderR(a: Float64Array, m: number, k: number): Float64Array {
  const A = a.slice();
  const R = new Float64Array(k * k);
  const v = new Float64Array(m);
  for (let j = 0; j < k; j++) {
    let mx = 0;
    for (let i = j; i < m; i++) mx = Math.max(mx, Math.abs(A[i * k + j]));
    if (mx === 0) continue;
    let ss = 0;
    for (let i = j; i < m; i++) {
      const t = A[i * k + j] / mx;
      ss += t * t;
    }
    const nrm = mx * Math.sqrt(ss);
    const s = A[j * k + j] >= 0 ? 1 : -1;
    for (let i = j; i < m; i++) v[i] = A[i * k + j];
    v[j] += s * nrm;
    let vv = 0;
    for (let i = j; i < m; i++) vv += v[i] * v[i];
    for (let c = j; c < k; c++) {
      let d = 0;
      for (let i = j; i < m; i++) d += v[i] * A[i * k + c];
      const f = (2 * d) / vv;
      for (let i = j; i < m; i++) A[i * k + c] -= f * v[i];
    }
  }
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) R[i * k + j] = A[i * k + j];
  return R;
}
