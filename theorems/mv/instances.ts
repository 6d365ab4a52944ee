/** Arbitraries of spectral and general instances inside (and around) the incremental regimes. */
import fc from 'fast-check';
import { seedArb } from '../../src/generate/arbitraries.js';
import { uniform } from '../../src/generate/uniform.js';
import { type FlowInstance, type GeneralInstance, type SpectralInstance, maxRatio, ratioConditionAlpha, theorem4Constants, theorem4M, unscaledInit } from './common.js';
import { spectralOrderAlpha } from './regimes.js';
import { gappedSpectrum } from './theorem3.js';

export function spectralInRegime(): fc.Arbitrary<SpectralInstance> {
  return gappedSpectrum(5, 2).chain(({ eigenvalues, K }) =>
    fc
      .record({
        basisSeed: seedArb,
        shape: fc.array(fc.double({ min: 0.1, max: 2, noNaN: true }), { minLength: eigenvalues.length, maxLength: eigenvalues.length }),
        v: fc.double({ min: 0.01, max: 4, noNaN: true }),
      })
      .map(({ basisSeed, shape, v }): SpectralInstance => ({
        kind: 'spectral',
        eigenvalues,
        basisSeed,
        shape,
        alpha: spectralOrderAlpha(eigenvalues, K, shape) * 10 ** -v,
      })),
  );
}

export function generalInRegime(): fc.Arbitrary<GeneralInstance> {
  return gappedSpectrum(4, 2)
    .chain(({ eigenvalues, K }) =>
      fc
        .record({ basisSeed: seedArb, initSeed: seedArb, extra: fc.integer({ min: 0, max: 2 }), v: fc.double({ min: 0.01, max: 2, noNaN: true }) })
        .map(({ basisSeed, initSeed, extra, v }): GeneralInstance | null => {
          const inst: GeneralInstance = { kind: 'general', eigenvalues, basisSeed, initSeed, width: eigenvalues.length + extra, alpha: 1 };
          const { M } = theorem4M(unscaledInit(inst));
          if (!Number.isFinite(M) || M > 1e8) return null;
          const eps = Math.min(eigenvalues[K - 1], 1) / 2.002;
          const { c, C } = theorem4Constants(eps, M, eigenvalues[0]);
          return { ...inst, alpha: Math.min(c / M, ratioConditionAlpha(c, C, maxRatio(eigenvalues, K))) * 10 ** -v };
        }),
    )
    .filter((x): x is GeneralInstance => x !== null);
}

export function incrementalArbitrary(): fc.Arbitrary<FlowInstance> {
  return fc.oneof(spectralInRegime(), generalInRegime());
}

/** Around the regimes: α from 1/10 to 10³ times the bound, sometimes width one below n, sometimes near-equal eigenvalues. */
export function incrementalBoundary(): fc.Arbitrary<FlowInstance> {
  return fc
    .record({
      base: incrementalArbitrary(),
      up: uniform(-1, 3),
      narrow: fc.boolean(),
      squeeze: fc.oneof(fc.constant(0), fc.double({ min: 0.9, max: 1, noNaN: true })),
    })
    .map(({ base, up, narrow, squeeze }): FlowInstance => {
      const eigenvalues =
        base.eigenvalues.length > 1 && squeeze > 0
          ? [base.eigenvalues[0], base.eigenvalues[0] * squeeze, ...base.eigenvalues.slice(2)].map((x, i, a) => (i > 1 && x >= a[1] ? a[1] * 0.5 : x))
          : base.eigenvalues;
      const alpha = Math.min(0.5, base.alpha * 10 ** up);
      if (base.kind === 'general') return { ...base, eigenvalues, alpha, width: narrow ? Math.max(1, base.eigenvalues.length - 1) : base.width };
      return { ...base, eigenvalues, alpha };
    });
}
