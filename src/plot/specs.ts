/**
 * Vega-Lite specifications of dmf-check's figures (compiled to Vega and rendered by render.ts; no
 * SVG is assembled by hand). A trajectory panel layers: shaded predicted intervals with labels,
 * one line per mode, the target values dashed in the mode's colour, and optional event rules
 * (hitting times). Log axes clamp float64 noise to a stated floor.
 */
import { noiseFloor, type Trajectory } from './data.js';

/** A predicted interval [start, end) on the x axis (end = Infinity: open to the right). */
export interface Shade {
  start: number;
  end: number;
  label: string;
}

/** A predicted instant (a hitting time), drawn as a vertical rule. */
export interface Mark {
  at: number;
  label: string;
}

export interface PanelOptions {
  title?: string;
  yScale?: 'linear' | 'log';
  shades?: Shade[];
  marks?: Mark[];
  width?: number;
  height?: number;
  /** Extra dashed lines on the y axis that are not per-mode targets, e.g. erank(Ŷ_r). */
  references?: { value: number; label: string }[];
}

// Vega-Lite specs are plain JSON objects.
export type Spec = Record<string, unknown>;

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const sub = (i: number) => String(i).split('').map((d) => SUBSCRIPT[Number(d)]).join('');

export function modeLabel(t: Trajectory, i: number): string {
  return t.quantity === 'projections' ? `mode ${i + 1}` : `σ${sub(i + 1)}(W)`;
}

function xTitle(t: Trajectory): string {
  return t.axis === 'time' ? 'time t' : 'iteration k';
}

function shadeLayers(shades: Shade[], xMax: number): Spec[] {
  if (shades.length === 0) return [];
  const values = shades.map((s, i) => {
    const end = Number.isFinite(s.end) ? Math.min(s.end, xMax) : xMax;
    return { start: s.start, end, mid: (s.start + end) / 2, label: s.label, band: i % 2 };
  });
  return [
    {
      data: { values },
      mark: { type: 'rect', opacity: 0.16, color: '#4c78a8' },
      encoding: { x: { field: 'start', type: 'quantitative' }, x2: { field: 'end' } },
    },
    {
      data: { values },
      mark: { type: 'text', baseline: 'top', dy: 2, fontSize: 10, color: '#333' },
      encoding: { x: { field: 'mid', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
    },
  ];
}

function markLayers(marks: Mark[]): Spec[] {
  if (marks.length === 0) return [];
  const values = marks.map((m) => ({ at: m.at, label: m.label }));
  return [
    { data: { values }, mark: { type: 'rule', color: '#999', strokeWidth: 1 }, encoding: { x: { field: 'at', type: 'quantitative' } } },
    {
      data: { values },
      mark: { type: 'text', angle: 270, align: 'left', dx: 4, dy: -3, fontSize: 9, color: '#555' },
      encoding: { x: { field: 'at', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
    },
  ];
}

/** One panel: modes against x with their dashed targets, shaded intervals and marks. */
export function modesPanel(t: Trajectory, o: PanelOptions = {}): { spec: Spec; clamped: number | null } {
  const log = o.yScale === 'log';
  const floor = log ? noiseFloor(t) : -Infinity;
  let clamped = 0;
  const curves: { x: number; value: number; mode: string }[] = [];
  t.modes.forEach((m, i) => {
    const mode = modeLabel(t, i);
    m.forEach((v, k) => {
      let value = v;
      if (log && !(v > floor)) {
        value = floor;
        clamped++;
      }
      curves.push({ x: t.xs[k], value, mode });
    });
  });
  const targets = t.targets
    .map((v, i) => ({ value: v, mode: modeLabel(t, i) }))
    .filter((d, i) => i < t.modes.length && (!log || d.value > floor));
  const xMax = t.xs.length ? t.xs[t.xs.length - 1] : 1;
  const yTitle = t.quantity === 'projections' ? 'projection on target pair i' : 'singular value';
  const subtitle: string[] = ['dashed: target values'];
  if (log && clamped > 0) subtitle.push(`values below ${floor.toExponential(1)} (float64 noise) clamped`);
  const y = {
    field: 'value',
    type: 'quantitative',
    title: yTitle,
    scale: log ? { type: 'log' } : { zero: true },
    ...(log ? { axis: { format: '.0e', tickCount: 6, gridOpacity: 0.5 } } : {}),
  };
  const spec: Spec = {
    title: { text: o.title ?? 'Trajectories', subtitle: subtitle.join('; '), fontSize: 13 },
    width: o.width ?? 460,
    height: o.height ?? 260,
    layer: [
      ...shadeLayers(o.shades ?? [], xMax),
      ...markLayers(o.marks ?? []),
      {
        data: { values: curves },
        mark: { type: 'line', strokeWidth: 1.8, clip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: xTitle(t) },
          y,
          color: { field: 'mode', type: 'nominal', title: null, sort: null },
        },
      },
      ...(targets.length
        ? [{ data: { values: targets }, mark: { type: 'rule', strokeDash: [5, 4], strokeWidth: 1.2, opacity: 0.8 }, encoding: { y: { field: 'value', type: 'quantitative' }, color: { field: 'mode', type: 'nominal', sort: null } } }]
        : []),
    ],
    resolve: { scale: { y: 'shared' } },
  };
  return { spec, clamped: log && clamped > 0 ? floor : null };
}

/** The effective rank against x, with the same shades and dashed reference levels. */
export function erankPanel(t: Trajectory, o: PanelOptions = {}): Spec {
  const xMax = t.xs.length ? t.xs[t.xs.length - 1] : 1;
  const refs = o.references ?? [];
  return {
    title: { text: o.title ?? 'Effective rank', subtitle: 'Roy–Vetterli exp(−Σ pᵢ ln pᵢ), pᵢ = σᵢ/Σσⱼ', fontSize: 13 },
    width: o.width ?? 460,
    height: o.height ?? 200,
    layer: [
      ...shadeLayers(o.shades ?? [], xMax),
      ...markLayers(o.marks ?? []),
      {
        data: { values: t.xs.map((x, k) => ({ x, erank: t.effectiveRank[k], series: 'effective rank' })) },
        mark: { type: 'line', strokeWidth: 1.8, color: '#e45756' },
        encoding: { x: { field: 'x', type: 'quantitative', title: xTitle(t) }, y: { field: 'erank', type: 'quantitative', title: 'effective rank', scale: { zero: true } } },
      },
      ...(refs.length
        ? [
            { data: { values: refs }, mark: { type: 'rule', strokeDash: [5, 4], color: '#333' }, encoding: { y: { field: 'value', type: 'quantitative' } } },
            { data: { values: refs }, mark: { type: 'text', align: 'right', dy: -5, fontSize: 10, color: '#333' }, encoding: { y: { field: 'value', type: 'quantitative' }, x: { value: (o.width ?? 460) - 4 }, text: { field: 'label' } } },
          ]
        : []),
    ],
  };
}

/** Panels side by side (hconcat) or stacked (vconcat), with a common title. */
export function arrange(panels: Spec[], how: 'h' | 'v', title?: string, subtitle?: string): Spec {
  const body = how === 'h' ? { hconcat: panels } : { vconcat: panels };
  const t = title ? { title: { text: title, ...(subtitle ? { subtitle } : {}), fontSize: 15, anchor: 'start' } } : {};
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...t, ...body, config: { font: 'DejaVu Sans, sans-serif' } };
}

/** A single panel as a complete spec. */
export function single(panel: Spec): Spec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...panel, config: { font: 'DejaVu Sans, sans-serif' } };
}
