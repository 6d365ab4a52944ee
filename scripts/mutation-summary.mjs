#!/usr/bin/env node
/**
 * Merge Stryker JSON reports (mutation-testing-report-schema) into one score per file and overall.
 *
 *   node scripts/mutation-summary.mjs [--json | --markdown] [--allow-stale] report.json ...
 *
 * Narrow configurations and line ranges each write a report that covers part of the code; this
 * merges them mutant by mutant (key: file, start/end position, mutator, replacement). A later
 * argument overrides an earlier one for the same mutant, and a report whose copy of a file's source
 * differs from a later report's drops its older mutants of that file. A file whose source in a
 * report is not the file on disk today is stale: it is left out of the score and listed, unless
 * `--allow-stale`, since a mutant measured on other code says nothing about this code.
 *
 * Score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's "mutation
 * score" over all valid mutants; ignored (marked equivalent in the source), compile and runtime
 * errors are outside it. Exit 0; the numbers are the output.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

const STATUSES = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'Ignored', 'CompileError', 'RuntimeError'];

/** Merge parsed reports (later wins) into { file: { source, mutants: Map<key, mutant> } }. */
export function mergeReports(reports) {
  const files = new Map();
  for (const report of reports) {
    for (const [path, file] of Object.entries(report.files ?? {})) {
      let entry = files.get(path);
      if (!entry || entry.source !== file.source) {
        entry = { source: file.source, mutants: new Map() };
        files.set(path, entry);
      }
      for (const m of file.mutants ?? []) {
        const { start, end } = m.location;
        const key = `${start.line}:${start.column}-${end.line}:${end.column} ${m.mutatorName} ${m.replacement ?? ''}`;
        entry.mutants.set(key, m);
      }
    }
  }
  return files;
}

/** Per-file counts and score; `current(path)` returns today's source or undefined. */
export function summarise(files, current, allowStale = false) {
  const rows = [];
  const stale = [];
  for (const [path, entry] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const today = current(path);
    if (today !== undefined && today !== entry.source && !allowStale) {
      stale.push(path);
      continue;
    }
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
    const survivors = [];
    for (const m of entry.mutants.values()) {
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        survivors.push(`${path}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} (${m.status})`);
      }
    }
    rows.push({ file: path, ...counts, score: score(counts), survivors });
  }
  const total = Object.fromEntries(STATUSES.map((s) => [s, rows.reduce((a, r) => a + r[s], 0)]));
  return { rows, total: { ...total, score: score(total) }, stale };
}

function score(c) {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  return valid === 0 ? null : (100 * detected) / valid;
}

function pct(s) {
  return s === null ? '—' : `${s.toFixed(1)} %`;
}

function main(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const paths = argv.filter((a) => !a.startsWith('--'));
  for (const f of flags) {
    if (!['--json', '--markdown', '--allow-stale', '--help'].includes(f)) {
      console.error(`mutation-summary: unknown option ${f} (use --json, --markdown, --allow-stale)`);
      process.exit(2);
    }
  }
  if (flags.has('--help')) {
    console.log('usage: node scripts/mutation-summary.mjs [--json|--markdown] [--allow-stale] report.json ...');
    return;
  }
  if (paths.length === 0) paths.push('reports/mutation/mutation.json');
  const reports = paths.map((p) => {
    try {
      return JSON.parse(readFileSync(p, 'utf8'));
    } catch (e) {
      console.error(`mutation-summary: report ${p}: ${e.message.split('\n')[0]}`);
      process.exit(2);
    }
  });
  const current = (path) => (existsSync(resolve(path)) ? readFileSync(resolve(path), 'utf8') : undefined);
  const summary = summarise(mergeReports(reports), current, flags.has('--allow-stale'));
  if (flags.has('--json')) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  const head = ['file', 'killed', 'timeout', 'survived', 'no cov.', 'ignored', 'score'];
  const line = (r) => [r.file, r.Killed, r.Timeout, r.Survived, r.NoCoverage, r.Ignored, pct(r.score)];
  const all = [...summary.rows.map(line), line({ file: 'all', ...summary.total })];
  if (flags.has('--markdown')) {
    console.log(`| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |`);
    for (const r of all) console.log(`| ${r.join(' | ')} |`);
  } else {
    const widths = head.map((h, i) => Math.max(h.length, ...all.map((r) => String(r[i]).length)));
    const fmt = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
    console.log(fmt(head));
    for (const r of all) console.log(fmt(r));
  }
  for (const r of summary.rows) for (const s of r.survivors) console.log(`  survivor ${s}`);
  for (const s of summary.stale) console.log(`  stale (source changed since the run, left out): ${s}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
