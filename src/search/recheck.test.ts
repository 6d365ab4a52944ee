import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFixtureFiles, readFixture } from '../fixtures/fixture.js';
import { ClaimSet } from './claims.js';
import { recheckFixture } from './recheck.js';

describe('recheckFixture', () => {
  const claims = new ClaimSet();
  it('turns an unconfirmed fixture into a counterexample when a re-check now exists, through the fixture writer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmf-recheck-'));
    const name = 'mv.corollary2_sigma-not-2sigma';
    const src = listFixtureFiles(`fixtures/counterexamples/${name}`)[0];
    mkdirSync(join(dir, name));
    const p = join(dir, name, src.slice(src.lastIndexOf('/') + 1));
    copyFileSync(src, p);
    const f = JSON.parse(readFileSync(p, 'utf8'));
    writeFileSync(p, JSON.stringify({ ...f, kind: 'unconfirmed', precise: { method: 'none', verdict: 'unavailable' } }));
    const r = recheckFixture(p, claims, dir);
    expect(r).toMatchObject({ before: 'unconfirmed', after: 'counterexample', rewritten: p });
    expect(readFixture(p, (a) => claims.has(a)).fixture.precise.verdict).toBe('refuted');
    // a second pass changes nothing
    expect(recheckFixture(p, claims, dir).rewritten).toBeNull();
    expect(listFixtureFiles(dir)).toEqual([p]);
  });
});
