/**
 * `dmf-check check`: every selected claim on N seeded instances of its arbitrary, and each of its
 * negative controls on N instances (the measured fraction refuted, against the stated one), on K
 * worker threads; a summary table (or JSON) on standard output, a report (JSON + Markdown) in
 * `--report DIR`. `--instance FILE|-` checks one instance. See `dmf-check check --help`.
 *
 * Results do not depend on K: instance j of a claim is fixed by (seed, claim, j)
 * (src/search/seeds.ts), and per-claim aggregates are order-independent (ties broken by index).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { knownCounterexamples } from '../fixtures/replay.js';
import { CHECK_BLOCK, type CheckBlockResult, type StatusCounts, zeroCounts } from '../search/blocks.js';
import { type AnyTheorem, ClaimSet } from '../search/claims.js';
import { runTasks, type PoolTask } from '../search/pool.js';
import { packageVersion } from '../version.js';
import { parseCount, parseSeed } from '../search/seeds.js';
import { checkTheorem } from '../../theorems/check.js';
import type { CliIo } from './io.js';
import { argumentsError } from './args.js';
import { readInstance } from './instanceInput.js';

export const MAX_RUNS = 1_000_000;
export const MAX_WORKERS = 256;
export const DEFAULT_SEED = 20261124;

export const CHECK_HELP = `Usage: dmf-check check [options]

Check every claim (or the selected ones) on N seeded instances of its arbitrary, and each of its
negative controls on N instances (measured fraction refuted vs the stated one).

Options:
  --theorem ID          select claims (repeatable; * globs, e.g. 'mv.*')
  --runs N              instances per claim and per control (1 … ${MAX_RUNS}; default 100)
  --seed S              integer 0 … 2^53−1 (default ${DEFAULT_SEED}); one seed, one result
  --workers K           worker threads (1 … ${MAX_WORKERS}; default: the number of cores); result independent of K
  --json                the results as JSON on standard output (no timings unless --timings)
  --timings             include seconds per claim in --json
  --report DIR          write DIR/results.json, DIR/report.md and the page DIR/index.html (default report/)
  --no-report           do not write the report
  --fixtures DIR        known counterexamples (default fixtures/counterexamples)
  --theorems FILE       also load claims from a module exporting Theorem objects (repeatable)
  --instance FILE|-     check one instance (JSON) of the single --theorem ID; prints
                        {theorem, status, failures, prediction, observation, verdict}
  --list                list claims and controls (with --json: [{id, paper, tag, controls}])
  -h, --help            this text

Exit status: 0 when every claim holds on every instance (inconclusive and errors are not passes)
and every control is refuted at least once; claims with a recorded, explained counterexample in
--fixtures are reported as known and do not fail the run; 1 otherwise; 2 on bad usage; 130 when
interrupted (the claims completed so far are summarised).
`;

export interface ControlSummary {
  name: string;
  kind: string;
  description: string;
  instances: number;
  refuted: number;
  /** refuted / instances. */
  fraction: number;
  stated: [number, number] | null;
  /** Whether the measured fraction is consistent with the stated one (95 % Wilson interval meets it). */
  withinStated: boolean | null;
  /** Index of the first refuted instance (null: never refuted). */
  firstRefutedAt: number | null;
  inconclusive: number;
  errors: number;
  outsideHypotheses: number;
}

export interface ClaimSummary {
  id: string;
  title: string;
  source: string;
  tag: string;
  instances: number;
  holds: number;
  refuted: number;
  inconclusive: number;
  errors: { index: number; instance: unknown; message: string }[];
  /** The first instances (up to 3) drawn outside the hypotheses, with the failing hypotheses: a generator bug. */
  outside: { index: number; instance: unknown; failures: string }[];
  /** The first inconclusive (uncertified) instances, up to 3. */
  inconclusiveSamples: { index: number; instance: unknown }[];
  errorCount: number;
  outsideHypotheses: number;
  margin: { name: string; meaning: string; tightest: number | null; where: { index: number; worst: unknown; instance: unknown } | null };
  /** First refuted instances (up to 3). */
  refutations: { index: number; instance: unknown }[];
  /** Known counterexample fixtures (explained): refutations of this claim do not fail the run. */
  known: string[];
  controls: ControlSummary[];
  seconds?: number;
}

