/**
 * `dmf-check search --claim ID|CLAIM:CONTROL|GLOB [--claim …] [--budget N | --time S] [--seed S] [--workers K]
 * [--out DIR] [--shard i/n|auto [--shards n]] [--theorems FILE]… [--json]`: hunt for
 * counterexamples of claims (or negative controls), one after the other. See README, "Checking, searching and
 * replaying".
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { ClaimSet, type ClaimRef, globRegExp } from '../search/claims.js';
import { fixtureOf, runSearch, type SearchSummary } from '../search/run.js';
import { parseCount, parseSeed, parseShard } from '../search/seeds.js';
import { preciseRecheck } from '../search/precise.js';
import { writeFixture } from '../fixtures/fixture.js';
import type { CliIo } from './io.js';
import { argumentsError } from './args.js';
import { readInstance } from './instanceInput.js';

export const SEARCH_HELP = `Usage: dmf-check search --claim ID|CLAIM:CONTROL|GLOB [--claim …] [options]

Hunt for counterexamples of claims (or negative controls) on instances drawn from their interior
and boundary arbitraries; each failure is shrunk, re-checked in high precision and written to
DIR/<claim>/<hash>.json (float artefacts under DIR/<claim>/float-artefacts/). Several claims are
searched one after the other, with one summary each and a total.

Options:
  --claim ID            a claim id, CLAIM:CONTROL, or a glob: 'cgmr.*', '*' (claims),
                        'mv.theorem3:*', '*:*' (controls); repeatable (list: dmf-check check --list)
  --budget N            instances to examine per claim in this shard (1 … 1e9; default 200)
  --time S              or: search for S seconds in all, shared evenly by the claims (1 … 604800)
  --seed S              integer 0 … 2^53−1 (default 20261124)
  --workers K           worker threads (1 … 256; default: the number of cores)
  --out DIR             where fixtures go (default fixtures/counterexamples)
  --shard i/n|auto      search shard i of n (auto: Slurm array or Kubernetes Indexed Job variables)
  --shards n            the shard count with --shard auto under a Kubernetes Indexed Job
  --shrink N            property evaluations allowed while shrinking one failure (0 … 10000; default 150)
  --precise-work W      work cap of the long-horizon decimal re-checks: matrix GD Σ steps·N·n³ (default
                        1e6), the erank interval's scalar run steps·n·N (at most 2e6); 0 … 1e9;
                        0: never run them, such findings stay unconfirmed
  --theorems FILE       load claims from a module (repeatable)
  --record FILE         instead of searching: check the one instance in FILE ("-": standard input),
                        re-check a refutation in high precision and keep it as a fixture, with
  --explanation TEXT    the explanation that makes a confirmed counterexample "known" to check
  --json                print the summary as JSON
  -h, --help            this text

Exit status: 0 when the search ran to its budget or time, 130 when interrupted (SIGINT; 143 on
SIGTERM) after printing what it found, 2 on bad usage.
`;

export const MAX_BUDGET = 1_000_000_000;
export const MAX_TIME = 604_800;
export const MAX_WORKERS = 256;

function opts(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        claim: { type: 'string', multiple: true },
        budget: { type: 'string' },
        time: { type: 'string' },
        seed: { type: 'string' },
        workers: { type: 'string' },
        out: { type: 'string' },
        shard: { type: 'string' },
        shards: { type: 'string' },
        shrink: { type: 'string' },
        'precise-work': { type: 'string' },
        theorems: { type: 'string', multiple: true },
        record: { type: 'string' },
        explanation: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    throw argumentsError('search', e);
  }
}

export async function search(args: string[], io: CliIo, isTty = Boolean(process.stderr.isTTY)): Promise<number> {
  const v = opts(args);
  if (v.help) {
    io.stdout(SEARCH_HELP);
    return 0;
  }
  if (!v.claim || v.claim.length === 0) throw new InputError('--claim', 'is required: a claim id or CLAIM:CONTROL (see dmf-check check --list)');
  if (v.record !== undefined) {
    if (v.claim.length !== 1 || v.claim[0].includes('*')) throw new InputError('--claim', 'must name exactly one claim (no glob) with --record');
    const claims = await ClaimSet.load(v.theorems ?? []);
    return record(claims.get(v.claim[0], '--claim'), v.record, v.explanation ?? '', v.out ?? 'fixtures/counterexamples', io);
  }
  if (v.explanation !== undefined) throw new InputError('--explanation', 'goes with --record FILE');
  if (v.budget !== undefined && v.time !== undefined) throw new InputError('--budget', 'give either --budget or --time, not both');
  const budget = v.time !== undefined ? null : v.budget !== undefined ? parseCount(v.budget, '--budget', MAX_BUDGET) : 200;
  const timeSeconds = v.time !== undefined ? parseCount(v.time, '--time', MAX_TIME) : null;
  const seed = v.seed !== undefined ? parseSeed(v.seed) : 20261124;
  const workers = v.workers !== undefined ? parseCount(v.workers, '--workers', MAX_WORKERS) : availableParallelism();
  const shards = v.shards !== undefined ? parseCount(v.shards, '--shards', 1_000_000) : undefined;
  const shard = parseShard(v.shard, shards);
  const shrink = v.shrink !== undefined ? parseCount(v.shrink, '--shrink', 10_000, 0) : undefined;
  const preciseCap = v['precise-work'] !== undefined ? parseCount(v['precise-work'], '--precise-work', 1e9, 0) : undefined;
  const modules = v.theorems ?? [];
  const claims = await ClaimSet.load(modules);
  const addresses = expandClaims(claims, v.claim);
  const multi = addresses.length > 1 || v.claim.some((c) => c.includes('*'));
  const out = v.out ?? 'fixtures/counterexamples';

  const ctl = new AbortController();
  let signalCode = 0;
  const onSig = (code: number) => () => {
    signalCode = code;
    ctl.abort();
  };
  const sigint = onSig(130), sigterm = onSig(143);
  process.on('SIGINT', sigint);
  process.on('SIGTERM', sigterm);
  const summaries: SearchSummary[] = [];
  const start = Date.now();
  try {
    for (let i = 0; i < addresses.length && !ctl.signal.aborted; i++) {
      const address = addresses[i];
      // --time is the whole hunt's: what is left is shared evenly by the claims not yet run.
      const share = timeSeconds === null ? null : Math.max(0.001, (timeSeconds - (Date.now() - start) / 1000) / (addresses.length - i));
      if (multi) io.stderr(`dmf-check search: ${address} (${i + 1}/${addresses.length})${share !== null ? `, ${share.toFixed(1)} s` : ''}\n`);
      let lastLine = 0;
      const t0 = Date.now();
      summaries.push(
        await runSearch(claims, {
          address,
          budget,
          timeSeconds: share,
          seed,
          workers,
          out,
          shard,
          modules,
          shrink,
          preciseCap,
          signal: ctl.signal,
          onProgress: (examined, found) => {
            const now = Date.now();
            if (isTty) {
              const frac = budget !== null ? examined / budget : (now - t0) / (1000 * (share ?? 1));
              const eta = frac > 0 ? ((now - t0) / 1000) * (1 / frac - 1) : NaN;
              io.stderr(`\r\x1b[K${address}: ${examined} instances, ${found} found, ${(100 * Math.min(1, frac)).toFixed(0)}%, ETA ${Number.isFinite(eta) ? `${Math.round(eta)} s` : '?'}`);
            } else if (now - lastLine > 5000) {
              lastLine = now;
              io.stderr(`dmf-check search: ${address}: ${examined} instances, ${found} found\n`);
            }
          },
        }),
      );
    }
  } finally {
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
    if (isTty) io.stderr('\r\x1b[K');
  }
  if (!multi) {
    const summary = summaries[0];
    if (v.json) io.stdout(`${JSON.stringify(compactSummary(summary))}\n`);
    else io.stdout(formatSearch(summary, out, workers));
    return signalCode || 0;
  }
  const total = totalOf(summaries, addresses.length);
  if (v.json) io.stdout(`${JSON.stringify({ claims: summaries.map(compactSummary), notRun: addresses.slice(summaries.length), total })}\n`);
  else io.stdout(`${summaries.map((x) => formatSearch(x, out, workers)).join('')}${formatTotal(total, addresses.slice(summaries.length))}`);
  return signalCode || 0;
}

/**
 * The claim addresses named by the --claim values, in order, each once: an exact address (a claim
 * id or CLAIM:CONTROL), or a glob (`*` any run of characters) over claim ids (`cgmr.*`, `*`) or,
 * when it has a colon, over control addresses (`mv.theorem3:*`, `*:*`). A glob that matches nothing
 * is bad usage.
 */
