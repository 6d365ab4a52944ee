/**
 * The unit of work of `check` and `search`: one block of instances of one claim address. Pure
 * functions of (address, seed, block): run in-process or in a worker, they give the same result.
 */
import fc from 'fast-check';
import { checkTheorem } from '../../theorems/check.js';
import type { CheckStatus, Verdict } from '../../theorems/types.js';
import type { AnyTheorem, ClaimRef } from './claims.js';
import { preciseRecheck } from './precise.js';
import { blockSeed } from './seeds.js';
import type { PreciseRecheck } from '../fixtures/fixture.js';

/** Instances per block (check). */
export const CHECK_BLOCK = 25;
/** Instances per block (search). */
export const SEARCH_BLOCK = 10;
/** Property evaluations allowed while shrinking one failure (deterministic; no time limit). */
export const SHRINK_BUDGET = 150;

export type StatusCounts = Record<CheckStatus, number>;

export function zeroCounts(): StatusCounts {
  return { holds: 0, refuted: 0, inconclusive: 0, 'outside-hypotheses': 0, error: 0 };
}

export interface CheckBlockResult {
  address: string;
  block: number;
  count: number;
  counts: StatusCounts;
  /** Lowest margin in the block (instances with a verdict), with where. */
  tightest: { margin: number; index: number; instance: unknown; worst: unknown } | null;
  /** Up to 3 instances per non-passing status, for the report. */
  samples: { status: CheckStatus; index: number; instance: unknown; message?: string }[];
  /** Index of the first refuted instance of the block (null: none). */
  firstRefuted: number | null;
}

/** `fc.sample` of block `block` (count ≤ size instances) from the theorem's arbitrary. */
export function blockInstances(arb: fc.Arbitrary<unknown>, seed: number, stream: string, block: number, count: number): unknown[] {
  return fc.sample(arb, { seed: blockSeed(seed, stream, block), numRuns: count });
}

export function runCheckBlock(ref: ClaimRef, seed: number, block: number, count: number): CheckBlockResult {
  const t = ref.theorem;
  // Controls are drawn from the same stream as their claim: the measured fraction is over the claim's instances.
  const stream = ref.claim.id;
  const insts = blockInstances(t.arbitrary(), seed, stream, block, count);
  const counts = zeroCounts();
  let tightest: CheckBlockResult['tightest'] = null;
  const samples: CheckBlockResult['samples'] = [];
  let firstRefuted: number | null = null;
  insts.forEach((inst, i) => {
    const index = block * CHECK_BLOCK + i;
    const r = checkTheorem(t, inst);
    counts[r.status]++;
    if (r.status === 'refuted' && firstRefuted === null) firstRefuted = index;
    if (r.verdict && (tightest === null || r.verdict.margin < tightest.margin)) tightest = { margin: r.verdict.margin, index, instance: inst, worst: r.verdict.worst };
    if (r.status !== 'holds' && r.status !== (ref.control ? 'refuted' : 'holds') && samples.filter((s) => s.status === r.status).length < 3) {
      samples.push({ status: r.status, index, instance: inst, message: r.error ?? (r.failures.length ? r.failures.map((f) => `${f.name}: ${f.quantity} ${f.relation} ${f.bound}`).join('; ') : undefined) });
    }
  });
  return { address: ref.address, block, count: insts.length, counts, tightest, samples, firstRefuted };
}

export interface Finding {
  address: string;
  /** Global instance index in the search stream. */
  index: number;
  original: unknown;
  instance: unknown;
  prediction: unknown;
  observation: unknown;
  verdict: Verdict;
  /** fast-check counterexample path (replayable with the block seed). */
  path: string;
  blockSeed: number;
  precise: PreciseRecheck;
}

export interface SearchBlockResult {
  address: string;
  block: number;
  count: number;
  counts: StatusCounts;
  findings: Finding[];
  /** First messages of instances whose checking threw. */
  errors: { index: number; instance: unknown; message: string }[];
}

/** What the search draws from: the interior and the boundary of the hypotheses, half and half. */
export function searchArbitrary(t: AnyTheorem): fc.Arbitrary<unknown> {
  return fc.oneof(t.arbitrary(), t.boundary());
}

/**
 * Check one search block; shrink each refuted instance with fast-check (replaying its run by path,
 * at most {@link SHRINK_BUDGET} evaluations) and re-check the shrunk one in high precision.
 */
export function runSearchBlock(ref: ClaimRef, seed: number, block: number, count: number, onFinding: (f: Finding) => void = () => {}, shrinkBudget = SHRINK_BUDGET, deadline = Infinity, preciseCap?: number): SearchBlockResult {
  const t = ref.theorem;
  const stream = `search:${ref.address}`;
  const arb = searchArbitrary(t);
  const bseed = blockSeed(seed, stream, block);
  const insts = fc.sample(arb, { seed: bseed, numRuns: count });
  const counts = zeroCounts();
  const findings: Finding[] = [];
  const errors: SearchBlockResult['errors'] = [];
  let examined = 0;
  insts.forEach((inst, i) => {
    // A time-limited search ends within one instance (and its shrinking) of its deadline.
    if (Date.now() >= deadline) return;
    examined++;
    const index = block * SEARCH_BLOCK + i;
    const r = checkTheorem(t, inst);
    counts[r.status]++;
    if (r.status === 'error' && errors.length < 3) errors.push({ index, instance: inst, message: r.error ?? '' });
    if (r.status !== 'refuted') return;
    let evals = 0;
    const prop = fc.property(arb, (x) => {
      if (evals++ >= shrinkBudget || (evals > 1 && Date.now() >= deadline)) return true;
      return checkTheorem(t, x).status !== 'refuted';
    });
    const d = fc.check(prop, { seed: bseed, numRuns: count, path: String(i) });
    const shrunk = d.failed && d.counterexample ? d.counterexample[0] : inst;
    const rs = checkTheorem(t, shrunk);
    const final = rs.status === 'refuted' ? shrunk : inst;
    const prediction = t.predict(final);
    const observation = t.observe(final, prediction);
    const verdict = t.verdict(final, prediction, observation);
    const f: Finding = {
      address: ref.address,
      index,
      original: inst,
      instance: final,
      prediction,
      observation,
      verdict,
      path: final === shrunk ? (d.counterexamplePath ?? String(i)) : String(i),
      blockSeed: bseed,
      precise: safeRecheck(ref, final, prediction, verdict, observation, preciseCap),
    };
    findings.push(f);
    onFinding(f);
  });
  return { address: ref.address, block, count: examined, counts, findings, errors };
}

function safeRecheck(ref: ClaimRef, inst: unknown, pred: unknown, v: Verdict, obs: unknown, preciseCap?: number): PreciseRecheck {
  try {
    return preciseRecheck(ref.claim.id, inst, pred, v, ref.theorem, obs, preciseCap);
  } catch (e) {
    return { method: 'decimal closed form', verdict: 'unavailable', note: `the re-check threw: ${(e as Error).message}` };
  }
}
