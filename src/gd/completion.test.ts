/** Observed entries for completion (completion.ts): Floyd's draw without replacement, listed entries, and their field-named rules. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { fromRows } from '../linalg/matrix.js';
import { drawnEntries, listedEntries, MAX_OBSERVED } from './completion.js';

const y = fromRows([[1, 2, 3], [4, 5, 6]]);
function fieldOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).field;
  }
  return 'no error';
}

describe('observed entries', () => {
  it('drawn: count distinct sorted flat indices with their values, reproducible from the seed, all of them at count = n·m', () => {
    for (const seed of [1, 2, 3, 4]) {
      const e = drawnEntries(y, 4, seed);
      expect(e.index.length).toBe(4);
      expect(new Set(e.index).size).toBe(4);
      expect(Array.from(e.index)).toEqual(Array.from(e.index).sort((a, b) => a - b));
      expect(e.index.every((i) => i >= 0 && i < 6)).toBe(true);
      expect(Array.from(e.values)).toEqual(Array.from(e.index, (i) => y.data[i]));
      expect(drawnEntries(y, 4, seed)).toEqual(e);
      expect(e).toMatchObject({ rows: 2, cols: 3 });
    }
    expect(Array.from(drawnEntries(y, 6, 9).index)).toEqual([0, 1, 2, 3, 4, 5]);
    // uniform over the entries: each of 6 entries drawn about 1/6 of the time over many seeds (count 1)
    const hits = new Array(6).fill(0);
    for (let s = 0; s < 600; s++) hits[drawnEntries(y, 1, s).index[0]]++;
    for (const h of hits) expect(h).toBeGreaterThan(60);
    for (const c of [0, 7, 2.5]) expect(fieldOf(() => drawnEntries(y, c, 1))).toBe('observed.count');
  });
  it('listed: sorted row-major, values read; pairs in range, integers, each once', () => {
    const e = listedEntries(y, [[1, 2], [0, 0], [1, 0]]);
    expect(Array.from(e.index)).toEqual([0, 3, 5]);
    expect(Array.from(e.values)).toEqual([1, 4, 6]);
    expect(fieldOf(() => listedEntries(y, []))).toBe('observed');
    expect(fieldOf(() => listedEntries(y, 'x'))).toBe('observed');
    expect(listedEntries(y, [[1, 2]]).index[0]).toBe(5);
    for (const bad of [[2, 0], [0, 3], [-1, 0], [0, -1], [0.5, 0], [0, 1.5], [0], [0, 1, 2], 'a'] as unknown[]) {
      expect(fieldOf(() => listedEntries(y, [[0, 0], bad]))).toBe('observed[1]');
    }
    expect(fieldOf(() => listedEntries(y, [[0, 1], [1, 1], [0, 1]]))).toBe('observed');
    expect(() => listedEntries(y, [[0, 1], [1, 1], [0, 1]])).toThrow(/entry \[0, 1\] repeats/);
    expect(() => listedEntries(y, [])).toThrow(/^observed: must be a non-empty array of \[row, column\] pairs/);
    expect(() => listedEntries(y, [[0, 0], [2, 0]])).toThrow(/^observed\[1\]: must be a pair \[row, column\] of integers with 0 ≤ row < 2, 0 ≤ column < 3/);
  });
  it('the size caps: at most MAX_OBSERVED entries, drawn or listed (exactly MAX_OBSERVED passes the cap)', () => {
    // A target of 5000² entries whose data is never read before the checks.
    const huge = { rows: 5000, cols: 5000, data: new Float64Array(0) };
    expect(() => drawnEntries(y, 7, 1)).toThrow(/^observed.count: must be an integer from 1 to 6 \(the number of entries of the target\)/);
    expect(() => drawnEntries(huge, MAX_OBSERVED + 1, 1)).toThrow(/^observed.count: must be ≤ 20000000$/);
    // at the cap the count is accepted and the seed is checked next (a bad seed: nothing is drawn)
    expect(fieldOf(() => drawnEntries(huge, MAX_OBSERVED, -1))).toBe('observed.seed');
    // A list of the given length whose first element is bad (a proxy: nothing of that length is allocated).
    const long = (length: number): unknown[] =>
      new Proxy([], { get: (t, k) => (k === 'length' ? length : k === '0' ? 'bad' : Reflect.get(t, k)), has: (t, k) => k === '0' || Reflect.has(t, k) });
    expect(() => listedEntries(huge, long(MAX_OBSERVED + 1))).toThrow(/^observed: must list at most 20000000 entries/);
    // at the cap the list is read, and its first element refused
    expect(fieldOf(() => listedEntries(huge, long(MAX_OBSERVED)))).toBe('observed[0]');
  });
});