export function expandClaims(claims: ClaimSet, patterns: string[]): string[] {
  const out: string[] = [];
  const add = (a: string) => {
    if (!out.includes(a)) out.push(a);
  };
  for (const p of patterns) {
    if (!p.includes('*')) {
      add(claims.get(p, '--claim').address);
      continue;
    }
    const re = globRegExp(p);
    const pool = p.includes(':') ? claims.addresses().filter((a) => a.includes(':')) : claims.theorems.map((t) => t.id);
    const hit = pool.filter((a) => re.test(a));
    if (hit.length === 0) throw new InputError('--claim', `${JSON.stringify(p.slice(0, 80))} matches no ${p.includes(':') ? 'control' : 'claim'} (see dmf-check check --list)`);
    hit.forEach(add);
  }
  return out;
}

export interface SearchTotal {
  claims: number;
  run: number;
  examined: number;
  counterexamples: number;
  floatArtefacts: number;
  unconfirmed: number;
  newFixtures: number;
  seconds: number;
  stopped: 'budget' | 'time' | 'interrupted';
}

export function totalOf(s: SearchSummary[], claims: number): SearchTotal {
  const count = (k: string) => s.reduce((a, x) => a + x.findings.filter((f) => f.kind === k).length, 0);
  return {
    claims,
    run: s.length,
    examined: s.reduce((a, x) => a + x.examined, 0),
    counterexamples: count('counterexample'),
    floatArtefacts: count('float-artefact'),
    unconfirmed: count('unconfirmed'),
    newFixtures: s.reduce((a, x) => a + x.findings.filter((f) => !f.duplicate).length, 0),
    seconds: s.reduce((a, x) => a + x.seconds, 0),
    stopped: s.some((x) => x.stopped === 'interrupted') ? 'interrupted' : (s[0]?.stopped ?? 'budget'),
  };
}

