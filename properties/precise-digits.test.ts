/**
 * The decimal solver's precision: D requested digits must give D − 5 correct digits relative to max|W|
 * against the 60-digit golden references (fixtures/golden/closed-form.json, scripts/golden_closed_form.py,
 * computed by an algorithm independent of the solver). Measured over all 40+ golden instances: the
 * worst is wide-r-32 at t = 50 with 10^−(D−3.3) (1.9e−17 at D = 20, 1.0e−31 at D = 35, 4.7e−47 at
 * D = 50); the other instances are more accurate. A solver that silently worked with D − 4 digits
 * would give about 10^−(D−7.3) there and fail. (properties/golden.test.ts checks every instance at
 * the looser 10^−(D−10).) Only the worst instance and three others are replayed here, to keep
 * `npm test` fast.
 */
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { decimalRows, preciseSymmetricClosedForm } from '../src/flows/symmetricClosedFormPrecise.js';
import { decimalContext } from '../src/precise/decimal.js';

interface GoldenInstance {
  id: string;
  target: string[][];
  factor: string[][];
  times: number[];
  W: string[][][];
}
const golden: { instances: GoldenInstance[] } = JSON.parse(readFileSync(new URL('../fixtures/golden/closed-form.json', import.meta.url), 'utf8'));
const R = Decimal.clone({ precision: 80 });

/** Worst relative error max|W − W_ref|/max|W_ref| at D digits over the chosen instances and their times. */
function worstError(D: number, ids: string[]): Decimal {
  const ctx = decimalContext(D);
  let worst = new R(0);
  for (const inst of golden.instances.filter((i) => ids.includes(i.id))) {
    const f = preciseSymmetricClosedForm(ctx, decimalRows(ctx, inst.target, 'target'), decimalRows(ctx, inst.factor, 'factor'));
    inst.times.forEach((t, k) => {
      const w = f.matrix(t);
      let sc = new R(0), e = new R(0);
      inst.W[k].flat().forEach((s, i) => {
        const v = new R(s);
        if (v.abs().gt(sc)) sc = v.abs();
        const d = new R(w.data[i]).minus(v).abs();
        if (d.gt(e)) e = d;
      });
      const rel = sc.isZero() ? e : e.div(sc);
      if (rel.gt(worst)) worst = rel;
    });
  }
  return worst;
}

describe('decimal solver precision: D digits asked give D − 5 correct digits (golden references)', () => {
  const ids = ['wide-r-32', ...golden.instances.filter((i) => i.id !== 'wide-r-32').filter((_, k) => k % 15 === 0).map((i) => i.id)].slice(0, 4);
  it('replays the worst golden instance and three others', () => {
    expect(golden.instances.some((i) => i.id === 'wide-r-32')).toBe(true);
    expect(ids.length).toBe(4);
  });
  for (const D of [20, 35]) {
    it(`D = ${D}: max relative error ≤ 10^−${D - 5}`, () => {
      const w = worstError(D, ids);
      expect(w.lte(new R(10).pow(-(D - 5))), w.toExponential(3)).toBe(true);
      expect(w.gt(0)).toBe(true);
    });
  }
});
