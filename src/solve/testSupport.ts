/** Shared by the solve tests: a table of bad problems, each must raise an InputError matching its rule. */
import { expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { solve } from './index.js';

export function itRejects(table: [string, unknown, RegExp][]): void {
  for (const [name, problem, re] of table) {
    it(`rejects ${name}`, () => {
      let err: unknown;
      try {
        solve(problem);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message).not.toMatch(/\n/);
    });
  }
}
