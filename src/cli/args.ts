/**
 * Command-line conventions shared by every command: options parsed by `node:util`'s `parseArgs`
 * (so `--opt value` and `--opt=value` both work, and unknown options are errors), `--help`/`-h`,
 * and integer and seed options that accept exactly their documented range. Every violation is an
 * {@link InputError} naming the option and the rule, which the CLI prints as one line with exit 2.
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
    // parseArgs' messages are already precise ("Unknown option '--x'", "Option '--runs <value>'
    // argument missing"); keep its first sentence and name the command.
    const msg = String((e as Error).message).split('\n')[0]?.replace(/\. To specify a positional.*$/, '') ?? 'invalid arguments';
    throw new InputError('arguments', `${command}: ${msg} (see dmf-check ${command} --help)`);
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

/** The string value of an option, or undefined when absent. */
export function stringOption(values: ParsedArgs['values'], name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/**
 * An integer option in [min, max] written in decimal digits (an optional leading `+` or, when min
 * is negative, `-`). Anything else — `1e3`, `0x10`, `1.5`, an empty string, a value beyond the
 * range (never wrapped or rounded) — is rejected naming the option and the range.
 */
export function integerOption(name: string, text: string | undefined, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const rule = `must be an integer from ${min} to ${max}`;
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new InputError(`--${name}`, `${rule} (got ${JSON.stringify(text)})`);
  const big = BigInt(t);
  if (big < BigInt(min) || big > BigInt(max)) throw new InputError(`--${name}`, `${rule} (got ${t})`);
  return Number(big);
}

/** Largest seed: seeds are 32-bit unsigned integers, every one of them a distinct stream. */
export const MAX_SEED = 2 ** 32 - 1;

/** A seed option: every integer 0 … 2³² − 1 is accepted; anything else is rejected, never wrapped. */
export function seedOption(name: string, text: string | undefined, fallback: number): number {
  return integerOption(name, text, 0, MAX_SEED, fallback);
}
