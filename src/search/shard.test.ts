import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFixtureFiles } from '../fixtures/fixture.js';
import { ClaimSet } from './claims.js';
import { runSearch } from './run.js';
import { parseShard, shardBlock } from './seeds.js';

const claims = new ClaimSet();
const address = 'mv.theorem3:epsilon/10';

async function searchAs(env: NodeJS.ProcessEnv, out: string, budget: number, shards?: number) {
  const shard = parseShard('auto', shards, env);
  return { shard, s: await runSearch(claims, { address, budget, timeSeconds: null, seed: 11, workers: 1, out, shard, modules: [], shrink: 2 }) };
}

describe('--shard auto from the scheduler environment', () => {
  it('reads Slurm arrays (COUNT, or MIN/MAX) and Kubernetes Indexed Jobs, and rejects inconsistent values', () => {
    expect(parseShard('auto', undefined, { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' })).toMatchObject({ index: 2, count: 4, from: 'slurm' });
    expect(parseShard('auto', undefined, { SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '5', SLURM_ARRAY_TASK_MAX: '8' })).toMatchObject({ index: 2, count: 4 });
    expect(parseShard('auto', 3, { JOB_COMPLETION_INDEX: '1' })).toMatchObject({ index: 1, count: 3, from: 'kubernetes' });
    expect(parseShard('1/3', undefined, {})).toMatchObject({ index: 1, count: 3, from: 'flag' });
    expect(parseShard('auto', undefined, {})).toMatchObject({ index: 0, count: 1 });
    expect(() => parseShard('auto', undefined, { JOB_COMPLETION_INDEX: '1' })).toThrow(/^--shards: is required/);
    expect(() => parseShard('auto', undefined, { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4' })).toThrow(/^--shard: the shard index must be from 0 to 3/);
    expect(() => parseShard('auto', undefined, { SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '4' })).toThrow(/^SLURM_ARRAY_TASK_ID: must be a non-negative integer/);
    expect(() => parseShard('3/3', undefined, {})).toThrow(/^--shard/);
    expect(() => parseShard('1-3', undefined, {})).toThrow(/^--shard: must be i\/n/);
  });

  it('shards are disjoint and complete, and their output folders merge by copying', async () => {
    const n = 3, perShard = 20; // 2 blocks of 10 per shard
    const merged = mkdtempSync(join(tmpdir(), 'dmf-merged-'));
    const blocks: number[][] = [];
    for (let i = 0; i < n; i++) {
      const out = mkdtempSync(join(tmpdir(), `dmf-shard${i}-`));
      const { shard, s } = await searchAs({ SLURM_ARRAY_TASK_ID: String(10 + i), SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_MAX: '12' }, out, perShard);
      expect(shard).toMatchObject({ index: i, count: n });
      expect(s.examined).toBe(perShard);
      blocks.push(s.blocks);
      // merge-safe: a file of the same name has the same instance (its name is the instance hash)
      for (const p of listFixtureFiles(out)) {
        const target = join(merged, relative(out, p));
        try {
          const existing = JSON.parse(readFileSync(target, 'utf8'));
          expect(existing.instance).toEqual(JSON.parse(readFileSync(p, 'utf8')).instance);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
      }
      cpSync(out, merged, { recursive: true });
    }
    const all = blocks.flat();
    expect(new Set(all).size).toBe(all.length); // disjoint
    expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 6 }, (_, b) => b)); // complete
    for (let i = 0; i < n; i++) expect(blocks[i]).toEqual([shardBlock({ index: i, count: n, from: '' }, 0), shardBlock({ index: i, count: n, from: '' }, 1)]);
    // Same fixtures (by instance hash) as one unsharded search over the same blocks.
    const single = mkdtempSync(join(tmpdir(), 'dmf-single-'));
    await searchAs({}, single, n * perShard);
    const names = (d: string) => listFixtureFiles(d).map((p) => relative(d, p)).sort();
    expect(names(merged)).toEqual(names(single));
    expect(names(single).length).toBeGreaterThan(0);
  });
});
