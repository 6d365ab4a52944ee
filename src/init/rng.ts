/**
 * Seeded pseudo-random numbers, reproducible across platforms.
 *
 * Uniforms come from xoshiro128** (Blackman & Vigna) on 32-bit integer arithmetic (`Math.imul`,
 * shifts), seeded through splitmix32, so the integer stream is bit-identical on every JavaScript
 * engine. Normals use the Marsaglia polar method, which needs only `Math.log` and `Math.sqrt`; V8
 * implements `Math.log` with fdlibm (the same bits on every platform it runs on). Never `Math.random`.
 */
import { InputError } from '../errors.js';

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  /** @param seed a non-negative safe integer. */
  constructor(seed: number, field = 'seed') {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new InputError(field, 'must be a non-negative integer');
    let state = (seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) >>> 0, 0x9e3779b1);
    const next = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal N(0, 1). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  /** rows×cols matrix (row-major) of i.i.d. N(0, 1) entries times `scale`. */
  normalArray(length: number, scale = 1): Float64Array {
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) out[i] = scale * this.normal();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
