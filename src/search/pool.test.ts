import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ClaimSet } from './claims.js';
import { runSearch } from './run.js';

// A user claim whose observation kills its worker thread once (process.exit in a worker ends the thread).
function dyingModule(dir: string): string {
  const fcUrl = pathToFileURL(createRequire(import.meta.url).resolve('fast-check')).href;
  const flag = join(dir, 'died-once');
  const path = join(dir, 'dies.mjs');
  writeFileSync(
    path,
    `import fc from ${JSON.stringify(fcUrl)};
import { existsSync, writeFileSync } from 'node:fs';
const FLAG = ${JSON.stringify(flag)};
export const dies = {
  id: 'test.dies', title: 'odd numbers refute', source: { paper: 'T', label: 'test' }, tag: 'derived', statement: '',
  margin: { name: 'parity', meaning: '1 if even' },
  hypotheses: () => [], predict: () => 0,
  observe(i) { if (i === 13 && !existsSync(FLAG)) { writeFileSync(FLAG, ''); process.exit(7); } return i; },
  verdict: (_i, _p, o) => ({ holds: o % 2 === 0, margin: o % 2 === 0 ? 1 : -1, worst: {}, certified: true, details: {} }),
  arbitrary: () => fc.integer({ min: 10, max: 20 }), boundary: () => fc.integer({ min: 10, max: 20 }), negativeControls: [],
};
`,
  );
  return path;
}

describe('worker pool', () => {
  it('a worker killed mid-block is replaced and its block retried: nothing is lost, same fixtures as one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmf-pool-'));
    const mod = dyingModule(dir);
    const claims = await ClaimSet.load([mod]);
    const base = { address: 'test.dies', budget: 40, timeSeconds: null, seed: 1, shard: { index: 0, count: 1, from: 'test' }, modules: [mod], shrink: 20 };
    const a = await runSearch(claims, { ...base, workers: 2, out: join(dir, 'a') });
    expect(existsSync(join(dir, 'died-once'))).toBe(true);
    expect(a.errors).toEqual([]);
    expect(a.examined).toBe(40);
    const b = await runSearch(claims, { ...base, workers: 1, out: join(dir, 'b') });
    expect(a.counts).toEqual(b.counts);
    expect(readdirSync(join(dir, 'a', 'test.dies')).sort()).toEqual(readdirSync(join(dir, 'b', 'test.dies')).sort());
    expect(a.findings.length).toBeGreaterThan(0);
  });
});
