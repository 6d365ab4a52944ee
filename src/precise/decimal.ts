/**
 * decimal.js configured for a chosen number of significant digits, and the functions it lacks.
 *
 * decimal.js has no expm1 and its ln/pow are capped near 1000 digits; the precise
 * solvers use only +, −, ×, ÷, sqrt and exp, with exponent range ±9e15.
 */
import { Decimal } from 'decimal.js';
import { InputError } from '../errors.js';

export type Dec = Decimal;
export type DecimalCtor = typeof Decimal;

/** Accepted range of significant digits for the precise solvers. */
export const MIN_DIGITS = 10;
export const MAX_DIGITS = 100;

const cache = new Map<number, DecimalCtor>();

/** A Decimal constructor working with `digits` significant digits (round half even). */
export function decimalContext(digits: number, field = 'digits'): DecimalCtor {
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new InputError(field, `must be an integer from ${MIN_DIGITS} to ${MAX_DIGITS}`);
  }
  let ctor = cache.get(digits);
  if (!ctor) {
    ctor = Decimal.clone({
      precision: digits,
      rounding: Decimal.ROUND_HALF_EVEN,
      toExpNeg: -7,
      toExpPos: 21,
      minE: -9e15,
      maxE: 9e15,
    });
    cache.set(digits, ctor);
  }
  return ctor;
}

/**
 * e^x − 1 to the context's precision: Taylor series for |x| < 1/2 (no cancellation), else exp(x) − 1
 * computed with 5 guard digits.
 */
export function expm1(D: DecimalCtor, x: Dec): Dec {
  if (x.isZero()) return new D(0);
  const guard = D.clone({ precision: D.precision + 5 });
  const xg = new guard(x);
  if (xg.abs().lt(0.5)) {
    let term = xg;
    let sum = xg;
    const eps = new guard(10).pow(-(guard.precision + 2));
    for (let k = 2; k < 10_000; k++) {
      term = term.times(xg).div(k);
      sum = sum.plus(term);
      if (term.abs().lte(sum.abs().times(eps))) break;
    }
    return new D(sum);
  }
  return new D(xg.exp().minus(1));
}

/** Reads a number or a decimal string exactly (a number is read as the decimal it prints as). */
export function toDecimal(D: DecimalCtor, v: unknown, field: string): Dec {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new InputError(field, 'must be a finite number');
    return new D(v);
  }
  if (typeof v === 'string' && DECIMAL_RE.test(v.trim())) return new D(v.trim());
  throw new InputError(field, 'must be a finite number or a decimal string');
}

export const DECIMAL_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
