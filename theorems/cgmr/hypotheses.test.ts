/**
 * The shared [CGMR] hypotheses (hypotheses.ts) pinned at their boundaries: for each, an instance just
 * inside (no failure) and just outside (the named failure), with the failure's quantity and bound.
 */
import { describe, expect, it } from 'vitest';
import type { DeepInstance } from './engine.js';
import { stepHypotheses, wellFormed } from './hypotheses.js';

const base: DeepInstance = { eigenvalues: [2, 0.5, 0], depth: 2, alpha: 0.1, stepSize: 0.1, basisSeed: 1 };
const names = (f: { name: string }[]) => f.map((x) => x.name);
const just = (x: number, s: 1 | -1) => x * (1 + s * 1e-12);

describe('[CGMR] well-formed instances', () => {
  it('accepts the base instance and 1 … maxN eigenvalues; rejects 0 or maxN + 1, non-finite, non-array', () => {
    expect(wellFormed(base)).toEqual([]);
    expect(wellFormed({ ...base, eigenvalues: [1] })).toEqual([]);
    expect(wellFormed({ ...base, eigenvalues: [3, 2, 1] }, 3)).toEqual([]);
    const four = wellFormed({ ...base, eigenvalues: [4, 3, 2, 1] }, 3);
    expect(four).toHaveLength(1);
    expect(four[0]).toMatchObject({ name: 'eigenvalues: 1 … 3 finite numbers', quantity: 4, bound: 3 });
    expect(wellFormed({ ...base, eigenvalues: Array.from({ length: 40 }, (_, i) => 40 - i) })).toEqual([]);
    expect(names(wellFormed({ ...base, eigenvalues: Array.from({ length: 41 }, (_, i) => 41 - i) }))).toEqual(['eigenvalues: 1 … 40 finite numbers']);
    expect(wellFormed({ ...base, eigenvalues: [] })[0]).toMatchObject({ quantity: 0 });
    const finite = { name: 'eigenvalues: 1 … 40 finite numbers', quantity: 2, relation: '≤', bound: 40 };
    expect(wellFormed({ ...base, eigenvalues: [Infinity, 1] })).toEqual([finite]);
    expect(wellFormed({ ...base, eigenvalues: [NaN, 1] })).toEqual([finite]);
    expect(wellFormed({ ...base, eigenvalues: ['2' as unknown as number, 1] })).toEqual([finite]);
    const notArray = wellFormed({ ...base, eigenvalues: 'x' as unknown as number[] });
    expect(notArray).toHaveLength(1);
    expect(notArray[0].quantity).toBeNaN();
  });
  it('sorted decreasing: ties allowed, an increase named with its size', () => {
    expect(wellFormed({ ...base, eigenvalues: [1, 1, 0] })).toEqual([]);
    const f = wellFormed({ ...base, eigenvalues: [1, 1.5, 0] });
    expect(f).toEqual([{ name: 'eigenvalues sorted decreasing', quantity: 0.5, relation: '≤', bound: 0 }]);
    expect(wellFormed({ ...base, eigenvalues: [1, 0, 0.25] })[0].quantity).toBe(0.25);
  });
  it('depth: integers 2 … 8 only', () => {
    for (const depth of [2, 8]) expect(wellFormed({ ...base, depth })).toEqual([]);
    for (const depth of [1, 9, 2.5]) expect(wellFormed({ ...base, depth })).toEqual([{ name: 'depth N integer in [2, 8]', quantity: depth, relation: '≥', bound: 2 }]);
  });
  it('α > 0 and η > 0, finite', () => {
    expect(wellFormed({ ...base, alpha: 5e-324, stepSize: 5e-324 })).toEqual([]);
    for (const alpha of [0, -1, Infinity]) expect(wellFormed({ ...base, alpha })).toEqual([{ name: 'α > 0', quantity: alpha, relation: '>', bound: 0 }]);
    for (const stepSize of [0, -1, Infinity]) expect(wellFormed({ ...base, stepSize })).toEqual([{ name: 'η > 0', quantity: stepSize, relation: '>', bound: 0 }]);
  });
});

