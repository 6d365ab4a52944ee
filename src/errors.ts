/**
 * Errors that name the offending input field and the rule it breaks.
 *
 * Every validation failure in the library throws an {@link InputError}; the CLI turns it into one
 * line on standard error and exit status 2. Numerical failures that are not the caller's fault
 * (a divergent iteration, an exhausted budget) throw {@link NumericalError}.
 */
export class InputError extends Error {
  /** Path of the offending field, e.g. `target[2][1]` or `init.scale`. */
  readonly field: string;
  /** The rule the field breaks, phrased as what is required. */
  readonly rule: string;
  constructor(field: string, rule: string) {
    super(`${field}: ${rule}`);
    this.name = 'InputError';
    this.field = field;
    this.rule = rule;
  }
}

/** A computation that cannot produce a trustworthy number (divergence, budget exhausted). */
export class NumericalError extends Error {
  readonly details: Record<string, unknown>;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'NumericalError';
    this.details = details;
  }
}
