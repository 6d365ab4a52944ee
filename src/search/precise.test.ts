import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalContext } from '../precise/decimal.js';
import { theorem3 } from '../../theorems/mv/theorem3.js';
import { fixtureOf } from './run.js';
import { ClaimSet } from './claims.js';
import { DIGITS, exactDecimal, preciseRecheck } from './precise.js';
import { fixturePath } from '../fixtures/fixture.js';

describe('exactDecimal', () => {
  const D = decimalContext(60);
  it('converts a double exactly (binary value, not its shortest decimal)', () => {
    expect(exactDecimal(D, 0.1).toString()).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(exactDecimal(D, -1.5).toString()).toBe('-1.5');
    expect(exactDecimal(D, 5e-324).toSignificantDigits(6).toString()).toBe('4.94066e-324');
    expect(exactDecimal(D, 2 ** 60).toFixed()).toBe('1152921504606846976');
  });
  it('round-trips every double it converts', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(exactDecimal(D, x).toNumber(), x === 0 ? 0 : x)), { seed: 3, numRuns: 300 });
  });
});

describe('the high-precision re-check ([MV] Theorem 3)', () => {
  const inst = fc.sample(theorem3.arbitrary(), { seed: 5, numRuns: 1 })[0];
  const pred = theorem3.predict(inst);
  const obs = theorem3.observe(inst, pred);
  const v = theorem3.verdict(inst, pred, obs);
  const k = v.worst.interval!;
  const e = obs.perInterval[k - 1].sup;
  it(`agrees with float64 on ‖W(t) − Ŷ_k‖₂ at the worst time (${DIGITS} digits)`, () => {
    const r = preciseRecheck('mv.theorem3', inst, pred, v);
    expect(Math.abs(Number(r.value) - e)).toBeLessThanOrEqual(1e-12 * Math.max(1, e));
  });
  it('confirms a refutation whose bound is below the decimal value, and calls one above it a float artefact', () => {
    expect(preciseRecheck('mv.theorem3', inst, { ...pred, bound: e * (1 - 1e-8) }, v).verdict).toBe('refuted');
    const art = preciseRecheck('mv.theorem3', inst, { ...pred, bound: e * (1 + 1e-8) }, v);
    expect(art.verdict).toBe('holds');
    const claims = new ClaimSet();
    const f = fixtureOf(claims.get('mv.theorem3', 'claim'), { address: 'mv.theorem3', index: 0, original: inst, instance: inst, prediction: pred, observation: obs, verdict: { ...v, holds: false }, path: '0', blockSeed: 1, precise: art }, {});
    expect(f.kind).toBe('float-artefact');
    expect(f.explanation).toMatch(/float64 artefact/);
    expect(fixturePath('/d', f)).toMatch(/^\/d\/mv\.theorem3\/float-artefacts\/[0-9a-f]{64}\.json$/);
  });
  it('an empty interval is a refutation of the prediction alone; other claims are unavailable', () => {
    const empty = { ...pred, intervals: pred.intervals.map(([l]: [number, number]) => [l, l - 1]) };
    expect(preciseRecheck('mv.theorem3', inst, empty, v)).toMatchObject({ method: 'prediction', verdict: 'refuted' });
    expect(preciseRecheck('mv.order', inst, pred, v)).toMatchObject({ method: 'none', verdict: 'unavailable' });
  });
});

describe('the high-precision re-check of half-height times ([MV] order, time-scale separation)', () => {
  it('recomputes the float64 times to their stated accuracy and re-runs the claim\'s own verdict', async () => {
    const { incrementalOrder } = await import('../../theorems/mv/order.js');
    const inst = fc.sample(incrementalOrder.arbitrary(), { seed: 9, numRuns: 1 })[0];
    const pred = incrementalOrder.predict(inst);
    const obs = incrementalOrder.observe(inst, pred);
    const v = incrementalOrder.verdict(inst, pred, obs);
    const r = preciseRecheck('mv.order', inst, pred, v, incrementalOrder, obs);
    expect(r.verdict).toBe(v.holds ? 'holds' : 'refuted');
    const times = JSON.parse(r.value!) as (number | null)[];
    times.forEach((t, k) => expect(Math.abs(t! - obs.times[k]!)).toBeLessThanOrEqual(2e-9 * Math.max(1, obs.times[k]!)));
  });
});

describe('high-precision re-check of the monotone effective-rank claims', () => {
  it('the decimal trajectory agrees with float64 and confirms the known counterexample', async () => {
    const { preciseMonotoneDecrease, preciseRecheck } = await import('./precise.js');
    const { monotoneErankKnownCounterexample: k, monotoneErankUnqualified } = await import('../../theorems/cgmr/monotoneErank.js');
    const inst = k.instance;
    const pred = monotoneErankUnqualified.predict(inst);
    const obs = monotoneErankUnqualified.observe(inst, pred);
    const d = preciseMonotoneDecrease(inst, 'after-minimum');
    expect(d.kMin).toBe(obs.kMin);
    expect(d.at).toBe(obs.at);
    expect(Math.abs(d.maxDecrease.toNumber() - obs.maxDecrease)).toBeLessThan(1e-13);
    const v = monotoneErankUnqualified.verdict(inst, pred, obs);
    expect(preciseRecheck('cgmr.monotoneAsStated', inst, pred, v, monotoneErankUnqualified, obs).verdict).toBe('refuted');
    // With the qualified claim's tolerance (9.8e−3 here) the same decrease is not a refutation.
    expect(preciseRecheck('cgmr.monotoneAsStated', inst, { ...pred, tolerance: 1e-2 }, v, monotoneErankUnqualified, obs).verdict).toBe('holds');
  });
});
