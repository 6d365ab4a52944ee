import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hittingArbitrary, hittingBounds } from '../../theorems/cgmr/hittingBounds.js';
import { preciseHittingObservation, preciseRecheck } from './precise.js';

// A few claim instances (hypotheses met), fixed seed; their float64 runs are the reference.
const instances = fc
  .sample(hittingArbitrary(), { seed: 17, numRuns: 40 })
  .filter((i) => hittingBounds.hypotheses(i).length === 0 && hittingBounds.predict(i).horizon * i.eigenvalues.length * i.depth <= 2e5)
  .slice(0, 4);
const lower3 = hittingBounds.negativeControls!.find((c) => c.name === 'lower×3')!.theorem;

describe('high-precision re-check of cgmr.hittingBounds (decimal scalar recursion)', () => {
  it('has instances to check', () => expect(instances.length).toBe(4));
  it.each(instances.map((inst, i) => [i, inst] as const))('instance %i: the decimal hitting iterations equal the float64 ones; the claim holds in both', (_i, inst) => {
    const pred = hittingBounds.predict(inst);
    const obs = hittingBounds.observe(inst, pred);
    const dec = preciseHittingObservation(inst, pred)!;
    expect(dec.iterations).toEqual(obs.iterations);
    expect(dec.twoPhaseIterations).toEqual(obs.twoPhaseIterations);
    expect(dec.tolerance).toBeLessThan(1e-20);
    const v = hittingBounds.verdict(inst, pred, obs);
    expect(v.holds).toBe(true);
    expect(preciseRecheck('cgmr.hittingBounds', inst, pred, v, hittingBounds, obs).verdict).toBe('holds');
  });
  it('confirms the gross control lower×3 as refuted (the claim id is the parent claim\'s, the theorem the control\'s)', () => {
    for (const inst of instances) {
      const pred = lower3.predict(inst);
      const obs = lower3.observe(inst, pred);
      const v = lower3.verdict(inst, pred, obs);
      expect(v.holds).toBe(false);
      const r = preciseRecheck('cgmr.hittingBounds', inst, pred, v, lower3, obs);
      expect(r.verdict).toBe('refuted');
      expect(r.method).toMatch(/decimal scalar recursion/);
    }
  });
  it('returns unavailable beyond the work cap', () => {
    const inst = instances[0];
    const pred = { ...hittingBounds.predict(inst), horizon: 1e9 };
    expect(preciseRecheck('cgmr.hittingBounds', inst, pred, hittingBounds.verdict(inst, hittingBounds.predict(inst), hittingBounds.observe(inst, hittingBounds.predict(inst))), hittingBounds).verdict).toBe('unavailable');
  });
});
