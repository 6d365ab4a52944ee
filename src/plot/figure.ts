/**
 * A problem's figure: solve it on a dense grid, read the trajectory, add what the theory predicts,
 * and lay out two panels (modes, effective rank). Writing puts NAME.svg, NAME.png and NAME.csv in a
 * folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { solve } from '../solve/index.js';
import type { SolveResult } from '../types.js';
import { type AnnotationOptions, type Annotations, annotate, hittingMarks } from './annotations.js';
import { type Quantity, type Trajectory, trajectoryCsv, trajectoryOf } from './data.js';
import { renderSvg, svgToPng } from './render.js';
import { type Spec, arrange, erankPanel, modesPanel } from './specs.js';

export interface FigureOptions extends AnnotationOptions {
  quantity?: Quantity;
  yScale?: 'linear' | 'log';
  /** Grid points replacing the problem's `times`/`iterations` (0: keep them as given). */
  points?: number;
  title?: string;
}

export interface Figure {
  trajectory: Trajectory;
  annotations: Annotations;
  spec: Spec;
  /** The floor to which log-scale values were clamped (float64 noise), or null. */
  clamped: number | null;
  result: SolveResult;
}

/** `points` evenly spaced times in [0, max(times)] (flows) or iterations 0 … max (GD). */
export function densify(problem: Record<string, unknown>, points: number): Record<string, unknown> {
  if (points <= 0) return problem;
  if (problem.method === 'gd') {
    const its = (problem.iterations as number[]) ?? [];
    const max = its.reduce((m, v) => Math.max(m, v), 0);
    const step = Math.max(1, Math.ceil(max / points));
    const grid: number[] = [];
    for (let k = 0; k <= max; k += step) grid.push(k);
    if (grid[grid.length - 1] !== max) grid.push(max);
    return { ...problem, iterations: grid };
  }
  const times = ((problem.times as unknown[]) ?? []).map(Number);
  const max = times.reduce((m, v) => Math.max(m, v), 0);
  return { ...problem, times: Array.from({ length: points + 1 }, (_, k) => (max * k) / points) };
}

function panels(t: Trajectory, a: Annotations, o: FigureOptions): { spec: Spec; clamped: number | null } {
  const m = modesPanel(t, { title: t.quantity === 'projections' ? 'Projections on the target’s spectral pairs' : 'Singular values of the product', yScale: o.yScale, shades: a.shades, marks: a.marks });
  const e = erankPanel(t, { shades: a.shades, marks: a.marks, references: a.references });
  const caption = a.notes.length ? a.notes.join(' · ') : undefined;
  const spec = arrange([m.spec, e], 'v', o.title);
  if (caption) (spec as Record<string, unknown>).title = { text: o.title ?? 'dmf-check', subtitle: caption.length > 180 ? `${caption.slice(0, 177)}…` : caption, anchor: 'start', fontSize: 15 };
  return { spec, clamped: m.clamped };
}

/** The figure of a `solve` problem (solved here on the grid) or of a saved `solve` result. */
export function figureOf(input: Record<string, unknown>, o: FigureOptions = {}): Figure {
  const isResult = Array.isArray(input.snapshots);
  let result: SolveResult, annotations: Annotations;
  if (isResult) {
    result = input as unknown as SolveResult;
    annotations = { shades: [], marks: hittingMarks(result), references: [], notes: ['a saved result: only its hitting times are drawn (give the problem to see predicted intervals)'] };
  } else {
    const problem = densify(input, o.points ?? 400);
    result = solve(problem);
    annotations = annotate(problem, result, o);
  }
  const trajectory = trajectoryOf(result, o.quantity ?? 'projections');
  const { spec, clamped } = panels(trajectory, annotations, o);
  return { trajectory, annotations, spec, clamped, result };
}

export interface Written {
  svg: string;
  png: string;
  csv: string;
}

/** Renders `spec` and writes DIR/NAME.svg and DIR/NAME.png (and NAME.csv when given data). */
export async function writeFigure(dir: string, name: string, spec: Spec, csv?: string): Promise<Written> {
  mkdirSync(dir, { recursive: true });
  const svg = await renderSvg(spec);
  const paths = { svg: join(dir, `${name}.svg`), png: join(dir, `${name}.png`), csv: join(dir, `${name}.csv`) };
  writeFileSync(paths.svg, svg);
  writeFileSync(paths.png, await svgToPng(svg));
  if (csv !== undefined) writeFileSync(paths.csv, csv);
  return paths;
}

export async function writeProblemFigure(dir: string, name: string, f: Figure): Promise<Written> {
  return writeFigure(dir, name, f.spec, trajectoryCsv(f.trajectory));
}
