#!/usr/bin/env node
/**
 * The executable (package.json "bin"): runs {@link main} on the process's arguments. A closed
 * standard output (`dmf-check solve big.json | head -c 100`) ends the process quietly.
 */
import { main } from './main.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
