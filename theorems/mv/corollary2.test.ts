/**
 * Corollary 2's observation adds up the uncertified intervals of its two hitting-time searches (α and
 * α/10): the searches are replaced by stubs that report 1 and 2 (no benign instance leaves one).
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('./halfHeight.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./halfHeight.js')>();
  return {
    ...original,
    halfHeightTimes: (inst: { alpha: number; eigenvalues: number[] }, _horizon: number, alpha = inst.alpha) => ({
      times: inst.eigenvalues.map(() => null),
      uncertified: alpha === inst.alpha ? 1 : 2,
    }),
  };
});

const { corollary2 } = await import('./corollary2.js');

describe('[MV] Corollary 2 observation', () => {
  it('counts the uncertified intervals of both searches (α and α/10), and the verdict is then uncertified', () => {
    const inst = { kind: 'spectral' as const, eigenvalues: [2, 1], basisSeed: 4, shape: [1, 0.5], alpha: 1e-6 };
    const p = corollary2.predict(inst);
    const o = corollary2.observe(inst, p);
    expect(o.uncertified).toBe(3);
    expect(corollary2.verdict(inst, p, o)).toMatchObject({ certified: false, details: { uncertified: 3 } });
  });
});
