/** [CGMR] step-size conditions (theorems/cgmr/stepSize.ts, derived) on the matrix GD engine. */
import { describe, expect, it } from 'vitest';
import { checkTheorem } from '../theorems/check.js';
import { monotoneStep } from '../theorems/cgmr/bounds.js';
import { negativeEigenvalueDeparture, scalarReduction } from '../theorems/cgmr/scalarReduction.js';
import { type StepSizeInstance, orderStep, stepSize } from '../theorems/cgmr/stepSize.js';
import { runDeep } from '../theorems/cgmr/engine.js';
import { itRefutesOnStatedFraction } from './support/cgmrControls.js';
import { itExploresBoundary, itHolds, itRefutesControls } from './support/claims.js';

const base: StepSizeInstance = { eigenvalues: [2, 1.9, 0.5, 0], depth: 3, alpha: 0.2, stepSize: orderStep(2, 3), basisSeed: 3, steps: 800 };

describe('[CGMR] step-size conditions (derived)', () => {
  itHolds(stepSize, 141);
  itRefutesControls(stepSize, 142);
  itRefutesOnStatedFraction(stepSize, 142, 40);
  itExploresBoundary(stepSize, 143, 20);
  it('hypotheses pinned: η at 1/(Nλ₁^{2−2/N}) holds, 1 % above is outside (and there the top mode overshoots)', () => {
    expect(checkTheorem(stepSize, { ...base, stepSize: monotoneStep(2, 3) }).status).toBe('holds');
    const out = { ...base, stepSize: 1.01 * monotoneStep(2, 3) };
    expect(checkTheorem(stepSize, out).status).toBe('outside-hypotheses');
    expect(checkTheorem(stepSize.negativeControls[0].theorem, { ...out, stepSize: 1.2 * monotoneStep(2, 3) }).status).toBe('refuted');
  });
  it('the order is claimed only under η ≤ 1/((2N−1)λ₁^{2−2/N}); the zero mode follows its sandwich', () => {
    const r = checkTheorem(stepSize, base);
    expect(r.status).toBe('holds');
    expect(r.verdict!.details.order as number).toBeLessThanOrEqual(0);
    expect(r.verdict!.details.zeroDecay as number).toBeLessThanOrEqual(0);
  });
  it('finding: at a negative eigenvalue the reduction is transversally unstable; matrix GD learns λ < 0 (W → Y, not Y₊) past the certified horizon', () => {
    const { instance } = negativeEigenvalueDeparture;
    const r = checkTheorem(scalarReduction, instance);
    expect(r.status).toBe('outside-hypotheses');
    let last = 0;
    runDeep(instance, instance.steps, (_k, p) => {
      last = p[2];
    });
    expect(last).toBeLessThan(-0.99); // the scalar recursion stays in (0, α^N]
  });
  it('orderStep 1/((2N−1)λ₁^{2−2/N}) hand-computed; the order is claimed for η up to it (equality included)', () => {
    expect(orderStep(2, 2)).toBe(1 / 6);
    expect(orderStep(8, 3)).toBeCloseTo(1 / 80, 15); // 8^{4/3} = 16
    const inst = { ...base, stepSize: orderStep(2, 3) };
    expect(stepSize.predict(inst)).toEqual({ ordered: true, errorTermFactor: 1, ceiling: 1 });
    expect(stepSize.predict({ ...inst, stepSize: orderStep(2, 3) * (1 + 1e-12) }).ordered).toBe(false);
    const ctl = stepSize.negativeControls.find((c) => c.name === 'order-condition-dropped')!.theorem;
    expect(ctl.predict({ ...inst, stepSize: 0.9 * monotoneStep(2, 3) }).ordered).toBe(true);
    expect(stepSize.negativeControls.find((c) => c.name === 'ceiling-0.9λ')!.theorem.predict(inst).ceiling).toBe(0.9);
  });
  it('the verdict: the worst sub-claim decides, margin = −worst (1 when none applies), holds iff worst ≤ 0', () => {
    const obs = (o: Partial<Record<'overshoot' | 'rise' | 'order' | 'negative' | 'zeroDecay', number>>) => ({ overshoot: -Infinity, rise: -Infinity, order: -Infinity, negative: -Infinity, zeroDecay: -Infinity, where: { overshoot: 1, rise: 2, order: 3, negative: 4, zeroDecay: 5 }, ...o });
    const pred = stepSize.predict(base);
    const v = (o: Parameters<typeof obs>[0]) => stepSize.verdict(base, pred, obs(o));
    expect(v({})).toMatchObject({ holds: true, margin: 1, certified: true });
    expect(v({ overshoot: -0.5, rise: -0.2, order: -0.7 })).toMatchObject({ holds: true, margin: 0.2, worst: { iteration: 2, note: 'rise' } });
    expect(v({ overshoot: -0.5, zeroDecay: 0 })).toMatchObject({ holds: true, margin: -0, worst: { iteration: 5, note: 'zeroDecay' } });
    expect(v({ overshoot: -0.5, negative: 1e-9 })).toMatchObject({ holds: false, worst: { iteration: 4, note: 'negative' } });
    expect(v({ order: 0.3, overshoot: 0.1 })).toMatchObject({ holds: false, margin: -0.3, worst: { note: 'order' } });
    expect(v({ overshoot: 0.1 }).details).toEqual({ overshoot: 0.1, rise: -Infinity, order: -Infinity, negative: -Infinity, zeroDecay: -Infinity });
    // the order-only control ignores the other sub-claims
    const ctl = stepSize.negativeControls.find((c) => c.name === 'order-condition-dropped')!.theorem;
    expect(ctl.verdict(base, pred, obs({ overshoot: 0.5, order: -0.1 }))).toMatchObject({ holds: true, margin: 0.1, details: { order: -0.1 } });
  });
  it('the observation on a fixed instance with all four kinds of modes, pinned (values of this engine and code at commit time)', () => {
    // λ = (2, 1.9, 0.5, 0, −0.3), N = 3: (a) the positive modes end at their rounding allowance −tol/λ,
    // (b) the order gap likewise, (c) the negative mode stays in (0, α^N], (d) the zero mode sits 2.2 %
    // of its band's width inside the sandwich. A change in any sub-claim's arithmetic moves a value.
    const inst = { eigenvalues: [2, 1.9, 0.5, 0, -0.3], depth: 3, alpha: 0.2, stepSize: 0.9 * orderStep(2, 3), basisSeed: 3, steps: 150 };
    expect(stepSize.hypotheses(inst)).toEqual([]);
    const o = stepSize.observe(inst, stepSize.predict(inst));
    const rel = (x: number, y: number) => expect(Math.abs(x - y) / Math.abs(y)).toBeLessThan(1e-6);
    rel(o.overshoot, -1.756547081790416e-10);
    rel(o.rise, -1.7799983227395732e-10);
    rel(o.order, -6.394483925957436e-13);
    rel(o.negative, -1.1190368554468959e-10);
    rel(o.zeroDecay, -0.02223326464584698);
    expect(o.where).toEqual({ overshoot: 65, negative: 0, order: 0, rise: 65, zeroDecay: 62 });
    const v = stepSize.verdict(inst, stepSize.predict(inst), o);
    expect(v).toMatchObject({ holds: true, worst: { note: 'order', iteration: 0 } });
    rel(v.margin, 6.394483925957436e-13);
  });
  it('hypotheses report quantity, relation and bound; the horizon is asked only once the rest holds', () => {
    const inst = { eigenvalues: [1, -0.5], depth: 2, alpha: 0.1, stepSize: 0.2, basisSeed: 1, steps: 158 };
    expect(stepSize.hypotheses(inst)).toEqual([{ name: 'steps ≤ certified horizon of the reduction (a negative eigenvalue)', quantity: 158, relation: '≤', bound: 157 }]);
    expect(stepSize.hypotheses({ ...inst, stepSize: 0.6 }).map((f) => f.name)).toEqual(['η ≤ 1/(Nλ₁^{2−2/N}) (monotone step)']);
    expect(stepSize.hypotheses({ ...inst, steps: 3e4 })).toEqual([{ name: 'steps integer in [1, 2e4]', quantity: 3e4, relation: '≤', bound: 2e4 }]);
    // the order is not observed when it is not claimed
    const un = { eigenvalues: [2, 1.9, 0.5], depth: 3, alpha: 0.2, stepSize: 0.9 * monotoneStep(2, 3), basisSeed: 3, steps: 60 };
    const pred = stepSize.predict(un);
    expect(pred.ordered).toBe(false);
    expect(stepSize.observe(un, pred).order).toBe(-Infinity);
    expect(stepSize.verdict(un, pred, { overshoot: -Infinity, rise: -Infinity, order: -Infinity, negative: -Infinity, zeroDecay: -Infinity, where: {} }).worst.note).toBe('overshoot');
  });
});

