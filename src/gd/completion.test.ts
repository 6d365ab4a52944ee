/** Observed entries for completion (completion.ts): Floyd's draw without replacement, listed entries, and their field-named rules. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { fromRows } from '../linalg/matrix.js';
import { drawnEntries, listedEntries } from './completion.js';

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
  });
});
