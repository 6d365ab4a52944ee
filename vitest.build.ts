/**
 * vitest global setup: tests that spawn bin/dmf-check run the compiled CLI in dist/, so rebuild it
 * (tsc -p tsconfig.build.json, incremental) when a source under src/ or theorems/ is newer than the
 * last build. A fresh build takes a few seconds; an up-to-date one costs a directory walk. This
 * development build has source maps (for the coverage of spawned processes, scripts/coverage.mjs);
 * the package's own build (`npm run build`, run by `prepare` and `npm pack`) has none.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = import.meta.dirname;

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

export function build(): void {
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--dev'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    throw new Error(`building dist/ for the CLI tests failed:\n${(e as { stderr?: string }).stderr ?? String(e)}`);
  }
}

export default function buildIfStale(): void {
  const stamp = join(root, 'dist', '.tsbuildinfo');
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : -1;
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'theorems')), statSync(join(root, 'tsconfig.json')).mtimeMs, statSync(join(root, 'tsconfig.build.json')).mtimeMs);
  if (sources > built) build();
}
