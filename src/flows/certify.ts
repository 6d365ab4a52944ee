/**
 * Certified maximum of e(t) = ‖W(t) − Z‖₂ over an interval along a gradient flow.
 *
 * |e(s) − e(t)| ≤ ‖W(s) − W(t)‖₂ ≤ C·sqrt(h·(L(t) − L(t+h))) for s ∈ [t, t+h] (Cauchy–Schwarz with
 * dL/dt = −‖θ̇‖²; C bounds ‖Ẇ‖₂/‖θ̇‖, e.g. 2√M for the symmetric flow), so on a piece [a, b]
 *     sup e ≤ min(e(a), e(b)) + C·sqrt((b − a)·(L(a) − L(b) + 2·lossError)).
 * The piece with the largest bound is bisected until every bound is ≤ `threshold` (certified: the
 * claim e ≤ threshold holds on the whole interval), or a point with e > threshold is found (refuted),
 * or the budget runs out (inconclusive). Unlike a grid, nothing between points is assumed.
 * Cost: one evaluation of e and L per bisection.
 */
export interface IntervalMaxOptions {
  e: (t: number) => number;
  loss: (t: number) => number;
  /** C: ‖W(s) − W(t)‖₂ ≤ C·sqrt(h·ΔL). */
  variation: number;
  lossError: number;
  a: number;
  b: number;
  threshold: number;
  maxEvaluations?: number;
  /** Keep refining until the bounds are within this factor of the observed maximum (tightness). */
  relativeGap?: number;
}

export interface IntervalMax {
  /** Largest e found, and where. */
  observed: number;
  argmax: number;
  /** Certified upper bound of sup e on [a, b] (after refinement). */
  upper: number;
  status: 'certified' | 'refuted' | 'inconclusive';
  evaluations: number;
}

/**
 * The certificate of one piece [s, t]: sup_{[s,t]} e ≤ min(e(s), e(t)) + C·sqrt((t − s)·(max(0, L(s) − L(t)) + 2·lossError)),
 * since |e(u) − e(v)| ≤ ‖W(u) − W(v)‖₂ ≤ C·sqrt(|u − v|·ΔL) for u, v in the piece.
 */
export function pieceBound(es: number, et: number, ls: number, lt: number, h: number, variation: number, lossError: number): number {
  return Math.min(es, et) + variation * Math.sqrt(h * (Math.max(0, ls - lt) + 2 * lossError));
}

export function certifiedIntervalMax(o: IntervalMaxOptions): IntervalMax {
  const maxEval = o.maxEvaluations ?? 4000;
  const gap = o.relativeGap ?? 1e-3;
  let evaluations = 0;
  const point = (t: number) => {
    evaluations++;
    return { t, e: o.e(t), l: o.loss(t) };
  };
  type Pt = ReturnType<typeof point>;
  const bound = (p: Pt, q: Pt) => pieceBound(p.e, q.e, p.l, q.l, q.t - p.t, o.variation, o.lossError);
  const pa = point(o.a), pb = point(o.b);
  // Stryker disable next-line EqualityOperator: on a tie either end is the argmax
  let best = pa.e >= pb.e ? pa : pb;
  const pieces: { p: Pt; q: Pt; u: number }[] = [{ p: pa, q: pb, u: bound(pa, pb) }];
  for (;;) {
    let iMax = 0;
    // Stryker disable next-line EqualityOperator: on a tie either piece may be refined first
    for (let i = 1; i < pieces.length; i++) if (pieces[i].u > pieces[iMax].u) iMax = i;
    const top = pieces[iMax];
    if (best.e > o.threshold) return { observed: best.e, argmax: best.t, upper: Math.max(top.u, best.e), status: 'refuted', evaluations };
    // Stryker disable next-line EqualityOperator: a bound exactly at the threshold (both readings are sound)
    if (top.u <= o.threshold && top.u <= best.e * (1 + gap) + 1e-300) {
      return { observed: best.e, argmax: best.t, upper: Math.max(top.u, best.e), status: 'certified', evaluations };
    }
    // Stryker disable next-line EqualityOperator: a bound exactly at the threshold (both readings are sound)
    if (top.u <= o.threshold && evaluations >= maxEval / 4) {
      return { observed: best.e, argmax: best.t, upper: Math.max(top.u, best.e), status: 'certified', evaluations };
    }
    // Stryker disable next-line EqualityOperator: a piece exactly at the width floor
    if (evaluations >= maxEval || top.q.t - top.p.t <= 1e-12 * Math.max(1, Math.abs(top.p.t))) {
      // Stryker disable next-line EqualityOperator: a bound exactly at the threshold (both readings are sound)
      const status = top.u <= o.threshold ? 'certified' : 'inconclusive';
      return { observed: best.e, argmax: best.t, upper: Math.max(top.u, best.e), status, evaluations };
    }
    const m = point(0.5 * (top.p.t + top.q.t));
    // Stryker disable next-line EqualityOperator: on a tie either point is the argmax
    if (m.e > best.e) best = m;
    pieces.splice(iMax, 1, { p: top.p, q: m, u: bound(top.p, m) }, { p: m, q: top.q, u: bound(m, top.q) });
  }
}
