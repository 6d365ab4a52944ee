/** Arbitraries of spectral and general instances inside (and around) the incremental regimes. */
import fc from 'fast-check';
import { seedArb } from '../../src/generate/arbitraries.js';
import { uniform } from '../../src/generate/uniform.js';
import { type FlowInstance, type GeneralInstance, type SpectralInstance, drawableM, maxRatio, ratioConditionAlpha, theorem4Constants, theorem4M, unscaledInit } from './common.js';
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

/** The knobs of one general draw: seeds, width n + extra, α's decades below its bound. */
export interface GeneralDraw {
  basisSeed: number;
  initSeed: number;
  extra: number;
  v: number;
}

/**
 * The general instance of a draw, or null if its M is not drawn ({@link drawableM}): width n + extra,
 * α = min(c_ε/M, ratio bound)·10^−v at ε = min{σ_K, 1}/2.002.
 */
export function generalAt(eigenvalues: number[], K: number, { basisSeed, initSeed, extra, v }: GeneralDraw): GeneralInstance | null {
  const inst: GeneralInstance = { kind: 'general', eigenvalues, basisSeed, initSeed, width: eigenvalues.length + extra, alpha: 1 };
  const { M } = theorem4M(unscaledInit(inst));
  if (!drawableM(M)) return null;
  const eps = Math.min(eigenvalues[K - 1], 1) / 2.002;
  const { c, C } = theorem4Constants(eps, M, eigenvalues[0]);
  return { ...inst, alpha: Math.min(c / M, ratioConditionAlpha(c, C, maxRatio(eigenvalues, K))) * 10 ** -v };
}

export function generalInRegime(): fc.Arbitrary<GeneralInstance> {
  return gappedSpectrum(4, 2)
    .chain(({ eigenvalues, K }) =>
      fc
        .record({ basisSeed: seedArb, initSeed: seedArb, extra: fc.integer({ min: 0, max: 2 }), v: fc.double({ min: 0.01, max: 2, noNaN: true }) })
        .map((d) => generalAt(eigenvalues, K, d)),
    )
    .filter((x): x is GeneralInstance => x !== null);
}

export function incrementalArbitrary(): fc.Arbitrary<FlowInstance> {
  return fc.oneof(spectralInRegime(), generalInRegime());
}

/** The knobs of {@link boundaryAt}: α's decades above the bound, narrow width, squeeze of σ₂. */
export interface BoundaryKnobs {
  up: number;
  narrow: boolean;
  squeeze: number;
}

/** up uniform on [−1, 3]; squeeze 0 (none) or in [0.9, 1]. */
export function boundaryKnobs() {
  return {
    up: uniform(-1, 3),
    narrow: fc.boolean(),
    // Stryker disable next-line BooleanLiteral: a NaN squeeze fails `squeeze > 0` in boundaryAt, i.e. acts as the constant 0 (no squeeze)
    squeeze: fc.oneof(fc.constant(0), fc.double({ min: 0.9, max: 1, noNaN: true })),
  };
}

/**
 * An instance around the regime of `base`: α·10^up capped at 1/2; σ₂ := squeeze·σ₁ if squeeze > 0 and
 * n > 1 (the later eigenvalues of a regime spectrum are ≤ 0.85σ₂ < 0.9σ₁, so the order is kept); a
 * general init of width n − 1 (≥ 1) if narrow.
 */
export function boundaryAt(base: FlowInstance, { up, narrow, squeeze }: BoundaryKnobs): FlowInstance {
  const eigenvalues = base.eigenvalues.length > 1 && squeeze > 0 ? [base.eigenvalues[0], base.eigenvalues[0] * squeeze, ...base.eigenvalues.slice(2)] : base.eigenvalues;
  const alpha = Math.min(0.5, base.alpha * 10 ** up);
  if (base.kind === 'general') return { ...base, eigenvalues, alpha, width: narrow ? Math.max(1, base.eigenvalues.length - 1) : base.width };
  return { ...base, eigenvalues, alpha };
}

/** Around the regimes: α from 1/10 to 10³ times the bound, sometimes width one below n, sometimes near-equal eigenvalues. */
export function incrementalBoundary(): fc.Arbitrary<FlowInstance> {
  return fc.record({ base: incrementalArbitrary(), ...boundaryKnobs() }).map(({ base, ...knobs }) => boundaryAt(base, knobs));
}
