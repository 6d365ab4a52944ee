/**
 * schema/problem.schema.json against the validator in src/solve, so the two cannot drift: every
 * example problem in README.md (```json blocks holding a "model") and a set of valid problems of
 * every form are accepted by both; a set of invalid problems is rejected by both.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { solve } from './index.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/problem.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

const readmeExamples = [...readme.matchAll(/```json\n([\s\S]*?)```/g)]
  .map((m) => m[1].trim())
  .filter((t) => t.startsWith('{"model"') || t.startsWith('{\n  "model"'))
  .map((t) => JSON.parse(t) as Record<string, unknown>);

const rejectedByValidator = (p: unknown): boolean => {
  try {
    solve(p);
    return false;
  } catch (e) {
    return e instanceof InputError;
  }
};

const Y = [[2, 0.5], [0.5, 1]];
const gd = { method: 'gd', target: Y, stepSize: 0.05, iterations: [0, 10] };
const VALID: [string, Record<string, unknown>][] = [
  ['flow closed form', { model: 'symmetric', method: 'closed-form', target: Y, init: { kind: 'aligned', scale: 0.01, shape: [1, 1] }, times: [0, 1], levels: [0.5], horizon: 10 }],
  ['flow ode, asymmetric, gaussian', { model: 'asymmetric', method: 'ode', target: [[1, 2, 3]], init: { kind: 'gaussian', scale: 0.1, width: 2, seed: 1, balanced: true }, times: [1], ode: { rtol: 1e-9 } }],
  ['flow decimal', { model: 'symmetric', method: 'closed-form', target: [['0.1', 0], [0, 1]], init: { factor: [[0.1], [0.2]] }, times: [1], digits: 20, snapshotMatrix: false }],
  ['gd symmetric', { ...gd, model: 'symmetric', init: { factor: [[0.1], [0.1]] }, levels: [0.5], maxIterations: 1000, hittingOn: 'singularValues' }],
  ['gd asymmetric', { ...gd, model: 'asymmetric', init: { factors: [[[0.1], [0.1]], [[0.1], [0.2]]] }, returnFactors: true }],
  ['gd deep, widths', { ...gd, model: 'deep', depth: 3, widths: [3, 4], init: { kind: 'orthogonal', scale: 0.5, seed: 2 }, lightEvery: 5, stopLoss: 1e-6, maxIterations: 100 }],
  ['gd deep, depth 1, factors', { ...gd, model: 'deep', depth: 1, init: { factors: [[[0, 0], [0, 0]]] } }],
  ['gd sensing', { ...gd, model: 'sensing', depth: 2, width: 2, init: { kind: 'balanced', scale: 0.3, seed: 1 }, measurements: { count: 6, seed: 1, noise: 0.01 } }],
  ['gd sensing, explicit', { ...gd, model: 'sensing', depth: 2, init: { kind: 'identity', scale: 0.3 }, measurements: { matrices: [[[1, 0], [0, 1]]], observations: [3] } }],
  ['gd completion, listed', { ...gd, model: 'completion', depth: 2, init: { kind: 'gaussian', scale: 0.3, seed: 1 }, observed: [[0, 0], [1, 1]] }],
  ['gd completion, drawn', { ...gd, model: 'completion', depth: 3, init: { kind: 'aligned', scale: 0.3 }, observed: { count: 3, seed: 9 }, snapshotMatrix: false }],
];
const INVALID: [string, Record<string, unknown>][] = [
  ['unknown model', { ...gd, model: 'tensor', depth: 2, init: { kind: 'identity', scale: 1 } }],
  ['unknown method', { model: 'symmetric', method: 'euler', target: Y, init: { factor: [[1], [1]] }, times: [1] }],
  ['missing times', { model: 'symmetric', method: 'ode', target: Y, init: { factor: [[1], [1]] } }],
  ['negative time', { model: 'symmetric', method: 'ode', target: Y, init: { factor: [[1], [1]] }, times: [-1] }],
  ['digits out of range', { model: 'symmetric', method: 'closed-form', target: Y, init: { factor: [[1], [1]] }, times: [1], digits: 5 }],
  ['unknown field', { model: 'symmetric', method: 'closed-form', target: Y, init: { factor: [[1], [1]] }, times: [1], colour: 'red' }],
  ['non-numeric entry', { model: 'symmetric', method: 'closed-form', target: [['a', 0], [0, 1]], init: { factor: [[1], [1]] }, times: [1] }],
  ['deep init for a flow', { model: 'symmetric', method: 'closed-form', target: Y, init: { kind: 'identity', scale: 1 }, times: [1] }],
  ['zero step', { ...gd, model: 'deep', depth: 2, init: { kind: 'identity', scale: 1 }, stepSize: 0 }],
  ['fractional iteration', { ...gd, model: 'deep', depth: 2, init: { kind: 'identity', scale: 1 }, iterations: [1.5] }],
  ['depth 0', { ...gd, model: 'deep', depth: 0, init: { kind: 'identity', scale: 1 } }],
  ['depth 65', { ...gd, model: 'deep', depth: 65, init: { kind: 'identity', scale: 1 } }],
  ['missing depth', { ...gd, model: 'deep', init: { kind: 'identity', scale: 1 } }],
  ['depth for symmetric', { ...gd, model: 'symmetric', depth: 2, init: { factor: [[1], [1]] } }],
  ['width and widths', { ...gd, model: 'deep', depth: 2, width: 2, widths: [2], init: { kind: 'identity', scale: 1 } }],
  ['gaussian without seed', { ...gd, model: 'deep', depth: 2, init: { kind: 'gaussian', scale: 1 } }],
  ['negative scale', { ...gd, model: 'deep', depth: 2, init: { kind: 'identity', scale: -1 } }],
  ['sensing without measurements', { ...gd, model: 'sensing', depth: 2, init: { kind: 'identity', scale: 1 } }],
  ['measurements for deep', { ...gd, model: 'deep', depth: 2, init: { kind: 'identity', scale: 1 }, measurements: { count: 2, seed: 1 } }],
  ['completion without observed', { ...gd, model: 'completion', depth: 2, init: { kind: 'identity', scale: 1 } }],
  ['observed pair of three', { ...gd, model: 'completion', depth: 2, init: { kind: 'identity', scale: 1 }, observed: [[0, 0, 0]] }],
  ['observed count 0', { ...gd, model: 'completion', depth: 2, init: { kind: 'identity', scale: 1 }, observed: { count: 0, seed: 1 } }],
  ['bad hittingOn', { ...gd, model: 'deep', depth: 2, init: { kind: 'identity', scale: 1 }, hittingOn: 'eigenvalues' }],
  ['lightEvery 0', { ...gd, model: 'deep', depth: 2, init: { kind: 'identity', scale: 1 }, lightEvery: 0 }],
  ['returnFactors string', { ...gd, model: 'deep', depth: 2, init: { kind: 'identity', scale: 1 }, returnFactors: 'yes' }],
  ['negative stopLoss', { ...gd, model: 'deep', depth: 2, init: { kind: 'identity', scale: 1 }, stopLoss: -1 }],
  ['times for gd', { ...gd, model: 'deep', depth: 2, init: { kind: 'identity', scale: 1 }, times: [1] }],
];

describe('schema/problem.schema.json and the validator agree', () => {
  it('the README has example problems (gradient flow and gradient descent)', () => {
    expect(readmeExamples.length).toBeGreaterThanOrEqual(2);
    expect(new Set(readmeExamples.map((p) => p.method === 'gd'))).toEqual(new Set([true, false]));
  });
  for (const [name, p] of [...readmeExamples.map((p, i): [string, Record<string, unknown>] => [`README example ${i + 1} (${p.model}, ${p.method})`, p]), ...VALID]) {
    it(`accepts ${name}`, () => {
      expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
      expect(() => solve(p)).not.toThrow();
    });
  }
  for (const [name, p] of INVALID) {
    it(`rejects ${name}`, () => {
      expect(validate(p)).toBe(false);
      expect(rejectedByValidator(p)).toBe(true);
    });
  }
});