interface Acc {
  counts: StatusCounts;
  instances: number;
  tightest: CheckBlockResult['tightest'];
  samples: CheckBlockResult['samples'];
  blocksDone: number;
  blocks: number;
  firstRefuted: number | null;
}

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        theorem: { type: 'string', multiple: true },
        runs: { type: 'string' },
        seed: { type: 'string' },
        workers: { type: 'string' },
        json: { type: 'boolean' },
        timings: { type: 'boolean' },
        report: { type: 'string' },
        'no-report': { type: 'boolean' },
        fixtures: { type: 'string' },
        theorems: { type: 'string', multiple: true },
        instance: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    throw argumentsError('check', e);
  }
}

/**
 * A control does its job when a verdict refuted it at least once; a near miss with a stated fraction
 * also when N is too small for that fraction to require a refutation (0 refutations of N still
 * consistent with it at 95 %: e.g. a 0.2-fraction near miss in 4 instances). At the default
 * N = 100, 0 refutations are inconsistent with any stated fraction above 0.037.
 */
export function controlOk(c: ControlSummary): boolean {
  return c.refuted > 0 || (c.kind === 'near-miss' && c.withinStated === true);
}

export function checkOk(s: ClaimSummary): boolean {
  return (s.refuted === 0 || s.known.length > 0) && s.inconclusive === 0 && s.errorCount === 0 && s.outsideHypotheses === 0 && s.controls.every(controlOk);
}

export function fmt(x: number | null): string {
  if (x === null) return '—';
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e5 ? x.toExponential(2) : x.toPrecision(3);
}

/**
 * Whether k refutations in n instances are consistent with the stated fraction [low, high]: the
 * two-sided 95 % Wilson interval of k/n meets it. (The stated range is measured at the properties'
 * seed and run count; another seed or run count draws other instances, so the fraction itself
 * moves by sampling alone: only an interval that excludes the range is reported as OUTSIDE.)
 */
export function consistentWithStated(k: number, n: number, [low, high]: [number, number]): boolean {
  if (n === 0) return true;
  const z = 1.959964, p = k / n, z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return centre - half <= high && centre + half >= low;
}

function finalize(t: AnyTheorem, acc: Map<string, Acc>, known: string[], seconds: number): ClaimSummary {
  const a = acc.get(t.id)!;
  const samples = [...a.samples].sort((x, y) => x.index - y.index);
  const controls = t.negativeControls.map((c): ControlSummary => {
    const ca = acc.get(`${t.id}:${c.name}`)!;
    const fraction = ca.instances ? ca.counts.refuted / ca.instances : 0;
    const stated = c.refutedFraction ?? null;
    return {
      name: c.name,
      kind: c.kind,
      description: c.description,
      instances: ca.instances,
      refuted: ca.counts.refuted,
      fraction,
      stated,
      withinStated: stated ? consistentWithStated(ca.counts.refuted, ca.instances, stated) : null,
      firstRefutedAt: ca.firstRefuted,
      inconclusive: ca.counts.inconclusive,
      errors: ca.counts.error,
      outsideHypotheses: ca.counts['outside-hypotheses'],
    };
  });
  return {
    id: t.id,
    title: t.title,
    source: `[${t.source.paper}] ${t.source.label}`,
    tag: t.tag,
    instances: a.instances,
    holds: a.counts.holds,
    refuted: a.counts.refuted,
    inconclusive: a.counts.inconclusive,
    errors: samples.filter((s) => s.status === 'error').map((s) => ({ index: s.index, instance: s.instance, message: s.message ?? '' })),
    outside: samples.filter((s) => s.status === 'outside-hypotheses').map((s) => ({ index: s.index, instance: s.instance, failures: s.message ?? '' })),
    inconclusiveSamples: samples.filter((s) => s.status === 'inconclusive').map((s) => ({ index: s.index, instance: s.instance })),
    errorCount: a.counts.error,
    outsideHypotheses: a.counts['outside-hypotheses'],
    margin: {
      name: t.margin?.name ?? 'margin',
      meaning: t.margin?.meaning ?? '',
      tightest: a.tightest?.margin ?? null,
      where: a.tightest ? { index: a.tightest.index, worst: a.tightest.worst, instance: a.tightest.instance } : null,
    },
    refutations: samples.filter((s) => s.status === 'refuted').map((s) => ({ index: s.index, instance: s.instance })),
    known,
    controls,
    seconds,
  };
}

