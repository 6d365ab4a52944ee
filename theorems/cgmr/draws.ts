/**
 * The uniform knob draw of the [CGMR] arbitraries: the one of src/generate/uniform.ts (why not
 * `fc.double({ min: 0, max: 1 })` is explained there), re-exported under the name these modules use.
 */
export { unit } from '../../src/generate/uniform.js';
