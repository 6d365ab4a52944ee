import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stepSize } from '../../theorems/cgmr/stepSize.js';
import { preciseRecheck, preciseStepSizeObservation } from './precise.js';

const control = (name: string) => stepSize.negativeControls!.find((c) => c.name === name)!.theorem;
const sample = (t: typeof stepSize, seed: number, count: number) =>
  fc
    .sample(t.arbitrary(), { seed, numRuns: 60 })
    .filter((i) => t.hypotheses(i).length === 0 && i.steps * i.eigenvalues.length * i.depth <= 1e5)
    .slice(0, count);

describe('high-precision re-check of cgmr.stepSize (decimal scalar recursion)', () => {
  const instances = sample(stepSize, 23, 4);
  it('has instances to check', () => expect(instances.length).toBe(4));
  it.each(instances.map((inst, i) => [i, inst] as const))('instance %i: the decimal violations agree with float64 and the claim holds in both', (_i, inst) => {
    const pred = stepSize.predict(inst);
    const obs = stepSize.observe(inst, pred);
    const dec = preciseStepSizeObservation(inst, pred)!;
    // The two differ by the tolerances (float64 reduction bound vs decimal rounding bound, ≤ 1e−6·max|λ| normalised).
    for (const key of ['overshoot', 'rise', 'order', 'negative', 'zeroDecay'] as const) {
      if (Number.isFinite(obs[key])) expect(Math.abs(dec[key] - obs[key])).toBeLessThan(1e-5);
      else expect(dec[key]).toBe(obs[key]);
    }
    expect(stepSize.verdict(inst, pred, obs).holds).toBe(true);
    expect(preciseRecheck('cgmr.stepSize', inst, pred, stepSize.verdict(inst, pred, obs), stepSize, obs).verdict).toBe('holds');
  });
  it.each(['ceiling-0.9λ', 'step-condition-dropped', 'zero-decay-error-term-removed'])('confirms the float64 refutations of the control %s', (name) => {
    const t = control(name);
    let refuted = 0;
    for (const inst of sample(t, 31, 4)) {
      const pred = t.predict(inst);
      const obs = t.observe(inst, pred);
      const v = t.verdict(inst, pred, obs);
      const r = preciseRecheck('cgmr.stepSize', inst, pred, v, t, obs);
      // A float64 refutation is confirmed. (The converse need not hold: the decimal rounding bound is
      // far below the float64 tolerance, so the error-term-free sandwich — width 0, normalised by
      // the tolerance — is refuted in decimal where float64 could not see it.)
      if (!v.holds) {
        expect(r.verdict).toBe('refuted');
        refuted++;
      }
      if (name !== 'zero-decay-error-term-removed') expect(r.verdict).toBe(v.holds ? 'holds' : 'refuted');
    }
    expect(refuted).toBeGreaterThan(0);
  });
});
