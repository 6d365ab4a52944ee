/** Field readers for JSON problems: each failure names the field path and the rule. */
import { InputError } from '../errors.js';

export type Json = Record<string, unknown>;

export function expectObject(v: unknown, field: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(field, 'must be a JSON object');
  return v as Json;
}

/** Rejects keys outside `known` (typos must not be silently ignored). */
export function onlyKnown(obj: Json, known: readonly string[], prefix: string): void {
  for (const k of Object.keys(obj)) {
    if (!known.includes(k)) {
      throw new InputError(prefix ? `${prefix}.${k}` : k, `is not a known field here (known: ${known.join(', ')})`);
    }
  }
}

export function required(obj: Json, key: string, prefix = ''): unknown {
  if (!(key in obj) || obj[key] === undefined) throw new InputError(prefix ? `${prefix}.${key}` : key, 'is required');
  return obj[key];
}

export function oneOf<T extends string>(v: unknown, options: readonly T[], field: string): T {
  if (typeof v !== 'string' || !options.includes(v as T)) {
    throw new InputError(field, `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
  }
  return v as T;
}

export function finiteNumber(v: unknown, field: string, opts: { min?: number; minExclusive?: boolean; max?: number } = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(field, 'must be a finite number');
  if (opts.min !== undefined) {
    if (opts.minExclusive ? !(v > opts.min) : !(v >= opts.min)) {
      throw new InputError(field, `must be ${opts.minExclusive ? '>' : '≥'} ${opts.min}`);
    }
  }
  if (opts.max !== undefined && v > opts.max) throw new InputError(field, `must be ≤ ${opts.max}`);
  return v;
}

export function integer(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new InputError(field, `must be an integer from ${min} to ${max}`);
  }
  return v;
}

export function numberArray(v: unknown, field: string, opts: { min?: number; minExclusive?: boolean; nonEmpty?: boolean } = {}): number[] {
  if (!Array.isArray(v)) throw new InputError(field, 'must be an array of numbers');
  if (opts.nonEmpty !== false && v.length === 0) throw new InputError(field, 'must not be empty');
  return v.map((x, i) => finiteNumber(x, `${field}[${i}]`, opts));
}

/** Accepts numeric strings (decimal notation) as numbers: "0.1" → 0.1. */
export function numericRows(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return v.map((row) => (Array.isArray(row) ? row.map((x) => (typeof x === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(x.trim()) ? Number(x) : x)) : row));
}
