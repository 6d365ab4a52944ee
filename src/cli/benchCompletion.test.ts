import { describe, expect, it } from 'vitest';
import { benchCompletion } from './benchCompletion.js';

describe('completion bench', () => {
  it('times the completion update and, where numpy is present, agrees with numpy running the same update', () => {
    const r = benchCompletion({ n: 20, steps: 5, runs: 1 });
    expect(r).toMatchObject({ n: 20, observedFraction: 0.1, depth: 3 });
    expect(r.dmfCheck).toBeGreaterThan(0);
    if (r.numpy !== null) {
      expect(r.ratio).toBeCloseTo(r.dmfCheck / r.numpy, 12);
      // same iterates: 5 steps of sums in different orders, a few ulps
      expect(r.agreement!).toBeLessThan(1e-13);
    }
  });
});
