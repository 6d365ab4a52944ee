/**
 * Theorem 4's observation around its certificate: the certified interval maximum is replaced by a stub
 * (so that the tail bound of the unbounded I_K can exceed ε while [a_K, 4a_K] is certified, which no
 * instance inside the hypotheses shows), and the arguments it receives are pinned.
 */
import { describe, expect, it, vi } from 'vitest';
import type { IntervalMaxOptions } from '../../src/flows/certify.js';

const calls: IntervalMaxOptions[] = [];
let stubStatus: 'certified' | 'refuted' | 'inconclusive' = 'certified';
vi.mock('../../src/flows/certify.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/flows/certify.js')>()),
  certifiedIntervalMax: (o: IntervalMaxOptions) => {
    calls.push(o);
    return { observed: 0.1, argmax: o.a, upper: 0.2, status: stubStatus, evaluations: 1 };
  },
}));

const { theorem4 } = await import('./theorem4.js');
const { symmetricClosedForm } = await import('../../src/flows/symmetricClosedForm.js');
const { bestRankK, errorToRankK, initFactor, targetOf } = await import('./common.js');

const INST = { kind: 'general' as const, eigenvalues: [2, 1, 0], basisSeed: 2, initSeed: 5, width: 5, alpha: 1e-12, epsilon: 0.5 };

describe('[MV] Theorem 4 observation', () => {
  it('I_K cut at 4a_K: certified there but a tail bound 2√(L(4a_K) + lossError) above ε is inconclusive; at or below ε it stays certified; a refutation stays one', () => {
    const p = theorem4.predict(INST);
    const f = symmetricClosedForm(targetOf(INST), initFactor(INST));
    const early = { ...p, intervals: [[1, 0], [0.1, Infinity]] as [number, number][] };
    calls.length = 0;
    stubStatus = 'certified';
    const o = theorem4.observe(INST, early).perInterval[1];
    const tail = 2 * Math.sqrt(f.loss(0.4) + f.lossError);
    expect(tail).toBeGreaterThan(INST.epsilon);
    expect(o).toEqual({ empty: false, observed: 0.1, upper: tail, at: 0.1, status: 'inconclusive', checkedUntil: 0.4, tail });
    // the stub is called once (the empty I₁ is skipped), with the interval, ε, and the flow's certificate constants
    expect(calls.length).toBe(1);
    expect(calls[0]).toMatchObject({ a: 0.1, b: 0.4, threshold: 0.5, maxEvaluations: 2000, lossError: f.lossError, variation: f.variationBound(Infinity) });
    expect(calls[0].loss(0.3)).toBe(f.loss(0.3));
    expect(calls[0].e(0.3)).toBe(errorToRankK(f.matrix(0.3), bestRankK(INST, 2)));
    // late: tail ≤ ε, certified
    const late = theorem4.observe(INST, p).perInterval;
    expect(late.map((x) => x.status)).toEqual(['certified', 'certified']);
    expect(late[1].upper).toBe(0.2);
    expect(late[0].tail).toBeNull();
    // ε exactly at the tail bound: certified (≤)
    const atTail = theorem4.observe({ ...INST, epsilon: tail }, early).perInterval[1];
    expect(atTail.status).toBe('certified');
    stubStatus = 'refuted';
    expect(theorem4.observe(INST, early).perInterval[1].status).toBe('refuted');
    stubStatus = 'inconclusive';
    expect(theorem4.observe(INST, p).perInterval[1].status).toBe('inconclusive');
    stubStatus = 'certified';
    // the bounded I₁ is passed with its own ends and Ŷ₁
    calls.length = 0;
    theorem4.observe(INST, p);
    expect(calls[0]).toMatchObject({ a: p.intervals[0][0], b: p.intervals[0][1] });
    expect(calls[0].e(10)).toBe(errorToRankK(f.matrix(10), bestRankK(INST, 1)));
  });
});
