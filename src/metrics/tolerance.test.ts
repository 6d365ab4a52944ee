import { describe, expect, it } from 'vitest';
import { EPS, flowTolerance, odeTolerance } from './tolerance.js';

describe('derived tolerances (hand-computed values)', () => {
  it('τ_flow = 64·n·ε·(1 + 2(‖Y‖ + M)t)·max|W|', () => {
    expect(EPS).toBe(2.220446049250313e-16);
    // n = 3, ‖Y‖ = 2, M = 1, t = 0.5, max|W| = 4: 64·3·ε·(1 + 3)·4 = 3072ε
    expect(flowTolerance(3, 2, 1, 0.5, 4)).toBe(3072 * EPS);
    // t = 0: 64·n·ε·max|W|; the growth term is linear in t and in ‖Y‖ + M
    expect(flowTolerance(2, 5, 3, 0, 0.5)).toBe(64 * EPS);
    expect(flowTolerance(1, 0.25, 0.25, 2, 1)).toBe(64 * EPS * 3); // 1 + 2·½·2 = 3
  });
  it('an ODE comparison allows 10× the loose-vs-tight difference', () => {
    expect(odeTolerance(3e-9)).toBeCloseTo(3e-8, 22);
    expect(odeTolerance(0)).toBe(0);
  });
});
