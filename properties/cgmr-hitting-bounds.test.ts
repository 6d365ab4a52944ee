/** [CGMR] hitting-time bounds (theorems/cgmr/hittingBounds.ts, derived) against the matrix GD engine. */
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { monotoneStep } from '../theorems/cgmr/bounds.js';
import { type HittingInstance, checkHittingBounds, hittingBounds } from '../theorems/cgmr/hittingBounds.js';
import { itRefutesOnStatedFraction } from './support/cgmrControls.js';
import { itExploresBoundary, itHolds, itRefutesControls } from './support/claims.js';

const base: HittingInstance = { eigenvalues: [3, 1, 0.4, -0.2], depth: 3, alpha: 0.1, stepSize: 0.9 * monotoneStep(3, 3), levels: [0.1, 0.5, 0.9], basisSeed: 7 };

describe('[CGMR] hitting-time bounds (derived)', () => {
  itHolds(hittingBounds, 121);
  itRefutesControls(hittingBounds, 122);
  itRefutesOnStatedFraction(hittingBounds, 122, 40);
  itExploresBoundary(hittingBounds, 123, 20);
  it('reports lower[l][i], upper[l][i], iterations[l][i] and the slack bound/T', () => {
    const r = checkHittingBounds(base);
    expect(r.status).toBe('holds');
    const d = r.verdict!.details as { iterations: number[][]; lower: number[][]; upper: number[][]; slackUpper: number[][] };
    expect(d.iterations.length).toBe(3);
    expect(d.iterations[0].length).toBe(3);
    for (let l = 0; l < 3; l++) for (let i = 0; i < 3; i++) {
      expect(d.lower[l][i]).toBeLessThanOrEqual(d.iterations[l][i]);
      expect(d.iterations[l][i]).toBeLessThanOrEqual(d.upper[l][i]);
      expect(d.slackUpper[l][i]).toBeCloseTo(d.upper[l][i] / d.iterations[l][i], 12);
    }
    // learning times grow as λ shrinks (rates proportional to the eigenvalues)
    expect(d.iterations[1][0]).toBeLessThan(d.iterations[1][1]);
    expect(d.iterations[1][1]).toBeLessThan(d.iterations[1][2]);
  });
  it('hypotheses pinned: η at the monotone bound holds, 1 % above is outside; α^N just below qλ_min holds, just above is outside', () => {
    expect(checkTheorem(hittingBounds, { ...base, stepSize: monotoneStep(3, 3) }).status).toBe('holds');
    expect(checkTheorem(hittingBounds, { ...base, stepSize: 1.01 * monotoneStep(3, 3) }).status).toBe('outside-hypotheses');
    const edge = (0.1 * 0.4) ** (1 / 3);
    expect(checkTheorem(hittingBounds, { ...base, alpha: 0.99 * edge }).status).toBe('holds');
    expect(checkTheorem(hittingBounds, { ...base, alpha: 1.01 * edge }).status).toBe('outside-hypotheses');
  });
});
