import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erankInterval, observeInterval } from '../../theorems/cgmr/erankInterval.js';
import { erankBandFactor, preciseErankIntervalObservation, preciseRecheck } from './precise.js';

describe('decimal re-check of cgmr.erankInterval (its scalar stand-in at 40 digits)', () => {
  const insts = fc.sample(erankInterval.arbitrary(), { seed: 8, numRuns: 30 }).filter((i) => erankInterval.hypotheses(i).length === 0);
  const inst = insts.find((i) => {
    const p = erankInterval.predict(i);
    return p.interval[1] !== null && p.interval[1] < 600;
  })!;
  const pred = erankInterval.predict(inst);
  it('agrees with the float64 observation (max erank deviation to 1e-12)', () => {
    const f = observeInterval(inst, pred);
    const d = preciseErankIntervalObservation(inst, pred)!;
    expect(d.checked).toBe(f.checked);
    expect(Math.abs(d.maxDeviation - f.maxDeviation)).toBeLessThan(1e-12);
    const v = erankInterval.verdict(inst, pred, f);
    expect(preciseRecheck('cgmr.erankInterval', inst, pred, v, erankInterval, f).verdict).toBe(v.holds ? 'holds' : 'refuted');
  });
  it('the bands of a control are those its observe uses (ε, δ scaled by the factor in its id)', () => {
    expect(erankInterval.negativeControls.map((c) => erankBandFactor(c.theorem.id))).toEqual(erankInterval.negativeControls.map((c) => (c.name.startsWith('bands×') ? Number(c.name.slice(6)) : 1)));
    const c = erankInterval.negativeControls.find((x) => x.name === 'bands×0.1')!;
    const o = c.theorem.observe(inst, c.theorem.predict(inst));
    const v = c.theorem.verdict(inst, c.theorem.predict(inst), o);
    expect(v.holds).toBe(false);
    expect(preciseRecheck('cgmr.erankInterval', inst, c.theorem.predict(inst), v, c.theorem, o).verdict).toBe('refuted');
  });
});