export function formatTotal(t: SearchTotal, notRun: string[]): string {
  const lines = [
    `total: ${t.run} of ${t.claims} claims searched, ${t.examined} instances, ${t.seconds.toFixed(1)} s${t.stopped === 'interrupted' ? ', INTERRUPTED' : ''}`,
    `  counterexamples ${t.counterexamples}, float artefacts ${t.floatArtefacts}, unconfirmed ${t.unconfirmed} (${t.newFixtures} new fixture files)`,
  ];
  if (notRun.length) lines.push(`  not run: ${notRun.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `--record FILE`: keep one given instance as a fixture. It must be refuted in float64; the
 * refutation is re-checked in high precision like every search finding (confirmed: kind
 * 'counterexample'; not confirmed: 'float-artefact'; no high-precision observation: 'unconfirmed').
 * With an explanation, a confirmed counterexample of a claim is reported as known by `check`.
 */
async function record(ref: ClaimRef, file: string, explanation: string, out: string, io: CliIo): Promise<number> {
  const inst = await readInstance(ref, file, io);
  const t = ref.theorem;
  const failures = t.hypotheses(inst);
  if (failures.length > 0) throw new InputError('instance', `is outside the hypotheses of ${ref.address}: ${failures.map((f) => f.name).join('; ')}`);
  const prediction = t.predict(inst);
  const observation = t.observe(inst, prediction);
  const verdict = t.verdict(inst, prediction, observation);
  if (verdict.holds || !verdict.certified) {
    io.stderr(`dmf-check: ${ref.address} ${verdict.holds ? 'holds' : 'is inconclusive'} on this instance (margin ${verdict.margin}): nothing to record\n`);
    return 1;
  }
  const precise = preciseRecheck(ref.claim.id, inst, prediction, verdict, t, observation);
  const f = fixtureOf(ref, { address: ref.address, index: -1, original: inst, instance: inst, prediction, observation, verdict, path: '', blockSeed: -1, precise }, { recordedFrom: file === '-' ? 'stdin' : file });
  if (explanation.trim() !== '') f.explanation = explanation;
  const { path, written } = writeFixture(out, f);
  io.stdout(`${JSON.stringify({ path, written, kind: f.kind, precise: f.precise.verdict, margin: verdict.margin })}\n`);
  return 0;
}

export function formatSearch(s: SearchSummary, out: string, workers: number): string {
  const by = (k: string) => s.findings.filter((f) => f.kind === k);
  const lines = [
    `dmf-check search ${s.claim}: ${s.examined} instances (seed ${s.seed}, shard ${s.shard}, ${workers} worker${workers === 1 ? '' : 's'}, ${s.seconds.toFixed(1)} s${s.stopped === 'interrupted' ? ', INTERRUPTED' : ''})`,
    `  holds ${s.counts.holds}, refuted ${s.counts.refuted}, inconclusive ${s.counts.inconclusive}, errors ${s.counts.error}, outside hypotheses ${s.counts['outside-hypotheses']}`,
    `  counterexamples (confirmed in high precision): ${by('counterexample').length}; float artefacts: ${by('float-artefact').length}; unconfirmed (no high-precision re-check): ${by('unconfirmed').length}`,
  ];
  for (const f of s.findings) lines.push(`  ${f.kind.padEnd(14)} #${f.index} margin ${f.margin.toPrecision(3)}${f.duplicate ? ' (already known)' : ''}  ${f.path}`);
  for (const e of s.errors) lines.push(`  error at #${e.index}: ${e.message.slice(0, 160)}`);
  if (s.findings.length) lines.push(`  fixtures in ${out}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The blocks a shard examined, as runs [first, last] of its stride n (shard i of n owns b ≡ i mod n):
 * an hour's hunt examines ~10⁵ blocks, which listed one by one made the JSON summary megabytes long.
 * O(blocks).
 */
export function blockRuns(blocks: readonly number[], stride: number): [number, number][] {
  const runs: [number, number][] = [];
  for (const b of blocks) {
    const last = runs[runs.length - 1];
    if (last !== undefined && b === last[1] + stride) last[1] = b;
    else runs.push([b, b]);
  }
  return runs;
}

function compactSummary<T extends { blocks: number[]; shard: string }>(s: T): Omit<T, 'blocks'> & { blocks: [number, number][] } {
  const stride = Number(s.shard.split('/')[1]) || 1;
  return { ...s, blocks: blockRuns(s.blocks, stride) };
}
