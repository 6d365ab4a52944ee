// Unit tests of the mutation-report merge (scripts/mutation-summary.mjs): later reports win per
// mutant, a changed source drops the older mutants, a report of other code is stale, NoCoverage
// counts against the score and Ignored is outside it.
import { describe, expect, it } from 'vitest';
import { mergeReports, summarise } from './mutation-summary.mjs';

const mutant = (line, status, mutatorName = 'ArithmeticOperator') => ({
  mutatorName,
  replacement: '-',
  status,
  location: { start: { line, column: 1 }, end: { line, column: 4 } },
});
const report = (source, mutants) => ({ files: { 'a.ts': { source, mutants } } });

describe('mutation-summary', () => {
  it('merges mutant by mutant, the later report winning', () => {
    const files = mergeReports([
      report('x', [mutant(1, 'Survived'), mutant(2, 'Killed')]),
      report('x', [mutant(1, 'Killed'), mutant(3, 'NoCoverage'), mutant(4, 'Ignored')]),
    ]);
    const { rows, total } = summarise(files, () => 'x');
    expect(rows[0]).toMatchObject({ Killed: 2, Survived: 0, NoCoverage: 1, Ignored: 1 });
    expect(total.score).toBeCloseTo((100 * 2) / 3, 12);
    expect(rows[0].survivors).toEqual(['a.ts:3:1 ArithmeticOperator (NoCoverage)']);
  });

  it('drops the older mutants of a file whose source changed between reports', () => {
    const files = mergeReports([report('old', [mutant(1, 'Survived')]), report('new', [mutant(2, 'Timeout')])]);
    const { rows } = summarise(files, () => 'new');
    expect(rows[0]).toMatchObject({ Timeout: 1, Survived: 0, score: 100 });
  });

  it('leaves out, and lists, a file whose source on disk is not the measured one', () => {
    const files = mergeReports([report('old', [mutant(1, 'Killed')])]);
    expect(summarise(files, () => 'new')).toMatchObject({ rows: [], stale: ['a.ts'] });
    expect(summarise(files, () => 'new', true).rows).toHaveLength(1);
    expect(summarise(mergeReports([report('x', [mutant(1, 'Ignored')])]), () => 'x').total.score).toBeNull();
  });
});
