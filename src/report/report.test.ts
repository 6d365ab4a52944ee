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
import { main } from '../cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'dmf-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const diag = (v: number[]) => v.map((x, i) => v.map((_, j) => (i === j ? x : 0)));
const fixturePath = join(dir, 'known.json');
writeFileSync(fixturePath, JSON.stringify({ explanation: 'holds only for small α: a documented counterexample' }));
// The shape `dmf-check check` writes to report/results.json.
const results = {
  version: '0',
  seed: 1,
  runs: 3,
  ok: false,
  theorems: [
    {
      id: 'mv.theorem3', source: '[MV] Theorem 3', tag: 'paper', instances: 3, holds: 3, refuted: 0, inconclusive: 0, errors: [], errorCount: 0, outsideHypotheses: 0,
      margin: { name: 'bound slack', meaning: '1 − sup/ε', tightest: 0.002, where: { index: 2, worst: { interval: 1, time: 6.5 }, instance: {} } },
      known: [],
      controls: [{ name: 'epsilon/10', kind: 'gross', instances: 3, refuted: 3, fraction: 1, stated: null, withinStated: null }],
    },
    {
      id: 'x.<script>alert(1)</script>', source: 'a & b', tag: 'derived', instances: 3, holds: 2, refuted: 1, inconclusive: 0, errors: [], errorCount: 0, outsideHypotheses: 0,
      margin: { name: 'band position', meaning: 'm', tightest: -0.5, where: null },
      known: [],
      controls: [{ name: 'never', kind: 'near-miss', instances: 3, refuted: 0, fraction: 0, stated: [0.1, 0.5], withinStated: false }],
    },
    {
      id: 'cgmr.monotoneErank', source: '[CGMR]', tag: 'paper', instances: 3, holds: 2, refuted: 1, inconclusive: 0, errors: [], errorCount: 0, outsideHypotheses: 0,
      margin: null, known: [fixturePath], controls: [],
    },
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
    expect(rows.map((r) => r.ok)).toEqual([true, false, true]);
    expect(rows[0].controls[0]).toMatchObject({ name: 'epsilon/10', kind: 'gross', ok: true, result: 'refuted 3/3 = 1.00' });
    expect(rows[0].margin).toEqual({ name: 'bound slack', meaning: '1 − sup/ε', value: 0.002, where: 'instance #2, interval 1, time 6.5' });
    expect(rows[1].controls[0]).toMatchObject({ ok: false, result: 'refuted 0/3 = 0.00 (stated 0.1–0.5, outside)' });
    expect(rows[1].margin?.value).toBe(-0.5);
    expect(rows[2].known).toEqual([{ file: fixturePath, explanation: 'holds only for small α: a documented counterexample' }]);
    expect(claimRows({ nothing: 1 })).toBeNull();
  });

  it('dmf-check check writes the page next to results.json and report.md', async () => {
    const rdir = join(dir, 'check-report');
    const io = { out: '', err: '', stdout: (x: string) => void (io.out += x), stderr: (x: string) => void (io.err += x), stdin: async () => '' };
    expect(await main(['check', '--runs', '2', '--theorem', 'mv.theorem3', '--workers', '1', '--report', rdir], io)).toBe(0);
    const html = readFileSync(join(rdir, 'index.html'), 'utf8');
    expect(html).toMatch(/<table id="claims-table">/);
    expect(html).toContain('<code>mv.theorem3</code>');
    expect(html).toContain('bound slack');
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
    expect(dom).toContain('holds only for small α');
    const png = join(dir, 'shot.png');
    screenshot(browser!, url, png);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(20_000);
  }, 60_000);
});
