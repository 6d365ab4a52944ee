/**
 * dmf-check as a library: the reference solvers, the gradient-descent engine, the `solve` interface
 * and the shared types. The theorem registry lives in theorems/ (import "dmf-check/theorems").
 */
export * from './types.js';
export { InputError, NumericalError } from './errors.js';
export { solve, LIMITS, type SolveOptions, type Progress } from './solve/index.js';
export { symmetricClosedForm, type SymmetricFlowEvaluator } from './flows/symmetricClosedForm.js';
export { preciseSymmetricClosedForm, type PreciseSymmetricEvaluator } from './flows/symmetricClosedFormPrecise.js';
export { symmetricOde } from './flows/symmetricOde.js';
export { asymmetricClosedForm, asymmetricOde, singularPairs } from './flows/asymmetric.js';
export { logisticMode, levelTime, halfHeightTime } from './flows/spectral.js';
export { hittingTimes } from './flows/hitting.js';
export { certifiedIntervalMax } from './flows/certify.js';
export type { FlowEvaluator } from './flows/evaluator.js';
export { SymmetricGd, AsymmetricGd, DeepGd, type GdModel } from './gd/models.js';
export { runGd } from './gd/run.js';
export { deepInit } from './gd/inits.js';
export { gaussianMeasurements, explicitMeasurements } from './gd/measurements.js';
export { scalarProduct, stabilityThreshold, monotoneStepBound, orderStepBound } from './gd/scalar.js';
export { effectiveRank } from './metrics/effectiveRank.js';
export { fromRows, toRows, zeros, identity } from './linalg/matrix.js';
export { eigh } from './linalg/eigh.js';
export { singularValues } from './linalg/svd.js';
export { Rng } from './init/rng.js';
export { decimalContext } from './precise/decimal.js';
