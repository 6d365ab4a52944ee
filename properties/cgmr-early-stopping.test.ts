/** [CGMR] early stopping in the estimation problem (theorems/cgmr/earlyStopping.ts) on the matrix GD engine. */
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { type EarlyStoppingInstance, earlyStopping } from '../theorems/cgmr/earlyStopping.js';
import { itRefutesOnStatedFraction } from './support/cgmrControls.js';
import { itExploresBoundary, itHolds, itRefutesControls } from './support/claims.js';

describe('[CGMR] early stopping (paper claim, derived bound)', () => {
  itHolds(earlyStopping, 191);
  itRefutesControls(earlyStopping, 192);
  itRefutesOnStatedFraction(earlyStopping, 192, 40);
  itExploresBoundary(earlyStopping, 193, 30);
  it('reports the ratio ‖W(k*) − X‖_F/‖Y₊ − X‖_F < 1; without noise the hypothesis "the noise matters" fails', () => {
    const inst: EarlyStoppingInstance = { signal: [2, 0, 0, 0, 0, 0, 0, 0], noise: 0.04, noiseSeed: 3, basisSeed: 4, depth: 2, alpha: 1e-3, stepSize: 0.2, epsilon: 0.01, delta: 1e-4 };
    const r = checkTheorem(earlyStopping, inst);
    expect(r.status).toBe('holds');
    expect(r.verdict!.details.ratio as number).toBeLessThan(1);
    const quiet = checkTheorem(earlyStopping, { ...inst, noise: 0 });
    expect(quiet.status).toBe('outside-hypotheses');
    expect(quiet.failures.map((f) => f.name).join()).toMatch(/noise matters/);
  });
});
