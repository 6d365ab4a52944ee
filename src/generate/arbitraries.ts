/**
 * fast-check arbitraries for gradient-flow instances, shared by properties/ and theorems/.
 * Every random matrix is built from an integer seed through the package's own {@link Rng}, so a
 * counterexample is replayed from its (shrunk) seed and parameters alone.
 */
import fc from 'fast-check';
import { Rng } from '../init/rng.js';
import { type Matrix, zeros } from '../linalg/matrix.js';
import { haarOrthogonal, withSpectrum } from './orthogonal.js';
import { uniform, unit } from './uniform.js';

export const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

export interface SpectrumOptions {
  n: number;
  min?: number;
  max?: number;
  /** Minimal gap between consecutive values (sorted decreasing). */
  minGap?: number;
}

/** n values in [min, max], decreasing, consecutive gaps ≥ minGap (requires (n−1)·minGap ≤ max − min): the order statistics of n uniform draws ({@link unit}), spread by the gaps. */
export function spectrumArb({ n, min = -5, max = 5, minGap = 0 }: SpectrumOptions): fc.Arbitrary<number[]> {
  const span = max - min - (n - 1) * minGap;
  if (span < 0) throw new Error('spectrumArb: gaps do not fit in [min, max]');
  return fc
    .array(unit(), { minLength: n, maxLength: n })
    .map((u) => {
      const s = [...u].sort((a, b) => b - a).map((x) => min + x * span);
      // Spread: the k-th largest gets (n−1−k)·minGap added, preserving order and gaps.
      return s.map((x, k) => x + (n - 1 - k) * minGap);
    });
}

export interface SymmetricInstance {
  n: number;
  r: number;
  eigenvalues: number[];
  basisSeed: number;
  initSeed: number;
  /** Entries of U₀ are scale·N(0, 1). */
  scale: number;
}

export function symmetricInstanceArb(opts: {
  n?: { min: number; max: number };
  r?: 'less' | 'equal' | 'more' | 'any';
  spectrum?: Omit<SpectrumOptions, 'n'>;
  logScale?: { min: number; max: number };
} = {}): fc.Arbitrary<SymmetricInstance> {
  const nr = opts.n ?? { min: 1, max: 6 };
  const ls = opts.logScale ?? { min: -4, max: 0 };
  return fc.integer({ min: nr.min, max: nr.max }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      r: rArb(n, opts.r ?? 'any'),
      eigenvalues: spectrumArb({ n, ...opts.spectrum }),
      basisSeed: seedArb,
      initSeed: seedArb,
      scale: uniform(ls.min, ls.max).map((e) => 10 ** e),
    }),
  );
}

function rArb(n: number, mode: 'less' | 'equal' | 'more' | 'any'): fc.Arbitrary<number> {
  switch (mode) {
    case 'less':
      return fc.integer({ min: 1, max: Math.max(1, n - 1) });
    case 'equal':
      return fc.constant(n);
    case 'more':
      return fc.integer({ min: n + 1, max: n + 2 });
    default:
      return fc.integer({ min: 1, max: n + 2 });
  }
}

/** (Y, U₀) of an instance. */
export function buildSymmetric(inst: SymmetricInstance): { y: Matrix; u0: Matrix; basis: Matrix } {
  const basis = haarOrthogonal(inst.n, inst.basisSeed);
  const y = withSpectrum(basis, inst.eigenvalues);
  const u0 = zeros(inst.n, inst.r);
  u0.data.set(new Rng(inst.initSeed).normalArray(inst.n * inst.r, inst.scale));
  return { y, u0, basis };
}
