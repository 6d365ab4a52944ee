/** The properties' tolerances: one table, in src/metrics/tolerance.ts (shared with theorems/). */
export { EPS, flowTolerance, odeTolerance } from '../../src/metrics/tolerance.js';
