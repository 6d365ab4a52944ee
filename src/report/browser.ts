/** Finds a headless Chromium from the system packages (Debian: chromium-headless-shell or chromium); never downloads one. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['chromium-headless-shell', 'chromium', 'chromium-browser', 'google-chrome'];

export function findBrowser(): string | null {
  if (process.env.DMF_CHECK_BROWSER && existsSync(process.env.DMF_CHECK_BROWSER)) return process.env.DMF_CHECK_BROWSER;
  for (const c of CANDIDATES) {
    const r = spawnSync('sh', ['-c', `command -v ${c}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--allow-file-access-from-files'];

/** The DOM after the page loaded (Chromium's --dump-dom). */
export function dumpDom(browser: string, url: string): string {
  const r = spawnSync(browser, [...FLAGS, '--dump-dom', url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${browser} --dump-dom failed (${r.status}): ${r.stderr.slice(0, 300)}`);
  return r.stdout;
}

export function screenshot(browser: string, url: string, png: string, size = '1400,2000'): void {
  const r = spawnSync(browser, [...FLAGS, `--window-size=${size}`, `--screenshot=${png}`, url], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${browser} --screenshot failed (${r.status}): ${r.stderr.slice(0, 300)}`);
}
