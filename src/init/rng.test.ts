import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

describe('Rng', () => {
  it('is deterministic and pinned (cross-platform reproducibility: these values must never change)', () => {
    const r = new Rng(42);
    const first = [r.nextUint32(), r.nextUint32(), r.nextUint32()];
    expect(first).toEqual(PINNED_42);
    const g = new Rng(7).normal();
    expect(g).toBe(PINNED_NORMAL_7);
  });
  it('gives uniforms in [0, 1) and standard normals', () => {
    const r = new Rng(1);
    let s = 0, s2 = 0;
    const N = 20000;
    for (let i = 0; i < N; i++) {
      const u = r.uniform();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / N)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(s2 / N - 1)).toBeLessThan(6 * Math.sqrt(2 / N));
    expect(new Rng(2 ** 40).nextUint32()).not.toBe(new Rng(0).nextUint32());
  });
  it('rejects bad seeds by name', () => {
    expect(() => new Rng(-1)).toThrow(/^seed: must be a non-negative integer/);
    expect(() => new Rng(1.5, 'init.seed')).toThrow(/^init.seed:/);
  });
});

const PINNED_42 = [2837322924, 544945897, 479756282];
const PINNED_NORMAL_7 = -1.5370383110628956;
