/** Figures: the plotted data are the solver's output, the shades are the theorems' predictions, and the SVG carries the series, axes and labels. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { theorem3 } from '../../theorems/mv/theorem3.js';
import { solve } from '../solve/index.js';
import { annotate } from './annotations.js';
import { noiseFloor, parseCsv, trajectoryCsv, trajectoryOf } from './data.js';
import { densify, figureOf, writeProblemFigure } from './figure.js';
import { renderSvg } from './render.js';
import { type Spec, modesPanel, single } from './specs.js';
import { main } from '../cli/main.js';

const diag = (v: number[]) => v.map((x, i) => v.map((_, j) => (i === j ? x : 0)));
const flowProblem = (alpha: number) => ({ model: 'symmetric', method: 'closed-form', target: diag([3.5, 2.2, 1.2, 0]), init: { kind: 'aligned', scale: alpha, shape: [1, 1, 1, 1] }, times: [10], levels: [0.5] });
const out = mkdtempSync(join(tmpdir(), 'dmf-plot-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Line-mark data of a layered panel, grouped by mode. */
function plotted(spec: Spec): Map<string, { x: number; value: number }[]> {
  const m = new Map<string, { x: number; value: number }[]>();
  for (const l of spec.layer as Spec[]) {
    if ((l.mark as Spec).type !== 'line') continue;
    for (const d of (l.data as { values: { x: number; value: number; mode: string }[] }).values) {
      if (!m.has(d.mode)) m.set(d.mode, []);
      m.get(d.mode)!.push({ x: d.x, value: d.value });
    }
  }
  return m;
}

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((x) => x[1]);
}

describe('plot data', () => {
  it('the plotted curves are the solver output, point for point', () => {
    const p = densify(flowProblem(1e-7), 50);
    const r = solve(p);
    const t = trajectoryOf(r);
    const lines = plotted(modesPanel(t).spec);
    expect(lines.size).toBe(4);
    r.snapshots.forEach((s, k) => {
      expect(t.xs[k]).toBe(s.time);
      s.projections.forEach((v, i) => expect(lines.get(`mode ${i + 1}`)![k]).toEqual({ x: s.time, value: v }));
      expect(t.effectiveRank[k]).toBe(s.effectiveRank);
    });
    expect(t.targets).toEqual([3.5, 2.2, 1.2, 0]);
  });

  it('the CSV holds the same numbers exactly', () => {
    const t = trajectoryOf(solve(densify(flowProblem(1e-4), 20)));
    const { header, rows } = parseCsv(trajectoryCsv(t));
    expect(header[0]).toBe('time');
    expect(header).toContain('projection_1');
    rows.forEach((row, k) => {
      expect(row[0]).toBe(t.xs[k]);
      t.modes.forEach((m, i) => expect(row[1 + i]).toBe(m[k]));
      expect(row[row.length - 1]).toBe(t.effectiveRank[k]);
    });
  });

  it('a log axis clamps float64 noise to the stated floor, and says so', () => {
    // A negative eigenvalue: its mode decays like α·e^{−2|λ|t} far below float64's resolution.
    const t = trajectoryOf(solve(densify({ ...flowProblem(1e-7), target: diag([3.5, 2.2, 1.2, -2]) }, 40)));
    const floor = noiseFloor(t);
    expect(Math.min(...t.modes[3])).toBeLessThan(floor);
    const { spec, clamped } = modesPanel(t, { yScale: 'log' });
    expect(clamped).toBe(floor);
    for (const pts of plotted(spec).values()) for (const d of pts) expect(d.value).toBeGreaterThanOrEqual(floor);
    expect(JSON.stringify(spec.title)).toMatch(/clamped/);
    // Linear axes do not clamp.
    expect(modesPanel(t).clamped).toBeNull();
  });

  it('GD problems are densified on iterations and plotted against the iteration', () => {
    const p = densify({ model: 'deep', method: 'gd', depth: 3, stepSize: 0.05, target: diag([2, 1]), init: { kind: 'identity', scale: 0.3 }, iterations: [100] }, 10);
    expect(p.iterations).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    const t = trajectoryOf(solve(p));
    expect(t.axis).toBe('iteration');
    expect(t.xs).toEqual(p.iterations);
  });
});

