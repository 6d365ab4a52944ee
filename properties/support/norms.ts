/** Small helpers shared by the property files. */
import { eigh } from '../../src/linalg/eigh.js';
import { type Matrix, frobenius, gramRows } from '../../src/linalg/matrix.js';

/** ‖Y‖₂ and M = max(‖W₀‖_F, λ₁⁺) (bound on sup‖W(t)‖) of a symmetric instance. */
export function flowScales(y: Matrix, u0: Matrix): { normY: number; M: number; lambda1: number } {
  const lam = eigh(y).values;
  const normY = Math.max(Math.abs(lam[0]), Math.abs(lam[lam.length - 1]));
  return { normY, M: Math.max(frobenius(gramRows(u0)), lam[0], 0), lambda1: lam[0] };
}
