/** Reading one claim instance from FILE or standard input (`check --instance`, `search --record`). */
import { InputError } from '../errors.js';
import { EncodingError, decodeExact } from '../fixtures/encode.js';
import { validateInstance } from '../search/instanceShape.js';
import type { ClaimRef } from '../search/claims.js';
import { type CliIo, parseJson, readFileText } from './io.js';

/** Characters of an instance file (the size limit of `--instance` and `--record`). */
export const MAX_INSTANCE_CHARS = 1_000_000;

/**
 * The instance in FILE ("-": standard input) as JSON with exact floats (the fixtures' tagged
 * encoding is accepted), validated against the shape of the claim's own instances; bad input is an
 * InputError naming the field.
 */
export async function readInstance(ref: ClaimRef, file: string, io: CliIo): Promise<unknown> {
  const text = file === '-' ? await io.stdin() : await readFileText(file);
  if (text.length > MAX_INSTANCE_CHARS) throw new InputError('instance', `must be at most ${MAX_INSTANCE_CHARS} characters (the size limit)`);
  let inst: unknown;
  try {
    inst = decodeExact(parseJson(text.replace(/^\uFEFF/, ''), 'instance'), 'instance');
  } catch (e) {
    if (e instanceof EncodingError) throw new InputError(e.field, e.message.slice(e.field.length + 2));
    throw e;
  }
  validateInstance(ref.theorem, inst);
  return inst;
}
