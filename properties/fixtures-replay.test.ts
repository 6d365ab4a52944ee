/**
 * Regression: every fixture under fixtures/ (counterexample files, format dmf-check/counterexample@1)
 * is replayed. A recorded refutation that no longer reproduces fails, naming the file and what the
 * claim gives now (the claim, a solver or the fixture changed); a malformed or tampered file fails
 * with its path and field. Known counterexamples of claims (with an explanation) are expected to
 * keep failing the claim, which is what "reproduces" checks.
 */
import { describe, expect, it } from 'vitest';
import { listFixtureFiles } from '../src/fixtures/fixture.js';
import { replayFile } from '../src/fixtures/replay.js';
import { ClaimSet } from '../src/search/claims.js';

const DIR = 'fixtures/counterexamples';
const claims = new ClaimSet();
const files = listFixtureFiles(DIR);

describe(`every fixture under ${DIR} reproduces`, () => {
  it('there are fixtures to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const path of files) {
    it(path, () => {
      const o = replayFile(path, claims);
      expect(o.result, o.message).toBe('reproduces');
      if (o.kind === 'counterexample' && !o.claim?.includes(':')) expect(o.known, `${path}: a counterexample of a claim needs an explanation`).toBe(true);
    });
  }
});
