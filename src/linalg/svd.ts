/**
 * Singular values (decreasing) of a real matrix.
 *
 * Symmetric input uses |eigenvalues| from {@link eigh} (exact relation, cheaper). General input
 * uses ml-matrix's one-sided Golub–Kahan SVD without singular vectors, on the tall orientation
 * (ml-matrix's SVD of a wide matrix is unreliable: its issue #203). Cost O(m·n·min(m, n)).
 */
import { SingularValueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { eigh } from './eigh.js';
import { type Matrix, asymmetry, toRows, transpose } from './matrix.js';

export function singularValues(a: Matrix): Float64Array {
  if (a.rows === a.cols && asymmetry(a) === 0) {
    const v = eigh(a).values.map(Math.abs);
    return v.sort().reverse();
  }
  const tall = a.rows >= a.cols ? a : transpose(a);
  const svd = new SingularValueDecomposition(new MlMatrix(toRows(tall)), {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: false,
  });
  const s = Float64Array.from(svd.diagonal, (x) => Math.max(0, x));
  return s.sort().reverse();
}
