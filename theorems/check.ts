/** Running a theorem on an instance, and the property forms used by properties/ and the search. */
import fc from 'fast-check';
import type { CheckResult, Theorem } from './types.js';

export function checkTheorem<I>(theorem: Theorem<I, unknown, unknown>, instance: I): CheckResult {
  const failures = theorem.hypotheses(instance);
  if (failures.length > 0) return { status: 'outside-hypotheses', failures, verdict: null };
  const prediction = theorem.predict(instance);
  const observation = theorem.observe(instance, prediction);
  const verdict = theorem.verdict(instance, prediction, observation);
  return { status: verdict.holds ? 'holds' : 'refuted', failures, verdict };
}

/**
 * The claim as a fast-check property over its arbitrary: every drawn instance must satisfy the
 * hypotheses (else the generator is wrong) and the verdict must hold.
 */
export function claimProperty<I>(theorem: Theorem<I, unknown, unknown>): fc.IPropertyWithHooks<[I]> {
  return fc.property(theorem.arbitrary(), (instance) => {
    const r = checkTheorem(theorem, instance);
    if (r.status === 'outside-hypotheses') {
      throw new Error(`${theorem.id}: the arbitrary drew an instance outside the hypotheses: ${JSON.stringify(r.failures)}`);
    }
    return r.status === 'holds';
  });
}
