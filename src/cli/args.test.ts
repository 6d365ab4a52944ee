import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { MAX_SEED, integerOption, parseCommandArgs, seedOption, stringOption } from './args.js';

const opts = { runs: { type: 'string' }, json: { type: 'boolean' } } as const;

describe('command-line conventions', () => {
  it('accepts --opt value, --opt=value, flags, -h and --help', () => {
    expect(stringOption(parseCommandArgs('check', ['--runs', '5'], opts).values, 'runs')).toBe('5');
    expect(stringOption(parseCommandArgs('check', ['--runs=5'], opts).values, 'runs')).toBe('5');
    expect(parseCommandArgs('check', ['--json'], opts).values['json']).toBe(true);
    expect(parseCommandArgs('check', ['-h'], opts).help).toBe(true);
    expect(parseCommandArgs('check', ['--help', 'extra'], opts).help).toBe(true);
    expect(parseCommandArgs('solve', ['-'], {}, 1).positionals).toEqual(['-']);
    expect(stringOption({ runs: ['1', '2'] }, 'runs')).toBe('2');
    expect(stringOption({}, 'runs')).toBeUndefined();
  });
  it('rejects unknown options, missing values and extra operands as InputError naming the command', () => {
    expect(() => parseCommandArgs('check', ['--rusn', '5'], opts)).toThrow(/^arguments: check: Unknown option '--rusn' \(see dmf-check check --help\)$/);
    expect(() => parseCommandArgs('check', ['--runs'], opts)).toThrow(/^arguments: check: Option '--runs <value>' argument missing/);
    expect(() => parseCommandArgs('check', ['x'], opts)).toThrow(/^arguments: check takes no operands; unexpected "x"$/);
    expect(() => parseCommandArgs('solve', ['a', 'b', 'c'], {}, 1)).toThrow(/^arguments: solve takes at most 1 operand; unexpected "b" "c"$/);
    expect(() => parseCommandArgs('x', ['a', 'b', 'c'], {}, 2)).toThrow(/at most 2 operands/);
    expect(() => parseCommandArgs('check', ['--json=1'], opts)).toThrow(InputError);
  });
  it('integers: exactly the documented range, in decimal digits, never wrapped or rounded', () => {
    expect(integerOption('runs', undefined, 1, 10, 7)).toBe(7);
    expect(integerOption('runs', '10', 1, 10, 7)).toBe(10);
    expect(integerOption('runs', '+3', 1, 10, 7)).toBe(3);
    for (const bad of ['0', '11', '1e1', '0x5', '2.0', '', ' ', 'five', '-1', '99999999999999999999999']) {
      expect(() => integerOption('runs', bad, 1, 10, 7), bad).toThrow(/^--runs: must be an integer from 1 to 10 \(got /);
    }
    expect(integerOption('shift', '-5', -10, 10, 0)).toBe(-5);
  });
  it('seeds: every integer 0 … 2³² − 1, nothing else', () => {
    expect(seedOption('seed', '0', 1)).toBe(0);
    expect(seedOption('seed', String(MAX_SEED), 1)).toBe(4294967295);
    expect(seedOption('seed', undefined, 42)).toBe(42);
    for (const bad of ['-1', '4294967296', '18446744073709551617', '1.5']) expect(() => seedOption('seed', bad, 1)).toThrow(/^--seed: must be an integer from 0 to 4294967295/);
  });
});
