#!/usr/bin/env node
/**
 * `npm run coverage`: line coverage of src/ by the whole test suite, including the CLI code that
 * runs in spawned `bin/dmf-check` processes (which in-process coverage cannot see), with a gate.
 *
 * 0. Build dist/ with source maps.
 * 1. `vitest run --coverage` measures the test processes (V8 coverage, remapped to the .ts sources)
 *    and writes coverage/coverage-final.json. NODE_V8_COVERAGE is set for the run, so every
 *    process it spawns (bin/dmf-check → the compiled dist/, with source maps) writes raw V8
 *    coverage to coverage/v8-spawned/.
 * 2. Raw files are reduced to the scripts under dist/, and c8 remaps them to src/*.ts
 *    (coverage/spawned/coverage-final.json).
 * 3. Merge by line: the lines that count are vitest's (statements of the sources; comments and
 *    blank lines never count), and a line is covered when either side executed it.
 *
 * Usage: node scripts/coverage.mjs [--min PERCENT] [vitest arguments…]   (default gate 90 %)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
let min = 90;
const i = args.indexOf('--min');
if (i >= 0) {
  min = Number(args[i + 1]);
  args.splice(i, 2);
}
const cov = join(root, 'coverage');
const raw = join(cov, 'v8-spawned');
rmSync(cov, { recursive: true, force: true });
mkdirSync(raw, { recursive: true });

function run(cmd, argv, env = process.env) {
  const r = spawnSync(process.execPath, [cmd, ...argv], { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// 0. A build of dist/ with source maps (the package's own build has none), for step 2.
run(join(root, 'scripts', 'build.mjs'), ['--dev']);

// 1. The test suite, in-process coverage by vitest; spawned processes write raw V8 coverage.
run(join(root, 'node_modules', 'vitest', 'vitest.mjs'), ['run', '--coverage', '--coverage.reporter=json', '--coverage.reporter=text-summary', ...args], {
  ...process.env,
  NODE_V8_COVERAGE: raw,
});

// 2. Keep only the compiled CLI's scripts, then let c8 remap them to the sources.
const dist = pathToFileURL(join(root, 'dist')).href + '/';
let spawned = 0;
let unreadable = 0;
for (const f of readdirSync(raw)) {
  const p = join(raw, f);
  let d;
  try {
    d = JSON.parse(readFileSync(p, 'utf8'));
  } catch {
    // A process killed while V8 wrote its coverage (the tests kill workers and CLI runs on
    // purpose) leaves a truncated file: its lines are not counted, the rest are.
    unreadable++;
    rmSync(p);
    continue;
  }
  d.result = d.result.filter((r) => r.url.startsWith(dist));
  if (d.result.length) spawned++;
  if (d['source-map-cache']) d['source-map-cache'] = Object.fromEntries(Object.entries(d['source-map-cache']).filter(([k]) => k.startsWith(dist)));
  writeFileSync(p, JSON.stringify(d));
}
run(join(root, 'node_modules', 'c8', 'bin', 'c8.js'), ['report', '--temp-directory', raw, '--reports-dir', join(cov, 'spawned'), '--reporter', 'json', '--exclude-after-remap', '--include', 'src/**', '--exclude', '**/*.test.ts']);

// 3. Merge by line.
/** Line → hit count, from istanbul's statement map (a statement counts on its first line). */
function lineHits(fc) {
  const lines = new Map();
  for (const [k, loc] of Object.entries(fc.statementMap)) {
    const l = loc.start.line;
    lines.set(l, Math.max(lines.get(l) ?? 0, fc.s[k] ?? 0));
  }
  return lines;
}
const inProcess = JSON.parse(readFileSync(join(cov, 'coverage-final.json'), 'utf8'));
const spawnedPath = join(cov, 'spawned', 'coverage-final.json');
const children = existsSync(spawnedPath) ? JSON.parse(readFileSync(spawnedPath, 'utf8')) : {};
let total = 0;
let covered = 0;
let coveredByChildrenOnly = 0;
const rows = [];
for (const [file, fc] of Object.entries(inProcess)) {
  const own = lineHits(fc);
  const other = children[file] ? lineHits(children[file]) : new Map();
  let t = 0;
  let c = 0;
  for (const [l, n] of own) {
    t++;
    if (n > 0) c++;
    else if ((other.get(l) ?? 0) > 0) {
      c++;
      coveredByChildrenOnly++;
    }
  }
  total += t;
  covered += c;
  rows.push([relative(root, file), t, c]);
}
const pct = total ? (100 * covered) / total : 100;
rows.sort((a, b) => a[2] / Math.max(1, a[1]) - b[2] / Math.max(1, b[1]));
console.log('\nLeast covered files of src/ (lines, in-process and spawned CLI processes together):');
for (const [f, t, c] of rows.filter((r) => r[1] > 0).slice(0, 8)) console.log(`  ${((100 * c) / t).toFixed(1).padStart(5)} %  ${String(c).padStart(4)}/${String(t).padEnd(4)} ${f}`);
console.log(`\nLines of src/: ${pct.toFixed(2)} % (${covered}/${total}); ${coveredByChildrenOnly} lines covered only by ${spawned} spawned CLI processes${unreadable ? ` (${unreadable} truncated coverage files of killed processes skipped)` : ''}. Gate: ${min} %.`);
writeFileSync(join(cov, 'lines-summary.json'), `${JSON.stringify({ lines: { total, covered, pct, coveredBySpawnedOnly: coveredByChildrenOnly, spawnedProcesses: spawned, gate: min } }, null, 2)}\n`);
if (!(pct >= min)) {
  console.error(`coverage: lines of src/ ${pct.toFixed(2)} % is below the gate of ${min} %`);
  process.exit(1);
}
