#!/usr/bin/env node
/**
 * Throughput of `dmf-check search`, per claim, at 1 and at 2 workers (`npm run throughput`), and the
 * number of fixtures the search finds for every negative control (`--controls`).
 *
 *   node scripts/throughput.mjs [--time S] [--seed S] [--claims GLOB] [--json]
 *       for every claim (or those matching GLOB): `search --claim C --time S --seed SEED
 *       --workers K --out TMP --json` for K = 1 and K = 2 (S = 8 s each by default); prints
 *       instances/s at each K and their ratio (the figure: ≈ 2 on two idle cores). The rate is
 *       examined/seconds of the search's own summary (shrinking and high-precision re-checks of the
 *       rare refutations included, as in a real hunt). 16 claims × 2 × 8 s + start-up ≈ 5 min; both modes together stay under 10 min.
 *   node scripts/throughput.mjs --controls [--budget B] [--shrink N] [--precise-work W] [--limit S] [--json]
 *       one `search --claim '*:*' --budget B --shrink N --precise-work W --workers 2 --json` over
 *       every control (B = 10, N = 20, W = 2e5 by default: fewer shrink steps and a smaller decimal
 *       re-check cap than a real hunt, so that the whole run fits); prints the fixtures found per
 *       control. After --limit S seconds (default 240) it is interrupted (SIGINT): the controls
 *       searched so far are reported and the others listed as not run.
 *
 * Builds dist/ first (node scripts/build.mjs --dev). Output fixtures go to a temporary folder,
 * removed at the end. Machine: the numbers mean something only on an otherwise idle machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const BIN = join(root, 'bin', 'dmf-check');

const { values: o } = parseArgs({
  options: {
    time: { type: 'string', default: '8' },
    seed: { type: 'string', default: '20261124' },
    claims: { type: 'string', default: '*' },
    controls: { type: 'boolean', default: false },
    budget: { type: 'string', default: '10' },
    shrink: { type: 'string', default: '20' },
    'precise-work': { type: 'string', default: '2e5' },
    limit: { type: 'string', default: '240' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (o.help) {
  process.stdout.write('Usage: node scripts/throughput.mjs [--time S] [--seed S] [--claims GLOB] [--json]\n       node scripts/throughput.mjs --controls [--budget B] [--shrink N] [--precise-work W] [--limit S] [--json]\n');
  process.exit(0);
}

/** Run the CLI; with `limit` seconds, SIGINT it then (it prints what it has). */
function cli(args, limit) {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = limit ? setTimeout(() => p.kill('SIGINT'), limit * 1000) : null;
    p.on('close', (code) => {
      if (timer) clearTimeout(timer);
      if (code !== 0 && code !== 130) return fail(new Error(`dmf-check ${args.join(' ')} exited ${code}: ${err.trim().split('\n').pop()}`));
      try {
        done(JSON.parse(out));
      } catch {
        fail(new Error(`dmf-check ${args.join(' ')}: no JSON on stdout (${err.trim().split('\n').pop()})`));
      }
    });
  });
}

function table(rows, cols) {
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) => cols.map((c, i) => String(r[c]).padEnd(w[i])).join('  ');
  return [line(Object.fromEntries(cols.map((c) => [c, c]))), line(Object.fromEntries(cols.map((c, i) => [c, '-'.repeat(w[i])]))), ...rows.map(line)].join('\n');
}

execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--dev'], { cwd: root, stdio: 'inherit' });
const out = mkdtempSync(join(tmpdir(), 'dmf-throughput-'));
const started = Date.now();
try {
  if (!o.controls) {
    const list = JSON.parse(execFileSync(process.execPath, [BIN, 'check', '--list', '--json'], { cwd: root, encoding: 'utf8' }));
    const re = new RegExp(`^${o.claims.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    const claims = list.map((c) => c.id).filter((id) => re.test(id));
    const rows = [];
    for (const claim of claims) {
      const row = { claim };
      for (const k of [1, 2]) {
        const s = await cli(['search', '--claim', claim, '--time', o.time, '--seed', o.seed, '--workers', String(k), '--out', join(out, `w${k}`), '--json']);
        row[`examined@${k}`] = s.examined;
        row[`seconds@${k}`] = Number(s.seconds.toFixed(2));
        row[`inst/s@${k}`] = Number((s.examined / s.seconds).toPrecision(3));
      }
      row.ratio = Number((row['inst/s@2'] / row['inst/s@1']).toFixed(2));
      rows.push(row);
      if (!o.json) process.stderr.write(`${claim}: ${row['inst/s@1']} → ${row['inst/s@2']} instances/s (×${row.ratio})\n`);
    }
    const result = { mode: 'throughput', seed: Number(o.seed), secondsPerRun: Number(o.time), cores: availableParallelism(), node: process.version, claims: rows, wallSeconds: (Date.now() - started) / 1000 };
    if (o.json) process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
    else {
      process.stdout.write(`${table(rows, ['claim', 'inst/s@1', 'inst/s@2', 'ratio', 'examined@1', 'examined@2'])}\n`);
      process.stdout.write(`(search --time ${o.time} s per run, seed ${o.seed}, ${availableParallelism()} cores; ${result.wallSeconds.toFixed(0)} s in all)\n`);
    }
  } else {
    const r = await cli(['search', '--claim', '*:*', '--budget', o.budget, '--shrink', o.shrink, '--precise-work', o['precise-work'], '--seed', o.seed, '--workers', '2', '--out', out, '--json'], Number(o.limit));
    const rows = r.claims.map((s) => ({
      control: s.claim,
      examined: s.examined,
      refuted: s.counts.refuted,
      fixtures: s.findings.length,
      counterexample: s.findings.filter((f) => f.kind === 'counterexample').length,
      'float-artefact': s.findings.filter((f) => f.kind === 'float-artefact').length,
      unconfirmed: s.findings.filter((f) => f.kind === 'unconfirmed').length,
      seconds: Number(s.seconds.toFixed(1)),
      stopped: s.stopped,
    }));
    const result = { mode: 'controls', budget: Number(o.budget), shrink: Number(o.shrink), preciseWork: Number(o['precise-work']), seed: Number(o.seed), controls: rows, notRun: r.notRun, withoutFixture: rows.filter((x) => x.fixtures === 0).map((x) => x.control), wallSeconds: (Date.now() - started) / 1000 };
    if (o.json) process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
    else {
      process.stdout.write(`${table(rows, ['control', 'examined', 'refuted', 'fixtures', 'counterexample', 'float-artefact', 'unconfirmed', 'seconds'])}\n`);
      process.stdout.write(`(budget ${o.budget} per control, shrink ${o.shrink}, precise work ${o['precise-work']}; ${rows.length} controls searched, ${result.withoutFixture.length} without a fixture${r.notRun.length ? `, not run (time limit): ${r.notRun.join(', ')}` : ''}; ${result.wallSeconds.toFixed(0)} s)\n`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
