import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asymmetricOde } from '../flows/asymmetric.js';
import { decimalContext } from '../precise/decimal.js';
import { asymmetricBalanced } from '../../theorems/mv/asymmetric.js';
import { corollary2 } from '../../theorems/mv/corollary2.js';
import type { Theorem } from '../../theorems/types.js';
import { preciseRecheck } from './precise.js';
import { alignedModeProduct } from './preciseFlows.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function recheck(id: string, t: Theorem<any, any, any>, inst: unknown) {
  const pred = t.predict(inst);
  const obs = t.observe(inst, pred);
  const v = t.verdict(inst, pred, obs);
  return { v, r: preciseRecheck(id, inst, pred, v, t, obs) };
}

describe('the unbalanced aligned mode in closed form (conserved δ = a² − b², Riccati solution)', () => {
  it.each([[2, 0.05], [1.0001, 0.01], [0.5, 0.2]])('c = %f, α·s = %f: agrees with the float64 ODE on (a, b) to its tolerance', (c, p0) => {
    const sigma = 1.7;
    const a0 = Math.sqrt(p0) * c, b0 = Math.sqrt(p0) / c;
    const ode = asymmetricOde({ rows: 1, cols: 1, data: Float64Array.of(sigma) }, { rows: 1, cols: 1, data: Float64Array.of(a0) }, { rows: 1, cols: 1, data: Float64Array.of(b0) }, { rtol: 1e-12, atol: 1e-15 });
    const D = decimalContext(40);
    const delta = new D(a0).times(a0).minus(new D(b0).times(b0));
    for (const t of [0, 0.3, 1, 2.5, 6]) {
      const p = alignedModeProduct(D, new D(sigma), new D(a0).times(b0), delta, t).toNumber();
      expect(Math.abs(p - ode.matrix(t).data[0])).toBeLessThan(1e-9);
    }
  });
  it('δ = 0 is the logistic mode', () => {
    const D = decimalContext(40);
    const p = alignedModeProduct(D, new D(2), new D(0.01), new D(0), 1).toNumber();
    expect(p).toBeCloseTo((2 * 0.01 * Math.exp(4)) / (2 + 0.01 * (Math.exp(4) - 1)), 14);
  });
});

describe('re-check of mv.asymmetric and mv.corollary2', () => {
  const asym = fc.sample(asymmetricBalanced.arbitrary(), { seed: 3, numRuns: 1 })[0];
  it('mv.asymmetric (balanced: decimal asymmetric closed form): holds where float64 holds', () => {
    const { v, r } = recheck('mv.asymmetric', asymmetricBalanced, asym);
    expect(v.holds).toBe(true);
    expect(r.verdict).toBe('holds');
  });
  it('mv.asymmetric:balance-dropped (unbalanced modes in decimal): refuted, confirmed', () => {
    const c = asymmetricBalanced.negativeControls.find((x) => x.name === 'balance-dropped')!;
    const inst = fc.sample(c.theorem.arbitrary(), { seed: 3, numRuns: 1 })[0];
    const { v, r } = recheck('mv.asymmetric', c.theorem, inst);
    expect(v.holds).toBe(false);
    expect(r.verdict).toBe('refuted');
  });
  const cor = fc.sample(corollary2.arbitrary(), { seed: 4, numRuns: 1 })[0];
  it('mv.corollary2: holds where float64 holds (decimal mode errors and half-height times)', () => {
    const { v, r } = recheck('mv.corollary2', corollary2, cor);
    expect(v.holds).toBe(true);
    expect(r.verdict).toBe('holds');
  });
  // A near miss is refuted on a fraction of instances only: each control on the first of the claim's
  // instances (seed 4) that it refutes in float64.
  it.each(corollary2.negativeControls.map((c) => [c.name, c] as const))('mv.corollary2:%s: refuted, confirmed', (_n, c) => {
    const inst = fc.sample(corollary2.arbitrary(), { seed: 4, numRuns: 20 }).find((i) => {
      const p = c.theorem.predict(i);
      return !c.theorem.verdict(i, p, c.theorem.observe(i, p)).holds;
    });
    expect(inst).toBeDefined();
    const { v, r } = recheck('mv.corollary2', c.theorem, inst);
    expect(v.holds).toBe(false);
    expect(r.verdict).toBe('refuted');
  });
});
