/**
 * dmf-check as a library: the `solve` interface and its problem and result types, the reference
 * solvers, the gradient-descent engine, and the theorems (the registry, `checkTheorem` and the
 * fast-check properties `claimProperty`/`controlProperty`). "dmf-check/theorems" is the registry
 * alone.
 */
export * from './types.js';
export type { Problem, FlowProblemInput, GdProblemInput, FlowInit, DeepInit, MatrixRows } from './problem.js';
export { packageVersion } from './version.js';
export { THEOREMS, theoremById } from '../theorems/registry.js';
export { checkTheorem, claimProperty, controlProperty } from '../theorems/check.js';
export type { Theorem, Verdict, CheckResult, CheckStatus, NegativeControl, HypothesisFailure, WorstPoint, MarginSpec, Source, Paper } from '../theorems/types.js';
export { InputError, NumericalError } from './errors.js';
export { solve, MODELS, METHODS, LIMITS, type SolveOptions, type Progress } from './solve/index.js';
export { solveStream, assembleStream } from './solve/stream.js';
export { symmetricClosedForm, type SymmetricFlowEvaluator } from './flows/symmetricClosedForm.js';
export { preciseSymmetricClosedForm, type PreciseSymmetricEvaluator } from './flows/symmetricClosedFormPrecise.js';
export { symmetricOde } from './flows/symmetricOde.js';
export { asymmetricClosedForm, asymmetricOde, singularPairs } from './flows/asymmetric.js';
export { logisticMode, levelTime, halfHeightTime } from './flows/spectral.js';
export { hittingTimes } from './flows/hitting.js';
export { certifiedIntervalMax } from './flows/certify.js';
export type { FlowEvaluator } from './flows/evaluator.js';
export { SymmetricGd, AsymmetricGd, DeepGd, type GdModel } from './gd/models.js';
export { LayeredGd } from './gd/layered.js';
export { targetSpectrum } from './spectrum/targetSpectrum.js';
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
