/**
 * Rendering: Vega-Lite → Vega (vega-lite's compiler) → SVG (vega's headless View) → PNG
 * (@resvg/resvg-js, a prebuilt renderer shipped inside its npm package). Loaded lazily so that the
 * solvers and the checks never pay for the plotting stack.
 */
import type { Spec } from './specs.js';

export async function renderSvg(spec: Spec): Promise<string> {
  const [{ compile }, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const compiled = compile(spec as any).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: 'white' });
  return r.render().asPng();
}
