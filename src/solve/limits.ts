/**
 * Documented resource limits of `solve` (README, "Limits"). Every limit is checked before the work
 * it bounds is allocated or started, and a problem beyond one is an InputError naming the field and
 * the limit (exit 2). Work is estimated in simple units calibrated on a 2-core VM (Node 20):
 *
 * - float64 flows: a snapshot costs N³ + 250 units, N = n (symmetric) or m + n (asymmetric, the
 *   embedding): ≈ 35–100 ns·N³ (eigendecomposition of W, QR, products; slower per unit at large N)
 *   plus ≈ 20–100 µs of fixed cost, so {@link LIMITS.flowWork} is ≈ 10–30 s;
 * - decimal flows (`digits`): a snapshot costs (N³ + (N + r)r² + 200N)·D units (D digits, r the init
 *   width; the 200N term is the 2N exponentials), ≈ 1–2 µs per unit, so {@link LIMITS.preciseWork}
 *   ≈ 10–20 s;
 * - ODE: flops of one right-hand side (2n²r + 2nr² symmetric, 4mnr asymmetric) are limited here; the
 *   number of steps is bounded by a step budget from a work limit (flowSolve.ts, `odeStepBudget`)
 *   and estimated from below before the run (`checkOdeSteps`).
 *
 * A wall-clock budget ({@link Budget}, `maxSeconds`) bounds what cannot be estimated up front (ODE
 * steps, hitting-time searches): exceeding it is a NumericalError (exit 1) naming the budget.
 */
import { InputError, NumericalError } from '../errors.js';

export const LIMITS = {
  /** Bytes of a JSON problem (the CLI reads at most this much). */
  inputBytes: 64 * 2 ** 20,
  /** n (symmetric) or m + n (asymmetric) for the float64 flows. */
  flowSize: 500,
  /** n (symmetric) or m + n (asymmetric) with `digits`. */
  preciseSize: 64,
  /** Columns r of an init factor (explicit or generated). */
  width: 4096,
  /** Entries of `times`. */
  times: 1_000_000,
  /** Entries of `levels`. */
  levels: 1000,
  /** (snapshots + 1)·(N³ + 250) for the float64 flows. */
  flowWork: 2.6e8,
  /** (snapshots + 2)·(N³ + (N + r)r² + 200N)·D with `digits`. */
  preciseWork: 1e7,
  /** Flops of one ODE right-hand side. */
  odeRhsFlops: 1e8,
  /** Estimated size of the JSON result (worst case 25 bytes per number). */
  resultBytes: 256 * 2 ** 20,
  /** Magnitude of init.scale and init.shape entries (W(0) entries stay below ~1e100·r). */
  initScale: 1e100,
  /** Gradient descent: steps × flops per step (+ snapshots, curvature estimate), see gdLimits.ts. */
  gdWork: 1e12,
} as const;

/**
 * Work units of one decimal snapshot at size N with D digits and init width r (see the module
 * comment; the decimal QR works on the (N + r)×r matrix [I; G^{1/2}X], so r enters as (N + r)r²).
 */
export function preciseUnits(N: number, digits: number, width = 0): number {
  return (N ** 3 + (N + width) * width * width + 200 * N) * digits;
}

/** Bytes of one number in the JSON result: float64 worst case, or a decimal string of D digits. */
export function bytesPerNumber(digits?: number): number {
  return digits === undefined ? 25 : digits + 12;
}

const MIB = 2 ** 20;

/** Rejects a result estimated beyond {@link LIMITS.resultBytes}. */
export function checkResultSize(snapshots: number, numbersPerSnapshot: number, extraNumbers: number, digits: number | undefined, field: string): void {
  const bytes = snapshots * (numbersPerSnapshot * bytesPerNumber(digits) + 100) + extraNumbers * 25;
  if (bytes > LIMITS.resultBytes) {
    throw new InputError(
      field,
      `the result would be about ${Math.ceil(bytes / MIB)} MiB (${snapshots} snapshots of ${numbersPerSnapshot} numbers); the limit is ${LIMITS.resultBytes / MIB} MiB: ask for fewer times or a smaller target`,
    );
  }
}

/** Progress of a long solve, for a terminal display (see SolveOptions.onProgress). */
export interface Progress {
  phase: 'snapshots' | 'hitting times' | 'iterations';
  /** Snapshots done, hitting-time evaluations done, or gradient-descent iterations done. */
  done: number;
  /** Snapshots in all, or the run's iteration bound (unknown for hitting-time searches). */
  total?: number;
  /** Seconds since the solve started. */
  seconds: number;
}

/**
 * A wall-clock budget; `check` throws a NumericalError once it is exceeded. It also reports
 * progress: `progress` calls the listener after the first second, then at most every 250 ms.
 */
export class Budget {
  readonly maxSeconds: number;
  private readonly start = Date.now();
  private readonly deadline: number;
  private readonly listener?: (p: Progress) => void;
  private calls = 0;
  private lastReport = 0;

  constructor(maxSeconds: number = Infinity, onProgress?: (p: Progress) => void) {
    this.maxSeconds = maxSeconds;
    this.deadline = Number.isFinite(maxSeconds) ? this.start + maxSeconds * 1000 : Infinity;
    this.listener = onProgress;
  }

  check(what: string): void {
    if (this.deadline !== Infinity && Date.now() > this.deadline) {
      throw new NumericalError(`time budget of ${this.maxSeconds} s (maxSeconds) exceeded while ${what}`);
    }
  }

  progress(phase: Progress['phase'], done: number, total?: number): void {
    if (!this.listener) return;
    const now = Date.now();
    if (now - this.start < 1000 || now - this.lastReport < 250) return;
    this.lastReport = now;
    this.listener({ phase, done, total, seconds: (now - this.start) / 1000 });
  }

  /** A cheap hook for inner loops: checks the clock every 64 calls. */
  tick(what: string): () => void {
    if (this.deadline === Infinity) return () => {};
    return () => {
      if ((++this.calls & 63) === 0) this.check(what);
    };
  }
}

/** Validates a `maxSeconds` option: a number > 0 (Infinity allowed: no budget). */
export function checkMaxSeconds(v: unknown, field = 'maxSeconds'): number {
  if (v === undefined) return Infinity;
  if (typeof v !== 'number' || Number.isNaN(v) || !(v > 0)) throw new InputError(field, 'must be a number of seconds > 0');
  return v;
}
