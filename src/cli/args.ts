/**
 * Command-line conventions shared by every command: options parsed by `node:util`'s `parseArgs`
 * (so `--opt value` and `--opt=value` both work, and unknown options are errors) and `--help`/`-h`.
 * Every violation is an {@link InputError} naming the option and the rule, which the CLI prints as
 * one line with exit 2. (Seeds and counts: src/search/seeds.ts, `parseSeed` and `parseCount`.)
 */
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';

/** One option of a command: a flag (`boolean`) or an option taking a value (`string`). */
export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  multiple?: boolean;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  /** `--help` or `-h` was given: print the command's usage and exit 0. */
  help: boolean;
}

/**
 * The InputError for an error thrown by `node:util.parseArgs`: its messages are already precise
 * ("Unknown option '--x'", "Option '--runs <value>' argument missing"); keep the first sentence
 * and name the command. Every command reports bad options through this.
 */
export function argumentsError(command: string, e: unknown): InputError {
  const msg = String((e as Error)?.message ?? e).split('\n')[0]?.replace(/\. To specify a positional.*$/, '') || 'invalid arguments';
  return new InputError('arguments', `${command}: ${msg} (see dmf-check ${command} --help)`);
}

/**
 * Parses a command's arguments with `node:util.parseArgs` in strict mode. `--help`/`-h` is added to
 * every command. `maxPositionals` bounds the operands (e.g. solve's FILE); `-` counts as an operand.
 */
export function parseCommandArgs(command: string, args: string[], options: Record<string, OptionSpec>, maxPositionals = 0): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw argumentsError(command, e);
  }
  const values = parsed.values as ParsedArgs['values'];
  const help = values['help'] === true;
  if (!help && parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).map((p) => JSON.stringify(p)).join(' ');
    const allowed = maxPositionals === 0 ? 'no operands' : `at most ${maxPositionals} operand${maxPositionals === 1 ? '' : 's'}`;
    throw new InputError('arguments', `${command} takes ${allowed}; unexpected ${extra}`);
  }
  return { values, positionals: parsed.positionals, help };
}
