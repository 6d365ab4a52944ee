/**
 * The report page: escaped, self-contained, the claims table from check's results, and every figure
 * rendered in a real browser (headless Chromium from the system's packages). Without a browser the
 * browser test is skipped with a message, except under CI (CI=true), where it must run.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { figureOf, writeProblemFigure } from '../plot/figure.js';
import { findBrowser, dumpDom, screenshot } from './browser.js';
import { escapeHtml, renderReportHtml, writeReportPage } from './html.js';
import { claimRows } from './rows.js';

const dir = mkdtempSync(join(tmpdir(), 'dmf-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const diag = (v: number[]) => v.map((x, i) => v.map((_, j) => (i === j ? x : 0)));
const results = {
  seed: 1,
  runs: 3,
  ok: false,
  theorems: [
    { id: 'mv.theorem3', title: 't', source: '[MV] Theorem 3', tag: 'paper', instances: 3, holds: 3, refuted: 0, outsideHypotheses: 0, inconclusive: 0, errors: [], minMargin: 0.002, controls: [{ name: 'epsilon/10', kind: 'gross', refutedAfter: 1 }] },
    { id: 'x.<script>alert(1)</script>', title: 't', source: 'a & b', tag: 'derived', instances: 3, holds: 2, refuted: 1, outsideHypotheses: 0, inconclusive: 0, errors: [], minMargin: -0.5, controls: [{ name: 'never', kind: 'near-miss', refutedAfter: null }] },
  ],
};

describe('report page', () => {
  it('escapes every text it shows', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    const html = renderReportHtml({ title: 'r', claims: claimRows(results), figures: [] });
    expect(html).not.toContain('<script>');
    expect(html).toContain('x.&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('reads check’s results into rows: counts, margins, controls, and the verdict of each row', () => {
    const rows = claimRows(results)!;
    expect(rows.map((r) => r.ok)).toEqual([true, false]);
    expect(rows[0].controls[0]).toMatchObject({ name: 'epsilon/10', kind: 'gross', ok: true });
    expect(rows[1].controls[0]).toMatchObject({ ok: false, result: 'NOT refuted' });
    expect(rows[1].margin?.value).toBe(-0.5);
    expect(claimRows({ nothing: 1 })).toBeNull();
  });

  const browser = findBrowser();
  const mustRun = process.env.CI === 'true' || process.env.CI === '1';
  if (!browser && !mustRun) console.warn('report.test.ts: no headless Chromium found (apt-get install chromium-headless-shell); the browser test is skipped. CI installs it and runs it.');
  it.skipIf(!browser && !mustRun)('renders in a real browser: every figure’s SVG with its series is in the DOM, and a screenshot is taken', async () => {
    expect(browser, 'CI must have a headless Chromium (installed by .ci/run)').not.toBeNull();
    const fdir = join(dir, 'figures', 'flow');
    mkdirSync(fdir, { recursive: true });
    const problem = { model: 'symmetric', method: 'closed-form', target: diag([3, 1.5, 0.5]), init: { kind: 'aligned', scale: 1e-6, shape: [1, 1, 1] }, times: [8], levels: [0.5] };
    await writeProblemFigure(fdir, 'modes', figureOf(problem, { points: 80 }));
    await writeProblemFigure(fdir, 'log', figureOf(problem, { points: 80, yScale: 'log', quantity: 'singularValues' }));
    writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
    const page = writeReportPage(dir, claimRows, 'browser test');
    const url = pathToFileURL(page).href;
    const dom = dumpDom(browser!, url);
    const figures = [...dom.matchAll(/<figure data-figure="([^"]+)">([\s\S]*?)<\/figure>/g)];
    expect(figures.map((f) => f[1])).toEqual(['flow/log', 'flow/modes']);
    for (const [, , body] of figures) {
      expect(body).toMatch(/<svg/);
      // Three modes + the effective rank: four line marks per figure.
      expect(body.match(/aria-roledescription="line mark"/g)?.length).toBe(4);
      expect(body).toMatch(/>effective rank</);
    }
    expect(dom).toMatch(/<table id="claims-table">/);
    expect((dom.match(/<tr class="fail">/g) ?? []).length).toBe(1);
    const png = join(dir, 'shot.png');
    screenshot(browser!, url, png);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(20_000);
  }, 60_000);
});
