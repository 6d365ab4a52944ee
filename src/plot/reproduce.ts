/**
 * The papers' experiments, reproduced with dmf-check's solvers (`dmf-check reproduce NAME`). Each
 * returns its figures as specs plus the data written next to them; parameters are stated in the
 * figure and below.
 *
 * - mv-figure1: [MV]'s figure. Y = diag(3.5, 2.2, 1.2, 0, 0, 0), spectral init σ_{i,0} = 1,
 *   α ∈ {10⁻¹, 10⁻⁴, 10⁻⁷}, t ∈ [0, 10], one panel per α, from the closed form; gradient descent on
 *   U ← U + η(Y − UUᵀ)U with η = 10⁻³ (time t = kη) overlaid as points: it agrees to O(η).
 *   Theorem 3's intervals (ε = 0.1) are shaded where its hypotheses hold.
 * - cgmr-rank: deep GD from the identity init W_j(0) = αI at depths N = 2, 3, 4 on
 *   λ = (4, 2, 1, 0.02 × 7) (n = 10), α chosen per depth so that α^N = 10⁻⁶ (the end-to-end scale
 *   at init is the same), step η = 1/(Nλ₁^{2−2/N}) (the monotone step bound); projections and the
 *   effective rank, with the certified interval of cgmr.erankInterval (r = 3, ε = 0.05, δ = 10⁻³).
 * - cgmr-sensing: the same spectrum's rank-3 part X = diag(4, 2, 1, 0, …) (n = 10) observed through
 *   m = 60 Gaussian measurements (m < n² = 100, and m ≈ 2·r·n), depth 3, α^N = 10⁻⁶: singular
 *   values of W and its effective rank.
 * - cgmr-random: the full spectrum of cgmr-rank with Gaussian init W_j(0) = αG_j/√n, depth 3.
 */
import { solve } from '../solve/index.js';
import type { SolveResult } from '../types.js';
import { annotate } from './annotations.js';
import { type Trajectory, trajectoryCsv, trajectoryOf } from './data.js';
import { type Spec, arrange, erankPanel, modesPanel } from './specs.js';

export interface Reproduction {
  name: string;
  title: string;
  /** Figures: file stem → spec. */
  figures: { name: string; spec: Spec; caption: string }[];
  /** Data files: file name → CSV text. */
  data: { name: string; csv: string }[];
  /** The parameters used, in words (README and report). */
  parameters: string;
}

export const REPRODUCTIONS = ['mv-figure1', 'cgmr-rank', 'cgmr-sensing', 'cgmr-random'] as const;
export type ReproductionName = (typeof REPRODUCTIONS)[number];

function diag(v: number[]): number[][] {
  return v.map((x, i) => v.map((_, j) => (i === j ? x : 0)));
}

function grid(max: number, points: number): number[] {
  return Array.from({ length: points + 1 }, (_, k) => (max * k) / points);
}

function iterGrid(max: number, points: number): number[] {
  const step = Math.max(1, Math.ceil(max / points));
  const out: number[] = [];
  for (let k = 0; k <= max; k += step) out.push(k);
  return out;
}

/** GD iterates as a trajectory in time t = kη (for overlays on a flow). */
function asTime(t: Trajectory, eta: number): Trajectory {
  return { ...t, axis: 'time', xs: t.xs.map((k) => k * eta) };
}

