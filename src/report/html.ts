/**
 * The report page a person opens in a browser: report/index.html, self-contained (figures inlined
 * as SVG, styles inline, no script, nothing fetched at view time). It shows the claims' summary
 * (verdict counts, margins under their own names, negative controls, known counterexamples with
 * their explanations) when `results.json` is present, and every figure under `figures/<name>/`.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ClaimRow {
  id: string;
  source: string;
  tag: string;
  instances: number;
  holds: number;
  refuted: number;
  inconclusive: number;
  errors: number;
  outsideHypotheses: number;
  /** The tightest margin, with what it measures. */
  margin: { name: string; meaning?: string; value: number | null; where?: string } | null;
  controls: { name: string; kind?: string; result: string; ok: boolean }[];
  known: { file?: string; explanation: string }[];
  ok: boolean;
  seconds?: number;
}

export interface FigureEntry {
  group: string;
  name: string;
  svg: string;
  caption?: string;
}

export interface ReportPage {
  title: string;
  subtitle?: string;
  claims: ClaimRow[] | null;
  figures: FigureEntry[];
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e4 ? x.toPrecision(4) : x.toExponential(3);
}

/** Strips anything but the <svg> element (vega's SVG has no XML prolog or script; be safe anyway). */
function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  const clean = start >= 0 ? svg.slice(start) : '';
  return clean.replace(/<script[\s\S]*?<\/script>/gi, '');
}

const STYLE = `
body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:2rem auto;max-width:1400px;color:#222;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}
.sub{color:#555;margin-top:0}
table{border-collapse:collapse;font-size:.85rem;width:100%}
th,td{border:1px solid #ddd;padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.fail td{background:#fff0f0}.ok{color:#1a7f37;font-weight:bold}.bad{color:#c62828;font-weight:bold}
figure{margin:1.5rem 0;overflow-x:auto}figcaption{color:#444;font-size:.9rem;margin-top:.3rem}
.known{font-size:.8rem;color:#444}`;

export function renderReportHtml(p: ReportPage): string {
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(p.title)}</title><style>${STYLE}</style></head><body>`);
  parts.push(`<h1>${escapeHtml(p.title)}</h1>`);
  if (p.subtitle) parts.push(`<p class="sub">${escapeHtml(p.subtitle)}</p>`);
  if (p.claims) {
    const okAll = p.claims.every((c) => c.ok);
    parts.push(`<h2 id="claims">Claims</h2><p>${okAll ? '<span class="ok">Every claim holds on every instance that meets its hypotheses, and every negative control was refuted.</span>' : '<span class="bad">Some claim failed or some control was not refuted (rows in red).</span>'}</p>`);
    parts.push('<table id="claims-table"><thead><tr><th></th><th>claim</th><th>source</th><th>tag</th><th>instances</th><th>held</th><th>refuted</th><th>inconclusive</th><th>errors</th><th>outside hyp.</th><th>tightest margin</th><th>negative controls</th><th>known counterexamples</th></tr></thead><tbody>');
    for (const c of p.claims) {
      const margin = c.margin ? `${escapeHtml(c.margin.name)}: ${fmt(c.margin.value)}${c.margin.where ? ` <span class="known">at ${escapeHtml(c.margin.where)}</span>` : ''}${c.margin.meaning ? `<br><span class="known">${escapeHtml(c.margin.meaning)}</span>` : ''}` : '—';
      const controls = c.controls.map((k) => `<span class="${k.ok ? 'ok' : 'bad'}">${k.ok ? '✓' : '✗'}</span> ${escapeHtml(k.name)}${k.kind ? ` (${escapeHtml(k.kind)})` : ''}: ${escapeHtml(k.result)}`).join('<br>');
      const known = c.known.map((k) => `<div class="known">${k.file ? `<code>${escapeHtml(k.file)}</code>: ` : ''}${escapeHtml(k.explanation)}</div>`).join('');
      parts.push(
        `<tr class="${c.ok ? '' : 'fail'}"><td>${c.ok ? '<span class="ok">✓</span>' : '<span class="bad">✗</span>'}</td><td><code>${escapeHtml(c.id)}</code></td><td>${escapeHtml(c.source)}</td><td>${escapeHtml(c.tag)}</td>` +
          [c.instances, c.holds, c.refuted, c.inconclusive, c.errors, c.outsideHypotheses].map((v) => `<td class="num">${v}</td>`).join('') +
          `<td>${margin}</td><td>${controls || '—'}</td><td>${known || '—'}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  if (p.figures.length) {
    parts.push('<h2 id="figures">Figures</h2>');
    let group = '';
    for (const f of p.figures) {
      if (f.group !== group) {
        group = f.group;
        parts.push(`<h3>${escapeHtml(group)}</h3>`);
      }
      parts.push(`<figure data-figure="${escapeHtml(`${f.group}/${f.name}`)}">${inlineSvg(f.svg)}${f.caption ? `<figcaption>${escapeHtml(f.caption)}</figcaption>` : ''}</figure>`);
    }
  }
  parts.push('</body></html>\n');
  return parts.join('\n');
}

/** Every `figures/<group>/<name>.svg` under `dir`, with the caption from `<name>.caption.txt` if present. */
export function collectFigures(dir: string): FigureEntry[] {
  const root = join(dir, 'figures');
  if (!existsSync(root)) return [];
  const out: FigureEntry[] = [];
  for (const group of readdirSync(root).sort()) {
    const gdir = join(root, group);
    let names: string[];
    try {
      names = readdirSync(gdir).filter((f) => f.endsWith('.svg')).sort();
    } catch {
      continue;
    }
    for (const f of names) {
      const name = f.slice(0, -4);
      const cap = join(gdir, `${name}.caption.txt`);
      out.push({ group, name, svg: readFileSync(join(gdir, f), 'utf8'), caption: existsSync(cap) ? readFileSync(cap, 'utf8').trim() : undefined });
    }
  }
  return out;
}

/**
 * Writes `dir/index.html` from `dir/results.json` (when present; `toRows` adapts its format) and the
 * figures under `dir/figures/`.
 */
export function writeReportPage(dir: string, toRows: (results: unknown) => ClaimRow[] | null, subtitle?: string): string {
  mkdirSync(dir, { recursive: true });
  const resultsPath = join(dir, 'results.json');
  const claims = existsSync(resultsPath) ? toRows(JSON.parse(readFileSync(resultsPath, 'utf8'))) : null;
  const html = renderReportHtml({ title: 'dmf-check report', subtitle, claims, figures: collectFigures(dir) });
  const path = join(dir, 'index.html');
  writeFileSync(path, html);
  return path;
}