describe('predicted intervals', () => {
  it('Theorem 3: the shades are exactly the theorem module’s intervals', () => {
    const p = densify(flowProblem(1e-7), 20);
    const a = annotate(p, solve(p), { epsilon: 0.1 });
    const inst = { kind: 'spectral' as const, eigenvalues: [3.5, 2.2, 1.2, 0], basisSeed: 0, shape: [1, 1, 1, 1], alpha: 1e-7, epsilon: 0.1 };
    expect(theorem3.hypotheses(inst)).toEqual([]);
    const pred = theorem3.predict(inst);
    expect(a.shades.map((s) => [s.start, s.end])).toEqual(pred.intervals);
    expect(a.shades.map((s) => s.label)).toEqual(['I₁', 'I₂', 'I₃']);
  });

  it('outside the hypotheses nothing is shaded and the failing hypothesis is named', () => {
    const p = densify(flowProblem(1e-1), 20);
    const a = annotate(p, solve(p), { epsilon: 0.1 });
    expect(a.shades).toEqual([]);
    expect(a.notes.join(' ')).toBe('[MV] Theorem 3 at ε = 0.100 does not apply: log(c_ε/α)/log(C_ε/α) > max σ_{k+1}/σ_k (0.00 > 0.629)');
  });

  it('hitting times become marks at the solver’s certified times', () => {
    const p = densify(flowProblem(1e-4), 20);
    const r = solve(p);
    const a = annotate(p, r);
    expect(a.marks.map((m) => m.at)).toEqual(r.hitting!.times[0].filter((t) => t !== null));
  });
});

describe('rendered figures', () => {
  it('the SVG holds one line per mode, the axes, the legend and the shade labels', async () => {
    const f = figureOf(flowProblem(1e-7), { points: 60, epsilon: 0.1 });
    const svg = await renderSvg(f.spec);
    expect(svg.startsWith('<svg')).toBe(true);
    // Two panels: 4 mode lines + 1 effective-rank line.
    expect(svg.match(/aria-roledescription="line mark"/g)?.length).toBe(5);
    const t = texts(svg);
    for (const label of ['time t', 'projection on target pair i', 'effective rank', 'mode 1', 'mode 4', 'I₁', 'I₂', 'I₃', '0.5·λ₁']) expect(t).toContain(label);
  });

  it('writes SVG, PNG and CSV', async () => {
    const f = figureOf(flowProblem(1e-4), { points: 30 });
    const w = await writeProblemFigure(out, 'flow', f);
    expect(readFileSync(w.svg, 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(w.png).subarray(1, 4).toString()).toBe('PNG');
    expect(parseCsv(readFileSync(w.csv, 'utf8')).rows.length).toBe(31);
  });

  it('a single panel spec compiles and renders', async () => {
    const t = trajectoryOf(solve(densify(flowProblem(1e-4), 10)));
    expect(await renderSvg(single(modesPanel(t).spec))).toMatch(/line mark/);
  });
});

describe('dmf-check plot', () => {
  const io = () => {
    const x = { out: '', err: '', stdout: (s: string) => void (x.out += s), stderr: (s: string) => void (x.err += s), stdin: async () => JSON.stringify(flowProblem(1e-7)) };
    return x;
  };
  it('plots a problem from standard input with intervals', async () => {
    const x = io();
    expect(await main(['plot', '-', '--out', out, '--name', 'stdin', '--points', '40', '--y-scale', 'log'], x)).toBe(0);
    const r = JSON.parse(x.out);
    expect(r.svg).toBe(join(out, 'stdin.svg'));
    expect(r.notes.join(' ')).toMatch(/Theorem 3/);
  });
  it('bad options exit 2 with one line naming the option', async () => {
    for (const [args, field] of [[['plot', '-', '--y-scale', 'cubic'], '--y-scale'], [['plot', '-', '--points=-1'], '--points'], [['plot'], 'FILE'], [['plot', '-', '--bogus'], 'arguments'], [['plot', '-', '--name', '../x'], '--name']] as const) {
      const x = io();
      expect(await main([...args], x)).toBe(2);
      expect(x.err).toMatch(new RegExp(`^dmf-check: ${field.replace(/[-.]/g, '\\$&')}`));
      expect(x.err.trim().split('\n')).toHaveLength(1);
    }
  });
  it('--help prints the usage', async () => {
    const x = io();
    expect(await main(['plot', '--help'], x)).toBe(0);
    expect(x.out).toMatch(/Usage: dmf-check plot/);
  });
});
