/**
 * `dmf-check search --claim <control>` finds a counterexample within a small budget for every
 * negative control of every registered claim (the registry is iterated: claims added later are
 * included automatically). Fast form: 10 instances (one block), 3 shrink evaluations per failure, one thread.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { THEOREMS } from '../theorems/registry.js';
import { ClaimSet } from '../src/search/claims.js';
import { runSearch } from '../src/search/run.js';
import { listFixtureFiles, readFixture } from '../src/fixtures/fixture.js';

const claims = new ClaimSet();
const out = mkdtempSync(join(tmpdir(), 'dmf-controls-'));

describe('the search refutes every negative control within a small budget', () => {
  for (const t of THEOREMS) {
    for (const c of t.negativeControls) {
      const address = `${t.id}:${c.name}`;
      it(`${address} (${c.kind})`, async () => {
        const s = await runSearch(claims, { address, budget: 10, timeSeconds: null, seed: 7, workers: 1, out, shard: { index: 0, count: 1, from: 'test' }, modules: [], shrink: 3 });
        expect(s.findings.length, `no counterexample for ${address} in 10 instances`).toBeGreaterThan(0);
        for (const f of s.findings) {
          const { fixture } = readFixture(f.path, (a) => claims.has(a));
          expect(fixture.claim).toBe(address);
          expect(fixture.explanation).toMatch(/Negative control/);
        }
      });
    }
  }
  it('wrote only complete fixture files', () => {
    for (const p of listFixtureFiles(out)) expect(p).toMatch(/\/[0-9a-f]{64}\.json$/);
  });
});