describe('[CGMR] step-size hypotheses', () => {
  it('a malformed instance is reported as such, before any step condition', () => {
    expect(names(stepHypotheses({ ...base, alpha: 0, stepSize: 100 }, 'stable'))).toEqual(['α > 0']);
    expect(names(stepHypotheses({ ...base, alpha: 0, stepSize: 100 }, 'monotone'))).toEqual(['α > 0']);
  });
  it('stable: η < 2/(Nλ₁^{2−2/N}) with λ₁ = max|λᵢ| (a negative eigenvalue can set it)', () => {
    // N = 3, λ₁ = 2: b = 2/(3·2^{4/3})
    const b = 2 / (3 * 2 ** (2 - 2 / 3));
    const i3 = { ...base, depth: 3, alpha: 0.05 };
    expect(stepHypotheses({ ...i3, stepSize: just(b, -1) }, 'stable')).toEqual([]);
    const out = stepHypotheses({ ...i3, stepSize: b }, 'stable');
    expect(out).toEqual([{ name: 'η < 2/(Nλ₁^{2−2/N}) (stability)', quantity: b, relation: '<', bound: b }]);
    // |λ| = 3 from the negative eigenvalue: b = 2/(3·3^{4/3}) at N = 3
    const neg = { ...base, eigenvalues: [2, -3], depth: 3, alpha: 0.01 };
    const bn = 2 / (3 * 3 ** (2 - 2 / 3));
    expect(stepHypotheses({ ...neg, stepSize: just(bn, -1) }, 'stable')).toEqual([]);
    expect(names(stepHypotheses({ ...neg, stepSize: bn }, 'stable'))).toEqual(['η < 2/(Nλ₁^{2−2/N}) (stability)']);
  });
  it('monotone: η ≤ 1/(Nλ₁^{2−2/N}) with λ₁ the largest eigenvalue (equality allowed)', () => {
    const b = 1 / (3 * 2 ** (2 - 2 / 3));
    const i3 = { ...base, depth: 3, alpha: 0.05 };
    expect(stepHypotheses({ ...i3, stepSize: b }, 'monotone')).toEqual([]);
    const out = stepHypotheses({ ...i3, stepSize: just(b, 1) }, 'monotone');
    expect(out).toEqual([{ name: 'η ≤ 1/(Nλ₁^{2−2/N}) (monotone step)', quantity: just(b, 1), relation: '≤', bound: b }]);
    // the largest eigenvalue, not the largest |λ|: λ = (1, −3) at N = 3 allows η up to 1/3 (the stable bound is 0.154)
    const neg = { ...base, eigenvalues: [1, -3], depth: 3, alpha: 0.01 };
    expect(stepHypotheses({ ...neg, stepSize: 1 / 3 }, 'monotone')).toEqual([]);
    expect(names(stepHypotheses({ ...neg, stepSize: just(1 / 3, 1) }, 'monotone'))).toEqual(['η ≤ 1/(Nλ₁^{2−2/N}) (monotone step)']);
    // no positive eigenvalue: no step condition from λ₁ (only the decay of the non-positive modes)
    // (with λ = (−0.1, −0.5) and N = 2 the formula would give a negative bound −5)
    expect(stepHypotheses({ ...base, eigenvalues: [-0.1, -0.5], alpha: 0.1, stepSize: 1 }, 'monotone')).toEqual([]);
  });
  it('monotone: 0 < α^N < λᵢ for each positive λᵢ, named by its index', () => {
    const i = { ...base, eigenvalues: [2, 0.5, 0], stepSize: 0.1 };
    expect(stepHypotheses({ ...i, alpha: Math.sqrt(0.5) * (1 - 1e-12) }, 'monotone')).toEqual([]);
    const out = stepHypotheses({ ...i, alpha: Math.sqrt(0.5) }, 'monotone');
    expect(names(out)).toEqual(['α^N < λ2']);
    expect(out[0]).toMatchObject({ relation: '<', bound: 0.5 });
    expect(out[0].quantity).toBeCloseTo(0.5, 14);
    // exactly at α^N = λᵢ (0.5² = 0.25): outside
    expect(names(stepHypotheses({ ...i, eigenvalues: [2, 0.25, 0], alpha: 0.5 }, 'monotone'))).toEqual(['α^N < λ2']);
    // the stable mode does not ask it
    expect(stepHypotheses({ ...i, alpha: Math.sqrt(0.5) }, 'stable')).toEqual([]);
  });
  it('both modes: each λᵢ ≤ 0 needs ηα^{N−2}(α^N + |λᵢ|) < 1 (p stays in (0, α^N] and decays)', () => {
    // N = 3, α = 0.5: α^{N−2} = 0.5, α^N = 0.125; λ = −0.375: q = η·0.5·0.5 = η/4, so η = 4 is the edge
    const i = { eigenvalues: [0.2, -0.375], depth: 3, alpha: 0.5, basisSeed: 1 };
    for (const mode of ['stable', 'monotone'] as const) {
      // the step conditions from λ₁ are relaxed here by making the positive eigenvalue tiny
      const tiny = { ...i, eigenvalues: [1e-9, -0.375] };
      const inside = stepHypotheses({ ...tiny, stepSize: 4 * (1 - 1e-12) }, mode).filter((x) => /λ2/.test(x.name));
      expect(inside).toEqual([]);
      const out = stepHypotheses({ ...tiny, stepSize: 4 }, mode).filter((x) => /λ2/.test(x.name));
      expect(out).toEqual([{ name: 'ηα^{N−2}(α^N + |λ2|) < 1', quantity: 1, relation: '<', bound: 1 }]);
    }
    // a zero eigenvalue is asked too (q = ηα^{2N−2}), a positive one is not
    const z = { eigenvalues: [0.2, 0], depth: 2, alpha: 0.1, basisSeed: 1 };
    expect(names(stepHypotheses({ ...z, stepSize: 100 }, 'stable'))).toContain('ηα^{N−2}(α^N + |λ2|) < 1');
    expect(names(stepHypotheses({ ...z, stepSize: 99.99 }, 'stable')).filter((x) => /λ2/.test(x))).toEqual([]);
    expect(stepHypotheses({ ...i, stepSize: 0.1 }, 'stable')).toEqual([]);
  });
});
