#!/usr/bin/env node
/**
 * Builds dist/ from src/ and theorems/ (tsc -p tsconfig.build.json).
 *   node scripts/build.mjs         the package's build (`npm run build`, run by `prepare` and
 *                                  `npm pack`): a clean dist/, no source maps
 *   node scripts/build.mjs --dev   incremental, with source maps (tests and coverage of the
 *                                  spawned CLI)
 * dist/bench links to bench/, so that code locating bench/*.py relative to its own module
 * (`../../bench/` from src/cli/) finds the scripts from dist/src/cli/ too (not packed).
 */
import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync, utimesSync, existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
const dist = join(root, 'dist');
if (!dev) rmSync(dist, { recursive: true, force: true });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), ...(dev ? ['--sourceMap'] : [])], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
} catch (e) {
  process.stderr.write(`build: tsc failed\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  process.exit(1);
}
const link = join(dist, 'bench');
if (!existsSync(link) && !isLink(link)) symlinkSync('../bench', link, 'dir');
// An incremental build with unchanged contents leaves its stamp alone: mark the build as current.
const stamp = join(dist, '.tsbuildinfo');
utimesSync(stamp, new Date(), new Date());

function isLink(p) {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
