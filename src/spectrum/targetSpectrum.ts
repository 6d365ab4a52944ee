/**
 * The target's spectrum, computed once per problem and handed to inits, models, metrics and the
 * hitting search: eigenpairs (λ₁ ≥ … ≥ λ_n, eigenvectors Φ) for a symmetric target of the symmetric
 * model, thin singular pairs (σ₁ ≥ … ≥ σ_k, U_k, V_k, k = min(m, n)) otherwise.
 */
import { eigh } from '../linalg/eigh.js';
import type { Matrix } from '../linalg/matrix.js';
import { singularPairs } from './singularPairs.js';

export interface SpectralPairs {
  /** σ₁ ≥ … (eigenvalues for the symmetric model, singular values otherwise). */
  values: Float64Array;
  /** Columns uᵢ (rows × k) and vᵢ (cols × k); for the symmetric model both are Φ. */
  left: Matrix;
  right: Matrix;
}

export interface TargetSpectrum extends SpectralPairs {
  kind: 'eigen' | 'singular';
  /** Largest value that sets the curvature scale: λ₁ or σ₁, 0 for a zero (or negative-definite) target. */
  top: number;
}

export function targetSpectrum(y: Matrix, kind: 'eigen' | 'singular'): TargetSpectrum {
  if (kind === 'eigen') {
    const e = eigh(y);
    return { kind, values: e.values, left: e.vectors, right: e.vectors, top: Math.max(0, e.values[0] ?? 0) };
  }
  const p = singularPairs(y);
  return { kind, ...p, top: p.values[0] ?? 0 };
}
