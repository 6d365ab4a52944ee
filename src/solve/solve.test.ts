import { describe, expect, it } from 'vitest';
import { logisticMode } from '../flows/spectral.js';
import { solve } from './index.js';
import { itRejects } from './testSupport.js';

const base = () => ({
  model: 'symmetric',
  method: 'closed-form',
  target: [[2, 0.5], [0.5, 1]],
  init: { factor: [[0.01, 0], [0, 0.02]] },
  times: [0, 1, 4],
});
type Problem = Record<string, unknown>;
const withField = (patch: (p: Problem) => void): Problem => {
  const p: Problem = base();
  patch(p);
  return p;
};

/** Every rule of the input format: the message must name the field and the rule. */
const BAD: [string, unknown, RegExp][] = [
  ['not an object', [1, 2], /^problem: must be a JSON object/],
  ['missing model', withField((p) => delete p.model), /^model: is required/],
  ['unknown model', withField((p) => (p.model = 'tensor')), /^model: must be one of "symmetric", "asymmetric", "deep", "sensing"/],
  ['missing method', withField((p) => delete p.method), /^method: is required/],
  ['unknown method', withField((p) => (p.method = 'euler')), /^method: must be one of/],
  ['deep by flow', withField((p) => (p.model = 'deep')), /^method: the deep model is solved by gradient descent/],
  ['unknown field', withField((p) => (p.tims = [1])), /^tims: is not a known field here \(known: model, method/],
  ['missing target', withField((p) => delete p.target), /^target: is required/],
  ['non-symmetric target', withField((p) => (p.target = [[1, 2], [2.1, 1]])), /^target: must be symmetric to 1e-12 relative/],
  ['non-square target', withField((p) => (p.target = [[1, 2, 3], [2, 1, 0]])), /^target: must be square for the symmetric model \(is 2×3\)/],
  ['NaN entry', withField((p) => (p.target = [[1, 'NaN'], [0, 1]])), /^target\[0\]\[1\]: must be a finite number or a decimal string/],
  ['null entry', withField((p) => (p.target = [[1, null], [0, 1]])), /^target\[0\]\[1\]: must be a finite number/],
  ['ragged target', withField((p) => (p.target = [[1, 0], [0]])), /^target\[1\]: must have 2 entries/],
  ['huge entry', withField((p) => (p.target = [[1e200, 0], [0, 1]])), /^target\[0\]\[0\]: must have magnitude ≤ 1e\+100/],
  ['missing times', withField((p) => delete p.times), /^times: is required/],
  ['empty times', withField((p) => (p.times = [])), /^times: must not be empty/],
  ['negative time', withField((p) => (p.times = [0, -1])), /^times\[1\]: must be ≥ 0/],
  ['string time', withField((p) => (p.times = ['1'])), /^times\[0\]: must be a finite number/],
  ['missing init', withField((p) => delete p.init), /^init: is required/],
  ['init not object', withField((p) => (p.init = 3)), /^init: must be a JSON object/],
  ['init factor rows', withField((p) => (p.init = { factor: [[1, 2, 3]] })), /^init.factor: must have 2 rows like the target \(has 1\)/],
  ['init factors for symmetric', withField((p) => (p.init = { factors: [[[1]], [[1]]] })), /^init.factors: is for the asymmetric model/],
  ['init extra key', withField((p) => (p.init = { factor: [[1], [1]], scale: 2 })), /^init.scale: is not a known field here/],
  ['init kind', withField((p) => (p.init = { kind: 'orthogonal', scale: 1 })), /^init.kind: must be one of "aligned", "gaussian"/],
  ['negative scale', withField((p) => (p.init = { kind: 'aligned', scale: -1, shape: [1, 1] })), /^init.scale: must be ≥ 0/],
  ['missing scale', withField((p) => (p.init = { kind: 'aligned', shape: [1, 1] })), /^init.scale: is required/],
  ['shape length', withField((p) => (p.init = { kind: 'aligned', scale: 1, shape: [1] })), /^init.shape: must be an array of 2 numbers/],
  ['shape negative', withField((p) => (p.init = { kind: 'aligned', scale: 1, shape: [1, -1] })), /^init.shape\[1\]: must be a finite number ≥ 0/],
  ['width zero', withField((p) => (p.init = { kind: 'gaussian', scale: 1, width: 0, seed: 1 })), /^init.width: must be an integer from 1 to 4096/],
  ['seed negative', withField((p) => (p.init = { kind: 'gaussian', scale: 1, width: 2, seed: -3 })), /^init.seed: must be an integer from 0/],
  ['balanced for symmetric', withField((p) => (p.init = { kind: 'gaussian', scale: 1, width: 2, seed: 3, balanced: true })), /^init.balanced: is for the asymmetric model only/],
  ['digits range', withField((p) => (p.digits = 5)), /^digits: must be an integer from 10 to 100/],
  ['digits with ode', withField((p) => { p.digits = 20; p.method = 'ode'; }), /^digits: is only available with "method": "closed-form"/],
  ['level zero', withField((p) => (p.levels = [0.5, 0])), /^levels\[1\]: must be > 0/],
  ['horizon without levels', withField((p) => (p.horizon = 3)), /^horizon: is only meaningful with "levels"/],
  ['horizon negative', withField((p) => { p.levels = [0.5]; p.horizon = -1; }), /^horizon: must be > 0/],
  ['ode with closed form', withField((p) => (p.ode = { rtol: 1e-8 })), /^ode: is only meaningful with "method": "ode"/],
  ['ode rtol', withField((p) => { p.method = 'ode'; p.ode = { rtol: 0 }; }), /^ode.rtol: must be a number in \[1e-14, 1\)/],
  ['ode unknown key', withField((p) => { p.method = 'ode'; p.ode = { tol: 1 }; }), /^ode.tol: is not a known field here/],
  ['asym factor for symmetric field', { model: 'asymmetric', method: 'ode', target: [[1, 2]], init: { factor: [[1]] }, times: [1] }, /^init.factor: is for the symmetric model/],
  ['asym factors shape', { model: 'asymmetric', method: 'ode', target: [[1, 2]], init: { factors: [[[1]]] }, times: [1] }, /^init.factors: must be \[A0, B0\]/],
  ['asym B rows', { model: 'asymmetric', method: 'ode', target: [[1, 2]], init: { factors: [[[1]], [[1]]] }, times: [1] }, /^init.factors\[1\]: must have 2 rows/],
  ['asym widths', { model: 'asymmetric', method: 'ode', target: [[1, 2]], init: { factors: [[[1]], [[1, 0], [0, 1]]] }, times: [1] }, /^init.factors\[1\]: must have 1 columns like init.factors\[0\]/],
  ['asym unbalanced closed form', { model: 'asymmetric', method: 'closed-form', target: [[1, 2]], init: { factors: [[[1]], [[1], [1]]] }, times: [1] }, /^init.factors: the closed form needs a balanced init/],
  ['asym unbalanced closed form (digits)', { model: 'asymmetric', method: 'closed-form', digits: 20, target: [[1, 2]], init: { factors: [[[1]], [[1], [1]]] }, times: [1] }, /^init.factors: the closed form needs a balanced init/],
  ['decimal string in digits mode', withField((p) => { p.digits = 20; p.target = [[1, 'x'], [0, 1]]; }), /^target\[0\]\[1\]: must be a finite number or a decimal string/],
  ['digits target asymmetric', withField((p) => { p.digits = 20; p.target = [[1, 2], [3, 1]]; }), /^target: must be symmetric/],
];

describe('solve input validation', () => {
  itRejects(BAD);
});

describe('solve results', () => {
  it('symmetric closed form: snapshots with the documented fields', () => {
    const r = solve(base());
    expect(r.snapshots.map((s) => s.time)).toEqual([0, 1, 4]);
    const s = r.snapshots[2];
    expect(s.matrix.length).toBe(2);
    expect(s.singularValues.length).toBe(2);
    expect(s.singularValues[0]).toBeGreaterThanOrEqual(s.singularValues[1] as number);
    expect(s.effectiveRank).toBeGreaterThanOrEqual(1);
    const w = s.matrix as number[][];
    const y = base().target;
    let loss = 0;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) loss += (y[i][j] - w[i][j]) ** 2;
    expect(s.loss).toBeCloseTo(loss / 4, 14);
    expect(s.projections.length).toBe(2);
    expect(r.hitting).toBeNull();
    expect(r.diagnostics).toMatchObject({ model: 'symmetric', method: 'closed-form', shape: [2, 2], warnings: [] });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
  it('accepts numeric strings and agrees between closed form and ODE', () => {
    const cf = solve(withField((p) => (p.target = [['2', '0.5'], ['0.5', '1']])));
    const ode = solve(withField((p) => { p.method = 'ode'; p.ode = { rtol: 1e-12, atol: 1e-16 }; }));
    for (let k = 0; k < 3; k++) {
      const a = cf.snapshots[k].matrix.flat() as number[], b = ode.snapshots[k].matrix.flat() as number[];
      a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-10));
    }
    expect(ode.diagnostics.steps).toBeGreaterThan(0);
  });
  it('aligned init follows the logistic modes; hitting times with levels and horizon', () => {
    const r = solve({ model: 'symmetric', method: 'closed-form', target: [[2, 0], [0, 1]], init: { kind: 'aligned', scale: 1e-3, shape: [1, 2] }, times: [0, 3], levels: [0.5], horizon: 10 });
    expect(r.snapshots[1].projections[0]).toBeCloseTo(logisticMode(2, 1e-3, 3), 14);
    expect(r.snapshots[1].projections[1]).toBeCloseTo(logisticMode(1, 2e-3, 3), 14);
    expect(r.hitting!.horizon).toBe(10);
    expect(r.hitting!.times[0][0]).toBeCloseTo(Math.log((2 - 1e-3) / 1e-3) / 4, 8);
    expect(r.hitting!.uncertifiedIntervals).toBe(0);
  });
  it('gaussian init is reproducible from its seed and width', () => {
    const p = withField((q) => (q.init = { kind: 'gaussian', scale: 1e-2, width: 3, seed: 11 }));
    expect(solve(p)).toEqual(solve(p));
    expect(solve(p).diagnostics.width).toBe(2);
  });
  it('warns when positive target eigenvalues coincide', () => {
    const r = solve({ model: 'symmetric', method: 'closed-form', target: [[1, 0], [0, 1]], init: { factor: [[0.1], [0.2]] }, times: [1] });
    expect((r.diagnostics.warnings as string[])[0]).toMatch(/coincide/);
  });
  it('asymmetric: factors, aligned, gaussian (balanced for the closed form) agree with the ODE', () => {
    const target = [[1, 2, 0], [0.5, -1, 3]];
    const aligned = solve({ model: 'asymmetric', method: 'closed-form', target, init: { kind: 'aligned', scale: 1e-2, shape: [1, 1] }, times: [0, 2] });
    expect(aligned.snapshots[1].matrix.length).toBe(2);
    expect(aligned.snapshots[1].matrix[0].length).toBe(3);
    const g = { kind: 'gaussian', scale: 1e-2, width: 2, seed: 5, balanced: true };
    const cf = solve({ model: 'asymmetric', method: 'closed-form', target, init: g, times: [3], levels: [0.5] });
    const ode = solve({ model: 'asymmetric', method: 'ode', target, init: g, times: [3], ode: { rtol: 1e-12, atol: 1e-16 } });
    const a = cf.snapshots[0].matrix.flat() as number[], b = ode.snapshots[0].matrix.flat() as number[];
    a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-9));
    expect(cf.hitting!.times[0].length).toBe(2);
    const unb = solve({ model: 'asymmetric', method: 'ode', target, init: { kind: 'gaussian', scale: 1e-2, width: 2, seed: 5 }, times: [1] });
    expect(unb.diagnostics.imbalance).toBeGreaterThan(0);
    const f = solve({ model: 'asymmetric', method: 'closed-form', target, init: { factors: [[[0.1], [0]], [[0.1], [0], [0]]] }, times: [1] });
    expect(f.snapshots[0].singularValues.length).toBe(2);
  });
  it('digits: decimal strings that agree with float64, for every init kind and both models', () => {
    const pf = withField((p) => (p.init = { kind: 'aligned', scale: 1e-3, shape: [1, 0.5] }));
    const float = solve(pf);
    const dec = solve({ ...pf, digits: 30 });
    const wd = dec.snapshots[2].matrix.flat() as string[];
    expect(typeof wd[0]).toBe('string');
    (float.snapshots[2].matrix.flat() as number[]).forEach((v, i) => expect(Math.abs(v - Number(wd[i]))).toBeLessThan(1e-12));
    expect(Number(dec.snapshots[2].loss)).toBeCloseTo(float.snapshots[2].loss as number, 12);
    expect(dec.snapshots[2].effectiveRank).toBeCloseTo(float.snapshots[2].effectiveRank, 10);
    expect(dec.diagnostics.digits).toBe(30);
    const g = solve(withField((p) => { p.digits = 20; p.init = { kind: 'gaussian', scale: 1e-4, width: 2, seed: 1 }; }));
    expect(g.snapshots.length).toBe(3);
    const fac = solve(withField((p) => { p.digits = 20; p.levels = [0.5]; p.horizon = 20; }));
    const facF = solve(withField((p) => { p.levels = [0.5]; p.horizon = 20; }));
    expect(fac.hitting!.times[0][0]).toBeCloseTo(facF.hitting!.times[0][0] as number, 8);
    const target = [[1, 2, 0], [0.5, -1, 3]];
    const asymA = solve({ model: 'asymmetric', method: 'closed-form', digits: 25, target, init: { kind: 'aligned', scale: 1e-2, shape: [1, 1] }, times: [2] });
    const asymF = solve({ model: 'asymmetric', method: 'closed-form', target, init: { kind: 'aligned', scale: 1e-2, shape: [1, 1] }, times: [2] });
    (asymF.snapshots[0].matrix.flat() as number[]).forEach((v, i) => expect(Math.abs(v - Number(asymA.snapshots[0].matrix.flat()[i]))).toBeLessThan(1e-12));
    expect(asymA.snapshots[0].singularValues.length).toBe(2);
    const asymG = solve({ model: 'asymmetric', method: 'closed-form', digits: 20, target, init: { kind: 'gaussian', scale: 1e-2, width: 2, seed: 4, balanced: true }, times: [1], levels: [0.5] });
    expect(asymG.hitting!.times.length).toBe(1);
    const asymU = solve({ model: 'asymmetric', method: 'closed-form', digits: 30, target: [[1, 0], [0, 2]], init: { factors: [[[0.1], [0]], [[0.1], [0]]] }, times: [1] });
    expect(asymU.diagnostics.warnings).toEqual([]);
    expect(() => solve({ model: 'asymmetric', method: 'closed-form', digits: 30, target, init: { kind: 'gaussian', scale: 1e-2, width: 2, seed: 4 }, times: [1] })).toThrow(/balanced/);
  });
  it('digits: W below the float64 range (α = 1e−400) is still resolved', () => {
    const r = solve({ model: 'symmetric', method: 'closed-form', digits: 20, target: [[1]], init: { factor: [['1e-200']] }, times: [1] });
    expect(r.snapshots[0].matrix[0][0]).toMatch(/e-400$/);
  });
});
