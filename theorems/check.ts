/** Running a theorem on an instance, and the property forms used by properties/ and the search. */
import fc from 'fast-check';
import type { CheckResult, Theorem } from './types.js';

/**
 * Decide one instance. Never throws: an exception inside hypotheses/predict/observe/verdict is
 * status 'error' with its message; an uncertified verdict is 'inconclusive' (not a pass, and not a
 * refutation either).
 */
export function checkTheorem<I>(theorem: Theorem<I, unknown, unknown>, instance: I): CheckResult {
  try {
    const failures = theorem.hypotheses(instance);
    if (failures.length > 0) return { status: 'outside-hypotheses', failures, verdict: null };
    const prediction = theorem.predict(instance);
    const observation = theorem.observe(instance, prediction);
    const verdict = theorem.verdict(instance, prediction, observation);
    const status = !verdict.certified ? 'inconclusive' : verdict.holds ? 'holds' : 'refuted';
    return { status, failures, verdict };
  } catch (e) {
    return { status: 'error', failures: [], verdict: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The claim as a fast-check property over its arbitrary: every drawn instance must satisfy the
 * hypotheses (else the generator is wrong), must not throw, must be certified, and the verdict must
 * hold.
 */
export function claimProperty<I>(theorem: Theorem<I, unknown, unknown>): fc.IPropertyWithHooks<[I]> {
  return fc.property(theorem.arbitrary(), (instance) => {
    const r = checkTheorem(theorem, instance);
    if (r.status === 'outside-hypotheses') {
      throw new Error(`${theorem.id}: the arbitrary drew an instance outside the hypotheses: ${JSON.stringify(r.failures)}`);
    }
    if (r.status === 'error') throw new Error(`${theorem.id}: checking threw: ${r.error}`);
    if (r.status === 'inconclusive') throw new Error(`${theorem.id}: inconclusive (uncertified) verdict: ${JSON.stringify(r.verdict!.details)}`);
    return r.status === 'holds';
  });
}

/**
 * A negative control as a property that fails exactly when the control is refuted *by a verdict*:
 * an exception, an inconclusive verdict or an instance outside the hypotheses never counts as a
 * refutation (they make the property pass, so they cannot hide a control that does not bite).
 */
export function controlProperty<I>(control: Theorem<I, unknown, unknown>): fc.IPropertyWithHooks<[I]> {
  return fc.property(control.arbitrary(), (instance) => checkTheorem(control, instance).status !== 'refuted');
}