function mvFigure1(): Reproduction {
  const sigma = [3.5, 2.2, 1.2, 0, 0, 0];
  const eta = 1e-3, T = 10;
  const figures: Reproduction['figures'] = [], data: Reproduction['data'] = [], panels: Spec[] = [];
  let maxGap = 0;
  for (const alpha of [1e-1, 1e-4, 1e-7]) {
    const problem = { model: 'symmetric', method: 'closed-form', target: diag(sigma), init: { kind: 'aligned', scale: alpha, shape: sigma.map(() => 1) }, times: grid(T, 400) };
    const flow = solve(problem);
    const t = trajectoryOf(flow);
    const gd = solve({ model: 'symmetric', method: 'gd', stepSize: eta, target: diag(sigma), init: problem.init, iterations: iterGrid(Math.round(T / eta), 100) });
    const g = asTime(trajectoryOf(gd), eta);
    const a = annotate(problem, flow, { epsilon: 0.1 });
    const p = modesPanel(t, { title: `α = ${alpha.toExponential(0)}`, shades: a.shades, width: 300, height: 220 });
    // Overlay: GD at k·η as points on the same colour scale.
    const points = g.modes.slice(0, 3).flatMap((m, i) => m.map((v, k) => ({ x: g.xs[k], value: v, mode: `mode ${i + 1}` })));
    (p.spec.layer as Spec[]).push({ data: { values: points }, mark: { type: 'point', size: 14, filled: true, opacity: 0.9, stroke: 'black', strokeWidth: 0.3 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' }, color: { field: 'mode', type: 'nominal', sort: null } } });
    (p.spec.title as Record<string, unknown>).subtitle = a.shades.length ? 'shaded: Theorem 3’s I_k (ε = 0.1)' : 'Theorem 3 (ε = 0.1): α too large';
    panels.push(p.spec);
    data.push({ name: `alpha-${alpha.toExponential(0)}-closed-form.csv`, csv: trajectoryCsv(t) });
    data.push({ name: `alpha-${alpha.toExponential(0)}-gd.csv`, csv: trajectoryCsv(g) });
    // GD against the flow at the shared grid points (every 100th flow point is k = 100·j·... ): report the gap.
    for (let k = 0; k < g.xs.length; k++) {
      const j = t.xs.findIndex((x) => Math.abs(x - g.xs[k]) < 1e-9);
      if (j >= 0) for (let i = 0; i < 3; i++) maxGap = Math.max(maxGap, Math.abs(g.modes[i][k] - t.modes[i][j]));
    }
  }
  figures.push({ name: 'mv-figure1', spec: arrange(panels, 'h', '[MV] Figure 1: Y = diag(3.5, 2.2, 1.2, 0, 0, 0), spectral init σ_{i,0} = 1', 'lines: closed form; points: gradient descent, η = 10⁻³, at t = kη'), caption: `Closed form (lines) and gradient descent with η = 10⁻³ (points); max |GD − flow| over the plotted points: ${maxGap.toExponential(2)} (O(η)).` });
  return { name: 'mv-figure1', title: '[MV] Figure 1', figures, data, parameters: 'Y = diag(3.5, 2.2, 1.2, 0, 0, 0), σ_{i,0} = 1, α ∈ {1e-1, 1e-4, 1e-7}, t ∈ [0, 10]; GD η = 1e-3; Theorem 3 at ε = 0.1' };
}

const CGMR_SPECTRUM = [4, 2, 1, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02];

function deepPanels(result: SolveResult, problem: Record<string, unknown>, title: string, quantity: 'projections' | 'singularValues', opts = {}): { spec: Spec; trajectory: Trajectory; notes: string[] } {
  const a = annotate(problem, result, { rank: 3, epsilon: 0.05, delta: 1e-3, ...opts });
  const t = trajectoryOf(result, quantity);
  const m = modesPanel(t, { title, yScale: 'log', shades: a.shades, width: 300, height: 200 });
  const e = erankPanel(t, { title: 'effective rank', shades: a.shades, references: a.references, width: 300, height: 140 });
  return { spec: arrange([m.spec, e], 'v'), trajectory: t, notes: a.notes };
}

function cgmrRank(): Reproduction {
  const panels: Spec[] = [], data: Reproduction['data'] = [], notes: string[] = [];
  for (const N of [2, 3, 4]) {
    const alpha = 10 ** (-6 / N);
    const eta = 1 / (N * CGMR_SPECTRUM[0] ** (2 - 2 / N));
    // Horizon (gradient-flow heuristics of the learning times): N = 2, past the time the tail 0.02 is
    // learned, ln(0.02/α²)/(2·0.02·η); N ≥ 3, three times the time λ₃ = 1 is learned,
    // α^{−(N−2)}/((N−2)ηλ₃) (the tail would take 50× longer: that is the depth separation).
    const max = Math.ceil(N === 2 ? (1.5 * Math.log(0.02 / alpha ** 2)) / (2 * 0.02 * eta) : (3 * alpha ** -(N - 2)) / ((N - 2) * eta));
    const problem = { model: 'deep', method: 'gd', depth: N, stepSize: eta, target: diag(CGMR_SPECTRUM), init: { kind: 'identity', scale: alpha }, iterations: iterGrid(max, 300) };
    const r = solve(problem);
    const p = deepPanels(r, problem, `N = ${N}, α = ${alpha.toPrecision(3)}, η = ${eta.toPrecision(3)}`, 'projections');
    panels.push(p.spec);
    notes.push(...p.notes.map((s) => `N = ${N}: ${s}`));
    data.push({ name: `depth-${N}.csv`, csv: trajectoryCsv(p.trajectory) });
  }
  return {
    name: 'cgmr-rank',
    title: '[CGMR] effective rank under identical initialisation',
    figures: [{ name: 'cgmr-rank', spec: arrange(panels, 'h', '[CGMR] deep GD from the identical init αI', 'λ = (4, 2, 1, 0.02 × 7); modes (log scale) and effective rank, certified interval shaded'), caption: notes.join(' · ') }],
    data,
    parameters: 'n = 10, λ = (4, 2, 1, 0.02 × 7), N ∈ {2, 3, 4}, α = 10^{−6/N} (α^N = 1e-6), η = 1/(Nλ₁^{2−2/N}); interval of cgmr.erankInterval at r = 3, ε = 0.05, δ = 1e-3',
  };
}

function cgmrSensing(): Reproduction {
  const N = 3, alpha = 10 ** (-6 / N);
  const X = diag([4, 2, 1, 0, 0, 0, 0, 0, 0, 0]);
  const eta = 1 / (N * 4 ** (2 - 2 / N));
  const problem = { model: 'sensing', method: 'gd', depth: N, stepSize: eta, target: X, init: { kind: 'identity', scale: alpha }, measurements: { count: 60, seed: 7 }, iterations: iterGrid(6000, 300) };
  const r = solve(problem);
  const p = deepPanels(r, problem, `sensing, m = 60, N = ${N}, α = ${alpha.toPrecision(3)}, η = ${eta.toPrecision(3)}`, 'singularValues');
  return {
    name: 'cgmr-sensing',
    title: '[CGMR] Gaussian matrix sensing',
    figures: [{ name: 'cgmr-sensing', spec: arrange([p.spec], 'h', '[CGMR] Gaussian matrix sensing', 'n = 10, rank-3 X, m = 60 measurements: singular values learned in decreasing order'), caption: 'Singular values of W = W₃W₂W₁ (log scale) and its effective rank; the target is rank 3.' }],
    data: [{ name: 'sensing.csv', csv: trajectoryCsv(p.trajectory) }],
    parameters: 'n = 10, X = diag(4, 2, 1, 0, …), m = 60 Gaussian measurements (seed 7), N = 3, identity init α = 1e-2, η = 1/(Nλ₁^{2−2/N})',
  };
}

function cgmrRandom(): Reproduction {
  const N = 3, alpha = 10 ** (-6 / N);
  const eta = 1 / (N * CGMR_SPECTRUM[0] ** (2 - 2 / N));
  const problem = { model: 'deep', method: 'gd', depth: N, stepSize: eta, target: diag(CGMR_SPECTRUM), init: { kind: 'gaussian', scale: alpha, seed: 3 }, iterations: iterGrid(8000, 300) };
  const r = solve(problem);
  const p = deepPanels(r, problem, `Gaussian init, N = ${N}, α = ${alpha.toPrecision(3)}, η = ${eta.toPrecision(3)}`, 'singularValues');
  return {
    name: 'cgmr-random',
    title: '[CGMR] random (Gaussian) initialisation',
    figures: [{ name: 'cgmr-random', spec: arrange([p.spec], 'h', '[CGMR] random initialisation', 'deep GD from W_j(0) = αG_j/√n: the same incremental picture'), caption: 'Singular values (log scale) and effective rank; no certified interval is claimed for random init (the paper\'s claim here is empirical).' }],
    data: [{ name: 'random.csv', csv: trajectoryCsv(p.trajectory) }],
    parameters: 'n = 10, λ = (4, 2, 1, 0.02 × 7), N = 3, Gaussian init seed 3, α = 1e-2, η = 1/(Nλ₁^{2−2/N})',
  };
}

export function reproduce(name: ReproductionName): Reproduction {
  switch (name) {
    case 'mv-figure1':
      return mvFigure1();
    case 'cgmr-rank':
      return cgmrRank();
    case 'cgmr-sensing':
      return cgmrSensing();
    case 'cgmr-random':
      return cgmrRandom();
  }
}
