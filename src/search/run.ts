/**
 * The counterexample search: blocks of a claim's search stream (src/search/seeds.ts), owned by
 * this shard, run on a worker pool; every refuted instance is shrunk, re-checked in high precision
 * and written at once as a fixture (atomic, deduplicated by the canonical-instance hash).
 */
import { packageVersion } from '../version.js';
import fc from 'fast-check';
import { canonicalHash, encodeExact, encodeNumber } from '../fixtures/encode.js';
import { FIXTURE_FORMAT, type Fixture, type FixtureKind, writeFixture } from '../fixtures/fixture.js';
import type { ClaimRef, ClaimSet } from './claims.js';
import { type Finding, SEARCH_BLOCK, SHRINK_BUDGET, type SearchBlockResult, type StatusCounts, zeroCounts } from './blocks.js';
import { runTasks, type PoolTask } from './pool.js';
import { type Shard, shardBlock } from './seeds.js';

export interface SearchOptions {
  address: string;
  /** Instances to examine (this shard); or null with timeSeconds. */
  budget: number | null;
  timeSeconds: number | null;
  seed: number;
  workers: number;
  out: string;
  shard: Shard;
  modules: string[];
  /** Property evaluations allowed while shrinking one failure (default SHRINK_BUDGET). */
  shrink?: number;
  /** Work cap of the decimal matrix GD re-check of a finding (default MATRIX_WORK_CAP; 0: never run it). */
  preciseCap?: number;
  signal?: AbortSignal;
  onProgress?(examined: number, found: number): void;
}

export interface SavedFinding {
  kind: FixtureKind;
  path: string;
  hash: string;
  index: number;
  margin: number;
  precise: string;
  duplicate: boolean;
}

export interface SearchSummary {
  claim: string;
  seed: number;
  shard: string;
  examined: number;
  /** The blocks of the search stream examined (sorted): shard i of n owns b ≡ i (mod n). */
  blocks: number[];
  counts: StatusCounts;
  findings: SavedFinding[];
  /** Instances on which checking threw (first 10), with the instance encoded exactly. */
  errors: { index: number; message: string; instance?: unknown }[];
  stopped: 'budget' | 'time' | 'interrupted';
  seconds: number;
}


export function fixtureOf(ref: ClaimRef, f: Finding, meta: Record<string, unknown>): Fixture {
  const kind: FixtureKind = f.precise.verdict === 'refuted' ? 'counterexample' : f.precise.verdict === 'holds' ? 'float-artefact' : 'unconfirmed';
  const explanation = ref.control
    ? `Negative control "${ref.control.name}" (${ref.control.kind}) of ${ref.claim.id}: ${ref.control.description}. Expected to be refuted; kept as a regression test of the checker.`
    : kind === 'float-artefact'
      ? `Refuted in float64 but not by the high-precision re-check (${f.precise.method}): a float64 artefact, not a counterexample to the claim.`
      : '';
  return {
    format: FIXTURE_FORMAT,
    claim: ref.address,
    kind,
    hash: canonicalHash(f.instance),
    instance: encodeExact(f.instance, 'instance'),
    prediction: encodeExact(f.prediction, 'prediction'),
    observation: encodeExact(f.observation, 'observation'),
    verdict: encodeExact(f.verdict, 'verdict'),
    margin: encodeNumber(f.verdict.margin),
    marginName: ref.claim.margin?.name ?? 'margin',
    precise: f.precise,
    explanation,
    metadata: encodeExact({
      ...meta,
      index: f.index,
      blockSeed: f.blockSeed,
      path: f.path,
      originalInstance: f.original,
      dmfCheck: packageVersion(),
      node: process.version,
      fastCheck: fc.__version,
    }) as Record<string, never>,
  };
}

export async function runSearch(claims: ClaimSet, o: SearchOptions): Promise<SearchSummary> {
  const ref = claims.get(o.address, '--claim');
  const start = Date.now();
  const deadline = o.timeSeconds === null ? Infinity : start + 1000 * o.timeSeconds;
  const summary: SearchSummary = {
    claim: o.address,
    seed: o.seed,
    shard: `${o.shard.index}/${o.shard.count}`,
    examined: 0,
    blocks: [],
    counts: zeroCounts(),
    findings: [],
    errors: [],
    stopped: o.budget !== null ? 'budget' : 'time',
    seconds: 0,
  };
  let k = 0;
  const next = (): PoolTask | null => {
    if (Date.now() >= deadline) return null;
    let count = SEARCH_BLOCK;
    if (o.budget !== null) {
      count = Math.min(SEARCH_BLOCK, o.budget - k * SEARCH_BLOCK);
      if (count <= 0) return null;
    }
    return { kind: 'search', address: o.address, seed: o.seed, block: shardBlock(o.shard, k++), count, shrink: o.shrink ?? SHRINK_BUDGET, preciseCap: o.preciseCap, deadline: o.timeSeconds === null ? undefined : deadline };
  };
  const save = (f: Finding) => {
    const fx = fixtureOf(ref, f, { seed: o.seed, shard: summary.shard });
    const { path, written } = writeFixture(o.out, fx);
    if (!summary.findings.some((s) => s.path === path)) {
      summary.findings.push({ kind: fx.kind, path, hash: fx.hash, index: f.index, margin: f.verdict.margin, precise: f.precise.verdict, duplicate: !written });
    }
  };
  await runTasks(next, o.workers, claims, o.modules, {
    onFinding: (_t, f) => save(f),
    onDone: (_t, r) => {
      const s = r as SearchBlockResult;
      summary.examined += s.count;
      summary.blocks.push(s.block);
      for (const key of Object.keys(s.counts) as (keyof StatusCounts)[]) summary.counts[key] += s.counts[key];
      for (const e of s.errors) if (summary.errors.length < 10) summary.errors.push({ index: e.index, message: e.message, instance: encodeExact(e.instance) });
      o.onProgress?.(summary.examined, summary.findings.length);
    },
    onError: (t, message) => {
      if (summary.errors.length < 10) summary.errors.push({ index: t.block * SEARCH_BLOCK, message: `block ${t.block}: ${message}` });
    },
    signal: o.signal,
    threads: o.signal !== undefined, // a block with shrinking can take minutes: interrupt it in a thread
  });
  if (o.signal?.aborted) summary.stopped = 'interrupted';
  summary.blocks.sort((a, b) => a - b);
  summary.findings.sort((a, b) => a.index - b.index || a.path.localeCompare(b.path));
  summary.seconds = (Date.now() - start) / 1000;
  return summary;
}
