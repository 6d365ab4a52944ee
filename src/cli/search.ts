/**
 * `dmf-check search --claim ID|CLAIM:CONTROL [--budget N | --time S] [--seed S] [--workers K]
 * [--out DIR] [--shard i/n|auto [--shards n]] [--theorems FILE]… [--json]`: hunt for
 * counterexamples of one claim (or a negative control). See README, "Checking, searching and
 * replaying".
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { ClaimSet, type ClaimRef } from '../search/claims.js';
import { fixtureOf, runSearch, type SearchSummary } from '../search/run.js';
import { parseCount, parseSeed, parseShard } from '../search/seeds.js';
import { preciseRecheck } from '../search/precise.js';
import { writeFixture } from '../fixtures/fixture.js';
import type { CliIo } from './io.js';
import { argumentsError } from './args.js';
import { readInstance } from './instanceInput.js';

export const SEARCH_HELP = `Usage: dmf-check search --claim ID|CLAIM:CONTROL [options]

Hunt for counterexamples of one claim (or negative control) on instances drawn from its interior
and boundary arbitraries; each failure is shrunk, re-checked in high precision and written to
DIR/<claim>/<hash>.json (float artefacts under DIR/<claim>/float-artefacts/).

Options:
  --claim ID            a claim id or CLAIM:CONTROL (list: dmf-check check --list)
  --budget N            instances to examine in this shard (1 … 1e9; default 200)
  --time S              or: search for S seconds (1 … 604800)
  --seed S              integer 0 … 2^53−1 (default 20261124)
  --workers K           worker threads (1 … 256; default: the number of cores)
  --out DIR             where fixtures go (default fixtures/counterexamples)
  --shard i/n|auto      search shard i of n (auto: Slurm array or Kubernetes Indexed Job variables)
  --shards n            the shard count with --shard auto under a Kubernetes Indexed Job
  --shrink N            property evaluations allowed while shrinking one failure (0 … 10000; default 150)
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
        claim: { type: 'string' },
        budget: { type: 'string' },
        time: { type: 'string' },
        seed: { type: 'string' },
        workers: { type: 'string' },
        out: { type: 'string' },
        shard: { type: 'string' },
        shards: { type: 'string' },
        shrink: { type: 'string' },
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
  if (!v.claim) throw new InputError('--claim', 'is required: a claim id or CLAIM:CONTROL (see dmf-check check --list)');
  if (v.record !== undefined) {
    const claims = await ClaimSet.load(v.theorems ?? []);
    return record(claims.get(v.claim, '--claim'), v.record, v.explanation ?? '', v.out ?? 'fixtures/counterexamples', io);
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
  const modules = v.theorems ?? [];
  const claims = await ClaimSet.load(modules);
  claims.get(v.claim, '--claim');
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
  let lastLine = 0;
  const t0 = Date.now();
  let summary: SearchSummary;
  try {
    summary = await runSearch(claims, {
      address: v.claim,
      budget,
      timeSeconds,
      seed,
      workers,
      out,
      shard,
      modules,
      shrink,
      signal: ctl.signal,
      onProgress: (examined, found) => {
        const now = Date.now();
        if (isTty) {
          const frac = budget !== null ? examined / budget : (now - t0) / (1000 * (timeSeconds ?? 1));
          const eta = frac > 0 ? ((now - t0) / 1000) * (1 / frac - 1) : NaN;
          io.stderr(`\r\x1b[K${v.claim}: ${examined} instances, ${found} found, ${(100 * Math.min(1, frac)).toFixed(0)}%, ETA ${Number.isFinite(eta) ? `${Math.round(eta)} s` : '?'}`);
        } else if (now - lastLine > 5000) {
          lastLine = now;
          io.stderr(`dmf-check search: ${v.claim}: ${examined} instances, ${found} found\n`);
        }
      },
    });
  } finally {
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
    if (isTty) io.stderr('\r\x1b[K');
  }
  if (v.json) io.stdout(`${JSON.stringify(summary)}\n`);
  else io.stdout(formatSearch(summary, out, workers));
  return signalCode || 0;
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
