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
 * Cost: ≈ 2(n + r)r² flops for R and 2(n + r)r² for Q₂ (LAPACK's dgeqr2 + dorg2r counts),
 * no transcendental function in the loops; memory O((n + r)·r), reused across calls.
 */
import { ldexp, toExtended } from './extended.js';

// Powers of two 2^k for k = −1100 … 0 (exact; subnormal below −1022, 0 below −1074).
const POW2_NEG = Float64Array.from({ length: 1101 }, (_, i) => ldexp(1, -i));
// Bit access to a double's exponent (little-endian platforms; checked below).
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
F64[0] = 1;
const LITTLE = U32[1] === 0x3ff00000;

/** ⌊log₂|x|⌋ for finite non-zero x, from the exponent bits (exact for normal numbers). */
function exponentOf(x: number): number {
  if (!LITTLE) return Math.floor(Math.log2(Math.abs(x)));
  F64[0] = x;
  const e = (U32[1] >>> 20) & 0x7ff;
  return e === 0 ? Math.floor(Math.log2(Math.abs(x))) : e - 1023;
}

export class ScaledQR {
  readonly n: number;
  readonly r: number;
  private readonly m: number;
  private readonly a: Float64Array;
  private readonly sm: Float64Array;
  private readonly se: Float64Array;
  private readonly act: Int32Array;
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
    this.act = new Int32Array(this.m);
    this.w = new Float64Array(this.m);
    this.beta = new Float64Array(r);
    this.house = new Float64Array(r * this.m);
    this.piv = new Int32Array(r);
    this.q = new Float64Array(this.m * r);
  }

  /**
   * @param mant n×r row-major mantissa rows X̂ (any row norm).
   * @param scaleMant, scaleExp the row scales sᵢ = scaleMant[i]·2^{scaleExp[i]} (scaleMant 0: zero row).
   * @param out n×r row-major output Q₂ (rows in input order; columns in an internal order, which
   *   does not change Q₂Q₂ᵀ).
   */
  thinQLower(mant: Float64Array, scaleMant: Float64Array, scaleExp: Float64Array, out: Float64Array): Float64Array {
    const { n, r, m, a, sm, se, act, w, beta, house, piv, q } = this;
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
    // Active rows (zero rows never act), compact.
    let na = 0;
    for (let i = 0; i < m; i++) if (sm[i] !== 0) act[na++] = i;

    // Remaining columns are 0 … rc−1 (the pivot column is swapped to position rc−1).
    for (let k = 0; k < r; k++) {
      const rc = r - k;
      // Pivot row: largest ‖real remaining row‖ = sᵢ·‖A[i, 0:rc]‖, compared by binary exponent
      // (a factor-2 choice is as good for stability). Rows whose mantissa drifts far are renormalised.
      let p = -1;
      let pkey = -Infinity;
      let pval = 0;
      let pslot = -1;
      for (let s = 0; s < na; s++) {
        const i = act[s];
        const row = i * r;
        let ss = 0;
        for (let j = 0; j < rc; j++) ss += a[row + j] * a[row + j];
        if (ss === 0) continue;
        let nrm = Math.sqrt(ss);
        if (!(nrm > 2 ** -400 && nrm < 2 ** 400)) {
          // fold the norm into the extended scale (keeps mantissas in range)
          const [nm, ne] = toExtended(nrm);
          const inv = 1 / nrm;
          for (let j = 0; j < rc; j++) a[row + j] *= inv;
          const [m2, e2] = toExtended(sm[i] * nm);
          sm[i] = m2;
          se[i] += ne + e2;
          nrm = 1;
        }
        const v = sm[i] * nrm;
        const key = se[i] + exponentOf(v);
        if (key > pkey || (key === pkey && v > pval)) {
          pkey = key;
          pval = v;
          p = i;
          pslot = s;
        }
      }
      // M has full column rank (identity block), so a non-zero active row always exists.
      const prow = p * r;
      let c = 0;
      let cmax = -1;
      for (let j = 0; j < rc; j++) {
        const v = Math.abs(a[prow + j]);
        if (v > cmax) {
          cmax = v;
          c = j;
        }
      }
      const last = rc - 1;
      if (c !== last) {
        for (let s = 0; s < na; s++) {
          const row = act[s] * r;
          const tmp = a[row + c];
          a[row + c] = a[row + last];
          a[row + last] = tmp;
        }
      }
      // Reflector u = (real column)/sₚ: uᵢ = wᵢ·A[i,last], wᵢ = sᵢ/sₚ; then uₚ += sign·‖u‖.
      const h = house.subarray(k * m, (k + 1) * m);
      h.fill(0);
      let nu2 = 0;
      const smp = sm[p], sep = se[p];
      for (let s = 0; s < na; s++) {
        const i = act[s];
        let wi = 1;
        if (i !== p) {
          const d = se[i] - sep;
          wi = d < -1100 ? 0 : (sm[i] / smp) * (d <= 0 ? POW2_NEG[-d] : 2 ** d);
        }
        w[i] = wi;
        const ui = wi * a[i * r + last];
        h[i] = ui;
        nu2 += ui * ui;
      }
      const apc = a[prow + last];
      const nu = Math.sqrt(nu2);
      const up = apc + (apc >= 0 ? nu : -nu);
      h[p] = up;
      const uu = nu2 - apc * apc + up * up;
      // βⱼ = 2·Σᵢ uᵢ wᵢ A[i,j] / uᵀu over the other remaining columns j < last.
      for (let j = 0; j < last; j++) beta[j] = 0;
      for (let s = 0; s < na; s++) {
        const i = act[s];
        const f = h[i] * w[i];
        if (f === 0) continue;
        const row = i * r;
        for (let j = 0; j < last; j++) beta[j] += f * a[row + j];
      }
      const g = 2 / uu;
      for (let j = 0; j < last; j++) beta[j] *= g;
      // A[i,j] −= βⱼ v̂ᵢ with v̂ᵢ = A[i,last] (i ≠ p) and v̂ₚ = uₚ: each row stays on its own scale.
      for (let s = 0; s < na; s++) {
        const i = act[s];
        const row = i * r;
        const vi = i === p ? up : a[row + last];
        if (vi !== 0) for (let j = 0; j < last; j++) a[row + j] -= beta[j] * vi;
        a[row + last] = 0;
      }
      const inv = 1 / Math.sqrt(uu);
      for (let s = 0; s < na; s++) h[act[s]] *= inv;
      piv[k] = p;
      act[pslot] = act[--na];
    }

    // Q_thin = H₀H₁⋯H_{r−1}[e_{p₀} … e_{p_{r−1}}], applied right to left; H_k leaves the columns
    // j < k (unit vectors on earlier pivot rows, outside its support) unchanged.
    q.fill(0);
    for (let k = 0; k < r; k++) q[piv[k] * r + k] = 1;
    for (let k = r - 1; k >= 0; k--) {
      const h = house.subarray(k * m, (k + 1) * m);
      for (let j = k; j < r; j++) beta[j] = 0;
      for (let i = 0; i < m; i++) {
        const hi = h[i];
        if (hi === 0) continue;
        const row = i * r;
        for (let j = k; j < r; j++) beta[j] += hi * q[row + j];
      }
      for (let i = 0; i < m; i++) {
        const hi = h[i];
        if (hi === 0) continue;
        const f = 2 * hi;
        const row = i * r;
        for (let j = k; j < r; j++) q[row + j] -= f * beta[j];
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
