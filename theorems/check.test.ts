/** The runner (theorems/check.ts) and the registry (theorems/registry.ts) on a toy theorem. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTheorem, claimProperty, controlProperty } from './check.js';
import { THEOREMS, theoremById } from './registry.js';
import type { Theorem, Verdict } from './types.js';

/** x ≥ 0 is the hypothesis; the verdict holds iff x ≤ 1; x = 2 is uncertified; x = 3 throws in observe. */
function toy(draw: fc.Arbitrary<number> = fc.constant(0.5)): Theorem<number, number, number> {
  return {
    id: 'toy',
    title: 'toy',
    source: { paper: 'MV', label: 'none' },
    tag: 'derived',
    statement: 'x ≤ 1',
    margin: { name: 'slack', meaning: '1 − x' },
    hypotheses: (x) => (x >= 0 ? [] : [{ name: 'x ≥ 0', quantity: x, relation: '≥', bound: 0 }]),
    predict: (x) => x,
    observe: (x) => {
      if (x === 3) throw new Error('boom');
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (x === 4) throw 'plain';
      return x;
    },
    verdict: (_x, _p, o): Verdict => ({ holds: o <= 1, margin: 1 - o, worst: {}, certified: o !== 2, details: {} }),
    arbitrary: () => draw,
    boundary: () => draw,
    negativeControls: [],
  };
}

describe('checkTheorem', () => {
  it('each status', () => {
    const t = toy();
    expect(checkTheorem(t, 0.5)).toMatchObject({ status: 'holds', failures: [], verdict: { holds: true, margin: 0.5 } });
    expect(checkTheorem(t, 1.5)).toMatchObject({ status: 'refuted', verdict: { holds: false } });
    expect(checkTheorem(t, 2)).toMatchObject({ status: 'inconclusive', verdict: { certified: false } });
    expect(checkTheorem(t, -1)).toEqual({ status: 'outside-hypotheses', failures: [{ name: 'x ≥ 0', quantity: -1, relation: '≥', bound: 0 }], verdict: null });
    expect(checkTheorem(t, 3)).toEqual({ status: 'error', failures: [], verdict: null, error: 'boom' });
    expect(checkTheorem(t, 4)).toEqual({ status: 'error', failures: [], verdict: null, error: 'plain' });
  });
});

describe('claimProperty and controlProperty', () => {
  const run = (p: fc.IPropertyWithHooks<[number]>) => fc.check(p, { seed: 1, numRuns: 3 });
  it('a claim holds only on certified holding verdicts; anything else fails the property with a message', () => {
    expect(run(claimProperty(toy())).failed).toBe(false);
    expect(run(claimProperty(toy(fc.constant(1.5)))).failed).toBe(true);
    const outside = run(claimProperty(toy(fc.constant(-1))));
    expect(outside.failed).toBe(true);
    expect(String(outside.errorInstance)).toMatch(/toy: the arbitrary drew an instance outside the hypotheses: \[\{"name":"x ≥ 0"/);
    expect(String(run(claimProperty(toy(fc.constant(3)))).errorInstance)).toMatch(/toy: checking threw: boom/);
    expect(String(run(claimProperty(toy(fc.constant(2)))).errorInstance)).toMatch(/toy: inconclusive \(uncertified\) verdict: \{\}/);
  });
  it('a control fails the property only when refuted by a verdict (an exception, an inconclusive verdict or an outside instance never counts)', () => {
    expect(run(controlProperty(toy(fc.constant(1.5)))).failed).toBe(true);
    for (const x of [0.5, 2, 3, -1]) expect(run(controlProperty(toy(fc.constant(x)))).failed, String(x)).toBe(false);
  });
});

describe('registry', () => {
  it('lists every claim once, found by its id', () => {
    const ids = THEOREMS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['mv.corollary2', 'mv.order', 'mv.timeScale', 'mv.theorem3', 'mv.theorem4', 'mv.asymmetric']));
    for (const t of THEOREMS) expect(theoremById(t.id)).toBe(t);
    expect(theoremById('mv.nothing')).toBeUndefined();
  });
});
