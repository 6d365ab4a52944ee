/**
 * What the theory predicts for a problem, as shades and marks on its figures:
 * - hitting times of the requested `levels` (from the solve result: certified for flows, exact
 *   iterations for GD), as vertical rules;
 * - [MV] Theorem 3's intervals I_k, for the symmetric flow from an aligned (spectral) init with a
 *   positive semidefinite target, when its hypotheses hold at the given ε (otherwise the failing
 *   hypothesis is returned as a note, and nothing is shaded);
 * - the [CGMR] certified effective-rank interval [T_r⁺, T_{r+1}⁻) (claim `cgmr.erankInterval`),
 *   for deep GD from the identity init on a symmetric target, when that claim is registered and its
 *   hypotheses hold.
 * Predictions come from the theorem modules themselves (theorems/), never recomputed here.
 */
import { eigh } from '../linalg/eigh.js';
import { fromRows } from '../linalg/matrix.js';
import type { SolveResult } from '../types.js';
import type { Mark, Shade } from './specs.js';
import { theorem3 } from '../../theorems/mv/theorem3.js';
import { theoremById } from '../../theorems/registry.js';
import type { HypothesisFailure } from '../../theorems/types.js';

export interface Annotations {
  shades: Shade[];
  marks: Mark[];
  /** erank(Ŷ_r) when the [CGMR] interval applies (a dashed reference on the effective-rank panel). */
  references: { value: number; label: string }[];
  /** Why a claim was not drawn (hypotheses failing, claim not registered), for the figure's caption. */
  notes: string[];
}

export interface AnnotationOptions {
  /** ε of Theorem 3 / of the [CGMR] interval (default: Theorem 3 σ_K/10; CGMR 0.05). */
  epsilon?: number;
  /** [CGMR]: r, the rank of the low-rank part (default: the largest eigenvalue gap). */
  rank?: number;
  /** [CGMR]: δ, the bound on the tail eigenvalues inside the interval (default 1e-3). */
  delta?: number;
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (i: number) => String(i).split('').map((d) => SUB[Number(d)]).join('');

function describe(f: HypothesisFailure[]): string {
  return f.map((h) => `${h.name} (${h.quantity.toPrecision(3)} ${h.relation} ${h.bound.toPrecision(3)})`).join('; ');
}

function numeric(rows: unknown): number[][] {
  return (rows as unknown[][]).map((r) => r.map(Number));
}

function sortedEigenvalues(target: number[][]): number[] {
  const v = Array.from(eigh(fromRows(target)).values);
  return v.sort((a, b) => b - a);
}

/** Hitting times as marks: one per (level, mode) that was reached. */
export function hittingMarks(result: SolveResult): Mark[] {
  const h = result.hitting;
  if (!h) return [];
  const out: Mark[] = [];
  h.levels.forEach((q, l) =>
    h.times[l].forEach((t, i) => {
      if (t !== null) out.push({ at: t, label: `${q}·λ${sub(i + 1)}` });
    }),
  );
  return out;
}

/** Largest relative gap λ_r/λ_{r+1} among positive eigenvalues: the default r. */
function defaultRank(ev: number[]): number {
  let best = 1, ratio = 0;
  for (let i = 0; i + 1 < ev.length; i++) {
    if (!(ev[i] > 0)) break;
    const r = ev[i] / Math.max(Math.abs(ev[i + 1]), 1e-300);
    if (r > ratio) {
      ratio = r;
      best = i + 1;
    }
  }
  return best;
}

export function annotate(problem: Record<string, unknown>, result: SolveResult, o: AnnotationOptions = {}): Annotations {
  const a: Annotations = { shades: [], marks: hittingMarks(result), references: [], notes: [] };
  const model = problem.model, method = problem.method;
  const init = (problem.init ?? {}) as Record<string, unknown>;
  if (model === 'symmetric' && method !== 'gd' && init.kind === 'aligned') {
    const ev = sortedEigenvalues(numeric(problem.target));
    const K = ev.filter((s) => s > 0).length;
    const shape = (init.shape as unknown[]).map(Number);
    const epsilon = o.epsilon ?? (K > 0 ? ev[K - 1] / 10 : 0);
    const inst = { kind: 'spectral' as const, eigenvalues: ev, basisSeed: 0, shape, alpha: Number(init.scale), epsilon };
    const failures = theorem3.hypotheses(inst);
    if (failures.length > 0) a.notes.push(`[MV] Theorem 3 at ε = ${epsilon.toPrecision(3)} does not apply: ${describe(failures)}`);
    else {
      const p = theorem3.predict(inst);
      p.intervals.forEach(([l, r], k) => a.shades.push({ start: l, end: r, label: `I${sub(k + 1)}` }));
      a.notes.push(`shaded: [MV] Theorem 3's intervals I_k at ε = ${epsilon.toPrecision(3)}, where ‖W(t) − Ŷ_k‖₂ ≤ ε`);
    }
  }
  if (model === 'deep' && method === 'gd' && init.kind === 'identity') {
    const claim = theoremById('cgmr.erankInterval');
    if (!claim) a.notes.push('the [CGMR] interval is not drawn: claim cgmr.erankInterval is not registered');
    else {
      const ev = sortedEigenvalues(numeric(problem.target));
      const inst = {
        eigenvalues: ev,
        depth: Number(problem.depth),
        alpha: Number(init.scale),
        stepSize: Number(problem.stepSize),
        rank: o.rank ?? defaultRank(ev),
        epsilon: o.epsilon ?? 0.05,
        delta: o.delta ?? 1e-3,
      };
      const failures = claim.hypotheses(inst) as HypothesisFailure[];
      if (failures.length > 0) a.notes.push(`[CGMR] effective-rank interval (r = ${inst.rank}) does not apply: ${describe(failures)}`);
      else {
        const p = claim.predict(inst) as { interval: [number, number | null]; bound: number; erankTarget?: number };
        const [lo, hi] = p.interval;
        a.shades.push({ start: lo, end: hi === null ? Infinity : hi, label: `[T${sub(inst.rank)}⁺, T${sub(inst.rank + 1)}⁻)` });
        const top = ev.slice(0, inst.rank);
        const s = top.reduce((x, y) => x + y, 0);
        const er = Math.exp(-top.reduce((h, v) => h + (v / s) * Math.log(v / s), 0));
        a.references.push({ value: er, label: `erank(Ŷ${sub(inst.rank)}) = ${er.toFixed(3)}` });
        a.notes.push(`shaded: the [CGMR] certified interval for r = ${inst.rank}, ε = ${inst.epsilon}, δ = ${inst.delta}: |erank(W(k)) − erank(Ŷ_r)| ≤ ${p.bound.toPrecision(3)} there`);
      }
    }
  }
  return a;
}