/** Run the selected claims and controls; `onClaim` is called as each claim completes. */
export async function runCheck(
  claims: ClaimSet,
  list: AnyTheorem[],
  o: { runs: number; seed: number; workers: number; modules: string[]; fixtures: string; signal?: AbortSignal },
  progress: (done: number, total: number, label: string) => void = () => {},
  onClaim: (s: ClaimSummary) => void = () => {},
): Promise<ClaimSummary[]> {
  const known = knownCounterexamples(o.fixtures, claims);
  const blocks = Math.ceil(o.runs / CHECK_BLOCK);
  const acc = new Map<string, Acc>();
  const tasks: PoolTask[] = [];
  const start = new Map<string, number>();
  for (const t of list) {
    for (const address of [t.id, ...t.negativeControls.map((c) => `${t.id}:${c.name}`)]) {
      acc.set(address, { counts: zeroCounts(), instances: 0, tightest: null, samples: [], blocksDone: 0, blocks, firstRefuted: null });
      for (let b = 0; b < blocks; b++) tasks.push({ kind: 'check', address, seed: o.seed, block: b, count: Math.min(CHECK_BLOCK, o.runs - b * CHECK_BLOCK) });
    }
  }
  const total = tasks.reduce((s, t) => s + t.count, 0);
  let done = 0, k = 0;
  const summaries = new Map<string, ClaimSummary>();
  const claimOf = (address: string) => list.find((t) => t.id === address.split(':')[0])!;
  await runTasks(() => {
    const t = tasks[k++] ?? null;
    if (t && !start.has(t.address.split(':')[0])) start.set(t.address.split(':')[0], performance.now());
    return t;
  }, o.workers, claims, o.modules, {
    signal: o.signal,
    onDone: (task, r) => {
      const res = r as CheckBlockResult;
      const a = acc.get(task.address)!;
      a.instances += res.count;
      for (const key of Object.keys(res.counts) as (keyof StatusCounts)[]) a.counts[key] += res.counts[key];
      const tt = res.tightest;
      if (tt && (a.tightest === null || tt.margin < a.tightest.margin || (tt.margin === a.tightest.margin && tt.index < a.tightest.index))) a.tightest = tt;
      a.samples.push(...res.samples);
      a.samples.sort((x, y) => x.index - y.index);
      const keep: typeof a.samples = [];
      for (const s of a.samples) if (keep.filter((x) => x.status === s.status).length < 3) keep.push(s);
      a.samples = keep;
      if (task.address.includes(':') && res.counts.refuted > 0) {
        const first = res.firstRefuted;
        if (first !== null && (a.firstRefuted === null || first < a.firstRefuted)) a.firstRefuted = first;
      }
      a.blocksDone++;
      done += res.count;
      progress(done, total, task.address);
      const t = claimOf(task.address);
      const addrs = [t.id, ...t.negativeControls.map((c) => `${t.id}:${c.name}`)];
      if (!summaries.has(t.id) && addrs.every((x) => acc.get(x)!.blocksDone === blocks)) {
        const s = finalize(t, acc, known.get(t.id) ?? [], (performance.now() - (start.get(t.id) ?? 0)) / 1000);
        summaries.set(t.id, s);
        onClaim(s);
      }
    },
    onError: (task, message) => {
      const a = acc.get(task.address)!;
      a.counts.error += task.count;
      a.instances += task.count;
      a.samples.push({ status: 'error', index: task.block * CHECK_BLOCK, instance: null, message: `block failed: ${message}` });
      a.blocksDone++;
    },
  });
  return list.filter((t) => summaries.has(t.id)).map((t) => summaries.get(t.id)!);
}

