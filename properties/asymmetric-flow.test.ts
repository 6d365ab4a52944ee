/**
 * Properties of the asymmetric flow Ȧ = (Y − ABᵀ)B, Ḃ = (Y − ABᵀ)ᵀA (docs/theory.md §1, last part):
 * the closed form through the symmetric embedding against ODE integration, and conservation of the
 * imbalance AᵀA − BᵀB along the ODE for unbalanced inits. Each with a broken variant it rejects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedArb } from '../src/generate/arbitraries.js';
import { asymmetricClosedForm, asymmetricOde } from '../src/flows/asymmetric.js';
import { gaussianAsymmetricFactors } from '../src/init/flowInits.js';
import { Rng } from '../src/init/rng.js';
import { type Matrix, frobenius, matmulAtB, maxAbs, maxAbsDiff, scale, zeros } from '../src/linalg/matrix.js';
import { DormandPrince45 } from '../src/ode/dormandPrince.js';
import { flowTolerance, odeTolerance } from './support/tolerance.js';

const RUNS = { seed: 20261125, numRuns: 100 };
const rejects = (p: fc.IProperty<unknown[]>): boolean => (fc.check(p, { ...RUNS, endOnFailure: true }) as fc.RunDetails<unknown[]>).failed;

interface AsymInstance {
  m: number;
  n: number;
  r: number;
  targetSeed: number;
  initSeed: number;
  logAlpha: number;
}
const asymArb: fc.Arbitrary<AsymInstance> = fc.record({
  m: fc.integer({ min: 1, max: 4 }),
  n: fc.integer({ min: 1, max: 4 }),
  r: fc.integer({ min: 1, max: 3 }),
  targetSeed: seedArb,
  initSeed: seedArb,
  logAlpha: fc.double({ min: -4, max: 0, noNaN: true }),
});

function target(i: AsymInstance): Matrix {
  const y = zeros(i.m, i.n);
  y.data.set(new Rng(i.targetSeed).normalArray(i.m * i.n));
  return y;
}

type Product = (y: Matrix, a: Matrix, b: Matrix) => { matrix(t: number): Matrix };

function closedFormMatchesOde(solve: Product) {
  return fc.property(asymArb, fc.double({ min: 0, max: 6, noNaN: true }), (inst, t) => {
    const y = target(inst);
    const alpha = 10 ** inst.logAlpha;
    const [a, b] = gaussianAsymmetricFactors(inst.m, inst.n, inst.r, alpha, inst.initSeed, true);
    const w = solve(y, a, b).matrix(t);
    const atol = 1e-13 * Math.sqrt(alpha);
    const loose = asymmetricOde(y, a, b, { rtol: 1e-10, atol }).matrix(t);
    const tight = asymmetricOde(y, a, b, { rtol: 1e-12, atol: atol / 100 }).matrix(t);
    const normY = frobenius(y);
    const M = frobenius(a) ** 2 + frobenius(b) ** 2 + 2 * normY;
    const tol = odeTolerance(maxAbsDiff(loose, tight)) + flowTolerance(inst.m + inst.n, normY, M, t, maxAbs(tight));
    return maxAbsDiff(w, tight) <= tol;
  });
}

/** D(t) = AᵀA − BᵀB is conserved; the integrator's drift is bounded by its estimated global error. */
function imbalanceConserved(rhsBug: number) {
  return fc.property(asymArb, fc.double({ min: 0.5, max: 5, noNaN: true }), (inst, t) => {
    const y = target(inst);
    const [a0, b0] = gaussianAsymmetricFactors(inst.m, inst.n, inst.r, 10 ** inst.logAlpha, inst.initSeed, false);
    const { m, n, r } = inst;
    const run = (rtol: number): Float64Array => {
      const rhs = (_t: number, s: Float64Array, ds: Float64Array): void => {
        ds.fill(0);
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
          let res = y.data[i * n + j];
          for (let c = 0; c < r; c++) res -= s[i * r + c] * s[m * r + j * r + c];
          for (let c = 0; c < r; c++) {
            ds[i * r + c] += res * s[m * r + j * r + c];
            ds[m * r + j * r + c] += res * s[i * r + c];
          }
        }
        for (let k = m * r; k < (m + n) * r; k++) ds[k] += rhsBug * s[k];
      };
      const s = new Float64Array((m + n) * r);
      s.set(a0.data, 0);
      s.set(b0.data, m * r);
      new DormandPrince45(s.length, rhs, { rtol, atol: 1e-14 }).integrate(0, s, t);
      return s;
    };
    const imb = (s: Float64Array): Matrix => {
      const A = { rows: m, cols: r, data: s.slice(0, m * r) }, B = { rows: n, cols: r, data: s.slice(m * r) };
      const d = matmulAtB(A, A), bb = matmulAtB(B, B);
      for (let k = 0; k < d.data.length; k++) d.data[k] -= bb.data[k];
      return d;
    };
    const d0 = imb(Float64Array.from([...a0.data, ...b0.data]));
    const loose = imb(run(1e-9)), tight = imb(run(1e-11));
    const scaleD = frobenius(a0) ** 2 + frobenius(b0) ** 2 + 2 * frobenius(y);
    return maxAbsDiff(tight, d0) <= odeTolerance(maxAbsDiff(loose, tight)) + 64 * (m + n) * 2 ** -52 * scaleD;
  });
}

describe('asymmetric flow', () => {
  it('closed form (balanced init, symmetric embedding) agrees with ODE integration', () =>
    fc.assert(closedFormMatchesOde((y, a, b) => asymmetricClosedForm(y, a, b)), RUNS));
  it('… and that check rejects a closed form that forgets the factor 2 of the top-right block', () =>
    expect(rejects(closedFormMatchesOde((y, a, b) => {
      const f = asymmetricClosedForm(y, a, b);
      return { matrix: (t: number) => scale(f.matrix(t), 0.5) };
    }))).toBe(true));

  it('conserves AᵀA − BᵀB along the flow from unbalanced inits', () => fc.assert(imbalanceConserved(0), RUNS));
  it('… and that check rejects a right-hand side with Ḃ = (Y − ABᵀ)ᵀA + 0.01·B', () => expect(rejects(imbalanceConserved(0.01))).toBe(true));

  it('refuses the closed form for an unbalanced init, naming the field', () => {
    const y = zeros(2, 2);
    y.data.set([1, 0, 0, 2]);
    const [a, b] = gaussianAsymmetricFactors(2, 2, 2, 1, 1, false);
    expect(() => asymmetricClosedForm(y, a, b)).toThrow(/^init.factors: the closed form needs a balanced init/);
    expect(() => asymmetricOde(y, a, b).matrix(1)).not.toThrow();
  });
});
