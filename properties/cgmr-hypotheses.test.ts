/**
 * The [CGMR] claims' own hypotheses pinned at their boundaries: for each, an instance just inside
 * (no failure of that name; the base instances have none at all) and one just outside (the named
 * failure). The shared step-size hypotheses are pinned in theorems/cgmr/hypotheses.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monotoneStep } from '../theorems/cgmr/bounds.js';
import { depthSeparation } from '../theorems/cgmr/depthSeparation.js';
import { earlyStopping } from '../theorems/cgmr/earlyStopping.js';
import { erankInterval } from '../theorems/cgmr/erankInterval.js';
import { hittingBounds } from '../theorems/cgmr/hittingBounds.js';
import { monotoneErank, monotoneErankUnqualified } from '../theorems/cgmr/monotoneErank.js';
import { scalarReduction, transverseHorizon } from '../theorems/cgmr/scalarReduction.js';
import { stepSize } from '../theorems/cgmr/stepSize.js';
import type { Theorem } from '../theorems/types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type T = Theorem<any, any, any>;
const names = (t: T, inst: unknown): string[] => t.hypotheses(inst).map((f) => f.name);
function pinned(t: T, inside: unknown, outside: unknown, name: RegExp | string): void {
  const re = typeof name === 'string' ? new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : name;
  expect(names(t, inside).filter((n) => re.test(n)), `inside ${JSON.stringify(inside)}`).toEqual([]);
  expect(names(t, outside).some((n) => re.test(n)), `outside ${JSON.stringify(outside)}: ${names(t, outside).join('; ')}`).toBe(true);
}

describe('[CGMR] claim hypotheses pinned at their boundaries', () => {
  it('cgmr.stepSize: steps in [1, 2e4]; a negative eigenvalue needs steps ≤ the certified horizon of the reduction', () => {
    const base = { eigenvalues: [2, 0.5, 0], depth: 2, alpha: 0.1, stepSize: 0.1, basisSeed: 1, steps: 100 };
    expect(stepSize.hypotheses(base)).toEqual([]);
    pinned(stepSize, { ...base, steps: 2e4 }, { ...base, steps: 2e4 + 1 }, 'steps integer in [1, 2e4]');
    pinned(stepSize, { ...base, steps: 1 }, { ...base, steps: 0 }, 'steps integer in [1, 2e4]');
    expect(names(stepSize, { ...base, steps: 1.5 })).toEqual(['steps integer in [1, 2e4]']);
    const neg = { eigenvalues: [1, -0.5], depth: 2, alpha: 0.1, stepSize: 0.2, basisSeed: 1, steps: 1 };
    const h = transverseHorizon(neg, 2e4);
    expect(h).toBe(157);
    pinned(stepSize, { ...neg, steps: h }, { ...neg, steps: h + 1 }, 'steps ≤ certified horizon of the reduction (a negative eigenvalue)');
    // the control that drops the monotone step condition keeps every other hypothesis
    const ctl = stepSize.negativeControls.find((c) => c.name === 'step-condition-dropped')!.theorem;
    expect(ctl.hypotheses({ ...base, stepSize: 0.3 })).toEqual([]);
    expect(names(stepSize, { ...base, stepSize: 0.3 })).toEqual(['η ≤ 1/(Nλ₁^{2−2/N}) (monotone step)']);
    expect(names(ctl, { ...base, stepSize: 0.3, steps: 0 })).toEqual(['steps integer in [1, 2e4]']);
  });

  it('cgmr.scalarReduction: kind, aligned σ ≥ 0, steps in [1, 1e5], the certified horizon', () => {
    const base = { kind: 'identity' as const, eigenvalues: [2, 0.5, 0], depth: 2, alpha: 0.1, stepSize: 0.1, basisSeed: 1, rightSeed: 2, steps: 50 };
    expect(scalarReduction.hypotheses(base)).toEqual([]);
    expect(names(scalarReduction, { ...base, kind: 'other' })).toEqual(["kind ∈ {'identity', 'aligned'}"]);
    const al = { ...base, kind: 'aligned' as const };
    pinned(scalarReduction, al, { ...al, eigenvalues: [2, 0.5, -1e-9] }, 'aligned: singular value σ3 ≥ 0');
    // an identity instance may have a negative eigenvalue (no σ ≥ 0 condition)
    expect(names(scalarReduction, { ...base, eigenvalues: [2, 0.5, -0.3] }).filter((n) => /σ/.test(n))).toEqual([]);
    pinned(scalarReduction, { ...base, steps: 1e5 }, { ...base, steps: 1e5 + 1 }, 'steps integer in [1, 1e5]');
    pinned(scalarReduction, { ...base, steps: 1 }, { ...base, steps: 0 }, 'steps integer in [1, 1e5]');
    expect(names(scalarReduction, { ...base, steps: 2.5 })).toEqual(['steps integer in [1, 1e5]']);
    const neg = { ...base, eigenvalues: [1, -0.5], stepSize: 0.2 };
    pinned(scalarReduction, { ...neg, steps: 157 }, { ...neg, steps: 158 }, /^steps ≤ certified horizon/);
    // the stable-step hypothesis applies (not the monotone one)
    expect(names(scalarReduction, { ...base, stepSize: 0.3 })).toEqual([]);
    expect(names(scalarReduction, { ...base, stepSize: 0.5 })).toEqual(['η < 2/(Nλ₁^{2−2/N}) (stability)']);
  });

  it('cgmr.monotoneErank and cgmr.monotoneAsStated: Y ⪰ 0, steps in [1, 1e5]; the regime only for the qualified claim', () => {
    const base = { eigenvalues: [2, 0.5, 0], depth: 2, alpha: 0.05, stepSize: 0.2, basisSeed: 1, steps: 100 };
    for (const t of [monotoneErank, monotoneErankUnqualified]) {
      expect(t.hypotheses(base)).toEqual([]);
      pinned(t, base, { ...base, eigenvalues: [2, 0.5, -1e-9] }, 'Y ⪰ 0 (λ_n ≥ 0)');
      pinned(t, { ...base, steps: 1e5 }, { ...base, steps: 1e5 + 1 }, 'steps integer in [1, 1e5]');
      pinned(t, { ...base, steps: 1 }, { ...base, steps: 0 }, 'steps integer in [1, 1e5]');
      expect(names(t, { ...base, steps: 3.5 })).toEqual(['steps integer in [1, 1e5]']);
    }
    // the regime α^N ≤ 10⁻²·λ_min⁺ (λ_min⁺ = 0.5): equality inside, the unqualified reading has no regime
    const edge = { ...base, alpha: Math.sqrt(5e-3) };
    expect(edge.alpha ** 2 <= 5e-3).toBe(true);
    pinned(monotoneErank, edge, { ...base, alpha: Math.sqrt(5e-3) * (1 + 1e-9) }, 'small-α regime α^N ≤ 10⁻²·λ_min⁺');
    expect(monotoneErankUnqualified.hypotheses({ ...base, alpha: 0.5 })).toEqual([]);
    // without positive eigenvalues there is no regime to ask
    expect(monotoneErank.hypotheses({ ...base, eigenvalues: [0, 0], alpha: 0.5 })).toEqual([]);
  });

  it('cgmr.hittingBounds: levels in (0, 1), ε ∈ (0, 1 − c), c ∈ (0, 1), a positive eigenvalue', () => {
    const base = { eigenvalues: [2, 0.5, -0.2], depth: 2, alpha: 0.1, stepSize: 0.2, basisSeed: 1, levels: [0.5, 0.9] };
    expect(hittingBounds.hypotheses(base)).toEqual([]);
    const lv = 'levels: non-empty, each q ∈ (0, 1)';
    pinned(hittingBounds, { ...base, levels: [1 - 1e-12] }, { ...base, levels: [1] }, lv);
    pinned(hittingBounds, { ...base, levels: [0.05] }, { ...base, levels: [0] }, lv);
    expect(names(hittingBounds, { ...base, levels: [] })).toEqual([lv]);
    expect(names(hittingBounds, { ...base, levels: 0.5 })).toEqual([lv]);
    const ep = 'ε ∈ (0, 1 − c)';
    pinned(hittingBounds, { ...base, epsilon: 1e-9 }, { ...base, epsilon: 0 }, ep);
    pinned(hittingBounds, { ...base, epsilon: 0.4999 }, { ...base, epsilon: 0.5 }, ep);
    pinned(hittingBounds, { ...base, phase1Level: 0.1, epsilon: 0.8999 }, { ...base, phase1Level: 0.1, epsilon: 0.9 }, ep);
    const cl = 'phase-1 level c ∈ (0, 1)';
    pinned(hittingBounds, { ...base, phase1Level: 0.2, epsilon: 0.01 }, { ...base, phase1Level: 0, epsilon: 0.01 }, cl);
    pinned(hittingBounds, { ...base, phase1Level: 0.98, epsilon: 0.01 }, { ...base, phase1Level: 1, epsilon: 0.01 }, cl);
    pinned(hittingBounds, base, { ...base, eigenvalues: [0, -0.2] }, 'a positive eigenvalue');
    // α^N < q·λᵢ for every level and for c: the smallest of them binds (here c = 0.05 below the levels)
    const q = { ...base, levels: [0.5], phase1Level: 0.05, epsilon: 0.01 };
    pinned(hittingBounds, { ...q, alpha: Math.sqrt(0.025) * (1 - 1e-9) }, { ...q, alpha: Math.sqrt(0.025) * (1 + 1e-9) }, 'α^N < q·λ2 (every level, and c)');
  });

  it('cgmr.erankInterval: rank, λ_r > 0, Y ⪰ 0, c, λ_r > α^N/c, ε, τ ≤ 1/2 (exactly at 1/2 inside), the tail step condition', () => {
    // n − r = 1, ε = 1/2, Σλ_top = 1, δ = 1/4: τ = 1/2 exactly
    const base = { eigenvalues: [1, 0.01], depth: 2, alpha: 0.1, stepSize: 0.2, rank: 1, epsilon: 0.5, delta: 0.25, phase1Level: 0.25, basisSeed: 1 };
    expect(erankInterval.hypotheses(base)).toEqual([]);
    const tau = 'τ = (n − r)δ/((1 − ε)Σλ_top) ≤ 1/2';
    pinned(erankInterval, base, { ...base, delta: 0.25 * (1 + 1e-12) }, tau);
    const rk = 'rank r integer, 1 ≤ r < n';
    expect(names(erankInterval, { ...base, rank: 0 })).toEqual([rk]);
    expect(names(erankInterval, { ...base, eigenvalues: [1, 0.02], rank: 2 })).toEqual([rk]);
    expect(names(erankInterval, { ...base, rank: 1.5 })).toEqual([rk]);
    pinned(erankInterval, base, { ...base, eigenvalues: [1, -1e-9] }, /^Y ⪰ 0/);
    pinned(erankInterval, { ...base, eigenvalues: [1, 0.5, 0], rank: 2, delta: 0.01 }, { ...base, eigenvalues: [1, 0, 0], rank: 2, delta: 0.01 }, 'λ_r > 0');
    // λ_r > α^N/c: α^N = 0.01, λ_r = 1, so c = 0.01 is the edge
    const lc = 'λ_r > α^N/c';
    pinned(erankInterval, { ...base, phase1Level: 0.01 * (1 + 1e-9) }, { ...base, phase1Level: 0.01 }, lc);
    const cl = 'phase-1 level c ∈ (0, 1)';
    expect(names(erankInterval, { ...base, phase1Level: 0 })).toContain(cl);
    pinned(erankInterval, { ...base, phase1Level: 0.4, epsilon: 0.1 }, { ...base, phase1Level: 1, epsilon: 0.1 }, cl);
    const ep = '0 < ε < 1 − c';
    pinned(erankInterval, { ...base, epsilon: 1e-9, delta: 0.1 }, { ...base, epsilon: 0, delta: 0.1 }, ep);
    pinned(erankInterval, { ...base, epsilon: 0.7499, delta: 0.05 }, { ...base, epsilon: 0.75, delta: 0.05 }, ep);
    // tail eigenvalues below α^N ask η(2N−1)α^{2N−2} ≤ 1 (and may start above their eigenvalue)
    const tail = { eigenvalues: [1, 0.5], depth: 2, alpha: Math.sqrt(0.9), stepSize: 0.3, rank: 1, epsilon: 0.05, delta: 0.95, phase1Level: 0.92, basisSeed: 1 };
    const tq = 'η(2N−1)α^{2N−2} ≤ 1 (tail eigenvalues below α^N)';
    pinned(erankInterval, tail, { ...tail, stepSize: 0.5 }, tq);
    expect(names(erankInterval, tail).some((n) => /α\^N < λ2/.test(n))).toBe(false);
    // a tail eigenvalue above α^N does not ask it
    expect(names(erankInterval, { ...tail, eigenvalues: [1, 0.95], stepSize: 0.5 }).filter((n) => n === tq)).toEqual([]);
    // but a top eigenvalue below α^N is refused
    expect(names(erankInterval, { ...tail, eigenvalues: [0.89, 0.5], stepSize: 0.3 })).toContain('α^N < λ1');
  });

  it('cgmr.depthSeparation: two or more distinct positive eigenvalues, α² < λ_n/2 and α^N < λ_n/2', () => {
    const base = { eigenvalues: [2, 0.5], depth: 3, alpha: 0.005, stepSize: 0.5 * monotoneStep(2, 3), basisSeed: 1 };
    expect(depthSeparation.hypotheses(base)).toEqual([]);
    expect(names(depthSeparation, { ...base, eigenvalues: [2] })).toContain('at least two eigenvalues');
    pinned(depthSeparation, base, { ...base, eigenvalues: [2, 2] }, 'λ1 > λ2 > 0');
    pinned(depthSeparation, base, { ...base, eigenvalues: [2, 0] }, 'λ1 > λ2 > 0');
    // α² < λ_n/2 = 1/4 binds for α < 1
    const a2 = 'α² < λ_n/2 (N = 2 run)';
    pinned(depthSeparation, { ...base, alpha: 0.5 * (1 - 1e-12) }, { ...base, alpha: 0.5 }, a2);
    // α^N < λ_n/2 binds for α > 1: λ = (8, 4), α³ = 2 at α = 2^{1/3} ≈ 1.26 while α² ≈ 1.59 < 2
    const big = { eigenvalues: [8, 4], depth: 3, stepSize: 0.5 * monotoneStep(8, 3), basisSeed: 1 };
    const aN = 'α^N < λ_n/2';
    const inside = names(depthSeparation, { ...big, alpha: 1.25 });
    expect(inside.filter((n) => n === aN || n === a2)).toEqual([]);
    expect(names(depthSeparation, { ...big, alpha: 1.26 })).toEqual([aN]);
  });

  it('cgmr.earlyStopping: signal, rank, noise ≥ 0, ε, α^N < δ', () => {
    const base = fc.sample(earlyStopping.arbitrary(), { seed: 1, numRuns: 1 })[0];
    expect(names(earlyStopping, base)).toEqual([]);
    const aN = base.alpha ** base.depth;
    const sig = 'signal: ≥ 2 eigenvalues of X, decreasing, ≥ 0';
    const n = base.signal.length;
    const zeros = (k: number) => Array<number>(k).fill(0);
    expect(names(earlyStopping, { ...base, signal: [2] })).toEqual([sig]);
    expect(names(earlyStopping, { ...base, signal: [2, -1e-9, ...zeros(n - 2)] })).toEqual([sig]);
    expect(names(earlyStopping, { ...base, signal: [2, 3, ...zeros(n - 2)] })).toEqual([sig]);
    expect(names(earlyStopping, { ...base, signal: [2, 2, ...zeros(n - 2)] }).filter((x) => x === sig)).toEqual([]);
    expect(names(earlyStopping, { ...base, signal: Array<number>(n).fill(1) })).toEqual(['rank(X) = r with 1 ≤ r < n']);
    expect(names(earlyStopping, { ...base, signal: zeros(n) })).toEqual(['rank(X) = r with 1 ≤ r < n']);
    expect(names(earlyStopping, { ...base, noise: -1e-12 })).toEqual(['noise ≥ 0']);
    expect(names(earlyStopping, { ...base, noise: Infinity })).toEqual(['noise ≥ 0']);
    expect(names(earlyStopping, { ...base, noise: 0 })).toContain('the noise matters: R̂ = (‖Ŷ_r − X‖_F + ρ)/‖Y₊ − X‖_F < 1');
    pinned(earlyStopping, base, { ...base, epsilon: 0 }, '0 < ε < 1 − c');
    pinned(earlyStopping, { ...base, epsilon: 0.4999 }, { ...base, epsilon: 0.5 }, '0 < ε < 1 − c');
    pinned(earlyStopping, { ...base, delta: aN * (1 + 1e-9) }, { ...base, delta: aN }, 'α^N < δ');
  });
});