function table(summaries: ClaimSummary[], header: string, ok: boolean | null): string {
  const lines = [header, ''];
  lines.push('  claim                     held/inst  refuted incon. errors outside  tightest margin (name)');
  for (const s of summaries) {
    const id = s.id.length > 24 ? `${s.id.slice(0, 23)}…` : s.id;
    const mark = checkOk(s) ? (s.refuted > 0 ? '~' : '✓') : '✗';
    const held = `${s.holds}/${s.instances}`;
    lines.push(
      `${mark} ${id.padEnd(24)} ${held.padStart(10)} ${String(s.refuted).padStart(8)} ${String(s.inconclusive).padStart(6)} ${String(s.errorCount).padStart(6)} ${String(s.outsideHypotheses).padStart(7)}  ${fmt(s.margin.tightest)} (${s.margin.name})`.slice(0, 100),
    );
    if (s.known.length) lines.push(`    known counterexample${s.known.length > 1 ? 's' : ''}: ${s.known.length} (explained; see the report)`);
    for (const c of s.controls) {
      const stated = c.stated ? ` (stated ${c.stated[0]}–${c.stated[1]}${c.withinStated ? '' : ', OUTSIDE'})` : '';
      const line = `    control ${c.name} (${c.kind}): refuted ${c.refuted}/${c.instances} = ${c.fraction.toFixed(2)}${stated}${c.refuted === 0 ? '  NOT REFUTED' : ''}`;
      lines.push(line.length > 100 ? `${line.slice(0, 99)}…` : line);
    }
  }
  if (ok !== null) {
    lines.push('', ok ? 'All claims hold on every instance (~: a known counterexample); every control was refuted.' : 'Some claim failed or some control was not refuted: rows marked ✗ (details in the report).');
  }
  return `${lines.join('\n')}\n`;
}

export function markdownReport(r: { seed: number; runs: number; ok: boolean; theorems: ClaimSummary[]; version: string }): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [
    `# dmf-check report`,
    '',
    `dmf-check ${r.version}; seed ${r.seed}; ${r.runs} instances per claim and per control. Overall: **${r.ok ? 'OK' : 'FAILED'}**.`,
    '',
    '| claim | source | tag | instances | held | refuted | inconclusive | errors | outside hypotheses | tightest margin (name) | where | controls (kind: measured fraction refuted vs stated) | known counterexamples | time (s) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of r.theorems) {
    const where = s.margin.where ? `instance #${s.margin.where.index} at ${esc(JSON.stringify(s.margin.where.worst))}` : '—';
    const controls = s.controls.map((c) => `${esc(c.name)} (${c.kind}): ${c.refuted}/${c.instances} = ${c.fraction.toFixed(3)}${c.stated ? ` vs [${c.stated[0]}, ${c.stated[1]}]${c.withinStated ? '' : ' **outside**'}` : ''}`).join('<br>');
    out.push(`| ${checkOk(s) ? '' : '✗ '}${s.id} | ${esc(s.source)} | ${s.tag} | ${s.instances} | ${s.holds} | ${s.refuted} | ${s.inconclusive} | ${s.errorCount} | ${s.outsideHypotheses} | ${fmt(s.margin.tightest)} (${esc(s.margin.name)}) | ${where} | ${controls} | ${s.known.length ? s.known.map(esc).join('<br>') : '—'} | ${s.seconds?.toFixed(2) ?? '—'} |`);
  }
  out.push('', '## Margins', '');
  for (const s of r.theorems) out.push(`- **${s.id}** — ${s.margin.name}: ${s.margin.meaning}`);
  const bad = r.theorems.filter((s) => s.errors.length || s.refutations.length);
  if (bad.length) {
    out.push('', '## Refutations and errors (first instances)', '');
    for (const s of bad) {
      for (const x of s.refutations) out.push(`- ${s.id} refuted on #${x.index}: \`${JSON.stringify(x.instance)}\``);
      for (const x of s.errors) out.push(`- ${s.id} error on #${x.index}: ${x.message} — \`${JSON.stringify(x.instance)}\``);
    }
  }
  return `${out.join('\n')}\n`;
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

async function checkInstance(claims: ClaimSet, ids: string[], file: string, io: CliIo): Promise<number> {
  if (ids.length !== 1 || ids[0].includes('*')) throw new InputError('--theorem', 'exactly one claim id (no glob) is required with --instance');
  const ref = claims.get(ids[0], '--theorem');
  const inst = await readInstance(ref, file, io);
  const r = checkTheorem(ref.theorem, inst);
  if (r.status === 'error') {
    // The instance has the right shape and meets the hypotheses, but the checker threw: a limitation
    // (or bug) of the checker on this instance, reported as such (exit 1), not as bad input.
    io.stdout(`${JSON.stringify({ theorem: ref.address, status: 'error', failures: [], prediction: null, observation: null, verdict: null, error: r.error })}\n`);
    return 1;
  }
  let prediction: unknown = null, observation: unknown = null;
  if (r.status !== 'outside-hypotheses') {
    prediction = ref.theorem.predict(inst);
    observation = ref.theorem.observe(inst, prediction);
  }
  const { encodeExact } = await import('../fixtures/encode.js');
  io.stdout(`${JSON.stringify(encodeExact({ theorem: ref.address, status: r.status, failures: r.failures, prediction, observation, verdict: r.verdict }))}\n`);
  return r.status === 'holds' || r.status === 'outside-hypotheses' ? 0 : 1;
}

