/**
 * `dmf-check search --claim <control>` finds a counterexample within a small budget for every
 * negative control of the registered claims that `select` keeps (the registry is iterated: claims
 * added later are included automatically; the test files split it so that the slow statistical
 * claims run on their own workers). Fast form: 10 instances, 3 shrink evaluations per failure, one
 * thread, no long-horizon decimal re-check (work cap 0: seconds per finding; tested in
 * src/search/preciseMatrix.test.ts and preciseErank.test.ts); a near miss stated to be refuted on a
 * fraction ≥ low of the claim's instances gets the budget ⌈6/low⌉ (at most 600): the search draws
 * half of its instances from the boundary arbitrary, so about ⌈3/low⌉ come from the claim's own; a
 * miss has probability about e⁻³ (the seed is fixed).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { THEOREMS } from '../../theorems/registry.js';
import { ClaimSet } from '../../src/search/claims.js';
import { runSearch } from '../../src/search/run.js';
import { listFixtureFiles, readFixture } from '../../src/fixtures/fixture.js';

export function describeControlSearch(select: (claimId: string) => boolean): void {
  const claims = new ClaimSet();
  const out = mkdtempSync(join(tmpdir(), 'dmf-controls-'));
  const theorems = THEOREMS.filter((t) => select(t.id));
  describe('the search refutes every negative control within a small budget', () => {
    it('selects at least one claim with controls', () => {
      expect(theorems.some((t) => t.negativeControls.length > 0)).toBe(true);
    });
    for (const t of theorems) {
      for (const c of t.negativeControls) {
        const address = `${t.id}:${c.name}`;
        const budget = c.refutedFraction ? Math.min(600, Math.max(10, Math.ceil(6 / c.refutedFraction[0]))) : 10;
        it(`${address} (${c.kind}, budget ${budget})`, async () => {
          const s = await runSearch(claims, { address, budget, timeSeconds: null, seed: 7, workers: 1, out, shard: { index: 0, count: 1, from: 'test' }, modules: [], shrink: 3, preciseCap: 0 });
          expect(s.findings.length, `no counterexample for ${address} in ${budget} instances`).toBeGreaterThan(0);
          for (const f of s.findings) {
            const { fixture } = readFixture(f.path, (a) => claims.has(a));
            expect(fixture.claim).toBe(address);
            expect(fixture.explanation).toMatch(/Negative control/);
          }
        }, 400_000); // a hang guard, not a speed target: the statistical controls take ~30 s idle, more under load
      }
    }
    it('wrote only complete fixture files', () => {
      for (const p of listFixtureFiles(out)) expect(p).toMatch(/\/[0-9a-f]{64}\.json$/);
    });
  });
}

/** The claims whose controls run GD from many seeds per instance (tens of seconds each): own files. */
export const SLOW_CONTROL_CLAIMS = ['cgmr.sensing', 'cgmr.randomInit'];
