/**
 * The data behind a figure: per-mode trajectories (projections on the target's spectral pairs, or
 * singular values) and the effective rank against time or iteration, read from a `solve` result;
 * plus the CSV form written next to every figure.
 */
import type { SolveResult } from '../types.js';

export type Quantity = 'projections' | 'singularValues';

export interface Trajectory {
  /** 'time' for gradient flow, 'iteration' for gradient descent. */
  axis: 'time' | 'iteration';
  xs: number[];
  quantity: Quantity;
  /** modes[i][k]: value of mode i at xs[k] (decimal strings converted to numbers). */
  modes: number[][];
  /** Target values the modes tend to (eigen- or singular values of the target), decreasing; dashed. */
  targets: number[];
  effectiveRank: number[];
}

/** Reads the trajectory of `quantity` from a solve result (snapshots in the order of their x). */
export function trajectoryOf(result: SolveResult, quantity: Quantity = 'projections'): Trajectory {
  const snaps = [...result.snapshots];
  const axis: Trajectory['axis'] = snaps.length > 0 && snaps[0].iteration !== undefined ? 'iteration' : 'time';
  const xOf = (s: (typeof snaps)[number]) => Number(axis === 'iteration' ? s.iteration : s.time);
  snaps.sort((a, b) => xOf(a) - xOf(b));
  const width = snaps.reduce((m, s) => Math.max(m, s[quantity]?.length ?? 0), 0);
  const modes: number[][] = Array.from({ length: width }, () => []);
  for (const s of snaps) {
    const v = s[quantity] ?? [];
    for (let i = 0; i < width; i++) modes[i].push(i < v.length ? Number(v[i]) : 0);
  }
  const d = result.diagnostics;
  const raw = (d.targetEigenvalues ?? d.targetValues ?? d.targetSingularValues ?? []) as (number | string)[];
  return {
    axis,
    xs: snaps.map(xOf),
    quantity,
    modes,
    targets: raw.map(Number),
    effectiveRank: snaps.map((s) => s.effectiveRank),
  };
}

/**
 * The floor below which float64 values are noise on a log axis: ε·n·max|target| (ε = 2⁻⁵²), the
 * resolution of a product whose entries are of the target's size. Values below it are clamped to it
 * (and the figure says so); `null` when nothing needs clamping.
 */
export function noiseFloor(t: Trajectory): number {
  const top = Math.max(1e-300, ...t.targets.map(Math.abs), ...t.modes.flat().map(Math.abs));
  return 2 ** -52 * Math.max(1, t.modes.length) * top;
}

/** CSV with one row per x: x, mode_1 … mode_k, target_1 … target_k, effective_rank (full precision). */
export function trajectoryCsv(t: Trajectory): string {
  const head = [t.axis, ...t.modes.map((_, i) => `${t.quantity === 'projections' ? 'projection' : 'singular_value'}_${i + 1}`), ...t.targets.map((_, i) => `target_${i + 1}`), 'effective_rank'];
  const rows = t.xs.map((x, k) => [x, ...t.modes.map((m) => m[k]), ...t.targets, t.effectiveRank[k]].map((v) => String(v)).join(','));
  return `${head.join(',')}\n${rows.join('\n')}\n`;
}

/** Parses {@link trajectoryCsv} back (used by tests and by anyone re-plotting the data). */
export function parseCsv(text: string): { header: string[]; rows: number[][] } {
  const [h, ...rest] = text.trim().split('\n');
  return { header: h.split(','), rows: rest.map((r) => r.split(',').map(Number)) };
}
