/**
 * Validating a user's instance (`check --instance FILE`) against the shape of the instances a
 * theorem's own arbitraries draw: the same fields (by the `kind` discriminator when there is one),
 * the same types, integers where every drawn value is an integer, finite numbers, bounded array
 * lengths. The first problem is an InputError naming the field (exit 2). The numerical rules
 * (positivity, ordering, the theorem's constants) are the theorem's hypotheses: an instance that
 * fails them is reported as `outside-hypotheses`, with each failing hypothesis named.
 */
import fc from 'fast-check';
import { InputError } from '../errors.js';
import type { AnyTheorem } from './claims.js';

type Shape =
  | { t: 'number'; integer: boolean; min: number; max: number }
  | { t: 'string'; values: Set<string> }
  | { t: 'boolean' }
  | { t: 'null' }
  | { t: 'array'; el: Shape | null; maxLen: number }
  | { t: 'object'; fields: Map<string, Shape>; required: Set<string> }
  | { t: 'mixed' };

function shapeOf(v: unknown): Shape {
  if (v === null) return { t: 'null' };
  if (typeof v === 'number') return { t: 'number', integer: Number.isInteger(v), min: v, max: v };
  if (typeof v === 'string') return { t: 'string', values: new Set([v]) };
  if (typeof v === 'boolean') return { t: 'boolean' };
  if (Array.isArray(v)) return { t: 'array', el: v.reduce<Shape | null>((s, x) => (s ? merge(s, shapeOf(x)) : shapeOf(x)), null), maxLen: v.length };
  if (typeof v === 'object') {
    const fields = new Map<string, Shape>();
    for (const [k, x] of Object.entries(v as object)) if (x !== undefined) fields.set(k, shapeOf(x));
    return { t: 'object', fields, required: new Set(fields.keys()) };
  }
  return { t: 'mixed' };
}

function merge(a: Shape, b: Shape): Shape {
  if (a.t !== b.t) return { t: 'mixed' };
  switch (a.t) {
    case 'number': {
      const bb = b as typeof a;
      return { t: 'number', integer: a.integer && bb.integer, min: Math.min(a.min, bb.min), max: Math.max(a.max, bb.max) };
    }
    case 'string':
      return { t: 'string', values: new Set([...a.values, ...(b as typeof a).values]) };
    case 'array': {
      const bb = b as typeof a;
      return { t: 'array', el: a.el && bb.el ? merge(a.el, bb.el) : (a.el ?? bb.el), maxLen: Math.max(a.maxLen, bb.maxLen) };
    }
    case 'object': {
      const bb = b as typeof a;
      const fields = new Map(a.fields);
      for (const [k, s] of bb.fields) fields.set(k, fields.has(k) ? merge(fields.get(k)!, s) : s);
      return { t: 'object', fields, required: new Set([...a.required].filter((k) => bb.required.has(k))) };
    }
    default:
      return a;
  }
}

const SAMPLES = 60;

/** Shapes of a theorem's instances, one per value of a top-level `kind` field (or one under ''). */
export function instanceShapes(t: AnyTheorem): Map<string, Shape> {
  const out = new Map<string, Shape>();
  const draws = [...fc.sample(t.arbitrary(), { seed: 1, numRuns: SAMPLES }), ...fc.sample(t.boundary(), { seed: 2, numRuns: SAMPLES })];
  for (const d of draws) {
    const key = d && typeof d === 'object' && typeof (d as { kind?: unknown }).kind === 'string' ? (d as { kind: string }).kind : '';
    const s = shapeOf(d);
    out.set(key, out.has(key) ? merge(out.get(key)!, s) : s);
  }
  return out;
}

function typeName(s: Shape): string {
  switch (s.t) {
    case 'number':
      return s.integer ? 'an integer' : 'a finite number';
    case 'string':
      return `one of ${[...s.values].map((x) => JSON.stringify(x)).join(', ')}`;
    case 'array':
      return `an array${s.el ? ` of ${typeName(s.el).replace(/^an? /, '')}s` : ''}`;
    case 'object':
      return 'an object';
    default:
      return s.t;
  }
}

function validate(v: unknown, s: Shape, field: string): void {
  switch (s.t) {
    case 'mixed':
      return;
    case 'null':
      if (v !== null) throw new InputError(field, 'must be null');
      return;
    case 'boolean':
      if (typeof v !== 'boolean') throw new InputError(field, 'must be true or false');
      return;
    case 'string':
      if (typeof v !== 'string' || !s.values.has(v)) throw new InputError(field, `must be ${typeName(s)}`);
      return;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(field, `must be ${typeName(s)}`);
      if (s.integer && !Number.isInteger(v)) throw new InputError(field, 'must be an integer');
      if (s.integer && s.min >= 0 && (v < 0 || v > Math.max(2 ** 31 - 1, s.max))) throw new InputError(field, `must be an integer from 0 to ${Math.max(2 ** 31 - 1, s.max)}`);
      return;
    case 'array': {
      if (!Array.isArray(v)) throw new InputError(field, `must be ${typeName(s)}`);
      const limit = Math.max(16, 4 * s.maxLen);
      if (v.length > limit) throw new InputError(field, `must have at most ${limit} entries (the size limit; has ${v.length})`);
      if (s.el) v.forEach((x, i) => validate(x, s.el!, `${field}[${i}]`));
      return;
    }
    case 'object': {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new InputError(field, 'must be an object');
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        if (!s.fields.has(k)) throw new InputError(`${field}.${safe(k)}`, `unknown field (fields: ${[...s.fields.keys()].join(', ')})`);
      }
      for (const [k, fs] of s.fields) {
        if (!(k in o)) {
          if (s.required.has(k)) throw new InputError(`${field}.${k}`, `is required (${typeName(fs)})`);
          continue;
        }
        validate(o[k], fs, `${field}.${k}`);
      }
    }
  }
}

function safe(k: string): string {
  const e = JSON.stringify(k).slice(1, -1).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return e.length > 40 ? `${e.slice(0, 40)}…` : e;
}

/** Throws an InputError naming the first field that does not fit the theorem's instance shape. */
export function validateInstance(t: AnyTheorem, v: unknown, field = 'instance'): void {
  const shapes = instanceShapes(t);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new InputError(field, 'must be a JSON object');
  const kinds = [...shapes.keys()];
  const kind = (v as { kind?: unknown }).kind;
  let key = '';
  if (!shapes.has('')) {
    if (typeof kind !== 'string' || !shapes.has(kind)) throw new InputError(`${field}.kind`, `must be one of ${kinds.map((k) => JSON.stringify(k)).join(', ')}`);
    key = kind;
  }
  validate(v, shapes.get(key)!, field);
}
