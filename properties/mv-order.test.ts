/** [MV] incremental learning order (theorems/mv/order.ts): spectral and general init, and the reversed-order control. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { halfHeightTimes } from '../theorems/mv/halfHeight.js';
import { incrementalOrder } from '../theorems/mv/order.js';
import { itExploresBoundary, itHolds, itRefutesControls, itRefutesNearMisses } from './support/claims.js';

describe('[MV] incremental learning order', () => {
  itHolds(incrementalOrder, 51);
  itRefutesControls(incrementalOrder, 52);
  itRefutesNearMisses(incrementalOrder, 51);
  itExploresBoundary(incrementalOrder, 53);
  it('draws both spectral and general instances, all with K ≥ 2', () => {
    const s = fc.sample(incrementalOrder.arbitrary(), { seed: 51, numRuns: 100 });
    expect(s.filter((i) => i.kind === 'general').length).toBeGreaterThan(20);
    expect(s.filter((i) => i.kind === 'spectral').length).toBeGreaterThan(20);
    expect(s.every((i) => i.eigenvalues.filter((x) => x > 0).length >= 2)).toBe(true);
  });
  it('outside the regime (large α, adverse shapes) the order can fail: it is a small-init claim', () => {
    const r = checkTheorem(incrementalOrder, { kind: 'spectral', eigenvalues: [2, 1], basisSeed: 1, shape: [0.01, 1], alpha: 0.2 });
    expect(r.status).toBe('outside-hypotheses');
    // the conclusion itself fails there: mode 2 (w₀ = 0.2) reaches half height before mode 1 (w₀ = 0.002)
    const t = halfHeightTimes({ kind: 'spectral', eigenvalues: [2, 1], basisSeed: 1, shape: [0.01, 1], alpha: 0.2 }, 20).times;
    expect(t[1]!).toBeLessThan(t[0]!);
  });
});
