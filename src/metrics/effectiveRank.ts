/**
 * Effective rank of Roy & Vetterli (2007): with pᵢ = σᵢ/Σⱼσⱼ,  erank = exp(−Σᵢ pᵢ ln pᵢ), 0·ln 0 = 0.
 * It lies in [1, rank] for a non-zero matrix.
 *
 * Zero tolerance: singular values ≤ k·ε·σ₁ (k = number of singular values, ε = 2⁻⁵²) are
 * numerically zero (the SVD cannot resolve them) and are dropped. Convention: the zero matrix has
 * effective rank 0 (its rank), where the entropy formula is undefined.
 */
export const EPS = 2 ** -52;

export function effectiveRank(singularValues: ArrayLike<number>): number {
  const k = singularValues.length;
  let max = 0;
  for (let i = 0; i < k; i++) max = Math.max(max, Math.abs(singularValues[i]));
  if (max === 0) return 0;
  const tol = k * EPS * max;
  let sum = 0;
  // Stryker disable next-line EqualityOperator: one index past the end reads undefined, |undefined| = NaN, which no comparison admits
  for (let i = 0; i < k; i++) {
    const s = Math.abs(singularValues[i]);
    if (s > tol) sum += s / max;
  }
  let h = 0;
  for (let i = 0; i < k; i++) {
    const s = Math.abs(singularValues[i]);
    if (s <= tol) continue;
    const p = s / max / sum;
    h -= p * Math.log(p);
  }
  return Math.exp(h);
}
