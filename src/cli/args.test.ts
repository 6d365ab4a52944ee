import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { argumentsError, parseCommandArgs } from './args.js';

const opts = { runs: { type: 'string' }, json: { type: 'boolean' } } as const;

describe('command-line conventions', () => {
  it('accepts --opt value, --opt=value, flags, -h and --help', () => {
    expect(parseCommandArgs('check', ['--runs', '5'], opts).values['runs']).toBe('5');
    expect(parseCommandArgs('check', ['--runs=5'], opts).values['runs']).toBe('5');
    expect(parseCommandArgs('check', ['--json'], opts).values['json']).toBe(true);
    expect(parseCommandArgs('check', ['-h'], opts).help).toBe(true);
    expect(parseCommandArgs('check', ['--help', 'extra'], opts).help).toBe(true);
    expect(parseCommandArgs('solve', ['-'], {}, 1).positionals).toEqual(['-']);
  });
  it('rejects unknown options, missing values and extra operands as InputError naming the command', () => {
    expect(() => parseCommandArgs('check', ['--rusn', '5'], opts)).toThrow(/^arguments: check: Unknown option '--rusn' \(see dmf-check check --help\)$/);
    expect(() => parseCommandArgs('check', ['--runs'], opts)).toThrow(/^arguments: check: Option '--runs <value>' argument missing/);
    expect(() => parseCommandArgs('check', ['x'], opts)).toThrow(/^arguments: check takes no operands; unexpected "x"$/);
    expect(() => parseCommandArgs('solve', ['a', 'b', 'c'], {}, 1)).toThrow(/^arguments: solve takes at most 1 operand; unexpected "b" "c"$/);
    expect(() => parseCommandArgs('x', ['a', 'b', 'c'], {}, 2)).toThrow(/at most 2 operands/);
    expect(() => parseCommandArgs('check', ['--json=1'], opts)).toThrow(InputError);
  });
  it('reports any parseArgs error as one line naming the command (the first sentence only)', () => {
    const e = argumentsError('plot', new Error("Option '--points' argument is ambiguous.\nDid you forget?\nTo specify an option argument starting with a dash use '--points=-XYZ'."));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe("arguments: plot: Option '--points' argument is ambiguous. (see dmf-check plot --help)");
  });
});
