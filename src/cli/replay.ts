/**
 * `dmf-check replay [DIR] [--theorems FILE]… [--json]`: replay every fixture under DIR (default
 * fixtures/counterexamples). Exit 0 when all reproduce, 1 when some no longer do, 2 when a file is
 * malformed or tampered (its path and field are named).
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { replayDir } from '../fixtures/replay.js';
import { ClaimSet } from '../search/claims.js';
import type { CliIo } from './io.js';
import { argumentsError } from './args.js';

export const REPLAY_HELP = `Usage: dmf-check replay [DIR] [--theorems FILE]… [--json]

Replay every counterexample fixture under DIR (default fixtures/counterexamples): each recorded
refutation must still be refuted. Exit 0 when all reproduce, 1 when one no longer does (the claim,
a solver or the fixture changed), 2 when a file is malformed or tampered (path and field named).
`;

export async function replay(args: string[], io: CliIo): Promise<number> {
  let v: { theorems?: string[]; json?: boolean; help?: boolean }, positionals: string[];
  try {
    ({ values: v, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { theorems: { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    throw argumentsError('replay', e);
  }
  if (v.help) {
    io.stdout(REPLAY_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new InputError('arguments', 'replay takes at most one DIR');
  const dir = positionals[0] ?? 'fixtures/counterexamples';
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    /* missing */
  }
  if (!isDir) throw new InputError('DIR', `${JSON.stringify(dir.slice(0, 200))} is not a directory`);
  const claims = await ClaimSet.load(v.theorems ?? []);
  const outcomes = replayDir(dir, claims);
  const bad = outcomes.filter((o) => o.result !== 'reproduces');
  if (v.json) io.stdout(`${JSON.stringify({ dir, fixtures: outcomes.length, outcomes })}\n`);
  else {
    for (const o of bad) io.stdout(`${o.result === 'malformed' ? 'MALFORMED' : 'CHANGED'}  ${o.message}\n`);
    io.stdout(`dmf-check replay ${dir}: ${outcomes.length} fixtures, ${outcomes.length - bad.length} reproduce, ${bad.filter((o) => o.result === 'changed').length} no longer reproduce, ${bad.filter((o) => o.result === 'malformed').length} malformed\n`);
  }
  if (bad.some((o) => o.result === 'malformed')) return 2;
  return bad.length ? 1 : 0;
}
