/**
 * `dmf-check check [--runs N] [--seed S] [--theorem ID] [--json]`: every registered theorem on N
 * instances drawn from its arbitrary (fixed seed: the same instances every run), and each of its
 * negative controls until refuted (budget N). Progress on standard error (when it is a terminal),
 * a summary table (or JSON) on standard output. Exit 0 when every claim holds and every negative
 * control is refuted, 1 otherwise.
 */
import fc from 'fast-check';
import { InputError } from '../errors.js';
import { checkTheorem } from '../../theorems/check.js';
import { THEOREMS } from '../../theorems/registry.js';
import type { Theorem } from '../../theorems/types.js';
import type { CliIo } from './io.js';

export interface ClaimSummary {
  id: string;
  title: string;
  source: string;
  tag: string;
  instances: number;
  holds: number;
  refuted: number;
  outsideHypotheses: number;
  /** Verdicts whose observation could not be certified (never counted as holding). */
  inconclusive: number;
  /** Instances on which checking threw (each reported in `errors`; the run goes on). */
  errors: { instance: unknown; message: string }[];
  minMargin: number | null;
  worst: unknown;
  controls: { name: string; description: string; refutedAfter: number | null }[];
  seconds: number;
}

function parseArgs(args: string[]): { runs: number; seed: number; theorem?: string; json: boolean } {
  const out = { runs: 100, seed: 20261124, theorem: undefined as string | undefined, json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const num = (name: string) => {
      const v = Number(args[++i]);
      if (!Number.isInteger(v) || v < 1) throw new InputError(name, 'must be a positive integer');
      return v;
    };
    if (a === '--runs') out.runs = num('--runs');
    else if (a === '--seed') out.seed = num('--seed');
    else if (a === '--theorem') out.theorem = args[++i];
    else if (a === '--json') out.json = true;
    else throw new InputError('arguments', `unknown check option ${JSON.stringify(a)} (options: --runs N, --seed S, --theorem ID, --json)`);
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function summarize(t: Theorem<any, any, any>, runs: number, seed: number, tick: () => void = () => {}): ClaimSummary {
  const start = performance.now();
  const s: ClaimSummary = {
    id: t.id,
    title: t.title,
    source: `[${t.source.paper}] ${t.source.label}`,
    tag: t.tag,
    instances: runs,
    holds: 0,
    refuted: 0,
    outsideHypotheses: 0,
    inconclusive: 0,
    errors: [],
    minMargin: null,
    worst: null,
    controls: [],
    seconds: 0,
  };
  for (const inst of fc.sample(t.arbitrary(), { seed, numRuns: runs })) {
    const r = checkTheorem(t, inst);
    if (r.status === 'outside-hypotheses') s.outsideHypotheses++;
    else if (r.status === 'holds') s.holds++;
    else if (r.status === 'refuted') s.refuted++;
    else if (r.status === 'inconclusive') s.inconclusive++;
    else s.errors.push({ instance: inst, message: r.error ?? 'unknown error' });
    if (r.verdict) {
      if (s.minMargin === null || r.verdict.margin < s.minMargin) {
        s.minMargin = r.verdict.margin;
        s.worst = { instance: inst, at: r.verdict.worst };
      }
    }
    tick();
  }
  for (const c of t.negativeControls.filter((x) => x.kind === 'gross')) { // near misses: refuted on a fraction only (properties/)
    let refutedAfter: number | null = null;
    const sample = fc.sample(c.theorem.arbitrary(), { seed: seed + 1, numRuns: runs });
    for (let k = 0; k < sample.length; k++) {
      if (checkTheorem(c.theorem, sample[k]).status === 'refuted') {
        refutedAfter = k + 1;
        break;
      }
    }
    s.controls.push({ name: c.name, description: c.description, refutedAfter });
  }
  s.seconds = (performance.now() - start) / 1000;
  return s;
}

export function checkOk(s: ClaimSummary): boolean {
  return s.refuted === 0 && s.outsideHypotheses === 0 && s.inconclusive === 0 && s.errors.length === 0 && s.controls.every((c) => c.refutedAfter !== null);
}

export async function check(args: string[], io: CliIo, isTty = Boolean(process.stderr.isTTY)): Promise<number> {
  const o = parseArgs(args);
  const list = o.theorem ? THEOREMS.filter((t) => t.id === o.theorem) : THEOREMS;
  if (list.length === 0) throw new InputError('--theorem', `must be one of ${THEOREMS.map((t) => t.id).join(', ')}`);
  const total = list.length * o.runs;
  let done = 0;
  const bar = (label: string) => {
    if (!isTty) return;
    const w = 30, f = Math.round((w * done) / total);
    io.stderr(`\r[${'#'.repeat(f)}${'.'.repeat(w - f)}] ${String(done).padStart(String(total).length)}/${total} ${label.padEnd(24)}`);
  };
  const summaries = list.map((t) => summarize(t, o.runs, o.seed, () => {
    done++;
    bar(t.id);
  }));
  if (isTty) io.stderr('\r\x1b[K');
  const ok = summaries.every(checkOk);
  if (o.json) {
    io.stdout(`${JSON.stringify({ seed: o.seed, runs: o.runs, ok, theorems: summaries })}\n`);
    return ok ? 0 : 1;
  }
  const lines = [`dmf-check: ${list.length} theorems × ${o.runs} instances (seed ${o.seed}); negative controls must be refuted within ${o.runs}`, ''];
  lines.push('  theorem            source                                   holds  refuted  min margin  negative controls');
  for (const s of summaries) {
    const controls = s.controls.map((c) => `${c.name}: ${c.refutedAfter === null ? 'NOT REFUTED' : `refuted@${c.refutedAfter}`}`).join(', ');
    lines.push(
      `${checkOk(s) ? '✓' : '✗'} ${s.id.padEnd(18)} ${s.source.slice(0, 40).padEnd(40)} ${String(s.holds).padStart(5)} ${String(s.refuted).padStart(8)} ${(s.minMargin === null ? '—' : s.minMargin.toFixed(4)).padStart(11)}  ${controls}`,
    );
  }
  lines.push('', ok ? 'All claims hold on every instance; every negative control was refuted.' : 'Some claim failed or some negative control was not refuted: see the rows marked ✗ (and --json for the instances).');
  io.stdout(`${lines.join('\n')}\n`);
  return ok ? 0 : 1;
}
