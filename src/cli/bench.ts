import type { CliIo } from './main.js';
export async function bench(_args: string[], io: CliIo): Promise<number> {
  io.stdout('bench: not yet\n');
  return 0;
}
