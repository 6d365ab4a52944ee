import { describe, expect, it } from 'vitest';
import { decimalContext } from './decimal.js';
import { scalarGdDecimal } from './scalarGdDecimal.js';

/** Projections p(k) and their bounds at `digits`, for a few eigenvalues (incl. ≤ 0), N ∈ {2, 3, 5}. */
function run(digits: number, N: number, steps: number) {
  const D = decimalContext(digits);
  const lam = ['2.3724455271667106', '0.4931392484250668', '0', '-0.7'].map((x) => new D(x));
  const alpha = N === 2 ? '0.001' : '0.2';
  const eta = new D(0.9 / (N * 2.3724455271667106 ** (2 - 2 / N)));
  const out: { p: string[]; err: number[] }[] = [];
  scalarGdDecimal(D, lam, new D(alpha), eta, N, steps, (_k, s) => void out.push({ p: s.p.map((x) => x.toString()), err: s.pErr.slice() }));
  return out;
}

describe('scalarGdDecimal', () => {
  it.each([2, 3, 5])('N = %i: its rounding bound covers the difference to a 60-digit run (the bound is a certificate)', (N) => {
    const lo = run(15, N, 1500), hi = run(60, N, 1500);
    const D = decimalContext(60);
    let worst = 0, worstDiff = 0;
    lo.forEach((s, k) =>
      s.p.forEach((x, i) => {
        const diff = new D(x).minus(hi[k].p[i]).abs().toNumber();
        expect(diff).toBeLessThanOrEqual(s.err[i]);
        worst = Math.max(worst, s.err[i]);
        worstDiff = Math.max(worstDiff, diff);
      }),
    );
    // … and is not vacuous at 15 digits (measured: bound ≈ 170–4200× the true difference, ≤ 1.2e−8).
    expect(worst).toBeLessThan(1e-7);
  });
});
