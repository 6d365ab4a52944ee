/**
 * Every theorem dmf-check checks, in one list (the runner and the counterexample search iterate it).
 * [MV]: H. Min, R. Vidal, arXiv:2508.20344 (CDC 2025). [CGMR]: H.-H. Chou, C. Gieshoff, J. Maly,
 * H. Rauhut, ACHA 68 (2024) 101595.
 */
import { asymmetricBalanced } from './mv/asymmetric.js';
import { corollary2 } from './mv/corollary2.js';
import { incrementalOrder } from './mv/order.js';
import { theorem3 } from './mv/theorem3.js';
import { theorem4 } from './mv/theorem4.js';
import { timeScale } from './mv/timeScale.js';
import { depthSeparation } from './cgmr/depthSeparation.js';
import { earlyStopping } from './cgmr/earlyStopping.js';
import { erankInterval } from './cgmr/erankInterval.js';
import { hittingBounds } from './cgmr/hittingBounds.js';
import { monotoneErank, monotoneErankUnqualified } from './cgmr/monotoneErank.js';
import { scalarReduction } from './cgmr/scalarReduction.js';
import { randomInit, sensing } from './cgmr/statistical.js';
import { stepSize } from './cgmr/stepSize.js';
import type { Theorem } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const THEOREMS: Theorem<any, any, any>[] = [
  corollary2,
  incrementalOrder,
  timeScale,
  theorem3,
  theorem4,
  asymmetricBalanced,
  scalarReduction,
  stepSize,
  hittingBounds,
  erankInterval,
  monotoneErank,
  monotoneErankUnqualified,
  depthSeparation,
  earlyStopping,
  sensing,
  randomInit,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function theoremById(id: string): Theorem<any, any, any> | undefined {
  return THEOREMS.find((t) => t.id === id);
}
