/** Reading problems and writing results for the CLI. */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/** Where a command writes and reads (injectable for tests). */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => Promise<string>;
}

export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export function readFileText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError('FILE', `cannot read ${JSON.stringify(path)} (${code})`);
  }
}

export function parseJson(text: string, what = 'input'): unknown {
  if (text.trim() === '') throw new InputError(what, 'is empty: expected a JSON problem');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(what, `must be valid JSON (${(e as Error).message})`);
  }
}