export async function check(args: string[], io: CliIo, isTty = Boolean(process.stderr.isTTY)): Promise<number> {
  const v = options(args);
  if (v.help) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  const runs = v.runs !== undefined ? parseCount(v.runs, '--runs', MAX_RUNS) : 100;
  const seed = v.seed !== undefined ? parseSeed(v.seed) : DEFAULT_SEED;
  const workers = v.workers !== undefined ? parseCount(v.workers, '--workers', MAX_WORKERS) : availableParallelism();
  const modules = v.theorems ?? [];
  const claims = await ClaimSet.load(modules);
  if (v.list) {
    const items = claims.theorems.map((t) => ({ id: t.id, paper: t.source.paper, tag: t.tag, controls: t.negativeControls.map((c) => `${t.id}:${c.name}`) }));
    io.stdout(v.json ? `${JSON.stringify(items)}\n` : items.map((i) => `${i.id} [${i.paper}, ${i.tag}]\n${i.controls.map((c) => `  ${c}\n`).join('')}`).join(''));
    return 0;
  }
  if (v.instance !== undefined) return checkInstance(claims, v.theorem ?? [], v.instance, io);
  const list = claims.select(v.theorem ?? []);
  const fixtures = v.fixtures ?? 'fixtures/counterexamples';

  const ctl = new AbortController();
  const onSig = () => ctl.abort();
  process.on('SIGINT', onSig);
  const t0 = performance.now();
  let lastLine = 0, barShown = false;
  const progress = (done: number, total: number, label: string) => {
    if (!isTty) return;
    const w = 24, f = Math.round((w * done) / total);
    const el = (performance.now() - t0) / 1000;
    const eta = done > 0 ? (el * (total - done)) / done : NaN;
    io.stderr(`\r\x1b[K[${'#'.repeat(f)}${'.'.repeat(w - f)}] ${done}/${total} ${Math.round((100 * done) / total)}% ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '?'} ${label.slice(0, 30)}`);
    barShown = true;
  };
  const onClaim = (s: ClaimSummary) => {
    if (isTty) return;
    const now = performance.now();
    if (now - lastLine >= 0) {
      lastLine = now;
      io.stderr(`dmf-check check: ${s.id} done (${s.instances} instances, ${checkOk(s) ? 'ok' : 'FAILED'})\n`);
    }
  };
  let summaries: ClaimSummary[];
  try {
    summaries = await runCheck(claims, list, { runs, seed, workers, modules, fixtures, signal: ctl.signal }, progress, onClaim);
  } finally {
    process.off('SIGINT', onSig);
    if (barShown) io.stderr('\r\x1b[K');
  }
  const interrupted = ctl.signal.aborted;
  const ok = !interrupted && summaries.every(checkOk);
  const version = packageVersion();
  if (!interrupted && v['no-report'] !== true) {
    const dir = v.report ?? 'report';
    try {
      mkdirSync(dir, { recursive: true });
      writeAtomic(join(dir, 'results.json'), `${JSON.stringify({ version, seed, runs, ok, theorems: summaries })}\n`);
      writeAtomic(join(dir, 'report.md'), markdownReport({ seed, runs, ok, theorems: summaries, version }));
      const [{ writeReportPage }, { claimRows }] = await Promise.all([import('../report/html.js'), import('../report/rows.js')]);
      writeReportPage(dir, claimRows, `dmf-check ${version}: ${runs} instances per claim, seed ${seed}`);
    } catch (e) {
      throw new InputError('--report', `cannot write ${JSON.stringify(dir)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  if (v.json) {
    const th = v.timings ? summaries : summaries.map(({ seconds: _s, ...rest }) => rest);
    io.stdout(`${JSON.stringify({ version, seed, runs, ok, interrupted, theorems: th })}\n`);
  } else {
    const head = interrupted
      ? `dmf-check: INTERRUPTED — ${summaries.length} of ${list.length} claims completed (seed ${seed}, ${runs} instances each)`
      : `dmf-check: ${list.length} claims × ${runs} instances, controls on ${runs} each (seed ${seed})`;
    io.stdout(table(summaries, head, interrupted ? null : ok));
  }
  if (interrupted) return 130;
  return ok ? 0 : 1;
}
