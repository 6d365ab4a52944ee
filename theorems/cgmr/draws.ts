/**
 * A uniform draw on [0, 1] for the arbitraries' knobs (log-scale positions, noise levels, tail
 * fractions). Not `fc.double({ min: 0, max: 1 })`: fast-check draws a double uniformly over the
 * *representable* doubles of the range (and biases towards its ends), and half of the doubles in
 * [0, 1] lie below 2⁻⁵¹¹, so at a fixed seed about 90 % of such draws are below 10⁻¹⁰ and most of
 * the rest are 1: a knob meant to sweep a range takes two values. The doubles of [1, 2] are equally
 * spaced (one binary exponent), so x − 1 is uniform on a grid of step 2⁻⁵².
 */
import fc from 'fast-check';

export function unit(): fc.Arbitrary<number> {
  return fc.double({ min: 1, max: 2, noNaN: true }).map((x) => x - 1);
}
