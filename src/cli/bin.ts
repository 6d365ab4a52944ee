#!/usr/bin/env node
/**
 * The executable (package.json "bin"): runs {@link main} on the process's arguments. A closed
 * standard output or error (`dmf-check solve big.json | head -c 100`) ends the process quietly.
 */
import { main } from './main.js';

function quietOnEpipe(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
}
process.stdout.on('error', quietOnEpipe);
process.stderr.on('error', quietOnEpipe);
process.exitCode = await main(process.argv.slice(2));
