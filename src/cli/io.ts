/**
 * Reading problems and writing results and errors for the CLI: input is read as a stream with a
 * byte cap (an endless or huge input ends with exit 2 naming the limit, never a hang or a huge
 * string), decoded as strict UTF-8 (a byte-order mark is accepted), and error lines are made safe
 * for a terminal (control characters escaped, one line, bounded length).
 */
import { createReadStream } from 'node:fs';
import { InputError } from '../errors.js';

/** Where a command writes and reads (injectable for tests). */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => Promise<string>;
}

/** Largest input `solve` reads, in bytes (64 MiB; a 1000×1000 matrix in JSON is about 20 MB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

function limitText(limit: number): string {
  return limit % (1024 * 1024) === 0 ? `${limit / (1024 * 1024)} MiB` : `${limit} bytes`;
}

/**
 * Reads a whole stream, stopping as soon as it exceeds `limit` bytes (the stream is destroyed, so
 * `/dev/zero` or endless standard input ends at once). `what` names the input in errors.
 */
export async function readCapped(stream: NodeJS.ReadableStream, what: string, limit = MAX_INPUT_BYTES, name = ''): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const c of stream) {
      const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
      total += b.length;
      if (total > limit) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        throw new InputError(what, `is larger than the input limit of ${limitText(limit)}`);
      }
      chunks.push(b);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(what, `cannot read ${name}(${code})`);
  }
  return decodeUtf8(Buffer.concat(chunks, total), what);
}

/** Strict UTF-8 with an optional byte-order mark; invalid bytes are an input error, not U+FFFD. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(what, 'must be UTF-8 text');
  }
}

export function readStdin(stream: NodeJS.ReadableStream = process.stdin, limit = MAX_INPUT_BYTES): Promise<string> {
  return readCapped(stream, 'input', limit);
}

/** Reads FILE with the same cap as standard input (FILE may be a pipe or a device). */
export async function readFileText(path: string, limit = MAX_INPUT_BYTES): Promise<string> {
  const stream = createReadStream(path);
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError('FILE', `cannot read ${JSON.stringify(path)} (${code})`);
  }
  return readCapped(stream, 'FILE', limit, `${JSON.stringify(path)} `);
}

export function parseJson(text: string, what = 'input'): unknown {
  if (text.trim() === '') throw new InputError(what, 'is empty: expected a JSON problem');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(what, `must be valid JSON (${(e as Error).message})`);
  }
}

/** Longest line `terminalLine` returns (characters, the line feed excluded). */
export const MAX_ERROR_LINE = 299;

// C0/C1 controls and DEL, line and paragraph separators, bidirectional controls, lone surrogates.
const UNSAFE = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One printable line a terminal can trust: every control character (NUL, CR, LF, ESC, DEL, C1),
 * U+2028/2029, bidirectional controls and lone surrogates are shown as escapes, and the line is
 * cut to at most `max` characters, marking how much was cut.
 */
export function terminalLine(s: string, max = MAX_ERROR_LINE): string {
  const escaped = s.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped.length <= max) return escaped;
  const note = ` … (${escaped.length} characters, cut)`;
  let head = escaped.slice(0, max - note.length);
  // Do not cut a surrogate pair in half.
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return head + note;
}
