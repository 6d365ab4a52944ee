/**
 * Seeds, blocks and shards.
 *
 * Instances are drawn in blocks of consecutive fast-check runs: block b of a stream (a claim
 * address, plus 'search:' for the counterexample search) is `fc.sample(arb, {seed: blockSeed(S,
 * stream, b), numRuns: size})`, so instance j is fixed by (S, stream, j) whatever the number of
 * workers or machines. Shard i of n owns the blocks b ≡ i (mod n): n shards search disjoint
 * instances, and together the first m blocks of each cover the first m·n blocks of the stream.
 */
import { InputError } from '../errors.js';

/** Seeds accepted on the command line: every integer 0 … 2^53 − 1. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

export function parseSeed(v: string, field = '--seed'): number {
  const s = v.trim();
  if (!/^\d+$/.test(s)) throw new InputError(field, `must be an integer from 0 to 2^53 − 1 = ${MAX_SEED} (got ${JSON.stringify(v.slice(0, 40))})`);
  const x = Number(s);
  if (!Number.isSafeInteger(x)) throw new InputError(field, `must be an integer from 0 to 2^53 − 1 = ${MAX_SEED} (got ${s.slice(0, 40)})`);
  return x;
}

/** A positive integer option bounded by `max` (exit 2 naming the limit otherwise). */
export function parseCount(v: string, field: string, max: number, min = 1): number {
  const s = v.trim();
  const x = /^\d+$/.test(s) ? Number(s) : /^\d+(\.\d+)?e\d+$/i.test(s) ? Number(s) : NaN;
  if (!Number.isInteger(x) || x < min) throw new InputError(field, `must be an integer from ${min} to ${max} (got ${JSON.stringify(v.slice(0, 40))})`);
  if (x > max) throw new InputError(field, `must be at most ${max} (the limit; got ${s.slice(0, 40)})`);
  return x;
}

function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** fast-check seed of block `block` of `stream` under the user seed S (0 … 2^53 − 1). */
export function blockSeed(seed: number, stream: string, block: number): number {
  const lo = seed >>> 0, hi = Math.floor(seed / 2 ** 32) >>> 0;
  let h = mix32(lo ^ 0x9e3779b9);
  h = mix32(h ^ hi ^ 0x7f4a7c15);
  h = mix32(h ^ hashString(stream));
  h = mix32(h ^ (block >>> 0) ^ 0x165667b1);
  h = mix32(h ^ Math.floor(block / 2 ** 32));
  return h & 0x7fffffff;
}

export interface Shard {
  index: number;
  count: number;
  /** Where the values came from (for the report). */
  from: string;
}

/**
 * `--shard i/n` (0 ≤ i < n) or `auto`: from Slurm job arrays (SLURM_ARRAY_TASK_ID with
 * SLURM_ARRAY_TASK_COUNT, or SLURM_ARRAY_TASK_MIN/MAX: index = ID − MIN, count = MAX − MIN + 1),
 * else Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX, count from `--shards`), else 0/1.
 */
export function parseShard(v: string | undefined, shards: number | undefined, env: NodeJS.ProcessEnv = process.env): Shard {
  if (v === undefined) return { index: 0, count: 1, from: 'none' };
  if (v === 'auto') {
    const id = env.SLURM_ARRAY_TASK_ID;
    if (id !== undefined) {
      const min = env.SLURM_ARRAY_TASK_MIN !== undefined ? envInt(env, 'SLURM_ARRAY_TASK_MIN') : 0;
      let count: number;
      if (env.SLURM_ARRAY_TASK_MAX !== undefined) count = envInt(env, 'SLURM_ARRAY_TASK_MAX') - min + 1;
      else if (env.SLURM_ARRAY_TASK_COUNT !== undefined) count = envInt(env, 'SLURM_ARRAY_TASK_COUNT');
      else throw new InputError('--shard', 'auto: SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX');
      return check(envInt(env, 'SLURM_ARRAY_TASK_ID') - min, count, 'slurm');
    }
    if (env.JOB_COMPLETION_INDEX !== undefined) {
      if (shards === undefined) throw new InputError('--shards', 'is required with --shard auto under a Kubernetes Indexed Job (JOB_COMPLETION_INDEX is set; give the job\'s completions)');
      return check(envInt(env, 'JOB_COMPLETION_INDEX'), shards, 'kubernetes');
    }
    if (shards !== undefined) throw new InputError('--shard', 'auto: no scheduler index in the environment (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX); use --shard i/n');
    return { index: 0, count: 1, from: 'auto (no scheduler: one shard)' };
  }
  const m = /^(\d+)\/(\d+)$/.exec(v);
  if (!m) throw new InputError('--shard', `must be i/n with 0 ≤ i < n, or auto (got ${JSON.stringify(v.slice(0, 40))})`);
  return check(Number(m[1]), Number(m[2]), 'flag');
}

function envInt(env: NodeJS.ProcessEnv, name: string): number {
  const s = env[name] ?? '';
  if (!/^\d+$/.test(s)) throw new InputError(name, `must be a non-negative integer (is ${JSON.stringify(s.slice(0, 40))})`);
  return Number(s);
}

function check(index: number, count: number, from: string): Shard {
  if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) throw new InputError('--shard', `the shard count must be from 1 to 1000000 (is ${count})`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) throw new InputError('--shard', `the shard index must be from 0 to ${count - 1} (is ${index})`);
  return { index, count, from };
}

/** The k-th block owned by a shard. */
export function shardBlock(shard: Shard, k: number): number {
  return shard.index + k * shard.count;
}
